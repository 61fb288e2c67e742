// MatMul, MatMulV2, BatchMatMul, BatchMatMulV2 and GEMM against a naive double-precision
// reference, over transpositions, broadcast batches, empty and odd shapes, every supported data
// type, every GEMM vector ISA this CPU runs, and the shape functions' errors.
#include <cmath>
#include <functional>

#include "sim/kernels/gemm.h"
#include "tests/unit/sim/kernel_test_util.h"

namespace aclsim::sim {
namespace {

using testing::HostTensor;
using testing::RunOp;

const Parallel& Threads() {
  static const Parallel parallel(4);
  return parallel;
}

// The reference result of a product and, per element, the sum of |terms| (for the tolerance of
// a float accumulation).
struct Expected {
  Shape shape;
  std::vector<double> value, magnitude;
};

// x1 [..., M, K] (or [..., K, M] when ta) times x2 [..., K, N] (or [..., N, K] when tb), batch
// dims broadcast NumPy-style.
Expected Reference(const HostTensor& a, const HostTensor& b, bool ta, bool tb) {
  const Shape& sa = a.spec().shape;
  const Shape& sb = b.spec().shape;
  const size_t ra = sa.size(), rb = sb.size();
  const int64_t m = ta ? sa[ra - 1] : sa[ra - 2], k = ta ? sa[ra - 2] : sa[ra - 1];
  const int64_t n = tb ? sb[rb - 2] : sb[rb - 1];
  const size_t rank = std::max(ra, rb) - 2;
  Shape batch(rank);
  auto dim = [&](const Shape& s, size_t d) {  // batch dim d of s aligned right, 1 when absent
    const size_t r = s.size() - 2;
    return d + r >= rank ? s[d + r - rank] : int64_t{1};
  };
  for (size_t d = 0; d < rank; ++d) batch[d] = std::max(dim(sa, d), dim(sb, d));
  Expected e;
  e.shape = batch;
  e.shape.push_back(m);
  e.shape.push_back(n);
  const int64_t count = NumElements(batch);
  e.value.assign(static_cast<size_t>(count * m * n), 0.0);
  e.magnitude.assign(e.value.size(), 0.0);
  for (int64_t bi = 0; bi < count; ++bi) {
    int64_t rest = bi, ia = 0, ib = 0, stride_a = 1, stride_b = 1;
    for (size_t d = rank; d-- > 0;) {
      const int64_t idx = rest % batch[d];
      rest /= batch[d];
      ia += (dim(sa, d) == 1 ? 0 : idx) * stride_a;
      ib += (dim(sb, d) == 1 ? 0 : idx) * stride_b;
      stride_a *= dim(sa, d);
      stride_b *= dim(sb, d);
    }
    for (int64_t i = 0; i < m; ++i) {
      for (int64_t j = 0; j < n; ++j) {
        double sum = 0, mag = 0;
        for (int64_t p = 0; p < k; ++p) {
          const double x = a.Get(ia * m * k + (ta ? p * m + i : i * k + p));
          const double y = b.Get(ib * k * n + (tb ? j * k + p : p * n + j));
          sum += x * y;
          mag += std::abs(x * y);
        }
        e.value[static_cast<size_t>((bi * m + i) * n + j)] = sum;
        e.magnitude[static_cast<size_t>((bi * m + i) * n + j)] = mag;
      }
    }
  }
  return e;
}

// How far a result may be from the reference: one rounding to the output type plus the float
// accumulation's error (exact for integers).
double Allowed(DType out, double want, double magnitude) {
  if (!IsFloating(out)) return 0.0;
  return testing::Tolerance(out, want) + (out == DType::kFloat64 ? 1e-14 : 2e-6) * magnitude;
}

void ExpectMatches(const HostTensor& out, const Expected& e, const std::string& what) {
  ASSERT_EQ(out.spec().shape, e.shape) << what;
  for (int64_t i = 0; i < out.size(); ++i) {
    const double want = testing::RoundTo(out.spec().dtype, e.value[static_cast<size_t>(i)]);
    ASSERT_NEAR(out.Get(i), want, Allowed(out.spec().dtype, want, e.magnitude[static_cast<size_t>(i)]))
        << what << " at " << i;
  }
}

// Range of the random operands: integers where the type is one.
HostTensor Random(DType dtype, Shape shape, uint32_t seed) {
  HostTensor t(dtype, std::move(shape));
  if (dtype == DType::kInt8) {
    t.FillRandom(seed, -128, 127);
  } else if (dtype == DType::kInt32) {
    t.FillRandom(seed, -1000, 1000);
  } else {
    t.FillRandom(seed, -1, 1);
  }
  return t;
}

Shape Stored(int64_t rows, int64_t cols, bool transposed, Shape batch = {}) {
  batch.push_back(transposed ? cols : rows);
  batch.push_back(transposed ? rows : cols);
  return batch;
}

std::string Describe(const std::string& op, DType t, int64_t m, int64_t k, int64_t n, bool ta, bool tb) {
  return op + " " + Name(t) + " m=" + std::to_string(m) + " k=" + std::to_string(k) + " n=" + std::to_string(n) +
         (ta ? " ta" : "") + (tb ? " tb" : "");
}

struct Dims {
  int64_t m, k, n;
};
const std::vector<Dims> kDims = {{1, 1, 1}, {3, 5, 7}, {17, 33, 9}, {2, 64, 65}, {40, 3, 1}};

void CheckTwoDimensional(const std::string& op, DType dtype, const char* ta_name, const char* tb_name) {
  for (const Dims& d : kDims) {
    for (bool ta : {false, true}) {
      for (bool tb : {false, true}) {
        HostTensor a = Random(dtype, Stored(d.m, d.k, ta), 1);
        HostTensor b = Random(dtype, Stored(d.k, d.n, tb), 2);
        auto out = RunOp(op, {&a, &b}, {{ta_name, ta}, {tb_name, tb}}, Threads());
        ExpectMatches(out[0], Reference(a, b, ta, tb), Describe(op, dtype, d.m, d.k, d.n, ta, tb));
      }
    }
  }
}

void ExpectError(aclError code, const std::function<void()>& run, const std::string& needle = "") {
  try {
    run();
    FAIL() << "expected error " << code;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    if (!needle.empty()) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  }
}

const std::vector<DType> kFloatAndInt32 = {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64,
                                           DType::kInt32};

TEST(MatMul, MatchesReferenceForEveryTypeShapeAndTransposition) {
  for (DType t : kFloatAndInt32) CheckTwoDimensional("MatMul", t, "transpose_x1", "transpose_x2");
}

TEST(MatMulV2, MatchesReferenceForEveryTypeShapeAndTransposition) {
  for (DType t : kFloatAndInt32) CheckTwoDimensional("MatMulV2", t, "transpose_x1", "transpose_x2");
}

TEST(MatMulV2, Int8AccumulatesInInt32) {
  HostTensor a = Random(DType::kInt8, {5, 300}, 3), b = Random(DType::kInt8, {300, 6}, 4);
  for (int64_t i = 0; i < a.size(); ++i) a.Set(i, 127);  // 300 * 127 * 127 needs more than 16 bits
  auto out = RunOp("MatMulV2", {&a, &b});
  ASSERT_EQ(out[0].spec().dtype, DType::kInt32);
  ExpectMatches(out[0], Reference(a, b, false, false), "int8");
}

TEST(MatMul, Int32WrapsModulo2To32) {
  HostTensor a(DType::kInt32, {1, 2}), b(DType::kInt32, {2, 1});
  a.Set(0, 65536);
  a.Set(1, 1);
  b.Set(0, 65536);  // 2^32 wraps to 0
  b.Set(1, 7);
  auto out = RunOp("MatMul", {&a, &b});
  EXPECT_EQ(out[0].Get(0), 7);
}

TEST(MatMul, AddsBiasInEveryType) {
  for (DType t : kFloatAndInt32) {
    HostTensor a = Random(t, {4, 6}, 5), b = Random(t, {6, 3}, 6), bias = Random(t, {3}, 7);
    auto out = RunOp("MatMul", {&a, &b, &bias});
    Expected e = Reference(a, b, false, false);
    for (size_t i = 0; i < e.value.size(); ++i) e.value[i] += bias.Get(static_cast<int64_t>(i % 3));
    ExpectMatches(out[0], e, std::string("bias ") + Name(t));
  }
}

TEST(MatMulV2, HalfInputsTakeAFloat32BiasAddedBeforeRounding) {
  HostTensor a = Random(DType::kFloat16, {3, 8}, 8), b = Random(DType::kFloat16, {8, 5}, 9);
  HostTensor bias(DType::kFloat32, {5});
  bias.FillRandom(10, -1, 1);
  auto out = RunOp("MatMulV2", {&a, &b, &bias});
  ASSERT_EQ(out[0].spec().dtype, DType::kFloat16);
  Expected e = Reference(a, b, false, false);
  for (size_t i = 0; i < e.value.size(); ++i) e.value[i] += bias.Get(static_cast<int64_t>(i % 5));
  ExpectMatches(out[0], e, "float16 with float32 bias");
}

TEST(MatMulV2, Int8TakesAnInt32Bias) {
  HostTensor a = Random(DType::kInt8, {2, 9}, 11), b = Random(DType::kInt8, {9, 4}, 12);
  HostTensor bias = Random(DType::kInt32, {4}, 13);
  auto out = RunOp("MatMulV2", {&a, &b, &bias});
  Expected e = Reference(a, b, false, false);
  for (size_t i = 0; i < e.value.size(); ++i) e.value[i] += bias.Get(static_cast<int64_t>(i % 4));
  ExpectMatches(out[0], e, "int8 bias");
}

TEST(MatMul, EmptyInnerDimGivesZerosPlusBias) {
  HostTensor a(DType::kFloat32, {3, 0}), b(DType::kFloat32, {0, 2}), bias = Random(DType::kFloat32, {2}, 14);
  auto out = RunOp("MatMul", {&a, &b, &bias});
  ASSERT_EQ(out[0].spec().shape, (Shape{3, 2}));
  for (int64_t i = 0; i < out[0].size(); ++i) EXPECT_EQ(out[0].Get(i), bias.Get(i % 2));
}

TEST(MatMul, EmptyRowsOrColumnsGiveAnEmptyOutput) {
  for (DType t : {DType::kFloat16, DType::kFloat32, DType::kInt32}) {
    HostTensor a(t, {0, 4}), b(t, {4, 3}), c(t, {2, 4}), d(t, {4, 0});
    EXPECT_EQ(RunOp("MatMul", {&a, &b}, {}, Threads())[0].spec().shape, (Shape{0, 3}));
    EXPECT_EQ(RunOp("MatMul", {&c, &d}, {}, Threads())[0].spec().shape, (Shape{2, 0}));
  }
}

TEST(MatMul, LargeProductsSplitOverThreadsMatchReference) {
  // Tall (split by rows), wide (split by columns) and a single row.
  for (const Dims& d : std::vector<Dims>{{301, 129, 67}, {19, 140, 333}, {1, 257, 1000}}) {
    for (DType t : {DType::kFloat32, DType::kFloat16, DType::kInt32}) {
      for (bool transposed : {false, true}) {  // both operands transposed, or neither
        HostTensor a = Random(t, Stored(d.m, d.k, transposed), 15), b = Random(t, Stored(d.k, d.n, transposed), 16);
        auto out = RunOp("MatMulV2", {&a, &b}, {{"transpose_x1", transposed}, {"transpose_x2", transposed}},
                         Threads());
        ExpectMatches(out[0], Reference(a, b, transposed, transposed),
                      Describe("MatMulV2", t, d.m, d.k, d.n, transposed, transposed));
      }
    }
  }
}

TEST(MatMul, EveryGemmIsaThisCpuRunsMatchesReference) {
  const GemmIsa original = ActiveGemmIsa();
  int tried = 0;
  for (GemmIsa isa : {GemmIsa::kBaseline, GemmIsa::kAvx2, GemmIsa::kAvx512}) {
    if (!UseGemmIsa(isa)) continue;
    ++tried;
    for (DType t : {DType::kFloat32, DType::kFloat64}) {
      for (bool ta : {false, true}) {
        for (bool tb : {false, true}) {
          HostTensor a = Random(t, Stored(70, 50, ta), 17), b = Random(t, Stored(50, 90, tb), 18);
          auto out = RunOp("MatMul", {&a, &b}, {{"transpose_x1", ta}, {"transpose_x2", tb}}, Threads());
          ExpectMatches(out[0], Reference(a, b, ta, tb), std::string(Name(isa)) + " " + Name(t));
        }
      }
    }
  }
  UseGemmIsa(original);
  EXPECT_GE(tried, 1);
}

TEST(BatchMatMul, BroadcastsBatchDimsOfDifferentRanks) {
  struct Case {
    Shape a_batch, b_batch;
  };
  const std::vector<Case> cases = {{{}, {}}, {{3}, {3}}, {{2, 1}, {3}}, {{1}, {4}}, {{2, 3, 1}, {1, 1, 2}}, {{5}, {}}};
  for (const char* op : {"BatchMatMul", "BatchMatMulV2"}) {
    for (DType t : kFloatAndInt32) {
      for (const Case& c : cases) {
        for (bool adj : {false, true}) {
          HostTensor a = Random(t, Stored(4, 6, adj, c.a_batch), 19), b = Random(t, Stored(6, 5, !adj, c.b_batch), 20);
          auto out = RunOp(op, {&a, &b}, {{"adj_x1", adj}, {"adj_x2", !adj}}, Threads());
          ExpectMatches(out[0], Reference(a, b, adj, !adj),
                        std::string(op) + " " + Name(t) + " " + ToString(a.spec().shape) + " x " +
                            ToString(b.spec().shape));
        }
      }
    }
  }
}

TEST(BatchMatMul, ManySmallProductsSplitOverThreads) {
  HostTensor a = Random(DType::kFloat32, {64, 8, 7}, 21), b = Random(DType::kFloat32, {64, 7, 9}, 22);
  auto out = RunOp("BatchMatMul", {&a, &b}, {}, Threads());
  ExpectMatches(out[0], Reference(a, b, false, false), "64 small products");
}

TEST(BatchMatMul, EmptyBatchGivesAnEmptyOutput) {
  HostTensor a(DType::kFloat32, {0, 3, 4}), b(DType::kFloat32, {4, 2});
  HostTensor b3(DType::kFloat32, {1, 4, 2});
  EXPECT_EQ(RunOp("BatchMatMul", {&a, &b3})[0].spec().shape, (Shape{0, 3, 2}));
  EXPECT_EQ(RunOp("BatchMatMulV2", {&a, &b})[0].spec().shape, (Shape{0, 3, 2}));
}

TEST(BatchMatMulV2, BiasBroadcastsToTheOutput) {
  for (const Shape& bias_shape : std::vector<Shape>{{5}, {1, 5}, {3, 1, 5}, {3, 4, 5}}) {
    HostTensor a = Random(DType::kFloat32, {3, 4, 6}, 23), b = Random(DType::kFloat32, {6, 5}, 24);
    HostTensor bias = Random(DType::kFloat32, bias_shape, 25);
    auto out = RunOp("BatchMatMulV2", {&a, &b, &bias});
    Expected e = Reference(a, b, false, false);
    for (int64_t i = 0; i < static_cast<int64_t>(e.value.size()); ++i) {
      const int64_t j = i % 5, row = i / 5 % 4, batch = i / 20;
      int64_t at = j;
      if (bias_shape.size() == 3) at += (bias_shape[1] == 4 ? row * 5 : 0) + batch * bias_shape[1] * 5;
      e.value[static_cast<size_t>(i)] += bias.Get(at);
    }
    ExpectMatches(out[0], e, "bias " + ToString(bias_shape));
  }
}

TEST(BatchMatMulV2, Int8AccumulatesInInt32) {
  HostTensor a = Random(DType::kInt8, {2, 3, 40}, 26), b = Random(DType::kInt8, {40, 4}, 27);
  auto out = RunOp("BatchMatMulV2", {&a, &b}, {}, Threads());
  ASSERT_EQ(out[0].spec().dtype, DType::kInt32);
  ExpectMatches(out[0], Reference(a, b, false, false), "int8 batch");
}

// --- GEMM ---

void CheckGemm(DType ab, DType c_type, bool ta, bool tb, const Shape& c_shape, double alpha, double beta) {
  const int64_t m = 7, k = 11, n = 5;
  HostTensor a = Random(ab, Stored(m, k, ta), 28), b = Random(ab, Stored(k, n, tb), 29);
  HostTensor c = Random(c_type, c_shape, 30);
  const DType scalar = c_type == DType::kInt32 ? DType::kInt32 : DType::kFloat32;
  HostTensor al(scalar, {1}), be(scalar, {1});
  al.Set(0, alpha);
  be.Set(0, beta);
  auto out = RunOp("GEMM", {&a, &b, &c, &al, &be}, {{"transpose_a", ta}, {"transpose_b", tb}}, Threads());
  ASSERT_EQ(out[0].spec().dtype, c_type);
  Expected e = Reference(a, b, ta, tb);
  for (int64_t i = 0; i < m * n; ++i) {
    const int64_t ci = c_shape.size() == 2 && c_shape[0] == m ? i : (c_shape.back() == 1 ? 0 : i % n);
    e.value[static_cast<size_t>(i)] = alpha * e.value[static_cast<size_t>(i)] + beta * c.Get(ci);
    e.magnitude[static_cast<size_t>(i)] *= std::abs(alpha);
  }
  ExpectMatches(out[0], e, std::string("GEMM ") + Name(ab) + " -> " + Name(c_type));
}

TEST(GEMM, ComputesAlphaTimesProductPlusBetaTimesC) {
  for (bool ta : {false, true}) {
    for (bool tb : {false, true}) {
      CheckGemm(DType::kFloat16, DType::kFloat16, ta, tb, {7, 5}, 1.5, -0.5);
      CheckGemm(DType::kFloat16, DType::kFloat32, ta, tb, {7, 5}, 2, 1);
      CheckGemm(DType::kFloat32, DType::kFloat32, ta, tb, {7, 5}, 0.25, 3);
      CheckGemm(DType::kBFloat16, DType::kFloat32, ta, tb, {7, 5}, 1, 1);
      CheckGemm(DType::kFloat64, DType::kFloat64, ta, tb, {7, 5}, -1, 0.5);
      CheckGemm(DType::kInt8, DType::kInt32, ta, tb, {7, 5}, 3, -2);
    }
  }
}

TEST(GEMM, BroadcastsC) {
  CheckGemm(DType::kFloat32, DType::kFloat32, false, false, {5}, 1, 1);
  CheckGemm(DType::kFloat32, DType::kFloat32, false, false, {1, 1}, 1, 2);
}

// --- shape function errors ---

TEST(MatMul, RejectsOperandsThatAreNotMatrices) {
  HostTensor a(DType::kFloat32, {2, 3, 4}), b(DType::kFloat32, {4, 5});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunOp("MatMul", {&a, &b}); }, "x1 must have 2 dims");
  HostTensor v(DType::kFloat32, {4});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunOp("BatchMatMul", {&v, &b}); }, "2 or more");
}

TEST(MatMul, RejectsDifferentInnerDims) {
  HostTensor a(DType::kFloat32, {2, 3}), b(DType::kFloat32, {4, 5});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunOp("MatMul", {&a, &b}); }, "inner dims differ");
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunOp("MatMul", {&a, &b}, {{"transpose_x2", true}}); });
}

TEST(MatMul, RejectsMixedAndUnsupportedDataTypes) {
  HostTensor f(DType::kFloat32, {2, 2}), h(DType::kFloat16, {2, 2}), q(DType::kInt8, {2, 2}), z(DType::kBool, {2, 2});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunOp("MatMul", {&f, &h}); }, "share a data type");
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [&] { RunOp("MatMul", {&q, &q}); });  // int8 only in V2
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [&] { RunOp("BatchMatMulV2", {&z, &z}); });
}

TEST(MatMul, RejectsABiasOfTheWrongShapeOrType) {
  HostTensor a(DType::kFloat32, {2, 3}), b(DType::kFloat32, {3, 4});
  HostTensor wrong(DType::kFloat32, {3}), matrix(DType::kFloat32, {2, 4}), half_bias(DType::kFloat16, {4});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunOp("MatMul", {&a, &b, &wrong}); }, "bias");
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunOp("MatMulV2", {&a, &b, &matrix}); }, "bias");
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [&] { RunOp("MatMul", {&a, &b, &half_bias}); }, "bias");
  HostTensor a3(DType::kFloat32, {2, 2, 3}), big(DType::kFloat32, {3, 2, 4});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunOp("BatchMatMulV2", {&a3, &b, &big}); }, "broadcast");
}

TEST(MatMulV2, RejectsQuantizationOffsets) {
  HostTensor a(DType::kInt8, {2, 3}), b(DType::kInt8, {3, 4}), bias(DType::kInt32, {4}), offset(DType::kInt8, {4});
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { RunOp("MatMulV2", {&a, &b}, {{"offset_x", int64_t{3}}}); },
              "offset_x");
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunOp("MatMulV2", {&a, &b, &bias, &offset}); }, "offset_w");
}

TEST(BatchMatMul, RejectsIncompatibleBatchDims) {
  HostTensor a(DType::kFloat32, {2, 3, 4}), b(DType::kFloat32, {3, 4, 5});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunOp("BatchMatMul", {&a, &b}); });
}

TEST(MatMul, RejectsAnAttributeOfTheWrongKind) {
  HostTensor a(DType::kFloat32, {2, 3}), b(DType::kFloat32, {3, 4});
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { RunOp("MatMul", {&a, &b}, {{"transpose_x1", int64_t{1}}}); },
              "transpose_x1");
}

TEST(MatMul, RejectsAWrongNumberOfInputs) {
  HostTensor a(DType::kFloat32, {2, 3});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunOp("MatMul", {&a}); });
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunOp("BatchMatMul", {&a, &a, &a}); });
}

TEST(GEMM, RejectsBadScalarsAndTypes) {
  HostTensor a(DType::kFloat16, {2, 3}), b(DType::kFloat16, {3, 4}), c(DType::kFloat32, {2, 4});
  HostTensor one(DType::kFloat32, {1}), two(DType::kFloat32, {2}), int_one(DType::kInt32, {1});
  HostTensor ci(DType::kInt32, {2, 4}), wrong_c(DType::kFloat32, {3, 4});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunOp("GEMM", {&a, &b, &c, &two, &one}); }, "alpha");
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [&] { RunOp("GEMM", {&a, &b, &c, &one, &int_one}); }, "beta");
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [&] { RunOp("GEMM", {&a, &b, &ci, &one, &one}); }, "c");
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunOp("GEMM", {&a, &b, &wrong_c, &one, &one}); }, "broadcast");
  HostTensor i32(DType::kInt32, {2, 3});
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [&] { RunOp("GEMM", {&i32, &i32, &ci, &int_one, &int_one}); });
}

}  // namespace
}  // namespace aclsim::sim
