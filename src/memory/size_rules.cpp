#include "memory/size_rules.h"

#include "acl/acl_rt.h"

namespace aclsim {

bool PolicyWantsHugePages(uint32_t policy, size_t size) {
  constexpr uint32_t kBandWidthFlags = ACL_MEM_TYPE_LOW_BAND_WIDTH | ACL_MEM_TYPE_HIGH_BAND_WIDTH;
  constexpr size_t kOneMiB = size_t{1} << 20;
  // A band-width flag alone means ACL_MEM_MALLOC_HUGE_FIRST, which is what the remaining 0 says.
  switch (policy & ~kBandWidthFlags) {
    case ACL_MEM_MALLOC_HUGE_FIRST:
    case ACL_MEM_MALLOC_HUGE_FIRST_P2P:
      return size > kOneMiB;  // "小于等于1M时 ... 也是申请普通页"
    case ACL_MEM_MALLOC_HUGE_ONLY:
    case ACL_MEM_MALLOC_HUGE_ONLY_P2P:
    case 6:  // ACL_MEM_MALLOC_HUGE1G_ONLY (newer headers)
    case 7:  // ACL_MEM_MALLOC_HUGE1G_ONLY_P2P
      return true;
    case ACL_MEM_MALLOC_NORMAL_ONLY:
    case ACL_MEM_MALLOC_NORMAL_ONLY_P2P:
      return false;
    default:
      return size >= 2 * kOneMiB;
  }
}

}  // namespace aclsim
