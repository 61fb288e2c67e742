// acl_cblas.h end to end: the GEMM single-operator model compiled by atc from the JSON CANN's
// samples use (inputs a, b, c, alpha, beta; attrs transpose_a, transpose_b), loaded, then
// aclblasGemmEx / Hgemm / S8gemm / GemvEx and the handle builders, checked byte for byte; and
// the documented argument checks (lda/ldb/ldc reserved as -1, m, n, k > 0, transC, compute type).
#include "e2e_util.h"

namespace aclsim_e2e {
namespace {

// The single-op description of one GEMM: a [m, k] (or [k, m]), b [k, n] (or [n, k]), c [m, n],
// alpha and beta scalars of c's type.
std::string GemmJson(int m, int n, int k, const char* in_type, const char* out_type, bool trans_a = false,
                     bool trans_b = false) {
  auto shape = [](int r, int c) { return "[" + std::to_string(r) + ", " + std::to_string(c) + "]"; };
  auto desc = [](const std::string& dims, const char* type) {
    return R"({"format": "ND", "shape": )" + dims + R"(, "type": ")" + type + R"("})";
  };
  const std::string a = trans_a ? shape(k, m) : shape(m, k);
  const std::string b = trans_b ? shape(n, k) : shape(k, n);
  return R"([{"op": "GEMM", "input_desc": [)" + desc(a, in_type) + ", " + desc(b, in_type) + ", " +
         desc(shape(m, n), out_type) + ", " + desc("[]", out_type) + ", " + desc("[]", out_type) +
         R"(], "output_desc": [)" + desc(shape(m, n), out_type) +
         R"(], "attr": [{"name": "transpose_a", "type": "bool", "value": )" + (trans_a ? "true" : "false") +
         R"(}, {"name": "transpose_b", "type": "bool", "value": )" + (trans_b ? "true" : "false") + "}]}]";
}

// alpha * op(A) * op(B) + beta * C in float, for row-major A, B, C.
std::vector<float> ReferenceGemm(int m, int n, int k, float alpha, const std::vector<float>& a, bool trans_a,
                                 const std::vector<float>& b, bool trans_b, float beta, const std::vector<float>& c) {
  std::vector<float> out(static_cast<size_t>(m * n));
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j < n; ++j) {
      float sum = 0.0f;
      for (int p = 0; p < k; ++p) {
        const float av = trans_a ? a[p * m + i] : a[i * k + p];
        const float bv = trans_b ? b[j * k + p] : b[p * n + j];
        sum += av * bv;
      }
      out[i * n + j] = alpha * sum + beta * c[i * n + j];
    }
  }
  return out;
}

std::vector<float> Pattern(size_t count, int modulo, int offset) {
  std::vector<float> out(count);
  for (size_t i = 0; i < count; ++i) out[i] = static_cast<float>(static_cast<int>(i % modulo) - offset);
  return out;
}

class CblasTest : public E2eTest {};

TEST_F(CblasTest, GemmExHalfComputesAlphaABPlusBetaC) {
  const int m = 2, n = 3, k = 4;
  Load(GemmJson(m, n, k, "float16", "float16"));
  const auto a = Pattern(m * k, 5, 2), b = Pattern(k * n, 4, 1), c = Pattern(m * n, 3, 0);
  DeviceBuffer da(ToHalf(a)), db(ToHalf(b)), dc(ToHalf(c));
  DeviceBuffer alpha(ToHalf({2.0f})), beta(ToHalf({-1.0f}));
  ASSERT_EQ(aclblasGemmEx(ACL_TRANS_N, ACL_TRANS_N, ACL_TRANS_N, m, n, k, alpha.data(), da.data(), -1, ACL_FLOAT16,
                          db.data(), -1, ACL_FLOAT16, beta.data(), dc.data(), -1, ACL_FLOAT16,
                          ACL_COMPUTE_HIGH_PRECISION, stream_),
            ACL_SUCCESS)
      << RecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(Bytes(dc.Read<aclFloat16>()), Bytes(ToHalf(ReferenceGemm(m, n, k, 2, a, false, b, false, -1, c))));
}

TEST_F(CblasTest, GemmExTransposesAAndBWithAFloat32Result) {
  const int m = 3, n = 2, k = 5;
  Load(GemmJson(m, n, k, "float16", "float", true, true));
  const auto a = Pattern(k * m, 7, 3), b = Pattern(n * k, 3, 1), c = Pattern(m * n, 4, 2);
  DeviceBuffer da(ToHalf(a)), db(ToHalf(b)), dc(c);
  DeviceBuffer alpha(std::vector<float>{1.0f}), beta(std::vector<float>{3.0f});
  ASSERT_EQ(aclblasGemmEx(ACL_TRANS_T, ACL_TRANS_T, ACL_TRANS_N, m, n, k, alpha.data(), da.data(), -1, ACL_FLOAT16,
                          db.data(), -1, ACL_FLOAT16, beta.data(), dc.data(), -1, ACL_FLOAT,
                          ACL_COMPUTE_HIGH_PRECISION, stream_),
            ACL_SUCCESS)
      << RecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(Bytes(dc.Read<float>()), Bytes(ReferenceGemm(m, n, k, 1, a, true, b, true, 3, c)));
}

TEST_F(CblasTest, S8gemmAccumulatesInt8ProductsInInt32) {
  const int m = 2, n = 2, k = 3;
  Load(GemmJson(m, n, k, "int8", "int32"));
  const std::vector<int8_t> a = {127, -128, 5, -7, 100, 1};
  const std::vector<int8_t> b = {127, 2, 127, 3, -1, 4};
  const std::vector<int32_t> c = {1000, -1000, 7, 0};
  std::vector<int32_t> expected(4);
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j < n; ++j) {
      int32_t sum = 0;
      for (int p = 0; p < k; ++p) sum += int32_t{a[i * k + p]} * int32_t{b[p * n + j]};
      expected[i * n + j] = 2 * sum + 3 * c[i * n + j];
    }
  }
  DeviceBuffer da(a), db(b), dc(c), alpha(std::vector<int32_t>{2}), beta(std::vector<int32_t>{3});
  ASSERT_EQ(aclblasS8gemm(ACL_TRANS_N, ACL_TRANS_N, ACL_TRANS_N, m, n, k, static_cast<const int32_t*>(alpha.data()),
                          static_cast<const int8_t*>(da.data()), -1, static_cast<const int8_t*>(db.data()), -1,
                          static_cast<const int32_t*>(beta.data()), static_cast<int32_t*>(dc.data()), -1,
                          ACL_COMPUTE_HIGH_PRECISION, stream_),
            ACL_SUCCESS)
      << RecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(dc.Read<int32_t>(), expected);
}

TEST_F(CblasTest, HgemvIsAGemmWithOneColumn) {
  const int m = 3, n = 4;  // A is m x n, x has n elements, y m
  Load(GemmJson(m, 1, n, "float16", "float16"));
  const auto a = Pattern(m * n, 5, 2), x = Pattern(n, 3, 1), y = Pattern(m, 2, 0);
  DeviceBuffer da(ToHalf(a)), dx(ToHalf(x)), dy(ToHalf(y));
  DeviceBuffer alpha(ToHalf({1.0f})), beta(ToHalf({2.0f}));
  ASSERT_EQ(aclblasHgemv(ACL_TRANS_N, m, n, static_cast<const aclFloat16*>(alpha.data()),
                         static_cast<const aclFloat16*>(da.data()), -1, static_cast<const aclFloat16*>(dx.data()), -1,
                         static_cast<const aclFloat16*>(beta.data()), static_cast<aclFloat16*>(dy.data()), -1,
                         ACL_COMPUTE_HIGH_PRECISION, stream_),
            ACL_SUCCESS)
      << RecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(Bytes(dy.Read<aclFloat16>()), Bytes(ToHalf(ReferenceGemm(m, 1, n, 1, a, false, x, false, 2, y))));
}

TEST_F(CblasTest, CreateHandleForHgemmRunsThroughExecWithHandle) {
  const int m = 4, n = 2, k = 2;
  Load(GemmJson(m, n, k, "float16", "float16", false, true));
  aclopHandle* handle = nullptr;
  ASSERT_EQ(aclblasCreateHandleForHgemm(ACL_TRANS_N, ACL_TRANS_T, ACL_TRANS_N, m, n, k, ACL_COMPUTE_HIGH_PRECISION,
                                        &handle),
            ACL_SUCCESS)
      << RecentErrMsg();
  const auto a = Pattern(m * k, 3, 1), b = Pattern(n * k, 5, 2), c = Pattern(m * n, 2, 1);
  DeviceBuffer da(ToHalf(a)), db(ToHalf(b)), dc(ToHalf(c)), alpha(ToHalf({1.0f})), beta(ToHalf({0.0f}));
  const aclDataBuffer* inputs[] = {da.buffer(), db.buffer(), dc.buffer(), alpha.buffer(), beta.buffer()};
  aclDataBuffer* outputs[] = {dc.buffer()};
  ASSERT_EQ(aclopExecWithHandle(handle, 5, inputs, 1, outputs, stream_), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg();
  aclopDestroyHandle(handle);
  EXPECT_EQ(Bytes(dc.Read<aclFloat16>()), Bytes(ToHalf(ReferenceGemm(m, n, k, 1, a, false, b, true, 0, c))));
}

TEST_F(CblasTest, GemmExWithoutALoadedGemmModelIsOpNotFound) {
  const int m = 9, n = 9, k = 9;
  DeviceBuffer da(m * k * 2), db(k * n * 2), dc(m * n * 4), alpha(4), beta(4);
  EXPECT_EQ(aclblasGemmEx(ACL_TRANS_N, ACL_TRANS_N, ACL_TRANS_N, m, n, k, alpha.data(), da.data(), -1, ACL_FLOAT16,
                          db.data(), -1, ACL_FLOAT16, beta.data(), dc.data(), -1, ACL_FLOAT,
                          ACL_COMPUTE_HIGH_PRECISION, stream_),
            ACL_ERROR_OP_NOT_FOUND);
  EXPECT_NE(RecentErrMsg().find("GEMM"), std::string::npos);
}

TEST_F(CblasTest, CreateHandleForGemmExWithoutALoadedGemmModelIsOpNotFound) {
  aclopHandle* handle = nullptr;
  EXPECT_EQ(aclblasCreateHandleForGemmEx(ACL_TRANS_N, ACL_TRANS_N, ACL_TRANS_N, 11, 11, 11, ACL_INT8, ACL_INT8,
                                         ACL_INT32, ACL_COMPUTE_HIGH_PRECISION, &handle),
            ACL_ERROR_OP_NOT_FOUND);
  EXPECT_EQ(handle, nullptr);
}

TEST_F(CblasTest, LeadingDimensionOtherThanMinusOneIsInvalidParam) {
  DeviceBuffer da(8), db(8), dc(8), alpha(2), beta(2);
  EXPECT_EQ(aclblasGemmEx(ACL_TRANS_N, ACL_TRANS_N, ACL_TRANS_N, 2, 2, 2, alpha.data(), da.data(), 2, ACL_FLOAT16,
                          db.data(), -1, ACL_FLOAT16, beta.data(), dc.data(), -1, ACL_FLOAT16,
                          ACL_COMPUTE_HIGH_PRECISION, stream_),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("lda = 2"), std::string::npos);
}

TEST_F(CblasTest, GemvIncrementOtherThanMinusOneIsInvalidParamNamingIncx) {
  DeviceBuffer da(8), dx(4), dy(4), alpha(2), beta(2);
  EXPECT_EQ(aclblasGemvEx(ACL_TRANS_N, 2, 2, alpha.data(), da.data(), -1, ACL_FLOAT16, dx.data(), 1, ACL_FLOAT16,
                          beta.data(), dy.data(), -1, ACL_FLOAT16, ACL_COMPUTE_HIGH_PRECISION, stream_),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("incx = 1"), std::string::npos);
}

TEST_F(CblasTest, NonPositiveDimensionIsInvalidParam) {
  DeviceBuffer d(8);
  EXPECT_EQ(aclblasGemmEx(ACL_TRANS_N, ACL_TRANS_N, ACL_TRANS_N, 0, 2, 2, d.data(), d.data(), -1, ACL_FLOAT16,
                          d.data(), -1, ACL_FLOAT16, d.data(), d.data(), -1, ACL_FLOAT16, ACL_COMPUTE_HIGH_PRECISION,
                          stream_),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("m = 0"), std::string::npos);
}

TEST_F(CblasTest, TransposedCIsInvalidParam) {
  DeviceBuffer d(8);
  EXPECT_EQ(aclblasGemmEx(ACL_TRANS_N, ACL_TRANS_N, ACL_TRANS_T, 2, 2, 2, d.data(), d.data(), -1, ACL_FLOAT16,
                          d.data(), -1, ACL_FLOAT16, d.data(), d.data(), -1, ACL_FLOAT16, ACL_COMPUTE_HIGH_PRECISION,
                          stream_),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("transC"), std::string::npos);
}

TEST_F(CblasTest, LowPrecisionComputeTypeIsInvalidParam) {
  aclopHandle* handle = nullptr;
  EXPECT_EQ(aclblasCreateHandleForHgemm(ACL_TRANS_N, ACL_TRANS_N, ACL_TRANS_N, 2, 2, 2, ACL_COMPUTE_LOW_PRECISION,
                                        &handle),
            ACL_ERROR_INVALID_PARAM);
}

TEST_F(CblasTest, FractalNzOperandsAreUnsupported) {
  aclopHandle* handle = nullptr;
  EXPECT_EQ(aclblasCreateHandleForHgemm(ACL_TRANS_NZ, ACL_TRANS_N, ACL_TRANS_N, 16, 16, 16,
                                        ACL_COMPUTE_HIGH_PRECISION, &handle),
            ACL_ERROR_FEATURE_UNSUPPORTED);
}

TEST_F(CblasTest, NullAlphaIsInvalidParam) {
  DeviceBuffer d(8);
  EXPECT_EQ(aclblasGemmEx(ACL_TRANS_N, ACL_TRANS_N, ACL_TRANS_N, 2, 2, 2, nullptr, d.data(), -1, ACL_FLOAT16, d.data(),
                          -1, ACL_FLOAT16, d.data(), d.data(), -1, ACL_FLOAT16, ACL_COMPUTE_HIGH_PRECISION, stream_),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("alpha"), std::string::npos);
}

TEST_F(CblasTest, AlphaInHostMemoryIsInvalidParam) {
  const int m = 2, n = 2, k = 2;
  Load(GemmJson(m, n, k, "float16", "float16"));
  DeviceBuffer da(8), db(8), dc(8), beta(2);
  const aclFloat16 host_alpha = aclFloatToFloat16(1.0f);
  EXPECT_EQ(aclblasGemmEx(ACL_TRANS_N, ACL_TRANS_N, ACL_TRANS_N, m, n, k, &host_alpha, da.data(), -1, ACL_FLOAT16,
                          db.data(), -1, ACL_FLOAT16, beta.data(), dc.data(), -1, ACL_FLOAT16,
                          ACL_COMPUTE_HIGH_PRECISION, stream_),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("GEMM input 3"), std::string::npos);
}

}  // namespace
}  // namespace aclsim_e2e
