// The GEMM variant for the compiler's default target (SSE2 on x86-64): runs on every CPU the
// rest of the program runs on.
#define ACLSIM_GEMM_VARIANT gemm_baseline
#define ACLSIM_GEMM_EIGEN aclsim_gemm_baseline_eigen
#define ACLSIM_GEMM_ISA_OK true
#include "sim/kernels/gemm_eigen.inc"
