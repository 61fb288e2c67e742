// Resize (ONNX semantics) against ONNX's documented examples and a naive 1-D reference written the
// way ONNX's reference describes it (the n nearest neighbours of the source coordinate, the input
// padded with its edge values), applied dim by dim; plus sizes, axes, aspect-ratio policies,
// tf_crop_and_resize extrapolation, float16, empty tensors and the shape function's errors.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "tests/unit/sim/value_test_util.h"

namespace aclsim::sim {
namespace {

using testing::CodeOf;
using testing::HostTensor;

HostTensor Floats(const std::vector<double>& v, DType t = DType::kFloat32) {
  HostTensor x(t, {static_cast<int64_t>(v.size())});
  for (size_t i = 0; i < v.size(); ++i) x.Set(static_cast<int64_t>(i), v[i]);
  return x;
}

// Resize with scales (or sizes, when `sizes` is not empty), the value inputs known to the shape function.
std::vector<HostTensor> Resize(HostTensor& x, const std::vector<double>& scales, const Attrs& attrs,
                               const std::vector<int64_t>& sizes = {}, const std::vector<double>& roi = {}) {
  HostTensor r = Floats(roi), s = Floats(scales), z = testing::Vec(sizes, DType::kInt64);
  static const Parallel parallel(3);
  HostTensor* roi_input = roi.empty() ? nullptr : &r;
  HostTensor* scales_input = scales.empty() ? nullptr : &s;
  if (sizes.empty()) return testing::Exec("Resize", {&x, roi_input, scales_input}, {1, 2}, attrs, parallel);
  return testing::Exec("Resize", {&x, roi_input, scales_input, &z}, {1, 2, 3}, attrs, parallel);
}

void ExpectValues(const HostTensor& t, const std::vector<double>& want, double tol = 1e-5) {
  ASSERT_EQ(t.size(), static_cast<int64_t>(want.size()));
  for (int64_t i = 0; i < t.size(); ++i) EXPECT_NEAR(t.Get(i), want[static_cast<size_t>(i)], tol) << "at " << i;
}

TEST(ResizeOnnx, NearestUpsampleByScales) {
  HostTensor x(DType::kFloat32, {1, 1, 2, 2});
  for (int64_t i = 0; i < 4; ++i) x.Set(i, static_cast<double>(i + 1));
  auto out = Resize(x, {1, 1, 2, 3}, {{"mode", std::string("nearest")}});
  ASSERT_EQ(out[0].spec().shape, (Shape{1, 1, 4, 6}));
  ExpectValues(out[0], {1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4});
}

TEST(ResizeOnnx, LinearDownsampleUsesTheGivenScaleNotOutOverIn) {
  HostTensor x(DType::kFloat32, {1, 1, 2, 4});
  for (int64_t i = 0; i < 8; ++i) x.Set(i, static_cast<double>(i + 1));
  auto out = Resize(x, {1, 1, 0.6, 0.6}, {{"mode", std::string("linear")}});
  ASSERT_EQ(out[0].spec().shape, (Shape{1, 1, 1, 2}));
  ExpectValues(out[0], {2.6666665, 4.3333331});
}

TEST(ResizeOnnx, LinearAlignCorners) {
  HostTensor x(DType::kFloat32, {1, 1, 2, 2});
  for (int64_t i = 0; i < 4; ++i) x.Set(i, static_cast<double>(i + 1));
  auto out = Resize(x, {1, 1, 2, 2},
                    {{"mode", std::string("linear")}, {"coordinate_transformation_mode", std::string("align_corners")}});
  ExpectValues(out[0], {1, 4.0 / 3, 5.0 / 3, 2, 5.0 / 3, 2, 7.0 / 3, 8.0 / 3, 7.0 / 3, 8.0 / 3, 3, 10.0 / 3, 3, 10.0 / 3,
                        11.0 / 3, 4});
}

// ---- a 1-D reference, applied along each dim in turn ----------------------------------------------

struct Mode {
  std::string mode, transform, nearest = "round_prefer_floor";
  double a = -0.75;
  bool exclude_outside = false;
};

double Source(const Mode& m, double xr, double scale, int64_t in, int64_t out) {
  if (m.transform == "half_pixel") return (xr + 0.5) / scale - 0.5;
  if (m.transform == "pytorch_half_pixel") return out > 1 ? (xr + 0.5) / scale - 0.5 : 0;
  if (m.transform == "align_corners") return out == 1 ? 0 : xr * static_cast<double>(in - 1) / static_cast<double>(out - 1);
  return xr / scale;  // asymmetric
}

std::vector<double> Coefficients(const Mode& m, double ratio) {
  if (m.mode == "linear") return {1 - ratio, ratio};
  if (m.mode == "nearest") {
    if (ratio == std::floor(ratio)) return {0, 1};
    if (m.nearest == "round_prefer_floor") return ratio <= 0.5 ? std::vector<double>{1, 0} : std::vector<double>{0, 1};
    if (m.nearest == "round_prefer_ceil") return ratio < 0.5 ? std::vector<double>{1, 0} : std::vector<double>{0, 1};
    if (m.nearest == "floor") return {1, 0};
    return {0, 1};
  }
  const double a = m.a;
  auto far = [a](double d) { return ((a * d - 5 * a) * d + 8 * a) * d - 4 * a; };
  auto near = [a](double d) { return ((a + 2) * d - (a + 3)) * d * d + 1; };
  return {far(ratio + 1), near(ratio), near(1 - ratio), far(2 - ratio)};
}

std::vector<double> Resize1d(const std::vector<double>& data, int64_t out, double scale, const Mode& m) {
  const int64_t in = static_cast<int64_t>(data.size());
  std::vector<double> result;
  for (int64_t o = 0; o < out; ++o) {
    const double x = Source(m, static_cast<double>(o), scale, in, out);
    const double base = std::floor(x);
    const double ratio = x == base ? 1.0 : x - base;
    std::vector<double> c = Coefficients(m, ratio);
    const int64_t n = static_cast<int64_t>(c.size());
    // The n indices nearest to x (ties to the lower), in order; edge values outside.
    std::vector<int64_t> cand;
    for (int64_t k = static_cast<int64_t>(base) - n; k <= static_cast<int64_t>(base) + n; ++k) cand.push_back(k);
    std::stable_sort(cand.begin(), cand.end(), [x](int64_t p, int64_t q) {
      return std::abs(x - static_cast<double>(p)) < std::abs(x - static_cast<double>(q));
    });
    cand.resize(static_cast<size_t>(n));
    std::sort(cand.begin(), cand.end());
    if (m.exclude_outside) {
      double sum = 0;
      for (int64_t k = 0; k < n; ++k) {
        if (cand[static_cast<size_t>(k)] < 0 || cand[static_cast<size_t>(k)] >= in) c[static_cast<size_t>(k)] = 0;
        sum += c[static_cast<size_t>(k)];
      }
      for (double& v : c) v /= sum;
    }
    double v = 0;
    for (int64_t k = 0; k < n; ++k) v += c[static_cast<size_t>(k)] * data[static_cast<size_t>(std::clamp<int64_t>(cand[static_cast<size_t>(k)], 0, in - 1))];
    result.push_back(v);
  }
  return result;
}

void CheckAgainstReference(const Mode& m, DType dtype, int64_t h, int64_t w, double sh, double sw) {
  HostTensor x(dtype, {1, 2, h, w});
  x.FillRandom(5, -4, 4);
  Attrs attrs = {{"mode", m.mode}, {"coordinate_transformation_mode", m.transform}, {"nearest_mode", m.nearest},
                 {"cubic_coeff_a", static_cast<float>(m.a)}, {"exclude_outside", int64_t{m.exclude_outside}}};
  auto out = Resize(x, {1, 1, sh, sw}, attrs);
  const int64_t oh = static_cast<int64_t>(std::floor(static_cast<double>(h) * static_cast<double>(static_cast<float>(sh))));
  const int64_t ow = static_cast<int64_t>(std::floor(static_cast<double>(w) * static_cast<double>(static_cast<float>(sw))));
  ASSERT_EQ(out[0].spec().shape, (Shape{1, 2, oh, ow}));
  const double fsh = static_cast<float>(sh), fsw = static_cast<float>(sw);
  for (int64_t c = 0; c < 2; ++c) {
    // rows first (the inner dim), then columns of the result
    std::vector<std::vector<double>> rows;
    for (int64_t i = 0; i < h; ++i) {
      std::vector<double> row;
      for (int64_t j = 0; j < w; ++j) row.push_back(x.Get((c * h + i) * w + j));
      rows.push_back(Resize1d(row, ow, fsw, m));
    }
    for (int64_t j = 0; j < ow; ++j) {
      std::vector<double> col;
      for (int64_t i = 0; i < h; ++i) col.push_back(rows[static_cast<size_t>(i)][static_cast<size_t>(j)]);
      const auto want = Resize1d(col, oh, fsh, m);
      for (int64_t i = 0; i < oh; ++i) {
        const double r = testing::RoundTo(dtype, want[static_cast<size_t>(i)]);
        ASSERT_NEAR(out[0].Get((c * oh + i) * ow + j), r, testing::Tolerance(dtype, r) * 4)
            << m.mode << " " << m.transform << " " << Name(dtype) << " at " << i << "," << j;
      }
    }
  }
}

TEST(ResizeOnnx, EveryModeAndTransformMatchesTheReference) {
  for (const char* mode : {"nearest", "linear", "cubic"}) {
    for (const char* transform : {"half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric"}) {
      Mode m{mode, transform};
      CheckAgainstReference(m, DType::kFloat32, 4, 5, 2.0, 1.5);
      CheckAgainstReference(m, DType::kFloat64, 6, 7, 0.5, 0.8);
      CheckAgainstReference(m, DType::kFloat16, 3, 3, 3.0, 1.0);
    }
  }
}

TEST(ResizeOnnx, NearestModesCubicCoefficientAndExcludeOutside) {
  for (const char* nearest : {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"}) {
    Mode m{"nearest", "asymmetric", nearest};
    CheckAgainstReference(m, DType::kFloat32, 4, 4, 2.0, 2.5);
    m.transform = "half_pixel";
    CheckAgainstReference(m, DType::kFloat32, 5, 4, 0.6, 1.75);
  }
  Mode cubic{"cubic", "half_pixel"};
  cubic.a = -0.5;
  cubic.exclude_outside = true;
  CheckAgainstReference(cubic, DType::kFloat32, 4, 4, 2.0, 0.75);
}

TEST(ResizeOnnx, SizesAxesAndAspectRatioPolicies) {
  HostTensor x(DType::kFloat32, {1, 1, 4, 4});
  for (int64_t i = 0; i < 16; ++i) x.Set(i, static_cast<double>(i));
  EXPECT_EQ(Resize(x, {}, {}, {1, 1, 3, 2})[0].spec().shape, (Shape{1, 1, 3, 2}));
  EXPECT_EQ(Resize(x, {}, {{"axes", std::vector<int64_t>{2, 3}}}, {3, 2})[0].spec().shape, (Shape{1, 1, 3, 2}));
  EXPECT_EQ(Resize(x, {}, {{"axes", std::vector<int64_t>{-1}}}, {8})[0].spec().shape, (Shape{1, 1, 4, 8}));
  const Attrs not_larger = {{"axes", std::vector<int64_t>{2, 3}}, {"keep_aspect_ratio_policy", std::string("not_larger")}};
  EXPECT_EQ(Resize(x, {}, not_larger, {7, 8})[0].spec().shape, (Shape{1, 1, 7, 7}));
  const Attrs not_smaller = {{"axes", std::vector<int64_t>{2, 3}}, {"keep_aspect_ratio_policy", std::string("not_smaller")}};
  EXPECT_EQ(Resize(x, {}, not_smaller, {7, 8})[0].spec().shape, (Shape{1, 1, 8, 8}));
  // nearest with sizes: scale = out / in = 0.5, sources 2o + 0.5 rounded down (prefer floor)
  auto half = Resize(x, {}, {{"mode", std::string("nearest")}}, {1, 1, 2, 2});
  ExpectValues(half[0], {0, 2, 8, 10});
}

TEST(ResizeOnnx, TfCropAndResizeExtrapolatesOutsideTheInput) {
  HostTensor x(DType::kFloat32, {1, 1, 4, 4});
  for (int64_t i = 0; i < 16; ++i) x.Set(i, static_cast<double>(i + 1));
  const Attrs attrs = {{"mode", std::string("linear")},
                       {"coordinate_transformation_mode", std::string("tf_crop_and_resize")},
                       {"extrapolation_value", 10.0f}};
  auto out = Resize(x, {}, attrs, {1, 1, 3, 3}, {0, 0, 0.4, 0.6, 1, 1, 1.2, 1.7});
  ASSERT_EQ(out[0].spec().shape, (Shape{1, 1, 3, 3}));
  // rows: 0.4 * 3 + i * 0.8 * 3 / 2 = 1.2, 2.4, 3.6; cols: 0.6 * 3 + j * 1.1 * 3 / 2 = 1.8, 3.45, 5.1
  auto at = [](double r, double c) {
    const int64_t r0 = static_cast<int64_t>(r), c0 = static_cast<int64_t>(c);
    const double fr = r - static_cast<double>(r0), fc = c - static_cast<double>(c0);
    auto v = [](int64_t i, int64_t j) { return static_cast<double>(std::min<int64_t>(i, 3) * 4 + std::min<int64_t>(j, 3) + 1); };
    return (1 - fr) * ((1 - fc) * v(r0, c0) + fc * v(r0, c0 + 1)) + fr * ((1 - fc) * v(r0 + 1, c0) + fc * v(r0 + 1, c0 + 1));
  };
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) {
      const double r = 1.2 + 1.2 * i, c = 1.8 + 1.65 * j;
      const double want = (r > 3 || c > 3) ? 10.0 : at(r, c);
      EXPECT_NEAR(out[0].Get(i * 3 + j), want, 1e-4) << i << "," << j;
    }
  }
}

TEST(ResizeOnnx, IntegersEmptyTensorsAndOtherRanks) {
  HostTensor ints = testing::Iota(DType::kInt32, {3});
  auto out = Resize(ints, {2}, {{"mode", std::string("nearest")}});
  ExpectValues(out[0], {0, 0, 1, 1, 2, 2}, 0);
  HostTensor empty(DType::kFloat32, {0, 2, 3});
  EXPECT_EQ(Resize(empty, {1, 2, 2}, {})[0].spec().shape, (Shape{0, 4, 6}));
  HostTensor x5(DType::kFloat32, {1, 2, 2, 2, 2});
  x5.FillRandom(1, -1, 1);
  auto same = Resize(x5, {1, 1, 1, 1, 1}, {{"mode", std::string("linear")}});
  ExpectValues(same[0], x5.Values());
}

TEST(ResizeOnnx, ShapeFunctionErrors) {
  HostTensor x(DType::kFloat32, {1, 1, 2, 2});
  EXPECT_EQ(CodeOf([&] { Resize(x, {1, 1, 2}, {}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Resize(x, {1, 1, 2, 2}, {{"mode", std::string("area")}}); }), ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Resize(x, {1, 1, 2, 2}, {{"antialias", int64_t{1}}}); }), ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Resize(x, {1, 1, 2, 2}, {}, {1, 1, 4, 4}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);  // both
  EXPECT_EQ(CodeOf([&] { Resize(x, {}, {}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);                           // neither
  // scales not known before execution
  HostTensor s = Floats({1, 1, 2, 2});
  EXPECT_EQ(CodeOf([&] { testing::Exec("Resize", {&x, nullptr, &s}, {}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  try {
    Resize(x, {1, 1, 2, 2}, {{"coordinate_transformation_mode", std::string("corners")}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("Resize"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace aclsim::sim
