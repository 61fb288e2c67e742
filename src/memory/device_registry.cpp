#include "memory/device_registry.h"

#include <array>
#include <atomic>
#include <mutex>

#include "acl/error_codes/rt_error_codes.h"
#include "common/error.h"
#include "memory/device_memory.h"

namespace aclsim {
namespace {

struct Slot {
  std::atomic<uintptr_t> begin{0};
  std::atomic<uintptr_t> end{0};  // 0: the slot is empty
  std::atomic<DeviceMemory*> memory{nullptr};
};

struct Registry {
  std::mutex mutex;  // writers only
  std::array<Slot, detail::kMaxDeviceSpaces> slots;
  std::atomic<int> used{0};  // slots [0, used) may be non-empty
};

Registry& TheRegistry() {
  static Registry registry;
  return registry;
}

}  // namespace

DeviceMemory* FindDeviceMemoryOf(const void* address) {
  Registry& registry = TheRegistry();
  const auto a = reinterpret_cast<uintptr_t>(address);
  const int used = registry.used.load(std::memory_order_acquire);
  for (int i = 0; i < used; ++i) {
    const Slot& slot = registry.slots[i];
    if (a < slot.end.load(std::memory_order_acquire) && a >= slot.begin.load(std::memory_order_acquire)) {
      return slot.memory.load(std::memory_order_acquire);
    }
  }
  return nullptr;
}

std::optional<int32_t> FindDeviceOf(const void* address) {
  const DeviceMemory* memory = FindDeviceMemoryOf(address);
  if (memory == nullptr) return std::nullopt;
  return memory->device_id();
}

namespace detail {

void RegisterDeviceSpace(DeviceMemory* memory, uintptr_t begin, uintptr_t end) {
  Registry& registry = TheRegistry();
  std::lock_guard lock(registry.mutex);
  for (int i = 0; i < kMaxDeviceSpaces; ++i) {
    Slot& slot = registry.slots[i];
    if (slot.end.load(std::memory_order_relaxed) != 0) continue;
    slot.memory.store(memory, std::memory_order_release);
    slot.begin.store(begin, std::memory_order_release);
    slot.end.store(end, std::memory_order_release);
    if (registry.used.load(std::memory_order_relaxed) <= i) registry.used.store(i + 1, std::memory_order_release);
    return;
  }
  Fail(ACL_ERROR_RT_RESOURCE_ALLOC_FAIL, "too many device memory spaces at once (at most {})", kMaxDeviceSpaces);
}

void UnregisterDeviceSpace(DeviceMemory* memory) {
  Registry& registry = TheRegistry();
  std::lock_guard lock(registry.mutex);
  for (Slot& slot : registry.slots) {
    if (slot.memory.load(std::memory_order_relaxed) != memory) continue;
    slot.end.store(0, std::memory_order_release);
    slot.begin.store(0, std::memory_order_release);
    slot.memory.store(nullptr, std::memory_order_release);
  }
}

}  // namespace detail
}  // namespace aclsim
