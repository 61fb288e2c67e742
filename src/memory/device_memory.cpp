#include "memory/device_memory.h"

#include <algorithm>
#include <utility>

#include "acl/acl_base.h"
#include "acl/error_codes/rt_error_codes.h"
#include "common/error.h"
#include "common/log.h"
#include "memory/device_registry.h"
#include "memory/host_memory.h"
#include "memory/virtual_memory.h"

namespace aclsim {

using detail::BlockWord;
using detail::kPageShift;
using detail::Span;

namespace {

// Block sizes are packed in 48 bits and the space is twice the capacity.
constexpr size_t kMaxCapacity = size_t{1} << 46;

// The space is twice the capacity, plus a little: a class wastes at most a quarter of its size,
// and the smallest blocks (32 bytes rounded, 64 bytes of address) at most a half, so size classes
// and ordinary fragmentation never refuse what the accounting allows. Unused space costs nothing.
size_t SpaceBytesFor(size_t capacity) { return AlignUp(capacity * 2, detail::kPageBytes) + (size_t{2} << 20); }

size_t CreditChunkFor(size_t capacity) { return std::clamp(capacity / 64, size_t{64} << 10, size_t{16} << 20); }

// Freed blocks above this size are not cached: their pages go back to the OS at once.
constexpr size_t kMaxCachedBlockBytes = size_t{64} << 20;

size_t CheckedCapacity(int32_t device_id, size_t capacity) {
  if (capacity == 0 || capacity > kMaxCapacity) {
    Fail(ACL_ERROR_INVALID_PARAM, "invalid device memory capacity {} for device {} (must be 1 to {} bytes)", capacity,
         device_id, kMaxCapacity);
  }
  return capacity;
}

}  // namespace

class DeviceMemory::AllLocks {
 public:
  explicit AllLocks(DeviceMemory& memory) : memory_(memory) {
    for (Shard& shard : memory_.shards_) shard.mutex.lock();
    memory_.central_mutex_.lock();
  }
  ~AllLocks() {
    memory_.central_mutex_.unlock();
    for (auto it = memory_.shards_.rbegin(); it != memory_.shards_.rend(); ++it) it->mutex.unlock();
  }
  AllLocks(const AllLocks&) = delete;
  AllLocks& operator=(const AllLocks&) = delete;

 private:
  DeviceMemory& memory_;
};

DeviceMemory::DeviceMemory(int32_t device_id, size_t capacity)
    : device_id_(device_id),
      capacity_(CheckedCapacity(device_id, capacity)),
      credit_chunk_(CreditChunkFor(capacity)),
      space_(SpaceBytesFor(capacity)),
      page_map_(space_.bytes() >> kPageShift),
      ranges_(space_.bytes()) {
  static_assert(detail::ClassBytes(kShardClasses - 1) == size_t{16} << 20, "shards cache classes up to 16 MiB");
  static_assert(detail::SizeClassOf(AlignUp(RoundedSize(kMaxCapacity, AllocRule::kMalloc), kDeviceAlignment)) <
                    detail::kNumClasses,
                "every allocation up to the largest capacity has a class");
  detail::RegisterDeviceSpace(this, space_.begin(), space_.end());
}

DeviceMemory::~DeviceMemory() {
  try {
    ReleaseAll();
  } catch (const std::exception& e) {
    Log().error("releasing the memory of device {} failed: {}", device_id_, e.what());
  }
  detail::UnregisterDeviceSpace(this);
}

uint32_t DeviceMemory::ShardOfThisThread() {
  static std::atomic<uint32_t> next{0};
  thread_local const uint32_t shard = next.fetch_add(1, std::memory_order_relaxed) % kShards;
  return shard;
}

namespace {

// How many blocks a shard takes from the central lists at a time, and how many it keeps cached
// before spilling half back: per class, computed once.
struct ClassPolicy {
  uint32_t batch = 1;
  uint32_t cache_limit = 2;
};

constexpr ClassPolicy PolicyOf(uint32_t size_class) {
  ClassPolicy policy;
  const uint32_t blocks = detail::BlocksPerSpan(size_class);
  const size_t bytes = detail::ClassBytes(size_class);
  if (blocks > 1) {
    const auto by_bytes = static_cast<uint32_t>((size_t{64} << 10) / bytes);
    // At least 8: a batch then covers whole cache lines of state words, so blocks of two threads
    // rarely share one.
    policy.batch = std::min(blocks, std::max(8u, std::min(32u, by_bytes)));
  }
  const auto cached = static_cast<uint32_t>((size_t{4} << 20) / bytes);
  policy.cache_limit = std::max(2 * policy.batch, std::min(512u, cached));
  return policy;
}

template <size_t... I>
constexpr std::array<ClassPolicy, sizeof...(I)> MakePolicies(std::index_sequence<I...>) {
  return {PolicyOf(static_cast<uint32_t>(I))...};
}

constexpr auto kClassPolicies = MakePolicies(std::make_index_sequence<detail::kNumClasses>());

}  // namespace

uint32_t DeviceMemory::BatchSize(uint32_t size_class) { return kClassPolicies[size_class].batch; }

uint32_t DeviceMemory::CacheLimit(uint32_t size_class) const { return kClassPolicies[size_class].cache_limit; }

// ---- accounting ------------------------------------------------------------------------------

bool DeviceMemory::TakeCredit(Shard& shard, size_t bytes) {
  const size_t credit = shard.credit.load(std::memory_order_relaxed);
  if (credit >= bytes) {
    shard.credit.store(credit - bytes, std::memory_order_relaxed);
    return true;
  }
  const size_t missing = bytes - credit;
  size_t used = reserved_.load(std::memory_order_relaxed);
  size_t take = 0;
  do {
    const size_t available = capacity_ - used;
    if (available < missing) return false;
    take = std::min(available, missing + credit_chunk_);
  } while (!reserved_.compare_exchange_weak(used, used + take, std::memory_order_relaxed));
  shard.credit.store(credit + take - bytes, std::memory_order_relaxed);
  return true;
}

void DeviceMemory::GiveCredit(Shard& shard, size_t bytes) {
  size_t credit = shard.credit.load(std::memory_order_relaxed) + bytes;
  if (credit > 4 * credit_chunk_) {
    reserved_.fetch_sub(credit - credit_chunk_, std::memory_order_relaxed);
    credit = credit_chunk_;
  }
  shard.credit.store(credit, std::memory_order_relaxed);
}

MemInfo DeviceMemory::Info() const {
  size_t credits = 0;
  for (const Shard& shard : shards_) credits += shard.credit.load(std::memory_order_relaxed);
  const size_t reserved = reserved_.load(std::memory_order_relaxed);
  const size_t used = reserved > credits ? std::min(reserved - credits, capacity_) : 0;
  return {capacity_ - used, capacity_};
}

void DeviceMemory::ChargePhysical(size_t bytes) {
  size_t used = reserved_.load(std::memory_order_relaxed);
  bool charged = false;
  while (bytes <= capacity_ - used) {
    if (reserved_.compare_exchange_weak(used, used + bytes, std::memory_order_relaxed)) {
      charged = true;
      break;
    }
  }
  if (!charged) {
    AllLocks all(*this);
    ReclaimLocked();  // the shards' credit may be what is missing
    used = reserved_.load(std::memory_order_relaxed);
    if (bytes > capacity_ - used) FailOutOfMemory(bytes, bytes, capacity_ - used);
    reserved_.fetch_add(bytes, std::memory_order_relaxed);
  }
  physical_bytes_.fetch_add(bytes, std::memory_order_relaxed);
  physical_count_.fetch_add(1, std::memory_order_relaxed);
}

void DeviceMemory::UnchargePhysical(size_t bytes) {
  reserved_.fetch_sub(bytes, std::memory_order_relaxed);
  physical_bytes_.fetch_sub(bytes, std::memory_order_relaxed);
  physical_count_.fetch_sub(1, std::memory_order_relaxed);
}

void DeviceMemory::FailOutOfMemory(size_t size, size_t rounded, size_t free_bytes) const {
  if (rounded > size) {
    Fail(ACL_ERROR_RT_MEMORY_ALLOCATION,
         "out of memory on device {}: requested {} bytes ({} after rounding), free {} bytes, total {} bytes",
         device_id_, size, rounded, free_bytes, capacity_);
  }
  Fail(ACL_ERROR_RT_MEMORY_ALLOCATION, "out of memory on device {}: requested {} bytes, free {} bytes, total {} bytes",
       device_id_, size, free_bytes, capacity_);
}

// ---- allocate / free -------------------------------------------------------------------------

void* DeviceMemory::Allocate(size_t size, AllocRule rule, uint32_t policy) {
  ACLSIM_CHECK_ARG(size != 0, "size must be greater than 0");
  if (size > capacity_) FailOutOfMemory(size, size, Info().free);
  const size_t rounded = RoundedSize(size, rule);
  const uint32_t size_class = detail::SizeClassOf(AlignUp(rounded, kDeviceAlignment));
  const uint64_t word = BlockWord::Pack(size, rule, PolicyWantsHugePages(policy, size));

  Shard& shard = shards_[ShardOfThisThread()];
  {
    std::unique_lock lock(shard.mutex);
    if (TakeCredit(shard, rounded)) {
      uintptr_t block = 0;
      try {
        if (size_class < kShardClasses) {
          std::vector<uintptr_t>& cache = shard.cache[size_class];
          if (cache.empty()) {
            std::lock_guard central(central_mutex_);
            RefillLocked(shard, size_class);
          }
          if (!cache.empty()) {
            block = cache.back();
            cache.pop_back();
          }
        } else {
          std::lock_guard central(central_mutex_);
          block = TakeBlockLocked(size_class);
        }
      } catch (...) {  // no host memory for the lists: give the credit back, change nothing
        GiveCredit(shard, rounded);
        throw;
      }
      if (block != 0) {
        lock.unlock();
        Publish(block, word);
        return reinterpret_cast<void*>(block);
      }
      GiveCredit(shard, rounded);
    }
  }
  return AllocateSlow(size, rounded, size_class, word);
}

void* DeviceMemory::AllocateSlow(size_t size, size_t rounded, uint32_t size_class, uint64_t word) {
  uintptr_t block = 0;
  {
    AllLocks all(*this);
    ReclaimLocked();
    const size_t used = reserved_.load(std::memory_order_relaxed);
    if (rounded > capacity_ - used) FailOutOfMemory(size, rounded, capacity_ - used);
    block = TakeBlockLocked(size_class);
    if (block == 0) {
      Fail(ACL_ERROR_RT_MEMORY_ALLOCATION,
           "out of memory on device {}: {} bytes are free, but no range of its address space holds the {} bytes "
           "requested (largest free range {} bytes)",
           device_id_, capacity_ - used, rounded, ranges_.largest_free());
    }
    reserved_.fetch_add(rounded, std::memory_order_relaxed);
  }
  Publish(block, word);
  return reinterpret_cast<void*>(block);
}

void DeviceMemory::Publish(uintptr_t block, uint64_t word) {
  const std::optional<BlockRef> ref = FindBlock(block);
  ref->span->state(ref->index).store(word, std::memory_order_release);
}

void DeviceMemory::Free(void* pointer) {
  ACLSIM_CHECK_NOT_NULL(pointer);
  const auto address = reinterpret_cast<uintptr_t>(pointer);
  const std::optional<BlockRef> ref = FindBlock(address);
  if (!ref || ref->base != address) FailFree(address, nullptr);
  const uint64_t word = ref->span->state(ref->index).exchange(0, std::memory_order_acq_rel);
  if (word == 0) FailFree(address, "it was freed already, or never returned by an allocation");

  const uint32_t size_class = ref->span->size_class;
  Shard& shard = shards_[ShardOfThisThread()];
  std::lock_guard lock(shard.mutex);
  if (size_class < kShardClasses) {
    std::vector<uintptr_t>& cache = shard.cache[size_class];
    cache.push_back(address);
    if (cache.size() > CacheLimit(size_class)) {
      std::lock_guard central(central_mutex_);
      SpillLocked(shard, size_class);
    }
  } else {
    std::lock_guard central(central_mutex_);
    ReturnBlockLocked(address);
  }
  GiveCredit(shard, BlockWord::Rounded(word));
}

void DeviceMemory::FailFree(uintptr_t address, const char* why) const {
  if (!space_.Contains(address)) {
    if (const std::optional<int32_t> other = FindDeviceOf(reinterpret_cast<const void*>(address))) {
      Fail(ACL_ERROR_INVALID_PARAM, "invalid argument: pointer {:#x} is memory of device {}, not of device {}", address,
           *other, device_id_);
    }
    if (HostMemory::Instance().Find(reinterpret_cast<const void*>(address))) {
      Fail(ACL_ERROR_INVALID_PARAM,
           "invalid argument: pointer {:#x} is host memory from aclrtMallocHost (free it with aclrtFreeHost), not "
           "device memory",
           address);
    }
    Fail(ACL_ERROR_INVALID_PARAM, "invalid argument: pointer {:#x} is not device memory of device {}", address,
         device_id_);
  }
  if (const std::optional<AllocationInfo> live = Lookup(reinterpret_cast<const void*>(address))) {
    Fail(ACL_ERROR_INVALID_PARAM,
         "invalid argument: pointer {:#x} points {} bytes into the allocation at {} ({} bytes) of device {}; free "
         "the address the allocation returned",
         address, address - reinterpret_cast<uintptr_t>(live->base), live->base, live->size, device_id_);
  }
  Fail(ACL_ERROR_INVALID_PARAM, "invalid argument: pointer {:#x} is not a live allocation of device {}: {}", address,
       device_id_, why != nullptr ? why : "it was freed already, or never returned by an allocation");
}

// ---- lookups ---------------------------------------------------------------------------------

std::optional<DeviceMemory::BlockRef> DeviceMemory::FindBlock(uintptr_t address) const {
  if (!space_.Contains(address)) return std::nullopt;
  Span* span = page_map_.Get((address - space_.begin()) >> kPageShift);
  if (span == nullptr) return std::nullopt;
  const uintptr_t start = span->start.load(std::memory_order_relaxed);
  const uintptr_t offset = address - start;
  if (offset >= span->span_bytes) return std::nullopt;  // a descriptor being moved by a racing release
  const uint32_t index = span->IndexOf(offset);
  if (index >= span->blocks) return std::nullopt;  // the unused tail of a slab
  return BlockRef{span, index, start + index * span->block_bytes};
}

std::optional<AllocationInfo> DeviceMemory::Lookup(const void* address) const {
  const auto a = reinterpret_cast<uintptr_t>(address);
  const std::optional<BlockRef> ref = FindBlock(a);
  if (!ref) return std::nullopt;
  const uint64_t word = ref->span->state(ref->index).load(std::memory_order_acquire);
  if (word == 0) return std::nullopt;
  const size_t rounded = BlockWord::Rounded(word);
  if (a - ref->base >= rounded) return std::nullopt;  // class slack past the allocation's end
  return AllocationInfo{reinterpret_cast<void*>(ref->base), BlockWord::Requested(word), rounded, device_id_,
                        BlockWord::Huge(word)};
}

LeakReport DeviceMemory::Leaks(size_t max_sizes) const {
  std::vector<std::pair<uintptr_t, size_t>> live;
  LeakReport report;
  {
    std::lock_guard central(central_mutex_);
    for (const auto& span : spans_) {
      if (!span->active) continue;
      const uintptr_t start = span->start.load(std::memory_order_relaxed);
      for (uint32_t i = 0; i < span->blocks; ++i) {
        const uint64_t word = span->state(i).load(std::memory_order_acquire);
        if (word == 0) continue;
        live.emplace_back(start + i * span->block_bytes, BlockWord::Requested(word));
        report.bytes += BlockWord::Rounded(word);
      }
    }
  }
  std::sort(live.begin(), live.end());
  report.count = live.size();
  for (size_t i = 0; i < live.size() && i < max_sizes; ++i) report.first_sizes.push_back(live[i].second);
  report.physical_count = physical_count_.load(std::memory_order_relaxed);
  report.physical_bytes = physical_bytes_.load(std::memory_order_relaxed);
  return report;
}

// ---- whole-device operations -----------------------------------------------------------------

size_t DeviceMemory::ReleaseAll() {
  size_t freed = 0;
  {
    AllLocks all(*this);
    size_t bytes = 0;
    for (const auto& span : spans_) {
      if (!span->active) continue;
      for (uint32_t i = 0; i < span->blocks; ++i) {
        const uint64_t word = span->state(i).exchange(0, std::memory_order_acq_rel);
        if (word == 0) continue;
        ++freed;
        bytes += BlockWord::Rounded(word);
        span->free_blocks.push_back(i);
        if (!span->listed) {
          classes_[span->size_class].with_free.push_back(span.get());
          span->listed = true;
        }
      }
    }
    reserved_.fetch_sub(bytes, std::memory_order_relaxed);
    ReclaimLocked();
  }
  VirtualMemory::Instance().ReleaseOwnedBy(this);
  return freed;
}

void DeviceMemory::Trim() {
  AllLocks all(*this);
  ReclaimLocked();
}

// ---- central lists (central_mutex_ held) -----------------------------------------------------

bool DeviceMemory::RefillLocked(Shard& shard, uint32_t size_class) {
  std::vector<uintptr_t>& cache = shard.cache[size_class];
  cache.reserve(CacheLimit(size_class) + 1);  // Free's push_back then never reallocates
  const size_t first = cache.size();
  const uint32_t want = BatchSize(size_class);
  std::vector<Span*>& with_free = classes_[size_class].with_free;
  uint32_t got = 0;
  while (got < want) {
    Span* span = with_free.empty() ? NewSpanLocked(size_class) : with_free.back();
    if (span == nullptr) break;
    const uintptr_t start = span->start.load(std::memory_order_relaxed);
    while (got < want && !span->free_blocks.empty()) {
      cache.push_back(start + span->free_blocks.back() * span->block_bytes);
      span->free_blocks.pop_back();
      ++got;
    }
    if (span->free_blocks.empty()) {
      with_free.pop_back();  // NewSpanLocked lists the new span last, so `span` is the back
      span->listed = false;
    }
  }
  std::reverse(cache.begin() + static_cast<std::ptrdiff_t>(first), cache.end());  // lowest address out first
  return got > 0;
}

uintptr_t DeviceMemory::TakeBlockLocked(uint32_t size_class) {
  std::vector<Span*>& with_free = classes_[size_class].with_free;
  Span* span = with_free.empty() ? NewSpanLocked(size_class) : with_free.back();
  if (span == nullptr) return 0;
  const uintptr_t block = span->start.load(std::memory_order_relaxed) + span->free_blocks.back() * span->block_bytes;
  span->free_blocks.pop_back();
  if (span->free_blocks.empty()) {
    with_free.pop_back();
    span->listed = false;
  }
  return block;
}

void DeviceMemory::ReturnBlockLocked(uintptr_t block) {
  const std::optional<BlockRef> ref = FindBlock(block);
  Span* span = ref->span;
  span->free_blocks.push_back(ref->index);
  if (span->blocks == 1 && span->block_bytes > kMaxCachedBlockBytes) {
    if (span->listed) {
      std::vector<Span*>& with_free = classes_[span->size_class].with_free;
      with_free.erase(std::find(with_free.begin(), with_free.end(), span));
    }
    ReleaseSpanLocked(span);
    return;
  }
  if (!span->listed) {
    classes_[span->size_class].with_free.push_back(span);
    span->listed = true;
  }
}

void DeviceMemory::SpillLocked(Shard& shard, uint32_t size_class) {
  std::vector<uintptr_t>& cache = shard.cache[size_class];
  const size_t keep = CacheLimit(size_class) / 2;
  if (cache.size() <= keep) return;
  const size_t spill = cache.size() - keep;  // the oldest entries: the hot ones are at the back
  for (size_t i = 0; i < spill; ++i) ReturnBlockLocked(cache[i]);
  cache.erase(cache.begin(), cache.begin() + static_cast<std::ptrdiff_t>(spill));
}

Span* DeviceMemory::NewSpanLocked(uint32_t size_class) {
  ClassList& list = classes_[size_class];
  if (list.spare.empty()) {
    spans_.push_back(std::make_unique<Span>(size_class));
    list.spare.push_back(spans_.back().get());
  }
  const size_t bytes = detail::SpanBytes(size_class);
  const std::optional<size_t> offset = ranges_.Take(bytes);
  if (!offset) return nullptr;
  Span* span = list.spare.back();
  list.spare.pop_back();
  span->start.store(space_.begin() + *offset, std::memory_order_relaxed);
  span->free_blocks.clear();
  for (uint32_t i = span->blocks; i-- > 0;) span->free_blocks.push_back(i);
  span->active = true;
  span->listed = true;
  list.with_free.push_back(span);
  page_map_.Set(*offset >> kPageShift, bytes >> kPageShift, span);
  return span;
}

void DeviceMemory::ReleaseSpanLocked(Span* span) {
  const uintptr_t start = span->start.load(std::memory_order_relaxed);
  const size_t offset = start - space_.begin();
  page_map_.Set(offset >> kPageShift, span->span_bytes >> kPageShift, nullptr);
  space_.Discard(start, span->span_bytes);
  ranges_.Give(offset, span->span_bytes);
  span->free_blocks.clear();
  span->active = false;
  span->listed = false;
  classes_[span->size_class].spare.push_back(span);
}

void DeviceMemory::ReclaimLocked() {
  for (Shard& shard : shards_) {
    reserved_.fetch_sub(shard.credit.load(std::memory_order_relaxed), std::memory_order_relaxed);
    shard.credit.store(0, std::memory_order_relaxed);
    for (std::vector<uintptr_t>& cache : shard.cache) {
      for (uintptr_t block : cache) ReturnBlockLocked(block);
      cache.clear();
    }
  }
  for (ClassList& list : classes_) {
    std::vector<Span*> kept;
    for (Span* span : list.with_free) {
      if (span->free_blocks.size() == span->blocks) {
        ReleaseSpanLocked(span);
      } else {
        kept.push_back(span);
      }
    }
    list.with_free = std::move(kept);
  }
}

}  // namespace aclsim
