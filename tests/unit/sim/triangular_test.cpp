// Tril and Triu against a naive reference: every data type, batches, wide and tall matrices,
// diagonals beyond either corner, empty tensors, and the shape function's errors.
#include "tests/unit/sim/value_test_util.h"

namespace aclsim::sim {
namespace {

using testing::CodeOf;
using testing::HostTensor;
using testing::IndexOf;
using testing::RunOp;

const Parallel& Threads() {
  static const Parallel parallel(4);
  return parallel;
}

void CheckTriangular(const std::string& op, DType dtype, const Shape& shape, int64_t diagonal) {
  HostTensor x = testing::Random(dtype, shape, 11);
  auto out = RunOp(op, {&x}, {{"diagonal", diagonal}}, Threads());
  ASSERT_EQ(out[0].spec().shape, shape);
  ASSERT_EQ(out[0].spec().dtype, dtype);
  const size_t rank = shape.size();
  for (int64_t i = 0; i < x.size(); ++i) {
    const auto index = IndexOf(shape, i);
    const int64_t offset = index[rank - 1] - index[rank - 2];
    const bool keep = op == "Tril" ? offset <= diagonal : offset >= diagonal;
    ASSERT_EQ(out[0].Get(i), keep ? x.Get(i) : 0.0)
        << op << " " << Name(dtype) << " " << ToString(shape) << " diagonal " << diagonal << " at " << i;
  }
}

TEST(Triangular, TrilAndTriuMatchTheReferenceForEveryType) {
  for (DType t : testing::kEveryType) {
    for (const char* op : {"Tril", "Triu"}) CheckTriangular(op, t, {2, 4, 5}, 0);
  }
}

TEST(Triangular, DiagonalsAboveBelowAndBeyondTheCorners) {
  for (const char* op : {"Tril", "Triu"}) {
    for (int64_t k : std::vector<int64_t>{-7, -4, -1, 0, 1, 3, 6, int64_t{1} << 62, -(int64_t{1} << 62)}) {
      CheckTriangular(op, DType::kFloat32, {4, 5}, k);
      CheckTriangular(op, DType::kFloat16, {6, 3}, k);
    }
  }
}

TEST(Triangular, BatchesAndLargeInputsSplitOverThreads) {
  CheckTriangular("Tril", DType::kFloat32, {3, 2, 1, 7, 7}, 1);
  CheckTriangular("Triu", DType::kInt64, {2, 300, 301}, -2);
  CheckTriangular("Triu", DType::kBool, {1, 1}, 0);
}

TEST(Triangular, EmptyMatricesGiveEmptyOutputs) {
  CheckTriangular("Tril", DType::kFloat32, {0, 3}, 0);
  CheckTriangular("Triu", DType::kFloat32, {2, 3, 0}, 0);
  CheckTriangular("Triu", DType::kFloat64, {0, 3, 3}, 1);
}

TEST(Triangular, DefaultDiagonalIsTheMainOne) {
  HostTensor x = testing::Iota(DType::kInt32, {3, 3});
  EXPECT_EQ(RunOp("Tril", {&x})[0].Values(), (std::vector<double>{0, 0, 0, 3, 4, 0, 6, 7, 8}));
  EXPECT_EQ(RunOp("Triu", {&x})[0].Values(), (std::vector<double>{0, 1, 2, 0, 4, 5, 0, 0, 8}));
}

TEST(Triangular, VectorsAndWrongAttributesAreRejected) {
  HostTensor v(DType::kFloat32, {4});
  EXPECT_EQ(CodeOf([&] { RunOp("Tril", {&v}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  HostTensor m(DType::kFloat32, {2, 2});
  EXPECT_EQ(CodeOf([&] { RunOp("Triu", {&m}, {{"diagonal", 1.5f}}); }), ACL_ERROR_OP_ATTR_NOT_MATCH);
  try {
    RunOp("Triu", {&v});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("Triu"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace aclsim::sim
