// MatrixDeterminant against a cofactor-expansion reference (and hand-computed cases), and
// ReverseSequence against a direct index reference, over types, axes, empty shapes, threads and
// the shape functions' errors.
#include <cmath>
#include <functional>

#include "tests/unit/sim/kernel_test_util.h"

namespace aclsim::sim {
namespace {

using testing::HostTensor;

const Parallel& Threads() {
  static const Parallel parallel(4);
  return parallel;
}

// Determinant by cofactor expansion along the first row.
double Cofactor(const std::vector<double>& a, int64_t m) {
  if (m == 0) return 1;
  if (m == 1) return a[0];
  double det = 0;
  for (int64_t j = 0; j < m; ++j) {
    std::vector<double> minor;
    for (int64_t r = 1; r < m; ++r) {
      for (int64_t c = 0; c < m; ++c) {
        if (c != j) minor.push_back(a[static_cast<size_t>(r * m + c)]);
      }
    }
    det += (j % 2 == 0 ? 1 : -1) * a[static_cast<size_t>(j)] * Cofactor(minor, m - 1);
  }
  return det;
}

template <typename Fn>
void ExpectError(Fn fn, const std::string& op, const std::string& fragment) {
  try {
    fn();
    ADD_FAILURE() << "expected an error mentioning " << fragment;
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(op), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(MatrixDeterminant, MatchesCofactorExpansionForEveryFloatType) {
  for (DType t : {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64}) {
    for (int64_t m : {1, 2, 3, 4, 5}) {
      HostTensor x(t, {2, 3, m, m});
      x.FillRandom(static_cast<uint32_t>(m), -2, 2);
      const auto out = testing::RunOp("MatrixDeterminant", {&x});
      ASSERT_EQ(out[0].spec().shape, (Shape{2, 3}));
      for (int64_t b = 0; b < 6; ++b) {
        std::vector<double> a(static_cast<size_t>(m * m));
        for (int64_t i = 0; i < m * m; ++i) a[static_cast<size_t>(i)] = x.Get(b * m * m + i);
        const double expect = Cofactor(a, m);
        EXPECT_NEAR(out[0].Get(b), expect, testing::Tolerance(t, expect) * 8 + (t == DType::kFloat64 ? 0 : 1e-4))
            << Name(t) << " m " << m << " batch " << b;
      }
    }
  }
}

TEST(MatrixDeterminant, HandComputedCasesIncludingPivotingAndSingular) {
  HostTensor x(DType::kFloat32, {3, 2, 2});
  const double values[] = {1, 2, 3, 4, /* pivot */ 0, 1, 1, 0, /* singular */ 2, 4, 1, 2};
  for (int64_t i = 0; i < 12; ++i) x.Set(i, values[i]);
  const auto out = testing::RunOp("MatrixDeterminant", {&x});
  const double expect[] = {-2, -1, 0};
  for (int64_t b = 0; b < 3; ++b) EXPECT_NEAR(out[0].Get(b), expect[b], 1e-6) << "matrix " << b;
}

TEST(MatrixDeterminant, EmptyMatricesHaveDeterminantOneAndEmptyBatchesNoOutput) {
  HostTensor x(DType::kFloat32, {3, 0, 0});
  EXPECT_EQ(testing::RunOp("MatrixDeterminant", {&x})[0].Values(), (std::vector<double>{1, 1, 1}));
  HostTensor none(DType::kFloat32, {0, 3, 3});
  EXPECT_EQ(testing::RunOp("MatrixDeterminant", {&none})[0].spec().shape, (Shape{0}));
}

TEST(MatrixDeterminant, ManyMatricesOnManyThreads) {
  HostTensor x(DType::kFloat64, {4000, 3, 3});
  x.FillRandom(9, -1, 1);
  const auto out = testing::RunOp("MatrixDeterminant", {&x}, {}, Threads());
  for (int64_t b = 0; b < 4000; b += 397) {
    std::vector<double> a(9);
    for (int64_t i = 0; i < 9; ++i) a[static_cast<size_t>(i)] = x.Get(b * 9 + i);
    EXPECT_NEAR(out[0].Get(b), Cofactor(a, 3), 1e-12);
  }
}

TEST(MatrixDeterminant, ShapeFunctionErrors) {
  auto infer = [](DType t, Shape s) { Kernels().Infer("MatrixDeterminant", {TensorSpec{t, s}}, {}); };
  ExpectError([&] { infer(DType::kFloat32, {3}); }, "MatrixDeterminant", "square");
  ExpectError([&] { infer(DType::kFloat32, {2, 3}); }, "MatrixDeterminant", "square");
  ExpectError([&] { infer(DType::kInt32, {2, 2}); }, "MatrixDeterminant", "int32");
}

// ---------------------------------------------------------------------------------------------

void CheckReverse(DType type, const Shape& shape, int64_t seq_attr, int64_t batch, DType len_type,
                  const Parallel& parallel = Parallel::Inline()) {
  const int64_t seq = seq_attr < 0 ? seq_attr + static_cast<int64_t>(shape.size()) : seq_attr;
  SCOPED_TRACE(::testing::Message() << Name(type) << " " << ToString(shape) << " seq " << seq << " batch " << batch);
  HostTensor x(type, shape);
  x.FillRandom(4, -50, 50);
  const int64_t nb = shape[static_cast<size_t>(batch)], steps = shape[static_cast<size_t>(seq)];
  HostTensor lengths(len_type, {nb});
  for (int64_t b = 0; b < nb; ++b) lengths.Set(b, static_cast<double>((b * 7 + 3) % (steps + 1)));
  const auto out = testing::RunOp("ReverseSequence", {&x, &lengths}, {{"seq_dim", seq_attr}, {"batch_dim", batch}}, parallel);
  ASSERT_EQ(out[0].spec().shape, shape);
  std::vector<int64_t> idx(shape.size(), 0);
  for (int64_t i = 0; i < x.size(); ++i) {
    int64_t rest = i;
    for (size_t d = shape.size(); d-- > 0;) {
      idx[d] = rest % shape[d];
      rest /= shape[d];
    }
    const int64_t len = static_cast<int64_t>(lengths.Get(idx[static_cast<size_t>(batch)]));
    std::vector<int64_t> from = idx;
    if (idx[static_cast<size_t>(seq)] < len) from[static_cast<size_t>(seq)] = len - 1 - idx[static_cast<size_t>(seq)];
    int64_t at = 0;
    for (size_t d = 0; d < shape.size(); ++d) at = at * shape[d] + from[d];
    ASSERT_EQ(out[0].Get(i), x.Get(at)) << "element " << i;
  }
}

TEST(ReverseSequence, ReversesThePrefixOfEachBatchForAnyAxes) {
  CheckReverse(DType::kFloat32, {4, 3}, 0, 1, DType::kInt64);
  CheckReverse(DType::kFloat32, {3, 4}, 1, 0, DType::kInt32);
  CheckReverse(DType::kInt8, {2, 5, 3, 2}, 1, 2, DType::kInt64);
  CheckReverse(DType::kFloat16, {5, 2, 3}, 0, 2, DType::kInt32);
  CheckReverse(DType::kFloat64, {2, 3, 6}, -1, 0, DType::kInt64);
}

TEST(ReverseSequence, HandComputedOnnxExample) {
  // time_axis 0, batch_axis 1, lengths [4, 3, 2, 1] on a 4 x 4 matrix.
  HostTensor x(DType::kFloat32, {4, 4}), lengths(DType::kInt64, {4});
  for (int64_t i = 0; i < 16; ++i) x.Set(i, static_cast<double>(i));
  for (int64_t b = 0; b < 4; ++b) lengths.Set(b, static_cast<double>(4 - b));
  const auto out = testing::RunOp("ReverseSequence", {&x, &lengths}, {{"seq_dim", int64_t{0}}, {"batch_dim", int64_t{1}}});
  EXPECT_EQ(out[0].Values(),
            (std::vector<double>{12, 9, 6, 3, 8, 5, 2, 7, 4, 1, 10, 11, 0, 13, 14, 15}));
}

TEST(ReverseSequence, LargeInputOnManyThreadsAndEmptyInput) {
  CheckReverse(DType::kFloat32, {64, 32, 40}, 0, 1, DType::kInt64, Threads());
  CheckReverse(DType::kFloat32, {0, 3}, 0, 1, DType::kInt64);
}

TEST(ReverseSequence, ErrorsNameTheProblem) {
  const TensorSpec x{DType::kFloat32, {4, 3}};
  auto infer = [&](TensorSpec lengths, Attrs attrs) { Kernels().Infer("ReverseSequence", {x, lengths}, attrs); };
  const Attrs good = {{"seq_dim", int64_t{0}}, {"batch_dim", int64_t{1}}};
  ExpectError([&] { infer({DType::kInt64, {4}}, good); }, "ReverseSequence", "seq_lengths must have shape [3]");
  ExpectError([&] { infer({DType::kFloat32, {3}}, good); }, "ReverseSequence", "seq_lengths");
  ExpectError([&] { infer({DType::kInt64, {4}}, {{"seq_dim", int64_t{1}}, {"batch_dim", int64_t{1}}}); },
              "ReverseSequence", "differ");
  ExpectError([&] { infer({DType::kInt64, {3}}, {{"seq_dim", int64_t{2}}}); }, "ReverseSequence", "seq_dim");
  HostTensor data(DType::kFloat32, {4, 3}), lengths(DType::kInt64, {3});
  lengths.Set(0, 5);
  ExpectError([&] { testing::RunOp("ReverseSequence", {&data, &lengths}, good); }, "ReverseSequence",
              "seq_lengths[0] = 5");
}

}  // namespace
}  // namespace aclsim::sim
