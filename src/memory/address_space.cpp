#include "memory/address_space.h"

#include <sys/mman.h>

#include <cerrno>
#include <cstring>

#include "acl/error_codes/rt_error_codes.h"
#include "common/error.h"
#include "common/log.h"

namespace aclsim::detail {

AddressSpace::AddressSpace(size_t bytes) : bytes_(bytes) {
  void* base = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED) {
    const int error = errno;
    Fail(ACL_ERROR_RT_MEMORY_ALLOCATION, "cannot reserve {} bytes of address space for device memory: {}", bytes,
         std::strerror(error));
  }
  begin_ = reinterpret_cast<uintptr_t>(base);
}

AddressSpace::~AddressSpace() {
  if (begin_ != 0) munmap(reinterpret_cast<void*>(begin_), bytes_);
}

void AddressSpace::Discard(uintptr_t address, size_t bytes) const {
  if (madvise(reinterpret_cast<void*>(address), bytes, MADV_DONTNEED) != 0) {
    Log().warn("madvise(MADV_DONTNEED) of {} bytes at {:#x} failed: {}", bytes, address, std::strerror(errno));
  }
}

}  // namespace aclsim::detail
