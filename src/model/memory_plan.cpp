#include "model/memory_plan.h"

#include <algorithm>
#include <numeric>

namespace aclsim::model {
namespace {

uint64_t AlignUp(uint64_t value) { return (value + kWorkAlignment - 1) / kWorkAlignment * kWorkAlignment; }

bool LifetimesOverlap(const Lifetime& a, const Lifetime& b) { return a.first <= b.last && b.first <= a.last; }

}  // namespace

MemoryPlan PlanMemory(const std::vector<Lifetime>& buffers) {
  MemoryPlan plan;
  plan.offsets.assign(buffers.size(), 0);
  std::vector<size_t> order(buffers.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return buffers[a].size > buffers[b].size; });

  std::vector<size_t> placed;
  struct Busy {
    uint64_t begin, end;
  };
  std::vector<Busy> busy;
  for (size_t index : order) {
    const Lifetime& buffer = buffers[index];
    const uint64_t size = AlignUp(std::max<uint64_t>(buffer.size, 1));
    plan.naive += size;
    // The byte ranges taken, for this buffer's lifetime, by buffers placed before it.
    busy.clear();
    for (size_t other : placed) {
      if (LifetimesOverlap(buffer, buffers[other])) {
        busy.push_back({plan.offsets[other], plan.offsets[other] + AlignUp(std::max<uint64_t>(buffers[other].size, 1))});
      }
    }
    std::sort(busy.begin(), busy.end(), [](const Busy& a, const Busy& b) { return a.begin < b.begin; });
    uint64_t offset = 0;
    for (const Busy& range : busy) {
      if (offset + size <= range.begin) break;
      offset = std::max(offset, range.end);
    }
    plan.offsets[index] = offset;
    plan.total = std::max(plan.total, offset + size);
    placed.push_back(index);
  }
  return plan;
}

}  // namespace aclsim::model
