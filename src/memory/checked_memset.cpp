#include <cstring>

#include "common/error.h"
#include "memory/checked_copy.h"
#include "memory/copy_checks.h"

namespace aclsim {

MemsetPlan ValidateMemset(void* dst, size_t max_count, int32_t value, size_t count, int32_t current_device) {
  ACLSIM_CHECK_ARG(dst != nullptr, "devPtr must not be null");
  ACLSIM_CHECK_ARG(count <= max_count, "count ({}) must not exceed maxCount ({})", count, max_count);
  const detail::CopySide side = detail::DescribeSide("devPtr", dst, count);
  if (side.info.is_device()) {
    detail::RequireDevice(side, "aclrtMemset", current_device);
  } else {
    detail::RequireHost(side, "aclrtMemset");  // host memory is allowed; an aclrtMallocHost block bounds it
  }
  return MemsetPlan{dst, static_cast<unsigned char>(value), count};
}

void RunMemset(const MemsetPlan& plan) {
  if (plan.count != 0) std::memset(plan.dst, plan.value, plan.count);
}

void CheckedMemset(void* dst, size_t max_count, int32_t value, size_t count, int32_t current_device) {
  RunMemset(ValidateMemset(dst, max_count, value, count, current_device));
}

}  // namespace aclsim
