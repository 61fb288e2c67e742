// Contexts: creation makes current, the current context is per thread, destruction, the device a
// context belongs to, and per-context system parameters.
#include <thread>

#include "runtime_test_util.h"

namespace aclsim_test {
namespace {

using RuntimeContext = RuntimeTest;
using RuntimeContextTwoDevices = TwoDeviceRuntimeTest;

aclrtContext Current() {
  aclrtContext context = nullptr;
  EXPECT_EQ(aclrtGetCurrentContext(&context), ACL_SUCCESS);
  return context;
}

TEST_F(RuntimeContext, SetDeviceMakesTheDefaultContextCurrent) {
  aclrtContext context = nullptr;
  ASSERT_EQ(aclrtGetCurrentContext(&context), ACL_SUCCESS);
  EXPECT_NE(context, nullptr);
}

TEST_F(RuntimeContext, CreateContextMakesItCurrent) {
  const aclrtContext before = Current();
  aclrtContext created = nullptr;
  ASSERT_EQ(aclrtCreateContext(&created, 0), ACL_SUCCESS);
  ASSERT_NE(created, nullptr);
  EXPECT_NE(created, before);
  EXPECT_EQ(Current(), created);
  EXPECT_EQ(aclrtDestroyContext(created), ACL_SUCCESS);
}

TEST_F(RuntimeContext, CreateContextRejectsNull) { EXPECT_EQ(aclrtCreateContext(nullptr, 0), ACL_ERROR_INVALID_PARAM); }

TEST_F(RuntimeContext, NewThreadHasNoCurrentContext) {
  aclError result = ACL_SUCCESS;
  std::thread([&] {
    aclrtContext context = nullptr;
    result = aclrtGetCurrentContext(&context);
  }).join();
  EXPECT_EQ(result, ACL_ERROR_RT_CONTEXT_NULL);
}

TEST_F(RuntimeContext, NewThreadCannotCreateStreamWithoutContext) {
  aclError result = ACL_SUCCESS;
  std::thread([&] {
    aclrtStream stream = nullptr;
    result = aclrtCreateStream(&stream);
  }).join();
  EXPECT_EQ(result, ACL_ERROR_RT_CONTEXT_NULL);
}

TEST_F(RuntimeContext, SetCurrentContextGivesAThreadItsContext) {
  const aclrtContext main_context = Current();
  aclError set = ACL_ERROR_INTERNAL_ERROR;
  aclError got = ACL_ERROR_INTERNAL_ERROR;
  aclrtContext seen = nullptr;
  std::thread([&] {
    set = aclrtSetCurrentContext(main_context);
    got = aclrtGetCurrentContext(&seen);
  }).join();
  EXPECT_EQ(set, ACL_SUCCESS);
  EXPECT_EQ(got, ACL_SUCCESS);
  EXPECT_EQ(seen, main_context);
}

TEST_F(RuntimeContext, CurrentContextOfOneThreadDoesNotChangeAnother) {
  const aclrtContext main_context = Current();
  aclrtContext created = nullptr;
  std::thread([&] { EXPECT_EQ(aclrtCreateContext(&created, 0), ACL_SUCCESS); }).join();
  ASSERT_NE(created, nullptr);
  EXPECT_EQ(Current(), main_context);
  EXPECT_EQ(aclrtDestroyContext(created), ACL_SUCCESS);
}

TEST_F(RuntimeContext, LastSetCurrentContextWins) {
  const aclrtContext default_context = Current();
  aclrtContext first = nullptr;
  aclrtContext second = nullptr;
  ASSERT_EQ(aclrtCreateContext(&first, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtCreateContext(&second, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetCurrentContext(first), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetCurrentContext(default_context), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetCurrentContext(second), ACL_SUCCESS);
  EXPECT_EQ(Current(), second);
  EXPECT_EQ(aclrtDestroyContext(first), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyContext(second), ACL_SUCCESS);
}

TEST_F(RuntimeContext, SetCurrentContextRejectsNullAndStaleHandles) {
  EXPECT_EQ(aclrtSetCurrentContext(nullptr), ACL_ERROR_INVALID_PARAM);
  aclrtContext created = nullptr;
  ASSERT_EQ(aclrtCreateContext(&created, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtDestroyContext(created), ACL_SUCCESS);
  EXPECT_EQ(aclrtSetCurrentContext(created), ACL_ERROR_INVALID_PARAM);
  int not_a_context = 0;
  EXPECT_EQ(aclrtSetCurrentContext(&not_a_context), ACL_ERROR_INVALID_PARAM);
}

TEST_F(RuntimeContext, DestroyingTheCurrentContextLeavesTheThreadWithoutOne) {
  aclrtContext created = nullptr;
  ASSERT_EQ(aclrtCreateContext(&created, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtDestroyContext(created), ACL_SUCCESS);
  aclrtContext context = nullptr;
  EXPECT_EQ(aclrtGetCurrentContext(&context), ACL_ERROR_RT_CONTEXT_NULL);
  aclrtStream stream = nullptr;
  EXPECT_EQ(aclrtCreateStream(&stream), ACL_ERROR_RT_CONTEXT_NULL);
}

TEST_F(RuntimeContext, DestroyingTheDefaultContextFails) {
  const aclrtContext default_context = Current();
  EXPECT_EQ(aclrtDestroyContext(default_context), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(Current(), default_context);  // still alive and current
  EXPECT_EQ(aclrtSynchronizeStream(nullptr), ACL_SUCCESS);
}

TEST_F(RuntimeContext, DestroyContextTwiceFails) {
  aclrtContext created = nullptr;
  ASSERT_EQ(aclrtCreateContext(&created, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtDestroyContext(created), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyContext(created), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtDestroyContext(nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST_F(RuntimeContext, DestroyContextReleasesItsStreamsAndEvents) {
  aclrtContext created = nullptr;
  ASSERT_EQ(aclrtCreateContext(&created, 0), ACL_SUCCESS);
  aclrtStream stream = nullptr;
  aclrtEvent event = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);
  ASSERT_EQ(aclrtCreateEvent(&event), ACL_SUCCESS);
  ASSERT_EQ(aclrtDestroyContext(created), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(stream), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtSynchronizeEvent(event), ACL_ERROR_INVALID_PARAM);
}

TEST_F(RuntimeContext, ContextCreatedInOneThreadIsUsableInAnother) {
  aclrtContext created = nullptr;
  ASSERT_EQ(aclrtCreateContext(&created, 0), ACL_SUCCESS);
  aclrtStream stream = nullptr;
  std::thread([&] {
    EXPECT_EQ(aclrtSetCurrentContext(created), ACL_SUCCESS);
    EXPECT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);
  }).join();
  // The stream belongs to `created`, which is also current here: destroying it works.
  EXPECT_EQ(aclrtDestroyStream(stream), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyContext(created), ACL_SUCCESS);
}

TEST_F(RuntimeContextTwoDevices, GetDeviceFollowsTheCurrentContext) {
  const aclrtContext on_device0 = Current();
  ASSERT_EQ(aclrtSetDevice(1), ACL_SUCCESS);
  int32_t device = -1;
  ASSERT_EQ(aclrtGetDevice(&device), ACL_SUCCESS);
  EXPECT_EQ(device, 1);
  ASSERT_EQ(aclrtSetCurrentContext(on_device0), ACL_SUCCESS);
  ASSERT_EQ(aclrtGetDevice(&device), ACL_SUCCESS);
  EXPECT_EQ(device, 0);
  aclrtContext on_device1 = nullptr;
  ASSERT_EQ(aclrtCreateContext(&on_device1, 1), ACL_SUCCESS);
  ASSERT_EQ(aclrtGetDevice(&device), ACL_SUCCESS);
  EXPECT_EQ(device, 1);
  EXPECT_EQ(aclrtDestroyContext(on_device1), ACL_SUCCESS);
  EXPECT_EQ(aclrtResetDevice(1), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetCurrentContext(on_device0), ACL_SUCCESS);
}

TEST_F(RuntimeContext, SysParamSetThenGetReturnsTheValue) {
  ASSERT_EQ(aclrtCtxSetSysParamOpt(ACL_OPT_DETERMINISTIC, 1), ACL_SUCCESS);
  int64_t value = 0;
  ASSERT_EQ(aclrtCtxGetSysParamOpt(ACL_OPT_DETERMINISTIC, &value), ACL_SUCCESS);
  EXPECT_EQ(value, 1);
  ASSERT_EQ(aclrtCtxSetSysParamOpt(ACL_OPT_DETERMINISTIC, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtCtxGetSysParamOpt(ACL_OPT_DETERMINISTIC, &value), ACL_SUCCESS);
  EXPECT_EQ(value, 0);
}

TEST_F(RuntimeContext, SysParamNeverSetReturnsSysParamOptNotSet) {
  int64_t value = 42;
  EXPECT_EQ(aclrtCtxGetSysParamOpt(ACL_OPT_ENABLE_DEBUG_KERNEL, &value), ACL_ERROR_RT_SYSPARAMOPT_NOT_SET);
  EXPECT_EQ(value, 42);
}

TEST_F(RuntimeContext, SysParamIsPerContext) {
  ASSERT_EQ(aclrtCtxSetSysParamOpt(ACL_OPT_DETERMINISTIC, 1), ACL_SUCCESS);
  aclrtContext created = nullptr;
  ASSERT_EQ(aclrtCreateContext(&created, 0), ACL_SUCCESS);
  int64_t value = 0;
  EXPECT_EQ(aclrtCtxGetSysParamOpt(ACL_OPT_DETERMINISTIC, &value), ACL_ERROR_RT_SYSPARAMOPT_NOT_SET);
  EXPECT_EQ(aclrtDestroyContext(created), ACL_SUCCESS);
}

TEST_F(RuntimeContext, SysParamRejectsUnknownOptionAndNull) {
  EXPECT_EQ(aclrtCtxSetSysParamOpt(static_cast<aclSysParamOpt>(7), 1), ACL_ERROR_INVALID_PARAM);
  int64_t value = 0;
  EXPECT_EQ(aclrtCtxGetSysParamOpt(static_cast<aclSysParamOpt>(-1), &value), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtCtxGetSysParamOpt(ACL_OPT_DETERMINISTIC, nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST_F(RuntimeContext, SysParamWithoutCurrentContextReturnsContextNull) {
  aclError set = ACL_SUCCESS;
  aclError get = ACL_SUCCESS;
  std::thread([&] {
    set = aclrtCtxSetSysParamOpt(ACL_OPT_DETERMINISTIC, 1);
    int64_t value = 0;
    get = aclrtCtxGetSysParamOpt(ACL_OPT_DETERMINISTIC, &value);
  }).join();
  EXPECT_EQ(set, ACL_ERROR_RT_CONTEXT_NULL);
  EXPECT_EQ(get, ACL_ERROR_RT_CONTEXT_NULL);
}

TEST_F(RuntimeContext, GetCurrentContextRejectsNull) { EXPECT_EQ(aclrtGetCurrentContext(nullptr), ACL_ERROR_INVALID_PARAM); }

}  // namespace
}  // namespace aclsim_test
