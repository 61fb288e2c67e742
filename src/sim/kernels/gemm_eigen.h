// The single-threaded matrix product behind gemm.h, compiled three times for three vector ISAs
// (gemm_eigen_avx512.cpp, gemm_eigen_avx2.cpp, gemm_eigen_baseline.cpp, each including
// gemm_eigen.inc). gemm.cpp picks the widest one this CPU runs at startup.
//
// Deliberately free of Eigen and of every other header: the variants include Eigen under a
// private namespace name, so nothing they include may have pulled Eigen in before them.
#pragma once

#include <cstdint>

namespace aclsim::sim {

// C (m x n) = op(A) (m x k) * op(B) (k x n). Row-major operands with leading dimensions (elements
// between consecutive rows as stored): A is stored m x k, or k x m when trans_a (op(A) = A^T);
// B is stored k x n, or n x k when trans_b. C is overwritten (zeros when k == 0).
template <typename T>
struct GemmCall {
  bool trans_a = false;
  bool trans_b = false;
  int64_t m = 0;
  int64_t n = 0;
  int64_t k = 0;
  const T* a = nullptr;
  int64_t lda = 0;
  const T* b = nullptr;
  int64_t ldb = 0;
  T* c = nullptr;
  int64_t ldc = 0;
  // Optional: C(i, j) += row_bias[i] (a convolution's bias in NCHW) or col_bias[j] (in NHWC).
  // The variants below start C from them; gemm.h's Gemm adds them after the integer product.
  const T* row_bias = nullptr;
  const T* col_bias = nullptr;
};

#define ACLSIM_DECLARE_GEMM_VARIANT(variant)                                   \
  namespace variant {                                                          \
  /* Whether this variant was compiled with its ISA enabled (per-file flags). */ \
  bool Built();                                                                \
  void Product(const GemmCall<float>& call);                                   \
  void Product(const GemmCall<double>& call);                                  \
  }

ACLSIM_DECLARE_GEMM_VARIANT(gemm_avx512)    // AVX-512 F/DQ/BW/VL with FMA (x86-64-v4)
ACLSIM_DECLARE_GEMM_VARIANT(gemm_avx2)      // AVX2 with FMA (x86-64-v3)
ACLSIM_DECLARE_GEMM_VARIANT(gemm_baseline)  // the compiler's default target (SSE2 on x86-64)

#undef ACLSIM_DECLARE_GEMM_VARIANT

}  // namespace aclsim::sim
