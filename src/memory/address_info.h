// What an arbitrary pointer is, across everything src/memory knows: a device allocation, a mapped
// virtual-memory range, device address space with nothing live in it, an aclrtMallocHost block,
// or host memory aclsim knows nothing about. The checked copies decide from this.
//
// Lock-free for device allocations; takes VirtualMemory's and HostMemory's shared locks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace aclsim {

enum class AddressKind {
  kHost,           // not device memory, not a live aclrtMallocHost block: the caller's own memory
  kHostBlock,      // inside a live aclrtMallocHost block
  kDeviceLive,     // inside a live device allocation or a mapped virtual-memory range
  kDeviceNotLive,  // in a device's address space or a reserved range, but in nothing live
};

struct AddressInfo {
  AddressKind kind = AddressKind::kHost;
  int32_t device_id = -1;  // device kinds; -1 for a reserved range with nothing mapped
  uintptr_t base = 0;      // the live region: allocation, mapping or host block
  size_t size = 0;         // its usable bytes (an allocation's rounded size)

  bool is_device() const { return kind == AddressKind::kDeviceLive || kind == AddressKind::kDeviceNotLive; }
};

AddressInfo DescribeAddress(const void* address);

// A phrase for error messages: "host memory", "an aclrtMallocHost block of 4096 bytes at 0x...",
// "device 0 memory (an allocation of 100 bytes at 0x...)", "device 1 memory that is not allocated".
std::string DescribeForMessage(const AddressInfo& info);

}  // namespace aclsim
