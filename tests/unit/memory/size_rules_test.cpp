#include "memory/size_rules.h"

#include <gtest/gtest.h>

#include "acl/acl_rt.h"
#include "memory/size_classes.h"
#include "memory/span.h"

namespace aclsim {
namespace {

using detail::ClassBytes;
using detail::SizeClassOf;

TEST(RoundedSize, MallocRoundsUpTo32AndAdds32) {
  EXPECT_EQ(RoundedSize(1, AllocRule::kMalloc), 64u);
  EXPECT_EQ(RoundedSize(32, AllocRule::kMalloc), 64u);
  EXPECT_EQ(RoundedSize(33, AllocRule::kMalloc), 96u);
  EXPECT_EQ(RoundedSize(1000, AllocRule::kMalloc), 1056u);
}

TEST(RoundedSize, Align32OnlyRoundsUpTo32) {
  EXPECT_EQ(RoundedSize(1, AllocRule::kAlign32), 32u);
  EXPECT_EQ(RoundedSize(32, AllocRule::kAlign32), 32u);
  EXPECT_EQ(RoundedSize(33, AllocRule::kAlign32), 64u);
}

TEST(PolicyWantsHugePages, HugeFirstMeansHugeAboveOneMiBOnly) {
  EXPECT_FALSE(PolicyWantsHugePages(ACL_MEM_MALLOC_HUGE_FIRST, 1 << 20));
  EXPECT_TRUE(PolicyWantsHugePages(ACL_MEM_MALLOC_HUGE_FIRST, (1 << 20) + 1));
  EXPECT_TRUE(PolicyWantsHugePages(ACL_MEM_MALLOC_HUGE_FIRST | ACL_MEM_TYPE_HIGH_BAND_WIDTH, 2 << 20));
}

TEST(PolicyWantsHugePages, OnlyPoliciesAreHonouredAtAnySize) {
  EXPECT_TRUE(PolicyWantsHugePages(ACL_MEM_MALLOC_HUGE_ONLY, 1));
  EXPECT_TRUE(PolicyWantsHugePages(ACL_MEM_MALLOC_HUGE_ONLY_P2P, 1));
  EXPECT_FALSE(PolicyWantsHugePages(ACL_MEM_MALLOC_NORMAL_ONLY, 1 << 30));
  EXPECT_FALSE(PolicyWantsHugePages(ACL_MEM_MALLOC_NORMAL_ONLY_P2P | ACL_MEM_TYPE_LOW_BAND_WIDTH, 1 << 30));
}

TEST(PolicyWantsHugePages, OutOfRangePolicyMeansHugeFromTwoMiB) {
  EXPECT_FALSE(PolicyWantsHugePages(0x77, (2 << 20) - 1));
  EXPECT_TRUE(PolicyWantsHugePages(0x77, 2 << 20));
}

TEST(SizeClasses, FirstClassesAreMultiplesOf64) {
  EXPECT_EQ(ClassBytes(SizeClassOf(1)), 64u);
  EXPECT_EQ(ClassBytes(SizeClassOf(64)), 64u);
  EXPECT_EQ(ClassBytes(SizeClassOf(65)), 128u);
  EXPECT_EQ(ClassBytes(SizeClassOf(256)), 256u);
  EXPECT_EQ(ClassBytes(SizeClassOf(257)), 320u);
  EXPECT_EQ(ClassBytes(SizeClassOf(513)), 640u);
}

TEST(SizeClasses, EachFootprintGetsTheSmallestClassThatHoldsIt) {
  for (size_t footprint = 64; footprint <= (size_t{1} << 24); footprint += 64) {
    const uint32_t c = SizeClassOf(footprint);
    ASSERT_GE(ClassBytes(c), footprint);
    if (c > 0) {
      ASSERT_LT(ClassBytes(c - 1), footprint) << footprint;
    }
    ASSERT_EQ(ClassBytes(c) % 64, 0u);
  }
}

TEST(SizeClasses, ClassesWasteAtMostAQuarterAboveTheSmallest) {
  for (uint32_t c = 4; c + 1 < detail::kNumClasses; ++c) {
    EXPECT_LE(ClassBytes(c + 1) - ClassBytes(c), ClassBytes(c) / 4 + 64) << c;
  }
}

TEST(SizeClasses, LargeSpansArePageMultiples) {
  for (uint32_t c = 0; c < 80; ++c) EXPECT_EQ(detail::SpanBytes(c) % detail::kPageBytes, 0u) << c;
}

TEST(SpanIndexOf, MultiplyShiftEqualsDivisionForEverySlabClass) {
  for (uint32_t c = 0; c < detail::kNumClasses && ClassBytes(c) <= detail::kMaxSlabClassBytes; ++c) {
    const detail::Span span(c);
    for (uintptr_t offset = 0; offset < span.span_bytes; ++offset) {
      // Every byte of small spans; around the block boundaries of the others.
      if (span.span_bytes > detail::kPageBytes && offset % span.block_bytes > 2 &&
          offset % span.block_bytes < span.block_bytes - 2) {
        continue;
      }
      ASSERT_EQ(span.IndexOf(offset), offset / span.block_bytes) << "class " << c << " offset " << offset;
    }
  }
}

}  // namespace
}  // namespace aclsim
