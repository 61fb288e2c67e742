// Streams: creation and its configuration, FIFO order, the NULL (default) stream, destruction,
// queries and synchronization with and without a timeout.
#include <mutex>
#include <thread>
#include <vector>

#include "runtime_test_util.h"

namespace aclsim_test {
namespace {

class RuntimeStream : public RuntimeTest {
 protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    ASSERT_EQ(aclrtCreateStream(&stream_), ACL_SUCCESS);
  }
  void TearDown() override {
    if (stream_ != nullptr) {
      EXPECT_EQ(aclrtDestroyStream(stream_), ACL_SUCCESS);
    }
    RuntimeTest::TearDown();
  }

  aclrtStreamStatus Query(aclrtStream stream) {
    aclrtStreamStatus status = ACL_STREAM_STATUS_RESERVED;
    EXPECT_EQ(aclrtStreamQuery(stream, &status), ACL_SUCCESS);
    return status;
  }

  aclrtStream stream_ = nullptr;
};

// A log of integers appended by non-blocking callbacks.
struct Log {
  std::mutex mutex;
  std::vector<int> values;
  size_t size() {
    std::lock_guard<std::mutex> lock(mutex);
    return values.size();
  }
};
struct LogEntry {
  Log* log;
  int value;
};
void AppendToLog(void* entry) {
  auto* e = static_cast<LogEntry*>(entry);
  std::lock_guard<std::mutex> lock(e->log->mutex);
  e->log->values.push_back(e->value);
}

TEST_F(RuntimeStream, CreateStreamRejectsNull) { EXPECT_EQ(aclrtCreateStream(nullptr), ACL_ERROR_INVALID_PARAM); }

TEST_F(RuntimeStream, NewStreamIsComplete) { EXPECT_EQ(Query(stream_), ACL_STREAM_STATUS_COMPLETE); }

TEST_F(RuntimeStream, SynchronizeIdleStreamSucceeds) {
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(stream_, 10), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(stream_, -1), ACL_SUCCESS);
}

TEST_F(RuntimeStream, TasksRunInSubmissionOrder) {
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  constexpr int kTasks = 200;
  Log log;
  std::vector<LogEntry> entries(kTasks);
  for (int i = 0; i < kTasks; ++i) {
    entries[i] = {&log, i};
    ASSERT_EQ(aclrtLaunchCallback(AppendToLog, &entries[i], ACL_CALLBACK_NO_BLOCK, stream_), ACL_SUCCESS);
  }
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  ASSERT_TRUE(WaitFor([&] { return log.size() == kTasks; }));
  std::vector<int> expected(kTasks);
  for (int i = 0; i < kTasks; ++i) expected[i] = i;
  EXPECT_EQ(log.values, expected);
}

TEST_F(RuntimeStream, EventsCompleteInSubmissionOrder) {
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  aclrtEvent first = nullptr;
  aclrtEvent second = nullptr;
  ASSERT_EQ(aclrtCreateEvent(&first), ACL_SUCCESS);
  ASSERT_EQ(aclrtCreateEvent(&second), ACL_SUCCESS);
  static int sleep_ms = 20;
  ASSERT_EQ(aclrtLaunchCallback(SleepCallback, &sleep_ms, ACL_CALLBACK_BLOCK, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(first, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtLaunchCallback(SleepCallback, &sleep_ms, ACL_CALLBACK_BLOCK, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(second, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeEvent(first), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeEvent(second), ACL_SUCCESS);
  float ms = -1.0f;
  ASSERT_EQ(aclrtEventElapsedTime(&ms, first, second), ACL_SUCCESS);
  EXPECT_GE(ms, 15.0f);  // `second` completed after the second 20 ms callback, `first` before it
  EXPECT_EQ(aclrtDestroyEvent(first), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyEvent(second), ACL_SUCCESS);
}

TEST_F(RuntimeStream, NullStreamIsTheDefaultStream) {
  // Subscribing and launching through NULL reach the same stream: the callback is delivered.
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(nullptr), ACL_SUCCESS);
  std::atomic<bool> ran{false};
  ASSERT_EQ(aclrtLaunchCallback(SetFlagCallback, &ran, ACL_CALLBACK_BLOCK, nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(nullptr), ACL_SUCCESS);
  EXPECT_TRUE(ran.load());
  EXPECT_EQ(Query(nullptr), ACL_STREAM_STATUS_COMPLETE);
  // ... and not an explicitly created stream.
  EXPECT_EQ(aclrtLaunchCallback(SetFlagCallback, &ran, ACL_CALLBACK_BLOCK, stream_), ACL_ERROR_STREAM_NOT_SUBSCRIBE);
  EXPECT_EQ(reporter.Unsubscribe(nullptr), ACL_SUCCESS);
}

TEST_F(RuntimeStream, DefaultStreamCannotBeDestroyed) {
  EXPECT_EQ(aclrtDestroyStream(nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtDestroyStreamForce(nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtSynchronizeStream(nullptr), ACL_SUCCESS);
}

TEST_F(RuntimeStream, DestroyWaitsForPendingTasks) {
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  aclrtEvent event = nullptr;
  ASSERT_EQ(aclrtCreateEvent(&event), ACL_SUCCESS);
  static int sleep_ms = 30;
  ASSERT_EQ(aclrtLaunchCallback(SleepCallback, &sleep_ms, ACL_CALLBACK_BLOCK, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(event, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtDestroyStream(stream_), ACL_SUCCESS);
  stream_ = nullptr;
  aclrtEventRecordedStatus status = ACL_EVENT_RECORDED_STATUS_NOT_READY;
  ASSERT_EQ(aclrtQueryEventStatus(event, &status), ACL_SUCCESS);
  EXPECT_EQ(status, ACL_EVENT_RECORDED_STATUS_COMPLETE);  // the record ran before the destroy returned
  EXPECT_EQ(aclrtDestroyEvent(event), ACL_SUCCESS);
}

TEST_F(RuntimeStream, DestroyStreamForceDiscardsQueuedTasks) {
  ACLSIM_SKIP_UNDER_SYNC_EXECUTOR();
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  aclrtEvent event = nullptr;
  ASSERT_EQ(aclrtCreateEvent(&event), ACL_SUCCESS);
  StreamHold hold(stream_);
  ASSERT_EQ(hold.launched(), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(event, stream_), ACL_SUCCESS);  // queued behind the hold
  ASSERT_TRUE(WaitFor([&] { return hold.entered(); }));
  // The running callback is let go once the destroy has begun (the handle is stale from its
  // start); the queued record must not run.
  std::thread releaser([&] {
    WaitFor([&] {
      aclrtStreamStatus status = ACL_STREAM_STATUS_NOT_READY;
      return aclrtStreamQuery(stream_, &status) == ACL_ERROR_INVALID_PARAM;
    });
    std::this_thread::sleep_for(10ms);
    hold.Release();
  });
  EXPECT_EQ(aclrtDestroyStreamForce(stream_), ACL_SUCCESS);
  releaser.join();
  stream_ = nullptr;
  aclrtEventRecordedStatus status = ACL_EVENT_RECORDED_STATUS_COMPLETE;
  ASSERT_EQ(aclrtQueryEventStatus(event, &status), ACL_SUCCESS);
  EXPECT_EQ(status, ACL_EVENT_RECORDED_STATUS_NOT_READY);
  EXPECT_EQ(aclrtDestroyEvent(event), ACL_SUCCESS);
}

TEST_F(RuntimeStream, DestroyedStreamHandleIsStale) {
  ASSERT_EQ(aclrtDestroyStream(stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_ERROR_INVALID_PARAM);
  aclrtStreamStatus status = ACL_STREAM_STATUS_COMPLETE;
  EXPECT_EQ(aclrtStreamQuery(stream_, &status), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtDestroyStream(stream_), ACL_ERROR_INVALID_PARAM);
  stream_ = nullptr;
}

TEST_F(RuntimeStream, DestroyStreamOfAnotherContextReturnsStreamContext) {
  aclrtContext default_context = nullptr;
  ASSERT_EQ(aclrtGetCurrentContext(&default_context), ACL_SUCCESS);
  aclrtContext other = nullptr;
  ASSERT_EQ(aclrtCreateContext(&other, 0), ACL_SUCCESS);
  aclrtStream foreign = nullptr;
  ASSERT_EQ(aclrtCreateStream(&foreign), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetCurrentContext(default_context), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyStream(foreign), ACL_ERROR_RT_STREAM_CONTEXT);
  EXPECT_EQ(aclrtDestroyStreamForce(foreign), ACL_ERROR_RT_STREAM_CONTEXT);
  EXPECT_EQ(aclrtSynchronizeStream(foreign), ACL_SUCCESS);  // still alive
  ASSERT_EQ(aclrtSetCurrentContext(other), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyStream(foreign), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyContext(other), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetCurrentContext(default_context), ACL_SUCCESS);
}

TEST_F(RuntimeStream, QueryIsNotReadyWhileABlockingCallbackHoldsTheStream) {
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  StreamHold hold(stream_);
  ASSERT_EQ(hold.launched(), ACL_SUCCESS);
  EXPECT_EQ(Query(stream_), ACL_STREAM_STATUS_NOT_READY);
  ASSERT_TRUE(WaitFor([&] { return hold.entered(); }));
  EXPECT_EQ(Query(stream_), ACL_STREAM_STATUS_NOT_READY);
  hold.Release();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  EXPECT_EQ(Query(stream_), ACL_STREAM_STATUS_COMPLETE);
}

// FIFO holds across submitting threads too: a task submitted while another thread's task is
// still running completes after it (under sync, the second submitter waits for the first).
TEST_F(RuntimeStream, TaskSubmittedWhileAnotherIsRunningCompletesAfterIt) {
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  aclrtEvent event = nullptr;
  ASSERT_EQ(aclrtCreateEvent(&event), ACL_SUCCESS);
  aclrtEventRecordedStatus status = ACL_EVENT_RECORDED_STATUS_COMPLETE;
  {
    StreamHold hold(stream_);
    ASSERT_EQ(hold.launched(), ACL_SUCCESS);
    std::atomic<aclError> recorded{ACL_ERROR_INTERNAL_ERROR};
    std::thread recorder([&] { recorded = aclrtRecordEvent(event, stream_); });
    std::this_thread::sleep_for(30ms);
    ASSERT_EQ(aclrtQueryEventStatus(event, &status), ACL_SUCCESS);
    EXPECT_EQ(status, ACL_EVENT_RECORDED_STATUS_NOT_READY);  // recorded behind the held task
    hold.Release();
    recorder.join();
    EXPECT_EQ(recorded.load(), ACL_SUCCESS);
  }  // the hold's task has returned (under sync: its launching thread has been joined)
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(stream_, 5000), ACL_SUCCESS);
  EXPECT_EQ(Query(stream_), ACL_STREAM_STATUS_COMPLETE);
  ASSERT_EQ(aclrtQueryEventStatus(event, &status), ACL_SUCCESS);
  EXPECT_EQ(status, ACL_EVENT_RECORDED_STATUS_COMPLETE);
  EXPECT_EQ(aclrtDestroyEvent(event), ACL_SUCCESS);
}

TEST_F(RuntimeStream, QueryRejectsNullStatus) { EXPECT_EQ(aclrtStreamQuery(stream_, nullptr), ACL_ERROR_INVALID_PARAM); }

TEST_F(RuntimeStream, SynchronizeWithTimeoutTimesOutWhileHeldAndStreamStillWorks) {
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  StreamHold hold(stream_);
  ASSERT_EQ(hold.launched(), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(stream_, 20), ACL_ERROR_RT_STREAM_SYNC_TIMEOUT);
  hold.Release();
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(stream_, 5000), ACL_SUCCESS);
  // The timeout left no error behind: later work runs and synchronizes cleanly.
  std::atomic<bool> ran{false};
  ASSERT_EQ(aclrtLaunchCallback(SetFlagCallback, &ran, ACL_CALLBACK_BLOCK, stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  EXPECT_TRUE(ran.load());
}

TEST_F(RuntimeStream, SynchronizeWithTimeoutRejectsZeroAndNegativeTimeouts) {
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(stream_, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(stream_, -2), ACL_ERROR_INVALID_PARAM);
}

TEST_F(RuntimeStream, CreateStreamWithConfigAcceptsPrioritiesZeroToSeven) {
  for (uint32_t priority = 0; priority <= 7; ++priority) {
    aclrtStream stream = nullptr;
    ASSERT_EQ(aclrtCreateStreamWithConfig(&stream, priority, 0), ACL_SUCCESS) << priority;
    EXPECT_EQ(aclrtSynchronizeStream(stream), ACL_SUCCESS);
    EXPECT_EQ(aclrtDestroyStream(stream), ACL_SUCCESS);
  }
}

TEST_F(RuntimeStream, CreateStreamWithConfigRejectsPriorityAboveSeven) {
  aclrtStream stream = nullptr;
  EXPECT_EQ(aclrtCreateStreamWithConfig(&stream, 8, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(stream, nullptr);
}

TEST_F(RuntimeStream, CreateStreamWithConfigAcceptsFastLaunchAndFastSync) {
  for (uint32_t flag : {ACL_STREAM_FAST_LAUNCH, ACL_STREAM_FAST_SYNC, ACL_STREAM_FAST_LAUNCH | ACL_STREAM_FAST_SYNC}) {
    aclrtStream stream = nullptr;
    ASSERT_EQ(aclrtCreateStreamWithConfig(&stream, 0, flag), ACL_SUCCESS) << flag;
    EXPECT_EQ(aclrtDestroyStream(stream), ACL_SUCCESS);
  }
}

// aclsim rejects flag bits it does not know. (CANN's aclrtCreateStreamWithConfig page says other
// values give a stream like aclrtCreateStream's: a documented difference.)
TEST_F(RuntimeStream, CreateStreamWithConfigRejectsUnknownFlagBits) {
  aclrtStream stream = nullptr;
  EXPECT_EQ(aclrtCreateStreamWithConfig(&stream, 0, 0x100), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtCreateStreamWithConfig(nullptr, 0, 0), ACL_ERROR_INVALID_PARAM);
}

TEST_F(RuntimeStream, StreamConfigHandleStoresEachOption) {
  aclrtStreamConfigHandle* handle = aclrtCreateStreamConfigHandle();
  ASSERT_NE(handle, nullptr);
  const uint32_t priority = 5;
  const size_t flag = ACL_STREAM_FAST_SYNC;
  const size_t work_size = 4096;
  char work[16];
  void* work_ptr = work;
  ASSERT_EQ(aclrtSetStreamConfigOpt(handle, ACL_RT_STREAM_PRIORITY, &priority, sizeof(priority)), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetStreamConfigOpt(handle, ACL_RT_STREAM_FLAG, &flag, sizeof(flag)), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetStreamConfigOpt(handle, ACL_RT_STREAM_WORK_SIZE, &work_size, sizeof(work_size)), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetStreamConfigOpt(handle, ACL_RT_STREAM_WORK_ADDR_PTR, &work_ptr, sizeof(work_ptr)), ACL_SUCCESS);
  EXPECT_EQ(handle->priority, priority);
  EXPECT_EQ(handle->flag, flag);
  EXPECT_EQ(handle->workSize, work_size);
  EXPECT_EQ(handle->workptr, work_ptr);
  aclrtStream stream = nullptr;
  ASSERT_EQ(aclrtCreateStreamV2(&stream, handle), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(stream), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyStream(stream), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyStreamConfigHandle(handle), ACL_SUCCESS);
}

TEST_F(RuntimeStream, SetStreamConfigOptRejectsWrongSizeUnknownAttrAndNull) {
  aclrtStreamConfigHandle* handle = aclrtCreateStreamConfigHandle();
  ASSERT_NE(handle, nullptr);
  const uint64_t too_big = 1;
  EXPECT_EQ(aclrtSetStreamConfigOpt(handle, ACL_RT_STREAM_PRIORITY, &too_big, sizeof(too_big)), ACL_ERROR_INVALID_PARAM);
  const uint32_t value = 1;
  EXPECT_EQ(aclrtSetStreamConfigOpt(handle, static_cast<aclrtStreamConfigAttr>(9), &value, sizeof(value)),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtSetStreamConfigOpt(handle, ACL_RT_STREAM_PRIORITY, nullptr, sizeof(value)), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtSetStreamConfigOpt(nullptr, ACL_RT_STREAM_PRIORITY, &value, sizeof(value)), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(handle->priority, 0u);  // nothing changed
  EXPECT_EQ(aclrtDestroyStreamConfigHandle(handle), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyStreamConfigHandle(nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST_F(RuntimeStream, CreateStreamV2ValidatesPriorityAndFlag) {
  aclrtStreamConfigHandle* handle = aclrtCreateStreamConfigHandle();
  ASSERT_NE(handle, nullptr);
  aclrtStream stream = nullptr;
  const uint32_t bad_priority = 8;
  ASSERT_EQ(aclrtSetStreamConfigOpt(handle, ACL_RT_STREAM_PRIORITY, &bad_priority, sizeof(bad_priority)), ACL_SUCCESS);
  EXPECT_EQ(aclrtCreateStreamV2(&stream, handle), ACL_ERROR_INVALID_PARAM);
  const uint32_t good_priority = 7;
  const size_t bad_flag = 0x40;
  ASSERT_EQ(aclrtSetStreamConfigOpt(handle, ACL_RT_STREAM_PRIORITY, &good_priority, sizeof(good_priority)), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetStreamConfigOpt(handle, ACL_RT_STREAM_FLAG, &bad_flag, sizeof(bad_flag)), ACL_SUCCESS);
  EXPECT_EQ(aclrtCreateStreamV2(&stream, handle), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(stream, nullptr);
  EXPECT_EQ(aclrtCreateStreamV2(&stream, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtCreateStreamV2(nullptr, handle), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtDestroyStreamConfigHandle(handle), ACL_SUCCESS);
}

TEST_F(RuntimeStream, HeldStreamDoesNotHoldAnotherStream) {
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  aclrtStream other = nullptr;
  ASSERT_EQ(aclrtCreateStream(&other), ACL_SUCCESS);
  StreamHold hold(stream_);
  ASSERT_EQ(hold.launched(), ACL_SUCCESS);
  aclrtEvent event = nullptr;
  ASSERT_EQ(aclrtCreateEvent(&event), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(event, other), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(other, 5000), ACL_SUCCESS);
  EXPECT_EQ(Query(stream_), ACL_STREAM_STATUS_NOT_READY);
  hold.Release();
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyEvent(event), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyStream(other), ACL_SUCCESS);
}

}  // namespace
}  // namespace aclsim_test
