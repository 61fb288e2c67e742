// aclrtMemcpy against a plain std::memcpy of the same buffers, and aclrtMalloc+aclrtFree pairs,
// through the public API only. Run:
//   build/bench/aclsim_memcpy_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
//
// BM_MemcpyPair/<kind> runs, in every iteration, one aclrtMemcpy of 64 MiB and one std::memcpy of
// the same 64 MiB between the same two buffers (host buffer and device allocation, both touched
// beforehand), alternating which goes first, and times each on its own. Counters:
//   acl_bytes_per_second     aclrtMemcpy throughput
//   memcpy_bytes_per_second  std::memcpy throughput, measured under the same conditions
//   ratio                    acl / memcpy throughput (1.0 = no overhead; the target is >= 0.8)
// BM_AclrtMemcpy and BM_StdMemcpy run each side alone and report bytes/s in the usual column.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "acl/acl.h"

namespace {

constexpr size_t kCopyBytes = size_t{64} << 20;

// AscendCL with device 0 set, for the whole run (the benchmarks share it).
class Runtime {
 public:
  static Runtime& Get() {
    static Runtime runtime;
    return runtime;
  }
  bool ok() const { return ok_; }

 private:
  Runtime() { ok_ = aclInit(nullptr) == ACL_SUCCESS && aclrtSetDevice(0) == ACL_SUCCESS; }
  ~Runtime() {
    if (!ok_) return;
    (void)aclrtResetDevice(0);
    (void)aclFinalize();
  }
  bool ok_ = false;
};

struct FreeHost {
  void operator()(void* p) const { std::free(p); }
};

// A page-aligned host buffer and a device allocation of kCopyBytes each, both written once so
// no copy pays for page faults.
class Buffers {
 public:
  Buffers() : host_(std::aligned_alloc(4096, kCopyBytes)) {
    if (host_ == nullptr) return;
    std::memset(host_.get(), 0x5A, kCopyBytes);
    if (aclrtMalloc(&device_, kCopyBytes, ACL_MEM_MALLOC_HUGE_FIRST) != ACL_SUCCESS) {
      device_ = nullptr;
      return;
    }
    if (aclrtMemset(device_, kCopyBytes, 0xA5, kCopyBytes) != ACL_SUCCESS) return;
    ok_ = true;
  }
  ~Buffers() {
    if (device_ != nullptr) (void)aclrtFree(device_);
  }
  Buffers(const Buffers&) = delete;
  Buffers& operator=(const Buffers&) = delete;

  bool ok() const { return ok_; }
  void* host() const { return host_.get(); }
  void* device() const { return device_; }

 private:
  std::unique_ptr<void, FreeHost> host_;
  void* device_ = nullptr;
  bool ok_ = false;
};

enum Direction : int64_t { kHostToDevice = 0, kDeviceToHost = 1 };

struct Copy {
  void* dst;
  const void* src;
  aclrtMemcpyKind kind;
};

Copy CopyFor(const Buffers& buffers, int64_t direction) {
  if (direction == kHostToDevice) return {buffers.device(), buffers.host(), ACL_MEMCPY_HOST_TO_DEVICE};
  return {buffers.host(), buffers.device(), ACL_MEMCPY_DEVICE_TO_HOST};
}

const char* LabelFor(int64_t direction) { return direction == kHostToDevice ? "host_to_device" : "device_to_host"; }

double Seconds(std::chrono::steady_clock::duration d) { return std::chrono::duration<double>(d).count(); }

void BM_MemcpyPair(benchmark::State& state) {
  if (!Runtime::Get().ok()) return state.SkipWithError("aclInit / aclrtSetDevice failed");
  Buffers buffers;
  if (!buffers.ok()) return state.SkipWithError("cannot allocate the buffers");
  const Copy copy = CopyFor(buffers, state.range(0));
  using Clock = std::chrono::steady_clock;
  Clock::duration acl_time{};
  Clock::duration memcpy_time{};
  bool acl_first = true;
  auto run_acl = [&] {
    const auto start = Clock::now();
    if (aclrtMemcpy(copy.dst, kCopyBytes, copy.src, kCopyBytes, copy.kind) != ACL_SUCCESS) {
      state.SkipWithError("aclrtMemcpy failed");
    }
    benchmark::ClobberMemory();
    acl_time += Clock::now() - start;
  };
  auto run_memcpy = [&] {
    const auto start = Clock::now();
    std::memcpy(copy.dst, copy.src, kCopyBytes);
    benchmark::ClobberMemory();
    memcpy_time += Clock::now() - start;
  };
  for (auto _ : state) {
    if (acl_first) {
      run_acl();
      run_memcpy();
    } else {
      run_memcpy();
      run_acl();
    }
    acl_first = !acl_first;
  }
  const double bytes = static_cast<double>(kCopyBytes) * static_cast<double>(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(2 * kCopyBytes) * state.iterations());
  state.counters["acl_bytes_per_second"] = bytes / Seconds(acl_time);
  state.counters["memcpy_bytes_per_second"] = bytes / Seconds(memcpy_time);
  state.counters["ratio"] = Seconds(memcpy_time) / Seconds(acl_time);
  state.SetLabel(LabelFor(state.range(0)));
}
BENCHMARK(BM_MemcpyPair)->Arg(kHostToDevice)->Arg(kDeviceToHost)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_AclrtMemcpy(benchmark::State& state) {
  if (!Runtime::Get().ok()) return state.SkipWithError("aclInit / aclrtSetDevice failed");
  Buffers buffers;
  if (!buffers.ok()) return state.SkipWithError("cannot allocate the buffers");
  const Copy copy = CopyFor(buffers, state.range(0));
  for (auto _ : state) {
    if (aclrtMemcpy(copy.dst, kCopyBytes, copy.src, kCopyBytes, copy.kind) != ACL_SUCCESS) {
      state.SkipWithError("aclrtMemcpy failed");
    }
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<int64_t>(kCopyBytes) * state.iterations());
  state.SetLabel(LabelFor(state.range(0)));
}
BENCHMARK(BM_AclrtMemcpy)->Arg(kHostToDevice)->Arg(kDeviceToHost)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_StdMemcpy(benchmark::State& state) {
  if (!Runtime::Get().ok()) return state.SkipWithError("aclInit / aclrtSetDevice failed");
  Buffers buffers;
  if (!buffers.ok()) return state.SkipWithError("cannot allocate the buffers");
  const Copy copy = CopyFor(buffers, state.range(0));
  for (auto _ : state) {
    std::memcpy(copy.dst, copy.src, kCopyBytes);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<int64_t>(kCopyBytes) * state.iterations());
  state.SetLabel(LabelFor(state.range(0)));
}
BENCHMARK(BM_StdMemcpy)->Arg(kHostToDevice)->Arg(kDeviceToHost)->Unit(benchmark::kMillisecond)->UseRealTime();

// One aclrtMalloc + aclrtFree pair of state.range(0) bytes per iteration; the median of 5
// repetitions is the figure to read.
void BM_AclrtMallocFree(benchmark::State& state) {
  if (!Runtime::Get().ok()) return state.SkipWithError("aclInit / aclrtSetDevice failed");
  const auto size = static_cast<size_t>(state.range(0));
  for (auto _ : state) {
    void* p = nullptr;
    if (aclrtMalloc(&p, size, ACL_MEM_MALLOC_HUGE_FIRST) != ACL_SUCCESS) state.SkipWithError("aclrtMalloc failed");
    benchmark::DoNotOptimize(p);
    if (aclrtFree(p) != ACL_SUCCESS) state.SkipWithError("aclrtFree failed");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AclrtMallocFree)
    ->Arg(1 << 10)
    ->Arg(64 << 10)
    ->Arg(1 << 20)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true)
    ->UseRealTime();

}  // namespace
