#include "memory/checked_copy.h"

#include <cstring>
#include <type_traits>

#include "common/error.h"
#include "memory/copy_checks.h"

namespace aclsim {

const char* MemcpyKindName(aclrtMemcpyKind kind) {
  std::underlying_type_t<aclrtMemcpyKind> raw;
  std::memcpy(&raw, &kind, sizeof raw);  // any integer a C caller passed
  switch (raw) {
    case ACL_MEMCPY_HOST_TO_HOST:
      return "ACL_MEMCPY_HOST_TO_HOST";
    case ACL_MEMCPY_HOST_TO_DEVICE:
      return "ACL_MEMCPY_HOST_TO_DEVICE";
    case ACL_MEMCPY_DEVICE_TO_HOST:
      return "ACL_MEMCPY_DEVICE_TO_HOST";
    case ACL_MEMCPY_DEVICE_TO_DEVICE:
      return "ACL_MEMCPY_DEVICE_TO_DEVICE";
    case ACL_MEMCPY_DEFAULT:
      return "ACL_MEMCPY_DEFAULT";
  }
  return "an invalid kind";
}

CopyPlan ValidateMemcpy(void* dst, size_t dest_max, const void* src, size_t count, aclrtMemcpyKind kind,
                        const CopyDevices& devices) {
  ACLSIM_CHECK_ARG(dst != nullptr, "dst must not be null");
  ACLSIM_CHECK_ARG(src != nullptr, "src must not be null");
  ACLSIM_CHECK_ARG(count <= dest_max, "count ({}) must not exceed destMax ({})", count, dest_max);
  const detail::CopySide to = detail::DescribeSide("dst", dst, count);
  const detail::CopySide from = detail::DescribeSide("src", src, count);
  const aclrtMemcpyKind resolved = detail::ResolveKind(kind, to, from);
  detail::RequireSides(resolved, to, from, devices);
  return CopyPlan{dst, src, count, resolved};
}

void RunMemcpy(const CopyPlan& plan) {
  // memmove: a device-to-device copy may overlap inside one allocation.
  if (plan.count != 0) std::memmove(plan.dst, plan.src, plan.count);
}

void CheckedMemcpy(void* dst, size_t dest_max, const void* src, size_t count, aclrtMemcpyKind kind,
                   const CopyDevices& devices) {
  RunMemcpy(ValidateMemcpy(dst, dest_max, src, count, kind, devices));
}

}  // namespace aclsim
