// Size classes of the caching allocator (internal to src/memory).
//
// A block's footprint (its rounded size aligned up to 64 bytes) is served from the smallest class
// that holds it: 64, 128, 192, 256, then four classes per power of two (320, 384, 448, 512, 640,
// ...), so a class wastes at most a quarter of its size. The waste is address space only: the
// device's accounting uses the exact rounded size, and pages are resident only once touched.
//
// Small classes are carved from "slabs" (spans holding many equal blocks); from 320 KiB up every
// block is its own span. Spans are whole pages of the page map (kPageBytes).
#pragma once

#include <cstddef>
#include <cstdint>

#include "memory/size_rules.h"

namespace aclsim::detail {

inline constexpr unsigned kPageShift = 16;  // page-map granularity: 64 KiB
inline constexpr size_t kPageBytes = size_t{1} << kPageShift;

inline constexpr uint32_t kNumClasses = 160;             // enough for footprints up to 2^47 bytes
inline constexpr size_t kMaxSlabClassBytes = 256 << 10;  // larger classes: one block per span
inline constexpr size_t kSmallSlabBytes = kPageBytes;    // span of classes up to 8 KiB
inline constexpr uint32_t kBlocksPerMediumSlab = 8;      // classes from 8 KiB to 256 KiB

constexpr uint32_t SizeClassOf(size_t footprint) {  // footprint >= 1
  if (footprint <= 256) return static_cast<uint32_t>((footprint + 63) / 64 - 1);
  const unsigned k = 63u - static_cast<unsigned>(__builtin_clzll(footprint - 1));  // 2^k < f <= 2^(k+1)
  const size_t step = size_t{1} << (k - 2);
  const size_t rounded = AlignUp(footprint, step);
  return static_cast<uint32_t>(4 + (k - 8) * 4 + (rounded - (size_t{1} << k)) / step - 1);
}

constexpr size_t ClassBytes(uint32_t size_class) {
  if (size_class < 4) return (size_class + 1) * size_t{64};
  const unsigned k = 8 + (size_class - 4) / 4;
  const unsigned quarter = (size_class - 4) % 4 + 1;
  return (size_t{1} << k) + quarter * (size_t{1} << (k - 2));
}

// Bytes of address space one span of this class occupies.
constexpr size_t SpanBytes(uint32_t size_class) {
  const size_t block = ClassBytes(size_class);
  if (block <= 8192) return kSmallSlabBytes;
  if (block <= kMaxSlabClassBytes) return AlignUp(block * kBlocksPerMediumSlab, kPageBytes);
  return block;  // a multiple of kPageBytes for every class above 256 KiB
}

constexpr uint32_t BlocksPerSpan(uint32_t size_class) {
  return static_cast<uint32_t>(SpanBytes(size_class) / ClassBytes(size_class));
}

}  // namespace aclsim::detail
