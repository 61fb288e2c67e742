// Best-fit allocation of ranges (offsets and lengths) inside one fixed-size space, with freed
// ranges coalesced with their free neighbours. Knows nothing of memory; the device allocator uses
// it to hand out spans of its reserved address space.
//
// Not thread-safe: DeviceMemory calls it under its central mutex.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <utility>

namespace aclsim::detail {

class RangeAllocator {
 public:
  explicit RangeAllocator(size_t total);

  // The offset of a free range of `length` bytes taken out of the space: the smallest free range
  // that fits, the lowest one among equals. nullopt when none fits.
  std::optional<size_t> Take(size_t length);

  // Returns [offset, offset + length), which must have come from Take (or be part of such a range).
  void Give(size_t offset, size_t length);

  size_t total() const { return total_; }
  size_t free_bytes() const { return free_bytes_; }
  size_t largest_free() const;
  size_t free_range_count() const { return by_offset_.size(); }

 private:
  void Insert(size_t offset, size_t length);
  void Erase(std::map<size_t, size_t>::iterator it);

  size_t total_;
  size_t free_bytes_ = 0;
  std::map<size_t, size_t> by_offset_;           // offset -> length of each free range
  std::set<std::pair<size_t, size_t>> by_size_;  // (length, offset) of the same ranges
};

}  // namespace aclsim::detail
