// The GEMM variant for AVX2 with FMA; src/CMakeLists.txt compiles this file with those flags on
// x86-64, and gemm.cpp calls it only on a CPU that has them.
#define ACLSIM_GEMM_VARIANT gemm_avx2
#define ACLSIM_GEMM_EIGEN aclsim_gemm_avx2_eigen
#if defined(__AVX2__) && defined(__FMA__)
#define ACLSIM_GEMM_ISA_OK true
#else
#define ACLSIM_GEMM_ISA_OK false
#endif
#include "sim/kernels/gemm_eigen.inc"
