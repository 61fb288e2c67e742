#include "memory/host_memory.h"

#include <cstdlib>
#include <iterator>
#include <mutex>

#include "acl/acl_base.h"
#include "common/error.h"
#include "memory/size_rules.h"

namespace aclsim {

HostMemory& HostMemory::Instance() {
  static HostMemory* instance = new HostMemory;  // never destroyed: usable from static destructors
  return *instance;
}

HostMemory::~HostMemory() { ReleaseAll(); }

void* HostMemory::Allocate(size_t size) {
  ACLSIM_CHECK_ARG(size != 0, "size must be greater than 0");
  void* block = nullptr;
  if (posix_memalign(&block, kDeviceAlignment, size) != 0) {
    Fail(ACL_ERROR_BAD_ALLOC, "out of host memory: cannot allocate {} bytes of host memory", size);
  }
  try {
    std::unique_lock lock(mutex_);
    const auto base = reinterpret_cast<uintptr_t>(block);
    blocks_.emplace(base, size);
    if (base < low_.load(std::memory_order_relaxed)) low_.store(base, std::memory_order_release);
    if (base + size > high_.load(std::memory_order_relaxed)) high_.store(base + size, std::memory_order_release);
  } catch (...) {
    std::free(block);
    throw;
  }
  return block;
}

void HostMemory::Free(void* pointer) {
  ACLSIM_CHECK_NOT_NULL(pointer);
  const auto address = reinterpret_cast<uintptr_t>(pointer);
  {
    std::unique_lock lock(mutex_);
    auto it = blocks_.find(address);
    if (it != blocks_.end()) {
      blocks_.erase(it);
      lock.unlock();
      std::free(pointer);
      return;
    }
  }
  if (const std::optional<HostBlock> block = Find(pointer)) {
    Fail(ACL_ERROR_INVALID_PARAM,
         "invalid argument: pointer {:#x} points {} bytes into the host block at {} ({} bytes); free the address "
         "aclrtMallocHost returned",
         address, address - reinterpret_cast<uintptr_t>(block->base), block->base, block->size);
  }
  Fail(ACL_ERROR_INVALID_PARAM,
       "invalid argument: pointer {:#x} is not a live aclrtMallocHost block: it was freed already, or never returned "
       "by aclrtMallocHost",
       address);
}

std::optional<HostBlock> HostMemory::Find(const void* address) const {
  const auto a = reinterpret_cast<uintptr_t>(address);
  if (a < low_.load(std::memory_order_acquire) || a >= high_.load(std::memory_order_acquire)) return std::nullopt;
  std::shared_lock lock(mutex_);
  auto it = blocks_.upper_bound(a);
  if (it == blocks_.begin()) return std::nullopt;
  --it;
  if (a - it->first >= it->second) return std::nullopt;
  return HostBlock{reinterpret_cast<void*>(it->first), it->second};
}

LeakReport HostMemory::Leaks(size_t max_sizes) const {
  LeakReport report;
  std::shared_lock lock(mutex_);
  report.count = blocks_.size();
  for (const auto& [base, size] : blocks_) {
    report.bytes += size;
    if (report.first_sizes.size() < max_sizes) report.first_sizes.push_back(size);
  }
  return report;
}

size_t HostMemory::ReleaseAll() {
  std::map<uintptr_t, size_t> blocks;
  {
    std::unique_lock lock(mutex_);
    blocks.swap(blocks_);
  }
  for (const auto& [base, size] : blocks) std::free(reinterpret_cast<void*>(base));
  return blocks.size();
}

}  // namespace aclsim
