// src/memory: the cost of an Allocate+Free pair (the caching allocator's hot path), alone and with
// two threads, and of resolving an interior pointer. Run:
//   build/bench/aclsim_memory_bench --benchmark_repetitions=10 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <cstddef>
#include <thread>

#include "memory/checked_copy.h"
#include "memory/device_memory.h"

namespace {

// A real aclsim process always has worker threads, and glibc's locks skip their atomic
// instructions until a process starts its first thread: start one, so the single-thread figures
// are the ones a program sees.
const bool kProcessIsMultiThreaded = [] {
  std::thread([] {}).join();
  return true;
}();

aclsim::DeviceMemory& Device() {
  static aclsim::DeviceMemory device(0, size_t{4} << 30);
  return device;
}

// One Allocate+Free pair of state.range(0) bytes per iteration.
void BM_AllocateFree(benchmark::State& state) {
  aclsim::DeviceMemory& device = Device();
  const auto size = static_cast<size_t>(state.range(0));
  for (auto _ : state) {
    void* p = device.Allocate(size);
    benchmark::DoNotOptimize(p);
    device.Free(p);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AllocateFree)->Arg(1 << 10)->Arg(64 << 10)->Arg(1 << 20)->Threads(1)->Threads(2)->UseRealTime();

// 64 live blocks per thread, freed and allocated again in FIFO order: blocks do not come back to
// the same slot at once, so the caches work harder than in the pair above.
void BM_AllocateFreeRotating(benchmark::State& state) {
  aclsim::DeviceMemory& device = Device();
  const auto size = static_cast<size_t>(state.range(0));
  void* ring[64];
  for (void*& p : ring) p = device.Allocate(size);
  size_t next = 0;
  for (auto _ : state) {
    device.Free(ring[next]);
    ring[next] = device.Allocate(size);
    benchmark::DoNotOptimize(ring[next]);
    next = (next + 1) % 64;
  }
  for (void* p : ring) device.Free(p);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AllocateFreeRotating)->Arg(1 << 10)->Arg(64 << 10)->Threads(1)->Threads(2)->UseRealTime();

// Resolving an interior pointer to its allocation (what every checked copy does per device side).
void BM_LookupInterior(benchmark::State& state) {
  aclsim::DeviceMemory& device = Device();
  auto* p = static_cast<char*>(device.Allocate(64 << 10));
  for (auto _ : state) benchmark::DoNotOptimize(device.Lookup(p + 12345));
  device.Free(p);
}
BENCHMARK(BM_LookupInterior)->Threads(1)->Threads(2)->UseRealTime();

// Validation of a small host-to-device copy, without the copy itself.
void BM_ValidateMemcpy(benchmark::State& state) {
  aclsim::DeviceMemory& device = Device();
  void* p = device.Allocate(256);
  char host[256] = {};
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        aclsim::ValidateMemcpy(p, 256, host, 256, ACL_MEMCPY_HOST_TO_DEVICE, aclsim::CopyDevices{0, false}));
  }
  device.Free(p);
}
BENCHMARK(BM_ValidateMemcpy)->Threads(1)->UseRealTime();

}  // namespace
