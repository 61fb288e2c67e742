// ResizeNearestNeighborV2 and ResizeBilinearV2 against naive references and hand-worked values,
// in NHWC and NCHW, with align_corners, half_pixel_centers and scales, for the image data types,
// one large case split over threads each, and the shape functions' error paths.
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "tests/unit/sim/value_test_util.h"

namespace aclsim::sim {
namespace {

using testing::HostTensor;

using namespace testing;  // kEveryType, Random, Iota, Ints, Vec, Scalar, Exec, Infer, CodeOf, Offset, IndexOf

const Parallel& Threads() {
  static const Parallel parallel(4);
  return parallel;
}

const std::vector<DType> kImageTypes = {DType::kInt8,    DType::kUInt8,   DType::kInt16,   DType::kUInt16,
                                        DType::kInt32,   DType::kInt64,   DType::kFloat16, DType::kFloat32,
                                        DType::kFloat64, DType::kBFloat16};

struct Flags {
  bool align = false, half = false;
};
const std::vector<Flags> kFlags = {{false, false}, {true, false}, {false, true}};

Attrs AttrsOf(const Flags& f) { return {{"align_corners", f.align}, {"half_pixel_centers", f.half}}; }

// The scale TensorFlow maps output to input coordinates with (computed in float32, as it does).
float ScaleOf(int64_t in, int64_t out, bool align, float user = 0) {
  if (align && out > 1) return static_cast<float>(in - 1) / static_cast<float>(out - 1);
  if (!align && user > 0) return 1.0f / user;
  return static_cast<float>(in) / static_cast<float>(out);
}

int64_t NearestIndex(int64_t o, int64_t in, int64_t out, const Flags& f, float user = 0) {
  const float scale = ScaleOf(in, out, f.align, user);
  const float at = f.half ? (static_cast<float>(o) + 0.5f) * scale : static_cast<float>(o) * scale;
  const int64_t i = static_cast<int64_t>(f.align ? std::round(at) : std::floor(at));
  return std::max<int64_t>(0, std::min(i, in - 1));
}

// The (n, c, h, w) element of an image in either layout.
int64_t Pixel(const Shape& s, bool nchw, int64_t n, int64_t c, int64_t h, int64_t w) {
  return nchw ? ((n * s[1] + c) * s[2] + h) * s[3] + w : ((n * s[1] + h) * s[2] + w) * s[3] + c;
}

std::vector<double> NearestReference(const HostTensor& x, bool nchw, int64_t oh, int64_t ow, const Flags& f,
                                     float user_h = 0, float user_w = 0) {
  const Shape& s = x.spec().shape;
  const int64_t n = s[0], c = nchw ? s[1] : s[3], h = nchw ? s[2] : s[1], w = nchw ? s[3] : s[2];
  const Shape out = nchw ? Shape{n, c, oh, ow} : Shape{n, oh, ow, c};
  std::vector<double> values(static_cast<size_t>(NumElements(out)));
  for (int64_t in = 0; in < n; ++in)
    for (int64_t k = 0; k < c; ++k)
      for (int64_t y = 0; y < oh; ++y)
        for (int64_t z = 0; z < ow; ++z) {
          values[static_cast<size_t>(Pixel(out, nchw, in, k, y, z))] =
              x.Get(Pixel(s, nchw, in, k, NearestIndex(y, h, oh, f, user_h), NearestIndex(z, w, ow, f, user_w)));
        }
  return values;
}

// Bilinear sampling of one axis: lower and upper source index and the upper's weight.
void Taps(int64_t o, int64_t in, int64_t out, const Flags& f, int64_t* lo, int64_t* hi, double* lerp) {
  const float scale = ScaleOf(in, out, f.align);
  const float at = f.half ? (static_cast<float>(o) + 0.5f) * scale - 0.5f : static_cast<float>(o) * scale;
  *lo = std::max<int64_t>(0, static_cast<int64_t>(std::floor(at)));
  *hi = std::min<int64_t>(in - 1, static_cast<int64_t>(std::ceil(at)));
  *lerp = static_cast<double>(at) - std::floor(static_cast<double>(at));
}

std::vector<double> BilinearReference(const HostTensor& x, bool nchw, int64_t oh, int64_t ow, const Flags& f) {
  const Shape& s = x.spec().shape;
  const int64_t n = s[0], c = nchw ? s[1] : s[3], h = nchw ? s[2] : s[1], w = nchw ? s[3] : s[2];
  const Shape out = nchw ? Shape{n, c, oh, ow} : Shape{n, oh, ow, c};
  std::vector<double> values(static_cast<size_t>(NumElements(out)));
  for (int64_t in = 0; in < n; ++in)
    for (int64_t k = 0; k < c; ++k)
      for (int64_t y = 0; y < oh; ++y)
        for (int64_t z = 0; z < ow; ++z) {
          int64_t y0, y1, z0, z1;
          double wy, wz;
          Taps(y, h, oh, f, &y0, &y1, &wy);
          Taps(z, w, ow, f, &z0, &z1, &wz);
          auto v = [&](int64_t a, int64_t b) { return x.Get(Pixel(s, nchw, in, k, a, b)); };
          const double top = v(y0, z0) * (1 - wz) + v(y0, z1) * wz, bottom = v(y1, z0) * (1 - wz) + v(y1, z1) * wz;
          values[static_cast<size_t>(Pixel(out, nchw, in, k, y, z))] = top * (1 - wy) + bottom * wy;
        }
  return values;
}

std::map<size_t, Format> FormatOf(bool nchw) { return {{0, nchw ? Format::kNCHW : Format::kNHWC}}; }

void ExpectNear(const std::vector<double>& got, const std::vector<double>& want, DType t, const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (size_t i = 0; i < got.size(); ++i) {
    const double expected = testing::RoundTo(t, want[i]);
    ASSERT_NEAR(got[i], expected, testing::Tolerance(t, expected) + 1e-6 * std::abs(expected)) << what << " at " << i;
  }
}

// ---- ResizeNearestNeighborV2 -----------------------------------------------------------------

TEST(Resize, NearestPicksTheDocumentedSourcePixels) {
  HostTensor x = Iota(DType::kFloat32, {1, 1, 4, 1}), to2 = Vec({1, 2});
  EXPECT_EQ(Exec("ResizeNearestNeighborV2", {&x, &to2}, {1})[0].Values(), (std::vector<double>{0, 2}));
  HostTensor three = Iota(DType::kFloat32, {1, 1, 3, 1}), to5 = Vec({1, 5});
  EXPECT_EQ(Exec("ResizeNearestNeighborV2", {&three, &to5}, {1}, {{"align_corners", true}})[0].Values(),
            (std::vector<double>{0, 1, 1, 2, 2}));
  HostTensor two = Iota(DType::kFloat32, {1, 1, 2, 1}), to4 = Vec({1, 4});
  EXPECT_EQ(Exec("ResizeNearestNeighborV2", {&two, &to4}, {1}, {{"half_pixel_centers", true}})[0].Values(),
            (std::vector<double>{0, 0, 1, 1}));
}

TEST(Resize, NearestMatchesReferenceForEveryTypeFlagAndLayout) {
  for (DType t : kImageTypes) {
    for (bool nchw : {false, true}) {
      for (const Flags& f : kFlags) {
        for (const Shape& size : {Shape{7, 5}, Shape{2, 3}, Shape{1, 1}}) {
          HostTensor x = Random(t, nchw ? Shape{2, 3, 4, 6} : Shape{2, 4, 6, 3}), s = Vec(size);
          auto y = Exec("ResizeNearestNeighborV2", {&x, &s}, {1}, AttrsOf(f), Parallel::Inline(), FormatOf(nchw));
          EXPECT_EQ(y[0].spec().dtype, t);
          EXPECT_EQ(y[0].Values(), NearestReference(x, nchw, size[0], size[1], f))
              << Name(t) << (nchw ? " NCHW" : " NHWC") << " align " << f.align << " half " << f.half;
        }
      }
    }
  }
}

TEST(Resize, NearestReadsNdAsNhwcAndUsesScales) {
  HostTensor x = Random(DType::kFloat32, {1, 3, 3, 2}), size = Vec({7, 7});
  auto nd = Exec("ResizeNearestNeighborV2", {&x, &size}, {1});
  EXPECT_EQ(nd[0].spec().shape, (Shape{1, 7, 7, 2}));
  EXPECT_EQ(nd[0].Values(), NearestReference(x, false, 7, 7, {}));
  auto scaled = Exec("ResizeNearestNeighborV2", {&x, &size}, {1}, {{"scales", std::vector<float>{2.0f, 2.0f}}});
  EXPECT_EQ(scaled[0].Values(), NearestReference(x, false, 7, 7, {}, 2.0f, 2.0f));
}

TEST(Resize, NearestOfEmptyBatchAndLargeImages) {
  HostTensor empty = Random(DType::kFloat32, {0, 4, 4, 3}), size = Vec({8, 8});
  EXPECT_EQ(Exec("ResizeNearestNeighborV2", {&empty, &size}, {1})[0].spec().shape, (Shape{0, 8, 8, 3}));
  HostTensor x = Random(DType::kFloat16, {2, 3, 200, 150}), big = Vec({333, 401});
  auto y = Exec("ResizeNearestNeighborV2", {&x, &big}, {1}, {{"half_pixel_centers", true}}, Threads(), FormatOf(true));
  EXPECT_EQ(y[0].Values(), NearestReference(x, true, 333, 401, {false, true}));
}

// ---- ResizeBilinearV2 ------------------------------------------------------------------------

TEST(Resize, BilinearGivesTheHandWorkedValues) {
  HostTensor x = Ints(DType::kFloat32, {1, 1, 2, 1}, {0, 10}), size = Vec({1, 4});
  EXPECT_EQ(Exec("ResizeBilinearV2", {&x, &size}, {1})[0].Values(), (std::vector<double>{0, 5, 10, 10}));
  EXPECT_EQ(Exec("ResizeBilinearV2", {&x, &size}, {1}, {{"half_pixel_centers", true}})[0].Values(),
            (std::vector<double>{0, 2.5, 7.5, 10}));
  auto aligned = Exec("ResizeBilinearV2", {&x, &size}, {1}, {{"align_corners", true}})[0].Values();
  ExpectNear(aligned, {0, 10.0 / 3, 20.0 / 3, 10}, DType::kFloat32, "align_corners");
}

TEST(Resize, BilinearKeepsRowsOfAnNchwImage) {
  HostTensor x = Ints(DType::kFloat32, {1, 1, 2, 5}, {1, 2, 3, 4, 5, 1, 2, 3, 4, 5}), size = Vec({5, 5});
  auto y = Exec("ResizeBilinearV2", {&x, &size}, {1}, {}, Parallel::Inline(), FormatOf(true));
  std::vector<double> want;
  for (int r = 0; r < 5; ++r) want.insert(want.end(), {1, 2, 3, 4, 5});
  EXPECT_EQ(y[0].Values(), want);
}

TEST(Resize, BilinearMatchesReferenceForEveryTypeFlagAndLayout) {
  for (DType t : kImageTypes) {
    for (bool nchw : {false, true}) {
      for (const Flags& f : kFlags) {
        for (const Shape& size : {Shape{7, 5}, Shape{3, 2}, Shape{1, 1}}) {
          HostTensor x = Random(t, nchw ? Shape{2, 3, 4, 6} : Shape{2, 4, 6, 3}), s = Vec(size);
          auto y = Exec("ResizeBilinearV2", {&x, &s}, {1}, AttrsOf(f), Parallel::Inline(), FormatOf(nchw));
          EXPECT_EQ(y[0].spec().dtype, DType::kFloat32);
          ExpectNear(y[0].Values(), BilinearReference(x, nchw, size[0], size[1], f), DType::kFloat32,
                     std::string(Name(t)) + (nchw ? " NCHW" : " NHWC"));
        }
      }
    }
  }
}

TEST(Resize, BilinearOutputTypeFollowsTheDtypeAttribute) {
  HostTensor h = Random(DType::kFloat16, {1, 3, 4, 2}), size = Vec({5, 6});
  auto half = Exec("ResizeBilinearV2", {&h, &size}, {1}, {{"dtype", DType::kFloat16}});
  EXPECT_EQ(half[0].spec().dtype, DType::kFloat16);
  ExpectNear(half[0].Values(), BilinearReference(h, false, 5, 6, {}), DType::kFloat16, "float16");
  HostTensor b = Random(DType::kBFloat16, {1, 3, 4, 2});
  auto bf = Exec("ResizeBilinearV2", {&b, &size}, {1}, {{"dtype", DType::kBFloat16}});
  ExpectNear(bf[0].Values(), BilinearReference(b, false, 5, 6, {}), DType::kBFloat16, "bfloat16");
  HostTensor u = Random(DType::kUInt8, {1, 3, 4, 2});
  auto bytes = Exec("ResizeBilinearV2", {&u, &size}, {1}, {{"dtype", DType::kUInt8}});
  EXPECT_EQ(bytes[0].spec().dtype, DType::kUInt8);
  const auto want = BilinearReference(u, false, 5, 6, {});
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(bytes[0].Get(static_cast<int64_t>(i)), std::round(want[i])) << i;
}

TEST(Resize, BilinearLargeImageAcrossThreads) {
  HostTensor x = Random(DType::kFloat32, {2, 300, 200, 3}), size = Vec({450, 310});
  auto y = Exec("ResizeBilinearV2", {&x, &size}, {1}, {{"half_pixel_centers", true}}, Threads());
  ExpectNear(y[0].Values(), BilinearReference(x, false, 450, 310, {false, true}), DType::kFloat32, "large");
}

// ---- errors ----------------------------------------------------------------------------------

TEST(Resize, RejectsAlignCornersWithHalfPixelCenters) {
  HostTensor x = Random(DType::kFloat32, {1, 2, 2, 1}), size = Vec({4, 4});
  for (const char* op : {"ResizeNearestNeighborV2", "ResizeBilinearV2"}) {
    EXPECT_EQ(CodeOf([&] {
                Infer(op, {&x, &size}, {1}, {{"align_corners", true}, {"half_pixel_centers", true}});
              }),
              ACL_ERROR_OP_ATTR_NOT_MATCH)
        << op;
  }
}

TEST(Resize, RejectsBadRankSizeAndFormat) {
  HostTensor x = Random(DType::kFloat32, {1, 2, 2, 1}), rank3 = Random(DType::kFloat32, {2, 2, 1});
  HostTensor size = Vec({4, 4}), zero = Vec({0, 4}), three = Vec({4, 4, 4});
  for (const char* op : {"ResizeNearestNeighborV2", "ResizeBilinearV2"}) {
    EXPECT_EQ(CodeOf([&] { Infer(op, {&rank3, &size}, {1}); }), ACL_ERROR_OP_INPUT_NOT_MATCH) << op;
    EXPECT_EQ(CodeOf([&] { Infer(op, {&x, &size}, {}); }), ACL_ERROR_OP_INPUT_NOT_MATCH) << op;
    EXPECT_EQ(CodeOf([&] { Infer(op, {&x, &zero}, {1}); }), ACL_ERROR_OP_INPUT_NOT_MATCH) << op;
    EXPECT_EQ(CodeOf([&] { Infer(op, {&x, &three}, {1}); }), ACL_ERROR_OP_INPUT_NOT_MATCH) << op;
    EXPECT_EQ(CodeOf([&] {
                Infer(op, {&x, &size}, {1}, {}, {{0, Format::kNC1HWC0}});
              }),
              ACL_ERROR_OP_INPUT_NOT_MATCH)
        << op;
    EXPECT_EQ(CodeOf([&] {
                Infer(op, {&x, &size}, {1}, {{"scales", std::vector<float>{1, 1, 1}}});
              }),
              ACL_ERROR_OP_ATTR_NOT_MATCH)
        << op;
  }
  HostTensor no_pixels = Random(DType::kFloat32, {1, 0, 2, 1});
  EXPECT_EQ(CodeOf([&] { Infer("ResizeBilinearV2", {&no_pixels, &size}, {1}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
}

TEST(Resize, RejectsUnsupportedTypes) {
  HostTensor flags = Random(DType::kBool, {1, 2, 2, 1}), x = Random(DType::kFloat32, {1, 2, 2, 1}), size = Vec({4, 4});
  EXPECT_EQ(CodeOf([&] { Infer("ResizeNearestNeighborV2", {&flags, &size}, {1}); }), ACL_ERROR_UNSUPPORTED_DATA_TYPE);
  EXPECT_EQ(CodeOf([&] { Infer("ResizeBilinearV2", {&flags, &size}, {1}); }), ACL_ERROR_UNSUPPORTED_DATA_TYPE);
  EXPECT_EQ(CodeOf([&] {
              Infer("ResizeBilinearV2", {&x, &size}, {1}, {{"dtype", DType::kFloat16}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("ResizeBilinearV2", {&x, &size}, {1}, {{"dtype", DType::kInt32}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
}

}  // namespace
}  // namespace aclsim::sim
