// Shape operators (Reshape ... StridedSlice) against naive references: element order is checked
// for every data type, with empty and odd shapes, one large case split over threads per
// operator, and the shape functions' error paths.
#include <map>
#include <memory>
#include <optional>
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

// ---- Reshape ---------------------------------------------------------------------------------

TEST(ShapeOps, ReshapeKeepsTheElementsForEveryType) {
  for (DType t : kEveryType) {
    HostTensor x = Random(t, {2, 3, 4}), shape = Vec({4, -1});
    auto y = Exec("Reshape", {&x, &shape}, {1});
    ASSERT_EQ(y[0].spec().shape, (Shape{4, 6})) << Name(t);
    EXPECT_EQ(y[0].spec().dtype, t);
    EXPECT_EQ(y[0].Values(), x.Values()) << Name(t);
  }
}

TEST(ShapeOps, ReshapeZeroCopiesTheInputDim) {
  HostTensor x = Random(DType::kFloat32, {2, 3, 4}), shape = Vec({0, -1}, DType::kInt64);
  EXPECT_EQ(Infer("Reshape", {&x, &shape}, {1})[0].shape, (Shape{2, 12}));
}

TEST(ShapeOps, ReshapeAxisAndNumAxesReplaceOnlyPartOfTheShape) {
  HostTensor x = Random(DType::kFloat32, {2, 3, 4, 5}), twelve = Vec({12}), one = Vec({1});
  EXPECT_EQ(Infer("Reshape", {&x, &twelve}, {1}, {{"axis", int64_t{1}}, {"num_axes", int64_t{2}}})[0].shape,
            (Shape{2, 12, 5}));
  EXPECT_EQ(Infer("Reshape", {&x, &one}, {1}, {{"axis", int64_t{-1}}, {"num_axes", int64_t{0}}})[0].shape,
            (Shape{2, 3, 4, 5, 1}));
  HostTensor rest = Vec({-1});
  EXPECT_EQ(Infer("Reshape", {&x, &rest}, {1}, {{"axis", int64_t{2}}})[0].shape, (Shape{2, 3, 20}));
}

TEST(ShapeOps, ReshapeOfEmptyAndScalarTensors) {
  // 0 copies the input's dim (CANN's rule), so an empty tensor takes its zero through -1.
  HostTensor empty = Random(DType::kInt32, {0, 3}), to = Vec({3, -1});
  auto y = Exec("Reshape", {&empty, &to}, {1});
  EXPECT_EQ(y[0].spec().shape, (Shape{3, 0}));
  HostTensor scalar = Scalar(5, DType::kFloat32), flat = Vec({1, 1});
  EXPECT_EQ(Exec("Reshape", {&scalar, &flat}, {1})[0].Values(), std::vector<double>{5});
  HostTensor back = Vec({});
  HostTensor one = Random(DType::kFloat32, {1, 1});
  EXPECT_EQ(Exec("Reshape", {&one, &back}, {1})[0].spec().shape, Shape{});
}

TEST(ShapeOps, ReshapeLargeTensorIsCopiedAcrossThreads) {
  HostTensor x = Random(DType::kFloat16, {300, 1001}), shape = Vec({1001, 300});
  auto y = Exec("Reshape", {&x, &shape}, {1}, {}, Threads());
  EXPECT_EQ(y[0].Values(), x.Values());
}

TEST(ShapeOps, ReshapeRejectsAnElementCountMismatch) {
  HostTensor x = Random(DType::kFloat32, {2, 3}), shape = Vec({4, 2});
  EXPECT_EQ(CodeOf([&] { Infer("Reshape", {&x, &shape}, {1}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
}

TEST(ShapeOps, ReshapeRejectsTwoInferredDims) {
  HostTensor x = Random(DType::kFloat32, {2, 3}), shape = Vec({-1, -1});
  EXPECT_EQ(CodeOf([&] { Infer("Reshape", {&x, &shape}, {1}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
}

TEST(ShapeOps, ReshapeRejectsAnOutOfRangeAxis) {
  HostTensor x = Random(DType::kFloat32, {2, 3}), shape = Vec({6});
  EXPECT_EQ(CodeOf([&] { Infer("Reshape", {&x, &shape}, {1}, {{"axis", int64_t{3}}}); }), ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("Reshape", {&x, &shape}, {1}, {{"num_axes", int64_t{3}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
}

TEST(ShapeOps, ReshapeNeedsTheShapeBeforeExecution) {
  HostTensor x = Random(DType::kFloat32, {2, 3}), shape = Vec({6});
  EXPECT_EQ(CodeOf([&] { Infer("Reshape", {&x, &shape}, {}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
}

TEST(ShapeOps, ReshapeRejectsAFloatShape) {
  HostTensor x = Random(DType::kFloat32, {2, 3}), shape = Random(DType::kFloat32, {2});
  EXPECT_EQ(CodeOf([&] { Infer("Reshape", {&x, &shape}, {1}); }), ACL_ERROR_UNSUPPORTED_DATA_TYPE);
}

// ---- Squeeze, Unsqueeze, ExpandDims, Flatten, FlattenV2, Identity ----------------------------

TEST(ShapeOps, SqueezeRemovesEveryUnitDimOrTheListedOnes) {
  for (DType t : kEveryType) {
    HostTensor x = Random(t, {1, 3, 1, 2});
    auto all = Exec("Squeeze", {&x}, {});
    EXPECT_EQ(all[0].spec().shape, (Shape{3, 2}));
    EXPECT_EQ(all[0].Values(), x.Values()) << Name(t);
  }
  HostTensor x = Random(DType::kFloat32, {1, 3, 1, 2});
  EXPECT_EQ(Infer("Squeeze", {&x}, {}, {{"axis", std::vector<int64_t>{-2}}})[0].shape, (Shape{1, 3, 2}));
  HostTensor empty = Random(DType::kFloat32, {0, 1});
  EXPECT_EQ(Exec("Squeeze", {&empty}, {})[0].spec().shape, (Shape{0}));
}

TEST(ShapeOps, SqueezeRejectsADimThatIsNotOne) {
  HostTensor x = Random(DType::kFloat32, {1, 3});
  EXPECT_EQ(CodeOf([&] {
              Infer("Squeeze", {&x}, {}, {{"axis", std::vector<int64_t>{1}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("Squeeze", {&x}, {}, {{"axis", std::vector<int64_t>{2}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
}

TEST(ShapeOps, UnsqueezeInsertsUnitDims) {
  for (DType t : kEveryType) {
    HostTensor x = Random(t, {3, 4});
    auto y = Exec("Unsqueeze", {&x}, {}, {{"axes", std::vector<int64_t>{0, -1}}});
    EXPECT_EQ(y[0].spec().shape, (Shape{1, 3, 4, 1}));
    EXPECT_EQ(y[0].Values(), x.Values()) << Name(t);
  }
  HostTensor x = Random(DType::kFloat32, {3, 4});
  EXPECT_EQ(Infer("Unsqueeze", {&x}, {}, {{"axes", std::vector<int64_t>{1, 3}}})[0].shape, (Shape{3, 1, 4, 1}));
}

TEST(ShapeOps, UnsqueezeRejectsRepeatedOrOutOfRangeAxes) {
  HostTensor x = Random(DType::kFloat32, {3});
  EXPECT_EQ(CodeOf([&] {
              Infer("Unsqueeze", {&x}, {}, {{"axes", std::vector<int64_t>{0, 0}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("Unsqueeze", {&x}, {}, {{"axes", std::vector<int64_t>{2}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
}

TEST(ShapeOps, ExpandDimsInsertsAtTheAxisInput) {
  for (DType t : kEveryType) {
    HostTensor x = Random(t, {2, 3}), axis = Scalar(-1);
    auto y = Exec("ExpandDims", {&x, &axis}, {1});
    EXPECT_EQ(y[0].spec().shape, (Shape{2, 3, 1}));
    EXPECT_EQ(y[0].Values(), x.Values()) << Name(t);
  }
  HostTensor x = Random(DType::kFloat32, {2, 3}), zero = Scalar(0, DType::kInt64), one = Vec({1});
  EXPECT_EQ(Infer("ExpandDims", {&x, &zero}, {1})[0].shape, (Shape{1, 2, 3}));
  EXPECT_EQ(Infer("ExpandDims", {&x, &one}, {1})[0].shape, (Shape{2, 1, 3}));
}

TEST(ShapeOps, ExpandDimsRejectsAnOutOfRangeAxis) {
  HostTensor x = Random(DType::kFloat32, {2, 3}), axis = Scalar(3);
  EXPECT_EQ(CodeOf([&] { Infer("ExpandDims", {&x, &axis}, {1}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
}

TEST(ShapeOps, FlattenMakesAMatrixAroundTheAxis) {
  for (DType t : kEveryType) {
    HostTensor x = Random(t, {2, 3, 4});
    auto y = Exec("Flatten", {&x}, {});
    EXPECT_EQ(y[0].spec().shape, (Shape{2, 12}));
    EXPECT_EQ(y[0].Values(), x.Values()) << Name(t);
  }
  HostTensor x = Random(DType::kFloat32, {2, 3, 4});
  EXPECT_EQ(Infer("Flatten", {&x}, {}, {{"axis", int64_t{0}}})[0].shape, (Shape{1, 24}));
  EXPECT_EQ(Infer("Flatten", {&x}, {}, {{"axis", int64_t{3}}})[0].shape, (Shape{24, 1}));
  EXPECT_EQ(Infer("Flatten", {&x}, {}, {{"axis", int64_t{-1}}})[0].shape, (Shape{6, 4}));
  HostTensor empty = Random(DType::kFloat32, {2, 0, 4});
  EXPECT_EQ(Infer("Flatten", {&empty}, {})[0].shape, (Shape{2, 0}));
}

TEST(ShapeOps, FlattenRejectsAnAxisBeyondTheRank) {
  HostTensor x = Random(DType::kFloat32, {2, 3});
  EXPECT_EQ(CodeOf([&] { Infer("Flatten", {&x}, {}, {{"axis", int64_t{3}}}); }), ACL_ERROR_OP_ATTR_NOT_MATCH);
}

TEST(ShapeOps, FlattenV2MergesTheDimsFromAxisToEndAxis) {
  for (DType t : kEveryType) {
    HostTensor x = Random(t, {2, 3, 4, 5});
    auto y = Exec("FlattenV2", {&x}, {});
    EXPECT_EQ(y[0].spec().shape, (Shape{2, 60}));
    EXPECT_EQ(y[0].Values(), x.Values()) << Name(t);
  }
  HostTensor x = Random(DType::kInt8, {2, 3, 4, 5});
  EXPECT_EQ(Infer("FlattenV2", {&x}, {}, {{"axis", int64_t{1}}, {"end_axis", int64_t{2}}})[0].shape, (Shape{2, 12, 5}));
  EXPECT_EQ(Infer("FlattenV2", {&x}, {}, {{"axis", int64_t{0}}})[0].shape, (Shape{120}));
}

TEST(ShapeOps, FlattenV2RejectsAxisAfterEndAxis) {
  HostTensor x = Random(DType::kFloat32, {2, 3, 4});
  EXPECT_EQ(CodeOf([&] {
              Infer("FlattenV2", {&x}, {}, {{"axis", int64_t{2}}, {"end_axis", int64_t{1}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("FlattenV2", {&x}, {}, {{"end_axis", int64_t{3}}}); }), ACL_ERROR_OP_ATTR_NOT_MATCH);
}

TEST(ShapeOps, IdentityCopiesEveryType) {
  for (DType t : kEveryType) {
    for (const Shape& s : {Shape{}, Shape{7}, Shape{0, 5}, Shape{3, 170001}}) {
      HostTensor x = Random(t, s);
      auto y = Exec("Identity", {&x}, {}, {}, Threads());
      EXPECT_EQ(y[0].spec().shape, s);
      EXPECT_EQ(y[0].Values(), x.Values()) << Name(t);
    }
  }
}

TEST(ShapeOps, ViewOperatorsCopyLargeTensorsAcrossThreads) {
  HostTensor x = Random(DType::kFloat32, {1, 400, 1, 500}), axis = Scalar(2);
  EXPECT_EQ(Exec("Squeeze", {&x}, {}, {}, Threads())[0].Values(), x.Values());
  EXPECT_EQ(Exec("Unsqueeze", {&x}, {}, {{"axes", std::vector<int64_t>{0}}}, Threads())[0].Values(), x.Values());
  EXPECT_EQ(Exec("ExpandDims", {&x, &axis}, {1}, {}, Threads())[0].Values(), x.Values());
  EXPECT_EQ(Exec("Flatten", {&x}, {}, {}, Threads())[0].Values(), x.Values());
  EXPECT_EQ(Exec("FlattenV2", {&x}, {}, {}, Threads())[0].Values(), x.Values());
}

// ---- Transpose -----------------------------------------------------------------------------

std::vector<double> TransposeReference(const HostTensor& x, const std::vector<int64_t>& perm) {
  const Shape& in = x.spec().shape;
  Shape out;
  for (int64_t p : perm) out.push_back(in[static_cast<size_t>(p)]);
  std::vector<double> values(static_cast<size_t>(NumElements(out)));
  for (int64_t i = 0; i < NumElements(out); ++i) {
    const auto o = IndexOf(out, i);
    std::vector<int64_t> source(in.size());
    for (size_t k = 0; k < perm.size(); ++k) source[static_cast<size_t>(perm[k])] = o[k];
    values[static_cast<size_t>(i)] = x.Get(Offset(in, source));
  }
  return values;
}

TEST(ShapeOps, TransposeMatchesReferenceForEveryTypeAndShape) {
  const std::vector<std::pair<Shape, std::vector<int64_t>>> cases = {
      {{2, 3, 4}, {2, 0, 1}}, {{5, 7}, {1, 0}}, {{0, 3}, {1, 0}}, {{}, {}}, {{2, 1, 3, 1, 2}, {4, 2, 0, 3, 1}},
      {{3, 4}, {-1, 0}}};
  for (DType t : kEveryType) {
    for (const auto& [shape, perm] : cases) {
      HostTensor x = Random(t, shape), p = Vec(perm);
      auto y = Exec("Transpose", {&x, &p}, {1});
      std::vector<int64_t> positive = perm;
      for (int64_t& v : positive) v = v < 0 ? v + static_cast<int64_t>(shape.size()) : v;
      EXPECT_EQ(y[0].Values(), TransposeReference(x, positive)) << Name(t) << " " << ToString(shape);
    }
  }
}

TEST(ShapeOps, TransposeLargeTensorAcrossThreads) {
  HostTensor x = Random(DType::kFloat32, {64, 130, 33}), perm = Vec({1, 2, 0}, DType::kInt64);
  auto y = Exec("Transpose", {&x, &perm}, {1}, {}, Threads());
  EXPECT_EQ(y[0].spec().shape, (Shape{130, 33, 64}));
  EXPECT_EQ(y[0].Values(), TransposeReference(x, {1, 2, 0}));
}

TEST(ShapeOps, TransposeDTakesThePermAsAttribute) {
  HostTensor x = Random(DType::kUInt16, {2, 3, 4, 5});
  auto y = Exec("TransposeD", {&x}, {}, {{"perm", std::vector<int64_t>{0, 3, 1, 2}}});
  EXPECT_EQ(y[0].spec().shape, (Shape{2, 5, 3, 4}));
  EXPECT_EQ(y[0].Values(), TransposeReference(x, {0, 3, 1, 2}));
}

TEST(ShapeOps, TransposeRejectsAPermThatIsNotAPermutation) {
  HostTensor x = Random(DType::kFloat32, {2, 3}), twice = Vec({0, 0});
  EXPECT_EQ(CodeOf([&] { Infer("Transpose", {&x, &twice}, {1}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("TransposeD", {&x}, {}, {{"perm", std::vector<int64_t>{0, 1, 2}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("TransposeD", {&x}, {}, {{"perm", std::vector<int64_t>{0, 2}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
}

// ---- Concat ----------------------------------------------------------------------------------

std::vector<double> ConcatReference(const std::vector<HostTensor*>& xs, int64_t axis) {
  Shape out = xs[0]->spec().shape;
  out[static_cast<size_t>(axis)] = 0;
  for (HostTensor* x : xs) out[static_cast<size_t>(axis)] += x->spec().shape[static_cast<size_t>(axis)];
  std::vector<double> values;
  for (int64_t i = 0; i < NumElements(out); ++i) {
    auto index = IndexOf(out, i);
    for (HostTensor* x : xs) {
      const int64_t size = x->spec().shape[static_cast<size_t>(axis)];
      if (index[static_cast<size_t>(axis)] < size) {
        values.push_back(x->Get(Offset(x->spec().shape, index)));
        break;
      }
      index[static_cast<size_t>(axis)] -= size;
    }
  }
  return values;
}

TEST(ShapeOps, ConcatDJoinsAlongEveryAxisForEveryType) {
  for (DType t : kEveryType) {
    for (int64_t axis : {0, 1, 2, -1}) {
      const size_t a = static_cast<size_t>(axis < 0 ? axis + 3 : axis);
      Shape s1 = {2, 3, 4}, s2 = s1, s3 = s1;
      s2[a] = 1;
      s3[a] = 0;  // an empty piece
      HostTensor x1 = Random(t, s1, 1), x2 = Random(t, s2, 2), x3 = Random(t, s3, 3);
      auto y = Exec("ConcatD", {&x1, &x2, &x3}, {}, {{"concat_dim", axis}, {"N", int64_t{3}}});
      EXPECT_EQ(y[0].Values(), ConcatReference({&x1, &x2, &x3}, static_cast<int64_t>(a))) << Name(t) << " " << axis;
    }
  }
}

TEST(ShapeOps, ConcatV2DAndConcatV2AndConcatAgree) {
  HostTensor x1 = Random(DType::kFloat32, {3, 2}, 1), x2 = Random(DType::kFloat32, {3, 5}, 2);
  HostTensor axis = Scalar(1);
  const auto want = ConcatReference({&x1, &x2}, 1);
  EXPECT_EQ(Exec("ConcatV2D", {&x1, &x2}, {}, {{"concat_dim", int64_t{-1}}})[0].Values(), want);
  EXPECT_EQ(Exec("ConcatV2", {&x1, &x2, &axis}, {2})[0].Values(), want);
  EXPECT_EQ(Exec("Concat", {&axis, &x1, &x2}, {0})[0].Values(), want);
  EXPECT_EQ(Exec("ConcatD", {&x1}, {}, {{"concat_dim", int64_t{0}}})[0].Values(), x1.Values());
}

TEST(ShapeOps, ConcatLargeTensorsAcrossThreads) {
  HostTensor x1 = Random(DType::kInt32, {1000, 70}, 1), x2 = Random(DType::kInt32, {1000, 130}, 2);
  auto y = Exec("ConcatD", {&x1, &x2}, {}, {{"concat_dim", int64_t{1}}}, Threads());
  EXPECT_EQ(y[0].Values(), ConcatReference({&x1, &x2}, 1));
  auto z = Exec("ConcatD", {&x1, &x1}, {}, {{"concat_dim", int64_t{0}}}, Threads());
  EXPECT_EQ(z[0].Values(), ConcatReference({&x1, &x1}, 0));
}

TEST(ShapeOps, ConcatRejectsMismatchedTensors) {
  HostTensor a = Random(DType::kFloat32, {2, 3}), b = Random(DType::kFloat32, {3, 3}),
             c = Random(DType::kFloat16, {2, 3});
  EXPECT_EQ(CodeOf([&] {
              Infer("ConcatD", {&a, &b}, {}, {{"concat_dim", int64_t{1}}});
            }),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("ConcatD", {&a, &c}, {}, {{"concat_dim", int64_t{0}}});
            }),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
  HostTensor v = Random(DType::kFloat32, {3});
  EXPECT_EQ(CodeOf([&] {
              Infer("ConcatD", {&a, &v}, {}, {{"concat_dim", int64_t{0}}});
            }),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
}

TEST(ShapeOps, ConcatRejectsAnOutOfRangeAxisOrAWrongN) {
  HostTensor a = Random(DType::kFloat32, {2, 3}), axis = Scalar(2);
  EXPECT_EQ(CodeOf([&] { Infer("ConcatD", {&a, &a}, {}, {{"concat_dim", int64_t{2}}}); }), ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("ConcatD", {&a, &a}, {}, {{"concat_dim", int64_t{0}}, {"N", int64_t{3}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("ConcatD", {&a, &a}, {}); }), ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { Infer("ConcatV2", {&a, &a, &axis}, {2}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
}

// ---- Split -----------------------------------------------------------------------------------

// The pieces of x along `axis` of the given sizes, by the reference.
std::vector<std::vector<double>> SplitReference(const HostTensor& x, int64_t axis, const std::vector<int64_t>& sizes) {
  std::vector<std::vector<double>> pieces(sizes.size());
  const Shape& s = x.spec().shape;
  for (int64_t i = 0; i < x.size(); ++i) {
    int64_t at = IndexOf(s, i)[static_cast<size_t>(axis)];
    size_t k = 0;
    while (at >= sizes[k]) at -= sizes[k++];
    pieces[k].push_back(x.Get(i));
  }
  return pieces;
}

TEST(ShapeOps, SplitDCutsEqualPiecesForEveryType) {
  for (DType t : kEveryType) {
    HostTensor x = Random(t, {4, 6, 3});
    auto y = Exec("SplitD", {&x}, {}, {{"split_dim", int64_t{1}}, {"num_split", int64_t{3}}});
    ASSERT_EQ(y.size(), 3u);
    const auto want = SplitReference(x, 1, {2, 2, 2});
    for (size_t k = 0; k < 3; ++k) {
      EXPECT_EQ(y[k].spec().shape, (Shape{4, 2, 3}));
      EXPECT_EQ(y[k].Values(), want[k]) << Name(t) << " piece " << k;
    }
  }
}

TEST(ShapeOps, SplitVDFillsInOneMinusOneAndAllowsEmptyPieces) {
  HostTensor x = Random(DType::kFloat32, {3, 10});
  auto y =
      Exec("SplitVD", {&x}, {},
           {{"size_splits", std::vector<int64_t>{2, -1, 0, 3}}, {"split_dim", int64_t{-1}}, {"num_split", int64_t{4}}});
  ASSERT_EQ(y.size(), 4u);
  const auto want = SplitReference(x, 1, {2, 5, 0, 3});
  for (size_t k = 0; k < 4; ++k) EXPECT_EQ(y[k].Values(), want[k]) << k;
  EXPECT_EQ(y[1].spec().shape, (Shape{3, 5}));
  EXPECT_EQ(y[2].spec().shape, (Shape{3, 0}));
}

TEST(ShapeOps, SplitAndSplitVTakeTheirParametersAsInputs) {
  HostTensor x = Random(DType::kInt64, {6, 4}), dim = Scalar(0), sizes = Vec({1, 5});
  auto even = Exec("Split", {&dim, &x}, {0}, {{"num_split", int64_t{2}}});
  const auto halves = SplitReference(x, 0, {3, 3});
  EXPECT_EQ(even[0].Values(), halves[0]);
  EXPECT_EQ(even[1].Values(), halves[1]);
  auto sized = Exec("SplitV", {&x, &sizes, &dim}, {1, 2}, {{"num_split", int64_t{2}}});
  const auto parts = SplitReference(x, 0, {1, 5});
  EXPECT_EQ(sized[0].Values(), parts[0]);
  EXPECT_EQ(sized[1].Values(), parts[1]);
}

TEST(ShapeOps, SplitLargeTensorAcrossThreads) {
  HostTensor x = Random(DType::kFloat16, {700, 200});
  auto y = Exec("SplitD", {&x}, {}, {{"split_dim", int64_t{1}}, {"num_split", int64_t{2}}}, Threads());
  const auto want = SplitReference(x, 1, {100, 100});
  EXPECT_EQ(y[0].Values(), want[0]);
  EXPECT_EQ(y[1].Values(), want[1]);
}

TEST(ShapeOps, SplitRejectsPiecesThatDoNotFit) {
  HostTensor x = Random(DType::kFloat32, {4, 6});
  EXPECT_EQ(CodeOf([&] {
              Infer("SplitD", {&x}, {}, {{"split_dim", int64_t{1}}, {"num_split", int64_t{4}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("SplitD", {&x}, {}, {{"split_dim", int64_t{2}}, {"num_split", int64_t{2}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer(
                  "SplitVD", {&x}, {},
                  {{"size_splits", std::vector<int64_t>{2, 2}}, {"split_dim", int64_t{1}}, {"num_split", int64_t{2}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(
      CodeOf([&] {
        Infer("SplitVD", {&x}, {},
              {{"size_splits", std::vector<int64_t>{-1, -1}}, {"split_dim", int64_t{1}}, {"num_split", int64_t{2}}});
      }),
      ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("SplitVD", {&x}, {},
                    {{"size_splits", std::vector<int64_t>{6}}, {"split_dim", int64_t{1}}, {"num_split", int64_t{2}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
}

// ---- Slice -----------------------------------------------------------------------------------

std::vector<double> SliceReference(const HostTensor& x, const std::vector<int64_t>& offsets, const Shape& size) {
  std::vector<double> values;
  for (int64_t i = 0; i < NumElements(size); ++i) {
    auto index = IndexOf(size, i);
    for (size_t d = 0; d < index.size(); ++d) index[d] += offsets[d];
    values.push_back(x.Get(Offset(x.spec().shape, index)));
  }
  return values;
}

TEST(ShapeOps, SliceMatchesReferenceForEveryType) {
  for (DType t : kEveryType) {
    HostTensor x = Random(t, {4, 5, 6}), offsets = Vec({1, 0, 2}), size = Vec({2, -1, 3}, DType::kInt64);
    auto y = Exec("Slice", {&x, &offsets, &size}, {1, 2});
    EXPECT_EQ(y[0].spec().shape, (Shape{2, 5, 3}));
    EXPECT_EQ(y[0].Values(), SliceReference(x, {1, 0, 2}, {2, 5, 3})) << Name(t);
  }
}

TEST(ShapeOps, SliceDOfEmptyAndFullRanges) {
  HostTensor x = Random(DType::kFloat32, {3, 4});
  auto empty =
      Exec("SliceD", {&x}, {}, {{"offsets", std::vector<int64_t>{3, 0}}, {"size", std::vector<int64_t>{0, 4}}});
  EXPECT_EQ(empty[0].spec().shape, (Shape{0, 4}));
  auto full =
      Exec("SliceD", {&x}, {}, {{"offsets", std::vector<int64_t>{0, 0}}, {"size", std::vector<int64_t>{-1, -1}}});
  EXPECT_EQ(full[0].Values(), x.Values());
}

TEST(ShapeOps, SliceLargeTensorAcrossThreads) {
  HostTensor x = Random(DType::kFloat32, {400, 300});
  auto y = Exec("SliceD", {&x}, {},
                {{"offsets", std::vector<int64_t>{10, 7}}, {"size", std::vector<int64_t>{380, 250}}}, Threads());
  EXPECT_EQ(y[0].Values(), SliceReference(x, {10, 7}, {380, 250}));
}

TEST(ShapeOps, SliceRejectsRangesOutsideTheTensor) {
  HostTensor x = Random(DType::kFloat32, {3, 4}), offsets = Vec({1, 2}), size = Vec({3, 1});
  EXPECT_EQ(CodeOf([&] { Infer("Slice", {&x, &offsets, &size}, {1, 2}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(
      CodeOf([&] {
        Infer("SliceD", {&x}, {}, {{"offsets", std::vector<int64_t>{-1, 0}}, {"size", std::vector<int64_t>{1, 1}}});
      }),
      ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("SliceD", {&x}, {}, {{"offsets", std::vector<int64_t>{0}}, {"size", std::vector<int64_t>{1}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
}

TEST(ShapeOps, ParameterVariantsRunLargeTensorsAcrossThreads) {
  HostTensor x = Random(DType::kInt32, {300, 400}), x2 = Random(DType::kInt32, {300, 100}, 2);
  auto transposed = Exec("TransposeD", {&x}, {}, {{"perm", std::vector<int64_t>{1, 0}}}, Threads());
  EXPECT_EQ(transposed[0].Values(), TransposeReference(x, {1, 0}));
  HostTensor one = Scalar(1), zero = Scalar(0);
  const auto joined = ConcatReference({&x, &x2}, 1);
  EXPECT_EQ(Exec("ConcatV2", {&x, &x2, &one}, {2}, {}, Threads())[0].Values(), joined);
  EXPECT_EQ(Exec("Concat", {&one, &x, &x2}, {0}, {}, Threads())[0].Values(), joined);
  EXPECT_EQ(Exec("ConcatV2D", {&x, &x2}, {}, {{"concat_dim", int64_t{1}}}, Threads())[0].Values(), joined);
  const auto halves = SplitReference(x, 0, {150, 150});
  auto even = Exec("Split", {&zero, &x}, {0}, {{"num_split", int64_t{2}}}, Threads());
  EXPECT_EQ(even[1].Values(), halves[1]);
  HostTensor sizes = Vec({100, -1});
  const auto parts = SplitReference(x, 1, {100, 300});
  EXPECT_EQ(Exec("SplitV", {&x, &sizes, &one}, {1, 2}, {{"num_split", int64_t{2}}}, Threads())[1].Values(), parts[1]);
  EXPECT_EQ(
      Exec("SplitVD", {&x}, {},
           {{"size_splits", std::vector<int64_t>{100, 300}}, {"split_dim", int64_t{1}}, {"num_split", int64_t{2}}},
           Threads())[1]
          .Values(),
      parts[1]);
  HostTensor offsets = Vec({5, 9}), size = Vec({290, -1});
  EXPECT_EQ(Exec("Slice", {&x, &offsets, &size}, {1, 2}, {}, Threads())[0].Values(),
            SliceReference(x, {5, 9}, {290, 391}));
}

// ---- StridedSlice ----------------------------------------------------------------------------

// One item of a Python-style subscript: x[1, 2:, ::-1, None, ...].
struct Item {
  enum Kind { kIndex, kSlice, kNewAxis, kEllipsis } kind;
  int64_t index = 0;
  std::optional<int64_t> begin, end;
  int64_t step = 1;
};
Item At(int64_t i) { return {Item::kIndex, i, {}, {}, 1}; }
Item Range(std::optional<int64_t> b, std::optional<int64_t> e, int64_t step = 1) {
  return {Item::kSlice, 0, b, e, step};
}
Item NewAxis() { return {Item::kNewAxis, 0, {}, {}, 1}; }
Item Ellipsis() { return {Item::kEllipsis, 0, {}, {}, 1}; }

// The positions Python's slice picks in a dim of size n.
std::vector<int64_t> Picks(const Item& item, int64_t n) {
  if (item.kind == Item::kIndex) return {item.index < 0 ? item.index + n : item.index};
  std::vector<int64_t> picks;
  const int64_t s = item.step;
  auto clamp = [](int64_t v, int64_t lo, int64_t hi) { return std::max(lo, std::min(v, hi)); };
  if (s > 0) {
    const int64_t start = item.begin ? clamp(*item.begin < 0 ? *item.begin + n : *item.begin, 0, n) : 0;
    const int64_t stop = item.end ? clamp(*item.end < 0 ? *item.end + n : *item.end, 0, n) : n;
    for (int64_t i = start; i < stop; i += s) picks.push_back(i);
  } else {
    const int64_t start = item.begin ? clamp(*item.begin < 0 ? *item.begin + n : *item.begin, -1, n - 1) : n - 1;
    const int64_t stop = item.end ? clamp(*item.end < 0 ? *item.end + n : *item.end, -1, n - 1) : -1;
    for (int64_t i = start; i > stop; i += s) picks.push_back(i);
  }
  return picks;
}

// x[items] by the Python rules: the output shape and values.
std::pair<Shape, std::vector<double>> Subscript(const HostTensor& x, std::vector<Item> items) {
  const Shape& s = x.spec().shape;
  int64_t named = 0;
  bool ellipsis = false;
  for (const Item& i : items) {
    named += i.kind == Item::kIndex || i.kind == Item::kSlice;
    ellipsis = ellipsis || i.kind == Item::kEllipsis;
  }
  if (!ellipsis) items.push_back(Ellipsis());
  std::vector<Item> dense;  // one item per dim of x, plus new axes
  for (const Item& i : items) {
    if (i.kind == Item::kEllipsis) {
      for (int64_t k = 0; k < static_cast<int64_t>(s.size()) - named; ++k) dense.push_back(Range({}, {}));
    } else {
      dense.push_back(i);
    }
  }
  Shape out;
  std::vector<std::vector<int64_t>> picks;
  size_t d = 0;
  for (const Item& i : dense) {
    if (i.kind == Item::kNewAxis) {
      out.push_back(1);
      continue;
    }
    picks.push_back(Picks(i, s[d++]));
    if (i.kind == Item::kSlice) out.push_back(static_cast<int64_t>(picks.back().size()));
  }
  Shape space;
  for (const auto& p : picks) space.push_back(static_cast<int64_t>(p.size()));
  std::vector<double> values;
  for (int64_t i = 0; i < NumElements(space); ++i) {
    auto index = IndexOf(space, i);
    for (size_t k = 0; k < index.size(); ++k) index[k] = picks[k][static_cast<size_t>(index[k])];
    values.push_back(x.Get(Offset(s, index)));
  }
  return {out, values};
}

// The StridedSlice operands of a subscript.
struct SliceArgs {
  std::vector<int64_t> begin, end, strides;
  int64_t begin_mask = 0, end_mask = 0, ellipsis_mask = 0, new_axis_mask = 0, shrink_axis_mask = 0;
};
SliceArgs ArgsOf(const std::vector<Item>& items) {
  SliceArgs a;
  for (size_t i = 0; i < items.size(); ++i) {
    const Item& it = items[i];
    const int64_t bit = int64_t{1} << i;
    int64_t b = 0, e = 0, s = 1;
    if (it.kind == Item::kIndex) {
      b = it.index;
      e = it.index + 1;
      a.shrink_axis_mask |= bit;
    } else if (it.kind == Item::kSlice) {
      s = it.step;
      if (it.begin)
        b = *it.begin;
      else
        a.begin_mask |= bit;
      if (it.end)
        e = *it.end;
      else
        a.end_mask |= bit;
    } else if (it.kind == Item::kNewAxis) {
      a.new_axis_mask |= bit;
    } else {
      a.ellipsis_mask |= bit;
    }
    a.begin.push_back(b);
    a.end.push_back(e);
    a.strides.push_back(s);
  }
  return a;
}
Attrs MaskAttrs(const SliceArgs& a) {
  return {{"begin_mask", a.begin_mask},
          {"end_mask", a.end_mask},
          {"ellipsis_mask", a.ellipsis_mask},
          {"new_axis_mask", a.new_axis_mask},
          {"shrink_axis_mask", a.shrink_axis_mask}};
}

const std::vector<std::vector<Item>> kSubscripts = {
    {Range(1, 3), Range({}, {}, -1), Range(0, 4, 2)},     // x[1:3, ::-1, 0:4:2]
    {At(1)},                                              // x[1]
    {At(-1), Range(-2, {}), At(0)},                       // x[-1, -2:, 0]
    {Ellipsis(), Range({}, {}, -2)},                      // x[..., ::-2]
    {NewAxis(), Range(0, 1), Ellipsis(), NewAxis()},      // x[None, 0:1, ..., None]
    {Range(-100, 100), Range(5, -100, -1), Range(3, 1)},  // clamped and empty ranges
    {Range(3, 0, -2), At(2), Ellipsis()},                 // x[3:0:-2, 2, ...]
    {Range({}, {}, 3), Range(1, {}, 5), Range({}, -1)},   // steps beyond the dims
    {},                                                   // the whole tensor
};

TEST(ShapeOps, StridedSliceMatchesPythonSubscriptsForEveryType) {
  for (DType t : kEveryType) {
    HostTensor x = Random(t, {4, 3, 5});
    for (size_t c = 0; c < kSubscripts.size(); ++c) {
      const SliceArgs a = ArgsOf(kSubscripts[c]);
      HostTensor begin = Vec(a.begin), end = Vec(a.end, DType::kInt64), strides = Vec(a.strides);
      auto y = Exec("StridedSlice", {&x, &begin, &end, &strides}, {1, 2, 3}, MaskAttrs(a));
      const auto [shape, values] = Subscript(x, kSubscripts[c]);
      EXPECT_EQ(y[0].spec().shape, shape) << Name(t) << " subscript " << c;
      EXPECT_EQ(y[0].Values(), values) << Name(t) << " subscript " << c;
    }
  }
}

TEST(ShapeOps, StridedSliceDTakesItsOperandsAsAttributes) {
  HostTensor x = Random(DType::kFloat32, {4, 3, 5});
  for (size_t c = 0; c < kSubscripts.size(); ++c) {
    const SliceArgs a = ArgsOf(kSubscripts[c]);
    Attrs attrs = MaskAttrs(a);
    attrs["begin"] = a.begin;
    attrs["end"] = a.end;
    attrs["strides"] = a.strides;
    auto y = Exec("StridedSliceD", {&x}, {}, attrs);
    const auto [shape, values] = Subscript(x, kSubscripts[c]);
    EXPECT_EQ(y[0].spec().shape, shape) << "subscript " << c;
    EXPECT_EQ(y[0].Values(), values) << "subscript " << c;
  }
}

TEST(ShapeOps, StridedSliceOfAnEmptyTensor) {
  HostTensor x = Random(DType::kFloat32, {0, 3});
  const std::vector<Item> items = {Range({}, {}), Range(1, {})};
  const SliceArgs a = ArgsOf(items);
  HostTensor begin = Vec(a.begin), end = Vec(a.end), strides = Vec(a.strides);
  auto y = Exec("StridedSlice", {&x, &begin, &end, &strides}, {1, 2, 3}, MaskAttrs(a));
  EXPECT_EQ(y[0].spec().shape, (Shape{0, 2}));
}

TEST(ShapeOps, StridedSliceDLargeTensorAcrossThreads) {
  HostTensor x = Random(DType::kUInt8, {600, 800});
  const std::vector<Item> items = {Range({}, {}, 2), Range(-1, 0, -3)};
  const SliceArgs a = ArgsOf(items);
  Attrs attrs = MaskAttrs(a);
  attrs["begin"] = a.begin;
  attrs["end"] = a.end;
  attrs["strides"] = a.strides;
  auto y = Exec("StridedSliceD", {&x}, {}, attrs, Threads());
  EXPECT_EQ(y[0].Values(), Subscript(x, items).second);
}

TEST(ShapeOps, StridedSliceLargeTensorAcrossThreads) {
  HostTensor x = Random(DType::kInt16, {300, 400});
  const std::vector<Item> items = {Range(299, {}, -1), Range(1, 399, 2)};
  const SliceArgs a = ArgsOf(items);
  HostTensor begin = Vec(a.begin), end = Vec(a.end), strides = Vec(a.strides);
  auto y = Exec("StridedSlice", {&x, &begin, &end, &strides}, {1, 2, 3}, MaskAttrs(a), Threads());
  const auto [shape, values] = Subscript(x, items);
  EXPECT_EQ(y[0].spec().shape, shape);
  EXPECT_EQ(y[0].Values(), values);
}

TEST(ShapeOps, StridedSliceRejectsAZeroStride) {
  HostTensor x = Random(DType::kFloat32, {4}), begin = Vec({0}), end = Vec({4}), strides = Vec({0});
  EXPECT_EQ(CodeOf([&] {
              Infer("StridedSlice", {&x, &begin, &end, &strides}, {1, 2, 3});
            }),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
}

TEST(ShapeOps, StridedSliceRejectsAShrunkIndexOutOfRange) {
  HostTensor x = Random(DType::kFloat32, {4}), begin = Vec({4}), end = Vec({5}), strides = Vec({1});
  EXPECT_EQ(CodeOf([&] {
              Infer("StridedSlice", {&x, &begin, &end, &strides}, {1, 2, 3}, {{"shrink_axis_mask", int64_t{1}}});
            }),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
}

TEST(ShapeOps, StridedSliceRejectsTwoEllipsesAndTooManyIndices) {
  HostTensor x = Random(DType::kFloat32, {4, 4}), two = Vec({0, 0}), ones = Vec({1, 1}), three = Vec({0, 0, 0});
  HostTensor ones3 = Vec({1, 1, 1});
  EXPECT_EQ(CodeOf([&] {
              Infer("StridedSlice", {&x, &two, &two, &ones}, {1, 2, 3}, {{"ellipsis_mask", int64_t{3}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("StridedSlice", {&x, &three, &three, &ones3}, {1, 2, 3});
            }),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] {
              Infer("StridedSliceD", {&x}, {},
                    {{"begin", std::vector<int64_t>{0}},
                     {"end", std::vector<int64_t>{1, 1}},
                     {"strides", std::vector<int64_t>{1}}});
            }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
}

}  // namespace
}  // namespace aclsim::sim
