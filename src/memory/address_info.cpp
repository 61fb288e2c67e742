#include "memory/address_info.h"

#include <fmt/format.h>

#include <optional>

#include "memory/device_memory.h"
#include "memory/device_registry.h"
#include "memory/host_memory.h"
#include "memory/virtual_memory.h"

namespace aclsim {

AddressInfo DescribeAddress(const void* address) {
  AddressInfo info;
  if (const DeviceMemory* device = FindDeviceMemoryOf(address)) {
    info.device_id = device->device_id();
    if (const std::optional<AllocationInfo> live = device->Lookup(address)) {
      info.kind = AddressKind::kDeviceLive;
      info.base = reinterpret_cast<uintptr_t>(live->base);
      info.size = live->rounded_size;
    } else {
      info.kind = AddressKind::kDeviceNotLive;
    }
    return info;
  }
  const VirtualMemory& vmm = VirtualMemory::Instance();
  if (const std::optional<MappedRegion> mapped = vmm.FindMapped(address)) {
    info.kind = AddressKind::kDeviceLive;
    info.device_id = mapped->device_id;
    info.base = reinterpret_cast<uintptr_t>(mapped->base);
    info.size = mapped->size;
    return info;
  }
  if (vmm.IsReserved(address)) {
    info.kind = AddressKind::kDeviceNotLive;
    return info;
  }
  if (const std::optional<HostBlock> block = HostMemory::Instance().Find(address)) {
    info.kind = AddressKind::kHostBlock;
    info.base = reinterpret_cast<uintptr_t>(block->base);
    info.size = block->size;
  }
  return info;
}

std::string DescribeForMessage(const AddressInfo& info) {
  switch (info.kind) {
    case AddressKind::kHost:
      return "host memory";
    case AddressKind::kHostBlock:
      return fmt::format("host memory (an aclrtMallocHost block of {} bytes at {:#x})", info.size, info.base);
    case AddressKind::kDeviceLive:
      return fmt::format("device {} memory (a live region of {} bytes at {:#x})", info.device_id, info.size, info.base);
    case AddressKind::kDeviceNotLive:
      if (info.device_id < 0) return "reserved device address space with no physical memory mapped";
      return fmt::format("device {} address space that is not allocated (freed, or never allocated)", info.device_id);
  }
  return "unknown memory";
}

}  // namespace aclsim
