// Pad, PadD, PadV3, Tile, TileD, BroadcastTo, BroadcastToD, DepthToSpace and SpaceToDepth against
// naive references, over every data type, empty and odd shapes, one large case split over
// threads each, and the shape functions' error paths.
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

using Pads = std::vector<std::pair<int64_t, int64_t>>;

// Where output position o of a dim of size n padded by `before` reads in `mode`, or -1.
int64_t Source(int64_t o, int64_t before, int64_t n, const std::string& mode) {
  int64_t i = o - before;
  if (mode == "constant") return i >= 0 && i < n ? i : -1;
  if (mode == "edge") return std::max<int64_t>(0, std::min(i, n - 1));
  while (i < 0 || i >= n) {  // bounce off the edges until inside
    if (mode == "reflect")
      i = i < 0 ? -i : 2 * (n - 1) - i;
    else
      i = i < 0 ? -i - 1 : 2 * n - 1 - i;  // symmetric
  }
  return i;
}

std::vector<double> PadReference(const HostTensor& x, const Pads& pads, const std::string& mode, double constant) {
  const Shape& xs = x.spec().shape;
  Shape out;
  for (size_t d = 0; d < xs.size(); ++d) out.push_back(xs[d] + pads[d].first + pads[d].second);
  std::vector<double> values;
  for (int64_t i = 0; i < NumElements(out); ++i) {
    auto at = IndexOf(out, i);
    bool inside = true;
    for (size_t d = 0; d < xs.size(); ++d) {
      at[d] = Source(at[d], pads[d].first, xs[d], mode);
      inside = inside && at[d] >= 0;
    }
    values.push_back(inside ? x.Get(Offset(xs, at)) : constant);
  }
  return values;
}

std::vector<int64_t> Flat(const Pads& pads) {
  std::vector<int64_t> flat;
  for (auto [b, a] : pads) flat.insert(flat.end(), {b, a});
  return flat;
}

// ---- Pad, PadD ---------------------------------------------------------------------------------

TEST(PadTile, PadMatchesReferenceForEveryType) {
  const Pads pads = {{1, 0}, {0, 2}, {3, 1}};
  for (DType t : kEveryType) {
    HostTensor x = Random(t, {2, 3, 4}), paddings = Ints(DType::kInt32, {3, 2}, Flat(pads));
    auto y = Exec("Pad", {&x, &paddings}, {1});
    EXPECT_EQ(y[0].spec().shape, (Shape{3, 5, 8}));
    EXPECT_EQ(y[0].Values(), PadReference(x, pads, "constant", 0)) << Name(t);
  }
}

TEST(PadTile, PadDTakesPaddingsAsAListOfPairs) {
  HostTensor x = Random(DType::kFloat16, {3, 2});
  auto y = Exec("PadD", {&x}, {}, {{"paddings", std::vector<std::vector<int64_t>>{{0, 1}, {2, 2}}}});
  EXPECT_EQ(y[0].spec().shape, (Shape{4, 6}));
  EXPECT_EQ(y[0].Values(), PadReference(x, {{0, 1}, {2, 2}}, "constant", 0));
}

TEST(PadTile, PadOfEmptyAndScalarTensors) {
  HostTensor empty = Random(DType::kFloat32, {0, 2}), paddings = Ints(DType::kInt64, {2, 2}, {1, 1, 0, 0});
  auto y = Exec("Pad", {&empty, &paddings}, {1});
  EXPECT_EQ(y[0].spec().shape, (Shape{2, 2}));
  EXPECT_EQ(y[0].Values(), std::vector<double>(4, 0.0));
  HostTensor scalar = Scalar(3, DType::kFloat32), none(DType::kInt32, {0, 2});
  EXPECT_EQ(Exec("Pad", {&scalar, &none}, {1})[0].Values(), std::vector<double>{3});
}

TEST(PadTile, PadLargeTensorAcrossThreads) {
  const Pads pads = {{2, 5}, {1, 3}};
  HostTensor x = Random(DType::kInt32, {500, 300}), paddings = Ints(DType::kInt32, {2, 2}, Flat(pads));
  auto y = Exec("Pad", {&x, &paddings}, {1}, {}, Threads());
  EXPECT_EQ(y[0].Values(), PadReference(x, pads, "constant", 0));
}

TEST(PadTile, PadRejectsNegativeOrMiscountedPaddings) {
  HostTensor x = Random(DType::kFloat32, {2, 3}), negative = Ints(DType::kInt32, {2, 2}, {0, -1, 0, 0});
  HostTensor short_list = Ints(DType::kInt32, {1, 2}, {0, 1});
  EXPECT_EQ(CodeOf([&] { Infer("Pad", {&x, &negative}, {1}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("Pad", {&x, &short_list}, {1}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("Pad", {&x, &short_list}, {}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("PadD", {&x}, {}, {{"paddings", std::vector<std::vector<int64_t>>{{0, 1}}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("PadD", {&x}, {}, {{"paddings", std::vector<int64_t>{0, 1, 0, 1}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
}

// ---- PadV3 -----------------------------------------------------------------------------------

TEST(PadTile, PadV3ModesOnTheDocumentedExample) {
  HostTensor x = Iota(DType::kFloat32, {1, 3}), paddings = Vec({0, 0, 2, 2});
  const std::map<std::string, std::vector<double>> want = {{"reflect", {2, 1, 0, 1, 2, 1, 0}},
                                                           {"SYMMETRIC", {1, 0, 0, 1, 2, 2, 1}},
                                                           {"constant", {0, 0, 0, 1, 2, 0, 0}},
                                                           {"edge", {0, 0, 0, 1, 2, 2, 2}}};
  for (const auto& [mode, values] : want) {
    EXPECT_EQ(Exec("PadV3", {&x, &paddings}, {1}, {{"mode", mode}})[0].Values(), values) << mode;
  }
}

TEST(PadTile, PadV3EveryModeMatchesReferenceForEveryType) {
  const Pads pads = {{2, 1}, {0, 3}, {1, 1}};
  for (DType t : kEveryType) {
    HostTensor x = Random(t, {3, 4, 2}), paddings = Vec(Flat(pads), DType::kInt64);
    for (const std::string mode : {"constant", "reflect", "symmetric", "edge"}) {
      auto y = Exec("PadV3", {&x, &paddings}, {1}, {{"mode", mode}});
      EXPECT_EQ(y[0].Values(), PadReference(x, pads, mode, 0)) << Name(t) << " " << mode;
    }
  }
}

TEST(PadTile, PadV3UsesConstantValuesConvertedToXsType) {
  HostTensor x = Random(DType::kInt16, {2, 2}), paddings = Vec({1, 0, 0, 1}), seven = Scalar(7, DType::kInt64);
  EXPECT_EQ(Exec("PadV3", {&x, &paddings, &seven}, {1})[0].Values(), PadReference(x, {{1, 0}, {0, 1}}, "constant", 7));
  HostTensor f = Random(DType::kFloat32, {2, 2}), half = Scalar(-1.5, DType::kFloat32);
  EXPECT_EQ(Exec("PadV3", {&f, &paddings, &half}, {1})[0].Values(),
            PadReference(f, {{1, 0}, {0, 1}}, "constant", -1.5));
}

TEST(PadTile, PadV3ReadsNonContiguousPaddingsAndCropsWithNegativeOnes) {
  HostTensor x = Random(DType::kFloat32, {4, 5});
  HostTensor split = Vec({1, 2, 0, 3});  // begins 1, 2; ends 0, 3
  auto y = Exec("PadV3", {&x, &split}, {1}, {{"paddings_contiguous", false}});
  EXPECT_EQ(y[0].Values(), PadReference(x, {{1, 0}, {2, 3}}, "constant", 0));
  HostTensor crop = Vec({-1, 0, 2, -2});
  auto z = Exec("PadV3", {&x, &crop}, {1}, {{"mode", std::string("edge")}});
  EXPECT_EQ(z[0].spec().shape, (Shape{3, 5}));
  EXPECT_EQ(z[0].Values(), PadReference(x, {{-1, 0}, {2, -2}}, "edge", 0));
}

TEST(PadTile, PadV3LargeReflectAcrossThreads) {
  const Pads pads = {{3, 3}, {7, 2}};
  HostTensor x = Random(DType::kFloat32, {600, 200}), paddings = Vec(Flat(pads));
  auto y = Exec("PadV3", {&x, &paddings}, {1}, {{"mode", std::string("reflect")}}, Threads());
  EXPECT_EQ(y[0].Values(), PadReference(x, pads, "reflect", 0));
}

TEST(PadTile, PadV3RejectsBadModesAndOversizedReflections) {
  HostTensor x = Random(DType::kFloat32, {2, 3}), paddings = Vec({0, 0, 3, 0}), two = Vec({1, 2}, DType::kFloat32);
  EXPECT_EQ(CodeOf([&] {
              Infer("PadV3", {&x, &paddings}, {1}, {{"mode", std::string("reflect")}});
            }),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("PadV3", {&x, &paddings}, {1}, {{"mode", std::string("wrap")}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("PadV3", {&x, &paddings, &two}, {1}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  HostTensor empty = Random(DType::kFloat32, {0, 3}), pad_rows = Vec({1, 0, 0, 0});
  EXPECT_EQ(CodeOf([&] {
              Infer("PadV3", {&empty, &pad_rows}, {1}, {{"mode", std::string("edge")}});
            }),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
}

// ---- Tile, TileD -------------------------------------------------------------------------------

std::vector<double> TileReference(const HostTensor& x, const std::vector<int64_t>& multiples) {
  const Shape& xs = x.spec().shape;
  Shape out;
  for (size_t d = 0; d < xs.size(); ++d) out.push_back(xs[d] * multiples[d]);
  std::vector<double> values;
  for (int64_t i = 0; i < NumElements(out); ++i) {
    auto at = IndexOf(out, i);
    for (size_t d = 0; d < xs.size(); ++d) at[d] %= xs[d];
    values.push_back(x.Get(Offset(xs, at)));
  }
  return values;
}

TEST(PadTile, TileMatchesReferenceForEveryType) {
  for (DType t : kEveryType) {
    HostTensor x = Random(t, {2, 3, 1}), multiples = Vec({2, 1, 3});
    auto y = Exec("Tile", {&x, &multiples}, {1});
    EXPECT_EQ(y[0].spec().shape, (Shape{4, 3, 3}));
    EXPECT_EQ(y[0].Values(), TileReference(x, {2, 1, 3})) << Name(t);
  }
}

TEST(PadTile, TileDZeroMultiplesAndScalars) {
  HostTensor x = Random(DType::kFloat32, {2, 3});
  EXPECT_EQ(Exec("TileD", {&x}, {}, {{"multiples", std::vector<int64_t>{0, 2}}})[0].spec().shape, (Shape{0, 6}));
  EXPECT_EQ(Exec("TileD", {&x}, {}, {{"multiples", std::vector<int64_t>{3, 2}}})[0].Values(), TileReference(x, {3, 2}));
  HostTensor scalar = Scalar(4, DType::kFloat32), none = Vec({});
  EXPECT_EQ(Exec("Tile", {&scalar, &none}, {1})[0].Values(), std::vector<double>{4});
}

TEST(PadTile, TileLargeAcrossThreads) {
  HostTensor x = Random(DType::kUInt8, {100, 37}), multiples = Vec({10, 20}, DType::kInt64);
  auto y = Exec("Tile", {&x, &multiples}, {1}, {}, Threads());
  EXPECT_EQ(y[0].Values(), TileReference(x, {10, 20}));
}

TEST(PadTile, TileRejectsMiscountedOrNegativeMultiples) {
  HostTensor x = Random(DType::kFloat32, {2, 3}), one = Vec({2}), negative = Vec({1, -1});
  EXPECT_EQ(CodeOf([&] { Infer("Tile", {&x, &one}, {1}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("Tile", {&x, &negative}, {1}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("TileD", {&x}, {}, {{"multiples", std::vector<int64_t>{1, 1, 1}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
}

// ---- BroadcastTo, BroadcastToD ---------------------------------------------------------------

std::vector<double> BroadcastReference(const HostTensor& x, const Shape& out) {
  const Shape& xs = x.spec().shape;
  std::vector<double> values;
  for (int64_t i = 0; i < NumElements(out); ++i) {
    const auto o = IndexOf(out, i);
    std::vector<int64_t> at;
    for (size_t d = 0; d < xs.size(); ++d) at.push_back(xs[d] == 1 ? 0 : o[out.size() - xs.size() + d]);
    values.push_back(x.Get(Offset(xs, at)));
  }
  return values;
}

TEST(PadTile, BroadcastToMatchesReferenceForEveryType) {
  for (DType t : kEveryType) {
    HostTensor x = Random(t, {3, 1}), shape = Vec({2, 3, 4});
    auto y = Exec("BroadcastTo", {&x, &shape}, {1});
    EXPECT_EQ(y[0].Values(), BroadcastReference(x, {2, 3, 4})) << Name(t);
  }
}

TEST(PadTile, BroadcastToDOfScalarsAndEmptyTargets) {
  HostTensor scalar = Scalar(2, DType::kFloat32), x = Random(DType::kFloat32, {1, 3});
  EXPECT_EQ(Exec("BroadcastToD", {&scalar}, {}, {{"shape", std::vector<int64_t>{2, 2}}})[0].Values(),
            std::vector<double>(4, 2.0));
  EXPECT_EQ(Exec("BroadcastToD", {&x}, {}, {{"shape", std::vector<int64_t>{0, 3}}})[0].spec().shape, (Shape{0, 3}));
  EXPECT_EQ(Exec("BroadcastToD", {&x}, {}, {{"shape", std::vector<int64_t>{1, 3}}})[0].Values(), x.Values());
}

TEST(PadTile, BroadcastToLargeAcrossThreads) {
  HostTensor x = Random(DType::kFloat64, {1, 500}), shape = Vec({400, 500}, DType::kInt64);
  auto y = Exec("BroadcastTo", {&x, &shape}, {1}, {}, Threads());
  EXPECT_EQ(y[0].Values(), BroadcastReference(x, {400, 500}));
}

TEST(PadTile, BroadcastToRejectsIncompatibleShapes) {
  HostTensor x = Random(DType::kFloat32, {2, 3}), wrong = Vec({4, 3}), fewer = Vec({3});
  EXPECT_EQ(CodeOf([&] { Infer("BroadcastTo", {&x, &wrong}, {1}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("BroadcastTo", {&x, &fewer}, {1}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("BroadcastToD", {&x}, {}, {{"shape", std::vector<int64_t>{2, 1}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
}

// ---- DepthToSpace, SpaceToDepth --------------------------------------------------------------

// [n, c, h, w] of a 4-D tensor in `format`, and back.
int64_t At4(const Shape& s, bool nchw, int64_t n, int64_t c, int64_t h, int64_t w) {
  return nchw ? Offset(s, {n, c, h, w}) : Offset(s, {n, h, w, c});
}

std::vector<double> DepthToSpaceReference(const HostTensor& x, int64_t b, bool dcr, bool nchw) {
  const Shape& s = x.spec().shape;
  const int64_t n = s[0], c = nchw ? s[1] : s[3], h = nchw ? s[2] : s[1], w = nchw ? s[3] : s[2], oc = c / (b * b);
  const Shape out = nchw ? Shape{n, oc, h * b, w * b} : Shape{n, h * b, w * b, oc};
  std::vector<double> values(static_cast<size_t>(NumElements(out)));
  for (int64_t in = 0; in < n; ++in)
    for (int64_t k = 0; k < oc; ++k)
      for (int64_t y = 0; y < h * b; ++y)
        for (int64_t z = 0; z < w * b; ++z) {
          const int64_t i = y % b, j = z % b;
          const int64_t channel = dcr ? (i * b + j) * oc + k : k * b * b + i * b + j;
          values[static_cast<size_t>(At4(out, nchw, in, k, y, z))] = x.Get(At4(s, nchw, in, channel, y / b, z / b));
        }
  return values;
}

std::vector<double> SpaceToDepthReference(const HostTensor& x, int64_t b, bool nchw) {
  const Shape& s = x.spec().shape;
  const int64_t n = s[0], c = nchw ? s[1] : s[3], h = nchw ? s[2] : s[1], w = nchw ? s[3] : s[2];
  const Shape out = nchw ? Shape{n, c * b * b, h / b, w / b} : Shape{n, h / b, w / b, c * b * b};
  std::vector<double> values(static_cast<size_t>(NumElements(out)));
  for (int64_t in = 0; in < n; ++in)
    for (int64_t k = 0; k < c; ++k)
      for (int64_t y = 0; y < h; ++y)
        for (int64_t z = 0; z < w; ++z) {
          const int64_t channel = ((y % b) * b + z % b) * c + k;
          values[static_cast<size_t>(At4(out, nchw, in, channel, y / b, z / b))] = x.Get(At4(s, nchw, in, k, y, z));
        }
  return values;
}

TEST(PadTile, DepthToSpaceMatchesReferenceForEveryModeAndFormat) {
  for (const std::string mode : {"DCR", "CRD"}) {
    for (const std::string format : {"NHWC", "NCHW"}) {
      const bool nchw = format == "NCHW";
      HostTensor x = Random(DType::kFloat32, nchw ? Shape{2, 12, 3, 2} : Shape{2, 3, 2, 12});
      auto y = Exec("DepthToSpace", {&x}, {}, {{"block_size", int64_t{2}}, {"mode", mode}, {"data_format", format}});
      EXPECT_EQ(y[0].spec().shape, nchw ? (Shape{2, 3, 6, 4}) : (Shape{2, 6, 4, 3}));
      EXPECT_EQ(y[0].Values(), DepthToSpaceReference(x, 2, mode == "DCR", nchw)) << mode << " " << format;
    }
  }
}

TEST(PadTile, DepthToSpaceForEveryType) {
  for (DType t : kEveryType) {
    HostTensor x = Random(t, {1, 2, 3, 9});
    auto y = Exec("DepthToSpace", {&x}, {}, {{"block_size", int64_t{3}}});
    EXPECT_EQ(y[0].Values(), DepthToSpaceReference(x, 3, true, false)) << Name(t);
  }
}

TEST(PadTile, SpaceToDepthMatchesReferenceAndUndoesDepthToSpace) {
  for (const std::string format : {"NHWC", "NCHW"}) {
    const bool nchw = format == "NCHW";
    for (DType t : kEveryType) {
      HostTensor x = Random(t, nchw ? Shape{2, 3, 4, 6} : Shape{2, 4, 6, 3});
      auto y = Exec("SpaceToDepth", {&x}, {}, {{"block_size", int64_t{2}}, {"data_format", format}});
      EXPECT_EQ(y[0].Values(), SpaceToDepthReference(x, 2, nchw)) << Name(t) << " " << format;
      auto back = Exec("DepthToSpace", {&y[0]}, {}, {{"block_size", int64_t{2}}, {"data_format", format}});
      EXPECT_EQ(back[0].Values(), x.Values()) << Name(t) << " " << format;
    }
  }
}

TEST(PadTile, DepthToSpaceOfEmptyAndLargeTensors) {
  HostTensor empty = Random(DType::kFloat32, {0, 2, 2, 4});
  EXPECT_EQ(Exec("DepthToSpace", {&empty}, {}, {{"block_size", int64_t{2}}})[0].spec().shape, (Shape{0, 4, 4, 1}));
  HostTensor x = Random(DType::kFloat16, {2, 64, 60, 40});
  auto y =
      Exec("DepthToSpace", {&x}, {},
           {{"block_size", int64_t{4}}, {"mode", std::string("CRD")}, {"data_format", std::string("NCHW")}}, Threads());
  EXPECT_EQ(y[0].Values(), DepthToSpaceReference(x, 4, false, true));
  auto z = Exec("SpaceToDepth", {&x}, {}, {{"block_size", int64_t{4}}}, Threads());
  EXPECT_EQ(z[0].Values(), SpaceToDepthReference(x, 4, false));
}

TEST(PadTile, DepthToSpaceAndSpaceToDepthRejectBadParameters) {
  HostTensor x = Random(DType::kFloat32, {1, 2, 2, 8}), rank3 = Random(DType::kFloat32, {2, 2, 8});
  EXPECT_EQ(CodeOf([&] {
              Infer("DepthToSpace", {&x}, {}, {{"block_size", int64_t{1}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("DepthToSpace", {&x}, {}); }), ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("DepthToSpace", {&x}, {}, {{"block_size", int64_t{3}}});
            }),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("DepthToSpace", {&x}, {}, {{"block_size", int64_t{2}}, {"mode", std::string("XYZ")}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("DepthToSpace", {&x}, {}, {{"block_size", int64_t{2}}, {"data_format", std::string("NC1HWC0")}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("DepthToSpace", {&rank3}, {}, {{"block_size", int64_t{2}}});
            }),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
  HostTensor odd = Random(DType::kFloat32, {1, 3, 4, 2});
  EXPECT_EQ(CodeOf([&] {
              Infer("SpaceToDepth", {&odd}, {}, {{"block_size", int64_t{2}}});
            }),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
}

TEST(PadTile, DVariantsRunLargeTensorsAcrossThreads) {
  HostTensor x = Random(DType::kFloat16, {300, 250});
  auto padded = Exec("PadD", {&x}, {}, {{"paddings", std::vector<std::vector<int64_t>>{{4, 1}, {0, 9}}}}, Threads());
  EXPECT_EQ(padded[0].Values(), PadReference(x, {{4, 1}, {0, 9}}, "constant", 0));
  auto tiled = Exec("TileD", {&x}, {}, {{"multiples", std::vector<int64_t>{2, 3}}}, Threads());
  EXPECT_EQ(tiled[0].Values(), TileReference(x, {2, 3}));
  auto broadcast = Exec("BroadcastToD", {&x}, {}, {{"shape", std::vector<int64_t>{3, 300, 250}}}, Threads());
  EXPECT_EQ(broadcast[0].Values(), BroadcastReference(x, {3, 300, 250}));
}

}  // namespace
}  // namespace aclsim::sim
