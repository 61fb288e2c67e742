// Runtime calls made outside aclInit/aclFinalize, with handles left over from before the
// finalize: each returns ACL_ERROR_UNINITIALIZE or the error its arguments deserve, and none
// crashes.
#include <cstdio>
#include <cstdlib>

#include "runtime_test_util.h"

namespace aclsim_test {
namespace {

// Success, or the runtime saying it is not initialized: both are fine for calls that touch no device.
::testing::AssertionResult SucceedsOrUninitialized(aclError result) {
  if (result == ACL_SUCCESS || result == ACL_ERROR_UNINITIALIZE) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "returned " << result;
}

// Handles created between aclInit and aclFinalize, stale once the runtime is finalized.
struct StaleHandles {
  aclrtContext context = nullptr;
  aclrtStream stream = nullptr;
  aclrtEvent event = nullptr;
};

StaleHandles InitUseAndFinalize() {
  StaleHandles handles;
  EXPECT_EQ(aclInit(nullptr), ACL_SUCCESS);
  EXPECT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  EXPECT_EQ(aclrtCreateContext(&handles.context, 0), ACL_SUCCESS);
  EXPECT_EQ(aclrtCreateStream(&handles.stream), ACL_SUCCESS);
  EXPECT_EQ(aclrtCreateEvent(&handles.event), ACL_SUCCESS);
  EXPECT_EQ(aclFinalize(), ACL_SUCCESS);  // releases all of them, leaked as they are
  return handles;
}

TEST(RuntimeOutsideInit, DeviceCallsReturnUninitialize) {
  InitUseAndFinalize();
  uint32_t count = 7;
  EXPECT_EQ(aclrtGetDeviceCount(&count), ACL_ERROR_UNINITIALIZE);
  EXPECT_EQ(count, 7u);
  EXPECT_EQ(aclrtSetDevice(0), ACL_ERROR_UNINITIALIZE);
  EXPECT_EQ(aclrtResetDevice(0), ACL_ERROR_UNINITIALIZE);
  EXPECT_EQ(aclrtResetDeviceForce(0), ACL_ERROR_UNINITIALIZE);
  aclrtDeviceStatus status = ACL_RT_DEVICE_STATUS_NORMAL;
  EXPECT_EQ(aclrtQueryDeviceStatus(0, &status), ACL_ERROR_UNINITIALIZE);
  aclrtContext context = nullptr;
  EXPECT_EQ(aclrtCreateContext(&context, 0), ACL_ERROR_UNINITIALIZE);
  EXPECT_EQ(context, nullptr);
}

TEST(RuntimeOutsideInit, CallsNeedingACurrentContextReturnContextNull) {
  InitUseAndFinalize();
  int32_t device = -1;
  EXPECT_EQ(aclrtGetDevice(&device), ACL_ERROR_RT_CONTEXT_NULL);
  aclrtContext context = nullptr;
  EXPECT_EQ(aclrtGetCurrentContext(&context), ACL_ERROR_RT_CONTEXT_NULL);
  EXPECT_EQ(aclrtSynchronizeDevice(), ACL_ERROR_RT_CONTEXT_NULL);
  EXPECT_EQ(aclrtCtxSetSysParamOpt(ACL_OPT_DETERMINISTIC, 1), ACL_ERROR_RT_CONTEXT_NULL);
  int64_t value = 0;
  EXPECT_EQ(aclrtCtxGetSysParamOpt(ACL_OPT_DETERMINISTIC, &value), ACL_ERROR_RT_CONTEXT_NULL);
  aclrtStream stream = nullptr;
  EXPECT_EQ(aclrtCreateStream(&stream), ACL_ERROR_RT_CONTEXT_NULL);
  EXPECT_EQ(aclrtCreateStreamWithConfig(&stream, 0, 0), ACL_ERROR_RT_CONTEXT_NULL);
  aclrtStreamConfigHandle* config = aclrtCreateStreamConfigHandle();
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(aclrtCreateStreamV2(&stream, config), ACL_ERROR_RT_CONTEXT_NULL);
  EXPECT_EQ(aclrtDestroyStreamConfigHandle(config), ACL_SUCCESS);
  EXPECT_EQ(stream, nullptr);
  aclrtEvent event = nullptr;
  EXPECT_EQ(aclrtCreateEvent(&event), ACL_ERROR_RT_CONTEXT_NULL);
  EXPECT_EQ(aclrtCreateEventWithFlag(&event, ACL_EVENT_SYNC), ACL_ERROR_RT_CONTEXT_NULL);
  EXPECT_EQ(aclrtCreateEventExWithFlag(&event, ACL_EVENT_SYNC), ACL_ERROR_RT_CONTEXT_NULL);
  EXPECT_EQ(event, nullptr);
  // NULL names the default stream of the current context, and there is none.
  EXPECT_EQ(aclrtSynchronizeStream(nullptr), ACL_ERROR_RT_CONTEXT_NULL);
  aclrtStreamStatus stream_status = ACL_STREAM_STATUS_COMPLETE;
  EXPECT_EQ(aclrtStreamQuery(nullptr, &stream_status), ACL_ERROR_RT_CONTEXT_NULL);
}

TEST(RuntimeOutsideInit, StaleContextHandleIsRejected) {
  const StaleHandles stale = InitUseAndFinalize();
  EXPECT_EQ(aclrtSetCurrentContext(stale.context), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtDestroyContext(stale.context), ACL_ERROR_INVALID_PARAM);
}

TEST(RuntimeOutsideInit, StaleStreamHandleIsRejected) {
  const StaleHandles stale = InitUseAndFinalize();
  EXPECT_EQ(aclrtSynchronizeStream(stale.stream), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(stale.stream, 10), ACL_ERROR_INVALID_PARAM);
  aclrtStreamStatus status = ACL_STREAM_STATUS_COMPLETE;
  EXPECT_EQ(aclrtStreamQuery(stale.stream, &status), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtSetStreamFailureMode(stale.stream, ACL_STOP_ON_FAILURE), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtDestroyStream(stale.stream), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtDestroyStreamForce(stale.stream), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtSubscribeReport(ThisThreadReportId(), stale.stream), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtUnSubscribeReport(ThisThreadReportId(), stale.stream), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtLaunchCallback([](void*) {}, nullptr, ACL_CALLBACK_BLOCK, stale.stream), ACL_ERROR_INVALID_PARAM);
}

TEST(RuntimeOutsideInit, StaleEventHandleIsRejected) {
  const StaleHandles stale = InitUseAndFinalize();
  EXPECT_EQ(aclrtRecordEvent(stale.event, stale.stream), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtResetEvent(stale.event, stale.stream), ACL_ERROR_INVALID_PARAM);
  aclrtEventRecordedStatus recorded = ACL_EVENT_RECORDED_STATUS_NOT_READY;
  EXPECT_EQ(aclrtQueryEventStatus(stale.event, &recorded), ACL_ERROR_INVALID_PARAM);
  aclrtEventWaitStatus waited = ACL_EVENT_WAIT_STATUS_NOT_READY;
  EXPECT_EQ(aclrtQueryEventWaitStatus(stale.event, &waited), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtSynchronizeEvent(stale.event), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtSynchronizeEventWithTimeout(stale.event, 10), ACL_ERROR_INVALID_PARAM);
  float ms = 0.0f;
  EXPECT_EQ(aclrtEventElapsedTime(&ms, stale.event, stale.event), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtStreamWaitEvent(stale.stream, stale.event), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtDestroyEvent(stale.event), ACL_ERROR_INVALID_PARAM);
}

TEST(RuntimeOutsideInit, ProcessReportReturnsThreadNotSubscribe) {
  InitUseAndFinalize();
  EXPECT_EQ(aclrtProcessReport(10), ACL_ERROR_THREAD_NOT_SUBSCRIBE);
}

TEST(RuntimeOutsideInit, HostOnlyCallsDoNotCrash) {
  InitUseAndFinalize();
  aclrtRunMode mode = ACL_DEVICE;
  EXPECT_TRUE(SucceedsOrUninitialized(aclrtGetRunMode(&mode)));
  EXPECT_TRUE(SucceedsOrUninitialized(aclrtSetOpWaitTimeout(0)));
  EXPECT_TRUE(SucceedsOrUninitialized(aclrtSetExceptionInfoCallback(nullptr)));
  EXPECT_EQ(aclrtGetErrorCodeFromExceptionInfo(nullptr), 0u);
}

TEST(RuntimeOutsideInit, RuntimeWorksAgainAfterReinit) {
  InitUseAndFinalize();
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  aclrtStream stream = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(stream), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyStream(stream), ACL_SUCCESS);
  EXPECT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
}

// The never-initialized state can only be seen in a fresh process ("threadsafe" death tests
// re-execute this binary).
TEST(RuntimeOutsideInit, SetDeviceBeforeAnyInitReturnsUninitialize) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        const aclError set = aclrtSetDevice(0);
        uint32_t count = 0;
        const aclError counted = aclrtGetDeviceCount(&count);
        if (set != ACL_ERROR_UNINITIALIZE || counted != ACL_ERROR_UNINITIALIZE) {
          std::fprintf(stderr, "aclrtSetDevice %d, aclrtGetDeviceCount %d\n", set, counted);
          std::_Exit(1);
        }
        std::_Exit(0);
      },
      ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace aclsim_test
