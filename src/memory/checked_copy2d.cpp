#include <cstdint>
#include <cstring>

#include "common/error.h"
#include "memory/checked_copy.h"
#include "memory/copy_checks.h"

namespace aclsim {
namespace {

// Bytes from the first row's start to the last row's end: (height - 1) * pitch + width.
size_t Extent(const char* pitch_name, size_t pitch, size_t width, size_t height) {
  if (height - 1 > (SIZE_MAX - width) / pitch) {
    Fail(ACL_ERROR_INVALID_PARAM, "invalid argument: {} rows of {} ({}) bytes overflow the address space", height,
         pitch_name, pitch);
  }
  return (height - 1) * pitch + width;
}

}  // namespace

Copy2dPlan ValidateMemcpy2d(void* dst, size_t dpitch, const void* src, size_t spitch, size_t width, size_t height,
                            aclrtMemcpyKind kind, const CopyDevices& devices) {
  ACLSIM_CHECK_ARG(dst != nullptr, "dst must not be null");
  ACLSIM_CHECK_ARG(src != nullptr, "src must not be null");
  ACLSIM_CHECK_ARG(width != 0 && height != 0, "width ({}) and height ({}) must be greater than 0", width, height);
  ACLSIM_CHECK_ARG(width <= dpitch, "width ({}) must not exceed dpitch ({})", width, dpitch);
  ACLSIM_CHECK_ARG(width <= spitch, "width ({}) must not exceed spitch ({})", width, spitch);
  const detail::CopySide to = detail::DescribeSide("dst", dst, Extent("dpitch", dpitch, width, height));
  const detail::CopySide from = detail::DescribeSide("src", src, Extent("spitch", spitch, width, height));
  const aclrtMemcpyKind resolved = detail::ResolveKind(kind, to, from);
  // (CANN reference: aclrtMemcpy2d, 约束说明: only these two kinds are supported.)
  ACLSIM_CHECK_ARG(resolved == ACL_MEMCPY_HOST_TO_DEVICE || resolved == ACL_MEMCPY_DEVICE_TO_HOST,
                   "kind {}{} is not supported by aclrtMemcpy2d, which copies ACL_MEMCPY_HOST_TO_DEVICE or "
                   "ACL_MEMCPY_DEVICE_TO_HOST only",
                   MemcpyKindName(resolved), kind == ACL_MEMCPY_DEFAULT ? " (inferred from ACL_MEMCPY_DEFAULT)" : "");
  detail::RequireSides(resolved, to, from, devices);
  return Copy2dPlan{dst, dpitch, src, spitch, width, height, resolved};
}

void RunMemcpy2d(const Copy2dPlan& plan) {
  auto* to = static_cast<unsigned char*>(plan.dst);
  const auto* from = static_cast<const unsigned char*>(plan.src);
  if (plan.dpitch == plan.width && plan.spitch == plan.width) {
    std::memcpy(to, from, plan.width * plan.height);
    return;
  }
  for (size_t row = 0; row < plan.height; ++row)
    std::memcpy(to + row * plan.dpitch, from + row * plan.spitch, plan.width);
}

void CheckedMemcpy2d(void* dst, size_t dpitch, const void* src, size_t spitch, size_t width, size_t height,
                     aclrtMemcpyKind kind, const CopyDevices& devices) {
  RunMemcpy2d(ValidateMemcpy2d(dst, dpitch, src, spitch, width, height, kind, devices));
}

}  // namespace aclsim
