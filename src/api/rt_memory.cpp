// Entry points for device and host memory, copies, peer access and virtual memory (acl_rt.h).
#include <algorithm>
#include <cstdint>

#include "acl/acl_rt.h"
#include "api/api_guard.h"
#include "memory/address_info.h"
#include "memory/checked_copy.h"
#include "memory/device_registry.h"
#include "memory/host_memory.h"
#include "memory/virtual_memory.h"
#include "runtime/context.h"
#include "runtime/current_context.h"
#include "runtime/device.h"
#include "runtime/runtime.h"
#include "runtime/stream.h"

using aclsim::Device;
using aclsim::Fail;
using aclsim::api::ApiCall;

namespace {

Device& CurrentDevice() { return aclsim::CurrentContext().device(); }

aclError Allocate(void** devPtr, size_t size, aclrtMemMallocPolicy policy, aclsim::AllocRule rule) {
  ACLSIM_CHECK_NOT_NULL(devPtr);
  ACLSIM_CHECK_ARG(size > 0, "size must be > 0");
  *devPtr = CurrentDevice().memory().Allocate(size, rule, static_cast<uint32_t>(policy));
  return ACL_SUCCESS;
}

// The devices a copy involves: the current one, and whether it may reach the other device's
// memory (peer access) when the copy crosses devices.
aclsim::CopyDevices CopyDevicesFor(const void* dst, const void* src) {
  Device& current = CurrentDevice();
  aclsim::CopyDevices devices{current.id(), false};
  for (const void* p : {dst, src}) {
    if (auto other = aclsim::FindDeviceOf(p); other && *other != current.id()) {
      devices.peer_enabled = current.PeerEnabled(*other);
    }
  }
  return devices;
}

// Validates a range of device memory of the current device (aclrtMemFlush / aclrtMemInvalidate):
// inside one live region (an allocation or a mapped virtual-memory range), as the copies require.
void CheckDeviceRange(void* devPtr, size_t size) {
  ACLSIM_CHECK_NOT_NULL(devPtr);
  ACLSIM_CHECK_ARG(size > 0, "size must be > 0");
  const int32_t device = CurrentDevice().id();
  const aclsim::AddressInfo info = aclsim::DescribeAddress(devPtr);
  if (info.kind != aclsim::AddressKind::kDeviceLive || info.device_id != device) {
    Fail(ACL_ERROR_INVALID_PARAM, "invalid argument: devPtr {} is {}, not a live allocation of device {}", devPtr,
         aclsim::DescribeForMessage(info), device);
  }
  const size_t offset = reinterpret_cast<uintptr_t>(devPtr) - info.base;  // the region contains devPtr
  ACLSIM_CHECK_ARG(size <= info.size - offset, "[devPtr, devPtr + {}) runs past its region of {} bytes at {:#x}", size,
                   info.size, info.base);
}

// Whether the simulated SoC's device memory is HBM (Ascend 910 family) or DDR (the others).
bool UsesHbm() { return std::string(aclsim::Runtime::Get().soc_name()).rfind("Ascend910", 0) == 0; }

}  // namespace

extern "C" {

aclError aclrtMalloc(void** devPtr, size_t size, aclrtMemMallocPolicy policy) {
  return ApiCall("aclrtMalloc", [&] { return Allocate(devPtr, size, policy, aclsim::AllocRule::kMalloc); });
}

aclError aclrtMallocAlign32(void** devPtr, size_t size, aclrtMemMallocPolicy policy) {
  return ApiCall("aclrtMallocAlign32", [&] { return Allocate(devPtr, size, policy, aclsim::AllocRule::kAlign32); });
}

aclError aclrtMallocCached(void** devPtr, size_t size, aclrtMemMallocPolicy policy) {
  // Simulated device memory is host memory: always coherent, so "cached" changes nothing.
  return ApiCall("aclrtMallocCached", [&] { return Allocate(devPtr, size, policy, aclsim::AllocRule::kMalloc); });
}

aclError aclrtMemFlush(void* devPtr, size_t size) {
  return ApiCall("aclrtMemFlush", [&] {
    CheckDeviceRange(devPtr, size);  // coherent memory: nothing to write back once the range is checked
    return ACL_SUCCESS;
  });
}

aclError aclrtMemInvalidate(void* devPtr, size_t size) {
  return ApiCall("aclrtMemInvalidate", [&] {
    CheckDeviceRange(devPtr, size);
    return ACL_SUCCESS;
  });
}

aclError aclrtFree(void* devPtr) {
  return ApiCall("aclrtFree", [&] {
    ACLSIM_CHECK_NOT_NULL(devPtr);
    aclsim::DeviceMemory* memory = aclsim::FindDeviceMemoryOf(devPtr);
    if (memory == nullptr) Fail(ACL_ERROR_INVALID_PARAM, "devPtr {} is not device memory", devPtr);
    memory->Free(devPtr);
    return ACL_SUCCESS;
  });
}

aclError aclrtMallocHost(void** hostPtr, size_t size) {
  return ApiCall("aclrtMallocHost", [&] {
    aclsim::Runtime::Get().RequireInitialized();
    ACLSIM_CHECK_NOT_NULL(hostPtr);
    *hostPtr = aclsim::HostMemory::Instance().Allocate(size);
    return ACL_SUCCESS;
  });
}

aclError aclrtFreeHost(void* hostPtr) {
  return ApiCall("aclrtFreeHost", [&] {
    ACLSIM_CHECK_NOT_NULL(hostPtr);
    aclsim::HostMemory::Instance().Free(hostPtr);
    return ACL_SUCCESS;
  });
}

aclError aclrtMemcpy(void* dst, size_t destMax, const void* src, size_t count, aclrtMemcpyKind kind) {
  return ApiCall("aclrtMemcpy", [&] {
    aclsim::CheckedMemcpy(dst, destMax, src, count, kind, CopyDevicesFor(dst, src));
    return ACL_SUCCESS;
  });
}

aclError aclrtMemset(void* devPtr, size_t maxCount, int32_t value, size_t count) {
  return ApiCall("aclrtMemset", [&] {
    aclsim::CheckedMemset(devPtr, maxCount, value, count, CurrentDevice().id());
    return ACL_SUCCESS;
  });
}

aclError aclrtMemcpyAsync(void* dst, size_t destMax, const void* src, size_t count, aclrtMemcpyKind kind,
                          aclrtStream stream) {
  return ApiCall("aclrtMemcpyAsync", [&] {
    aclsim::Stream& target = aclsim::ResolveStream(stream);
    const aclsim::CopyPlan plan = aclsim::ValidateMemcpy(dst, destMax, src, count, kind, CopyDevicesFor(dst, src));
    target.Submit(aclsim::Task{[plan] {
                                 aclsim::RunMemcpy(plan);
                                 return ACL_SUCCESS;
                               },
                               "memcpy"});
    return ACL_SUCCESS;
  });
}

aclError aclrtMemcpy2d(void* dst, size_t dpitch, const void* src, size_t spitch, size_t width, size_t height,
                       aclrtMemcpyKind kind) {
  return ApiCall("aclrtMemcpy2d", [&] {
    aclsim::CheckedMemcpy2d(dst, dpitch, src, spitch, width, height, kind, CopyDevicesFor(dst, src));
    return ACL_SUCCESS;
  });
}

aclError aclrtMemcpy2dAsync(void* dst, size_t dpitch, const void* src, size_t spitch, size_t width, size_t height,
                            aclrtMemcpyKind kind, aclrtStream stream) {
  return ApiCall("aclrtMemcpy2dAsync", [&] {
    aclsim::Stream& target = aclsim::ResolveStream(stream);
    const aclsim::Copy2dPlan plan =
        aclsim::ValidateMemcpy2d(dst, dpitch, src, spitch, width, height, kind, CopyDevicesFor(dst, src));
    target.Submit(aclsim::Task{[plan] {
                                 aclsim::RunMemcpy2d(plan);
                                 return ACL_SUCCESS;
                               },
                               "memcpy2d"});
    return ACL_SUCCESS;
  });
}

aclError aclrtMemsetAsync(void* devPtr, size_t maxCount, int32_t value, size_t count, aclrtStream stream) {
  return ApiCall("aclrtMemsetAsync", [&] {
    aclsim::Stream& target = aclsim::ResolveStream(stream);
    const aclsim::MemsetPlan plan = aclsim::ValidateMemset(devPtr, maxCount, value, count, CurrentDevice().id());
    target.Submit(aclsim::Task{[plan] {
                                 aclsim::RunMemset(plan);
                                 return ACL_SUCCESS;
                               },
                               "memset"});
    return ACL_SUCCESS;
  });
}

aclError aclrtGetMemInfo(aclrtMemAttr attr, size_t* free, size_t* total) {
  return ApiCall("aclrtGetMemInfo", [&] {
    ACLSIM_CHECK_NOT_NULL(free);
    ACLSIM_CHECK_NOT_NULL(total);
    ACLSIM_CHECK_ARG(attr >= ACL_DDR_MEM && attr <= ACL_HBM_MEM_P2P_NORMAL, "attr {} is not an aclrtMemAttr",
                     static_cast<int>(attr));
    // One pool of the kind the SoC has serves every page size; the other kind reports nothing.
    const bool hbm_attr = attr == ACL_HBM_MEM || attr == ACL_HBM_MEM_HUGE || attr == ACL_HBM_MEM_NORMAL ||
                          attr == ACL_HBM_MEM_P2P_HUGE || attr == ACL_HBM_MEM_P2P_NORMAL;
    if (hbm_attr != UsesHbm()) {
      *free = 0;
      *total = 0;
      return ACL_SUCCESS;
    }
    const aclsim::MemInfo info = CurrentDevice().memory().Info();
    *free = info.free;
    *total = info.total;
    return ACL_SUCCESS;
  });
}

aclError aclrtDeviceCanAccessPeer(int32_t* canAccessPeer, int32_t deviceId, int32_t peerDeviceId) {
  return ApiCall("aclrtDeviceCanAccessPeer", [&] {
    ACLSIM_CHECK_NOT_NULL(canAccessPeer);
    aclsim::Runtime::Get().device(deviceId);
    aclsim::Runtime::Get().device(peerDeviceId);
    ACLSIM_CHECK_ARG(deviceId != peerDeviceId, "deviceId and peerDeviceId are both {}", deviceId);
    *canAccessPeer = 1;  // every pair of simulated devices is connected
    return ACL_SUCCESS;
  });
}

aclError aclrtDeviceEnablePeerAccess(int32_t peerDeviceId, uint32_t flags) {
  return ApiCall("aclrtDeviceEnablePeerAccess", [&] {
    ACLSIM_CHECK_ARG(flags == 0, "flags must be 0, is {}", flags);
    Device& current = CurrentDevice();
    aclsim::Runtime::Get().device(peerDeviceId);
    ACLSIM_CHECK_ARG(peerDeviceId != current.id(), "peerDeviceId {} is the current device", peerDeviceId);
    current.EnablePeer(peerDeviceId);
    return ACL_SUCCESS;
  });
}

aclError aclrtDeviceDisablePeerAccess(int32_t peerDeviceId) {
  return ApiCall("aclrtDeviceDisablePeerAccess", [&] {
    Device& current = CurrentDevice();
    aclsim::Runtime::Get().device(peerDeviceId);
    current.DisablePeer(peerDeviceId);
    return ACL_SUCCESS;
  });
}

aclError aclrtMemGetAllocationGranularity(aclrtPhysicalMemProp* prop, aclrtMemGranularityOptions option,
                                          size_t* granularity) {
  return ApiCall("aclrtMemGetAllocationGranularity", [&] {
    ACLSIM_CHECK_NOT_NULL(granularity);
    *granularity = aclsim::VirtualMemory::Granularity(prop, option);
    return ACL_SUCCESS;
  });
}

aclError aclrtReserveMemAddress(void** virPtr, size_t size, size_t alignment, void* expectPtr, uint64_t flags) {
  return ApiCall("aclrtReserveMemAddress", [&] {
    ACLSIM_CHECK_NOT_NULL(virPtr);
    aclsim::Runtime::Get().RequireInitialized();
    *virPtr = aclsim::VirtualMemory::Instance().Reserve(size, alignment, expectPtr, flags);
    return ACL_SUCCESS;
  });
}

aclError aclrtReleaseMemAddress(void* virPtr) {
  return ApiCall("aclrtReleaseMemAddress", [&] {
    aclsim::VirtualMemory::Instance().Release(virPtr);
    return ACL_SUCCESS;
  });
}

aclError aclrtMallocPhysical(aclrtDrvMemHandle* handle, size_t size, const aclrtPhysicalMemProp* prop, uint64_t flags) {
  return ApiCall("aclrtMallocPhysical", [&] {
    ACLSIM_CHECK_NOT_NULL(handle);
    ACLSIM_CHECK_NOT_NULL(prop);
    Device& device = aclsim::Runtime::Get().device(static_cast<int32_t>(prop->location.id));
    *handle = aclsim::VirtualMemory::Instance().AllocatePhysical(size, *prop, flags, device.memory());
    return ACL_SUCCESS;
  });
}

aclError aclrtFreePhysical(aclrtDrvMemHandle handle) {
  return ApiCall("aclrtFreePhysical", [&] {
    aclsim::VirtualMemory::Instance().FreePhysical(handle);
    return ACL_SUCCESS;
  });
}

aclError aclrtMapMem(void* virPtr, size_t size, size_t offset, aclrtDrvMemHandle handle, uint64_t flags) {
  return ApiCall("aclrtMapMem", [&] {
    aclsim::VirtualMemory::Instance().Map(virPtr, size, offset, handle, flags);
    return ACL_SUCCESS;
  });
}

aclError aclrtUnmapMem(void* virPtr) {
  return ApiCall("aclrtUnmapMem", [&] {
    aclsim::VirtualMemory::Instance().Unmap(virPtr);
    return ACL_SUCCESS;
  });
}

}  // extern "C"
