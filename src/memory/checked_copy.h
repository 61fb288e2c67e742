// Checked copies: the validation half of aclrtMemcpy / aclrtMemset / aclrtMemcpy2d (and their
// Async forms), then the copy itself. Everything is validated before any byte is touched:
//   - count <= destMax (memcpy) / maxCount (memset); width <= both pitches (2D)
//   - each side is where the copy kind says: device memory must be a live allocation (or mapped
//     range) of the current device, host memory must not be device memory; ACL_MEMCPY_DEFAULT
//     infers the kind from the addresses
//   - the whole range lies inside ONE live region (device side; host side too when the pointer is
//     inside an aclrtMallocHost block)
//   - a device-to-device copy between two devices needs peer access enabled
// Errors are Error(ACL_ERROR_INVALID_PARAM) whose message names the argument (dst/src) and says
// what the memory is. Validate* return a plan the runtime can run later (the Async forms);
// Checked* validate and run at once.
//
// Stateless; safe from any thread. A region freed by another thread between validation and copy
// is the program's race: the pages stay mapped, so the copy never faults.
#pragma once

#include <cstddef>
#include <cstdint>

#include "acl/acl_rt.h"

namespace aclsim {

// Who is asking: the calling thread's current device, and whether the runtime has enabled peer
// access (aclrtDeviceEnablePeerAccess) between it and the other device of a cross-device copy.
struct CopyDevices {
  int32_t current = 0;
  bool peer_enabled = false;
};

struct CopyPlan {
  void* dst = nullptr;
  const void* src = nullptr;
  size_t count = 0;
  aclrtMemcpyKind kind = ACL_MEMCPY_HOST_TO_HOST;  // resolved: never ACL_MEMCPY_DEFAULT
};

struct MemsetPlan {
  void* dst = nullptr;
  unsigned char value = 0;
  size_t count = 0;
};

struct Copy2dPlan {
  void* dst = nullptr;
  size_t dpitch = 0;
  const void* src = nullptr;
  size_t spitch = 0;
  size_t width = 0;
  size_t height = 0;
  aclrtMemcpyKind kind = ACL_MEMCPY_HOST_TO_DEVICE;  // resolved
};

// aclrtMemcpy.
CopyPlan ValidateMemcpy(void* dst, size_t dest_max, const void* src, size_t count, aclrtMemcpyKind kind,
                        const CopyDevices& devices);
void RunMemcpy(const CopyPlan& plan);
void CheckedMemcpy(void* dst, size_t dest_max, const void* src, size_t count, aclrtMemcpyKind kind,
                   const CopyDevices& devices);

// aclrtMemset: `dst` is device memory of the current device or host memory; value's low byte is
// written (memset semantics).
MemsetPlan ValidateMemset(void* dst, size_t max_count, int32_t value, size_t count, int32_t current_device);
void RunMemset(const MemsetPlan& plan);
void CheckedMemset(void* dst, size_t max_count, int32_t value, size_t count, int32_t current_device);

// aclrtMemcpy2d: `height` rows of `width` bytes; rows `dpitch` / `spitch` bytes apart (any pitch
// >= width, odd ones too). CANN supports ACL_MEMCPY_HOST_TO_DEVICE and ACL_MEMCPY_DEVICE_TO_HOST
// only (ACL_MEMCPY_DEFAULT when it resolves to one of them).
Copy2dPlan ValidateMemcpy2d(void* dst, size_t dpitch, const void* src, size_t spitch, size_t width, size_t height,
                            aclrtMemcpyKind kind, const CopyDevices& devices);
void RunMemcpy2d(const Copy2dPlan& plan);
void CheckedMemcpy2d(void* dst, size_t dpitch, const void* src, size_t spitch, size_t width, size_t height,
                     aclrtMemcpyKind kind, const CopyDevices& devices);

// "ACL_MEMCPY_HOST_TO_DEVICE", ... ("an invalid kind" outside the enum).
const char* MemcpyKindName(aclrtMemcpyKind kind);

}  // namespace aclsim
