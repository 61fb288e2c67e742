// Virtual memory management (aclrtReserveMemAddress / aclrtReleaseMemAddress, aclrtMallocPhysical
// / aclrtFreePhysical, aclrtMapMem / aclrtUnmapMem, aclrtMemGetAllocationGranularity):
//   reservations  ranges of address space (PROT_NONE until mapped), device address space
//   physical      handles backed by a memfd of the requested size, charged to their device
//   mappings      a handle mapped MAP_SHARED|MAP_FIXED into a reservation, so two mappings of one
//                 handle really alias; a mapping is a live region for the checked copies
//
// Process-wide (Instance()). `mutex_` (a shared mutex) guards the three tables: lookups take it
// shared, every change exclusive; `reservation_count_` (written under `mutex_`) lets lookups skip
// the lock while no range is reserved, the common case. Device accounting
// (DeviceMemory::ChargePhysical / UnchargePhysical) is called without holding `mutex_`, so
// DeviceMemory may call ReleaseOwnedBy() after releasing its own locks without a lock-order cycle.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <unordered_map>

#include "acl/acl_rt.h"

namespace aclsim {

class DeviceMemory;

// The only granularity CANN documents: 2 MiB, both minimum and recommended.
inline constexpr size_t kVmmGranularity = size_t{2} << 20;

// A mapped range: [base, base + size) aliases the physical handle of device `device_id`.
struct MappedRegion {
  void* base = nullptr;
  size_t size = 0;
  int32_t device_id = -1;
};

struct VmmReport {
  size_t reservations = 0;
  size_t reserved_bytes = 0;
  size_t physical_handles = 0;
  size_t physical_bytes = 0;
  size_t mappings = 0;
};

class VirtualMemory {
 public:
  static VirtualMemory& Instance();

  VirtualMemory() = default;
  ~VirtualMemory();  // releases everything left
  VirtualMemory(const VirtualMemory&) = delete;
  VirtualMemory& operator=(const VirtualMemory&) = delete;

  // aclrtMemGetAllocationGranularity. Throws Error(ACL_ERROR_INVALID_PARAM) for a null `prop` or
  // an option other than MINIMUM / RECOMMENDED.
  static size_t Granularity(const aclrtPhysicalMemProp* prop, aclrtMemGranularityOptions option);

  // aclrtReserveMemAddress. size: a non-zero multiple of the granularity; alignment: 0 or a
  // power-of-two multiple of it; flags: 0 (normal pages) or 1 (huge pages); expected: nullptr, or
  // a granularity-aligned address to place the range at (ACL_ERROR_RT_PARAM_INVALID when
  // misaligned, ACL_ERROR_RT_MEMORY_ALLOCATION when that range is taken).
  void* Reserve(size_t size, size_t alignment, void* expected, uint64_t flags);

  // aclrtReleaseMemAddress: `address` must be a reservation's base, with nothing mapped in it.
  void Release(void* address);

  // aclrtMallocPhysical for a device location: size a non-zero multiple of the granularity, flags
  // 0, prop {ACL_MEM_HANDLE_TYPE_NONE, ACL_MEM_ALLOCATION_TYPE_PINNED, a device location whose id
  // is `device`'s}. Charges `device`; throws its out-of-memory error when the device is full.
  aclrtDrvMemHandle AllocatePhysical(size_t size, const aclrtPhysicalMemProp& prop, uint64_t flags,
                                     DeviceMemory& device);

  // aclrtFreePhysical: the handle must be live and mapped nowhere.
  void FreePhysical(aclrtDrvMemHandle handle);

  // aclrtMapMem: `address` granularity-aligned, [address, address + size) inside one reservation
  // and overlapping no mapping; size equal to the handle's size; offset 0; flags 0.
  void Map(void* address, size_t size, size_t offset, aclrtDrvMemHandle handle, uint64_t flags);

  // aclrtUnmapMem: `address` must be the base of a mapping.
  void Unmap(void* address);

  // The mapping containing `address`, or nullopt.
  std::optional<MappedRegion> FindMapped(const void* address) const;
  // Whether `address` lies in a reservation (mapped or not).
  bool IsReserved(const void* address) const;
  // The device of a live physical handle, or nullopt (not a live handle).
  std::optional<int32_t> DeviceOfHandle(aclrtDrvMemHandle handle) const;

  VmmReport Report() const;

  // Unmaps and frees every physical handle charged to `device` (its reset or destruction).
  // Returns the number of handles freed.
  size_t ReleaseOwnedBy(const DeviceMemory* device);

  // Unmaps everything, frees every handle, releases every reservation (aclFinalize).
  void ReleaseAll();

 private:
  struct Physical {
    int fd = -1;
    size_t size = 0;
    int32_t device_id = -1;
    DeviceMemory* owner = nullptr;
    size_t mappings = 0;
  };
  struct Reservation {
    size_t size = 0;
    uint64_t flags = 0;
  };
  struct Mapping {
    size_t size = 0;
    Physical* physical = nullptr;
  };

  Physical* LivePhysicalLocked(aclrtDrvMemHandle handle, const char* api) const;
  // The reservation containing [address, address + size), or end().
  std::map<uintptr_t, Reservation>::const_iterator ReservationOfLocked(uintptr_t address, size_t size) const;
  void UnmapLocked(std::map<uintptr_t, Mapping>::iterator mapping);

  mutable std::shared_mutex mutex_;
  std::atomic<size_t> reservation_count_{0};
  std::map<uintptr_t, Reservation> reservations_;                        // by base
  std::map<uintptr_t, Mapping> mappings_;                                // by base
  std::unordered_map<const void*, std::unique_ptr<Physical>> physical_;  // by handle value
};

}  // namespace aclsim
