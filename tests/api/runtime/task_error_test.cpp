// Errors of tasks that fail on a stream: reported once by the next synchronize (sticky errors),
// passed to the aclrtSetExceptionInfoCallback callback, and the stream's failure mode.
#include <sys/syscall.h>
#include <unistd.h>

#include <mutex>
#include <vector>

#include "runtime_test_util.h"

namespace aclsim_test {
namespace {

class RuntimeTaskError : public RuntimeTest {
 protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    ASSERT_EQ(aclrtCreateStream(&stream_), ACL_SUCCESS);
  }
  void TearDown() override {
    EXPECT_EQ(aclrtDestroyStream(stream_), ACL_SUCCESS);
    RuntimeTest::TearDown();
  }
  aclrtStream stream_ = nullptr;
};

// What the exception callback was given, read through the public getters.
struct ExceptionRecord {
  uint32_t task_id;
  uint32_t stream_id;
  uint32_t thread_id;
  uint32_t device_id;
  uint32_t error_code;
};
std::mutex g_exceptions_mutex;
std::vector<ExceptionRecord> g_exceptions;

void RecordException(aclrtExceptionInfo* info) {
  const ExceptionRecord record{aclrtGetTaskIdFromExceptionInfo(info), aclrtGetStreamIdFromExceptionInfo(info),
                               aclrtGetThreadIdFromExceptionInfo(info), aclrtGetDeviceIdFromExceptionInfo(info),
                               aclrtGetErrorCodeFromExceptionInfo(info)};
  std::lock_guard<std::mutex> lock(g_exceptions_mutex);
  g_exceptions.push_back(record);
}

std::vector<ExceptionRecord> TakeExceptions() {
  std::lock_guard<std::mutex> lock(g_exceptions_mutex);
  std::vector<ExceptionRecord> taken;
  taken.swap(g_exceptions);
  return taken;
}

TEST_F(RuntimeTaskError, FailedTaskIsReportedBySynchronizeOnce) {
  ASSERT_EQ(LaunchFailingTask(stream_), ACL_SUCCESS);  // the launch itself succeeds
  EXPECT_EQ(aclrtSynchronizeStream(stream_), kFailedTaskCode);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
}

TEST_F(RuntimeTaskError, FailedTaskIsNamedInRecentErrMsg) {
  ASSERT_EQ(LaunchFailingTask(stream_), ACL_SUCCESS);
  (void)aclGetRecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), kFailedTaskCode);
  const std::string message = RecentErrMsg();
  EXPECT_NE(message.find("aclrtSynchronizeStream"), std::string::npos) << message;
  EXPECT_NE(message.find("100034"), std::string::npos) << message;
}

TEST_F(RuntimeTaskError, SynchronizeWithTimeoutAlsoReportsTheFailure) {
  ASSERT_EQ(LaunchFailingTask(stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(stream_, 5000), kFailedTaskCode);
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(stream_, 5000), ACL_SUCCESS);
}

TEST_F(RuntimeTaskError, SynchronizeDeviceReportsAFailureOfAnyStream) {
  ASSERT_EQ(LaunchFailingTask(stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeDevice(), kFailedTaskCode);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);  // already reported
  EXPECT_EQ(aclrtSynchronizeDevice(), ACL_SUCCESS);
}

TEST_F(RuntimeTaskError, FailureOfOneStreamDoesNotMarkAnother) {
  aclrtStream other = nullptr;
  ASSERT_EQ(aclrtCreateStream(&other), ACL_SUCCESS);
  ASSERT_EQ(LaunchFailingTask(stream_), ACL_SUCCESS);
  ASSERT_TRUE(WaitUntilIdle(stream_));
  EXPECT_EQ(aclrtSynchronizeStream(other), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), kFailedTaskCode);
  EXPECT_EQ(aclrtDestroyStream(other), ACL_SUCCESS);
}

TEST_F(RuntimeTaskError, StreamStaysUsableAfterAFailure) {
  ASSERT_EQ(LaunchFailingTask(stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), kFailedTaskCode);
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  std::atomic<bool> ran{false};
  ASSERT_EQ(aclrtLaunchCallback(SetFlagCallback, &ran, ACL_CALLBACK_BLOCK, stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  EXPECT_TRUE(ran.load());
}

TEST_F(RuntimeTaskError, ExceptionCallbackReceivesTheFailedTask) {
  (void)TakeExceptions();
  ASSERT_EQ(aclrtSetExceptionInfoCallback(RecordException), ACL_SUCCESS);
  const uint32_t launcher_tid = static_cast<uint32_t>(syscall(SYS_gettid));
  ASSERT_EQ(LaunchFailingTask(stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), kFailedTaskCode);
  const std::vector<ExceptionRecord> exceptions = TakeExceptions();
  ASSERT_EQ(exceptions.size(), 1u);
  const ExceptionRecord& got = exceptions[0];
  EXPECT_EQ(got.error_code, static_cast<uint32_t>(kFailedTaskCode));
  EXPECT_EQ(got.device_id, 0u);
  EXPECT_NE(got.thread_id, 0u);
  EXPECT_EQ(got.thread_id, launcher_tid);  // the host thread that launched the task
  EXPECT_EQ(got.task_id, 1u);              // the first task of a new stream
}

TEST_F(RuntimeTaskError, ExceptionInfoNamesTheStreamOfTheFailedTask) {
  (void)TakeExceptions();
  ASSERT_EQ(aclrtSetExceptionInfoCallback(RecordException), ACL_SUCCESS);
  aclrtStream other = nullptr;
  ASSERT_EQ(aclrtCreateStream(&other), ACL_SUCCESS);
  ASSERT_EQ(LaunchFailingTask(stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), kFailedTaskCode);
  ASSERT_EQ(LaunchFailingTask(other), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(other), kFailedTaskCode);
  ASSERT_EQ(LaunchFailingTask(stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), kFailedTaskCode);
  const std::vector<ExceptionRecord> exceptions = TakeExceptions();
  ASSERT_EQ(exceptions.size(), 3u);
  EXPECT_EQ(exceptions[0].stream_id, exceptions[2].stream_id);
  EXPECT_NE(exceptions[0].stream_id, exceptions[1].stream_id);
  EXPECT_GT(exceptions[2].task_id, exceptions[0].task_id);  // later task of the same stream
  EXPECT_EQ(aclrtDestroyStream(other), ACL_SUCCESS);
}

TEST_F(RuntimeTaskError, RemovedExceptionCallbackIsNotCalled) {
  (void)TakeExceptions();
  ASSERT_EQ(aclrtSetExceptionInfoCallback(RecordException), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetExceptionInfoCallback(nullptr), ACL_SUCCESS);
  ASSERT_EQ(LaunchFailingTask(stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), kFailedTaskCode);
  EXPECT_TRUE(TakeExceptions().empty());
}

TEST_F(RuntimeTaskError, ExceptionInfoGettersReturnZeroForNull) {
  (void)aclGetRecentErrMsg();
  EXPECT_EQ(aclrtGetTaskIdFromExceptionInfo(nullptr), 0u);
  EXPECT_EQ(aclrtGetStreamIdFromExceptionInfo(nullptr), 0u);
  EXPECT_EQ(aclrtGetThreadIdFromExceptionInfo(nullptr), 0u);
  EXPECT_EQ(aclrtGetDeviceIdFromExceptionInfo(nullptr), 0u);
  EXPECT_EQ(aclrtGetErrorCodeFromExceptionInfo(nullptr), 0u);
  const std::string message = RecentErrMsg();
  EXPECT_NE(message.find("aclrtGetTaskIdFromExceptionInfo"), std::string::npos) << message;
}

TEST_F(RuntimeTaskError, StopOnFailureSkipsLaterTasks) {
  ASSERT_EQ(aclrtSetStreamFailureMode(stream_, ACL_STOP_ON_FAILURE), ACL_SUCCESS);
  ASSERT_EQ(LaunchFailingTask(stream_), ACL_SUCCESS);
  ASSERT_TRUE(WaitUntilIdle(stream_));  // the failure has happened; nothing reported it yet
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  std::atomic<bool> ran{false};
  ASSERT_EQ(aclrtLaunchCallback(SetFlagCallback, &ran, ACL_CALLBACK_NO_BLOCK, stream_), ACL_SUCCESS);
  aclrtEvent event = nullptr;
  ASSERT_EQ(aclrtCreateEvent(&event), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(event, stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), kFailedTaskCode);
  aclrtEventRecordedStatus status = ACL_EVENT_RECORDED_STATUS_COMPLETE;
  ASSERT_EQ(aclrtQueryEventStatus(event, &status), ACL_SUCCESS);
  EXPECT_EQ(status, ACL_EVENT_RECORDED_STATUS_NOT_READY);  // the record was skipped too
  EXPECT_FALSE(WaitFor([&] { return ran.load(); }, 50ms));
  EXPECT_EQ(aclrtDestroyEvent(event), ACL_SUCCESS);
}

TEST_F(RuntimeTaskError, StopOnFailureResumesAfterTheErrorIsReported) {
  ASSERT_EQ(aclrtSetStreamFailureMode(stream_, ACL_STOP_ON_FAILURE), ACL_SUCCESS);
  ASSERT_EQ(LaunchFailingTask(stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), kFailedTaskCode);
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  std::atomic<bool> ran{false};
  ASSERT_EQ(aclrtLaunchCallback(SetFlagCallback, &ran, ACL_CALLBACK_BLOCK, stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  EXPECT_TRUE(ran.load());
}

TEST_F(RuntimeTaskError, ContinueOnFailureRunsLaterTasks) {
  ASSERT_EQ(aclrtSetStreamFailureMode(stream_, ACL_CONTINUE_ON_FAILURE), ACL_SUCCESS);
  ASSERT_EQ(LaunchFailingTask(stream_), ACL_SUCCESS);
  ASSERT_TRUE(WaitUntilIdle(stream_));
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  std::atomic<bool> ran{false};
  ASSERT_EQ(aclrtLaunchCallback(SetFlagCallback, &ran, ACL_CALLBACK_NO_BLOCK, stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), kFailedTaskCode);  // the earlier failure is still reported
  EXPECT_TRUE(WaitFor([&] { return ran.load(); }));
}

TEST_F(RuntimeTaskError, ContinueOnFailureIsTheDefault) {
  ASSERT_EQ(LaunchFailingTask(stream_), ACL_SUCCESS);
  ASSERT_TRUE(WaitUntilIdle(stream_));
  aclrtEvent event = nullptr;
  ASSERT_EQ(aclrtCreateEvent(&event), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(event, stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeEvent(event), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), kFailedTaskCode);
  EXPECT_EQ(aclrtDestroyEvent(event), ACL_SUCCESS);
}

TEST_F(RuntimeTaskError, SetStreamFailureModeRejectsUnknownMode) {
  EXPECT_EQ(aclrtSetStreamFailureMode(stream_, 2), ACL_ERROR_INVALID_PARAM);
  aclrtStream gone = nullptr;
  ASSERT_EQ(aclrtCreateStream(&gone), ACL_SUCCESS);
  ASSERT_EQ(aclrtDestroyStream(gone), ACL_SUCCESS);
  EXPECT_EQ(aclrtSetStreamFailureMode(gone, ACL_STOP_ON_FAILURE), ACL_ERROR_INVALID_PARAM);
}

TEST_F(RuntimeTaskError, EventWaitTimeoutIsPassedToTheExceptionCallback) {
  ACLSIM_SKIP_UNDER_SYNC_EXECUTOR();
  (void)TakeExceptions();
  ASSERT_EQ(aclrtSetExceptionInfoCallback(RecordException), ACL_SUCCESS);
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  aclrtStream waiter = nullptr;
  ASSERT_EQ(aclrtCreateStream(&waiter), ACL_SUCCESS);
  aclrtEvent event = nullptr;
  ASSERT_EQ(aclrtCreateEvent(&event), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetOpWaitTimeout(1), ACL_SUCCESS);
  StreamHold hold(stream_);
  ASSERT_EQ(hold.launched(), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(event, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtStreamWaitEvent(waiter, event), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(waiter), ACL_ERROR_RT_EVENT_SYNC_TIMEOUT);
  hold.Release();
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetOpWaitTimeout(0), ACL_SUCCESS);
  const std::vector<ExceptionRecord> exceptions = TakeExceptions();
  ASSERT_EQ(exceptions.size(), 1u);
  EXPECT_EQ(exceptions[0].error_code, static_cast<uint32_t>(ACL_ERROR_RT_EVENT_SYNC_TIMEOUT));
  EXPECT_EQ(aclrtDestroyEvent(event), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyStream(waiter), ACL_SUCCESS);
}

}  // namespace
}  // namespace aclsim_test
