// Process-wide list of the device address spaces, so any pointer can be classified as device
// memory (and of which device) without knowing which DeviceMemory objects exist.
//
// A fixed table of slots: readers scan it with atomic loads and no lock (O(number of devices));
// registration and removal (DeviceMemory's constructor and destructor) take a mutex.
#pragma once

#include <cstdint>
#include <optional>

namespace aclsim {

class DeviceMemory;

// The device whose address space contains `address` (live or not), or nullopt.
std::optional<int32_t> FindDeviceOf(const void* address);

// The same, as the DeviceMemory object (nullptr when none).
DeviceMemory* FindDeviceMemoryOf(const void* address);

namespace detail {

inline constexpr int kMaxDeviceSpaces = 256;

// Throws Error(ACL_ERROR_RT_RESOURCE_ALLOC_FAIL) when every slot is taken.
void RegisterDeviceSpace(DeviceMemory* memory, uintptr_t begin, uintptr_t end);
void UnregisterDeviceSpace(DeviceMemory* memory);

}  // namespace detail
}  // namespace aclsim
