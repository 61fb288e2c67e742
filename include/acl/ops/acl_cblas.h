// aclsim — include/acl/ops/acl_cblas.h: BLAS-style matrix-vector and matrix-matrix multiply operators.
// SPDX-License-Identifier: Apache-2.0

#ifndef ACLSIM_ACL_OPS_ACL_CBLAS_H_
#define ACLSIM_ACL_OPS_ACL_CBLAS_H_

#include "acl/acl.h"

#ifdef __cplusplus
extern "C" {
#endif

// ---- Enumerations ----

// How a matrix operand is laid out / transposed.
typedef enum aclTransType {
    ACL_TRANS_N    = 0,
    ACL_TRANS_T    = 1,
    ACL_TRANS_NZ   = 2,
    ACL_TRANS_NZ_T = 3
} aclTransType;

// Precision mode of the computation.
typedef enum aclComputeType {
    ACL_COMPUTE_HIGH_PRECISION = 0,
    ACL_COMPUTE_LOW_PRECISION  = 1
} aclComputeType;

// ---- GEMV: y = alpha * op(A) * x + beta * y ----

// Mixed-type GEMV (element types given by aclDataType), and its op-handle builder.
ACL_FUNC_VISIBILITY aclError aclblasGemvEx(aclTransType transA, int m, int n,
                                           const void *alpha, const void *a, int lda, aclDataType dataTypeA,
                                           const void *x, int incx, aclDataType dataTypeX,
                                           const void *beta, void *y, int incy, aclDataType dataTypeY,
                                           aclComputeType type, aclrtStream stream);
ACL_FUNC_VISIBILITY aclError aclblasCreateHandleForGemvEx(aclTransType transA, int m, int n,
                                                          aclDataType dataTypeA, aclDataType dataTypeX,
                                                          aclDataType dataTypeY, aclComputeType type,
                                                          aclopHandle **handle);

// Half-precision GEMV, and its op-handle builder.
ACL_FUNC_VISIBILITY aclError aclblasHgemv(aclTransType transA, int m, int n,
                                          const aclFloat16 *alpha, const aclFloat16 *a, int lda,
                                          const aclFloat16 *x, int incx,
                                          const aclFloat16 *beta, aclFloat16 *y, int incy,
                                          aclComputeType type, aclrtStream stream);
ACL_FUNC_VISIBILITY aclError aclblasCreateHandleForHgemv(aclTransType transA, int m, int n,
                                                         aclComputeType type, aclopHandle **handle);

// int8 GEMV with int32 scalars and output, and its op-handle builder.
ACL_FUNC_VISIBILITY aclError aclblasS8gemv(aclTransType transA, int m, int n,
                                           const int32_t *alpha, const int8_t *a, int lda,
                                           const int8_t *x, int incx,
                                           const int32_t *beta, int32_t *y, int incy,
                                           aclComputeType type, aclrtStream stream);
ACL_FUNC_VISIBILITY aclError aclblasCreateHandleForS8gemv(aclTransType transA, int m, int n,
                                                          aclComputeType type, aclopHandle **handle);

// ---- GEMM: C = alpha * op(A) * op(B) + beta * C ----

// Mixed-type GEMM (element types given by aclDataType), and its op-handle builder.
ACL_FUNC_VISIBILITY aclError aclblasGemmEx(aclTransType transA, aclTransType transB, aclTransType transC,
                                           int m, int n, int k,
                                           const void *alpha,
                                           const void *matrixA, int lda, aclDataType dataTypeA,
                                           const void *matrixB, int ldb, aclDataType dataTypeB,
                                           const void *beta,
                                           void *matrixC, int ldc, aclDataType dataTypeC,
                                           aclComputeType type, aclrtStream stream);
ACL_FUNC_VISIBILITY aclError aclblasCreateHandleForGemmEx(aclTransType transA, aclTransType transB,
                                                          aclTransType transC, int m, int n, int k,
                                                          aclDataType dataTypeA, aclDataType dataTypeB,
                                                          aclDataType dataTypeC, aclComputeType type,
                                                          aclopHandle **handle);

// Half-precision GEMM, and its op-handle builder.
ACL_FUNC_VISIBILITY aclError aclblasHgemm(aclTransType transA, aclTransType transB, aclTransType transC,
                                          int m, int n, int k,
                                          const aclFloat16 *alpha,
                                          const aclFloat16 *matrixA, int lda,
                                          const aclFloat16 *matrixB, int ldb,
                                          const aclFloat16 *beta,
                                          aclFloat16 *matrixC, int ldc,
                                          aclComputeType type, aclrtStream stream);
ACL_FUNC_VISIBILITY aclError aclblasCreateHandleForHgemm(aclTransType transA, aclTransType transB,
                                                         aclTransType transC, int m, int n, int k,
                                                         aclComputeType type, aclopHandle **handle);

// int8 GEMM with int32 scalars and output, and its op-handle builder.
ACL_FUNC_VISIBILITY aclError aclblasS8gemm(aclTransType transA, aclTransType transB, aclTransType transC,
                                           int m, int n, int k,
                                           const int32_t *alpha,
                                           const int8_t *matrixA, int lda,
                                           const int8_t *matrixB, int ldb,
                                           const int32_t *beta,
                                           int32_t *matrixC, int ldc,
                                           aclComputeType type, aclrtStream stream);
ACL_FUNC_VISIBILITY aclError aclblasCreateHandleForS8gemm(aclTransType transA, aclTransType transB,
                                                          aclTransType transC, int m, int n, int k,
                                                          aclComputeType type, aclopHandle **handle);

#ifdef __cplusplus
}
#endif

#endif  // ACLSIM_ACL_OPS_ACL_CBLAS_H_
