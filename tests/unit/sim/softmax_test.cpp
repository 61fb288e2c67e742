// SoftmaxV2 and LogSoftmaxV2 against a naive double-precision reference over several shapes and
// axis lists, every floating type, empty and scalar inputs, and the shape functions' errors.
#include <cmath>
#include <limits>
#include <optional>

#include "tests/unit/sim/kernel_test_util.h"

namespace aclsim::sim {
namespace {

using testing::HostTensor;
using testing::RoundTo;
using testing::RunOp;
using testing::Tolerance;

const std::vector<DType> kFloats = {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64};

template <typename Fn>
void ExpectError(aclError code, Fn fn) {
  try {
    fn();
    ADD_FAILURE() << "expected an error with code " << code;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
  }
}

// The linear indices of each group of elements that share their position in the dims not in
// `axes` (a softmax's rows).
std::vector<std::vector<int64_t>> Rows(const Shape& shape, std::vector<int64_t> axes) {
  const size_t rank = shape.size();
  std::vector<bool> reduced(rank, false);
  for (int64_t& a : axes) {
    if (rank > 0) reduced[static_cast<size_t>(a < 0 ? a + static_cast<int64_t>(rank) : a)] = true;
  }
  int64_t outer = 1;
  for (size_t d = 0; d < rank; ++d) {
    if (!reduced[d]) outer *= shape[d];
  }
  std::vector<std::vector<int64_t>> rows(static_cast<size_t>(outer));
  for (int64_t i = 0; i < NumElements(shape); ++i) {
    int64_t rest = i, row = 0, scale = 1;
    for (size_t d = rank; d-- > 0;) {
      const int64_t k = rest % shape[d];
      rest /= shape[d];
      if (!reduced[d]) {
        row += k * scale;
        scale *= shape[d];
      }
    }
    rows[static_cast<size_t>(row)].push_back(i);
  }
  return rows;
}

std::vector<double> Reference(const HostTensor& x, const std::vector<int64_t>& axes, bool log) {
  std::vector<double> y(static_cast<size_t>(x.size()));
  for (const auto& row : Rows(x.spec().shape, axes)) {
    double max = -std::numeric_limits<double>::infinity();
    for (int64_t i : row) max = std::max(max, x.Get(i));
    double sum = 0;
    for (int64_t i : row) sum += std::exp(x.Get(i) - max);
    for (int64_t i : row) {
      y[static_cast<size_t>(i)] = log ? x.Get(i) - max - std::log(sum) : std::exp(x.Get(i) - max) / sum;
    }
  }
  return y;
}

struct Case {
  Shape shape;
  std::optional<std::vector<int64_t>> axes;  // nullopt: the default [-1]
};

const std::vector<Case> kCases = {
    {{7}, std::nullopt},           {{2, 3, 5}, std::nullopt}, {{2, 3, 5}, std::vector<int64_t>{1}},
    {{2, 3, 5}, std::vector<int64_t>{0, 2}}, {{2, 3, 5}, std::vector<int64_t>{-3, -1, 1}},
    {{4, 1, 3}, std::vector<int64_t>{1}},    {{0, 3}, std::nullopt}, {{3, 0}, std::nullopt},
    {{}, std::nullopt},           {{3, 4}, std::vector<int64_t>{}},
};

void Check(const std::string& op, bool log, DType dtype, const std::vector<Case>& cases,
           const Parallel& parallel = Parallel::Inline()) {
  uint32_t seed = 1;
  for (const Case& c : cases) {
    HostTensor x(dtype, c.shape);
    x.FillRandom(seed++, -6, 6);
    Attrs attrs;
    if (c.axes) attrs["axes"] = *c.axes;
    auto out = RunOp(op, {&x}, attrs, parallel);
    ASSERT_EQ(out[0].spec().shape, c.shape);
    ASSERT_EQ(out[0].spec().dtype, dtype);
    const auto want = Reference(x, c.axes.value_or(std::vector<int64_t>{-1}), log);
    for (int64_t i = 0; i < x.size(); ++i) {
      const double r = RoundTo(dtype, want[static_cast<size_t>(i)]);
      ASSERT_NEAR(out[0].Get(i), r, Tolerance(dtype, r)) << op << " " << Name(dtype) << " " << ToString(c.shape) << " at " << i;
    }
  }
}

TEST(Softmax, SoftmaxV2MatchesReferenceForEveryTypeShapeAndAxes) {
  for (DType t : kFloats) Check("SoftmaxV2", false, t, kCases);
}

TEST(Softmax, LogSoftmaxV2MatchesReferenceForEveryTypeShapeAndAxes) {
  for (DType t : kFloats) Check("LogSoftmaxV2", true, t, kCases);
}

TEST(Softmax, RowsSumToOne) {
  HostTensor x(DType::kFloat32, {5, 17});
  x.FillRandom(3, -20, 20);
  auto out = RunOp("SoftmaxV2", {&x});
  for (int64_t r = 0; r < 5; ++r) {
    double sum = 0;
    for (int64_t j = 0; j < 17; ++j) sum += out[0].Get(r * 17 + j);
    EXPECT_NEAR(sum, 1.0, 1e-6);
  }
}

TEST(Softmax, HalfToFloatGivesFloat32Output) {
  HostTensor x(DType::kFloat16, {3, 6});
  x.FillRandom(4, -3, 3);
  auto out = RunOp("SoftmaxV2", {&x}, {{"half_to_float", true}});
  ASSERT_EQ(out[0].spec().dtype, DType::kFloat32);
  const auto want = Reference(x, {-1}, false);
  for (int64_t i = 0; i < x.size(); ++i) EXPECT_NEAR(out[0].Get(i), want[static_cast<size_t>(i)], 1e-6);
  HostTensor f(DType::kFloat32, {2});
  EXPECT_EQ(RunOp("SoftmaxV2", {&f}, {{"half_to_float", true}})[0].spec().dtype, DType::kFloat32);
  HostTensor b(DType::kBFloat16, {2});
  EXPECT_EQ(RunOp("SoftmaxV2", {&b}, {{"half_to_float", true}})[0].spec().dtype, DType::kBFloat16);
}

TEST(Softmax, LargeLogitsDoNotOverflow) {
  HostTensor x(DType::kFloat32, {3});
  x.Set(0, 1000);
  x.Set(1, 1001);
  x.Set(2, 1002);
  auto out = RunOp("SoftmaxV2", {&x});
  const double s = 1 + std::exp(1.0) + std::exp(2.0);
  EXPECT_NEAR(out[0].Get(0), 1 / s, 1e-6);
  EXPECT_NEAR(out[0].Get(2), std::exp(2.0) / s, 1e-6);
  auto log_out = RunOp("LogSoftmaxV2", {&x});
  EXPECT_NEAR(log_out[0].Get(0), -std::log(s), 1e-5);
  HostTensor h(DType::kFloat16, {2});
  h.Set(0, 60000);
  h.Set(1, -60000);
  auto hout = RunOp("SoftmaxV2", {&h});
  EXPECT_EQ(hout[0].Get(0), 1.0);
  EXPECT_EQ(hout[0].Get(1), 0.0);
}

TEST(Softmax, NaNSpoilsOnlyItsOwnRow) {
  HostTensor x(DType::kFloat32, {2, 3});
  x.FillRandom(5, -1, 1);
  x.Set(1, std::nan(""));
  auto out = RunOp("SoftmaxV2", {&x});
  for (int64_t j = 0; j < 3; ++j) EXPECT_TRUE(std::isnan(out[0].Get(j)));
  for (int64_t j = 3; j < 6; ++j) EXPECT_FALSE(std::isnan(out[0].Get(j)));
}

TEST(Softmax, LargeInputsOnManyThreads) {
  static const Parallel parallel(4);
  const std::vector<Case> cases = {{{300, 1000}, std::nullopt}, {{1000, 70}, std::vector<int64_t>{0}}};
  Check("SoftmaxV2", false, DType::kFloat32, cases, parallel);
  Check("LogSoftmaxV2", true, DType::kFloat16, cases, parallel);
}

TEST(Softmax, NonFloatingTypesAreRejected) {
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [] { Kernels().Infer("SoftmaxV2", {{DType::kInt32, {2, 3}}}, {}); });
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [] { Kernels().Infer("LogSoftmaxV2", {{DType::kBool, {2}}}, {}); });
}

TEST(Softmax, AxesOutOfRangeAreRejected) {
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH,
              [] { Kernels().Infer("SoftmaxV2", {{DType::kFloat32, {2, 3}}}, {{"axes", std::vector<int64_t>{2}}}); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH,
              [] { Kernels().Infer("LogSoftmaxV2", {{DType::kFloat32, {2, 3}}}, {{"axes", std::vector<int64_t>{-3}}}); });
}

TEST(Softmax, AxesOfTheWrongKindAreRejected) {
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH,
              [] { Kernels().Infer("SoftmaxV2", {{DType::kFloat32, {2, 3}}}, {{"axes", int64_t{1}}}); });
}

TEST(Softmax, WrongInputCountIsRejected) {
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH,
              [] { Kernels().Infer("SoftmaxV2", {{DType::kFloat32, {2}}, {DType::kFloat32, {2}}}, {}); });
}

// ---- Hardmax --------------------------------------------------------------------------------------

TEST(Hardmax, MarksTheFirstMaximumAlongTheAxis) {
  for (DType t : {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64}) {
    for (int64_t axis : {0, 1, 2, -1}) {
      HostTensor x(t, {3, 4, 5});
      x.FillRandom(9, -3, 3);  // coarse values, so ties happen in the 16-bit types
      for (int64_t i = 0; i < x.size(); ++i) x.Set(i, std::round(x.Get(i)));
      auto out = RunOp("Hardmax", {&x}, {{"axis", axis}});
      ASSERT_EQ(out[0].spec().dtype, t);
      const Shape shape = {3, 4, 5};
      const int64_t a = axis < 0 ? axis + 3 : axis;
      int64_t stride = 1;
      for (int64_t d = a + 1; d < 3; ++d) stride *= shape[static_cast<size_t>(d)];
      const int64_t len = shape[static_cast<size_t>(a)];
      for (int64_t i = 0; i < x.size(); ++i) {
        const int64_t pos = (i / stride) % len, start = i - pos * stride;
        int64_t best = 0;
        for (int64_t k = 1; k < len; ++k) {
          if (x.Get(start + k * stride) > x.Get(start + best * stride)) best = k;
        }
        ASSERT_EQ(out[0].Get(i), pos == best ? 1.0 : 0.0) << Name(t) << " axis " << axis << " at " << i;
      }
    }
  }
}

TEST(Hardmax, EmptyAndLargeInputs) {
  HostTensor empty(DType::kFloat32, {0, 3});
  EXPECT_EQ(RunOp("Hardmax", {&empty})[0].spec().shape, (Shape{0, 3}));
  static const Parallel parallel(4);
  HostTensor big(DType::kFloat32, {20000, 8});
  big.FillRandom(2, -1, 1);
  auto out = RunOp("Hardmax", {&big}, {}, parallel);
  for (int64_t r = 0; r < 20000; ++r) {
    double sum = 0;
    for (int64_t c = 0; c < 8; ++c) sum += out[0].Get(r * 8 + c);
    ASSERT_EQ(sum, 1.0) << r;
  }
}

TEST(Hardmax, AxisOutOfRangeIsRejected) {
  try {
    Kernels().Infer("Hardmax", {{DType::kFloat32, {2, 3}}}, {{"axis", int64_t{2}}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ACL_ERROR_OP_ATTR_NOT_MATCH);
    EXPECT_NE(std::string(e.what()).find("Hardmax"), std::string::npos);
  }
}

}  // namespace
}  // namespace aclsim::sim
