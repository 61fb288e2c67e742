// Devices: count, ids, run mode, aclrtSetDevice/aclrtResetDevice reference counting, and what a
// reset releases.
#include <string>

#include "runtime_test_util.h"

namespace aclsim_test {
namespace {

using RuntimeDevice = RuntimeTest;
using RuntimeTwoDevices = TwoDeviceRuntimeTest;

TEST_F(RuntimeDevice, CountIsOneByDefault) {
  uint32_t count = 0;
  ASSERT_EQ(aclrtGetDeviceCount(&count), ACL_SUCCESS);
  EXPECT_EQ(count, 1u);
}

TEST_F(RuntimeTwoDevices, CountFollowsAclsimDeviceCount) {
  uint32_t count = 0;
  ASSERT_EQ(aclrtGetDeviceCount(&count), ACL_SUCCESS);
  EXPECT_EQ(count, 2u);
}

TEST_F(RuntimeDevice, GetDeviceCountRejectsNull) {
  EXPECT_EQ(aclrtGetDeviceCount(nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST_F(RuntimeDevice, SetDeviceOutOfRangeReturnsInvalidDeviceId) {
  EXPECT_EQ(aclrtSetDevice(1), ACL_ERROR_RT_INVALID_DEVICEID);
  EXPECT_EQ(aclrtSetDevice(-1), ACL_ERROR_RT_INVALID_DEVICEID);
  EXPECT_EQ(aclrtSetDevice(64), ACL_ERROR_RT_INVALID_DEVICEID);
}

TEST_F(RuntimeDevice, ResetDeviceOutOfRangeReturnsInvalidDeviceId) {
  EXPECT_EQ(aclrtResetDevice(1), ACL_ERROR_RT_INVALID_DEVICEID);
  EXPECT_EQ(aclrtResetDeviceForce(-1), ACL_ERROR_RT_INVALID_DEVICEID);
}

TEST_F(RuntimeDevice, InvalidDeviceIdIsNamedInRecentErrMsg) {
  ASSERT_EQ(aclrtSetDevice(7), ACL_ERROR_RT_INVALID_DEVICEID);
  const std::string message = RecentErrMsg();
  EXPECT_NE(message.find("aclrtSetDevice"), std::string::npos) << message;
  EXPECT_NE(message.find("107001"), std::string::npos) << message;
}

TEST_F(RuntimeDevice, CreateContextOnInvalidDeviceReturnsInvalidDeviceId) {
  aclrtContext context = nullptr;
  EXPECT_EQ(aclrtCreateContext(&context, 3), ACL_ERROR_RT_INVALID_DEVICEID);
  EXPECT_EQ(context, nullptr);
}

TEST_F(RuntimeDevice, QueryDeviceStatusIsNormal) {
  aclrtDeviceStatus status = ACL_RT_DEVICE_STATUS_ABNORMAL;
  ASSERT_EQ(aclrtQueryDeviceStatus(0, &status), ACL_SUCCESS);
  EXPECT_EQ(status, ACL_RT_DEVICE_STATUS_NORMAL);
}

TEST_F(RuntimeDevice, QueryDeviceStatusOfInvalidDeviceReturnsInvalidDeviceId) {
  aclrtDeviceStatus status = ACL_RT_DEVICE_STATUS_NORMAL;
  EXPECT_EQ(aclrtQueryDeviceStatus(5, &status), ACL_ERROR_RT_INVALID_DEVICEID);
  EXPECT_EQ(aclrtQueryDeviceStatus(0, nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST_F(RuntimeDevice, RunModeIsHost) {
  aclrtRunMode mode = ACL_DEVICE;
  ASSERT_EQ(aclrtGetRunMode(&mode), ACL_SUCCESS);
  EXPECT_EQ(mode, ACL_HOST);
}

TEST_F(RuntimeDevice, GetRunModeRejectsNull) { EXPECT_EQ(aclrtGetRunMode(nullptr), ACL_ERROR_INVALID_PARAM); }

TEST_F(RuntimeDevice, GetDeviceReturnsTheSetDevice) {
  int32_t device = -1;
  ASSERT_EQ(aclrtGetDevice(&device), ACL_SUCCESS);
  EXPECT_EQ(device, 0);
  EXPECT_EQ(aclrtGetDevice(nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST_F(RuntimeTwoDevices, SetDeviceSwitchesTheCurrentDevice) {
  ASSERT_EQ(aclrtSetDevice(1), ACL_SUCCESS);
  int32_t device = -1;
  ASSERT_EQ(aclrtGetDevice(&device), ACL_SUCCESS);
  EXPECT_EQ(device, 1);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  ASSERT_EQ(aclrtGetDevice(&device), ACL_SUCCESS);
  EXPECT_EQ(device, 0);
  EXPECT_EQ(aclrtResetDevice(0), ACL_SUCCESS);  // the extra reference taken above
  EXPECT_EQ(aclrtResetDevice(1), ACL_SUCCESS);
}

TEST_F(RuntimeDevice, SetDeviceTwiceNeedsTwoResets) {
  aclrtStream stream = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);  // second reference (the fixture holds the first)
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  // One reference left: the device and its streams are still there.
  EXPECT_EQ(aclrtSynchronizeStream(stream), ACL_SUCCESS);
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  // Now they are released.
  EXPECT_EQ(aclrtSynchronizeStream(stream), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);  // for the fixture's reset
}

TEST_F(RuntimeDevice, ResetOfUnsetDeviceReturnsInvalidDevice) {
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);  // drops the fixture's only reference
  EXPECT_EQ(aclrtResetDevice(0), ACL_ERROR_INVALID_DEVICE);
  EXPECT_EQ(aclrtResetDeviceForce(0), ACL_ERROR_INVALID_DEVICE);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
}

TEST_F(RuntimeTwoDevices, ResetOfNeverSetDeviceReturnsInvalidDevice) {
  EXPECT_EQ(aclrtResetDevice(1), ACL_ERROR_INVALID_DEVICE);
}

TEST_F(RuntimeDevice, ResetDeviceForceReleasesAllReferencesAtOnce) {
  aclrtStream stream = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);  // three references in all
  ASSERT_EQ(aclrtResetDeviceForce(0), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(stream), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtResetDevice(0), ACL_ERROR_INVALID_DEVICE);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
}

TEST_F(RuntimeDevice, SetDeviceAfterResetGivesAFreshDefaultContext) {
  aclrtContext before = nullptr;
  ASSERT_EQ(aclrtGetCurrentContext(&before), ACL_SUCCESS);
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  EXPECT_EQ(aclrtSetCurrentContext(before), ACL_ERROR_INVALID_PARAM);  // released with the device
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  aclrtContext after = nullptr;
  ASSERT_EQ(aclrtGetCurrentContext(&after), ACL_SUCCESS);
  aclrtStream stream = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(stream), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyStream(stream), ACL_SUCCESS);
}

TEST_F(RuntimeDevice, ResetLeavesTheThreadWithoutCurrentContext) {
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  aclrtContext context = nullptr;
  EXPECT_EQ(aclrtGetCurrentContext(&context), ACL_ERROR_RT_CONTEXT_NULL);
  int32_t device = -1;
  EXPECT_EQ(aclrtGetDevice(&device), ACL_ERROR_RT_CONTEXT_NULL);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
}

TEST_F(RuntimeDevice, StreamCreatedInDefaultContextIsStaleAfterReset) {
  aclrtStream stream = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  (void)aclGetRecentErrMsg();
  EXPECT_EQ(aclrtSynchronizeStream(stream), ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentErrMsg();
  EXPECT_NE(message.find("aclrtSynchronizeStream"), std::string::npos) << message;
  EXPECT_NE(message.find("stream"), std::string::npos) << message;
  EXPECT_EQ(aclrtDestroyStream(stream), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
}

// The default stream has no handle of its own: NULL names it through the current context, and
// after a reset the thread has none.
TEST_F(RuntimeDevice, DefaultStreamIsGoneAfterReset) {
  ASSERT_EQ(aclrtSynchronizeStream(nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  (void)aclGetRecentErrMsg();
  EXPECT_EQ(aclrtSynchronizeStream(nullptr), ACL_ERROR_RT_CONTEXT_NULL);
  const std::string message = RecentErrMsg();
  EXPECT_NE(message.find("aclrtSynchronizeStream"), std::string::npos) << message;
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
}

TEST_F(RuntimeDevice, LeakedEventIsReleasedByReset) {
  aclrtEvent event = nullptr;
  ASSERT_EQ(aclrtCreateEvent(&event), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(event, nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  aclrtEventRecordedStatus status = ACL_EVENT_RECORDED_STATUS_NOT_READY;
  EXPECT_EQ(aclrtQueryEventStatus(event, &status), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtSynchronizeEvent(event), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtDestroyEvent(event), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
}

TEST_F(RuntimeDevice, LeakedContextIsReleasedByReset) {
  aclrtContext context = nullptr;
  ASSERT_EQ(aclrtCreateContext(&context, 0), ACL_SUCCESS);
  aclrtStream stream = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);  // in the new context
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  EXPECT_EQ(aclrtSetCurrentContext(context), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtSynchronizeStream(stream), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtDestroyContext(context), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
}

TEST_F(RuntimeDevice, ResetWaitsForTasksOfTheDefaultContext) {
  ReportThread reporter;
  aclrtStream stream = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);
  ASSERT_EQ(reporter.Subscribe(stream), ACL_SUCCESS);
  static int sleep_ms = 30;
  std::atomic<bool> ran{false};
  ASSERT_EQ(aclrtLaunchCallback(SleepCallback, &sleep_ms, ACL_CALLBACK_BLOCK, stream), ACL_SUCCESS);
  ASSERT_EQ(aclrtLaunchCallback(SetFlagCallback, &ran, ACL_CALLBACK_BLOCK, stream), ACL_SUCCESS);
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  EXPECT_TRUE(ran.load());  // the reset waited for both blocking callbacks
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
}

TEST_F(RuntimeDevice, SynchronizeDeviceWaitsForEveryStream) {
  ReportThread reporter;
  aclrtStream first = nullptr;
  aclrtStream second = nullptr;
  ASSERT_EQ(aclrtCreateStream(&first), ACL_SUCCESS);
  ASSERT_EQ(aclrtCreateStream(&second), ACL_SUCCESS);
  ASSERT_EQ(reporter.Subscribe(first), ACL_SUCCESS);
  ASSERT_EQ(reporter.Subscribe(second), ACL_SUCCESS);
  static int sleep_ms = 20;
  ASSERT_EQ(aclrtLaunchCallback(SleepCallback, &sleep_ms, ACL_CALLBACK_BLOCK, first), ACL_SUCCESS);
  ASSERT_EQ(aclrtLaunchCallback(SleepCallback, &sleep_ms, ACL_CALLBACK_BLOCK, second), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeDevice(), ACL_SUCCESS);
  for (aclrtStream stream : {first, second}) {
    aclrtStreamStatus status = ACL_STREAM_STATUS_NOT_READY;
    ASSERT_EQ(aclrtStreamQuery(stream, &status), ACL_SUCCESS);
    EXPECT_EQ(status, ACL_STREAM_STATUS_COMPLETE);
  }
  EXPECT_EQ(aclrtDestroyStream(first), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyStream(second), ACL_SUCCESS);
}

TEST_F(RuntimeDevice, SynchronizeDeviceWithoutCurrentContextReturnsContextNull) {
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeDevice(), ACL_ERROR_RT_CONTEXT_NULL);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
}

}  // namespace
}  // namespace aclsim_test
