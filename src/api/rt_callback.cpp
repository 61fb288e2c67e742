// Entry points for stream callbacks and host functions, and the operator timeouts (acl_rt.h).
#include "acl/acl_rt.h"
#include "api/api_guard.h"
#include "runtime/current_context.h"
#include "runtime/report_hub.h"
#include "runtime/runtime.h"
#include "runtime/stream.h"

using aclsim::Fail;
using aclsim::ReportHub;
using aclsim::api::ApiCall;

namespace {

void CheckTimeout(int32_t timeout) {
  ACLSIM_CHECK_ARG(timeout == -1 || timeout > 0, "timeout is {} ms, expected -1 (wait forever) or > 0", timeout);
}

void Process(ReportHub& hub, int32_t timeout) {
  CheckTimeout(timeout);
  if (!hub.Process(aclsim::CallingThreadId(), timeout)) {
    aclsim::FailRoutine(ACL_ERROR_RT_REPORT_TIMEOUT, "nothing to process within {} ms", timeout);
  }
}

}  // namespace

extern "C" {

aclError aclrtSubscribeReport(uint64_t threadId, aclrtStream stream) {
  return ApiCall("aclrtSubscribeReport", [&] {
    ReportHub::Callbacks().Subscribe(threadId, aclsim::ResolveStream(stream));
    return ACL_SUCCESS;
  });
}

aclError aclrtUnSubscribeReport(uint64_t threadId, aclrtStream stream) {
  return ApiCall("aclrtUnSubscribeReport", [&] {
    ReportHub::Callbacks().Unsubscribe(threadId, aclsim::ResolveStream(stream));
    return ACL_SUCCESS;
  });
}

aclError aclrtLaunchCallback(aclrtCallback fn, void* userData, aclrtCallbackBlockType blockType, aclrtStream stream) {
  return ApiCall("aclrtLaunchCallback", [&] {
    ACLSIM_CHECK_NOT_NULL(fn);
    ACLSIM_CHECK_ARG(blockType == ACL_CALLBACK_NO_BLOCK || blockType == ACL_CALLBACK_BLOCK,
                     "blockType {} is not an aclrtCallbackBlockType", static_cast<int>(blockType));
    aclsim::Stream& target = aclsim::ResolveStream(stream);
    if (!ReportHub::Callbacks().IsSubscribed(target)) {
      Fail(ACL_ERROR_STREAM_NOT_SUBSCRIBE, "stream {} has no subscribed thread: call aclrtSubscribeReport first",
           target.id());
    }
    const bool block = blockType == ACL_CALLBACK_BLOCK;
    // Posting a non-blocking callback never blocks, so it may run at once on an idle stream.
    target.Submit(aclsim::Task{[&target, fn, userData, block] {
                                 ReportHub::Callbacks().Deliver(target, fn, userData, block);
                                 return ACL_SUCCESS;
                               },
                               "callback", /*inline_when_idle=*/!block});
    return ACL_SUCCESS;
  });
}

aclError aclrtProcessReport(int32_t timeout) {
  return ApiCall("aclrtProcessReport", [&] {
    Process(ReportHub::Callbacks(), timeout);
    return ACL_SUCCESS;
  });
}

aclError aclrtSubscribeHostFunc(uint64_t hostFuncThreadId, aclrtStream exeStream) {
  return ApiCall("aclrtSubscribeHostFunc", [&] {
    ReportHub::HostFuncs().Subscribe(hostFuncThreadId, aclsim::ResolveStream(exeStream));
    return ACL_SUCCESS;
  });
}

aclError aclrtUnSubscribeHostFunc(uint64_t hostFuncThreadId, aclrtStream exeStream) {
  return ApiCall("aclrtUnSubscribeHostFunc", [&] {
    ReportHub::HostFuncs().Unsubscribe(hostFuncThreadId, aclsim::ResolveStream(exeStream));
    return ACL_SUCCESS;
  });
}

aclError aclrtProcessHostFunc(int32_t timeout) {
  return ApiCall("aclrtProcessHostFunc", [&] {
    Process(ReportHub::HostFuncs(), timeout);
    return ACL_SUCCESS;
  });
}

aclError aclrtSetOpWaitTimeout(uint32_t timeout) {
  return ApiCall("aclrtSetOpWaitTimeout", [&] {
    // Seconds; 0 means wait forever. Kept in milliseconds, capped to what an int32 holds.
    const uint64_t ms = static_cast<uint64_t>(timeout) * 1000;
    aclsim::Runtime::Get().set_op_wait_timeout_ms(timeout == 0 ? -1 : static_cast<int32_t>(std::min<uint64_t>(ms, INT32_MAX)));
    return ACL_SUCCESS;
  });
}

aclError aclrtSetOpExecuteTimeOut(uint32_t timeout) {
  return ApiCall("aclrtSetOpExecuteTimeOut", [&] {
    // Seconds; 0 means no limit.
    const uint64_t ms = static_cast<uint64_t>(timeout) * 1000;
    aclsim::Runtime::Get().set_op_execute_timeout_ms(timeout == 0 ? -1 : static_cast<int32_t>(std::min<uint64_t>(ms, INT32_MAX)));
    return ACL_SUCCESS;
  });
}

}  // extern "C"
