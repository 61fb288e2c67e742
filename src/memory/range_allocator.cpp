#include "memory/range_allocator.h"

#include <iterator>

namespace aclsim::detail {

RangeAllocator::RangeAllocator(size_t total) : total_(total) {
  if (total > 0) Insert(0, total);
}

std::optional<size_t> RangeAllocator::Take(size_t length) {
  auto fit = by_size_.lower_bound({length, 0});
  if (length == 0 || fit == by_size_.end()) return std::nullopt;
  const auto [free_length, offset] = *fit;
  Erase(by_offset_.find(offset));
  if (free_length > length) Insert(offset + length, free_length - length);
  return offset;
}

void RangeAllocator::Give(size_t offset, size_t length) {
  if (length == 0) return;
  size_t begin = offset;
  size_t end = offset + length;
  auto next = by_offset_.lower_bound(offset);
  if (next != by_offset_.begin()) {
    auto prev = std::prev(next);
    if (prev->first + prev->second == begin) {
      begin = prev->first;
      Erase(prev);
    }
  }
  if (next != by_offset_.end() && next->first == end) {
    end += next->second;
    Erase(next);
  }
  Insert(begin, end - begin);
}

size_t RangeAllocator::largest_free() const { return by_size_.empty() ? 0 : by_size_.rbegin()->first; }

void RangeAllocator::Insert(size_t offset, size_t length) {
  by_offset_.emplace(offset, length);
  by_size_.emplace(length, offset);
  free_bytes_ += length;
}

void RangeAllocator::Erase(std::map<size_t, size_t>::iterator it) {
  by_size_.erase({it->second, it->first});
  free_bytes_ -= it->second;
  by_offset_.erase(it);
}

}  // namespace aclsim::detail
