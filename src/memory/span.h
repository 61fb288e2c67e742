// A span: whole pages of a device's address space holding equal blocks of one size class (many
// for a slab, one for a large block), with one state word per block:
//   0             the block is not live (cached, or never handed out)
//   anything else the block is live: its requested size and how it was allocated (BlockWord)
//
// Descriptors are type-stable: once made they live as long as their DeviceMemory, and are only
// reused for spans of the same class, so a racing lookup through a stale page-map entry reads a
// valid descriptor (and a zero state), never freed memory.
//
// Locking: `start` and the state words are atomics, read without a lock; `free_blocks`, `listed`
// and `active` belong to the central lists and are guarded by DeviceMemory's central mutex.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "memory/size_classes.h"
#include "memory/size_rules.h"

namespace aclsim::detail {

// The state word of a live block: requested size (48 bits), rounding rule, huge-page flag.
struct BlockWord {
  static constexpr unsigned kSizeBits = 48;
  static constexpr uint64_t kSizeMask = (uint64_t{1} << kSizeBits) - 1;
  static constexpr uint64_t kAlign32Bit = uint64_t{1} << 48;
  static constexpr uint64_t kHugeBit = uint64_t{1} << 49;

  static uint64_t Pack(size_t size, AllocRule rule, bool huge) {
    return (size & kSizeMask) | (rule == AllocRule::kAlign32 ? kAlign32Bit : 0) | (huge ? kHugeBit : 0);
  }
  static size_t Requested(uint64_t word) { return static_cast<size_t>(word & kSizeMask); }
  static AllocRule Rule(uint64_t word) { return (word & kAlign32Bit) ? AllocRule::kAlign32 : AllocRule::kMalloc; }
  static bool Huge(uint64_t word) { return (word & kHugeBit) != 0; }
  static size_t Rounded(uint64_t word) { return RoundedSize(Requested(word), Rule(word)); }
};

// Eight state words on their own cache line, so blocks of different spans never share one.
struct alignas(64) StateLine {
  std::atomic<uint64_t> word[8];
};

struct alignas(64) Span {
  explicit Span(uint32_t cls);

  std::atomic<uint64_t>& state(uint32_t index) const { return states[index / 8].word[index % 8]; }

  // Index of the block containing byte `offset` of the span (offset < SpanBytes). Slabs use a
  // multiply-shift instead of a division: exact because offset < 2^22 and block >= 64.
  uint32_t IndexOf(uintptr_t offset) const {
    return blocks == 1 ? 0 : static_cast<uint32_t>((offset * index_magic) >> 48);
  }

  const uint32_t size_class;
  const uint32_t blocks;
  const size_t block_bytes;
  const size_t span_bytes;
  const uint64_t index_magic;
  std::unique_ptr<StateLine[]> states;

  std::atomic<uintptr_t> start{0};

  // Central lists (central mutex).
  std::vector<uint32_t> free_blocks;  // not live and in no shard's cache
  bool listed = false;                // in its class's list of spans with free blocks
  bool active = false;                // currently placed in the address space
};

}  // namespace aclsim::detail
