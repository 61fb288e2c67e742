// A reserved range of virtual address space: mmap(PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|
// MAP_NORESERVE), so it costs no memory until touched and no host heap pointer can ever fall in
// it. Pages given back with Discard() are dropped (MADV_DONTNEED) and read as zero afterwards.
//
// Immutable after construction; Discard() may be called from any thread.
#pragma once

#include <cstddef>
#include <cstdint>

namespace aclsim::detail {

class AddressSpace {
 public:
  // Throws Error(ACL_ERROR_RT_MEMORY_ALLOCATION) when the kernel refuses the reservation.
  explicit AddressSpace(size_t bytes);
  ~AddressSpace();
  AddressSpace(const AddressSpace&) = delete;
  AddressSpace& operator=(const AddressSpace&) = delete;

  uintptr_t begin() const { return begin_; }
  uintptr_t end() const { return begin_ + bytes_; }
  size_t bytes() const { return bytes_; }
  bool Contains(uintptr_t address) const { return address - begin_ < bytes_; }

  // Releases the resident pages of [address, address + bytes) (page-aligned) to the OS.
  void Discard(uintptr_t address, size_t bytes) const;

 private:
  uintptr_t begin_ = 0;
  size_t bytes_ = 0;
};

}  // namespace aclsim::detail
