// GridSampler2D against a reference that sums kernel weights over integer taps (tent for
// bilinear, cubic convolution for bicubic, the rounded tap for nearest) with padding done by
// periodic (modular) mirroring, over every mode, padding and align_corners, every float type,
// grids reaching well outside the image, empty shapes, threads and the shape function's errors.
#include <cmath>

#include "tests/unit/sim/kernel_test_util.h"

namespace aclsim::sim {
namespace {

using testing::HostTensor;

const Parallel& Threads() {
  static const Parallel parallel(4);
  return parallel;
}

double Mod(double a, double p) {
  const double r = std::fmod(a, p);
  return r < 0 ? r + p : r;
}

// Mirror v into the image: about the corner pixel centres (align) or their outer edges.
double Mirror(double v, int64_t size, bool align) {
  if (align) {
    if (size == 1) return 0;
    const double p = 2.0 * static_cast<double>(size - 1), r = Mod(v, p);
    return r > static_cast<double>(size - 1) ? p - r : r;
  }
  const double p = 2.0 * static_cast<double>(size), r = Mod(v + 0.5, p);
  return (r > static_cast<double>(size) ? p - r : r) - 0.5;
}

double Cubic(double d) {
  const double a = -0.75, x = std::abs(d);
  if (x <= 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  return 0;
}

struct Case {
  std::string mode = "bilinear", padding = "zeros";
  bool align = false;
};

double Reference(const HostTensor& x, int64_t b, int64_t ch, double gx, double gy, const Case& k) {
  const int64_t h = x.spec().shape[2], w = x.spec().shape[3], c = x.spec().shape[1];
  auto coord = [&](double g, int64_t size) {
    double v = k.align ? (g + 1) / 2 * static_cast<double>(size - 1) : ((g + 1) * static_cast<double>(size) - 1) / 2;
    if (k.mode == "nearest") v = std::nearbyint(v);
    const double lo = k.align ? 0 : -0.5, hi = k.align ? static_cast<double>(size - 1) : static_cast<double>(size) - 0.5;
    if (v < lo || v > hi) {
      if (k.padding == "border") v = std::min(std::max(v, 0.0), static_cast<double>(size - 1));
      if (k.padding == "reflection") v = Mirror(v, size, k.align);
    }
    return v;
  };
  auto fetch = [&](int64_t iy, int64_t ix) {
    auto fix = [&](int64_t i, int64_t size) -> int64_t {
      if (i >= 0 && i < size) return i;
      if (k.padding == "zeros") return -1;
      if (k.padding == "border") return std::min<int64_t>(std::max<int64_t>(i, 0), size - 1);
      return std::min<int64_t>(std::max<int64_t>(static_cast<int64_t>(Mirror(static_cast<double>(i), size, k.align)), 0),
                               size - 1);
    };
    const int64_t y = fix(iy, h), xx = fix(ix, w);
    return y < 0 || xx < 0 ? 0.0 : x.Get(((b * c + ch) * h + y) * w + xx);
  };
  const double vx = coord(gx, w), vy = coord(gy, h);
  if (k.mode == "nearest") return fetch(static_cast<int64_t>(vy), static_cast<int64_t>(vx));
  double sum = 0;
  const int64_t fx = static_cast<int64_t>(std::floor(vx)), fy = static_cast<int64_t>(std::floor(vy));
  for (int64_t iy = fy - 1; iy <= fy + 2; ++iy) {
    for (int64_t ix = fx - 1; ix <= fx + 2; ++ix) {
      const double dx = vx - static_cast<double>(ix), dy = vy - static_cast<double>(iy);
      const double weight = k.mode == "bilinear" ? std::max(0.0, 1 - std::abs(dx)) * std::max(0.0, 1 - std::abs(dy))
                                                 : Cubic(dx) * Cubic(dy);
      if (weight != 0) sum += weight * fetch(iy, ix);
    }
  }
  return sum;
}

void Check(const Case& k, DType t, Shape xs, int64_t ho, int64_t wo, const Parallel& parallel = Parallel::Inline()) {
  SCOPED_TRACE(::testing::Message() << k.mode << " " << k.padding << " align " << k.align << " " << Name(t));
  HostTensor x(t, xs), grid(t, {xs[0], ho, wo, 2});
  x.FillRandom(11, -3, 3);
  grid.FillRandom(12, -1.6, 1.6);
  const auto out = testing::RunOp("GridSampler2D", {&x, &grid},
                                  {{"interpolation_mode", k.mode}, {"padding_mode", k.padding}, {"align_corners", k.align}},
                                  parallel);
  ASSERT_EQ(out[0].spec().shape, (Shape{xs[0], xs[1], ho, wo}));
  for (int64_t b = 0; b < xs[0]; ++b) {
    for (int64_t ch = 0; ch < xs[1]; ++ch) {
      for (int64_t i = 0; i < ho * wo; ++i) {
        const double gx = grid.Get((b * ho * wo + i) * 2), gy = grid.Get((b * ho * wo + i) * 2 + 1);
        const double expect = Reference(x, b, ch, gx, gy, k);
        const double tol = t == DType::kFloat32 || t == DType::kFloat64 ? 1e-4 : testing::Tolerance(t, expect) * 4 + 0.02;
        ASSERT_NEAR(out[0].Get((b * xs[1] + ch) * ho * wo + i), expect, tol) << "grid point " << i;
      }
    }
  }
}

TEST(GridSampler2D, MatchesReferenceForEveryModePaddingAndAlignment) {
  for (const char* mode : {"bilinear", "nearest", "bicubic"}) {
    for (const char* padding : {"zeros", "border", "reflection"}) {
      for (bool align : {false, true}) Check({mode, padding, align}, DType::kFloat32, {2, 3, 5, 6}, 4, 7);
    }
  }
}

TEST(GridSampler2D, EveryFloatType) {
  for (DType t : {DType::kFloat16, DType::kBFloat16, DType::kFloat64}) Check({}, t, {1, 2, 4, 4}, 3, 3);
}

TEST(GridSampler2D, HandComputedBilinearCentreAndCorners) {
  // 2 x 2 image [[1, 2], [3, 4]]: the centre averages all four; align_corners puts (-1, -1) on 1.
  HostTensor x(DType::kFloat32, {1, 1, 2, 2}), grid(DType::kFloat32, {1, 1, 2, 2});
  for (int64_t i = 0; i < 4; ++i) x.Set(i, static_cast<double>(i + 1));
  const double g[] = {0, 0, -1, -1};
  for (int64_t i = 0; i < 4; ++i) grid.Set(i, g[i]);
  auto run = [&](bool align) {
    return testing::RunOp("GridSampler2D", {&x, &grid}, {{"align_corners", align}})[0].Values();
  };
  EXPECT_EQ(run(true), (std::vector<double>{2.5, 1}));
  EXPECT_EQ(run(false), (std::vector<double>{2.5, 0.25}));  // (-1, -1) is the outer corner: 1/4 of pixel 1
}

TEST(GridSampler2D, LargeGridOnManyThreadsAndEmptyShapes) {
  Check({"bicubic", "reflection", false}, DType::kFloat32, {2, 4, 16, 16}, 40, 40, Threads());
  Check({}, DType::kFloat32, {0, 3, 4, 4}, 2, 2);
  Check({}, DType::kFloat32, {1, 3, 4, 4}, 0, 2);
}

TEST(GridSampler2D, ShapeFunctionErrors) {
  auto infer = [](Shape x, Shape g, Attrs attrs = {}, DType gt = DType::kFloat32) {
    Kernels().Infer("GridSampler2D", {TensorSpec{DType::kFloat32, x}, TensorSpec{gt, g}}, attrs);
  };
  auto expect = [](auto fn, const std::string& fragment) {
    try {
      fn();
      ADD_FAILURE() << "expected an error mentioning " << fragment;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("GridSampler2D"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  };
  expect([&] { infer({1, 2, 3}, {1, 2, 2, 2}); }, "x");
  expect([&] { infer({1, 2, 3, 3}, {2, 2, 2, 2}); }, "grid must be (N, Ho, Wo, 2)");
  expect([&] { infer({1, 2, 3, 3}, {1, 2, 2, 3}); }, "grid must be (N, Ho, Wo, 2)");
  expect([&] { infer({1, 2, 3, 3}, {1, 2, 2, 2}, {}, DType::kFloat16); }, "share a data type");
  expect([&] { infer({1, 2, 0, 3}, {1, 2, 2, 2}); }, "empty H or W");
  expect([&] { infer({1, 2, 3, 3}, {1, 2, 2, 2}, {{"interpolation_mode", std::string("area")}}); },
         "interpolation_mode");
  expect([&] { infer({1, 2, 3, 3}, {1, 2, 2, 2}, {{"padding_mode", std::string("wrap")}}); }, "padding_mode");
}

}  // namespace
}  // namespace aclsim::sim
