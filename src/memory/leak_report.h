// What is still allocated when a device is reset or the runtime finalized (ACLSIM_LEAK_CHECK):
// the runtime logs one warning from it, then releases everything.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace aclsim {

struct LeakReport {
  size_t count = 0;                 // live allocations
  size_t bytes = 0;                 // their bytes taken (rounded sizes for device allocations)
  std::vector<size_t> first_sizes;  // requested sizes of the first few, lowest address first
  size_t physical_count = 0;        // device only: physical handles (aclrtMallocPhysical) alive
  size_t physical_bytes = 0;

  bool empty() const { return count == 0 && physical_count == 0; }
  // One line for the log, e.g. "3 allocations, 4160 bytes (sizes 100, 4000, 1, ...)".
  std::string Summary() const;
};

}  // namespace aclsim
