// Indexing operators (GatherV2, GatherElements, GatherNd, ScatterNd, OneHot, Range, Fill) against
// naive references, over every data type, negative and out-of-range indices, empty and large
// tensors, and the shape functions' error paths.
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

// Random indices in [-size, size), so negative ones are exercised.
HostTensor RandomIndices(DType dtype, Shape shape, int64_t size, uint32_t seed = 3) {
  HostTensor t(dtype, std::move(shape));
  t.FillRandom(seed, static_cast<double>(-size), static_cast<double>(size) - 1);
  return t;
}

int64_t Wrapped(double index, int64_t size) {
  const int64_t i = static_cast<int64_t>(index);
  return i < 0 ? i + size : i;
}

// ---- GatherV2 --------------------------------------------------------------------------------

std::vector<double> GatherV2Reference(const HostTensor& x, const HostTensor& indices, int64_t axis,
                                      int64_t batch_dims) {
  const Shape &xs = x.spec().shape, &is = indices.spec().shape;
  const size_t a = static_cast<size_t>(axis), b = static_cast<size_t>(batch_dims);
  Shape out(xs.begin(), xs.begin() + axis);
  out.insert(out.end(), is.begin() + batch_dims, is.end());
  out.insert(out.end(), xs.begin() + axis + 1, xs.end());
  const size_t picked = is.size() - b;
  std::vector<double> values;
  for (int64_t i = 0; i < NumElements(out); ++i) {
    const auto o = IndexOf(out, i);
    std::vector<int64_t> at(o.begin(), o.begin() + static_cast<std::ptrdiff_t>(b));  // batch dims
    at.insert(at.end(), o.begin() + axis, o.begin() + axis + static_cast<std::ptrdiff_t>(picked));
    std::vector<int64_t> source(o.begin(), o.begin() + axis);
    source.push_back(Wrapped(indices.Get(Offset(is, at)), xs[a]));
    source.insert(source.end(), o.begin() + axis + static_cast<std::ptrdiff_t>(picked), o.end());
    values.push_back(x.Get(Offset(xs, source)));
  }
  return values;
}

TEST(Indexing, GatherV2MatchesReferenceForEveryTypeAndAxis) {
  for (DType t : kEveryType) {
    for (int64_t axis : {0, 1, 2, -1}) {
      const int64_t a = axis < 0 ? axis + 3 : axis;
      const Shape xs = {4, 5, 3};
      HostTensor x = Random(t, xs), ax = Scalar(static_cast<double>(axis));
      HostTensor indices = RandomIndices(a == 1 ? DType::kInt64 : DType::kInt32, {2, 3}, xs[static_cast<size_t>(a)]);
      auto y = Exec("GatherV2", {&x, &indices, &ax}, {2});
      EXPECT_EQ(y[0].Values(), GatherV2Reference(x, indices, a, 0)) << Name(t) << " axis " << axis;
    }
  }
}

TEST(Indexing, GatherV2WithBatchDims) {
  HostTensor x = Random(DType::kFloat32, {2, 5, 3}), indices = RandomIndices(DType::kInt32, {2, 4}, 5),
             axis = Scalar(1);
  auto y = Exec("GatherV2", {&x, &indices, &axis}, {2}, {{"batch_dims", int64_t{1}}});
  EXPECT_EQ(y[0].spec().shape, (Shape{2, 4, 3}));
  EXPECT_EQ(y[0].Values(), GatherV2Reference(x, indices, 1, 1));
  auto z = Exec("GatherV2", {&x, &indices, &axis}, {2}, {{"batch_dims", int64_t{-1}}});
  EXPECT_EQ(z[0].Values(), GatherV2Reference(x, indices, 1, 1));
}

TEST(Indexing, GatherV2WithScalarAndEmptyIndices) {
  HostTensor x = Random(DType::kInt16, {3, 4}), one = Scalar(-1), axis = Scalar(0);
  auto row = Exec("GatherV2", {&x, &one, &axis}, {2});
  EXPECT_EQ(row[0].spec().shape, (Shape{4}));
  EXPECT_EQ(row[0].Values(), GatherV2Reference(x, one, 0, 0));
  HostTensor none(DType::kInt32, {0}), ax1 = Scalar(1);
  EXPECT_EQ(Exec("GatherV2", {&x, &none, &ax1}, {2})[0].spec().shape, (Shape{3, 0}));
}

TEST(Indexing, GatherV2LargeTableAcrossThreads) {
  HostTensor x = Random(DType::kFloat16, {1000, 64}), indices = RandomIndices(DType::kInt64, {5000}, 1000),
             axis = Scalar(0);
  auto y = Exec("GatherV2", {&x, &indices, &axis}, {2}, {}, Threads());
  EXPECT_EQ(y[0].Values(), GatherV2Reference(x, indices, 0, 0));
}

TEST(Indexing, GatherV2OutOfRangeIndexIsAnErrorNotARead) {
  HostTensor x = Random(DType::kFloat32, {3, 4}), axis = Scalar(0);
  for (int64_t bad : {3, -4, 1000000}) {
    HostTensor indices = Vec({0, bad});
    EXPECT_EQ(CodeOf([&] { Exec("GatherV2", {&x, &indices, &axis}, {2}); }), ACL_ERROR_INVALID_PARAM) << bad;
  }
}

TEST(Indexing, GatherV2RejectsBadAxisBatchDimsAndIndexType) {
  HostTensor x = Random(DType::kFloat32, {3, 4}), indices = Vec({0}), axis2 = Scalar(2), axis0 = Scalar(0);
  EXPECT_EQ(CodeOf([&] { Infer("GatherV2", {&x, &indices, &axis2}, {2}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("GatherV2", {&x, &indices, &axis0}, {}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("GatherV2", {&x, &indices, &axis0}, {2}, {{"batch_dims", int64_t{1}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  HostTensor float_indices = Random(DType::kFloat32, {2});
  EXPECT_EQ(CodeOf([&] { Infer("GatherV2", {&x, &float_indices, &axis0}, {2}); }), ACL_ERROR_UNSUPPORTED_DATA_TYPE);
}

// ---- GatherElements --------------------------------------------------------------------------

std::vector<double> GatherElementsReference(const HostTensor& x, const HostTensor& index, int64_t dim) {
  const Shape &xs = x.spec().shape, &is = index.spec().shape;
  std::vector<double> values;
  for (int64_t i = 0; i < index.size(); ++i) {
    auto at = IndexOf(is, i);
    at[static_cast<size_t>(dim)] = Wrapped(index.Get(i), xs[static_cast<size_t>(dim)]);
    values.push_back(x.Get(Offset(xs, at)));
  }
  return values;
}

TEST(Indexing, GatherElementsMatchesReferenceForEveryTypeAndDim) {
  for (DType t : kEveryType) {
    for (int64_t dim : {0, 1, -1}) {
      const int64_t d = dim < 0 ? dim + 3 : dim;
      const Shape xs = {4, 5, 3};
      HostTensor x = Random(t, xs), index = RandomIndices(DType::kInt64, {3, 2, 3}, xs[static_cast<size_t>(d)]);
      auto y = Exec("GatherElements", {&x, &index}, {}, {{"dim", dim}});
      EXPECT_EQ(y[0].spec().shape, (Shape{3, 2, 3}));
      EXPECT_EQ(y[0].Values(), GatherElementsReference(x, index, d)) << Name(t) << " dim " << dim;
    }
  }
}

TEST(Indexing, GatherElementsLargeAcrossThreadsAndEmpty) {
  HostTensor x = Random(DType::kFloat32, {300, 200}), index = RandomIndices(DType::kInt32, {300, 150}, 200);
  auto y = Exec("GatherElements", {&x, &index}, {}, {{"dim", int64_t{1}}}, Threads());
  EXPECT_EQ(y[0].Values(), GatherElementsReference(x, index, 1));
  HostTensor none(DType::kInt32, {0, 3});
  EXPECT_EQ(Exec("GatherElements", {&x, &none}, {})[0].spec().shape, (Shape{0, 3}));
}

TEST(Indexing, GatherElementsOutOfRangeIndexIsAnError) {
  HostTensor x = Random(DType::kFloat32, {2, 3}), index = Ints(DType::kInt32, {1, 3}, {0, 2, 2});
  EXPECT_EQ(CodeOf([&] { Exec("GatherElements", {&x, &index}, {}); }), ACL_ERROR_INVALID_PARAM);
}

TEST(Indexing, GatherElementsRejectsMismatchedShapesAndDims) {
  HostTensor x = Random(DType::kFloat32, {2, 3}), flat = Vec({0}), wide = Ints(DType::kInt32, {1, 4}, {0, 0, 0, 0});
  EXPECT_EQ(CodeOf([&] { Infer("GatherElements", {&x, &flat}, {}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("GatherElements", {&x, &wide}, {}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  HostTensor ok = Ints(DType::kInt32, {1, 3}, {0, 0, 0});
  EXPECT_EQ(CodeOf([&] {
              Infer("GatherElements", {&x, &ok}, {}, {{"dim", int64_t{2}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
}

// ---- GatherNd --------------------------------------------------------------------------------

std::vector<double> GatherNdReference(const HostTensor& x, const HostTensor& indices) {
  const Shape &xs = x.spec().shape, &is = indices.spec().shape;
  const size_t depth = static_cast<size_t>(is.back());
  Shape out(is.begin(), is.end() - 1);
  out.insert(out.end(), xs.begin() + static_cast<std::ptrdiff_t>(depth), xs.end());
  std::vector<double> values;
  for (int64_t i = 0; i < NumElements(out); ++i) {
    const auto o = IndexOf(out, i);
    std::vector<int64_t> row(o.begin(), o.begin() + static_cast<std::ptrdiff_t>(is.size() - 1)), at;
    for (size_t k = 0; k < depth; ++k) {
      auto where = row;
      where.push_back(static_cast<int64_t>(k));
      at.push_back(Wrapped(indices.Get(Offset(is, where)), xs[k]));
    }
    at.insert(at.end(), o.begin() + static_cast<std::ptrdiff_t>(is.size() - 1), o.end());
    values.push_back(x.Get(Offset(xs, at)));
  }
  return values;
}

TEST(Indexing, GatherNdMatchesReferenceForEveryTypeAndDepth) {
  for (DType t : kEveryType) {
    HostTensor x = Random(t, {4, 5, 3});
    for (int64_t depth : {0, 1, 2, 3}) {
      HostTensor indices(DType::kInt32, {2, 3, depth});
      for (int64_t i = 0; i < indices.size(); ++i) {
        const int64_t size = x.spec().shape[static_cast<size_t>(i % depth)];
        indices.Set(i, static_cast<double>((i * 7 + 3) % (2 * size) - size));
      }
      auto y = Exec("GatherNd", {&x, &indices}, {});
      EXPECT_EQ(y[0].Values(), GatherNdReference(x, indices)) << Name(t) << " depth " << depth;
    }
  }
}

TEST(Indexing, GatherNdLargeAcrossThreads) {
  HostTensor x = Random(DType::kInt32, {200, 100, 8}), indices(DType::kInt64, {20000, 2});
  for (int64_t i = 0; i < indices.size(); ++i) indices.Set(i, static_cast<double>((i * 37) % (i % 2 ? 100 : 200)));
  auto y = Exec("GatherNd", {&x, &indices}, {}, {}, Threads());
  EXPECT_EQ(y[0].Values(), GatherNdReference(x, indices));
}

TEST(Indexing, GatherNdOutOfRangeIndexIsAnError) {
  HostTensor x = Random(DType::kFloat32, {2, 3}), indices = Ints(DType::kInt32, {1, 2}, {1, 3});
  EXPECT_EQ(CodeOf([&] { Exec("GatherNd", {&x, &indices}, {}); }), ACL_ERROR_INVALID_PARAM);
}

TEST(Indexing, GatherNdRejectsIndicesDeeperThanX) {
  HostTensor x = Random(DType::kFloat32, {2, 3}), indices = Ints(DType::kInt32, {1, 3}, {0, 0, 0});
  EXPECT_EQ(CodeOf([&] { Infer("GatherNd", {&x, &indices}, {}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  HostTensor scalar = Scalar(0);
  EXPECT_EQ(CodeOf([&] { Infer("GatherNd", {&x, &scalar}, {}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
}

// ---- ScatterNd -------------------------------------------------------------------------------

std::vector<double> ScatterNdReference(const HostTensor& indices, const HostTensor& updates, const Shape& out) {
  const Shape& is = indices.spec().shape;
  const size_t depth = static_cast<size_t>(is.back());
  const int64_t rows = NumElements(Shape(is.begin(), is.end() - 1));
  const int64_t inner = NumElements(Shape(out.begin() + static_cast<std::ptrdiff_t>(depth), out.end()));
  std::vector<double> values(static_cast<size_t>(NumElements(out)), 0.0);
  for (int64_t r = 0; r < rows; ++r) {
    int64_t slot = 0;
    for (size_t k = 0; k < depth; ++k) {
      slot = slot * out[k] + Wrapped(indices.Get(r * static_cast<int64_t>(depth) + static_cast<int64_t>(k)), out[k]);
    }
    for (int64_t j = 0; j < inner; ++j) values[static_cast<size_t>(slot * inner + j)] += updates.Get(r * inner + j);
  }
  return values;
}

TEST(Indexing, ScatterNdAccumulatesDuplicatesForEveryType) {
  for (DType t : kEveryType) {
    // Rows 0, 2 and 3 land on the same slot.
    HostTensor indices = Ints(DType::kInt32, {4, 2}, {1, 2, 0, 0, -2, 2, 1, -1}), shape = Vec({2, 3});
    HostTensor updates(t, {4});
    for (int64_t i = 0; i < 4; ++i)
      updates.Set(i, t == DType::kBool ? static_cast<double>(i % 2) : 1.0 + 2.0 * static_cast<double>(i));
    auto y = Exec("ScatterNd", {&indices, &updates, &shape}, {2});
    ASSERT_EQ(y[0].spec().shape, (Shape{2, 3}));
    auto want = ScatterNdReference(indices, updates, {2, 3});
    for (size_t i = 0; i < want.size(); ++i) {
      const double expected = t == DType::kBool ? std::min(1.0, want[i]) : testing::RoundTo(t, want[i]);
      EXPECT_NEAR(y[0].Get(static_cast<int64_t>(i)), expected, testing::Tolerance(t, expected))
          << Name(t) << " at " << i;
    }
  }
}

TEST(Indexing, ScatterNdPlacesSlices) {
  HostTensor indices = Ints(DType::kInt64, {4, 1}, {2, 0, 2, -1}), shape = Vec({3, 5}, DType::kInt64);
  HostTensor updates = Random(DType::kFloat32, {4, 5});
  auto y = Exec("ScatterNd", {&indices, &updates, &shape}, {2});
  const auto want = ScatterNdReference(indices, updates, {3, 5});
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(y[0].Get(static_cast<int64_t>(i)), want[i], 1e-4) << i;
}

TEST(Indexing, ScatterNdLargeAcrossThreads) {
  HostTensor indices(DType::kInt32, {3000, 1}), shape = Vec({2000, 40}), updates = Random(DType::kFloat64, {3000, 40});
  for (int64_t i = 0; i < 3000; ++i) indices.Set(i, static_cast<double>((i * 13) % 2000));
  auto y = Exec("ScatterNd", {&indices, &updates, &shape}, {2}, {}, Threads());
  const auto want = ScatterNdReference(indices, updates, {2000, 40});
  for (size_t i = 0; i < want.size(); ++i) ASSERT_NEAR(y[0].Get(static_cast<int64_t>(i)), want[i], 1e-9) << i;
}

TEST(Indexing, ScatterNdWithNoUpdatesIsZero) {
  HostTensor indices(DType::kInt32, {0, 1}), shape = Vec({3}), updates(DType::kFloat32, {0});
  EXPECT_EQ(Exec("ScatterNd", {&indices, &updates, &shape}, {2})[0].Values(), (std::vector<double>{0, 0, 0}));
}

TEST(Indexing, ScatterNdOutOfRangeIndexIsAnError) {
  HostTensor indices = Ints(DType::kInt32, {1, 1}, {3}), shape = Vec({3}), updates = Random(DType::kFloat32, {1});
  EXPECT_EQ(CodeOf([&] { Exec("ScatterNd", {&indices, &updates, &shape}, {2}); }), ACL_ERROR_INVALID_PARAM);
}

TEST(Indexing, ScatterNdRejectsUpdatesOfTheWrongShape) {
  HostTensor indices = Ints(DType::kInt32, {2, 1}, {0, 1}), shape = Vec({3, 4}),
             updates = Random(DType::kFloat32, {2, 3});
  EXPECT_EQ(CodeOf([&] { Infer("ScatterNd", {&indices, &updates, &shape}, {2}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  HostTensor good = Random(DType::kFloat32, {2, 4});
  EXPECT_EQ(CodeOf([&] { Infer("ScatterNd", {&indices, &good, &shape}, {}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
}

// ---- OneHot ----------------------------------------------------------------------------------

std::vector<double> OneHotReference(const HostTensor& x, int64_t depth, int64_t axis, double on, double off) {
  const Shape& xs = x.spec().shape;
  Shape out = xs;
  out.insert(out.begin() + axis, depth);
  std::vector<double> values;
  for (int64_t i = 0; i < NumElements(out); ++i) {
    auto o = IndexOf(out, i);
    const int64_t d = o[static_cast<size_t>(axis)];
    o.erase(o.begin() + axis);
    values.push_back(static_cast<int64_t>(x.Get(Offset(xs, o))) == d ? on : off);
  }
  return values;
}

TEST(Indexing, OneHotMatchesReferenceForEachAxisAndValueType) {
  for (DType value_type : kEveryType) {
    for (DType index_type : {DType::kUInt8, DType::kInt8, DType::kInt16, DType::kUInt16, DType::kInt32, DType::kUInt32,
                             DType::kInt64, DType::kUInt64}) {
      HostTensor x = Ints(index_type, {2, 3}, {0, 3, 1, 4, 2, 100}), depth = Scalar(4);  // 4 and 100 are off
      const bool flag = value_type == DType::kBool;
      HostTensor on = Scalar(flag ? 1 : 5, value_type), off = Scalar(flag ? 0 : 2, value_type);
      for (int64_t axis : {-1, 0, 1, 2}) {
        auto y = Exec("OneHot", {&x, &depth, &on, &off}, {1}, {{"axis", axis}});
        EXPECT_EQ(y[0].spec().dtype, value_type);
        EXPECT_EQ(y[0].Values(), OneHotReference(x, 4, axis < 0 ? 2 : axis, on.Get(0), off.Get(0)))
            << Name(value_type) << " " << Name(index_type) << " axis " << axis;
      }
    }
  }
}

TEST(Indexing, OneHotNegativeIndicesAreOff) {
  HostTensor x = Vec({-1, 1}), depth = Scalar(2), on = Scalar(1, DType::kFloat32), off = Scalar(0, DType::kFloat32);
  EXPECT_EQ(Exec("OneHot", {&x, &depth, &on, &off}, {1})[0].Values(), (std::vector<double>{0, 0, 0, 1}));
}

TEST(Indexing, OneHotLargeAcrossThreads) {
  HostTensor x = RandomIndices(DType::kInt32, {20000}, 50), depth = Scalar(50), on = Scalar(1, DType::kFloat32),
             off = Scalar(0, DType::kFloat32);
  auto y = Exec("OneHot", {&x, &depth, &on, &off}, {1}, {}, Threads());
  EXPECT_EQ(y[0].Values(), OneHotReference(x, 50, 1, 1, 0));
}

TEST(Indexing, OneHotRejectsBadDepthAxisAndTypes) {
  HostTensor x = Vec({0, 1}), neg = Scalar(-1), depth = Scalar(2), on = Scalar(1, DType::kFloat32),
             off = Scalar(0, DType::kFloat32);
  EXPECT_EQ(CodeOf([&] { Infer("OneHot", {&x, &neg, &on, &off}, {1}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("OneHot", {&x, &depth, &on, &off}, {}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("OneHot", {&x, &depth, &on, &off}, {1}, {{"axis", int64_t{-2}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("OneHot", {&x, &depth, &on, &off}, {1}, {{"axis", int64_t{2}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  HostTensor off_int = Scalar(0, DType::kInt32), float_x = Random(DType::kFloat32, {2});
  EXPECT_EQ(CodeOf([&] { Infer("OneHot", {&x, &depth, &on, &off_int}, {1}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("OneHot", {&float_x, &depth, &on, &off}, {1}); }), ACL_ERROR_UNSUPPORTED_DATA_TYPE);
}

// ---- Range -----------------------------------------------------------------------------------

std::vector<double> RangeOf(DType t, double start, double limit, double delta) {
  HostTensor a = Scalar(start, t), b = Scalar(limit, t), c = Scalar(delta, t);
  return Exec("Range", {&a, &b, &c}, {0, 1, 2})[0].Values();
}

TEST(Indexing, RangeOfIntegers) {
  EXPECT_EQ(RangeOf(DType::kInt32, 0, 10, 3), (std::vector<double>{0, 3, 6, 9}));
  EXPECT_EQ(RangeOf(DType::kInt64, 10, 0, -3), (std::vector<double>{10, 7, 4, 1}));
  EXPECT_EQ(RangeOf(DType::kInt32, -2, 2, 1), (std::vector<double>{-2, -1, 0, 1}));
  EXPECT_TRUE(RangeOf(DType::kInt32, 5, 5, 1).empty());
}

TEST(Indexing, RangeOfFloats) {
  EXPECT_EQ(RangeOf(DType::kFloat32, 0, 1, 0.25), (std::vector<double>{0, 0.25, 0.5, 0.75}));
  EXPECT_EQ(RangeOf(DType::kFloat64, 1.5, -1, -0.5), (std::vector<double>{1.5, 1, 0.5, 0, -0.5}));
  EXPECT_EQ(RangeOf(DType::kFloat32, 0, 1.1, 0.5).size(), 3u);
}

TEST(Indexing, RangeLargeAcrossThreads) {
  HostTensor a = Scalar(0, DType::kFloat64), b = Scalar(100000, DType::kFloat64), c = Scalar(0.5, DType::kFloat64);
  auto y = Exec("Range", {&a, &b, &c}, {0, 1, 2}, {}, Threads());
  ASSERT_EQ(y[0].size(), 200000);
  for (int64_t i = 0; i < y[0].size(); ++i) ASSERT_EQ(y[0].Get(i), 0.5 * static_cast<double>(i));
}

TEST(Indexing, RangeRejectsAZeroOrWrongWayDelta) {
  for (auto [start, limit, delta] : {std::tuple{0, 5, 0}, std::tuple{0, 5, -1}, std::tuple{5, 0, 1}}) {
    HostTensor a = Scalar(start), b = Scalar(limit), c = Scalar(delta);
    EXPECT_EQ(CodeOf([&] { Infer("Range", {&a, &b, &c}, {0, 1, 2}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  }
}

TEST(Indexing, RangeRejectsUnknownMixedOrUnsupportedOperands) {
  HostTensor a = Scalar(0), b = Scalar(5), c = Scalar(1), f = Scalar(1, DType::kFloat32), v = Vec({1, 2});
  EXPECT_EQ(CodeOf([&] { Infer("Range", {&a, &b, &c}, {0, 1}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("Range", {&a, &b, &f}, {0, 1, 2}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("Range", {&a, &b, &v}, {0, 1, 2}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  HostTensor i8 = Scalar(0, DType::kInt8);
  EXPECT_EQ(CodeOf([&] { Infer("Range", {&i8, &i8, &i8}, {0, 1, 2}); }), ACL_ERROR_UNSUPPORTED_DATA_TYPE);
}

// ---- Fill ------------------------------------------------------------------------------------

TEST(Indexing, FillWritesTheValueForEveryType) {
  for (DType t : kEveryType) {
    HostTensor dims = Vec({2, 3}), value = Scalar(1, t);
    auto y = Exec("Fill", {&dims, &value}, {0});
    EXPECT_EQ(y[0].spec().dtype, t);
    EXPECT_EQ(y[0].Values(), std::vector<double>(6, 1.0)) << Name(t);
  }
}

TEST(Indexing, FillOfEmptyScalarAndLargeShapes) {
  HostTensor empty = Vec({0, 4}), value = Scalar(-2.5, DType::kFloat32);
  EXPECT_EQ(Exec("Fill", {&empty, &value}, {0})[0].spec().shape, (Shape{0, 4}));
  HostTensor none = Vec({});
  EXPECT_EQ(Exec("Fill", {&none, &value}, {0})[0].Values(), std::vector<double>{-2.5});
  HostTensor big = Vec({1000, 300}, DType::kInt64);
  EXPECT_EQ(Exec("Fill", {&big, &value}, {0}, {}, Threads())[0].Values(), std::vector<double>(300000, -2.5));
}

TEST(Indexing, FillRejectsBadDimsOrValue) {
  HostTensor dims = Vec({2}), two = Vec({1, 2}, DType::kFloat32), value = Scalar(1, DType::kFloat32), neg = Vec({-1});
  EXPECT_EQ(CodeOf([&] { Infer("Fill", {&dims, &two}, {0}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("Fill", {&dims, &value}, {}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("Fill", {&neg, &value}, {0}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("Fill", {&two, &value}, {0}); }), ACL_ERROR_UNSUPPORTED_DATA_TYPE);
}

}  // namespace
}  // namespace aclsim::sim

namespace aclsim::sim {
namespace {

// NonZero against a naive reference: for every type, coordinates in row-major order, one column
// per non-zero element ([rank, N]), or one row with transpose ([N, rank]).
TEST(Indexing, NonZeroListsTheCoordinatesOfNonZeroElementsForEveryType) {
  for (DType dtype : kEveryType) {
    HostTensor x = Ints(dtype, {2, 3}, {0, 1, 0, 1, 1, 0});
    auto y = Exec("NonZero", {&x}, {0});
    ASSERT_EQ(y[0].spec().shape, (Shape{2, 3})) << Name(dtype);
    EXPECT_EQ(y[0].Values(), (std::vector<double>{0, 1, 1, 1, 0, 1})) << Name(dtype);  // rows, then columns
  }
}

TEST(Indexing, NonZeroTransposedGivesOneRowPerElementAndNaNCounts) {
  HostTensor x(DType::kFloat32, {3});
  x.Set(0, std::nan(""));
  x.Set(1, 0.0);
  x.Set(2, -2.5);
  auto y = Exec("NonZero", {&x}, {0}, {{"transpose", true}, {"dtype", DType::kInt32}});
  ASSERT_EQ(y[0].spec().shape, (Shape{2, 1}));
  EXPECT_EQ(y[0].spec().dtype, DType::kInt32);
  EXPECT_EQ(y[0].Get(0), 0);
  EXPECT_EQ(y[0].Get(1), 2);
}

TEST(Indexing, NonZeroOfAnEmptyOrAllZeroTensorHasNoColumns) {
  HostTensor empty(DType::kFloat32, {0, 4}), zeros(DType::kInt32, {5});
  EXPECT_EQ(Exec("NonZero", {&empty}, {0})[0].spec().shape, (Shape{2, 0}));
  EXPECT_EQ(Exec("NonZero", {&zeros}, {0})[0].spec().shape, (Shape{1, 0}));
}

TEST(Indexing, NonZeroNeedsItsInputsValuesAndAnIntegerDtype) {
  HostTensor x = Vec({1, 0, 2});
  EXPECT_EQ(CodeOf([&] { Infer("NonZero", {&x}, {}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("NonZero", {&x}, {0}, {{"dtype", DType::kFloat32}}); }), ACL_ERROR_OP_ATTR_NOT_MATCH);
}

}  // namespace
}  // namespace aclsim::sim
