// The checks the three checked copies share (internal to src/memory): kind resolution, and
// "this side must be device / host memory, and [p, p + extent) must fit its region".
#pragma once

#include <cstddef>

#include "acl/acl_rt.h"
#include "memory/address_info.h"
#include "memory/checked_copy.h"

namespace aclsim::detail {

// One side of a copy, described once.
struct CopySide {
  const char* name;  // "dst" or "src": the argument's name in messages
  const void* pointer;
  size_t extent;  // bytes from `pointer` the copy touches
  AddressInfo info;
};

CopySide DescribeSide(const char* name, const void* pointer, size_t extent);

// ACL_MEMCPY_DEFAULT becomes the kind the two sides' addresses say; any other value must be one
// of the enum's.
aclrtMemcpyKind ResolveKind(aclrtMemcpyKind kind, const CopySide& dst, const CopySide& src);

// The side must be live device memory of `device` (any device when device < 0), and its range
// must fit the region. `operation` names what needs it in messages ("ACL_MEMCPY_HOST_TO_DEVICE").
void RequireDevice(const CopySide& side, const char* operation, int32_t device);

// The side must not be device memory; inside an aclrtMallocHost block its range must fit the block.
void RequireHost(const CopySide& side, const char* operation);

// Both sides of a device-to-device copy: live device memory, one of them on the current device,
// and peer access enabled when they are on different devices.
void RequireDeviceToDevice(const CopySide& dst, const CopySide& src, const CopyDevices& devices);

// Checks the sides against the (resolved) kind.
void RequireSides(aclrtMemcpyKind kind, const CopySide& dst, const CopySide& src, const CopyDevices& devices);

}  // namespace aclsim::detail
