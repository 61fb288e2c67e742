// Host memory from aclrtMallocHost / aclrtFreeHost: 64-byte aligned blocks, registered so that a
// range check can tell "inside a live host allocation" from "arbitrary user host memory" (the
// checked copies bound a range to its block only in the first case).
//
// Process-wide (Instance()); separate instances exist only for tests. `mutex_` (a shared mutex)
// guards `blocks_`: lookups take it shared, Allocate/Free/ReleaseAll exclusive. `low_` and `high_`
// (written under `mutex_`, only ever widened) bound every block there has been, so a lookup of
// ordinary host memory outside them takes no lock.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <shared_mutex>

#include "memory/leak_report.h"

namespace aclsim {

struct HostBlock {
  void* base = nullptr;
  size_t size = 0;
};

class HostMemory {
 public:
  static HostMemory& Instance();

  HostMemory() = default;
  ~HostMemory();  // frees what is left
  HostMemory(const HostMemory&) = delete;
  HostMemory& operator=(const HostMemory&) = delete;

  // aclrtMallocHost. Throws Error(ACL_ERROR_INVALID_PARAM) for size 0 and
  // Error(ACL_ERROR_BAD_ALLOC) when the host has no memory for it.
  void* Allocate(size_t size);

  // aclrtFreeHost. Throws Error(ACL_ERROR_INVALID_PARAM) naming the pointer when it is not the
  // base of a live block (unknown, interior, already freed).
  void Free(void* pointer);

  // The live block containing `address`, or nullopt.
  std::optional<HostBlock> Find(const void* address) const;

  LeakReport Leaks(size_t max_sizes = 8) const;
  size_t ReleaseAll();  // frees every block; returns how many

 private:
  mutable std::shared_mutex mutex_;
  std::map<uintptr_t, size_t> blocks_;  // base -> size
  std::atomic<uintptr_t> low_{UINTPTR_MAX};
  std::atomic<uintptr_t> high_{0};
};

}  // namespace aclsim
