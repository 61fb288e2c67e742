// Entry points of acl_cblas.h (aclblasGemmEx, aclblasHgemm, aclblasS8gemm, the GEMV variants and
// their handle builders) and aclopCast / aclopCreateHandleForCast.
//
// Like CANN's, these are thin layers over the single-operator path: each builds the descs and
// attributes of one operator call and runs it as aclopExecuteV2 (or makes it a handle as
// aclopCreateHandle), so a matching single-operator model must be loaded or compiled first:
//   GEMM  inputs a, b, c, alpha, beta; output c; bool attrs transpose_a, transpose_b.
//         a is [m, k] ([k, m] with ACL_TRANS_T), b [k, n] ([n, k]), c [m, n] (row-major);
//         alpha and beta are scalars (shape []) of c's data type, in device memory.
//   GEMV  is GEMM with n = 1: y = alpha * op(A) * x + beta * y, A [m, n], x [n, 1], y [m, 1].
//   Cast  input x, output y; int attr dst_type (y's aclDataType).
#include <algorithm>
#include <array>
#include <utility>

#include "acl/ops/acl_cblas.h"
#include "api/api_guard.h"
#include "api/op_call.h"
#include "runtime/runtime.h"
#include "sim/registry.h"

using aclsim::Fail;
using aclsim::api::ApiCall;

namespace {

constexpr const char* kGemmType = "GEMM";

// The names a BLAS routine gives its operands and their leading dimensions, for messages.
struct OperandNames {
  const char* a;
  const char* b;
  const char* c;
  const char* lda;
  const char* ldb;
  const char* ldc;
};
constexpr OperandNames kGemmNames{"matrixA", "matrixB", "matrixC", "lda", "ldb", "ldc"};
constexpr OperandNames kGemvNames{"a", "x", "y", "lda", "incx", "incy"};

// One GEMM call: the shapes and types of its operands.
struct GemmSpec {
  aclTransType trans_a, trans_b, trans_c;
  int m, n, k;
  aclDataType type_a, type_b, type_c;
  aclComputeType compute;
};

// The checks CANN makes before building the operator call (aclblasGemmEx reference page; the
// library's own checks for m, n, k and the compute type).
void CheckSpec(const GemmSpec& g) {
  ACLSIM_CHECK_ARG(g.m > 0 && g.n > 0 && g.k > 0, "m, n and k must be > 0 (m = {}, n = {}, k = {})", g.m, g.n, g.k);
  for (const auto& [trans, name] : {std::pair{g.trans_a, "transA"}, std::pair{g.trans_b, "transB"}}) {
    ACLSIM_CHECK_ARG(trans == ACL_TRANS_N || trans == ACL_TRANS_T || trans == ACL_TRANS_NZ,
                     "{} is {}; only ACL_TRANS_N, ACL_TRANS_T and ACL_TRANS_NZ are supported", name,
                     static_cast<int>(trans));
  }
  ACLSIM_CHECK_ARG(g.trans_c == ACL_TRANS_N || g.trans_c == ACL_TRANS_NZ,
                   "transC is {}; only ACL_TRANS_N and ACL_TRANS_NZ are supported", static_cast<int>(g.trans_c));
  ACLSIM_CHECK_ARG(g.compute == ACL_COMPUTE_HIGH_PRECISION,
                   "type is {}; only ACL_COMPUTE_HIGH_PRECISION is supported", static_cast<int>(g.compute));
  if (g.trans_a == ACL_TRANS_NZ || g.trans_b == ACL_TRANS_NZ || g.trans_c == ACL_TRANS_NZ) {
    Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "ACL_TRANS_NZ (matrices in the FRACTAL_NZ layout) is not supported by the "
         "simulator; pass row-major matrices with ACL_TRANS_N or ACL_TRANS_T");
  }
}

// The tensor descs, buffers and attributes of a GEMM call, kept alive for the call.
class GemmCall {
 public:
  explicit GemmCall(const GemmSpec& g) {
    const int64_t m = g.m, n = g.n, k = g.k;
    a_ = Desc(g.type_a, g.trans_a == ACL_TRANS_T ? std::vector<int64_t>{k, m} : std::vector<int64_t>{m, k});
    b_ = Desc(g.type_b, g.trans_b == ACL_TRANS_T ? std::vector<int64_t>{n, k} : std::vector<int64_t>{k, n});
    c_ = Desc(g.type_c, {m, n});
    scalar_ = Desc(g.type_c, {});
    attr_.values["transpose_a"] = g.trans_a == ACL_TRANS_T;
    attr_.values["transpose_b"] = g.trans_b == ACL_TRANS_T;
  }

  void Execute(const void* alpha, const void* a, const void* b, const void* beta, void* c, aclrtStream stream) {
    aclDataBuffer a_buffer(const_cast<void*>(a), aclsim::ByteSize(a_));
    aclDataBuffer b_buffer(const_cast<void*>(b), aclsim::ByteSize(b_));
    aclDataBuffer c_buffer(c, aclsim::ByteSize(c_));
    aclDataBuffer alpha_buffer(const_cast<void*>(alpha), aclsim::ByteSize(scalar_));
    aclDataBuffer beta_buffer(const_cast<void*>(beta), aclsim::ByteSize(scalar_));
    const aclDataBuffer* inputs[] = {&a_buffer, &b_buffer, &c_buffer, &alpha_buffer, &beta_buffer};
    aclDataBuffer* outputs[] = {&c_buffer};
    aclsim::api::ExecuteOp(kGemmType, 5, InputDescs().data(), inputs, 1, OutputDescs().data(), outputs, &attr_,
                           stream, nullptr);
  }

  aclopHandle* CreateHandle() const {
    return aclsim::api::CreateOpHandle(kGemmType, aclsim::api::CallTensors(5, InputDescs().data(), "inputDesc"),
                                       aclsim::api::CallTensors(1, OutputDescs().data(), "outputDesc"), attr_.values);
  }

 private:
  static aclTensorDesc Desc(aclDataType type, std::vector<int64_t> dims) {
    aclTensorDesc desc;
    desc.data_type = type;
    desc.format = ACL_FORMAT_ND;
    desc.dims = std::move(dims);
    return desc;
  }
  std::array<const aclTensorDesc*, 5> InputDescs() const { return {&a_, &b_, &c_, &scalar_, &scalar_}; }
  std::array<const aclTensorDesc*, 1> OutputDescs() const { return {&c_}; }

  aclTensorDesc a_, b_, c_, scalar_;
  aclopAttr attr_;
};

void GemmEx(const GemmSpec& spec, const OperandNames& names, const void* alpha, const void* a, int lda,
            const void* b, int ldb, const void* beta, void* c, int ldc, aclrtStream stream) {
  aclsim::Runtime::Get().RequireInitialized();
  ACLSIM_CHECK_NOT_NULL(alpha);
  ACLSIM_CHECK_NOT_NULL(beta);
  const std::pair<const void*, const char*> operands[] = {{a, names.a}, {b, names.b}, {c, names.c}};
  for (const auto& [pointer, name] : operands) {
    ACLSIM_CHECK_ARG(pointer != nullptr, "{} must not be null", name);
  }
  CheckSpec(spec);
  // Reserved by CANN: the matrices are dense and row-major, so the only accepted value is -1.
  const std::pair<int, const char*> leading[] = {{lda, names.lda}, {ldb, names.ldb}, {ldc, names.ldc}};
  for (const auto& [value, name] : leading) {
    ACLSIM_CHECK_ARG(value == -1, "{}, {} and {} are reserved and must be -1 ({} = {})", names.lda, names.ldb,
                     names.ldc, name, value);
  }
  GemmCall(spec).Execute(alpha, a, b, beta, c, stream);
}

void GemmHandle(const GemmSpec& spec, aclopHandle** handle) {
  aclsim::Runtime::Get().RequireInitialized();
  ACLSIM_CHECK_NOT_NULL(handle);
  CheckSpec(spec);
  *handle = GemmCall(spec).CreateHandle();
}

// GEMV as CANN builds it: GEMM of A (m x n) and x (n x 1).
GemmSpec GemvSpec(aclTransType trans_a, int m, int n, aclDataType type_a, aclDataType type_x, aclDataType type_y,
                  aclComputeType compute) {
  return GemmSpec{trans_a, ACL_TRANS_N, ACL_TRANS_N, m, 1, n, type_a, type_x, type_y, compute};
}

// The Cast call aclopCast makes: dst_type is the output desc's data type. Cast's truncate
// attribute is set only when the operator has one, as CANN does; the simulator's has none.
aclopAttr CastAttr(const aclTensorDesc* dstDesc, uint8_t truncate) {
  const aclTensorDesc* dst = aclsim::UnwrapHandle<aclTensorDesc>(dstDesc, "dstDesc");
  aclopAttr attr;
  attr.values["dst_type"] = static_cast<int64_t>(dst->data_type);
  const aclsim::sim::OpDef* cast = aclsim::sim::Kernels().Find("Cast");
  const bool has_truncate = cast != nullptr && std::any_of(cast->attrs.begin(), cast->attrs.end(),
                                                           [](const auto& a) { return a.name == "truncate"; });
  if (has_truncate) attr.values["truncate"] = truncate != 0;
  return attr;
}

}  // namespace

extern "C" {

aclError aclblasGemmEx(aclTransType transA, aclTransType transB, aclTransType transC, int m, int n, int k,
                       const void* alpha, const void* matrixA, int lda, aclDataType dataTypeA, const void* matrixB,
                       int ldb, aclDataType dataTypeB, const void* beta, void* matrixC, int ldc,
                       aclDataType dataTypeC, aclComputeType type, aclrtStream stream) {
  return ApiCall("aclblasGemmEx", [&] {
    GemmEx({transA, transB, transC, m, n, k, dataTypeA, dataTypeB, dataTypeC, type}, kGemmNames, alpha, matrixA,
           lda, matrixB, ldb, beta, matrixC, ldc, stream);
    return ACL_SUCCESS;
  });
}

aclError aclblasCreateHandleForGemmEx(aclTransType transA, aclTransType transB, aclTransType transC, int m, int n,
                                      int k, aclDataType dataTypeA, aclDataType dataTypeB, aclDataType dataTypeC,
                                      aclComputeType type, aclopHandle** handle) {
  return ApiCall("aclblasCreateHandleForGemmEx", [&] {
    GemmHandle({transA, transB, transC, m, n, k, dataTypeA, dataTypeB, dataTypeC, type}, handle);
    return ACL_SUCCESS;
  });
}

aclError aclblasHgemm(aclTransType transA, aclTransType transB, aclTransType transC, int m, int n, int k,
                      const aclFloat16* alpha, const aclFloat16* matrixA, int lda, const aclFloat16* matrixB, int ldb,
                      const aclFloat16* beta, aclFloat16* matrixC, int ldc, aclComputeType type, aclrtStream stream) {
  return ApiCall("aclblasHgemm", [&] {
    GemmEx({transA, transB, transC, m, n, k, ACL_FLOAT16, ACL_FLOAT16, ACL_FLOAT16, type}, kGemmNames, alpha,
           matrixA, lda, matrixB, ldb, beta, matrixC, ldc, stream);
    return ACL_SUCCESS;
  });
}

aclError aclblasCreateHandleForHgemm(aclTransType transA, aclTransType transB, aclTransType transC, int m, int n,
                                     int k, aclComputeType type, aclopHandle** handle) {
  return ApiCall("aclblasCreateHandleForHgemm", [&] {
    GemmHandle({transA, transB, transC, m, n, k, ACL_FLOAT16, ACL_FLOAT16, ACL_FLOAT16, type}, handle);
    return ACL_SUCCESS;
  });
}

aclError aclblasS8gemm(aclTransType transA, aclTransType transB, aclTransType transC, int m, int n, int k,
                       const int32_t* alpha, const int8_t* matrixA, int lda, const int8_t* matrixB, int ldb,
                       const int32_t* beta, int32_t* matrixC, int ldc, aclComputeType type, aclrtStream stream) {
  return ApiCall("aclblasS8gemm", [&] {
    GemmEx({transA, transB, transC, m, n, k, ACL_INT8, ACL_INT8, ACL_INT32, type}, kGemmNames, alpha, matrixA, lda,
           matrixB, ldb, beta, matrixC, ldc, stream);
    return ACL_SUCCESS;
  });
}

aclError aclblasCreateHandleForS8gemm(aclTransType transA, aclTransType transB, aclTransType transC, int m, int n,
                                      int k, aclComputeType type, aclopHandle** handle) {
  return ApiCall("aclblasCreateHandleForS8gemm", [&] {
    GemmHandle({transA, transB, transC, m, n, k, ACL_INT8, ACL_INT8, ACL_INT32, type}, handle);
    return ACL_SUCCESS;
  });
}

aclError aclblasGemvEx(aclTransType transA, int m, int n, const void* alpha, const void* a, int lda,
                       aclDataType dataTypeA, const void* x, int incx, aclDataType dataTypeX, const void* beta, void* y,
                       int incy, aclDataType dataTypeY, aclComputeType type, aclrtStream stream) {
  return ApiCall("aclblasGemvEx", [&] {
    GemmEx(GemvSpec(transA, m, n, dataTypeA, dataTypeX, dataTypeY, type), kGemvNames, alpha, a, lda, x, incx, beta,
           y, incy, stream);
    return ACL_SUCCESS;
  });
}

aclError aclblasCreateHandleForGemvEx(aclTransType transA, int m, int n, aclDataType dataTypeA,
                                      aclDataType dataTypeX, aclDataType dataTypeY, aclComputeType type,
                                      aclopHandle** handle) {
  return ApiCall("aclblasCreateHandleForGemvEx", [&] {
    GemmHandle(GemvSpec(transA, m, n, dataTypeA, dataTypeX, dataTypeY, type), handle);
    return ACL_SUCCESS;
  });
}

aclError aclblasHgemv(aclTransType transA, int m, int n, const aclFloat16* alpha, const aclFloat16* a, int lda,
                      const aclFloat16* x, int incx, const aclFloat16* beta, aclFloat16* y, int incy,
                      aclComputeType type, aclrtStream stream) {
  return ApiCall("aclblasHgemv", [&] {
    GemmEx(GemvSpec(transA, m, n, ACL_FLOAT16, ACL_FLOAT16, ACL_FLOAT16, type), kGemvNames, alpha, a, lda, x, incx,
           beta, y, incy, stream);
    return ACL_SUCCESS;
  });
}

aclError aclblasCreateHandleForHgemv(aclTransType transA, int m, int n, aclComputeType type, aclopHandle** handle) {
  return ApiCall("aclblasCreateHandleForHgemv", [&] {
    GemmHandle(GemvSpec(transA, m, n, ACL_FLOAT16, ACL_FLOAT16, ACL_FLOAT16, type), handle);
    return ACL_SUCCESS;
  });
}

aclError aclblasS8gemv(aclTransType transA, int m, int n, const int32_t* alpha, const int8_t* a, int lda,
                       const int8_t* x, int incx, const int32_t* beta, int32_t* y, int incy, aclComputeType type,
                       aclrtStream stream) {
  return ApiCall("aclblasS8gemv", [&] {
    GemmEx(GemvSpec(transA, m, n, ACL_INT8, ACL_INT8, ACL_INT32, type), kGemvNames, alpha, a, lda, x, incx, beta, y,
           incy, stream);
    return ACL_SUCCESS;
  });
}

aclError aclblasCreateHandleForS8gemv(aclTransType transA, int m, int n, aclComputeType type, aclopHandle** handle) {
  return ApiCall("aclblasCreateHandleForS8gemv", [&] {
    GemmHandle(GemvSpec(transA, m, n, ACL_INT8, ACL_INT8, ACL_INT32, type), handle);
    return ACL_SUCCESS;
  });
}

aclError aclopCast(const aclTensorDesc* srcDesc, const aclDataBuffer* srcBuffer, const aclTensorDesc* dstDesc,
                   aclDataBuffer* dstBuffer, uint8_t truncate, aclrtStream stream) {
  return ApiCall("aclopCast", [&] {
    aclsim::Runtime::Get().RequireInitialized();
    ACLSIM_CHECK_NOT_NULL(srcDesc);
    ACLSIM_CHECK_NOT_NULL(dstDesc);
    ACLSIM_CHECK_NOT_NULL(srcBuffer);
    ACLSIM_CHECK_NOT_NULL(dstBuffer);
    const aclopAttr attr = CastAttr(dstDesc, truncate);
    const aclTensorDesc* inputDesc[] = {srcDesc};
    const aclTensorDesc* outputDesc[] = {dstDesc};
    const aclDataBuffer* inputs[] = {srcBuffer};
    aclDataBuffer* outputs[] = {dstBuffer};
    aclsim::api::ExecuteOp("Cast", 1, inputDesc, inputs, 1, outputDesc, outputs, &attr, stream, nullptr);
    return ACL_SUCCESS;
  });
}

aclError aclopCreateHandleForCast(aclTensorDesc* srcDesc, aclTensorDesc* dstDesc, uint8_t truncate,
                                  aclopHandle** handle) {
  return ApiCall("aclopCreateHandleForCast", [&] {
    aclsim::Runtime::Get().RequireInitialized();
    ACLSIM_CHECK_NOT_NULL(srcDesc);
    ACLSIM_CHECK_NOT_NULL(dstDesc);
    ACLSIM_CHECK_NOT_NULL(handle);
    const aclopAttr attr = CastAttr(dstDesc, truncate);
    const aclTensorDesc* inputDesc[] = {srcDesc};
    const aclTensorDesc* outputDesc[] = {dstDesc};
    *handle = aclsim::api::CreateOpHandle("Cast", aclsim::api::CallTensors(1, inputDesc, "srcDesc"),
                                          aclsim::api::CallTensors(1, outputDesc, "dstDesc"), attr.values);
    return ACL_SUCCESS;
  });
}

}  // extern "C"
