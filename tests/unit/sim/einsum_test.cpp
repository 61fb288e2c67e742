// Einsum against naive references: matrix products, batched products with "...", transposes,
// sums, inner and outer products, diagonals, implicit outputs, three inputs, float16, empty dims,
// and the shape function's errors.
#include "tests/unit/sim/value_test_util.h"

namespace aclsim::sim {
namespace {

using testing::CodeOf;
using testing::HostTensor;
using testing::RunOp;

std::vector<HostTensor> Einsum(const std::string& equation, std::vector<HostTensor*> inputs) {
  static const Parallel parallel(4);
  return RunOp("Einsum", inputs, {{"equation", equation}}, parallel);
}

void ExpectNear(const HostTensor& got, const std::vector<double>& want, DType dtype) {
  ASSERT_EQ(got.size(), static_cast<int64_t>(want.size()));
  for (int64_t i = 0; i < got.size(); ++i) {
    const double r = testing::RoundTo(dtype, want[static_cast<size_t>(i)]);
    ASSERT_NEAR(got.Get(i), r, testing::Tolerance(dtype, r) * 2) << "at " << i;
  }
}

TEST(Einsum, MatrixProductForEveryFloatType) {
  for (DType t : {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64}) {
    HostTensor a(t, {3, 4}), b(t, {4, 5});
    a.FillRandom(1, -2, 2);
    b.FillRandom(2, -2, 2);
    auto out = Einsum("ij,jk->ik", {&a, &b});
    ASSERT_EQ(out[0].spec().shape, (Shape{3, 5}));
    std::vector<double> want;
    for (int i = 0; i < 3; ++i) {
      for (int k = 0; k < 5; ++k) {
        double s = 0;
        for (int j = 0; j < 4; ++j) s += a.Get(i * 4 + j) * b.Get(j * 5 + k);
        want.push_back(s);
      }
    }
    ExpectNear(out[0], want, t);
    ExpectNear(Einsum("ij, jk", {&a, &b})[0], want, t);  // implicit output, spaces
  }
}

TEST(Einsum, BatchedProductWithEllipsisBroadcasts) {
  HostTensor a(DType::kFloat32, {2, 3, 2, 4}), b(DType::kFloat32, {3, 4, 2});
  a.FillRandom(3, -1, 1);
  b.FillRandom(4, -1, 1);
  auto out = Einsum("...ij,...jk->...ik", {&a, &b});
  ASSERT_EQ(out[0].spec().shape, (Shape{2, 3, 2, 2}));
  std::vector<double> want;
  for (int n = 0; n < 2; ++n) {
    for (int m = 0; m < 3; ++m) {
      for (int i = 0; i < 2; ++i) {
        for (int k = 0; k < 2; ++k) {
          double s = 0;
          for (int j = 0; j < 4; ++j) s += a.Get(((n * 3 + m) * 2 + i) * 4 + j) * b.Get((m * 4 + j) * 2 + k);
          want.push_back(s);
        }
      }
    }
  }
  ExpectNear(out[0], want, DType::kFloat32);
}

TEST(Einsum, TransposeSumInnerOuterAndDiagonal) {
  HostTensor m = testing::Iota(DType::kFloat32, {3, 3});
  ExpectNear(Einsum("ij->ji", {&m})[0], {0, 3, 6, 1, 4, 7, 2, 5, 8}, DType::kFloat32);
  ExpectNear(Einsum("ij->i", {&m})[0], {3, 12, 21}, DType::kFloat32);
  ExpectNear(Einsum("ij->", {&m})[0], {36}, DType::kFloat32);
  ExpectNear(Einsum("ii->i", {&m})[0], {0, 4, 8}, DType::kFloat32);
  ExpectNear(Einsum("ii", {&m})[0], {12}, DType::kFloat32);  // trace
  HostTensor u = testing::Iota(DType::kFloat64, {3}), v = testing::Iota(DType::kFloat64, {2});
  ExpectNear(Einsum("i,i", {&u, &u})[0], {5}, DType::kFloat64);
  ExpectNear(Einsum("i,j->ij", {&u, &v})[0], {0, 0, 0, 1, 0, 2}, DType::kFloat64);
  HostTensor batch = testing::Iota(DType::kFloat32, {2, 2, 2});
  ExpectNear(Einsum("...ii->...i", {&batch})[0], {0, 3, 4, 7}, DType::kFloat32);
}

TEST(Einsum, ThreeInputsAndIntegers) {
  HostTensor a = testing::Iota(DType::kInt32, {2, 3}), b = testing::Iota(DType::kInt32, {3}),
             c = testing::Iota(DType::kInt32, {2});
  // sum_j a[i][j] * b[j] * c[i]
  auto out = Einsum("ij,j,i->i", {&a, &b, &c});
  EXPECT_EQ(out[0].Values(), (std::vector<double>{0, 1 * (3 * 0 + 4 * 1 + 5 * 2)}));
}

TEST(Einsum, EmptyDims) {
  HostTensor a(DType::kFloat32, {0, 4}), b(DType::kFloat32, {4, 2});
  EXPECT_EQ(Einsum("ij,jk->ik", {&a, &b})[0].spec().shape, (Shape{0, 2}));
  HostTensor c(DType::kFloat32, {3, 0}), d(DType::kFloat32, {0, 2});
  auto zero = Einsum("ij,jk->ik", {&c, &d});
  EXPECT_EQ(zero[0].Values(), std::vector<double>(6, 0.0));  // an empty sum
}

TEST(Einsum, Errors) {
  HostTensor a(DType::kFloat32, {2, 3}), b(DType::kFloat32, {4, 5});
  EXPECT_EQ(CodeOf([&] { Einsum("ij,jk->ik", {&a, &b}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);  // j is 3 and 4
  EXPECT_EQ(CodeOf([&] { Einsum("ij->ik", {&a}); }), ACL_ERROR_OP_ATTR_NOT_MATCH);          // k in no input
  EXPECT_EQ(CodeOf([&] { Einsum("ijk->i", {&a}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);         // rank
  EXPECT_EQ(CodeOf([&] { Einsum("ij,jk->ik", {&a}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);      // input count
  EXPECT_EQ(CodeOf([&] { Einsum("i1->i", {&a}); }), ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { RunOp("Einsum", {&a}); }), ACL_ERROR_OP_ATTR_NOT_MATCH);           // no equation
}

}  // namespace
}  // namespace aclsim::sim
