// Throughput of the simulated NPU's matrix kernels against OpenBLAS, in one process, on the same
// thread count (2):
//   - float32 MatMulV2 1024 x 1024 x 1024 through Kernels().Run against cblas_sgemm. Each
//     iteration times both, one after the other, so load on the machine affects both alike;
//     counters: aclsim_GFLOPs, openblas_GFLOPs and ratio (aclsim / OpenBLAS; the requirement
//     is >= 0.8). Run with the widest GEMM ISA (isa:2 is AVX-512) and with AVX2 (isa:1).
//   - float32 Conv2D, x 1x64x56x56 (NCHW), 64 filters 3x3, pad 1; counter aclsim_GFLOPs, and
//     for context openblas_GFLOPs of cblas_sgemm on the equivalent im2col product (64 x 576 x
//     3136, im2col excluded).
#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <cblas.h>

#include "sim/kernels/gemm.h"
#include "sim/parallel.h"
#include "sim/registry.h"

namespace {

using aclsim::sim::Attrs;
using aclsim::sim::DType;
using aclsim::sim::Format;
using aclsim::sim::Kernels;
using aclsim::sim::Parallel;
using aclsim::sim::TensorSpec;
using aclsim::sim::TensorView;
using Clock = std::chrono::steady_clock;

constexpr int kThreads = 2;

std::vector<float> Random(size_t count, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> v(count);
  for (float& x : v) x = dist(rng);
  return v;
}

TensorView View(std::vector<float>& data, aclsim::sim::Shape shape, Format format = Format::kND) {
  return TensorView{TensorSpec(DType::kFloat32, std::move(shape), format), data.data()};
}

double Seconds(Clock::time_point begin, Clock::time_point end) {
  return std::chrono::duration<double>(end - begin).count();
}

void SetLabel(benchmark::State& state) {
  state.SetLabel(std::string("gemm isa ") + aclsim::sim::Name(aclsim::sim::ActiveGemmIsa()) + ", openblas core " +
                 openblas_get_corename());
}

// Argument: the GemmIsa to use (the widest this CPU runs is the default; AVX2 shows the fallback
// a CPU without AVX-512 gets).
void BM_MatMulV2_1024_VsOpenBLAS(benchmark::State& state) {
  const auto isa = static_cast<aclsim::sim::GemmIsa>(state.range(0));
  const aclsim::sim::GemmIsa original = aclsim::sim::ActiveGemmIsa();
  if (!aclsim::sim::UseGemmIsa(isa)) {
    state.SkipWithError("this CPU or build cannot run that GEMM ISA");
    return;
  }
  constexpr int64_t n = 1024;
  const Parallel parallel(kThreads);
  openblas_set_num_threads(kThreads);
  std::vector<float> a = Random(n * n, 1), b = Random(n * n, 2), c(n * n), reference(n * n);
  const std::vector<TensorView> inputs = {View(a, {n, n}), View(b, {n, n})};
  const std::vector<TensorView> outputs = {View(c, {n, n})};
  auto ours = [&] { Kernels().Run("MatMulV2", inputs, outputs, Attrs{}, parallel); };
  auto blas = [&] {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, a.data(), n, b.data(), n, 0.0f,
                reference.data(), n);
  };
  ours();  // warm up: thread pools, caches
  blas();
  double ours_seconds = 0, blas_seconds = 0;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    ours();
    const auto t1 = Clock::now();
    blas();
    const auto t2 = Clock::now();
    ours_seconds += Seconds(t0, t1);
    blas_seconds += Seconds(t1, t2);
    benchmark::DoNotOptimize(c.data());
    benchmark::DoNotOptimize(reference.data());
  }
  const double flops = 2.0 * n * n * n * static_cast<double>(state.iterations());
  state.counters["aclsim_GFLOPs"] = flops / ours_seconds / 1e9;
  state.counters["openblas_GFLOPs"] = flops / blas_seconds / 1e9;
  state.counters["ratio"] = blas_seconds / ours_seconds;
  SetLabel(state);
  aclsim::sim::UseGemmIsa(original);
}
BENCHMARK(BM_MatMulV2_1024_VsOpenBLAS)
    ->ArgName("isa")
    ->Arg(static_cast<int>(aclsim::sim::ActiveGemmIsa()))
    ->Arg(static_cast<int>(aclsim::sim::GemmIsa::kAvx2))
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(2.0);

void BM_Conv2D_1x64x56x56_64x3x3(benchmark::State& state) {
  constexpr int64_t batch = 1, channels = 64, size = 56, filters = 64, k = 3;
  const Parallel parallel(kThreads);
  openblas_set_num_threads(kThreads);
  std::vector<float> x = Random(batch * channels * size * size, 3), w = Random(filters * channels * k * k, 4);
  std::vector<float> y(batch * filters * size * size);
  const std::vector<TensorView> inputs = {View(x, {batch, channels, size, size}, Format::kNCHW),
                                          View(w, {filters, channels, k, k}, Format::kNCHW)};
  const std::vector<TensorView> outputs = {View(y, {batch, filters, size, size}, Format::kNCHW)};
  const Attrs attrs = {{"strides", std::vector<int64_t>{1, 1, 1, 1}},
                       {"pads", std::vector<int64_t>{1, 1, 1, 1}},
                       {"data_format", std::string("NCHW")}};
  // The GEMM an im2col convolution performs: [64 x 576] * [576 x 3136].
  const int64_t gm = filters, gk = channels * k * k, gn = size * size;
  std::vector<float> col = Random(gk * gn, 5), product(gm * gn);
  auto ours = [&] { Kernels().Run("Conv2D", inputs, outputs, attrs, parallel); };
  auto blas = [&] {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, gm, gn, gk, 1.0f, w.data(), gk, col.data(), gn, 0.0f,
                product.data(), gn);
  };
  ours();
  blas();
  double ours_seconds = 0, blas_seconds = 0;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    ours();
    const auto t1 = Clock::now();
    blas();
    const auto t2 = Clock::now();
    ours_seconds += Seconds(t0, t1);
    blas_seconds += Seconds(t1, t2);
    benchmark::DoNotOptimize(y.data());
    benchmark::DoNotOptimize(product.data());
  }
  const double flops = 2.0 * static_cast<double>(gm * gn * gk) * static_cast<double>(state.iterations());
  state.counters["aclsim_GFLOPs"] = flops / ours_seconds / 1e9;
  state.counters["openblas_GFLOPs"] = flops / blas_seconds / 1e9;
  state.counters["ratio"] = blas_seconds / ours_seconds;
  SetLabel(state);
}
BENCHMARK(BM_Conv2D_1x64x56x56_64x3x3)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(1.0);

}  // namespace
