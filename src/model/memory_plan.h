// Where each activation of a model lives inside the work memory: buffers whose lifetimes do not
// overlap share bytes (ONNX Runtime's allocation planner and TVM's storage rewrite do the same).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace aclsim::model {

// One activation: its size and the first and last execution steps that touch it (inclusive).
struct Lifetime {
  uint64_t size = 0;
  int32_t first = 0;
  int32_t last = 0;
};

struct MemoryPlan {
  std::vector<uint64_t> offsets;  // per Lifetime, a multiple of kWorkAlignment
  uint64_t total = 0;             // bytes of work memory the plan needs
  uint64_t naive = 0;             // the sum of all sizes (no reuse), for reports
};

constexpr uint64_t kWorkAlignment = 64;

// Places the largest buffers first, each at the lowest offset that overlaps no placed buffer
// whose lifetime overlaps its own.
MemoryPlan PlanMemory(const std::vector<Lifetime>& buffers);

}  // namespace aclsim::model
