// Dense matrix products for the MatMul and convolution families.
//
// Floating point: Eigen's blocked GEMM, compiled for AVX-512, AVX2+FMA and the baseline ISA
// (gemm_eigen.h); the widest this CPU runs is chosen once. Integers: C = A * B modulo 2^32
// (int32 wraps instead of overflowing). Multi-threaded products split C into row or column
// blocks, one per AI-core thread, each computed by the single-threaded product.
#pragma once

#include <cstdint>
#include <type_traits>
#include <vector>

#include "sim/dtype.h"
#include "sim/kernels/gemm_eigen.h"
#include "sim/parallel.h"

namespace aclsim::sim {

// The element type a product of T is computed in: float for float16/bfloat16/float32, double,
// and int32 for int8/int32 (the cube unit's int8 x int8 -> int32).
template <typename T> struct GemmTypeOf { using type = typename ComputeType<T>::type; };
template <> struct GemmTypeOf<int8_t> { using type = int32_t; };
template <typename T> using GemmType = typename GemmTypeOf<T>::type;

// The element type of a product's result: the inputs' type, except int32 for int8.
template <typename T> using ProductOutputType = std::conditional_t<std::is_same_v<T, int8_t>, int32_t, T>;

// T is float, double or int32_t. Single-threaded: for use inside a Parallel::For piece.
template <typename T>
void Gemm(const GemmCall<T>& call);

// `call` computed over the AI-core threads (or on the caller, when it is small).
template <typename T>
void ParallelGemm(const Parallel& parallel, const GemmCall<T>& call);

// `batch` products of call's shape: the i-th with a, b and c advanced by a_offsets[i],
// b_offsets[i], c_offsets[i] elements. Work is split over products and, when there are fewer
// products than threads, over blocks of each.
template <typename T>
void BatchedGemm(const Parallel& parallel, const GemmCall<T>& call, int64_t batch, const int64_t* a_offsets,
                 const int64_t* b_offsets, const int64_t* c_offsets);

// The vector ISA the floating-point products use.
enum class GemmIsa { kBaseline, kAvx2, kAvx512 };
GemmIsa ActiveGemmIsa();
const char* Name(GemmIsa isa);
// For tests and benchmarks: use `isa` from now on. Returns false (changing nothing) when this
// CPU or build cannot run it.
bool UseGemmIsa(GemmIsa isa);

// out[i] = To(in[i]) over the AI-core threads: operands converted to the GEMM type.
template <typename To, typename From>
void ConvertElements(const Parallel& parallel, const From* in, To* out, int64_t count) {
  parallel.For(count, 1 << 15, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) out[i] = static_cast<To>(static_cast<typename ComputeType<From>::type>(in[i]));
  });
}

// The elements of `data` as C: `data` itself when From is C, otherwise converted into `storage`.
template <typename C, typename From>
const C* AsGemmOperand(const Parallel& parallel, const From* data, int64_t count, std::vector<C>& storage) {
  if constexpr (std::is_same_v<C, From>) {
    return data;
  } else {
    storage.resize(static_cast<size_t>(count));
    ConvertElements(parallel, data, storage.data(), count);
    return storage.data();
  }
}

// a + b and acc + a * b in C, wrapping modulo 2^32 for int32 (no signed overflow).
template <typename C>
inline C WrapAdd(C a, C b) {
  if constexpr (std::is_integral_v<C>) {
    using U = std::make_unsigned_t<C>;
    return static_cast<C>(static_cast<U>(a) + static_cast<U>(b));
  } else {
    return a + b;
  }
}
template <typename C>
inline C WrapMulAdd(C acc, C a, C b) {
  if constexpr (std::is_integral_v<C>) {
    using U = std::make_unsigned_t<C>;
    return static_cast<C>(static_cast<U>(acc) + static_cast<U>(a) * static_cast<U>(b));
  } else {
    return acc + a * b;
  }
}

}  // namespace aclsim::sim
