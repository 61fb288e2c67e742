// Maps each 64 KiB page of a device's address space to the span placed on it (or null), so any
// address, interior or not, finds its block in O(1).
//
// Entries are read with acquire loads and no lock; DeviceMemory writes them under its central
// mutex. The array is a NORESERVE mapping: it costs memory only for the pages of entries touched.
#pragma once

#include <cstddef>

#include "memory/span.h"

namespace aclsim::detail {

class PageMap {
 public:
  explicit PageMap(size_t pages);
  ~PageMap();
  PageMap(const PageMap&) = delete;
  PageMap& operator=(const PageMap&) = delete;

  Span* Get(size_t page) const { return __atomic_load_n(&entries_[page], __ATOMIC_ACQUIRE); }
  void Set(size_t first_page, size_t count, Span* span);

 private:
  Span** entries_ = nullptr;
  size_t pages_ = 0;
};

}  // namespace aclsim::detail
