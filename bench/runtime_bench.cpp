// Round trips through the simulated runtime, through the public API only:
//   - record an event on an idle stream and synchronize it;
//   - launch an empty callback (non-blocking and blocking) and synchronize the stream.
// Reference figure for context: a CUDA launch + synchronize round trip takes a few microseconds.
#include <atomic>
#include <thread>

#include <benchmark/benchmark.h>

#include "acl/acl.h"

namespace {

// Initialises AscendCL once per benchmark run and sets device 0.
class Runtime {
 public:
  Runtime() {
    aclInit(nullptr);
    aclrtSetDevice(0);
    aclrtCreateStream(&stream);
  }
  ~Runtime() {
    aclrtDestroyStream(stream);
    aclrtResetDevice(0);
    aclFinalize();
  }
  aclrtStream stream = nullptr;
};

void BM_RecordEventAndSynchronize(benchmark::State& state) {
  Runtime runtime;
  aclrtEvent event = nullptr;
  aclrtCreateEvent(&event);
  for (auto _ : state) {
    if (aclrtRecordEvent(event, runtime.stream) != ACL_SUCCESS) state.SkipWithError("aclrtRecordEvent failed");
    if (aclrtSynchronizeEvent(event) != ACL_SUCCESS) state.SkipWithError("aclrtSynchronizeEvent failed");
  }
  aclrtDestroyEvent(event);
}
BENCHMARK(BM_RecordEventAndSynchronize)->UseRealTime();

void EmptyCallback(void*) {}

// A report thread subscribed to the stream, processing callbacks until stopped.
class ReportThread {
 public:
  explicit ReportThread(aclrtStream stream) : stream_(stream) {
    thread_ = std::thread([this] {
      while (!stop_.load()) aclrtProcessReport(100);
    });
    aclrtSubscribeReport(static_cast<uint64_t>(thread_.native_handle()), stream_);
  }
  ~ReportThread() {
    stop_.store(true);
    aclrtUnSubscribeReport(static_cast<uint64_t>(thread_.native_handle()), stream_);
    thread_.join();
  }

 private:
  aclrtStream stream_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

void BM_LaunchCallbackAndSynchronize(benchmark::State& state) {
  Runtime runtime;
  ReportThread reporter(runtime.stream);
  const auto block = static_cast<aclrtCallbackBlockType>(state.range(0));
  for (auto _ : state) {
    if (aclrtLaunchCallback(EmptyCallback, nullptr, block, runtime.stream) != ACL_SUCCESS) {
      state.SkipWithError("aclrtLaunchCallback failed");
    }
    if (aclrtSynchronizeStream(runtime.stream) != ACL_SUCCESS) state.SkipWithError("aclrtSynchronizeStream failed");
  }
  state.SetLabel(block == ACL_CALLBACK_BLOCK ? "ACL_CALLBACK_BLOCK" : "ACL_CALLBACK_NO_BLOCK");
}
BENCHMARK(BM_LaunchCallbackAndSynchronize)->Arg(ACL_CALLBACK_NO_BLOCK)->Arg(ACL_CALLBACK_BLOCK)->UseRealTime();

}  // namespace
