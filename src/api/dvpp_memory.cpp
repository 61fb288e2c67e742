// acldvppMalloc / acldvppFree (acl_dvpp.h): device memory of the current device for DVPP, with
// aclrtMalloc's documented size rule (ALIGN_UP(size, 32) + 32).
#include "api/api_guard.h"
#include "dvpp/descriptors.h"
#include "memory/device_registry.h"
#include "memory/device_memory.h"
#include "runtime/context.h"
#include "runtime/current_context.h"
#include "runtime/device.h"

using aclsim::api::ApiCall;

extern "C" {

aclError acldvppMalloc(void** devPtr, size_t size) {
  return ApiCall("acldvppMalloc", [&] {
    ACLSIM_CHECK_NOT_NULL(devPtr);
    ACLSIM_CHECK_ARG(size > 0, "size must be > 0");
    *devPtr = aclsim::CurrentContext().device().memory().Allocate(size, aclsim::AllocRule::kMalloc);
    return ACL_SUCCESS;
  });
}

aclError acldvppFree(void* devPtr) {
  return ApiCall("acldvppFree", [&] {
    ACLSIM_CHECK_NOT_NULL(devPtr);
    aclsim::DeviceMemory* memory = aclsim::FindDeviceMemoryOf(devPtr);
    if (memory == nullptr) aclsim::Fail(ACL_ERROR_INVALID_PARAM, "devPtr {} is not device memory", devPtr);
    memory->Free(devPtr);
    return ACL_SUCCESS;
  });
}

}  // extern "C"
