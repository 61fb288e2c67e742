// TransData between ND, NCHW, NHWC, NC1HWC0 and FRACTAL_NZ: element placement against naive
// references for every data type, shapes equal to those of src/base's ShapeInFormat (the same
// numbers as tests/unit/base/format_shape_test.cpp), exact round trips, zero padding, one large
// case split over threads each way, and the shape function's error paths.
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

Attrs Formats(const std::string& src, const std::string& dst) { return {{"src_format", src}, {"dst_format", dst}}; }

Attrs Back(const std::string& src, const std::string& dst, const Shape& shape) {
  Attrs a = Formats(src, dst);
  a["dst_shape"] = std::vector<int64_t>(shape);
  return a;
}

int64_t C0Of(DType t) { return t == DType::kInt8 || t == DType::kUInt8 ? 32 : 16; }

// [N, C1, H, W, C0] from NCHW (or NHWC) x, zero beyond C.
std::vector<double> Nc1hwc0Reference(const HostTensor& x, bool nhwc) {
  const Shape& s = x.spec().shape;
  const int64_t c0 = C0Of(x.spec().dtype);
  const int64_t n = s[0], c = nhwc ? s[3] : s[1], h = nhwc ? s[1] : s[2], w = nhwc ? s[2] : s[3],
                c1 = (c + c0 - 1) / c0;
  const Shape out = {n, c1, h, w, c0};
  std::vector<double> values;
  for (int64_t i = 0; i < NumElements(out); ++i) {
    const auto o = IndexOf(out, i);
    const int64_t ch = o[1] * c0 + o[4];
    values.push_back(ch >= c ? 0.0
                             : x.Get(nhwc ? Offset(s, {o[0], o[2], o[3], ch}) : Offset(s, {o[0], ch, o[2], o[3]})));
  }
  return values;
}

// [..., n1, m1, 16, C0] from [..., m, n] x (a vector is one row), zero outside.
std::vector<double> FractalNzReference(const HostTensor& x) {
  const Shape& s = x.spec().shape;
  const int64_t c0 = C0Of(x.spec().dtype);
  const int64_t cols = s.back(), rows = s.size() >= 2 ? s[s.size() - 2] : 1;
  const int64_t batch =
      NumElements(Shape(s.begin(), s.end() - std::min<std::ptrdiff_t>(2, static_cast<std::ptrdiff_t>(s.size()))));
  const int64_t m1 = (rows + 15) / 16, n1 = (cols + c0 - 1) / c0;
  const Shape out = {batch, n1, m1, 16, c0};
  std::vector<double> values;
  for (int64_t i = 0; i < NumElements(out); ++i) {
    const auto o = IndexOf(out, i);
    const int64_t r = o[2] * 16 + o[3], c = o[1] * c0 + o[4];
    values.push_back(r < rows && c < cols ? x.Get((o[0] * rows + r) * cols + c) : 0.0);
  }
  return values;
}

// ---- shapes ----------------------------------------------------------------------------------

TEST(Layout, ShapesAgreeWithShapeInFormat) {
  struct Case {
    Shape dims;
    std::string from, to;
    DType type;
    Shape want;
  };
  const std::vector<Case> cases = {
      {{1, 3, 224, 220}, "NCHW", "NHWC", DType::kFloat32, {1, 224, 220, 3}},
      {{1, 224, 220, 3}, "NHWC", "NCHW", DType::kFloat32, {1, 3, 224, 220}},
      {{1, 3, 4, 5}, "NCHW", "ND", DType::kFloat32, {1, 3, 4, 5}},
      {{1, 3, 4, 5}, "ND", "NHWC", DType::kFloat32, {1, 3, 4, 5}},
      {{1, 1, 8, 8, 16}, "NC1HWC0", "NC1HWC0", DType::kFloat16, {1, 1, 8, 8, 16}},
      {{1, 3, 224, 224}, "NCHW", "NC1HWC0", DType::kFloat16, {1, 1, 224, 224, 16}},
      {{1, 33, 7, 7}, "NCHW", "NC1HWC0", DType::kInt8, {1, 2, 7, 7, 32}},
      {{2, 32, 7, 7}, "NCHW", "NC1HWC0", DType::kFloat16, {2, 2, 7, 7, 16}},
      {{2, 5, 6, 17}, "NHWC", "NC1HWC0", DType::kFloat16, {2, 2, 5, 6, 16}},
      {{2, 17, 5, 6}, "ND", "NC1HWC0", DType::kFloat16, {2, 2, 5, 6, 16}},
      {{5, 17}, "ND", "FRACTAL_NZ", DType::kFloat32, {2, 1, 16, 16}},
      {{5, 33}, "ND", "FRACTAL_NZ", DType::kInt8, {2, 1, 16, 32}},
      {{4, 7, 33, 16}, "ND", "FRACTAL_NZ", DType::kFloat16, {4, 7, 1, 3, 16, 16}},
      {{17}, "ND", "FRACTAL_NZ", DType::kFloat16, {2, 1, 16, 16}},
  };
  for (const Case& c : cases) {
    HostTensor x(c.type, c.dims);
    const auto out = Infer("TransData", {&x}, {}, Formats(c.from, c.to));
    EXPECT_EQ(out[0].shape, c.want) << ToString(c.dims) << " " << c.from << " -> " << c.to;
  }
}

TEST(Layout, OutputCarriesTheDestinationFormat) {
  HostTensor x(DType::kFloat16, {1, 3, 4, 4});
  EXPECT_EQ(Infer("TransData", {&x}, {}, Formats("NCHW", "NC1HWC0"))[0].format, Format::kNC1HWC0);
  EXPECT_EQ(Infer("TransData", {&x}, {}, Formats("NCHW", "NHWC"))[0].format, Format::kNHWC);
  EXPECT_EQ(Infer("TransData", {&x}, {}, Formats("ND", "FRACTAL_NZ"))[0].format, Format::kFractalNZ);
}

// ---- plain layouts -----------------------------------------------------------------------------

TEST(Layout, NchwAndNhwcPermuteForEveryType) {
  for (DType t : kEveryType) {
    HostTensor x = Random(t, {2, 3, 4, 5});
    auto nhwc = Exec("TransData", {&x}, {}, Formats("NCHW", "NHWC"));
    ASSERT_EQ(nhwc[0].spec().shape, (Shape{2, 4, 5, 3}));
    for (int64_t i = 0; i < x.size(); ++i) {
      const auto a = IndexOf({2, 3, 4, 5}, i);
      ASSERT_EQ(nhwc[0].Get(Offset({2, 4, 5, 3}, {a[0], a[2], a[3], a[1]})), x.Get(i)) << Name(t);
    }
    auto back = Exec("TransData", {&nhwc[0]}, {}, Formats("NHWC", "NCHW"));
    EXPECT_EQ(back[0].Values(), x.Values()) << Name(t);
  }
}

TEST(Layout, NdRelabelsWithoutMovingElements) {
  HostTensor x = Random(DType::kFloat32, {2, 3, 4, 5});
  EXPECT_EQ(Exec("TransData", {&x}, {}, Formats("ND", "NHWC"))[0].Values(), x.Values());
  EXPECT_EQ(Exec("TransData", {&x}, {}, Formats("NCHW", "ND"))[0].Values(), x.Values());
  HostTensor three = Random(DType::kFloat32, {2, 3, 4});
  EXPECT_EQ(Exec("TransData", {&three}, {}, Formats("ND", "ND"))[0].Values(), three.Values());
}

// ---- NC1HWC0 -----------------------------------------------------------------------------------

TEST(Layout, NchwToNc1hwc0PadsChannelsWithZerosForEveryType) {
  for (DType t : kEveryType) {
    for (int64_t c : {3, 16, 17, 33, 64}) {
      HostTensor x = Random(t, {2, c, 3, 5});
      auto y = Exec("TransData", {&x}, {}, Formats("NCHW", "NC1HWC0"));
      EXPECT_EQ(y[0].Values(), Nc1hwc0Reference(x, false)) << Name(t) << " C " << c;
    }
  }
}

TEST(Layout, NhwcAndNdToNc1hwc0) {
  HostTensor nhwc = Random(DType::kFloat16, {2, 3, 5, 20});
  EXPECT_EQ(Exec("TransData", {&nhwc}, {}, Formats("NHWC", "NC1HWC0"))[0].Values(), Nc1hwc0Reference(nhwc, true));
  HostTensor nd = Random(DType::kInt8, {1, 40, 2, 3});
  EXPECT_EQ(Exec("TransData", {&nd}, {}, Formats("ND", "NC1HWC0"))[0].Values(), Nc1hwc0Reference(nd, false));
}

TEST(Layout, Nc1hwc0RoundTripIsExactForEveryType) {
  for (DType t : kEveryType) {
    for (const std::string plain : {"NCHW", "NHWC"}) {
      const Shape s = plain == "NCHW" ? Shape{2, 19, 3, 4} : Shape{2, 3, 4, 19};
      HostTensor x = Random(t, s);
      auto blocked = Exec("TransData", {&x}, {}, Formats(plain, "NC1HWC0"));
      auto back = Exec("TransData", {&blocked[0]}, {}, Back("NC1HWC0", plain, s));
      EXPECT_EQ(back[0].spec().shape, s);
      EXPECT_EQ(back[0].Values(), x.Values()) << Name(t) << " " << plain;
    }
  }
}

TEST(Layout, Nc1hwc0BackWithoutDstShapeKeepsThePaddedChannels) {
  HostTensor x = Random(DType::kFloat32, {1, 5, 2, 2});
  auto blocked = Exec("TransData", {&x}, {}, Formats("NCHW", "NC1HWC0"));
  auto back = Exec("TransData", {&blocked[0]}, {}, Formats("NC1HWC0", "NCHW"));
  ASSERT_EQ(back[0].spec().shape, (Shape{1, 16, 2, 2}));
  for (int64_t i = 0; i < back[0].size(); ++i) {
    const auto a = IndexOf({1, 16, 2, 2}, i);
    EXPECT_EQ(back[0].Get(i), a[1] < 5 ? x.Get(Offset({1, 5, 2, 2}, a)) : 0.0) << i;
  }
}

TEST(Layout, Nc1hwc0LargeAcrossThreads) {
  const Shape s = {4, 70, 64, 64};
  HostTensor x = Random(DType::kFloat16, s);
  auto blocked = Exec("TransData", {&x}, {}, Formats("NCHW", "NC1HWC0"), Threads());
  EXPECT_EQ(blocked[0].Values(), Nc1hwc0Reference(x, false));
  auto back = Exec("TransData", {&blocked[0]}, {}, Back("NC1HWC0", "NCHW", s), Threads());
  EXPECT_EQ(back[0].Values(), x.Values());
}

// ---- FRACTAL_NZ --------------------------------------------------------------------------------

TEST(Layout, NdToFractalNzMatchesReferenceForEveryType) {
  for (DType t : kEveryType) {
    for (const Shape& s : {Shape{5, 17}, Shape{2, 3, 33, 40}, Shape{17}, Shape{16, 64}, Shape{1, 1}, Shape{0, 5}}) {
      HostTensor x = Random(t, s);
      auto y = Exec("TransData", {&x}, {}, Formats("ND", "FRACTAL_NZ"));
      EXPECT_EQ(y[0].Values(), FractalNzReference(x)) << Name(t) << " " << ToString(s);
    }
  }
}

TEST(Layout, FractalNzRoundTripIsExactForEveryType) {
  for (DType t : kEveryType) {
    for (const Shape& s : {Shape{5, 17}, Shape{2, 3, 33, 40}, Shape{17}, Shape{32, 96}}) {
      HostTensor x = Random(t, s);
      auto nz = Exec("TransData", {&x}, {}, Formats("ND", "FRACTAL_NZ"));
      auto back = Exec("TransData", {&nz[0]}, {}, Back("FRACTAL_NZ", "ND", s));
      EXPECT_EQ(back[0].spec().shape, s);
      EXPECT_EQ(back[0].Values(), x.Values()) << Name(t) << " " << ToString(s);
    }
  }
}

TEST(Layout, FractalNzFromNchwAndBackWithoutDstShape) {
  HostTensor x = Random(DType::kFloat32, {2, 3, 5, 7});
  auto nz = Exec("TransData", {&x}, {}, Formats("NCHW", "FRACTAL_NZ"));
  EXPECT_EQ(nz[0].spec().shape, (Shape{2, 3, 1, 1, 16, 16}));
  EXPECT_EQ(nz[0].Values(), FractalNzReference(x));
  auto padded = Exec("TransData", {&nz[0]}, {}, Formats("FRACTAL_NZ", "NCHW"));
  ASSERT_EQ(padded[0].spec().shape, (Shape{2, 3, 16, 16}));
  for (int64_t i = 0; i < padded[0].size(); ++i) {
    const auto a = IndexOf({2, 3, 16, 16}, i);
    EXPECT_EQ(padded[0].Get(i), a[2] < 5 && a[3] < 7 ? x.Get(Offset({2, 3, 5, 7}, a)) : 0.0) << i;
  }
}

TEST(Layout, FractalNzLargeAcrossThreads) {
  const Shape s = {3, 500, 300};
  HostTensor x = Random(DType::kFloat32, s);
  auto nz = Exec("TransData", {&x}, {}, Formats("ND", "FRACTAL_NZ"), Threads());
  EXPECT_EQ(nz[0].Values(), FractalNzReference(x));
  auto back = Exec("TransData", {&nz[0]}, {}, Back("FRACTAL_NZ", "ND", s), Threads());
  EXPECT_EQ(back[0].Values(), x.Values());
}

// ---- errors ------------------------------------------------------------------------------------

TEST(Layout, RejectsUnsupportedFormatsAndGroups) {
  HostTensor x(DType::kFloat16, {1, 1, 4, 4, 16});
  EXPECT_EQ(CodeOf([&] { Infer("TransData", {&x}, {}, Formats("NC1HWC0", "FRACTAL_NZ")); }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("TransData", {&x}, {}, Formats("NC1HWC0", "FRACTAL_Z")); }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  Attrs grouped = Formats("NC1HWC0", "NCHW");
  grouped["groups"] = int64_t{2};
  EXPECT_EQ(CodeOf([&] { Infer("TransData", {&x}, {}, grouped); }), ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("TransData", {&x}, {}, {{"src_format", std::string("NC1HWC0")}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
}

TEST(Layout, RejectsShapesThatDoNotFitTheFormats) {
  HostTensor rank3(DType::kFloat16, {3, 4, 5});
  EXPECT_EQ(CodeOf([&] { Infer("TransData", {&rank3}, {}, Formats("NCHW", "NC1HWC0")); }),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("TransData", {&rank3}, {}, Formats("ND", "NCHW")); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  HostTensor wrong_c0(DType::kFloat16, {1, 1, 4, 4, 8}), wrong_nz(DType::kFloat16, {1, 1, 8, 16});
  EXPECT_EQ(CodeOf([&] { Infer("TransData", {&wrong_c0}, {}, Formats("NC1HWC0", "NCHW")); }),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("TransData", {&wrong_nz}, {}, Formats("FRACTAL_NZ", "ND")); }),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
}

TEST(Layout, RejectsADstShapeThatDoesNotMatchTheBlocks) {
  HostTensor x(DType::kFloat16, {1, 2, 4, 4, 16});
  EXPECT_EQ(CodeOf([&] {
              Infer("TransData", {&x}, {}, Back("NC1HWC0", "NCHW", {1, 16, 4, 4}));
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("TransData", {&x}, {}, Back("NC1HWC0", "NCHW", {1, 33, 4, 4}));
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  HostTensor plain(DType::kFloat16, {1, 20, 4, 4});
  EXPECT_EQ(CodeOf([&] {
              Infer("TransData", {&plain}, {}, Back("NCHW", "NC1HWC0", {1, 2, 4, 4, 16}));
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  HostTensor nz(DType::kFloat32, {2, 1, 16, 16});
  EXPECT_EQ(CodeOf([&] {
              Infer("TransData", {&nz}, {}, Back("FRACTAL_NZ", "ND", {5, 40}));
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(Infer("TransData", {&nz}, {}, Back("FRACTAL_NZ", "ND", {5, 17}))[0].shape, (Shape{5, 17}));
}

}  // namespace
}  // namespace aclsim::sim
