// The documented size rules of device allocations, as plain functions of the requested size.
//   aclrtMalloc:        round up to a multiple of 32 bytes, then add 32; start 64-byte aligned.
//   aclrtMallocAlign32: round up to a multiple of 32 bytes only.
// (CANN reference: aclrtMalloc / aclrtMallocAlign32, 功能说明 and 约束说明.)
#pragma once

#include <cstddef>
#include <cstdint>

namespace aclsim {

// Which of the two documented rounding rules an allocation follows.
enum class AllocRule : uint8_t {
  kMalloc,   // aclrtMalloc, aclrtMallocCached: ALIGN_UP(size, 32) + 32
  kAlign32,  // aclrtMallocAlign32: ALIGN_UP(size, 32)
};

// Every device allocation starts on this boundary.
inline constexpr size_t kDeviceAlignment = 64;

constexpr size_t AlignUp(size_t value, size_t alignment) {  // alignment: a power of two
  return (value + alignment - 1) & ~(alignment - 1);
}

// The bytes an allocation of `size` takes from the device (what aclrtGetMemInfo's free drops by).
// `size` must be far below SIZE_MAX (callers reject sizes above the device capacity first).
constexpr size_t RoundedSize(size_t size, AllocRule rule) {
  const size_t aligned = AlignUp(size, 32);
  return rule == AllocRule::kMalloc ? aligned + 32 : aligned;
}

// Whether an aclrtMemMallocPolicy value (possibly OR-ed with a band-width flag, possibly outside
// the enum) asks for huge pages for an allocation of `size`. aclsim only records the answer.
// (CANN reference: aclrtMemMallocPolicy; aclrtMalloc says an out-of-range policy means huge pages
// from 2 MiB up.)
bool PolicyWantsHugePages(uint32_t policy, size_t size);

}  // namespace aclsim
