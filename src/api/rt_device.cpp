// Entry points for devices, contexts, the run mode, system parameters and task exceptions
// (acl_rt.h).
#include "acl/acl_rt.h"
#include "api/api_guard.h"
#include "runtime/context.h"
#include "runtime/current_context.h"
#include "runtime/device.h"
#include "runtime/exception_info.h"
#include "runtime/runtime.h"

using aclsim::Context;
using aclsim::Fail;
using aclsim::Runtime;
using aclsim::api::ApiCall;

namespace {

aclsim::Device& DeviceById(int32_t deviceId) { return Runtime::Get().device(deviceId); }

void CheckSysParamOpt(aclSysParamOpt opt) {
  ACLSIM_CHECK_ARG(opt == ACL_OPT_DETERMINISTIC || opt == ACL_OPT_ENABLE_DEBUG_KERNEL,
                   "opt {} is not an aclSysParamOpt", static_cast<int>(opt));
}

const rtExceptionInfo& Info(const aclrtExceptionInfo* info) {
  ACLSIM_CHECK_NOT_NULL(info);
  return *info;
}

}  // namespace

extern "C" {

aclError aclrtSetDevice(int32_t deviceId) {
  return ApiCall("aclrtSetDevice", [&] {
    Context& context = DeviceById(deviceId).Retain();
    aclsim::SetCurrentContext(&context);
    return ACL_SUCCESS;
  });
}

aclError aclrtResetDevice(int32_t deviceId) {
  return ApiCall("aclrtResetDevice", [&] {
    DeviceById(deviceId).Release(false, "aclrtResetDevice");
    return ACL_SUCCESS;
  });
}

aclError aclrtResetDeviceForce(int32_t deviceId) {
  return ApiCall("aclrtResetDeviceForce", [&] {
    DeviceById(deviceId).Release(true, "aclrtResetDeviceForce");
    return ACL_SUCCESS;
  });
}

aclError aclrtGetDevice(int32_t* deviceId) {
  return ApiCall("aclrtGetDevice", [&] {
    ACLSIM_CHECK_NOT_NULL(deviceId);
    *deviceId = aclsim::CurrentContext().device().id();
    return ACL_SUCCESS;
  });
}

aclError aclrtGetRunMode(aclrtRunMode* runMode) {
  return ApiCall("aclrtGetRunMode", [&] {
    ACLSIM_CHECK_NOT_NULL(runMode);
    *runMode = ACL_HOST;  // the program runs on the host, beside a (simulated) device
    return ACL_SUCCESS;
  });
}

aclError aclrtSynchronizeDevice() {
  return ApiCall("aclrtSynchronizeDevice", [&] {
    aclsim::CurrentContext().device().Synchronize();
    return ACL_SUCCESS;
  });
}

aclError aclrtGetDeviceCount(uint32_t* count) {
  return ApiCall("aclrtGetDeviceCount", [&] {
    ACLSIM_CHECK_NOT_NULL(count);
    Runtime::Get().RequireInitialized();
    *count = static_cast<uint32_t>(Runtime::Get().device_count());
    return ACL_SUCCESS;
  });
}

aclError aclrtQueryDeviceStatus(int32_t deviceId, aclrtDeviceStatus* deviceStatus) {
  return ApiCall("aclrtQueryDeviceStatus", [&] {
    ACLSIM_CHECK_NOT_NULL(deviceStatus);
    DeviceById(deviceId);  // validates the id
    *deviceStatus = ACL_RT_DEVICE_STATUS_NORMAL;  // a simulated device does not fail
    return ACL_SUCCESS;
  });
}

aclError aclrtGetDeviceUtilizationRate(int32_t deviceId, aclrtUtilizationInfo* utilizationInfo) {
  return ApiCall("aclrtGetDeviceUtilizationRate", [&] {
    ACLSIM_CHECK_NOT_NULL(utilizationInfo);
    aclsim::Device& device = DeviceById(deviceId);
    const aclsim::MemInfo memory = device.memory().Info();
    // The AI cores (cube and vector units alike) count as busy by the share of streams running a
    // task; the simulated device has no AI CPU.
    const int busy = device.BusyStreamPercent();
    utilizationInfo->cubeUtilization = busy;
    utilizationInfo->vectorUtilization = busy;
    utilizationInfo->aicpuUtilization = 0;
    utilizationInfo->memoryUtilization =
        memory.total == 0 ? 0 : static_cast<int32_t>((memory.total - memory.free) * 100 / memory.total);
    utilizationInfo->utilizationExtend = nullptr;
    return ACL_SUCCESS;
  });
}

aclError aclrtCreateContext(aclrtContext* context, int32_t deviceId) {
  return ApiCall("aclrtCreateContext", [&] {
    ACLSIM_CHECK_NOT_NULL(context);
    Context& created = DeviceById(deviceId).CreateContext();
    aclsim::SetCurrentContext(&created);  // documented: the new context becomes current
    *context = &created;
    return ACL_SUCCESS;
  });
}

aclError aclrtDestroyContext(aclrtContext context) {
  return ApiCall("aclrtDestroyContext", [&] {
    Context& object = aclsim::ResolveContext(context);
    object.device().DestroyContext(object);  // a thread whose current context it was has none now
    return ACL_SUCCESS;
  });
}

aclError aclrtSetCurrentContext(aclrtContext context) {
  return ApiCall("aclrtSetCurrentContext", [&] {
    aclsim::SetCurrentContext(&aclsim::ResolveContext(context));
    return ACL_SUCCESS;
  });
}

aclError aclrtGetCurrentContext(aclrtContext* context) {
  return ApiCall("aclrtGetCurrentContext", [&] {
    ACLSIM_CHECK_NOT_NULL(context);
    *context = &aclsim::CurrentContext();
    return ACL_SUCCESS;
  });
}

aclError aclrtCtxSetSysParamOpt(aclSysParamOpt opt, int64_t value) {
  return ApiCall("aclrtCtxSetSysParamOpt", [&] {
    CheckSysParamOpt(opt);
    aclsim::CurrentContext().SetSysParam(opt, value);
    return ACL_SUCCESS;
  });
}

aclError aclrtCtxGetSysParamOpt(aclSysParamOpt opt, int64_t* value) {
  return ApiCall("aclrtCtxGetSysParamOpt", [&] {
    CheckSysParamOpt(opt);
    ACLSIM_CHECK_NOT_NULL(value);
    if (!aclsim::CurrentContext().GetSysParam(opt, *value)) {
      Fail(ACL_ERROR_RT_SYSPARAMOPT_NOT_SET, "system parameter {} was never set in the current context",
           static_cast<int>(opt));
    }
    return ACL_SUCCESS;
  });
}

aclError aclrtSetExceptionInfoCallback(aclrtExceptionInfoCallback callback) {
  return ApiCall("aclrtSetExceptionInfoCallback", [&] {
    aclsim::SetExceptionCallback(callback);
    return ACL_SUCCESS;
  });
}

uint32_t aclrtGetTaskIdFromExceptionInfo(const aclrtExceptionInfo* info) {
  return ApiCall("aclrtGetTaskIdFromExceptionInfo", [&] { return Info(info).task_id; });
}

uint32_t aclrtGetStreamIdFromExceptionInfo(const aclrtExceptionInfo* info) {
  return ApiCall("aclrtGetStreamIdFromExceptionInfo", [&] { return Info(info).stream_id; });
}

uint32_t aclrtGetThreadIdFromExceptionInfo(const aclrtExceptionInfo* info) {
  return ApiCall("aclrtGetThreadIdFromExceptionInfo", [&] { return Info(info).thread_id; });
}

uint32_t aclrtGetDeviceIdFromExceptionInfo(const aclrtExceptionInfo* info) {
  return ApiCall("aclrtGetDeviceIdFromExceptionInfo", [&] { return Info(info).device_id; });
}

uint32_t aclrtGetErrorCodeFromExceptionInfo(const aclrtExceptionInfo* info) {
  return ApiCall("aclrtGetErrorCodeFromExceptionInfo", [&] { return Info(info).error_code; });
}

}  // extern "C"
