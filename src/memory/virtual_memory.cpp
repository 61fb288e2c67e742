#include "memory/virtual_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iterator>
#include <mutex>
#include <type_traits>
#include <vector>

#include "acl/error_codes/rt_error_codes.h"
#include "common/error.h"
#include "common/log.h"
#include "memory/device_memory.h"
#include "memory/size_rules.h"

namespace aclsim {
namespace {

constexpr int kReserveFlags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;

bool IsPowerOfTwo(size_t value) { return value != 0 && (value & (value - 1)) == 0; }

// The integer a C caller stored in an enum field, read without loading it as the enum (a value
// outside the enum's range would be undefined behaviour in C++).
template <typename Enum>
int64_t Raw(const Enum& field) {
  std::underlying_type_t<Enum> value;
  std::memcpy(&value, &field, sizeof value);
  return static_cast<int64_t>(value);
}

}  // namespace

VirtualMemory& VirtualMemory::Instance() {
  static VirtualMemory* instance = new VirtualMemory;  // never destroyed: usable from static destructors
  return *instance;
}

VirtualMemory::~VirtualMemory() { ReleaseAll(); }

size_t VirtualMemory::Granularity(const aclrtPhysicalMemProp* prop, aclrtMemGranularityOptions option) {
  ACLSIM_CHECK_ARG(prop != nullptr, "prop must not be null");
  const int64_t raw_option = Raw(option);
  ACLSIM_CHECK_ARG(
      raw_option == ACL_RT_MEM_ALLOC_GRANULARITY_MINIMUM || raw_option == ACL_RT_MEM_ALLOC_GRANULARITY_RECOMMENDED,
      "option ({}) must be ACL_RT_MEM_ALLOC_GRANULARITY_MINIMUM or ACL_RT_MEM_ALLOC_GRANULARITY_RECOMMENDED",
      raw_option);
  return kVmmGranularity;  // "当前只支持2M" for both options
}

// ---- reservations ----------------------------------------------------------------------------

void* VirtualMemory::Reserve(size_t size, size_t alignment, void* expected, uint64_t flags) {
  ACLSIM_CHECK_ARG(size != 0 && size % kVmmGranularity == 0,
                   "size ({}) must be a non-zero multiple of the allocation granularity ({} bytes)", size,
                   kVmmGranularity);
  ACLSIM_CHECK_ARG(alignment == 0 || (IsPowerOfTwo(alignment) && alignment % kVmmGranularity == 0),
                   "alignment ({}) must be 0 or a power-of-two multiple of the allocation granularity ({} bytes)",
                   alignment, kVmmGranularity);
  ACLSIM_CHECK_ARG(flags == 0 || flags == 1, "flags ({}) must be 0 (normal pages) or 1 (huge pages)", flags);
  ACLSIM_CHECK_ARG(size <= (size_t{1} << 46), "size ({}) is larger than any address space", size);
  const size_t align = std::max(alignment, kVmmGranularity);
  const auto wanted = reinterpret_cast<uintptr_t>(expected);

  uintptr_t base = 0;
  if (expected != nullptr) {
    if (wanted % align != 0) {
      Fail(ACL_ERROR_RT_PARAM_INVALID, "invalid argument: expectPtr {} is not aligned to {} bytes", expected, align);
    }
    void* got = mmap(expected, size, PROT_NONE, kReserveFlags | MAP_FIXED_NOREPLACE, -1, 0);
    if (got != expected) {
      if (got != MAP_FAILED) munmap(got, size);  // a kernel that treats the address as a hint only
      Fail(ACL_ERROR_RT_MEMORY_ALLOCATION, "cannot reserve {} bytes at expectPtr {}: the range is already in use", size,
           expected);
    }
    base = wanted;
  } else {
    const size_t total = size + align;
    void* got = mmap(nullptr, total, PROT_NONE, kReserveFlags, -1, 0);
    if (got == MAP_FAILED) {
      Fail(ACL_ERROR_RT_MEMORY_ALLOCATION, "cannot reserve {} bytes of address space: {}", size, std::strerror(errno));
    }
    const auto raw = reinterpret_cast<uintptr_t>(got);
    base = AlignUp(raw, align);
    if (base > raw) munmap(got, base - raw);
    if (raw + total > base + size) munmap(reinterpret_cast<void*>(base + size), raw + total - (base + size));
  }
  std::unique_lock lock(mutex_);
  reservations_.emplace(base, Reservation{size, flags});
  reservation_count_.store(reservations_.size(), std::memory_order_release);
  return reinterpret_cast<void*>(base);
}

void VirtualMemory::Release(void* address) {
  ACLSIM_CHECK_ARG(address != nullptr, "virPtr must not be null");
  const auto a = reinterpret_cast<uintptr_t>(address);
  std::unique_lock lock(mutex_);
  auto it = reservations_.find(a);
  if (it == reservations_.end()) {
    Fail(ACL_ERROR_INVALID_PARAM,
         "invalid argument: virPtr {} is not the base of a reserved range (released already, or not from "
         "aclrtReserveMemAddress)",
         address);
  }
  const size_t size = it->second.size;
  auto mapped = mappings_.lower_bound(a);
  if (mapped != mappings_.end() && mapped->first < a + size) {
    Fail(ACL_ERROR_INVALID_PARAM,
         "invalid argument: the range reserved at virPtr {} still has physical memory mapped at {:#x}; unmap it "
         "first (aclrtUnmapMem)",
         address, mapped->first);
  }
  munmap(address, size);
  reservations_.erase(it);
  reservation_count_.store(reservations_.size(), std::memory_order_release);
}

std::map<uintptr_t, VirtualMemory::Reservation>::const_iterator VirtualMemory::ReservationOfLocked(uintptr_t address,
                                                                                                   size_t size) const {
  auto it = reservations_.upper_bound(address);
  if (it == reservations_.begin()) return reservations_.end();
  --it;
  const uintptr_t end = it->first + it->second.size;
  if (address >= end || size > end - address) return reservations_.end();
  return it;
}

bool VirtualMemory::IsReserved(const void* address) const {
  if (reservation_count_.load(std::memory_order_acquire) == 0) return false;
  std::shared_lock lock(mutex_);
  return ReservationOfLocked(reinterpret_cast<uintptr_t>(address), 1) != reservations_.end();
}

// ---- physical handles ------------------------------------------------------------------------

aclrtDrvMemHandle VirtualMemory::AllocatePhysical(size_t size, const aclrtPhysicalMemProp& prop, uint64_t flags,
                                                  DeviceMemory& device) {
  ACLSIM_CHECK_ARG(size != 0 && size % kVmmGranularity == 0,
                   "size ({}) must be a non-zero multiple of the allocation granularity ({} bytes)", size,
                   kVmmGranularity);
  ACLSIM_CHECK_ARG(flags == 0, "flags ({}) must be 0", flags);
  const int64_t handle_type = Raw(prop.handleType);
  const int64_t allocation_type = Raw(prop.allocationType);
  const int64_t mem_attr = Raw(prop.memAttr);
  const int64_t location_type = Raw(prop.location.type);
  ACLSIM_CHECK_ARG(handle_type == ACL_MEM_HANDLE_TYPE_NONE, "prop->handleType ({}) must be ACL_MEM_HANDLE_TYPE_NONE",
                   handle_type);
  ACLSIM_CHECK_ARG(allocation_type == ACL_MEM_ALLOCATION_TYPE_PINNED,
                   "prop->allocationType ({}) must be ACL_MEM_ALLOCATION_TYPE_PINNED", allocation_type);
  ACLSIM_CHECK_ARG(mem_attr >= ACL_DDR_MEM && mem_attr <= ACL_HBM_MEM_P2P_NORMAL,
                   "prop->memAttr ({}) is not an aclrtMemAttr value", mem_attr);
  if (location_type == ACL_MEM_LOCATION_TYPE_HOST) {
    Fail(ACL_ERROR_FEATURE_UNSUPPORTED,
         "aclsim allocates physical memory on devices only (prop->location.type ACL_MEM_LOCATION_TYPE_HOST is not "
         "supported)");
  }
  ACLSIM_CHECK_ARG(location_type == ACL_MEM_LOCATION_TYPE_DEVICE,
                   "prop->location.type ({}) must be ACL_MEM_LOCATION_TYPE_DEVICE", location_type);
  ACLSIM_CHECK_ARG(static_cast<int64_t>(prop.location.id) == device.device_id(),
                   "prop->location.id ({}) must be the device the memory is taken from ({})", prop.location.id,
                   device.device_id());

  device.ChargePhysical(size);
  const int fd = memfd_create("aclsim-physical", MFD_CLOEXEC);
  if (fd < 0 || ftruncate(fd, static_cast<off_t>(size)) != 0) {
    const int error = errno;
    if (fd >= 0) close(fd);
    device.UnchargePhysical(size);
    Fail(ACL_ERROR_RT_MEMORY_ALLOCATION, "cannot create {} bytes of physical memory: {}", size, std::strerror(error));
  }
  auto physical = std::make_unique<Physical>(Physical{fd, size, device.device_id(), &device, 0});
  aclrtDrvMemHandle handle = physical.get();
  try {
    std::unique_lock lock(mutex_);
    physical_.emplace(handle, std::move(physical));
  } catch (...) {
    close(fd);
    device.UnchargePhysical(size);
    throw;
  }
  return handle;
}

VirtualMemory::Physical* VirtualMemory::LivePhysicalLocked(aclrtDrvMemHandle handle, const char* what) const {
  if (handle == nullptr) Fail(ACL_ERROR_INVALID_PARAM, "invalid argument: {} must not be null", what);
  auto it = physical_.find(handle);
  if (it == physical_.end()) {
    Fail(ACL_ERROR_INVALID_PARAM,
         "invalid argument: {} {} is not a live physical memory handle (freed already, or not from "
         "aclrtMallocPhysical)",
         what, handle);
  }
  return it->second.get();
}

void VirtualMemory::FreePhysical(aclrtDrvMemHandle handle) {
  std::unique_ptr<Physical> taken;
  {
    std::unique_lock lock(mutex_);
    Physical* physical = LivePhysicalLocked(handle, "handle");
    if (physical->mappings > 0) {
      Fail(ACL_ERROR_INVALID_PARAM,
           "invalid argument: handle {} is still mapped ({} mapping{}); unmap it first (aclrtUnmapMem)", handle,
           physical->mappings, physical->mappings == 1 ? "" : "s");
    }
    auto it = physical_.find(handle);
    taken = std::move(it->second);
    physical_.erase(it);
  }
  close(taken->fd);
  taken->owner->UnchargePhysical(taken->size);
}

std::optional<int32_t> VirtualMemory::DeviceOfHandle(aclrtDrvMemHandle handle) const {
  std::shared_lock lock(mutex_);
  auto it = physical_.find(handle);
  if (it == physical_.end()) return std::nullopt;
  return it->second->device_id;
}

// ---- mappings --------------------------------------------------------------------------------

void VirtualMemory::Map(void* address, size_t size, size_t offset, aclrtDrvMemHandle handle, uint64_t flags) {
  ACLSIM_CHECK_ARG(address != nullptr, "virPtr must not be null");
  ACLSIM_CHECK_ARG(flags == 0, "flags ({}) must be 0", flags);
  ACLSIM_CHECK_ARG(offset == 0, "offset ({}) must be 0", offset);
  const auto a = reinterpret_cast<uintptr_t>(address);
  ACLSIM_CHECK_ARG(a % kVmmGranularity == 0, "virPtr {} must be aligned to the allocation granularity ({} bytes)",
                   address, kVmmGranularity);
  std::unique_lock lock(mutex_);
  Physical* physical = LivePhysicalLocked(handle, "handle");
  ACLSIM_CHECK_ARG(size == physical->size, "size ({}) must equal the size of the physical allocation ({})", size,
                   physical->size);
  if (ReservationOfLocked(a, size) == reservations_.end()) {
    Fail(ACL_ERROR_INVALID_PARAM,
         "invalid argument: [virPtr, virPtr + size) = [{}, {:#x}) does not lie inside one range reserved with "
         "aclrtReserveMemAddress",
         address, a + size);
  }
  auto next = mappings_.lower_bound(a);
  const bool overlaps_next = next != mappings_.end() && next->first < a + size;
  const bool overlaps_prev = next != mappings_.begin() && std::prev(next)->first + std::prev(next)->second.size > a;
  if (overlaps_next || overlaps_prev) {
    const uintptr_t other = overlaps_prev ? std::prev(next)->first : next->first;
    Fail(ACL_ERROR_INVALID_PARAM,
         "invalid argument: [virPtr, virPtr + size) = [{}, {:#x}) overlaps the mapping at {:#x}; unmap it first",
         address, a + size, other);
  }
  if (mmap(address, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, physical->fd, 0) == MAP_FAILED) {
    const int error = errno;
    mmap(address, size, PROT_NONE, kReserveFlags | MAP_FIXED, -1, 0);  // keep the hole reserved
    Fail(ACL_ERROR_RT_MEMORY_ALLOCATION, "mapping {} bytes at {} failed: {}", size, address, std::strerror(error));
  }
  mappings_.emplace(a, Mapping{size, physical});
  ++physical->mappings;
}

void VirtualMemory::Unmap(void* address) {
  ACLSIM_CHECK_ARG(address != nullptr, "virPtr must not be null");
  std::unique_lock lock(mutex_);
  auto it = mappings_.find(reinterpret_cast<uintptr_t>(address));
  if (it == mappings_.end()) {
    Fail(ACL_ERROR_INVALID_PARAM,
         "invalid argument: virPtr {} is not the base of a mapping (unmapped already, or never mapped with "
         "aclrtMapMem)",
         address);
  }
  UnmapLocked(it);
}

void VirtualMemory::UnmapLocked(std::map<uintptr_t, Mapping>::iterator mapping) {
  // Replacing the pages (instead of munmap) keeps the hole part of its reservation.
  if (mmap(reinterpret_cast<void*>(mapping->first), mapping->second.size, PROT_NONE, kReserveFlags | MAP_FIXED, -1,
           0) == MAP_FAILED) {
    Log().warn("restoring the reservation at {:#x} after unmapping failed: {}", mapping->first, std::strerror(errno));
  }
  --mapping->second.physical->mappings;
  mappings_.erase(mapping);
}

std::optional<MappedRegion> VirtualMemory::FindMapped(const void* address) const {
  if (reservation_count_.load(std::memory_order_acquire) == 0) return std::nullopt;  // mappings live in reservations
  const auto a = reinterpret_cast<uintptr_t>(address);
  std::shared_lock lock(mutex_);
  auto it = mappings_.upper_bound(a);
  if (it == mappings_.begin()) return std::nullopt;
  --it;
  if (a - it->first >= it->second.size) return std::nullopt;
  return MappedRegion{reinterpret_cast<void*>(it->first), it->second.size, it->second.physical->device_id};
}

// ---- reports and bulk release ----------------------------------------------------------------

VmmReport VirtualMemory::Report() const {
  VmmReport report;
  std::shared_lock lock(mutex_);
  report.reservations = reservations_.size();
  for (const auto& [base, reservation] : reservations_) report.reserved_bytes += reservation.size;
  report.physical_handles = physical_.size();
  for (const auto& [handle, physical] : physical_) report.physical_bytes += physical->size;
  report.mappings = mappings_.size();
  return report;
}

size_t VirtualMemory::ReleaseOwnedBy(const DeviceMemory* device) {
  std::vector<std::unique_ptr<Physical>> taken;
  {
    std::unique_lock lock(mutex_);
    for (auto it = mappings_.begin(); it != mappings_.end();) {
      auto current = it++;
      if (current->second.physical->owner == device) UnmapLocked(current);
    }
    for (auto it = physical_.begin(); it != physical_.end();) {
      if (it->second->owner == device) {
        taken.push_back(std::move(it->second));
        it = physical_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (const auto& physical : taken) {
    close(physical->fd);
    physical->owner->UnchargePhysical(physical->size);
  }
  return taken.size();
}

void VirtualMemory::ReleaseAll() {
  std::vector<std::unique_ptr<Physical>> taken;
  {
    std::unique_lock lock(mutex_);
    while (!mappings_.empty()) UnmapLocked(mappings_.begin());
    for (auto& [handle, physical] : physical_) taken.push_back(std::move(physical));
    physical_.clear();
    for (const auto& [base, reservation] : reservations_) munmap(reinterpret_cast<void*>(base), reservation.size);
    reservations_.clear();
    reservation_count_.store(0, std::memory_order_release);
  }
  for (const auto& physical : taken) {
    close(physical->fd);
    physical->owner->UnchargePhysical(physical->size);
  }
}

}  // namespace aclsim
