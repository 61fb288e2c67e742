// MaxPool, AvgPool, MaxPoolV3, AvgPoolV2, GlobalAveragePool and AdaptiveAvgPool2d against a
// naive double-precision reference (which walks every tap of every window) over both layouts,
// the padding modes, ceil mode, global pooling and divisors, every supported type, empty inputs,
// hand-computed cases, and the shape functions' errors.
#include <cmath>
#include <limits>

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

template <typename Fn>
void ExpectError(aclError code, Fn fn) {
  try {
    fn();
    ADD_FAILURE() << "expected an error with code " << code;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
  }
}

bool IsUnsigned(DType t) {
  return t == DType::kUInt8 || t == DType::kUInt16 || t == DType::kUInt32 || t == DType::kUInt64;
}

// A pooling described independently of the kernel: window, stride, the four pads, output size.
struct Window {
  int64_t kh, kw, sh, sw;
  int64_t pt = 0, pb = 0, pl = 0, pr = 0;
  int64_t oh = 0, ow = 0;
};

int64_t CeilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

// TensorFlow's SAME / VALID output size and pads along one dim.
void TfDim(bool same, int64_t in, int64_t k, int64_t s, int64_t& out, int64_t& before, int64_t& after) {
  if (same) {
    out = CeilDiv(in, s);
    const int64_t total = std::max<int64_t>((out - 1) * s + k - in, 0);
    before = total / 2;
    after = total - before;
  } else {
    out = CeilDiv(in - k + 1, s);
    before = after = 0;
  }
}

// Explicit pads: floor or ceil output size; in ceil mode a window starting past the input and
// its leading pad is dropped.
int64_t PaddedOut(int64_t in, int64_t k, int64_t s, int64_t before, int64_t after, bool ceil) {
  const int64_t span = in + before + after - k;
  int64_t out = (ceil ? CeilDiv(span, s) : span / s) + 1;
  if (ceil && (out - 1) * s >= in + before) --out;
  return out;
}

enum class Op { kMax, kAvg };

// Walks every tap of every window. Average divisor: `divisor` if positive, else the taps on real
// elements (exclusive) or the taps inside the padded extent.
std::vector<double> Reference(const HostTensor& x, bool channel_last, const Window& w, Op op, bool exclusive,
                              int64_t divisor) {
  const Shape& s = x.spec().shape;
  const int64_t n = s[0], c = channel_last ? s[3] : s[1], h = channel_last ? s[1] : s[2], wd = channel_last ? s[2] : s[3];
  auto in_at = [&](int64_t ni, int64_t ci, int64_t hi, int64_t wi) {
    return channel_last ? ((ni * h + hi) * wd + wi) * c + ci : ((ni * c + ci) * h + hi) * wd + wi;
  };
  auto out_at = [&](int64_t ni, int64_t ci, int64_t hi, int64_t wi) {
    return channel_last ? ((ni * w.oh + hi) * w.ow + wi) * c + ci : ((ni * c + ci) * w.oh + hi) * w.ow + wi;
  };
  std::vector<double> y(static_cast<size_t>(n * c * w.oh * w.ow));
  for (int64_t ni = 0; ni < n; ++ni) {
    for (int64_t ci = 0; ci < c; ++ci) {
      for (int64_t oh = 0; oh < w.oh; ++oh) {
        for (int64_t ow = 0; ow < w.ow; ++ow) {
          double best = -std::numeric_limits<double>::infinity(), sum = 0;
          int64_t real = 0, padded = 0;
          for (int64_t i = 0; i < w.kh; ++i) {
            for (int64_t j = 0; j < w.kw; ++j) {
              const int64_t hi = oh * w.sh - w.pt + i, wi = ow * w.sw - w.pl + j;
              if (hi < h + w.pb && wi < wd + w.pr) ++padded;
              if (hi < 0 || hi >= h || wi < 0 || wi >= wd) continue;
              const double v = x.Get(in_at(ni, ci, hi, wi));
              best = std::max(best, v);
              sum += v;
              ++real;
            }
          }
          const int64_t d = divisor > 0 ? divisor : (exclusive ? real : padded);
          y[static_cast<size_t>(out_at(ni, ci, oh, ow))] = op == Op::kMax ? best : sum / static_cast<double>(d);
        }
      }
    }
  }
  return y;
}

Shape OutShape(const Shape& in, bool channel_last, const Window& w) {
  return channel_last ? Shape{in[0], w.oh, w.ow, in[3]} : Shape{in[0], in[1], w.oh, w.ow};
}

std::vector<int64_t> Four(bool channel_last, int64_t h, int64_t w) {
  return channel_last ? std::vector<int64_t>{1, h, w, 1} : std::vector<int64_t>{1, 1, h, w};
}

void Compare(const HostTensor& got, const std::vector<double>& want, const std::string& what) {
  ASSERT_EQ(static_cast<size_t>(got.size()), want.size()) << what;
  for (int64_t i = 0; i < got.size(); ++i) {
    const double r = RoundTo(got.spec().dtype, want[static_cast<size_t>(i)]);
    ASSERT_NEAR(got.Get(i), r, Tolerance(got.spec().dtype, r)) << what << " at " << i;
  }
}

// ---------------------------------------------------------------------------------------------
// MaxPool and AvgPool: TensorFlow padding.

struct TfCase {
  Shape shape;  // in the layout's order
  bool channel_last;
  int64_t kh, kw, sh, sw;
  bool same;
};

const std::vector<TfCase> kTfCases = {
    {{2, 7, 6, 3}, true, 2, 2, 2, 2, true},  {{2, 7, 6, 3}, true, 2, 2, 2, 2, false},
    {{2, 3, 7, 6}, false, 3, 3, 1, 1, true}, {{2, 3, 7, 6}, false, 3, 2, 2, 1, false},
    {{1, 5, 5, 2}, true, 1, 1, 1, 1, true},  {{1, 2, 4, 9}, false, 4, 3, 3, 2, true},
    {{0, 4, 4, 2}, true, 2, 2, 2, 2, true},  {{1, 0, 4, 4}, false, 2, 2, 1, 1, false},
};

void CheckTf(const std::string& op, Op kind, DType t, const TfCase& c, uint32_t seed,
             const Parallel& parallel = Parallel::Inline()) {
  HostTensor x(t, c.shape);
  x.FillRandom(seed, IsUnsigned(t) ? 0 : -20, 20);
  const int64_t h = c.channel_last ? c.shape[1] : c.shape[2], wd = c.channel_last ? c.shape[2] : c.shape[3];
  Window w{c.kh, c.kw, c.sh, c.sw};
  TfDim(c.same, h, c.kh, c.sh, w.oh, w.pt, w.pb);
  TfDim(c.same, wd, c.kw, c.sw, w.ow, w.pl, w.pr);
  auto out = RunOp(op, {&x},
                   {{"ksize", Four(c.channel_last, c.kh, c.kw)},
                    {"strides", Four(c.channel_last, c.sh, c.sw)},
                    {"padding", std::string(c.same ? "SAME" : "VALID")},
                    {"data_format", std::string(c.channel_last ? "NHWC" : "NCHW")}},
                   parallel);
  const std::string what = op + " " + Name(t) + " " + ToString(c.shape);
  ASSERT_EQ(out[0].spec().shape, OutShape(c.shape, c.channel_last, w)) << what;
  ASSERT_EQ(out[0].spec().dtype, t);
  Compare(out[0], Reference(x, c.channel_last, w, kind, true, 0), what);
}

TEST(MaxPool, MatchesReferenceForEveryTypeLayoutAndPadding) {
  uint32_t seed = 1;
  for (DType t : kNumerics) {
    for (const auto& c : kTfCases) CheckTf("MaxPool", Op::kMax, t, c, seed++);
  }
}

TEST(MaxPool, SamePaddingPutsTheOddPadAfter) {
  HostTensor x(DType::kFloat32, {1, 4, 4, 1});
  for (int i = 0; i < 16; ++i) x.Set(i, i);
  auto out = RunOp("MaxPool", {&x},
                   {{"ksize", std::vector<int64_t>{1, 3, 3, 1}},
                    {"strides", std::vector<int64_t>{1, 2, 2, 1}},
                    {"padding", std::string("SAME")}});
  EXPECT_EQ(out[0].spec().shape, (Shape{1, 2, 2, 1}));
  EXPECT_EQ(out[0].Values(), (std::vector<double>{10, 11, 14, 15}));
}

TEST(MaxPool, PropagatesNaN) {
  HostTensor x(DType::kFloat32, {1, 1, 2, 2});
  x.Set(0, 1);
  x.Set(1, std::nan(""));
  auto out = RunOp("MaxPool", {&x},
                   {{"ksize", std::vector<int64_t>{1, 1, 2, 2}}, {"strides", std::vector<int64_t>{1, 1, 1, 1}},
                    {"padding", std::string("VALID")}, {"data_format", std::string("NCHW")}});
  EXPECT_TRUE(std::isnan(out[0].Get(0)));
}

TEST(AvgPool, MatchesReferenceAveragingOnlyRealElements) {
  uint32_t seed = 1;
  for (DType t : kFloats) {
    for (const auto& c : kTfCases) CheckTf("AvgPool", Op::kAvg, t, c, seed++);
  }
}

TEST(MaxPool, LargeInputsOnManyThreads) {
  CheckTf("MaxPool", Op::kMax, DType::kFloat32, {{4, 64, 64, 16}, true, 3, 3, 2, 2, true}, 1, Threads());
  CheckTf("AvgPool", Op::kAvg, DType::kFloat16, {{4, 16, 64, 64}, false, 2, 2, 2, 2, false}, 2, Threads());
}

TEST(MaxPool, ShapeFunctionErrors) {
  const TensorSpec x{DType::kFloat32, {1, 8, 8, 3}};
  const Attrs ok = {{"ksize", std::vector<int64_t>{1, 2, 2, 1}},
                    {"strides", std::vector<int64_t>{1, 2, 2, 1}},
                    {"padding", std::string("VALID")}};
  auto with = [&](const std::string& name, AttrValue value) {
    Attrs a = ok;
    a[name] = std::move(value);
    return a;
  };
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { Kernels().Infer("MaxPool", {{DType::kFloat32, {8, 8, 3}}}, ok); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("MaxPool", {x}, with("ksize", std::vector<int64_t>{2, 2, 1})); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("MaxPool", {x}, with("ksize", std::vector<int64_t>{2, 2, 2, 1})); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("MaxPool", {x}, with("strides", std::vector<int64_t>{1, 0, 2, 1})); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("MaxPool", {x}, with("padding", std::string("FULL"))); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("MaxPool", {x}, with("padding", std::string("CALCULATED"))); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("MaxPool", {x}, with("data_format", std::string("NCDHW"))); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("MaxPool", {x}, with("ksize", std::vector<int64_t>{1, 9, 2, 1})); });
  Attrs no_padding = ok;
  no_padding.erase("padding");
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("MaxPool", {x}, no_padding); });
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [&] { Kernels().Infer("MaxPool", {{DType::kBool, {1, 8, 8, 3}}}, ok); });
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [&] { Kernels().Infer("AvgPool", {{DType::kInt32, {1, 8, 8, 3}}}, ok); });
}

// ---------------------------------------------------------------------------------------------
// MaxPoolV3 and AvgPoolV2: explicit pads, ceil mode, global pooling, exclusive, divisor_override.

struct V2Case {
  Shape shape;
  bool channel_last;
  int64_t kh, kw, sh, sw;
  std::vector<int64_t> pads;  // top, bottom, left, right
  bool ceil;
};

const std::vector<V2Case> kV2Cases = {
    {{2, 3, 7, 6}, false, 3, 3, 2, 2, {1, 1, 1, 1}, false}, {{2, 3, 7, 6}, false, 3, 3, 2, 2, {1, 1, 1, 1}, true},
    {{1, 1, 5, 5}, false, 2, 2, 2, 2, {1, 1, 1, 1}, true},  {{2, 6, 5, 3}, true, 2, 3, 1, 2, {0, 1, 2, 0}, false},
    {{2, 6, 5, 3}, true, 2, 3, 2, 2, {1, 0, 0, 2}, true},   {{1, 2, 4, 4}, false, 4, 4, 1, 1, {0, 0, 0, 0}, false},
    {{0, 2, 4, 4}, false, 2, 2, 2, 2, {1, 1, 1, 1}, true},
};

void CheckV2(const std::string& op, Op kind, DType t, const V2Case& c, bool exclusive, int64_t divisor, uint32_t seed,
             const Parallel& parallel = Parallel::Inline()) {
  HostTensor x(t, c.shape);
  x.FillRandom(seed, IsUnsigned(t) ? 0 : -20, 20);
  const int64_t h = c.channel_last ? c.shape[1] : c.shape[2], wd = c.channel_last ? c.shape[2] : c.shape[3];
  Window w{c.kh, c.kw, c.sh, c.sw, c.pads[0], c.pads[1], c.pads[2], c.pads[3]};
  w.oh = PaddedOut(h, c.kh, c.sh, c.pads[0], c.pads[1], c.ceil);
  w.ow = PaddedOut(wd, c.kw, c.sw, c.pads[2], c.pads[3], c.ceil);
  Attrs attrs = {{"ksize", Four(c.channel_last, c.kh, c.kw)},
                 {"strides", Four(c.channel_last, c.sh, c.sw)},
                 {"pads", c.pads},
                 {"ceil_mode", c.ceil},
                 {"data_format", std::string(c.channel_last ? "NHWC" : "NCHW")}};
  if (kind == Op::kAvg) {
    attrs["exclusive"] = exclusive;
    attrs["divisor_override"] = divisor;
  }
  auto out = RunOp(op, {&x}, attrs, parallel);
  const std::string what = op + " " + Name(t) + " " + ToString(c.shape) + (c.ceil ? " ceil" : " floor") +
                           (exclusive ? " exclusive" : " inclusive");
  ASSERT_EQ(out[0].spec().shape, OutShape(c.shape, c.channel_last, w)) << what;
  Compare(out[0], Reference(x, c.channel_last, w, kind, exclusive, divisor), what);
}

TEST(MaxPoolV3, MatchesReferenceWithExplicitPadsAndCeilMode) {
  uint32_t seed = 1;
  for (DType t : kNumerics) {
    for (const auto& c : kV2Cases) CheckV2("MaxPoolV3", Op::kMax, t, c, true, 0, seed++);
  }
}

TEST(AvgPoolV2, MatchesReferenceWithAndWithoutCountingPadding) {
  uint32_t seed = 1;
  for (DType t : kFloats) {
    for (const auto& c : kV2Cases) {
      CheckV2("AvgPoolV2", Op::kAvg, t, c, true, 0, seed++);
      CheckV2("AvgPoolV2", Op::kAvg, t, c, false, 0, seed++);
    }
  }
}

TEST(AvgPoolV2, DivisorOverrideReplacesTheCount) {
  for (const auto& c : kV2Cases) CheckV2("AvgPoolV2", Op::kAvg, DType::kFloat32, c, true, 3, 5);
}

TEST(AvgPoolV2, CountIncludePadByHand) {
  HostTensor x(DType::kFloat32, {1, 1, 3, 3});
  for (int i = 0; i < 9; ++i) x.Set(i, 1);
  Attrs attrs = {{"ksize", std::vector<int64_t>{1, 1, 3, 3}},
                 {"strides", std::vector<int64_t>{1, 1, 1, 1}},
                 {"pads", std::vector<int64_t>{1, 1, 1, 1}},
                 {"exclusive", false}};
  auto out = RunOp("AvgPoolV2", {&x}, attrs);
  const double c = 4.0 / 9, e = 6.0 / 9;
  const std::vector<double> want = {c, e, c, e, 1, e, c, e, c};
  for (int i = 0; i < 9; ++i) EXPECT_NEAR(out[0].Get(i), want[static_cast<size_t>(i)], 1e-6) << i;
  attrs["exclusive"] = true;
  EXPECT_EQ(RunOp("AvgPoolV2", {&x}, attrs)[0].Values(), std::vector<double>(9, 1.0));
}

TEST(MaxPoolV3, CeilModeDropsAWindowStartingInThePadding) {
  HostTensor x(DType::kFloat32, {1, 1, 5, 5});
  auto out = RunOp("MaxPoolV3", {&x},
                   {{"ksize", std::vector<int64_t>{1, 1, 2, 2}},
                    {"strides", std::vector<int64_t>{1, 1, 2, 2}},
                    {"pads", std::vector<int64_t>{1, 1, 1, 1}},
                    {"ceil_mode", true}});
  EXPECT_EQ(out[0].spec().shape, (Shape{1, 1, 3, 3}));
  out = RunOp("MaxPoolV3", {&x},
              {{"ksize", std::vector<int64_t>{1, 1, 2, 2}},
               {"strides", std::vector<int64_t>{1, 1, 2, 2}},
               {"pads", std::vector<int64_t>{0, 0, 0, 0}},
               {"ceil_mode", true}});
  EXPECT_EQ(out[0].spec().shape, (Shape{1, 1, 3, 3}));  // the last window is partial but kept
}

TEST(MaxPoolV3, SameAndValidModesIgnoreThePads) {
  uint32_t seed = 1;
  for (bool same : {true, false}) {
    for (const auto& c : kTfCases) {
      HostTensor x(DType::kFloat32, c.shape);
      x.FillRandom(seed++, -5, 5);
      Attrs attrs = {{"ksize", Four(c.channel_last, c.kh, c.kw)},
                     {"strides", Four(c.channel_last, c.sh, c.sw)},
                     {"data_format", std::string(c.channel_last ? "NHWC" : "NCHW")},
                     {"pads", std::vector<int64_t>{3, 3, 3, 3}},
                     {"ceil_mode", true}};
      attrs["padding_mode"] = std::string(same ? "SAME" : "VALID");
      Attrs tf = attrs;
      tf.erase("pads");
      tf.erase("ceil_mode");
      tf.erase("padding_mode");
      tf["padding"] = std::string(same ? "SAME" : "VALID");
      EXPECT_EQ(RunOp("MaxPoolV3", {&x}, attrs)[0].Values(), RunOp("MaxPool", {&x}, tf)[0].Values());
      EXPECT_EQ(RunOp("AvgPoolV2", {&x}, attrs)[0].Values(), RunOp("AvgPool", {&x}, tf)[0].Values());
    }
  }
}

TEST(MaxPoolV3, GlobalPoolingCoversTheWholePlane) {
  for (bool channel_last : {false, true}) {
    const Shape shape = channel_last ? Shape{2, 5, 7, 3} : Shape{2, 3, 5, 7};
    HostTensor x(DType::kFloat32, shape);
    x.FillRandom(4, -9, 9);
    Attrs attrs = {{"ksize", std::vector<int64_t>{1, 1, 1, 1}},
                   {"strides", std::vector<int64_t>{1, 1, 1, 1}},
                   {"global_pooling", true},
                   {"pads", std::vector<int64_t>{0, 0, 0, 0}},
                   {"data_format", std::string(channel_last ? "NHWC" : "NCHW")}};
    Window w{5, 7, 1, 1};
    w.oh = w.ow = 1;
    auto out = RunOp("MaxPoolV3", {&x}, attrs);
    EXPECT_EQ(out[0].spec().shape, OutShape(shape, channel_last, w));
    Compare(out[0], Reference(x, channel_last, w, Op::kMax, true, 0), "global max");
    Compare(RunOp("AvgPoolV2", {&x}, attrs)[0], Reference(x, channel_last, w, Op::kAvg, true, 0), "global avg");
  }
}

TEST(MaxPoolV3, LargeInputsOnManyThreads) {
  CheckV2("MaxPoolV3", Op::kMax, DType::kInt32, {{4, 16, 64, 64}, false, 3, 3, 2, 2, {1, 1, 1, 1}, true}, true, 0, 1,
          Threads());
  CheckV2("AvgPoolV2", Op::kAvg, DType::kFloat32, {{4, 64, 64, 16}, true, 3, 3, 2, 2, {1, 1, 1, 1}, false}, false, 0,
          2, Threads());
}

TEST(MaxPoolV3, ShapeFunctionErrors) {
  const TensorSpec x{DType::kFloat32, {1, 3, 8, 8}};
  const Attrs ok = {{"ksize", std::vector<int64_t>{1, 1, 3, 3}}, {"strides", std::vector<int64_t>{1, 1, 2, 2}}};
  auto with = [&](const std::string& name, AttrValue value) {
    Attrs a = ok;
    a[name] = std::move(value);
    return a;
  };
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("MaxPoolV3", {x}, with("pads", std::vector<int64_t>{3, 0, 0, 0})); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("MaxPoolV3", {x}, with("pads", std::vector<int64_t>{1, 1})); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("MaxPoolV3", {x}, with("pads", std::vector<int64_t>{-1, 0, 0, 0})); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("MaxPoolV3", {x}, with("padding_mode", std::string("REFLECT"))); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("AvgPoolV2", {x}, with("divisor_override", int64_t{-2})); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("AvgPoolV2", {x}, with("ceil_mode", int64_t{1})); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("MaxPoolV3", {{DType::kFloat32, {1, 3, 2, 2}}}, ok); });
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [&] { Kernels().Infer("AvgPoolV2", {{DType::kInt8, {1, 3, 8, 8}}}, ok); });
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { Kernels().Infer("AvgPoolV2", {{DType::kFloat32, {1, 3, 8, 8, 1}}}, ok); });
}

// ---------------------------------------------------------------------------------------------
// GlobalAveragePool.

TEST(GlobalAveragePool, AveragesEveryDimAfterNAndC) {
  uint32_t seed = 1;
  for (DType t : kFloats) {
    for (const Shape& shape : std::vector<Shape>{{2, 3, 4, 5}, {2, 3, 4}, {2, 3, 2, 3, 4}, {1, 1, 1, 1}, {0, 3, 4, 4}}) {
      HostTensor x(t, shape);
      x.FillRandom(seed++, -5, 5);
      auto out = RunOp("GlobalAveragePool", {&x});
      Shape want_shape = shape;
      for (size_t d = 2; d < shape.size(); ++d) want_shape[d] = 1;
      ASSERT_EQ(out[0].spec().shape, want_shape);
      const int64_t plane = x.size() / std::max<int64_t>(1, shape[0] * shape[1]);
      std::vector<double> want(static_cast<size_t>(shape[0] * shape[1]));
      for (size_t p = 0; p < want.size(); ++p) {
        double sum = 0;
        for (int64_t i = 0; i < plane; ++i) sum += x.Get(static_cast<int64_t>(p) * plane + i);
        want[p] = sum / static_cast<double>(plane);
      }
      Compare(out[0], want, std::string("GlobalAveragePool ") + Name(t) + " " + ToString(shape));
    }
  }
}

TEST(GlobalAveragePool, EmptyPlaneGivesNaN) {
  HostTensor x(DType::kFloat32, {1, 2, 0, 3});
  auto out = RunOp("GlobalAveragePool", {&x});
  EXPECT_TRUE(std::isnan(out[0].Get(0)));
}

TEST(GlobalAveragePool, LargeInputOnManyThreads) {
  HostTensor x(DType::kFloat32, {8, 64, 32, 32});
  x.FillRandom(2, -1, 1);
  auto out = RunOp("GlobalAveragePool", {&x}, {}, Threads());
  for (int64_t p = 0; p < 8 * 64; p += 37) {
    double sum = 0;
    for (int64_t i = 0; i < 1024; ++i) sum += x.Get(p * 1024 + i);
    EXPECT_NEAR(out[0].Get(p), sum / 1024, 1e-6);
  }
}

TEST(GlobalAveragePool, ShapeFunctionErrors) {
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [] { Kernels().Infer("GlobalAveragePool", {{DType::kFloat32, {2, 3}}}, {}); });
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [] { Kernels().Infer("GlobalAveragePool", {{DType::kInt32, {2, 3, 4}}}, {}); });
}

// ---------------------------------------------------------------------------------------------
// AdaptiveAvgPool2d.

std::vector<double> AdaptiveReference(const HostTensor& x, int64_t oh, int64_t ow) {
  const Shape& s = x.spec().shape;
  const int64_t h = s[s.size() - 2], w = s[s.size() - 1], planes = x.size() / (h * w);
  std::vector<double> y;
  for (int64_t p = 0; p < planes; ++p) {
    for (int64_t i = 0; i < oh; ++i) {
      const int64_t h0 = static_cast<int64_t>(std::floor(static_cast<double>(i * h) / oh));
      const int64_t h1 = static_cast<int64_t>(std::ceil(static_cast<double>((i + 1) * h) / oh));
      for (int64_t j = 0; j < ow; ++j) {
        const int64_t w0 = static_cast<int64_t>(std::floor(static_cast<double>(j * w) / ow));
        const int64_t w1 = static_cast<int64_t>(std::ceil(static_cast<double>((j + 1) * w) / ow));
        double sum = 0;
        for (int64_t a = h0; a < h1; ++a) {
          for (int64_t b = w0; b < w1; ++b) sum += x.Get(p * h * w + a * w + b);
        }
        y.push_back(sum / static_cast<double>((h1 - h0) * (w1 - w0)));
      }
    }
  }
  return y;
}

TEST(AdaptiveAvgPool2d, MatchesReferenceForEveryTypeAndSize) {
  struct Case {
    Shape shape;
    int64_t oh, ow;
  };
  const std::vector<Case> cases = {{{2, 3, 7, 9}, 3, 4}, {{3, 5, 5}, 5, 5}, {{1, 2, 4, 4}, 1, 1},
                                   {{1, 2, 4, 4}, 2, 3}, {{1, 1, 2, 3}, 4, 5}, {{0, 2, 4, 4}, 2, 2}};
  uint32_t seed = 1;
  for (DType t : kFloats) {
    for (const auto& c : cases) {
      HostTensor x(t, c.shape);
      x.FillRandom(seed++, -5, 5);
      auto out = RunOp("AdaptiveAvgPool2d", {&x}, {{"output_size", std::vector<int64_t>{c.oh, c.ow}}});
      Shape want_shape = c.shape;
      want_shape[want_shape.size() - 2] = c.oh;
      want_shape[want_shape.size() - 1] = c.ow;
      ASSERT_EQ(out[0].spec().shape, want_shape);
      Compare(out[0], AdaptiveReference(x, c.oh, c.ow), std::string("AdaptiveAvgPool2d ") + Name(t) + " " + ToString(c.shape));
    }
  }
}

TEST(AdaptiveAvgPool2d, LargeInputOnManyThreads) {
  HostTensor x(DType::kFloat32, {4, 32, 50, 50});
  x.FillRandom(3, -1, 1);
  auto out = RunOp("AdaptiveAvgPool2d", {&x}, {{"output_size", std::vector<int64_t>{7, 7}}}, Threads());
  Compare(out[0], AdaptiveReference(x, 7, 7), "AdaptiveAvgPool2d large");
}

TEST(AdaptiveAvgPool2d, ShapeFunctionErrors) {
  const TensorSpec x{DType::kFloat32, {1, 3, 8, 8}};
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH,
              [&] { Kernels().Infer("AdaptiveAvgPool2d", {x}, {{"output_size", std::vector<int64_t>{0, 2}}}); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH,
              [&] { Kernels().Infer("AdaptiveAvgPool2d", {x}, {{"output_size", std::vector<int64_t>{2}}}); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("AdaptiveAvgPool2d", {x}, {}); });
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] {
    Kernels().Infer("AdaptiveAvgPool2d", {{DType::kFloat32, {8, 8}}}, {{"output_size", std::vector<int64_t>{2, 2}}});
  });
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] {
    Kernels().Infer("AdaptiveAvgPool2d", {{DType::kFloat32, {1, 3, 0, 8}}}, {{"output_size", std::vector<int64_t>{2, 2}}});
  });
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [&] {
    Kernels().Infer("AdaptiveAvgPool2d", {{DType::kInt32, {1, 3, 8, 8}}}, {{"output_size", std::vector<int64_t>{2, 2}}});
  });
}

// ---- GlobalMaxPool --------------------------------------------------------------------------------

TEST(GlobalMaxPool, MatchesReferenceForEveryFloatTypeAndSpatialRank) {
  for (DType t : {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64}) {
    for (const Shape& shape : {Shape{2, 3, 5}, Shape{1, 2, 3, 4}, Shape{2, 1, 2, 3, 2}, Shape{0, 3, 2, 2}, Shape{3, 2, 1, 1}}) {
      HostTensor x(t, shape);
      x.FillRandom(3, -9, 9);
      auto out = RunOp("GlobalMaxPool", {&x}, {}, Threads());
      Shape want_shape = shape;
      for (size_t d = 2; d < want_shape.size(); ++d) want_shape[d] = 1;
      ASSERT_EQ(out[0].spec().shape, want_shape);
      const int64_t planes = shape[0] * shape[1], area = planes == 0 ? 0 : x.size() / planes;
      for (int64_t p = 0; p < planes; ++p) {
        double best = -std::numeric_limits<double>::infinity();
        for (int64_t i = 0; i < area; ++i) best = std::max(best, x.Get(p * area + i));
        ASSERT_EQ(out[0].Get(p), best) << Name(t) << " " << ToString(shape) << " plane " << p;
      }
    }
  }
}

TEST(GlobalMaxPool, LargeInputOnManyThreadsAndNaN) {
  HostTensor x(DType::kFloat32, {2, 8, 100, 100});
  x.FillRandom(4, -1, 1);
  x.Set(12345, 7.0);
  x.Set(3 * 10000 + 5, std::nan(""));
  auto out = RunOp("GlobalMaxPool", {&x}, {}, Threads());
  EXPECT_EQ(out[0].Get(1), 7.0);
  EXPECT_TRUE(std::isnan(out[0].Get(3)));
}

TEST(GlobalMaxPool, ShapeFunctionErrors) {
  auto code = [](const TensorSpec& spec) {
    try {
      Kernels().Infer("GlobalMaxPool", {spec}, {});
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("GlobalMaxPool"), std::string::npos) << e.what();
      return e.code();
    }
    return ACL_SUCCESS;
  };
  EXPECT_EQ(code({DType::kFloat32, {2, 3}}), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(code({DType::kFloat32, {2, 3, 0}}), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(code({DType::kInt32, {2, 3, 4}}), ACL_ERROR_UNSUPPORTED_DATA_TYPE);
}

}  // namespace
}  // namespace aclsim::sim
