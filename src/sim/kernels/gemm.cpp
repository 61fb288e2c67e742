#include "sim/kernels/gemm.h"

#include <algorithm>
#include <atomic>

namespace aclsim::sim {
namespace {

// Multiply-adds below which a product is not worth handing to another thread.
constexpr double kMinParallelWork = 1 << 18;

bool CpuRuns(GemmIsa isa) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
#endif
  switch (isa) {
    case GemmIsa::kBaseline:
      return true;
#if defined(__x86_64__) || defined(__i386__)
    // __builtin_cpu_supports also checks that the OS saves the YMM/ZMM registers.
    case GemmIsa::kAvx2:
      return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case GemmIsa::kAvx512:
      return CpuRuns(GemmIsa::kAvx2) && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
             __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
#endif
    default:
      return false;
  }
}

bool Built(GemmIsa isa) {
  switch (isa) {
    case GemmIsa::kBaseline: return gemm_baseline::Built();
    case GemmIsa::kAvx2: return gemm_avx2::Built();
    case GemmIsa::kAvx512: return gemm_avx512::Built();
  }
  return false;
}

bool Usable(GemmIsa isa) { return Built(isa) && CpuRuns(isa); }

GemmIsa Widest() {
  for (GemmIsa isa : {GemmIsa::kAvx512, GemmIsa::kAvx2}) {
    if (Usable(isa)) return isa;
  }
  return GemmIsa::kBaseline;
}

std::atomic<GemmIsa>& Active() {
  static std::atomic<GemmIsa> active{Widest()};
  return active;
}

template <typename T>
void FloatProduct(const GemmCall<T>& call) {
  switch (Active().load(std::memory_order_relaxed)) {
    case GemmIsa::kAvx512: return gemm_avx512::Product(call);
    case GemmIsa::kAvx2: return gemm_avx2::Product(call);
    case GemmIsa::kBaseline: break;
  }
  gemm_baseline::Product(call);
}

// C = op(A) op(B) modulo 2^32, row by row: c_row += a(i, p) * b_row(p) vectorises over the row.
void IntegerProduct(const GemmCall<int32_t>& g) {
  if (g.m <= 0 || g.n <= 0) return;
  const int32_t* b = g.b;
  int64_t ldb = g.ldb;
  std::vector<int32_t> b_rows;
  if (g.trans_b && g.k > 0) {  // make op(B)'s rows contiguous
    b_rows.resize(static_cast<size_t>(g.k * g.n));
    for (int64_t j = 0; j < g.n; ++j) {
      for (int64_t p = 0; p < g.k; ++p) b_rows[static_cast<size_t>(p * g.n + j)] = g.b[j * g.ldb + p];
    }
    b = b_rows.data();
    ldb = g.n;
  }
  for (int64_t i = 0; i < g.m; ++i) {
    uint32_t* c = reinterpret_cast<uint32_t*>(g.c + i * g.ldc);
    std::fill(c, c + g.n, 0u);
    for (int64_t p = 0; p < g.k; ++p) {
      const uint32_t a = static_cast<uint32_t>(g.trans_a ? g.a[p * g.lda + i] : g.a[i * g.lda + p]);
      if (a == 0) continue;
      const uint32_t* row = reinterpret_cast<const uint32_t*>(b + p * ldb);
      for (int64_t j = 0; j < g.n; ++j) c[j] += a * row[j];
    }
  }
}

// The product restricted to C's rows (or columns) [begin, end).
template <typename T>
GemmCall<T> Slice(const GemmCall<T>& g, bool rows, int64_t begin, int64_t end) {
  GemmCall<T> s = g;
  if (rows) {
    s.m = end - begin;
    s.a = g.trans_a ? g.a + begin : g.a + begin * g.lda;
    s.c = g.c + begin * g.ldc;
    if (g.row_bias != nullptr) s.row_bias = g.row_bias + begin;
  } else {
    s.n = end - begin;
    s.b = g.trans_b ? g.b + begin * g.ldb : g.b + begin;
    s.c = g.c + begin;
    if (g.col_bias != nullptr) s.col_bias = g.col_bias + begin;
  }
  return s;
}

}  // namespace

// C += the call's row or column bias (integer products), while C is still in cache from the product.
template <typename T>
void AddBias(const GemmCall<T>& g) {
  for (int64_t i = 0; i < g.m; ++i) {
    T* c = g.c + i * g.ldc;
    if (g.row_bias != nullptr) {
      const T b = g.row_bias[i];
      for (int64_t j = 0; j < g.n; ++j) c[j] = WrapAdd(c[j], b);
    }
    if (g.col_bias != nullptr) {
      for (int64_t j = 0; j < g.n; ++j) c[j] = WrapAdd(c[j], g.col_bias[j]);
    }
  }
}

template <typename T>
void Gemm(const GemmCall<T>& call) {
  if constexpr (std::is_same_v<T, int32_t>) {
    IntegerProduct(call);
    if ((call.row_bias != nullptr || call.col_bias != nullptr) && call.m > 0 && call.n > 0) AddBias(call);
  } else {
    FloatProduct(call);  // starts C from the bias
  }
}

template <typename T>
void BatchedGemm(const Parallel& parallel, const GemmCall<T>& call, int64_t batch, const int64_t* a_offsets,
                 const int64_t* b_offsets, const int64_t* c_offsets) {
  if (batch <= 0 || call.m <= 0 || call.n <= 0) return;
  const double work = static_cast<double>(call.m) * static_cast<double>(call.n) *
                      static_cast<double>(std::max<int64_t>(call.k, 1));
  const int64_t threads = parallel.threads();
  // Split each product into blocks along C's longer side when there are fewer products than
  // threads; blocks of whole cache lines of C (16 floats) when splitting columns.
  const bool by_rows = call.m >= call.n;
  const int64_t extent = by_rows ? call.m : call.n;
  const int64_t quantum = by_rows ? 4 : 16;
  int64_t blocks = 1;
  if (batch < threads && work * static_cast<double>(batch) >= 2 * kMinParallelWork) {
    blocks = std::min((threads + batch - 1) / batch, (extent + quantum - 1) / quantum);
  }
  int64_t block = (extent + blocks - 1) / blocks;
  block = (block + quantum - 1) / quantum * quantum;
  blocks = (extent + block - 1) / block;
  const double work_per_item = work / static_cast<double>(blocks);
  const int64_t grain = std::max<int64_t>(1, static_cast<int64_t>(kMinParallelWork / work_per_item));
  parallel.For(batch * blocks, grain, [&](int64_t begin, int64_t end) {
    for (int64_t item = begin; item < end; ++item) {
      const int64_t i = item / blocks, part = item % blocks;
      GemmCall<T> one = call;
      one.a += a_offsets[i];
      one.b += b_offsets[i];
      one.c += c_offsets[i];
      Gemm(Slice(one, by_rows, part * block, std::min(extent, (part + 1) * block)));
    }
  });
}

template <typename T>
void ParallelGemm(const Parallel& parallel, const GemmCall<T>& call) {
  const int64_t zero = 0;
  BatchedGemm(parallel, call, 1, &zero, &zero, &zero);
}

GemmIsa ActiveGemmIsa() { return Active().load(); }

const char* Name(GemmIsa isa) {
  switch (isa) {
    case GemmIsa::kBaseline: return "baseline";
    case GemmIsa::kAvx2: return "avx2+fma";
    case GemmIsa::kAvx512: return "avx512";
  }
  return "unknown";
}

bool UseGemmIsa(GemmIsa isa) {
  if (!Usable(isa)) return false;
  Active().store(isa);
  return true;
}

#define ACLSIM_INSTANTIATE_GEMM(T)                                                                          \
  template void Gemm<T>(const GemmCall<T>&);                                                                \
  template void ParallelGemm<T>(const Parallel&, const GemmCall<T>&);                                       \
  template void BatchedGemm<T>(const Parallel&, const GemmCall<T>&, int64_t, const int64_t*, const int64_t*, \
                               const int64_t*);
ACLSIM_INSTANTIATE_GEMM(float)
ACLSIM_INSTANTIATE_GEMM(double)
ACLSIM_INSTANTIATE_GEMM(int32_t)
#undef ACLSIM_INSTANTIATE_GEMM

}  // namespace aclsim::sim
