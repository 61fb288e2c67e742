// NLLLoss against a naive reference of ONNX's NegativeLogLikelihoodLoss: (N, C) and (N, C, d...)
// inputs, with and without weights, ignore_index, the three reductions, every float type, empty
// batches, and the shape function's errors.
#include <cmath>

#include "tests/unit/sim/value_test_util.h"

namespace aclsim::sim {
namespace {

using testing::CodeOf;
using testing::HostTensor;
using testing::RunOp;

struct Case {
  Shape x;
  bool weighted;
  int64_t ignore;  // a class index to ignore, or -100 (none)
};

// The reference loss: per-position losses and the weights that divide their sum for "mean".
double Reference(const HostTensor& x, const HostTensor& target, const HostTensor* weight, int64_t ignore,
                 const std::string& reduction, std::vector<double>* none) {
  const Shape& s = x.spec().shape;
  const int64_t n = s[0], c = s[1], spatial = n * c == 0 ? 0 : x.size() / (n * c);
  double sum = 0, weights = 0;
  for (int64_t b = 0; b < n; ++b) {
    for (int64_t k = 0; k < spatial; ++k) {
      const int64_t t = static_cast<int64_t>(target.Get(b * spatial + k));
      double loss = 0, w = 0;
      if (t != ignore) {
        w = weight ? weight->Get(t) : 1.0;
        loss = -x.Get((b * c + t) * spatial + k) * w;
      }
      none->push_back(loss);
      sum += loss;
      weights += w;
    }
  }
  return reduction == "sum" ? sum : sum / weights;
}

void Check(DType dtype, const Case& c, const std::string& reduction, DType target_type) {
  HostTensor x(dtype, c.x);
  x.FillRandom(3, -5, 0);
  Shape ts = {c.x[0]};
  ts.insert(ts.end(), c.x.begin() + 2, c.x.end());
  HostTensor target(target_type, ts);
  target.FillRandom(4, 0, static_cast<double>(c.x[1] - 1));
  HostTensor weight(dtype, {c.x[1]});
  weight.FillRandom(5, 0.1, 2);
  Attrs attrs = {{"reduction", reduction}};
  if (c.ignore != -100) attrs["ignore_index"] = c.ignore;
  std::vector<HostTensor*> inputs = {&x, &target};
  if (c.weighted) inputs.push_back(&weight);
  static const Parallel parallel(4);
  auto out = RunOp("NLLLoss", inputs, attrs, parallel);
  std::vector<double> none;
  const double want = Reference(x, target, c.weighted ? &weight : nullptr, c.ignore, reduction, &none);
  ASSERT_EQ(out[0].spec().dtype, dtype);
  if (reduction == "none") {
    ASSERT_EQ(out[0].spec().shape, ts);
    for (int64_t i = 0; i < out[0].size(); ++i) {
      const double r = testing::RoundTo(dtype, none[static_cast<size_t>(i)]);
      ASSERT_NEAR(out[0].Get(i), r, testing::Tolerance(dtype, r)) << Name(dtype) << " " << ToString(c.x) << " at " << i;
    }
  } else {
    ASSERT_EQ(out[0].spec().shape, Shape{});
    const double r = testing::RoundTo(dtype, want);
    if (std::isnan(r)) {
      EXPECT_TRUE(std::isnan(out[0].Get(0)));
    } else {
      EXPECT_NEAR(out[0].Get(0), r, testing::Tolerance(dtype, r)) << Name(dtype) << " " << ToString(c.x) << " " << reduction;
    }
  }
}

const std::vector<Case> kCases = {
    {{3, 5}, false, -100}, {{3, 5}, true, -100}, {{4, 3, 2}, true, 1},       {{2, 4, 3, 2}, false, 0},
    {{2, 4, 3, 2}, true, 2}, {{1, 1}, false, -100}, {{0, 3}, true, -100}, {{64, 10, 40}, true, 3},
};

TEST(NLLLoss, MatchesTheReferenceForEveryReductionTypeAndShape) {
  for (DType t : {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64}) {
    for (const Case& c : kCases) {
      for (const char* reduction : {"none", "sum", "mean"}) {
        if (c.x[0] == 0 && std::string(reduction) == "mean") continue;  // 0 / 0, checked below
        Check(t, c, reduction, DType::kInt64);
      }
    }
  }
  Check(DType::kFloat32, kCases[2], "mean", DType::kInt32);
}

TEST(NLLLoss, WeightedMeanDividesByTheWeightsOfTheTargetsKept) {
  HostTensor x(DType::kFloat32, {3, 2});
  for (int64_t i = 0; i < 6; ++i) x.Set(i, -static_cast<double>(i + 1));  // [[-1,-2],[-3,-4],[-5,-6]]
  HostTensor target = testing::Ints(DType::kInt64, {3}, {0, 1, 1});
  HostTensor weight(DType::kFloat32, {2});
  weight.Set(0, 2);
  weight.Set(1, 0.5);
  // (1*2 + 4*0.5 + 6*0.5) / (2 + 0.5 + 0.5) = 7 / 3
  EXPECT_NEAR(RunOp("NLLLoss", {&x, &target, &weight})[0].Get(0), 7.0 / 3.0, 1e-6);
  // ignoring class 0: (4*0.5 + 6*0.5) / 1
  EXPECT_NEAR(RunOp("NLLLoss", {&x, &target, &weight}, {{"ignore_index", int64_t{0}}})[0].Get(0), 5.0, 1e-6);
  // an absent weight input (left out before nothing) counts as no weights
  EXPECT_NEAR(testing::Exec("NLLLoss", {&x, &target, nullptr}, {}, {{"reduction", std::string("sum")}})[0].Get(0), 11.0,
              1e-6);
}

TEST(NLLLoss, MeanWhenEveryTargetIsIgnoredIsNaN) {
  HostTensor x(DType::kFloat32, {2, 3});
  HostTensor target = testing::Ints(DType::kInt32, {2}, {1, 1});
  EXPECT_TRUE(std::isnan(RunOp("NLLLoss", {&x, &target}, {{"ignore_index", int64_t{1}}})[0].Get(0)));
}

TEST(NLLLoss, TargetOutsideTheClassesIsAnError) {
  HostTensor x(DType::kFloat32, {2, 3});
  HostTensor target = testing::Ints(DType::kInt64, {2}, {0, 3});
  EXPECT_EQ(CodeOf([&] { RunOp("NLLLoss", {&x, &target}); }), ACL_ERROR_INVALID_PARAM);
}

TEST(NLLLoss, ShapeFunctionErrors) {
  auto code = [](const std::vector<TensorSpec>& in, const Attrs& attrs = {}) {
    return CodeOf([&] { Kernels().Infer("NLLLoss", in, attrs); });
  };
  EXPECT_EQ(code({{DType::kFloat32, {3, 4}}, {DType::kInt64, {4}}}), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(code({{DType::kFloat32, {3}}, {DType::kInt64, {3}}}), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(code({{DType::kFloat32, {3, 4}}, {DType::kFloat32, {3}}}), ACL_ERROR_UNSUPPORTED_DATA_TYPE);
  EXPECT_EQ(code({{DType::kFloat32, {3, 4}}, {DType::kInt64, {3}}, {DType::kFloat32, {3}}}), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(code({{DType::kFloat32, {3, 4}}, {DType::kInt64, {3}}}, {{"reduction", std::string("avg")}}),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(code({{DType::kInt32, {3, 4}}, {DType::kInt64, {3}}}), ACL_ERROR_UNSUPPORTED_DATA_TYPE);
}

}  // namespace
}  // namespace aclsim::sim
