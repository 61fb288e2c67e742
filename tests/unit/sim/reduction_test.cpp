// Reductions (Reduce* and their D variants, ReduceL2), ArgMaxV2/ArgMin (and the D variants),
// TopK/TopKV2 and Cumsum/CumsumD against naive double-precision references, over several
// shapes and axes, empty and odd sizes, every supported data type, and the shape functions'
// errors.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <numeric>

#include "tests/unit/sim/kernel_test_util.h"

namespace aclsim::sim {
namespace {

using testing::HostTensor;
using testing::RoundTo;
using testing::RunOp;
using testing::Tolerance;

const std::vector<DType> kFloats = {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64};
const std::vector<DType> kNumerics = {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64,
                                      DType::kInt8,    DType::kUInt8,    DType::kInt16,   DType::kUInt16,
                                      DType::kInt32,   DType::kUInt32,   DType::kInt64,   DType::kUInt64};

const Parallel& Threads() {
  static const Parallel parallel(4);
  return parallel;
}

// A 1-D (or, with scalar, 0-D) integer tensor holding `values`.
HostTensor IntTensor(DType dtype, const std::vector<int64_t>& values, bool scalar = false) {
  HostTensor t(dtype, scalar ? Shape{} : Shape{static_cast<int64_t>(values.size())});
  for (size_t i = 0; i < values.size(); ++i) t.Set(static_cast<int64_t>(i), static_cast<double>(values[i]));
  return t;
}

// RunOp, with the values of the inputs flagged in `known` visible to the shape function (as a
// constant or host input's would be).
std::vector<HostTensor> RunKnown(const std::string& op, std::vector<HostTensor*> inputs, const std::vector<bool>& known,
                                 const Attrs& attrs = {}, const Parallel& parallel = Parallel::Inline()) {
  std::vector<TensorSpec> specs;
  std::vector<TensorView> views;
  for (size_t i = 0; i < inputs.size(); ++i) {
    TensorView view = inputs[i]->view();
    if (i < known.size() && known[i]) {
      const auto* bytes = static_cast<const unsigned char*>(view.data);
      view.spec.value = std::make_shared<const std::vector<unsigned char>>(bytes, bytes + view.ByteSize());
    }
    specs.push_back(view.spec);
    views.push_back(view);
  }
  std::vector<HostTensor> outputs;
  for (const TensorSpec& s : Kernels().Infer(op, specs, attrs)) outputs.emplace_back(s.dtype, s.shape);
  std::vector<TensorView> out_views;
  for (HostTensor& t : outputs) out_views.push_back(t.view());
  Kernels().Run(op, views, out_views, attrs, parallel);
  return outputs;
}

template <typename Fn>
void ExpectError(aclError code, Fn fn) {
  try {
    fn();
    ADD_FAILURE() << "expected an error with code " << code;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
  }
}

std::vector<TensorSpec> InferKnown(const std::string& op, std::vector<HostTensor*> inputs, const Attrs& attrs) {
  std::vector<TensorSpec> specs;
  for (size_t i = 0; i < inputs.size(); ++i) {
    TensorView view = inputs[i]->view();
    if (i > 0) {
      const auto* bytes = static_cast<const unsigned char*>(view.data);
      view.spec.value = std::make_shared<const std::vector<unsigned char>>(bytes, bytes + view.ByteSize());
    }
    specs.push_back(view.spec);
  }
  return Kernels().Infer(op, specs, attrs);
}

// ---------------------------------------------------------------------------------------------
// Reference reductions: the values of each output position (kept dims row-major), in row-major
// order of the reduced dims.

std::vector<std::vector<double>> Groups(const HostTensor& x, const std::vector<bool>& reduced) {
  const Shape& shape = x.spec().shape;
  int64_t outer = 1;
  for (size_t d = 0; d < shape.size(); ++d) {
    if (!reduced[d]) outer *= shape[d];
  }
  std::vector<std::vector<double>> groups(static_cast<size_t>(outer));
  for (int64_t i = 0; i < x.size(); ++i) {
    int64_t rest = i, out = 0, scale = 1;
    for (size_t d = shape.size(); d-- > 0;) {
      const int64_t k = rest % shape[d];
      rest /= shape[d];
      if (!reduced[d]) {
        out += k * scale;
        scale *= shape[d];
      }
    }
    groups[static_cast<size_t>(out)].push_back(x.Get(i));
  }
  return groups;
}

std::vector<bool> MaskOf(size_t rank, const std::vector<int64_t>& axes) {
  std::vector<bool> mask(rank, axes.empty());
  if (rank == 0) return mask;  // a scalar's axis 0 / -1 names no dim
  for (int64_t a : axes) mask[static_cast<size_t>(a < 0 ? a + static_cast<int64_t>(rank) : a)] = true;
  return mask;
}

Shape ReducedShapeOf(const Shape& shape, const std::vector<bool>& mask, bool keep) {
  Shape out;
  for (size_t d = 0; d < shape.size(); ++d) {
    if (!mask[d]) out.push_back(shape[d]);
    else if (keep) out.push_back(1);
  }
  return out;
}

struct ReduceCase {
  Shape shape;
  std::vector<int64_t> axes;  // empty: every axis (the D variants' convention)
};

const std::vector<ReduceCase> kReduceCases = {
    {{2, 3, 4}, {1}},   {{2, 3, 4}, {0, 2}}, {{2, 3, 4}, {-1}},  {{2, 3, 4}, {2, 0, 2}}, {{7}, {0}},
    {{3, 1, 5}, {1}},   {{3, 1, 5}, {0, 2}}, {{5, 9}, {0, 1}},   {{0, 3}, {0}},         {{0, 3}, {1}},
    {{4, 0, 2}, {1}},   {{}, {0}},           {{2, 3, 4}, {}},    {{6, 5}, {-2}},
};

enum class Kind { kSum, kMean, kMax, kMin, kProd, kL2, kL1, kSumSquare, kLogSum, kLogSumExp };

double Fold(Kind kind, const std::vector<double>& v) {
  switch (kind) {
    case Kind::kSum: return std::accumulate(v.begin(), v.end(), 0.0);
    case Kind::kMean: return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    case Kind::kMax: {
      double m = -std::numeric_limits<double>::infinity();
      for (double x : v) m = std::max(m, x);
      return m;
    }
    case Kind::kMin: {
      double m = std::numeric_limits<double>::infinity();
      for (double x : v) m = std::min(m, x);
      return m;
    }
    case Kind::kProd: return std::accumulate(v.begin(), v.end(), 1.0, std::multiplies<double>());
    case Kind::kL2: {
      double s = 0;
      for (double x : v) s += x * x;
      return std::sqrt(s);
    }
    case Kind::kL1: {
      double s = 0;
      for (double x : v) s += std::abs(x);
      return s;
    }
    case Kind::kSumSquare: {
      double s = 0;
      for (double x : v) s += x * x;
      return s;
    }
    case Kind::kLogSum: return std::log(std::accumulate(v.begin(), v.end(), 0.0));
    case Kind::kLogSumExp: {
      double s = 0;
      for (double x : v) s += std::exp(x);
      return std::log(s);
    }
  }
  return 0;
}

// Checks a reduction's output against the reference over kReduceCases for `dtype`, with the axes
// as an input (D = false) or an attribute (D = true).
void CheckReduce(const std::string& op, Kind kind, DType dtype, bool d_variant, double lo, double hi,
                 const std::vector<ReduceCase>& cases = kReduceCases) {
  uint32_t seed = 1;
  for (const ReduceCase& c : cases) {
    for (bool keep : {false, true}) {
      HostTensor x(dtype, c.shape);
      x.FillRandom(seed++, lo, hi);
      Attrs attrs = {{"keep_dims", keep}};
      std::vector<HostTensor> out;
      if (d_variant) {
        attrs["axes"] = c.axes;
        out = RunOp(op, {&x}, attrs);
      } else {
        if (c.axes.empty()) attrs["noop_with_empty_axes"] = false;
        HostTensor axes = IntTensor(seed % 2 ? DType::kInt32 : DType::kInt64, c.axes);
        out = RunKnown(op, {&x, &axes}, {false, true}, attrs);
      }
      const auto mask = MaskOf(c.shape.size(), c.axes);
      ASSERT_EQ(out[0].spec().shape, ReducedShapeOf(c.shape, mask, keep)) << op << " " << ToString(c.shape);
      ASSERT_EQ(out[0].spec().dtype, dtype);
      const auto groups = Groups(x, mask);
      ASSERT_EQ(static_cast<size_t>(out[0].size()), groups.size());
      for (size_t i = 0; i < groups.size(); ++i) {
        const auto& g = groups[i];
        double want = Fold(kind, g);
        if (!IsFloating(dtype) && kind == Kind::kMean) want = std::trunc(want);
        const double got = out[0].Get(static_cast<int64_t>(i));
        if (IsFloating(dtype)) {
          double l1 = 0;
          for (double v : g) l1 += std::abs(kind == Kind::kL2 || kind == Kind::kSumSquare ? v * v : v);
          if (kind == Kind::kMean) l1 /= std::max<double>(1, static_cast<double>(g.size()));
          if (kind == Kind::kProd) l1 = std::abs(want) * static_cast<double>(g.size());
          const double acc = dtype == DType::kFloat64 ? 1e-14 : 1e-6;
          const double r = RoundTo(dtype, want);
          if (std::isinf(r)) {  // the log of an empty sum
            ASSERT_EQ(got, r) << op << " " << Name(dtype) << " shape " << ToString(c.shape);
            continue;
          }
          ASSERT_NEAR(got, r, Tolerance(dtype, r) + acc * l1)
              << op << " " << Name(dtype) << " shape " << ToString(c.shape) << " keep " << keep << " at " << i;
        } else {
          ASSERT_EQ(got, want) << op << " " << Name(dtype) << " shape " << ToString(c.shape) << " at " << i;
        }
      }
    }
  }
}

double LowFor(DType t, double lo) { return (t == DType::kUInt8 || t == DType::kUInt16 || t == DType::kUInt32 || t == DType::kUInt64) ? 0 : lo; }

TEST(Reduction, ReduceL1MatchesReference) {
  for (DType t : kFloats) CheckReduce("ReduceL1", Kind::kL1, t, true, -4, 4);
  for (DType t : {DType::kInt32, DType::kInt64, DType::kUInt32}) CheckReduce("ReduceL1", Kind::kL1, t, true, LowFor(t, -4), 4);
}

TEST(Reduction, ReduceSumSquareMatchesReference) {
  for (DType t : kFloats) CheckReduce("ReduceSumSquare", Kind::kSumSquare, t, true, -3, 3);
  for (DType t : {DType::kInt32, DType::kUInt64}) CheckReduce("ReduceSumSquare", Kind::kSumSquare, t, true, LowFor(t, -4), 4);
}

TEST(Reduction, ReduceLogSumMatchesReferenceAndIsMinusInfinityOverNothing) {
  for (DType t : kFloats) CheckReduce("ReduceLogSum", Kind::kLogSum, t, true, 0.5, 4);
}

TEST(Reduction, ReduceLogSumExpMatchesReferenceAndIsMinusInfinityOverNothing) {
  for (DType t : kFloats) CheckReduce("ReduceLogSumExp", Kind::kLogSumExp, t, true, -4, 4);
}

TEST(Reduction, ReduceLogSumExpDoesNotOverflowForLargeValues) {
  HostTensor x(DType::kFloat32, {2, 2});
  for (int64_t i = 0; i < 4; ++i) x.Set(i, 1000.0 + static_cast<double>(i % 2));
  auto out = RunOp("ReduceLogSumExp", {&x}, {{"axes", std::vector<int64_t>{1}}, {"keep_dims", true}});
  ASSERT_EQ(out[0].spec().shape, (Shape{2, 1}));
  EXPECT_NEAR(out[0].Get(0), 1001.0 + std::log1p(std::exp(-1.0)), 1e-3);
}

TEST(Reduction, OnnxReductionsTakeAbsentAxesAsEveryAxisUnlessNoOp) {
  HostTensor x(DType::kFloat32, {2, 3});
  for (int64_t i = 0; i < 6; ++i) x.Set(i, static_cast<double>(i) - 2.0);
  auto all = RunOp("ReduceL1", {&x});
  ASSERT_EQ(all[0].spec().shape, Shape{});
  EXPECT_EQ(all[0].Get(0), 2 + 1 + 0 + 1 + 2 + 3);
  auto noop = RunOp("ReduceSumSquare", {&x}, {{"noop_with_empty_axes", true}});
  EXPECT_EQ(noop[0].Values(), x.Values());
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [] {
    HostTensor ints(DType::kInt32, {2});
    RunOp("ReduceLogSum", {&ints});
  });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { RunOp("ReduceLogSumExp", {&x}, {{"axes", std::vector<int64_t>{2}}}); });
}

TEST(Reduction, ReduceSumMatchesReferenceForEveryTypeAndAxes) {
  for (DType t : kNumerics) CheckReduce("ReduceSum", Kind::kSum, t, false, LowFor(t, -4), 4);
}

TEST(Reduction, ReduceSumDMatchesReference) {
  for (DType t : kNumerics) CheckReduce("ReduceSumD", Kind::kSum, t, true, LowFor(t, -4), 4);
}

TEST(Reduction, ReduceMeanMatchesReferenceAndTruncatesIntegers) {
  const std::vector<ReduceCase> nonempty = {{{2, 3, 4}, {1}}, {{2, 3, 4}, {0, 2}}, {{7}, {0}}, {{5, 9}, {-1}},
                                            {{3, 1, 5}, {}},  {{0, 3}, {1}},       {{}, {0}}};
  for (DType t : kNumerics) {
    CheckReduce("ReduceMean", Kind::kMean, t, false, LowFor(t, -9), 9, nonempty);
    CheckReduce("ReduceMeanD", Kind::kMean, t, true, LowFor(t, -9), 9, nonempty);
  }
}

TEST(Reduction, ReduceMeanOfFloatsOverNothingIsNaN) {
  HostTensor x(DType::kFloat32, {3, 0});
  HostTensor axes = IntTensor(DType::kInt32, {1});
  auto out = RunKnown("ReduceMean", {&x, &axes}, {false, true});
  ASSERT_EQ(out[0].size(), 3);
  EXPECT_TRUE(std::isnan(out[0].Get(0)));
}

TEST(Reduction, IntegerMeanOverNothingIsAnErrorNotACrash) {
  HostTensor x(DType::kInt32, {3, 0});
  HostTensor axes = IntTensor(DType::kInt32, {1});
  ExpectError(ACL_ERROR_INVALID_PARAM, [&] { RunKnown("ReduceMean", {&x, &axes}, {false, true}); });
}

TEST(Reduction, ReduceMaxAndMinMatchReference) {
  for (DType t : kNumerics) {
    const std::vector<ReduceCase> cases = {{{2, 3, 4}, {1}}, {{2, 3, 4}, {0, 2}}, {{7}, {0}}, {{3, 1, 5}, {}},
                                           {{0, 3}, {1}},    {{}, {-1}}};
    CheckReduce("ReduceMax", Kind::kMax, t, false, LowFor(t, -50), 50, cases);
    CheckReduce("ReduceMin", Kind::kMin, t, false, LowFor(t, -50), 50, cases);
    CheckReduce("ReduceMaxD", Kind::kMax, t, true, LowFor(t, -50), 50, cases);
    CheckReduce("ReduceMinD", Kind::kMin, t, true, LowFor(t, -50), 50, cases);
  }
}

TEST(Reduction, ReduceMaxOverNothingIsTheIdentity) {
  HostTensor x(DType::kFloat32, {2, 0});
  auto out = RunOp("ReduceMaxD", {&x}, {{"axes", std::vector<int64_t>{1}}});
  EXPECT_EQ(out[0].Get(0), -std::numeric_limits<double>::infinity());
  out = RunOp("ReduceMinD", {&x}, {{"axes", std::vector<int64_t>{1}}});
  EXPECT_EQ(out[0].Get(1), std::numeric_limits<double>::infinity());
  HostTensor i(DType::kInt16, {2, 0});
  out = RunOp("ReduceMaxD", {&i}, {{"axes", std::vector<int64_t>{1}}});
  EXPECT_EQ(out[0].Get(0), std::numeric_limits<int16_t>::lowest());
}

TEST(Reduction, ReduceMaxPropagatesNaN) {
  HostTensor x(DType::kFloat32, {2, 3});
  x.FillRandom(3, -1, 1);
  x.Set(4, std::nan(""));
  auto out = RunOp("ReduceMaxD", {&x}, {{"axes", std::vector<int64_t>{1}}});
  EXPECT_FALSE(std::isnan(out[0].Get(0)));
  EXPECT_TRUE(std::isnan(out[0].Get(1)));
  out = RunOp("ReduceMinD", {&x}, {{"axes", std::vector<int64_t>{1}}});
  EXPECT_TRUE(std::isnan(out[0].Get(1)));
}

TEST(Reduction, ReduceProdMatchesReference) {
  const std::vector<ReduceCase> cases = {{{2, 3, 4}, {1}}, {{2, 3, 2}, {0, 2}}, {{4}, {0}}, {{3, 1, 2}, {}},
                                         {{0, 3}, {0}},    {{}, {0}}};
  for (DType t : kNumerics) {
    const double lo = IsFloating(t) ? 0.5 : LowFor(t, -2), hi = IsFloating(t) ? 1.5 : 2;
    CheckReduce("ReduceProd", Kind::kProd, t, false, lo, hi, cases);
    CheckReduce("ReduceProdD", Kind::kProd, t, true, lo, hi, cases);
  }
}

TEST(Reduction, ReduceL2MatchesReference) {
  for (DType t : kFloats) CheckReduce("ReduceL2", Kind::kL2, t, false, -3, 3);
}

TEST(Reduction, ReduceL2WithoutAxesReducesEverything) {
  HostTensor x(DType::kFloat32, {2, 2});
  for (int i = 0; i < 4; ++i) x.Set(i, i + 1);
  auto out = RunOp("ReduceL2", {&x});
  ASSERT_EQ(out[0].spec().shape, Shape{});
  EXPECT_NEAR(out[0].Get(0), std::sqrt(30.0), 1e-5);
}

TEST(Reduction, IntegerSumsWrapAround) {
  HostTensor x(DType::kInt8, {2});
  x.Set(0, 100);
  x.Set(1, 100);
  EXPECT_EQ(RunOp("ReduceSumD", {&x}, {{"axes", std::vector<int64_t>{0}}})[0].Get(0), -56);
  HostTensor y(DType::kInt32, {2});
  y.Set(0, 2147483647);
  y.Set(1, 1);
  EXPECT_EQ(RunOp("ReduceSumD", {&y}, {{"axes", std::vector<int64_t>{0}}})[0].Get(0), -2147483648.0);
  HostTensor z(DType::kUInt8, {3});
  z.Set(0, 16);
  z.Set(1, 16);
  z.Set(2, 2);
  EXPECT_EQ(RunOp("ReduceProdD", {&z}, {{"axes", std::vector<int64_t>{0}}})[0].Get(0), 0);
}

TEST(Reduction, EmptyAxesInputIsANoOpByDefault) {
  HostTensor x(DType::kFloat32, {2, 3});
  x.FillRandom(5, -2, 2);
  HostTensor axes(DType::kInt32, {0});
  for (const char* op : {"ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd"}) {
    auto out = RunKnown(op, {&x, &axes}, {false, true}, {{"keep_dims", false}});
    EXPECT_EQ(out[0].spec().shape, x.spec().shape) << op;
    EXPECT_EQ(out[0].Values(), x.Values()) << op;
  }
}

TEST(Reduction, EmptyAxesInputWithoutNoOpReducesEverything) {
  HostTensor x(DType::kFloat32, {2, 3});
  x.FillRandom(6, -2, 2);
  HostTensor axes(DType::kInt64, {0});
  auto out = RunKnown("ReduceSum", {&x, &axes}, {false, true}, {{"noop_with_empty_axes", false}, {"keep_dims", true}});
  ASSERT_EQ(out[0].spec().shape, (Shape{1, 1}));
  const auto v = x.Values();
  EXPECT_NEAR(out[0].Get(0), std::accumulate(v.begin(), v.end(), 0.0), 1e-5);
}

TEST(Reduction, EmptyAxesAttributeReducesEverythingUnlessReduceMeanDSaysNoOp) {
  HostTensor x(DType::kFloat32, {2, 3});
  x.FillRandom(7, -2, 2);
  EXPECT_EQ(RunOp("ReduceMaxD", {&x}, {{"axes", std::vector<int64_t>{}}})[0].spec().shape, Shape{});
  EXPECT_EQ(RunOp("ReduceMeanD", {&x}, {{"axes", std::vector<int64_t>{}}})[0].spec().shape, Shape{});
  auto out = RunOp("ReduceMeanD", {&x}, {{"axes", std::vector<int64_t>{}}, {"noop_with_empty_axes", true}});
  EXPECT_EQ(out[0].Values(), x.Values());
}

TEST(Reduction, ReduceL2WithEmptyOrAbsentAxesAndNoOpCopiesTheInput) {
  HostTensor x(DType::kFloat32, {3});
  x.Set(0, -2);
  x.Set(1, 3);
  x.Set(2, 0.5);
  HostTensor axes(DType::kInt32, {0});
  auto out = RunKnown("ReduceL2", {&x, &axes}, {false, true}, {{"noop_with_empty_axes", true}});
  EXPECT_EQ(out[0].Values(), x.Values());
  EXPECT_EQ(RunOp("ReduceL2", {&x}, {{"noop_with_empty_axes", true}})[0].Values(), x.Values());  // absent axes
}

TEST(Reduction, LongSumsAreAccurateAndIndependentOfTheThreadCount) {
  for (const ReduceCase& c : std::vector<ReduceCase>{{{200001}, {0}}, {{3, 70000}, {1}}, {{50000, 3}, {0}}}) {
    for (DType t : {DType::kFloat32, DType::kFloat16, DType::kFloat64}) {
      HostTensor x(t, c.shape);
      x.FillRandom(11, -1, 1);
      const Attrs attrs = {{"axes", c.axes}};
      auto threaded = RunOp("ReduceSumD", {&x}, attrs, Threads());
      auto inline_run = RunOp("ReduceSumD", {&x}, attrs);
      EXPECT_EQ(threaded[0].Values(), inline_run[0].Values()) << ToString(c.shape);
      const auto groups = Groups(x, MaskOf(c.shape.size(), c.axes));
      for (size_t i = 0; i < groups.size(); ++i) {
        const double want = std::accumulate(groups[i].begin(), groups[i].end(), 0.0);
        // Pairwise float32 accumulation: far inside n * eps of the sum of magnitudes.
        const double tol = Tolerance(t, want) + (t == DType::kFloat64 ? 1e-12 : 2e-7 * std::sqrt(groups[i].size()));
        EXPECT_NEAR(threaded[0].Get(static_cast<int64_t>(i)), RoundTo(t, want), tol) << ToString(c.shape);
      }
    }
  }
}

TEST(Reduction, LargeReductionsOfEveryKindMatchOnManyThreads) {
  HostTensor x(DType::kFloat32, {600, 300});
  x.FillRandom(12, 0.5, 1.5);
  for (const auto& [op, kind] : std::vector<std::pair<std::string, Kind>>{
           {"ReduceMaxD", Kind::kMax}, {"ReduceMinD", Kind::kMin}, {"ReduceMeanD", Kind::kMean}}) {
    for (int64_t axis : {0, 1}) {
      auto out = RunOp(op, {&x}, {{"axes", std::vector<int64_t>{axis}}}, Threads());
      const auto groups = Groups(x, MaskOf(2, {axis}));
      for (size_t i = 0; i < groups.size(); ++i) {
        const double want = Fold(kind, groups[i]);
        ASSERT_NEAR(out[0].Get(static_cast<int64_t>(i)), want, 1e-5 * std::max(1.0, std::abs(want))) << op;
      }
    }
  }
  HostTensor i(DType::kInt64, {400, 500});
  i.FillRandom(13, -1000, 1000);
  HostTensor axes = IntTensor(DType::kInt32, {0});
  auto out = RunKnown("ReduceSum", {&i, &axes}, {false, true}, {}, Threads());
  const auto groups = Groups(i, MaskOf(2, {0}));
  for (size_t k = 0; k < groups.size(); ++k) {
    ASSERT_EQ(out[0].Get(static_cast<int64_t>(k)), std::accumulate(groups[k].begin(), groups[k].end(), 0.0));
  }
}

TEST(Reduction, AxesOutOfRangeAreRejected) {
  HostTensor x(DType::kFloat32, {2, 3});
  HostTensor axes = IntTensor(DType::kInt32, {2});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { InferKnown("ReduceSum", {&x, &axes}, {}); });
  HostTensor negative = IntTensor(DType::kInt64, {-3});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { InferKnown("ReduceMax", {&x, &negative}, {}); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH,
              [&] { Kernels().Infer("ReduceSumD", {x.spec()}, {{"axes", std::vector<int64_t>{0, 5}}}); });
}

TEST(Reduction, AxesMustBeKnownIntegersAndTheDVariantsNeedThem) {
  HostTensor x(DType::kFloat32, {2, 3});
  HostTensor axes = IntTensor(DType::kInt32, {1});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { Kernels().Infer("ReduceSum", {x.spec(), axes.spec()}, {}); });
  HostTensor float_axes(DType::kFloat32, {1});
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [&] { InferKnown("ReduceSum", {&x, &float_axes}, {}); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("ReduceSumD", {x.spec()}, {}); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH,
              [&] { Kernels().Infer("ReduceSumD", {x.spec()}, {{"axes", std::vector<int64_t>{0}}, {"keep_dims", int64_t{1}}}); });
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { Kernels().Infer("ReduceSum", {x.spec()}, {}); });
}

TEST(Reduction, UnsupportedTypesAreRejected) {
  HostTensor b(DType::kBool, {2, 3});
  HostTensor axes = IntTensor(DType::kInt32, {1});
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [&] { InferKnown("ReduceSum", {&b, &axes}, {}); });
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE,
              [&] { Kernels().Infer("ReduceProdD", {b.spec()}, {{"axes", std::vector<int64_t>{0}}}); });
  HostTensor i(DType::kInt32, {2, 3});
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [&] { InferKnown("ReduceL2", {&i, &axes}, {}); });
}

// ---------------------------------------------------------------------------------------------
// ArgMaxV2, ArgMin, ArgMaxD, ArgMinD.

// Index of the first maximum (minimum) of each group along `axis`.
std::vector<double> RefArg(const HostTensor& x, int64_t axis, bool is_max) {
  std::vector<double> out;
  for (const auto& g : Groups(x, MaskOf(x.spec().shape.size(), {axis}))) {
    size_t best = 0;
    for (size_t i = 1; i < g.size(); ++i) {
      if (is_max ? g[i] > g[best] : g[i] < g[best]) best = i;
    }
    out.push_back(static_cast<double>(best));
  }
  return out;
}

TEST(ArgMax, ArgMaxV2AndArgMinMatchReferenceForEveryTypeWithTiesToTheFirst) {
  const std::vector<std::pair<Shape, int64_t>> cases = {{{2, 3, 4}, 1}, {{2, 3, 4}, 0}, {{2, 3, 4}, -1},
                                                        {{9}, 0},       {{3, 1, 5}, 1}, {{0, 4}, 1}};
  uint32_t seed = 1;
  for (DType t : kNumerics) {
    for (const auto& [shape, axis] : cases) {
      HostTensor x(t, shape);
      x.FillRandom(seed++, LowFor(t, -3), 3);  // few distinct values: many ties
      for (bool is_max : {true, false}) {
        HostTensor dim = IntTensor(seed % 2 ? DType::kInt32 : DType::kInt64, {axis}, true);
        auto out = RunKnown(is_max ? "ArgMaxV2" : "ArgMin", {&x, &dim}, {false, true});
        EXPECT_EQ(out[0].spec().dtype, DType::kInt64);
        const auto mask = MaskOf(shape.size(), {axis});
        EXPECT_EQ(out[0].spec().shape, ReducedShapeOf(shape, mask, false));
        EXPECT_EQ(out[0].Values(), RefArg(x, axis, is_max)) << Name(t) << " " << ToString(shape) << " " << axis;
      }
    }
  }
}

TEST(ArgMax, DtypeAttributeChoosesTheIndexType) {
  HostTensor x(DType::kFloat32, {3, 4});
  x.FillRandom(3, -1, 1);
  HostTensor dim = IntTensor(DType::kInt32, {1});
  auto out = RunKnown("ArgMaxV2", {&x, &dim}, {false, true}, {{"dtype", DType::kInt32}});
  EXPECT_EQ(out[0].spec().dtype, DType::kInt32);
  EXPECT_EQ(out[0].Values(), RefArg(x, 1, true));
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { InferKnown("ArgMin", {&x, &dim}, {{"dtype", DType::kFloat32}}); });
}

TEST(ArgMax, DVariantsTakeTheDimensionAsAnAttribute) {
  HostTensor x(DType::kFloat16, {4, 5, 2});
  x.FillRandom(4, -5, 5);
  EXPECT_EQ(RunOp("ArgMaxD", {&x}, {{"dimension", int64_t{1}}})[0].Values(), RefArg(x, 1, true));
  EXPECT_EQ(RunOp("ArgMinD", {&x}, {{"dimension", int64_t{-3}}})[0].Values(), RefArg(x, 0, false));
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("ArgMaxD", {x.spec()}, {{"dimension", int64_t{3}}}); });
}

TEST(ArgMax, NaNIsTheExtremeOfBoth) {
  HostTensor x(DType::kFloat32, {5});
  for (int i = 0; i < 5; ++i) x.Set(i, i);
  x.Set(3, std::nan(""));
  HostTensor dim = IntTensor(DType::kInt32, {0}, true);
  EXPECT_EQ(RunKnown("ArgMaxV2", {&x, &dim}, {false, true})[0].Get(0), 3);
  EXPECT_EQ(RunKnown("ArgMin", {&x, &dim}, {false, true})[0].Get(0), 3);
}

TEST(ArgMax, ScalarInputGivesIndexZero) {
  HostTensor x(DType::kInt32, {});
  x.Set(0, 7);
  auto out = RunOp("ArgMaxD", {&x}, {{"dimension", int64_t{0}}});
  EXPECT_EQ(out[0].spec().shape, Shape{});
  EXPECT_EQ(out[0].Get(0), 0);
}

TEST(ArgMax, LargeInputOnManyThreads) {
  HostTensor x(DType::kFloat32, {3000, 40});
  x.FillRandom(8, -100, 100);
  HostTensor dim = IntTensor(DType::kInt64, {1});
  EXPECT_EQ(RunKnown("ArgMaxV2", {&x, &dim}, {false, true}, {}, Threads())[0].Values(), RefArg(x, 1, true));
  HostTensor dim0 = IntTensor(DType::kInt64, {0});
  EXPECT_EQ(RunKnown("ArgMin", {&x, &dim0}, {false, true}, {}, Threads())[0].Values(), RefArg(x, 0, false));
}

TEST(ArgMax, ShapeFunctionErrors) {
  HostTensor x(DType::kFloat32, {2, 3});
  HostTensor far = IntTensor(DType::kInt32, {2});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { InferKnown("ArgMaxV2", {&x, &far}, {}); });
  HostTensor two = IntTensor(DType::kInt32, {0, 1});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { InferKnown("ArgMaxV2", {&x, &two}, {}); });
  HostTensor empty(DType::kFloat32, {3, 0});
  HostTensor one = IntTensor(DType::kInt32, {1});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { InferKnown("ArgMin", {&empty, &one}, {}); });
  HostTensor b(DType::kBool, {2});
  HostTensor zero = IntTensor(DType::kInt32, {0});
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [&] { InferKnown("ArgMaxV2", {&b, &zero}, {}); });
}

// ---------------------------------------------------------------------------------------------
// TopK and TopKV2.

// The reference: along `axis`, (value, index) pairs sorted by value (largest or smallest first),
// ties by index; the first k.
void CheckTopK(const std::string& op, DType t, const Shape& shape, int64_t k, int64_t dim, bool largest,
               uint32_t seed, const Parallel& parallel = Parallel::Inline()) {
  HostTensor x(t, shape);
  x.FillRandom(seed, LowFor(t, -6), 6);
  HostTensor kt = IntTensor(DType::kInt32, {k}, true);
  auto out = RunKnown(op, {&x, &kt}, {false, true}, {{"dim", dim}, {"largest", largest}}, parallel);
  const int64_t rank = static_cast<int64_t>(shape.size()), axis = dim < 0 ? dim + rank : dim;
  Shape out_shape = shape;
  out_shape[static_cast<size_t>(axis)] = k;
  ASSERT_EQ(out[0].spec().shape, out_shape);
  ASSERT_EQ(out[1].spec().shape, out_shape);
  ASSERT_EQ(out[0].spec().dtype, t);
  ASSERT_EQ(out[1].spec().dtype, DType::kInt32);
  const auto groups = Groups(x, MaskOf(shape.size(), {axis}));
  const auto value_groups = Groups(out[0], MaskOf(shape.size(), {axis}));
  const auto index_groups = Groups(out[1], MaskOf(shape.size(), {axis}));
  for (size_t g = 0; g < groups.size(); ++g) {
    std::vector<size_t> order(groups[g].size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return largest ? groups[g][a] > groups[g][b] : groups[g][a] < groups[g][b];
    });
    for (int64_t j = 0; j < k; ++j) {
      ASSERT_EQ(index_groups[g][static_cast<size_t>(j)], static_cast<double>(order[static_cast<size_t>(j)]))
          << op << " " << Name(t) << " " << ToString(shape) << " k " << k << " dim " << dim << " group " << g;
      ASSERT_EQ(value_groups[g][static_cast<size_t>(j)], groups[g][order[static_cast<size_t>(j)]]);
    }
  }
}

TEST(TopK, TopKV2MatchesReferenceForEveryTypeAndDim) {
  uint32_t seed = 1;
  for (DType t : kNumerics) {
    for (bool largest : {true, false}) {
      CheckTopK("TopKV2", t, {2, 3, 7}, 3, -1, largest, seed++);
      CheckTopK("TopKV2", t, {2, 3, 7}, 2, 1, largest, seed++);
      CheckTopK("TopKV2", t, {5, 2}, 5, 0, largest, seed++);
      CheckTopK("TopKV2", t, {9}, 1, 0, largest, seed++);
      CheckTopK("TopKV2", t, {4, 6}, 0, 1, largest, seed++);
      CheckTopK("TopKV2", t, {0, 6}, 2, 1, largest, seed++);
    }
  }
}

TEST(TopK, TopKMatchesReference) {
  CheckTopK("TopK", DType::kFloat32, {3, 11}, 4, -1, true, 1);
  CheckTopK("TopK", DType::kInt32, {3, 11}, 11, 1, false, 2);
}

TEST(TopK, TiesKeepTheLowerIndexFirst) {
  HostTensor x(DType::kFloat32, {6});
  const double v[] = {1, 3, 3, 0, 3, 1};
  for (int i = 0; i < 6; ++i) x.Set(i, v[i]);
  HostTensor k = IntTensor(DType::kInt32, {4}, true);
  auto out = RunKnown("TopKV2", {&x, &k}, {false, true});
  EXPECT_EQ(out[0].Values(), (std::vector<double>{3, 3, 3, 1}));
  EXPECT_EQ(out[1].Values(), (std::vector<double>{1, 2, 4, 0}));
  out = RunKnown("TopKV2", {&x, &k}, {false, true}, {{"largest", false}});
  EXPECT_EQ(out[1].Values(), (std::vector<double>{3, 0, 5, 1}));
}

TEST(TopK, NaNCountsAsTheLargest) {
  HostTensor x(DType::kFloat32, {4});
  x.Set(0, 1);
  x.Set(1, std::nan(""));
  x.Set(2, 5);
  x.Set(3, -1);
  HostTensor k = IntTensor(DType::kInt32, {2}, true);
  EXPECT_EQ(RunKnown("TopK", {&x, &k}, {false, true})[1].Values(), (std::vector<double>{1, 2}));
  EXPECT_EQ(RunKnown("TopK", {&x, &k}, {false, true}, {{"largest", false}})[1].Values(), (std::vector<double>{3, 0}));
}

TEST(TopK, LargeInputOnManyThreads) {
  CheckTopK("TopKV2", DType::kFloat32, {2000, 50}, 7, 1, true, 9, Threads());
  CheckTopK("TopKV2", DType::kFloat16, {300, 40}, 5, 0, false, 10, Threads());
}

TEST(TopK, ShapeFunctionErrors) {
  HostTensor x(DType::kFloat32, {2, 5});
  HostTensor big = IntTensor(DType::kInt32, {6}, true);
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { InferKnown("TopKV2", {&x, &big}, {}); });
  HostTensor negative = IntTensor(DType::kInt32, {-1}, true);
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { InferKnown("TopKV2", {&x, &negative}, {}); });
  HostTensor k = IntTensor(DType::kInt32, {1}, true);
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { InferKnown("TopK", {&x, &k}, {{"dim", int64_t{2}}}); });
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { Kernels().Infer("TopKV2", {x.spec(), k.spec()}, {}); });
  HostTensor scalar(DType::kFloat32, {});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { InferKnown("TopKV2", {&scalar, &k}, {}); });
  HostTensor b(DType::kBool, {3});
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [&] { InferKnown("TopKV2", {&b, &k}, {}); });
}

// ---------------------------------------------------------------------------------------------
// Cumsum and CumsumD.

std::vector<double> RefCumsum(const HostTensor& x, int64_t axis, bool exclusive, bool reverse) {
  const Shape& shape = x.spec().shape;
  const int64_t rank = static_cast<int64_t>(shape.size());
  if (rank == 0) return {exclusive ? 0.0 : x.Get(0)};
  if (axis < 0) axis += rank;
  int64_t stride = 1;
  for (int64_t d = axis + 1; d < rank; ++d) stride *= shape[static_cast<size_t>(d)];
  const int64_t length = shape[static_cast<size_t>(axis)];
  std::vector<double> out(static_cast<size_t>(x.size()));
  // Each lane (start, start + stride, ...) summed in its own direction.
  for (int64_t start = 0; start < x.size(); ++start) {
    if ((start / stride) % length != 0) continue;  // not the first element of a lane
    double sum = 0;
    for (int64_t j = 0; j < length; ++j) {
      const int64_t at = start + (reverse ? length - 1 - j : j) * stride;
      if (exclusive) {
        out[static_cast<size_t>(at)] = sum;
        sum += x.Get(at);
      } else {
        sum += x.Get(at);
        out[static_cast<size_t>(at)] = sum;
      }
    }
  }
  return out;
}

void CheckCumsum(DType t, const Shape& shape, int64_t axis, bool exclusive, bool reverse, bool d_variant,
                 uint32_t seed, const Parallel& parallel = Parallel::Inline()) {
  HostTensor x(t, shape);
  x.FillRandom(seed, LowFor(t, -4), 4);
  Attrs attrs = {{"exclusive", exclusive}, {"reverse", reverse}};
  std::vector<HostTensor> out;
  if (d_variant) {
    attrs["axis"] = axis;
    out = RunOp("CumsumD", {&x}, attrs, parallel);
  } else {
    HostTensor a = IntTensor(seed % 2 ? DType::kInt32 : DType::kInt64, {axis}, true);
    out = RunKnown("Cumsum", {&x, &a}, {false, seed % 3 != 0}, attrs, parallel);  // known or not
  }
  ASSERT_EQ(out[0].spec().shape, shape);
  const auto want = RefCumsum(x, axis, exclusive, reverse);
  for (int64_t i = 0; i < x.size(); ++i) {
    const double r = RoundTo(t, want[static_cast<size_t>(i)]);
    const double tol = IsFloating(t) ? Tolerance(t, r) + 1e-6 * 4 * static_cast<double>(shape.empty() ? 1 : x.size()) : 0;
    ASSERT_NEAR(out[0].Get(i), r, tol) << Name(t) << " " << ToString(shape) << " axis " << axis << " exclusive "
                                       << exclusive << " reverse " << reverse << " at " << i;
  }
}

TEST(Cumsum, MatchesReferenceForEveryTypeAxisAndMode) {
  uint32_t seed = 1;
  for (DType t : kNumerics) {
    for (bool exclusive : {false, true}) {
      for (bool reverse : {false, true}) {
        CheckCumsum(t, {2, 3, 4}, 1, exclusive, reverse, false, seed++);
        CheckCumsum(t, {2, 3, 4}, -1, exclusive, reverse, false, seed++);
        CheckCumsum(t, {7}, 0, exclusive, reverse, false, seed++);
        CheckCumsum(t, {0, 3}, 1, exclusive, reverse, false, seed++);
        CheckCumsum(t, {}, 0, exclusive, reverse, false, seed++);
        CheckCumsum(t, {3, 1, 2}, 0, exclusive, reverse, true, seed++);
      }
    }
  }
}

TEST(Cumsum, LargeInputOnManyThreads) {
  CheckCumsum(DType::kFloat32, {2000, 30}, 0, false, false, false, 4, Threads());
  CheckCumsum(DType::kInt32, {300, 200}, 1, true, true, true, 5, Threads());
}

TEST(Cumsum, IntegerCumsumWraps) {
  HostTensor x(DType::kUInt8, {3});
  x.Set(0, 200);
  x.Set(1, 100);
  x.Set(2, 1);
  EXPECT_EQ(RunOp("CumsumD", {&x}, {{"axis", int64_t{0}}})[0].Values(), (std::vector<double>{200, 44, 45}));
}

TEST(Cumsum, ShapeFunctionAndKernelRejectAnAxisOutOfRange) {
  HostTensor x(DType::kFloat32, {2, 3});
  HostTensor far = IntTensor(DType::kInt32, {2}, true);
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { InferKnown("Cumsum", {&x, &far}, {}); });
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunKnown("Cumsum", {&x, &far}, {false, false}); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("CumsumD", {x.spec()}, {{"axis", int64_t{-3}}}); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("CumsumD", {x.spec()}, {}); });
  HostTensor b(DType::kBool, {2});
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [&] { Kernels().Infer("CumsumD", {b.spec()}, {{"axis", int64_t{0}}}); });
  HostTensor float_axis(DType::kFloat32, {});
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [&] { Kernels().Infer("Cumsum", {x.spec(), float_axis.spec()}, {}); });
}

}  // namespace
}  // namespace aclsim::sim
