#include "memory/copy_checks.h"

#include <cstring>
#include <type_traits>

#include "common/error.h"

namespace aclsim::detail {
namespace {

// [pointer, pointer + extent) must lie inside the side's live region.
void RequireFits(const CopySide& side) {
  const auto p = reinterpret_cast<uintptr_t>(side.pointer);
  const size_t offset = p - side.info.base;  // p >= base: the region contains p
  const size_t room = side.info.size - offset;
  if (side.extent > room) {
    Fail(ACL_ERROR_INVALID_PARAM,
         "invalid argument: {} range of {} bytes from {} runs {} bytes past the end of {}, which has {} bytes from "
         "there",
         side.name, side.extent, side.pointer, side.extent - room, DescribeForMessage(side.info), room);
  }
}

}  // namespace

CopySide DescribeSide(const char* name, const void* pointer, size_t extent) {
  return CopySide{name, pointer, extent, DescribeAddress(pointer)};
}

aclrtMemcpyKind ResolveKind(aclrtMemcpyKind kind, const CopySide& dst, const CopySide& src) {
  // Read as the integer a C caller passed: a value outside the enum is reported, not undefined.
  std::underlying_type_t<aclrtMemcpyKind> raw;
  std::memcpy(&raw, &kind, sizeof raw);
  switch (raw) {
    case ACL_MEMCPY_HOST_TO_HOST:
    case ACL_MEMCPY_HOST_TO_DEVICE:
    case ACL_MEMCPY_DEVICE_TO_HOST:
    case ACL_MEMCPY_DEVICE_TO_DEVICE:
      return static_cast<aclrtMemcpyKind>(raw);
    case ACL_MEMCPY_DEFAULT: {
      const bool to_device = dst.info.is_device();
      const bool from_device = src.info.is_device();
      if (to_device) return from_device ? ACL_MEMCPY_DEVICE_TO_DEVICE : ACL_MEMCPY_HOST_TO_DEVICE;
      return from_device ? ACL_MEMCPY_DEVICE_TO_HOST : ACL_MEMCPY_HOST_TO_HOST;
    }
  }
  Fail(ACL_ERROR_INVALID_PARAM, "invalid argument: kind ({}) is not an aclrtMemcpyKind value", raw);
}

void RequireDevice(const CopySide& side, const char* operation, int32_t device) {
  switch (side.info.kind) {
    case AddressKind::kHost:
    case AddressKind::kHostBlock:
      Fail(ACL_ERROR_INVALID_PARAM, "invalid argument: {} {} is {}, but {} needs device memory there", side.name,
           side.pointer, DescribeForMessage(side.info), operation);
    case AddressKind::kDeviceNotLive:
      Fail(ACL_ERROR_INVALID_PARAM, "invalid argument: {} {} is {}; {} needs a live device allocation there", side.name,
           side.pointer, DescribeForMessage(side.info), operation);
    case AddressKind::kDeviceLive:
      if (device >= 0 && side.info.device_id != device) {
        Fail(ACL_ERROR_INVALID_PARAM, "invalid argument: {} {} is memory of device {}, but the current device is {}",
             side.name, side.pointer, side.info.device_id, device);
      }
      RequireFits(side);
      return;
  }
}

void RequireHost(const CopySide& side, const char* operation) {
  if (side.info.is_device()) {
    Fail(ACL_ERROR_INVALID_PARAM, "invalid argument: {} {} is {}, but {} needs host memory there", side.name,
         side.pointer, DescribeForMessage(side.info), operation);
  }
  if (side.info.kind == AddressKind::kHostBlock) RequireFits(side);
}

void RequireDeviceToDevice(const CopySide& dst, const CopySide& src, const CopyDevices& devices) {
  const char* operation = MemcpyKindName(ACL_MEMCPY_DEVICE_TO_DEVICE);
  RequireDevice(dst, operation, -1);
  RequireDevice(src, operation, -1);
  const int32_t to = dst.info.device_id;
  const int32_t from = src.info.device_id;
  if (to == from) {
    if (to != devices.current) {
      Fail(ACL_ERROR_INVALID_PARAM,
           "invalid argument: dst and src are memory of device {}, but the current device is {}", to, devices.current);
    }
    return;
  }
  if (to != devices.current && from != devices.current) {
    Fail(ACL_ERROR_INVALID_PARAM,
         "invalid argument: neither dst (device {}) nor src (device {}) is memory of the current device {}", to, from,
         devices.current);
  }
  if (!devices.peer_enabled) {
    Fail(ACL_ERROR_INVALID_PARAM,
         "invalid argument: dst is memory of device {} and src of device {}: a copy between two devices needs peer "
         "access, enabled with aclrtDeviceEnablePeerAccess",
         to, from);
  }
}

void RequireSides(aclrtMemcpyKind kind, const CopySide& dst, const CopySide& src, const CopyDevices& devices) {
  const char* operation = MemcpyKindName(kind);
  switch (kind) {
    case ACL_MEMCPY_HOST_TO_DEVICE:
      RequireDevice(dst, operation, devices.current);
      RequireHost(src, operation);
      return;
    case ACL_MEMCPY_DEVICE_TO_HOST:
      RequireHost(dst, operation);
      RequireDevice(src, operation, devices.current);
      return;
    case ACL_MEMCPY_DEVICE_TO_DEVICE:
      RequireDeviceToDevice(dst, src, devices);
      return;
    case ACL_MEMCPY_HOST_TO_HOST:
    default:
      RequireHost(dst, operation);
      RequireHost(src, operation);
      return;
  }
}

}  // namespace aclsim::detail
