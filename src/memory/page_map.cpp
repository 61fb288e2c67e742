#include "memory/page_map.h"

#include <sys/mman.h>

#include <cerrno>
#include <cstring>

#include "acl/error_codes/rt_error_codes.h"
#include "common/error.h"

namespace aclsim::detail {

PageMap::PageMap(size_t pages) : pages_(pages) {
  void* array =
      mmap(nullptr, pages * sizeof(Span*), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (array == MAP_FAILED) {
    Fail(ACL_ERROR_RT_MEMORY_ALLOCATION, "cannot map the page table of a device memory space ({} pages): {}", pages,
         std::strerror(errno));
  }
  entries_ = static_cast<Span**>(array);  // anonymous memory reads as zero: every entry null
}

PageMap::~PageMap() {
  if (entries_ != nullptr) munmap(entries_, pages_ * sizeof(Span*));
}

void PageMap::Set(size_t first_page, size_t count, Span* span) {
  for (size_t i = 0; i < count; ++i) __atomic_store_n(&entries_[first_page + i], span, __ATOMIC_RELEASE);
}

}  // namespace aclsim::detail
