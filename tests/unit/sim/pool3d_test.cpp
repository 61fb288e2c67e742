// MaxPool3D (with dilation) and AvgPool3D (count_include_pad, divisor_override) against a naive
// double-precision reference that walks every tap of every window: both layouts, explicit pads
// with floor and ceil output sizes, SAME/VALID, every supported type, a multi-threaded split,
// empty inputs, and the shape functions' errors.
#include <array>
#include <cmath>
#include <limits>

#include "tests/unit/sim/kernel_test_util.h"

namespace aclsim::sim {
namespace {

using testing::HostTensor;

const Parallel& Threads() {
  static const Parallel parallel(4);
  return parallel;
}

struct Case {
  int64_t n = 2, c = 3;
  std::array<int64_t, 3> in{4, 5, 6}, k{2, 3, 2}, s{1, 2, 1}, dil{1, 1, 1};
  std::array<int64_t, 6> pads{0, 0, 0, 0, 0, 0};
  bool ceil = false, ndhwc = false;
  bool count_include_pad = true;
  int64_t divisor = 0;
  DType dtype = DType::kFloat32;

  int64_t Extent(int i) const { return (k[i] - 1) * dil[i] + 1; }
  int64_t Out(int i) const {
    const int64_t span = in[i] + pads[2 * i] + pads[2 * i + 1] - Extent(i);
    int64_t out = (ceil ? (span + s[i] - 1) / s[i] : span / s[i]) + 1;
    if (ceil && (out - 1) * s[i] >= in[i] + pads[2 * i]) --out;
    return out;
  }
  std::vector<int64_t> Five(const std::array<int64_t, 3>& v) const {
    return ndhwc ? std::vector<int64_t>{1, v[0], v[1], v[2], 1} : std::vector<int64_t>{1, 1, v[0], v[1], v[2]};
  }
  Shape Dims(const std::array<int64_t, 3>& sp) const {
    return ndhwc ? Shape{n, sp[0], sp[1], sp[2], c} : Shape{n, c, sp[0], sp[1], sp[2]};
  }
  int64_t Index(const std::array<int64_t, 3>& sp, int64_t b, int64_t ch, int64_t z, int64_t y, int64_t x) const {
    return ndhwc ? (((b * sp[0] + z) * sp[1] + y) * sp[2] + x) * c + ch
                 : (((b * c + ch) * sp[0] + z) * sp[1] + y) * sp[2] + x;
  }
  Attrs MaxAttrs() const {
    return {{"ksize", Five(k)}, {"strides", Five(s)}, {"pads", std::vector<int64_t>(pads.begin(), pads.end())},
            {"dilation", std::vector<int64_t>(dil.begin(), dil.end())}, {"ceil_mode", int64_t{ceil ? 1 : 0}},
            {"data_format", std::string(ndhwc ? "NDHWC" : "NCDHW")}};
  }
  Attrs AvgAttrs() const {
    return {{"ksize", Five(k)}, {"strides", Five(s)}, {"pads", std::vector<int64_t>(pads.begin(), pads.end())},
            {"ceil_mode", ceil}, {"count_include_pad", count_include_pad}, {"divisor_override", divisor},
            {"data_format", std::string(ndhwc ? "NDHWC" : "NCDHW")}};
  }
};

void Check(const Case& k, bool max, const Parallel& parallel = Parallel::Inline()) {
  SCOPED_TRACE(::testing::Message() << (max ? "MaxPool3D " : "AvgPool3D ") << Name(k.dtype)
                                    << (k.ndhwc ? " NDHWC" : " NCDHW") << (k.ceil ? " ceil" : ""));
  HostTensor x(k.dtype, k.Dims(k.in));
  x.FillRandom(7, IsFloating(k.dtype) ? -4 : 0, IsFloating(k.dtype) ? 4 : 100);
  const auto out = testing::RunOp(max ? "MaxPool3D" : "AvgPool3D", {&x}, max ? k.MaxAttrs() : k.AvgAttrs(), parallel);
  const std::array<int64_t, 3> os{k.Out(0), k.Out(1), k.Out(2)};
  ASSERT_EQ(out[0].spec().shape, k.Dims(os));
  for (int64_t b = 0; b < k.n; ++b) {
    for (int64_t ch = 0; ch < k.c; ++ch) {
      for (int64_t z = 0; z < os[0]; ++z) {
        for (int64_t y = 0; y < os[1]; ++y) {
          for (int64_t xx = 0; xx < os[2]; ++xx) {
            double best = -std::numeric_limits<double>::infinity(), sum = 0;
            int64_t real = 0, padded = 0;
            const std::array<int64_t, 3> o{z, y, xx};
            std::array<int64_t, 3> j{};
            for (j[0] = 0; j[0] < k.k[0]; ++j[0]) {
              for (j[1] = 0; j[1] < k.k[1]; ++j[1]) {
                for (j[2] = 0; j[2] < k.k[2]; ++j[2]) {
                  std::array<int64_t, 3> at{};
                  bool inside = true, in_padded = true;
                  for (int i = 0; i < 3; ++i) {
                    at[i] = o[i] * k.s[i] - k.pads[2 * i] + j[i] * k.dil[i];
                    inside = inside && at[i] >= 0 && at[i] < k.in[i];
                    in_padded = in_padded && at[i] < k.in[i] + k.pads[2 * i + 1];
                  }
                  padded += in_padded;
                  if (!inside) continue;
                  const double v = x.Get(k.Index(k.in, b, ch, at[0], at[1], at[2]));
                  best = std::max(best, v);
                  sum += v;
                  ++real;
                }
              }
            }
            const double expect =
                max ? best : sum / static_cast<double>(k.divisor > 0 ? k.divisor : k.count_include_pad ? padded : real);
            const double got = out[0].Get(k.Index(os, b, ch, z, y, xx));
            ASSERT_NEAR(got, expect, testing::Tolerance(k.dtype, expect) * 4) << "at " << z << "," << y << "," << xx;
          }
        }
      }
    }
  }
}

TEST(MaxPool3D, MatchesReferenceForEveryTypeAndLayout) {
  for (DType t : {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64, DType::kInt8, DType::kInt32,
                  DType::kUInt8, DType::kInt64}) {
    for (bool ndhwc : {false, true}) {
      Case k;
      k.dtype = t;
      k.ndhwc = ndhwc;
      k.pads = {1, 0, 1, 1, 0, 1};
      Check(k, true);
    }
  }
}

TEST(MaxPool3D, DilatedWindowsSkipTaps) {
  for (bool ceil : {false, true}) {
    Case k;
    k.in = {5, 9, 8};
    k.k = {2, 3, 2};
    k.dil = {2, 2, 3};
    k.s = {1, 2, 2};
    k.pads = {1, 1, 2, 0, 1, 2};
    k.ceil = ceil;
    Check(k, true);
  }
}

TEST(MaxPool3D, DilationReadsTheRightTapsByHand) {
  // One plane 1 x 1 x 5 with values 0..4, window 2 dilated by 3: max(x[0], x[3]) and max(x[1], x[4]).
  HostTensor x(DType::kFloat32, {1, 1, 1, 1, 5});
  for (int64_t i = 0; i < 5; ++i) x.Set(i, static_cast<double>(i == 3 ? -1 : i));
  const Attrs attrs = {{"ksize", std::vector<int64_t>{1, 1, 1, 1, 2}}, {"strides", std::vector<int64_t>{1, 1, 1, 1, 1}},
                       {"dilation", std::vector<int64_t>{1, 1, 3}}, {"data_format", std::string("NCDHW")}};
  const auto out = testing::RunOp("MaxPool3D", {&x}, attrs);
  ASSERT_EQ(out[0].spec().shape, (Shape{1, 1, 1, 1, 2}));
  EXPECT_EQ(out[0].Values(), (std::vector<double>{0, 4}));
}

TEST(MaxPool3D, SameAndValidPaddingModes) {
  HostTensor x(DType::kFloat32, {1, 1, 3, 4, 5});
  x.FillRandom(3, -1, 1);
  Attrs attrs = {{"ksize", std::vector<int64_t>{2, 2, 2}}, {"strides", std::vector<int64_t>{2, 2, 2}},
                 {"data_format", std::string("NCDHW")}, {"padding_mode", std::string("SAME")}};
  EXPECT_EQ(testing::RunOp("MaxPool3D", {&x}, attrs)[0].spec().shape, (Shape{1, 1, 2, 2, 3}));
  attrs["padding_mode"] = std::string("VALID");
  EXPECT_EQ(testing::RunOp("MaxPool3D", {&x}, attrs)[0].spec().shape, (Shape{1, 1, 1, 2, 2}));
}

TEST(AvgPool3D, MatchesReferenceWithAndWithoutCountingPadding) {
  for (DType t : {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64}) {
    for (bool include : {false, true}) {
      for (bool ceil : {false, true}) {
        Case k;
        k.dtype = t;
        k.count_include_pad = include;
        k.ceil = ceil;
        k.ndhwc = ceil;
        k.in = {5, 6, 7};
        k.s = {2, 2, 2};
        k.pads = {1, 0, 1, 1, 0, 1};
        Check(k, false);
      }
    }
  }
}

TEST(AvgPool3D, DivisorOverrideReplacesTheCount) {
  Case k;
  k.divisor = 5;
  k.pads = {1, 1, 0, 0, 1, 0};
  Check(k, false);
}

TEST(Pool3D, LargeInputsSplitOverThreads) {
  Case k;
  k.n = 2, k.c = 8;
  k.in = {12, 20, 24};
  k.k = {3, 3, 3};
  k.pads = {1, 1, 1, 1, 1, 1};
  Check(k, true, Threads());
  Check(k, false, Threads());
}

TEST(Pool3D, EmptyBatchGivesAnEmptyOutput) {
  Case k;
  k.n = 0;
  Check(k, true);
  Check(k, false);
}

template <typename Fn>
void ExpectError(const char* op, Fn fn, const std::string& fragment) {
  try {
    fn();
    ADD_FAILURE() << "expected an error mentioning " << fragment;
  } catch (const Error& e) {
    EXPECT_TRUE(e.code() == ACL_ERROR_OP_ATTR_NOT_MATCH || e.code() == ACL_ERROR_OP_INPUT_NOT_MATCH) << e.what();
    EXPECT_NE(std::string(e.what()).find(op), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(Pool3D, ShapeFunctionErrorsNameTheProblem) {
  const Case k;
  for (const char* op : {"MaxPool3D", "AvgPool3D"}) {
    const Attrs good = std::string(op) == "MaxPool3D" ? k.MaxAttrs() : k.AvgAttrs();
    auto infer = [&](Shape x, const Attrs& attrs) { Kernels().Infer(op, {TensorSpec{DType::kFloat32, x}}, attrs); };
    auto with = [&](const std::string& name, AttrValue v) {
      Attrs a = good;
      a[name] = v;
      return a;
    };
    ExpectError(op, [&] { infer({2, 3, 4, 5}, good); }, "x must have 5 dims");
    ExpectError(op, [&] { infer(k.Dims(k.in), with("pads", std::vector<int64_t>{0, 0, 0, 0})); }, "pads");
    ExpectError(op, [&] { infer(k.Dims(k.in), with("pads", std::vector<int64_t>{0, 0, 0, 0, 0, -1})); }, "negative");
    ExpectError(op, [&] { infer(k.Dims(k.in), with("ksize", std::vector<int64_t>{1, 1})); }, "ksize");
    ExpectError(op, [&] { infer(k.Dims(k.in), with("ksize", std::vector<int64_t>{2, 1, 1, 1, 1})); }, "N and C");
    ExpectError(op, [&] { infer(k.Dims(k.in), with("strides", std::vector<int64_t>{1, 0, 1})); }, "strides");
    ExpectError(op, [&] { infer(k.Dims(k.in), with("data_format", std::string("NCHW"))); }, "data_format");
    ExpectError(op, [&] { infer(k.Dims(k.in), with("ksize", std::vector<int64_t>{1, 1, 9, 1, 1})); },
                "larger than the padded input");
  }
  ExpectError("MaxPool3D", [&] { Kernels().Infer("MaxPool3D", {TensorSpec{DType::kFloat32, k.Dims(k.in)}},
                                                 [&] { Attrs a = k.MaxAttrs(); a["dilation"] = std::vector<int64_t>{1, 0, 1}; return a; }()); },
              "dilation");
}

}  // namespace
}  // namespace aclsim::sim
