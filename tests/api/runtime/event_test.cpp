// Events: creation flags, recording and its completion, queries, synchronization with and
// without a timeout, elapsed time, reset, and streams waiting for events.
#include <chrono>

#include "runtime_test_util.h"

namespace aclsim_test {
namespace {

class RuntimeEvent : public RuntimeTest {
 protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    ASSERT_EQ(aclrtCreateStream(&stream_), ACL_SUCCESS);
    ASSERT_EQ(aclrtCreateEvent(&event_), ACL_SUCCESS);
  }
  void TearDown() override {
    EXPECT_EQ(aclrtDestroyEvent(event_), ACL_SUCCESS);
    EXPECT_EQ(aclrtDestroyStream(stream_), ACL_SUCCESS);
    RuntimeTest::TearDown();
  }

  static aclrtEventRecordedStatus Status(aclrtEvent event) {
    aclrtEventRecordedStatus status = static_cast<aclrtEventRecordedStatus>(-1);
    EXPECT_EQ(aclrtQueryEventStatus(event, &status), ACL_SUCCESS);
    return status;
  }

  aclrtStream stream_ = nullptr;
  aclrtEvent event_ = nullptr;
};

TEST_F(RuntimeEvent, CreateEventRejectsNull) { EXPECT_EQ(aclrtCreateEvent(nullptr), ACL_ERROR_INVALID_PARAM); }

TEST_F(RuntimeEvent, CreateEventWithFlagAcceptsEachDocumentedFlagAndTheirUnion) {
  for (uint32_t flag : {ACL_EVENT_SYNC, ACL_EVENT_CAPTURE_STREAM_PROGRESS, ACL_EVENT_TIME_LINE,
                        ACL_EVENT_SYNC | ACL_EVENT_CAPTURE_STREAM_PROGRESS | ACL_EVENT_TIME_LINE}) {
    aclrtEvent event = nullptr;
    ASSERT_EQ(aclrtCreateEventWithFlag(&event, flag), ACL_SUCCESS) << flag;
    EXPECT_EQ(aclrtDestroyEvent(event), ACL_SUCCESS);
    ASSERT_EQ(aclrtCreateEventExWithFlag(&event, flag), ACL_SUCCESS) << flag;
    EXPECT_EQ(aclrtDestroyEvent(event), ACL_SUCCESS);
  }
}

TEST_F(RuntimeEvent, CreateEventWithFlagRejectsZero) {
  aclrtEvent event = nullptr;
  EXPECT_EQ(aclrtCreateEventWithFlag(&event, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtCreateEventExWithFlag(&event, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(event, nullptr);
}

TEST_F(RuntimeEvent, CreateEventWithFlagRejectsUnknownBits) {
  aclrtEvent event = nullptr;
  EXPECT_EQ(aclrtCreateEventWithFlag(&event, 0x4), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtCreateEventWithFlag(&event, ACL_EVENT_SYNC | 0x100), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtCreateEventExWithFlag(&event, 0x80000000u), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtCreateEventWithFlag(nullptr, ACL_EVENT_SYNC), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(event, nullptr);
}

TEST_F(RuntimeEvent, NeverRecordedEventIsNotReady) { EXPECT_EQ(Status(event_), ACL_EVENT_RECORDED_STATUS_NOT_READY); }

TEST_F(RuntimeEvent, RecordOnIdleStreamCompletesAtOnce) {
  ASSERT_EQ(aclrtRecordEvent(event_, stream_), ACL_SUCCESS);
  EXPECT_EQ(Status(event_), ACL_EVENT_RECORDED_STATUS_COMPLETE);  // no synchronize needed
}

TEST_F(RuntimeEvent, RecordOnDefaultStreamThroughNull) {
  ASSERT_EQ(aclrtRecordEvent(event_, nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(nullptr), ACL_SUCCESS);
  EXPECT_EQ(Status(event_), ACL_EVENT_RECORDED_STATUS_COMPLETE);
}

TEST_F(RuntimeEvent, RecordThenSynchronizeStreamIsComplete) {
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  static int sleep_ms = 10;
  ASSERT_EQ(aclrtLaunchCallback(SleepCallback, &sleep_ms, ACL_CALLBACK_BLOCK, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(event_, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  EXPECT_EQ(Status(event_), ACL_EVENT_RECORDED_STATUS_COMPLETE);
}

TEST_F(RuntimeEvent, RecordOnHeldStreamIsNotReadyUntilReleased) {
  ACLSIM_SKIP_UNDER_SYNC_EXECUTOR();
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  StreamHold hold(stream_);
  ASSERT_EQ(hold.launched(), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(event_, stream_), ACL_SUCCESS);
  ASSERT_TRUE(WaitFor([&] { return hold.entered(); }));
  EXPECT_EQ(Status(event_), ACL_EVENT_RECORDED_STATUS_NOT_READY);
  aclrtEventWaitStatus wait_status = ACL_EVENT_WAIT_STATUS_COMPLETE;
  ASSERT_EQ(aclrtQueryEventWaitStatus(event_, &wait_status), ACL_SUCCESS);
  EXPECT_EQ(wait_status, ACL_EVENT_WAIT_STATUS_NOT_READY);
  hold.Release();
  ASSERT_EQ(aclrtSynchronizeEvent(event_), ACL_SUCCESS);
  EXPECT_EQ(Status(event_), ACL_EVENT_RECORDED_STATUS_COMPLETE);
  ASSERT_EQ(aclrtQueryEventWaitStatus(event_, &wait_status), ACL_SUCCESS);
  EXPECT_EQ(wait_status, ACL_EVENT_WAIT_STATUS_COMPLETE);
}

TEST_F(RuntimeEvent, QueryRejectsNullStatusAndStaleEvent) {
  EXPECT_EQ(aclrtQueryEventStatus(event_, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtQueryEventWaitStatus(event_, nullptr), ACL_ERROR_INVALID_PARAM);
  aclrtEvent gone = nullptr;
  ASSERT_EQ(aclrtCreateEvent(&gone), ACL_SUCCESS);
  ASSERT_EQ(aclrtDestroyEvent(gone), ACL_SUCCESS);
  aclrtEventRecordedStatus status = ACL_EVENT_RECORDED_STATUS_NOT_READY;
  EXPECT_EQ(aclrtQueryEventStatus(gone, &status), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtQueryEventStatus(nullptr, &status), ACL_ERROR_INVALID_PARAM);
}

TEST_F(RuntimeEvent, DestroyEventTwiceFails) {
  aclrtEvent event = nullptr;
  ASSERT_EQ(aclrtCreateEvent(&event), ACL_SUCCESS);
  ASSERT_EQ(aclrtDestroyEvent(event), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyEvent(event), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtDestroyEvent(nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST_F(RuntimeEvent, RecordRejectsNullEventAndStaleStream) {
  EXPECT_EQ(aclrtRecordEvent(nullptr, stream_), ACL_ERROR_INVALID_PARAM);
  aclrtStream gone = nullptr;
  ASSERT_EQ(aclrtCreateStream(&gone), ACL_SUCCESS);
  ASSERT_EQ(aclrtDestroyStream(gone), ACL_SUCCESS);
  EXPECT_EQ(aclrtRecordEvent(event_, gone), ACL_ERROR_INVALID_PARAM);
}

TEST_F(RuntimeEvent, SynchronizeNeverRecordedEventReturnsAtOnce) {
  EXPECT_EQ(aclrtSynchronizeEvent(event_), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeEventWithTimeout(event_, 10), ACL_SUCCESS);
}

TEST_F(RuntimeEvent, SynchronizeEventWithTimeoutTimesOutWhileHeld) {
  ACLSIM_SKIP_UNDER_SYNC_EXECUTOR();
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  StreamHold hold(stream_);
  ASSERT_EQ(hold.launched(), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(event_, stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeEventWithTimeout(event_, 20), ACL_ERROR_RT_EVENT_SYNC_TIMEOUT);
  hold.Release();
  EXPECT_EQ(aclrtSynchronizeEventWithTimeout(event_, 5000), ACL_SUCCESS);
  EXPECT_EQ(Status(event_), ACL_EVENT_RECORDED_STATUS_COMPLETE);
}

TEST_F(RuntimeEvent, SynchronizeEventWithTimeoutRejectsZeroAndNegativeTimeouts) {
  EXPECT_EQ(aclrtSynchronizeEventWithTimeout(event_, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtSynchronizeEventWithTimeout(event_, -2), ACL_ERROR_INVALID_PARAM);
}

TEST_F(RuntimeEvent, ElapsedTimeCoversTheWorkBetweenTheEvents) {
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  aclrtEvent end = nullptr;
  ASSERT_EQ(aclrtCreateEvent(&end), ACL_SUCCESS);
  static int hold_ms = 30;
  ASSERT_EQ(aclrtRecordEvent(event_, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtLaunchCallback(SleepCallback, &hold_ms, ACL_CALLBACK_BLOCK, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(end, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  float ms = -1.0f;
  ASSERT_EQ(aclrtEventElapsedTime(&ms, event_, end), ACL_SUCCESS);
  EXPECT_GE(ms, 25.0f);
  EXPECT_EQ(aclrtDestroyEvent(end), ACL_SUCCESS);
}

TEST_F(RuntimeEvent, ElapsedTimeWithTimeLineFlagEvents) {
  aclrtEvent start = nullptr;
  aclrtEvent end = nullptr;
  ASSERT_EQ(aclrtCreateEventWithFlag(&start, ACL_EVENT_TIME_LINE), ACL_SUCCESS);
  ASSERT_EQ(aclrtCreateEventWithFlag(&end, ACL_EVENT_TIME_LINE), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(start, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(end, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  float ms = -1.0f;
  ASSERT_EQ(aclrtEventElapsedTime(&ms, start, end), ACL_SUCCESS);
  EXPECT_GE(ms, 0.0f);
  EXPECT_EQ(aclrtDestroyEvent(start), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyEvent(end), ACL_SUCCESS);
}

TEST_F(RuntimeEvent, ElapsedTimeFailsForEventWithoutTimeLineFlag) {
  aclrtEvent untimed = nullptr;
  ASSERT_EQ(aclrtCreateEventWithFlag(&untimed, ACL_EVENT_SYNC), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(event_, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(untimed, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  float ms = -1.0f;
  EXPECT_EQ(aclrtEventElapsedTime(&ms, event_, untimed), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtEventElapsedTime(&ms, untimed, event_), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(ms, -1.0f);
  EXPECT_EQ(aclrtDestroyEvent(untimed), ACL_SUCCESS);
}

TEST_F(RuntimeEvent, ElapsedTimeOfNeverRecordedEventReturnsEventNotComplete) {
  aclrtEvent end = nullptr;
  ASSERT_EQ(aclrtCreateEvent(&end), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(end, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  float ms = -1.0f;
  EXPECT_EQ(aclrtEventElapsedTime(&ms, event_, end), ACL_ERROR_RT_EVENT_NOT_COMPLETE);
  EXPECT_EQ(aclrtEventElapsedTime(nullptr, end, end), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtDestroyEvent(end), ACL_SUCCESS);
}

TEST_F(RuntimeEvent, ResetEventMakesItNotRecordedAgain) {
  ASSERT_EQ(aclrtRecordEvent(event_, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  ASSERT_EQ(Status(event_), ACL_EVENT_RECORDED_STATUS_COMPLETE);
  ASSERT_EQ(aclrtResetEvent(event_, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  EXPECT_EQ(Status(event_), ACL_EVENT_RECORDED_STATUS_NOT_READY);
  // ... and it can be recorded again.
  ASSERT_EQ(aclrtRecordEvent(event_, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  EXPECT_EQ(Status(event_), ACL_EVENT_RECORDED_STATUS_COMPLETE);
}

TEST_F(RuntimeEvent, ResetEventTakesEffectInStreamOrder) {
  ACLSIM_SKIP_UNDER_SYNC_EXECUTOR();
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(event_, stream_), ACL_SUCCESS);
  StreamHold hold(stream_);
  ASSERT_EQ(hold.launched(), ACL_SUCCESS);
  ASSERT_EQ(aclrtResetEvent(event_, stream_), ACL_SUCCESS);
  EXPECT_EQ(Status(event_), ACL_EVENT_RECORDED_STATUS_COMPLETE);  // the reset is queued behind the hold
  hold.Release();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  EXPECT_EQ(Status(event_), ACL_EVENT_RECORDED_STATUS_NOT_READY);
}

TEST_F(RuntimeEvent, ResetEventRejectsNullEvent) {
  EXPECT_EQ(aclrtResetEvent(nullptr, stream_), ACL_ERROR_INVALID_PARAM);
}

// Stream B waits for work recorded on stream A: a callback queued on B after the wait sees that
// A's (slow) callback has finished. Holds under both executors.
TEST_F(RuntimeEvent, StreamWaitEventOrdersWorkAcrossStreams) {
  ReportThread reporter_a;
  ReportThread reporter_b;
  aclrtStream stream_b = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream_b), ACL_SUCCESS);
  ASSERT_EQ(reporter_a.Subscribe(stream_), ACL_SUCCESS);
  ASSERT_EQ(reporter_b.Subscribe(stream_b), ACL_SUCCESS);
  static std::atomic<bool> a_done{false};
  static std::atomic<bool> b_saw_a_done{false};
  a_done = false;
  b_saw_a_done = false;
  ASSERT_EQ(aclrtLaunchCallback(
                [](void*) {
                  std::this_thread::sleep_for(30ms);
                  a_done = true;
                },
                nullptr, ACL_CALLBACK_BLOCK, stream_),
            ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(event_, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtStreamWaitEvent(stream_b, event_), ACL_SUCCESS);
  ASSERT_EQ(aclrtLaunchCallback([](void*) { b_saw_a_done = a_done.load(); }, nullptr, ACL_CALLBACK_BLOCK, stream_b),
            ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_b), ACL_SUCCESS);
  EXPECT_TRUE(b_saw_a_done.load());
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyStream(stream_b), ACL_SUCCESS);
}

TEST_F(RuntimeEvent, StreamWaitingForEventOfHeldStreamRunsOnlyAfterRelease) {
  ACLSIM_SKIP_UNDER_SYNC_EXECUTOR();
  ReportThread reporter_a;
  ReportThread reporter_b;
  aclrtStream stream_b = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream_b), ACL_SUCCESS);
  ASSERT_EQ(reporter_a.Subscribe(stream_), ACL_SUCCESS);
  ASSERT_EQ(reporter_b.Subscribe(stream_b), ACL_SUCCESS);
  StreamHold hold(stream_);
  ASSERT_EQ(hold.launched(), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(event_, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtStreamWaitEvent(stream_b, event_), ACL_SUCCESS);
  std::atomic<bool> b_ran{false};
  ASSERT_EQ(aclrtLaunchCallback(SetFlagCallback, &b_ran, ACL_CALLBACK_BLOCK, stream_b), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(stream_b, 50), ACL_ERROR_RT_STREAM_SYNC_TIMEOUT);
  EXPECT_FALSE(b_ran.load());
  hold.Release();
  ASSERT_EQ(aclrtSynchronizeStream(stream_b), ACL_SUCCESS);
  EXPECT_TRUE(b_ran.load());
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyStream(stream_b), ACL_SUCCESS);
}

TEST_F(RuntimeEvent, StreamWaitEventOnNeverRecordedEventIsANoOp) {
  ASSERT_EQ(aclrtStreamWaitEvent(stream_, event_), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(stream_, 5000), ACL_SUCCESS);
  aclrtStreamStatus status = ACL_STREAM_STATUS_NOT_READY;
  ASSERT_EQ(aclrtStreamQuery(stream_, &status), ACL_SUCCESS);
  EXPECT_EQ(status, ACL_STREAM_STATUS_COMPLETE);
}

TEST_F(RuntimeEvent, StreamWaitEventOnCompletedEventDoesNotBlock) {
  ASSERT_EQ(aclrtRecordEvent(event_, nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeEvent(event_), ACL_SUCCESS);
  ASSERT_EQ(aclrtStreamWaitEvent(stream_, event_), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(stream_, 5000), ACL_SUCCESS);
}

TEST_F(RuntimeEvent, StreamWaitEventRejectsNullEventAndStaleStream) {
  EXPECT_EQ(aclrtStreamWaitEvent(stream_, nullptr), ACL_ERROR_INVALID_PARAM);
  aclrtStream gone = nullptr;
  ASSERT_EQ(aclrtCreateStream(&gone), ACL_SUCCESS);
  ASSERT_EQ(aclrtDestroyStream(gone), ACL_SUCCESS);
  EXPECT_EQ(aclrtStreamWaitEvent(gone, event_), ACL_ERROR_INVALID_PARAM);
}

TEST_F(RuntimeEvent, OpWaitTimeoutFailsAWaitThatTakesTooLong) {
  ACLSIM_SKIP_UNDER_SYNC_EXECUTOR();
  ReportThread reporter;
  aclrtStream stream_b = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream_b), ACL_SUCCESS);
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetOpWaitTimeout(1), ACL_SUCCESS);  // seconds
  StreamHold hold(stream_);
  ASSERT_EQ(hold.launched(), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(event_, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtStreamWaitEvent(stream_b, event_), ACL_SUCCESS);  // the wait fails, not the call
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(aclrtSynchronizeStream(stream_b), ACL_ERROR_RT_EVENT_SYNC_TIMEOUT);
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, 900ms);
  EXPECT_EQ(aclrtSynchronizeStream(stream_b), ACL_SUCCESS);  // reported once
  hold.Release();
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetOpWaitTimeout(0), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyStream(stream_b), ACL_SUCCESS);
}

}  // namespace
}  // namespace aclsim_test
