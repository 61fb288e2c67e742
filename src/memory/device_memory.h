// One simulated device's memory: a reserved range of address space (AddressSpace), a caching
// allocator over it, the registry that resolves any address in it (interior ones too) to its live
// allocation, and exact accounting for aclrtGetMemInfo.
//
// Allocator structure (see README.md for the why):
//   shards      per-thread-ish caches: a thread always uses the same shard (threads are spread
//               round-robin over kShards), holding freed blocks per size class and a credit of
//               bytes pre-charged against the capacity. Allocate/Free touch only their shard.
//   central     per-class lists of spans with free blocks, span descriptors, the range allocator
//               over the address space and the page map writes. Reached on cache misses/spills.
//   pressure    when a request does not fit (no credit left, or no range for a new span), every
//               shard's cache and credit go back to the central lists, wholly free spans go back
//               to the space (coalesced) with their pages dropped (MADV_DONTNEED), and the request
//               is decided exactly against the capacity.
//
// Accounting: used = the rounded sizes of live allocations + physical handles charged to this
// device; Info().free = capacity - used. `reserved_` counts used + the shards' unused credit, and
// never exceeds the capacity.
//
// Thread safety: every public method may be called from any thread.
//   - Shard::mutex guards that shard's caches and credit value.
//   - central_mutex_ guards the central lists, span descriptors (their central fields), ranges_
//     and page-map writes.
//   - Lock order: shards in index order, then central_mutex_. Only the slow paths (pressure, Trim,
//     ReleaseAll) hold more than one shard.
//   - Lookups (Lookup, the validation half of Free, Contains) take no lock: page-map entries and
//     block state words are atomics, and span descriptors are never freed before the DeviceMemory.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "memory/address_space.h"
#include "memory/leak_report.h"
#include "memory/page_map.h"
#include "memory/range_allocator.h"
#include "memory/size_rules.h"
#include "memory/span.h"

namespace aclsim {

// A live device allocation, as resolved from any address inside it.
struct AllocationInfo {
  void* base = nullptr;
  size_t size = 0;          // as requested
  size_t rounded_size = 0;  // what it takes from the device; [base, base + rounded_size) is usable
  int32_t device_id = -1;
  bool huge_pages = false;  // what the aclrtMemMallocPolicy asked for (recorded only)
};

// aclrtGetMemInfo's two numbers.
struct MemInfo {
  size_t free = 0;
  size_t total = 0;
};

class DeviceMemory {
 public:
  // Reserves address space for `capacity` bytes of device memory (more than that, so that size
  // classes and fragmentation never refuse a request the accounting allows; see README.md) and
  // makes the space known to FindDeviceOf. Throws Error on a zero or absurd capacity, or when the
  // address space cannot be reserved.
  DeviceMemory(int32_t device_id, size_t capacity);
  ~DeviceMemory();  // releases everything still allocated, physical handles included
  DeviceMemory(const DeviceMemory&) = delete;
  DeviceMemory& operator=(const DeviceMemory&) = delete;

  // aclrtMalloc (kMalloc) / aclrtMallocAlign32 (kAlign32). `policy` is any aclrtMemMallocPolicy
  // value; it is recorded, never rejected. Returns a 64-byte aligned address. Throws
  // Error(ACL_ERROR_INVALID_PARAM) for size 0 and Error(ACL_ERROR_RT_MEMORY_ALLOCATION) (naming
  // requested, free and total bytes) when the rounded size exceeds the free memory; on error
  // nothing observable changes.
  void* Allocate(size_t size, AllocRule rule = AllocRule::kMalloc, uint32_t policy = 0);

  // aclrtFree. Throws Error(ACL_ERROR_INVALID_PARAM) naming the pointer when it is not the base
  // of a live allocation of this device (unknown, interior, already freed, another device's).
  void Free(void* pointer);

  // The live allocation containing `address` ([base, base + rounded_size)), or nullopt.
  std::optional<AllocationInfo> Lookup(const void* address) const;

  // Whether `address` lies in this device's address space, live or not.
  bool Contains(const void* address) const { return space_.Contains(reinterpret_cast<uintptr_t>(address)); }

  MemInfo Info() const;

  // The live allocations (and physical handles charged to this device): count, bytes, and the
  // requested sizes of the first `max_sizes` by address.
  LeakReport Leaks(size_t max_sizes = 8) const;

  // Frees every live allocation and physical handle of this device and returns all cached memory
  // to the space. Returns the number of allocations freed (physical handles not counted).
  size_t ReleaseAll();

  // Returns every cached block to the space and its pages to the OS (what pressure does).
  void Trim();

  // Physical handles (aclrtMallocPhysical) take device memory too. ChargePhysical throws
  // Error(ACL_ERROR_RT_MEMORY_ALLOCATION) when `bytes` exceed the free memory.
  void ChargePhysical(size_t bytes);
  void UnchargePhysical(size_t bytes);

  int32_t device_id() const { return device_id_; }
  size_t capacity() const { return capacity_; }

 private:
  static constexpr uint32_t kShards = 16;
  static constexpr uint32_t kShardClasses = 68;  // classes up to 16 MiB are cached per shard

  struct alignas(64) Shard {
    std::mutex mutex;
    std::atomic<size_t> credit{0};  // written under `mutex`; Info() reads it without
    std::array<std::vector<uintptr_t>, kShardClasses> cache;
  };

  struct ClassList {
    std::vector<detail::Span*> with_free;  // active spans whose free_blocks is not empty
    std::vector<detail::Span*> spare;      // inactive descriptors for reuse
  };

  class AllLocks;  // every shard, then central_mutex_

  static uint32_t ShardOfThisThread();
  uint32_t CacheLimit(uint32_t size_class) const;
  static uint32_t BatchSize(uint32_t size_class);

  // Accounting (shard mutex held).
  bool TakeCredit(Shard& shard, size_t bytes);
  void GiveCredit(Shard& shard, size_t bytes);

  // The block a pointer designates: its span and index, after the checks Free and Lookup share.
  struct BlockRef {
    detail::Span* span = nullptr;
    uint32_t index = 0;
    uintptr_t base = 0;
  };
  std::optional<BlockRef> FindBlock(uintptr_t address) const;
  [[noreturn]] void FailFree(uintptr_t address, const char* why) const;
  [[noreturn]] void FailOutOfMemory(size_t size, size_t rounded, size_t free_bytes) const;

  void Publish(uintptr_t block, uint64_t word);
  void* AllocateSlow(size_t size, size_t rounded, uint32_t size_class, uint64_t word);

  // Central (central_mutex_ held).
  bool RefillLocked(Shard& shard, uint32_t size_class);
  uintptr_t TakeBlockLocked(uint32_t size_class);  // 0 when no range is left for a new span
  void ReturnBlockLocked(uintptr_t block);
  void SpillLocked(Shard& shard, uint32_t size_class);
  detail::Span* NewSpanLocked(uint32_t size_class);
  void ReleaseSpanLocked(detail::Span* span);
  void ReclaimLocked();  // every shard and central held: caches and credit back, free spans out

  const int32_t device_id_;
  const size_t capacity_;
  const size_t credit_chunk_;  // how much credit a shard takes from reserved_ at a time
  detail::AddressSpace space_;
  detail::PageMap page_map_;

  std::atomic<size_t> reserved_{0};
  std::atomic<size_t> physical_bytes_{0};
  std::atomic<size_t> physical_count_{0};

  std::array<Shard, kShards> shards_;

  mutable std::mutex central_mutex_;
  detail::RangeAllocator ranges_;
  std::array<ClassList, detail::kNumClasses> classes_;
  std::vector<std::unique_ptr<detail::Span>> spans_;  // every descriptor ever made
};

}  // namespace aclsim
