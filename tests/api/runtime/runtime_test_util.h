// Shared pieces of the runtime API tests: the fixture that brings the runtime up and down around
// each test, a report thread that runs stream callbacks, a "hold" that keeps a stream busy until
// released, and a way to make exactly one task of a stream fail. Public API only.
#pragma once

#include <gtest/gtest.h>
#include <pthread.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include "acl/acl.h"

namespace aclsim_test {

using namespace std::chrono_literals;

// True when the whole binary runs under the synchronous executor (the second ctest run).
inline bool SyncExecutor() {
  const char* executor = std::getenv("ACLSIM_EXECUTOR");
  return executor != nullptr && std::strcmp(executor, "sync") == 0;
}

// For tests that need work queued behind a task that is still running: under the sync executor
// every task runs inline on the thread that submits it, so nothing is ever queued.
#define ACLSIM_SKIP_UNDER_SYNC_EXECUTOR()                                                              \
  do {                                                                                                 \
    if (::aclsim_test::SyncExecutor()) {                                                               \
      GTEST_SKIP() << "needs tasks queued behind a running one; under ACLSIM_EXECUTOR=sync every "    \
                      "task runs inline on the submitting thread, so nothing queues";                  \
    }                                                                                                  \
  } while (0)

// The text aclGetRecentErrMsg() returns now ("" for none); reading it clears it.
inline std::string RecentErrMsg() {
  const char* message = aclGetRecentErrMsg();
  return message == nullptr ? std::string() : std::string(message);
}

// Polls `condition` every millisecond until it holds or `timeout` passes; returns its last value.
inline bool WaitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout = 5000ms) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return condition();
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

// The id aclrtSubscribeReport expects for the calling thread (its pthread_t).
inline uint64_t ThisThreadReportId() { return static_cast<uint64_t>(pthread_self()); }

// Brings up device 0 for every test and releases everything afterwards.
class RuntimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
    ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
    (void)aclGetRecentErrMsg();  // start each test with no unread message
  }
  void TearDown() override {
    // Process-wide settings go back to their defaults for the next test.
    EXPECT_EQ(aclrtSetOpWaitTimeout(0), ACL_SUCCESS);
    EXPECT_EQ(aclrtSetExceptionInfoCallback(nullptr), ACL_SUCCESS);
    EXPECT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
    EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
  }
};

// The same with ACLSIM_DEVICE_COUNT=2, for tests that need a second device.
class TwoDeviceRuntimeTest : public RuntimeTest {
 protected:
  void SetUp() override {
    ASSERT_EQ(setenv("ACLSIM_DEVICE_COUNT", "2", 1), 0);
    RuntimeTest::SetUp();
    unsetenv("ACLSIM_DEVICE_COUNT");
  }
};

// A host thread that loops on aclrtProcessReport, as AscendCL programs run their callbacks.
// Subscribe streams to it with id(); Stop() (or the destructor) ends the loop and joins.
class ReportThread {
 public:
  ReportThread() : thread_([this] { Loop(); }) {
    id_ = static_cast<uint64_t>(thread_.native_handle());
    std_id_ = thread_.get_id();
  }
  ~ReportThread() { Stop(); }
  ReportThread(const ReportThread&) = delete;
  ReportThread& operator=(const ReportThread&) = delete;

  uint64_t id() const { return id_; }
  std::thread::id std_id() const { return std_id_; }
  aclError Subscribe(aclrtStream stream) const { return aclrtSubscribeReport(id_, stream); }
  aclError Unsubscribe(aclrtStream stream) const { return aclrtUnSubscribeReport(id_, stream); }

  void Stop() {
    stop_.store(true);
    if (thread_.joinable()) thread_.join();
  }

 private:
  void Loop() {
    while (!stop_.load()) {
      // Not subscribed (yet, or any more) returns at once: do not spin on it.
      if (aclrtProcessReport(5) == ACL_ERROR_THREAD_NOT_SUBSCRIBE) std::this_thread::sleep_for(1ms);
    }
  }

  std::atomic<bool> stop_{false};  // declared before thread_: the loop reads it at once
  std::thread thread_;
  uint64_t id_ = 0;
  std::thread::id std_id_;
};

// Keeps `stream` busy with a blocking callback that the report thread runs and that returns
// only when Release() is called (or the hold is destroyed). The report thread must already be
// subscribed to the stream. Under the sync executor the callback task runs inline on whoever
// launches it, so a helper thread launches it (and stays blocked until the release); the
// constructor returns once the stream reports the task. Submitting more work to the held
// stream from another thread is then not possible under sync: it would wait for the release.
class StreamHold {
 public:
  explicit StreamHold(aclrtStream stream) : state_(std::make_shared<State>()) {
    state_->released = state_->promise.get_future().share();
    if (!SyncExecutor()) {
      launched_ = Launch(stream);
      return;
    }
    launcher_ = std::thread([this, stream] {
      launcher_result_ = Launch(stream);
      launcher_returned_.store(true);
    });
    const bool busy = WaitFor([&] {
      aclrtStreamStatus status = ACL_STREAM_STATUS_COMPLETE;
      return launcher_returned_.load() ||
             (aclrtStreamQuery(stream, &status) == ACL_SUCCESS && status == ACL_STREAM_STATUS_NOT_READY);
    });
    if (launcher_returned_.load()) {
      launched_ = launcher_result_.load();  // failed at once
    } else {
      launched_ = busy ? ACL_SUCCESS : ACL_ERROR_INTERNAL_ERROR;
    }
  }
  ~StreamHold() {
    Release();
    if (launcher_.joinable()) launcher_.join();
  }
  StreamHold(const StreamHold&) = delete;
  StreamHold& operator=(const StreamHold&) = delete;

  aclError launched() const { return launched_; }
  bool entered() const { return state_->entered.load(); }  // the callback has started running
  void Release() {
    if (!state_->released_flag.exchange(true)) state_->promise.set_value();
  }

 private:
  // Shared with the callback, which may still be returning when the hold is gone.
  struct State {
    std::promise<void> promise;
    std::shared_future<void> released;
    std::atomic<bool> released_flag{false};
    std::atomic<bool> entered{false};
  };

  aclError Launch(aclrtStream stream) {
    auto* data = new std::shared_ptr<State>(state_);
    const aclError result = aclrtLaunchCallback(&StreamHold::Wait, data, ACL_CALLBACK_BLOCK, stream);
    if (result != ACL_SUCCESS) delete data;
    return result;
  }
  static void Wait(void* data) {
    std::unique_ptr<std::shared_ptr<State>> state(static_cast<std::shared_ptr<State>*>(data));
    (*state)->entered.store(true);
    (*state)->released.wait();
  }

  std::shared_ptr<State> state_;
  aclError launched_ = ACL_SUCCESS;
  std::thread launcher_;  // sync executor only
  std::atomic<aclError> launcher_result_{ACL_SUCCESS};
  std::atomic<bool> launcher_returned_{false};
};

// A callback that sleeps for the number of milliseconds userData points to.
inline void SleepCallback(void* milliseconds) {
  std::this_thread::sleep_for(std::chrono::milliseconds(*static_cast<const int*>(milliseconds)));
}

// A callback that sets the std::atomic<bool> userData points to.
inline void SetFlagCallback(void* flag) { static_cast<std::atomic<bool>*>(flag)->store(true); }

// The code a task fails with in LaunchFailingTask.
constexpr aclError kFailedTaskCode = ACL_ERROR_STREAM_NOT_SUBSCRIBE;

// Makes exactly one task of `stream` fail, with kFailedTaskCode: a blocking callback whose
// subscriber unsubscribes before it processes it. `stream` must have no subscriber. Works under
// both executors (under sync the launch blocks until the helper thread unsubscribes). Returns
// the result of aclrtLaunchCallback (ACL_SUCCESS: the failure is reported later, asynchronously).
inline aclError LaunchFailingTask(aclrtStream stream) {
  std::promise<uint64_t> subscriber_id;
  std::atomic<bool> subscribed{false};
  std::thread subscriber([&] {
    const uint64_t self = ThisThreadReportId();
    subscriber_id.set_value(self);
    WaitFor([&] { return subscribed.load(); });
    // The callback task is submitted: unsubscribe without ever processing it.
    WaitFor([&] {
      aclrtStreamStatus status = ACL_STREAM_STATUS_COMPLETE;
      return aclrtStreamQuery(stream, &status) == ACL_SUCCESS && status == ACL_STREAM_STATUS_NOT_READY;
    });
    (void)aclrtUnSubscribeReport(self, stream);
  });
  const uint64_t id = subscriber_id.get_future().get();
  aclError launched = aclrtSubscribeReport(id, stream);
  if (launched == ACL_SUCCESS) {
    subscribed.store(true);
    launched = aclrtLaunchCallback([](void*) {}, nullptr, ACL_CALLBACK_BLOCK, stream);
  }
  subscribed.store(true);
  subscriber.join();
  return launched;
}

// Waits (without synchronizing, which would report and clear a sticky error) until every task
// submitted to `stream` has finished.
inline bool WaitUntilIdle(aclrtStream stream) {
  return WaitFor([&] {
    aclrtStreamStatus status = ACL_STREAM_STATUS_NOT_READY;
    return aclrtStreamQuery(stream, &status) == ACL_SUCCESS && status == ACL_STREAM_STATUS_COMPLETE;
  });
}

}  // namespace aclsim_test
