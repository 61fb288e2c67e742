#include "memory/range_allocator.h"

#include <gtest/gtest.h>

namespace aclsim::detail {
namespace {

TEST(RangeAllocator, TakesFromTheStartOfAnEmptySpace) {
  RangeAllocator ranges(1000);
  EXPECT_EQ(ranges.Take(100), 0u);
  EXPECT_EQ(ranges.Take(100), 100u);
  EXPECT_EQ(ranges.free_bytes(), 800u);
}

TEST(RangeAllocator, RefusesWhatNoFreeRangeHolds) {
  RangeAllocator ranges(1000);
  ASSERT_EQ(ranges.Take(600), 0u);
  EXPECT_EQ(ranges.Take(500), std::nullopt);
  EXPECT_EQ(ranges.Take(0), std::nullopt);
}

TEST(RangeAllocator, PicksTheSmallestFreeRangeThatFits) {
  RangeAllocator ranges(1000);
  ASSERT_EQ(ranges.Take(100), 0u);    // [0,100)
  ASSERT_EQ(ranges.Take(300), 100u);  // [100,400)
  ASSERT_EQ(ranges.Take(100), 400u);  // [400,500)
  ranges.Give(100, 300);              // free: [100,400) 300 bytes, [500,1000) 500 bytes
  EXPECT_EQ(ranges.Take(250), 100u);
}

TEST(RangeAllocator, CoalescesWithBothNeighbours) {
  RangeAllocator ranges(300);
  ASSERT_EQ(ranges.Take(100), 0u);
  ASSERT_EQ(ranges.Take(100), 100u);
  ASSERT_EQ(ranges.Take(100), 200u);
  ranges.Give(0, 100);
  ranges.Give(200, 100);
  EXPECT_EQ(ranges.free_range_count(), 2u);
  ranges.Give(100, 100);
  EXPECT_EQ(ranges.free_range_count(), 1u);
  EXPECT_EQ(ranges.largest_free(), 300u);
  EXPECT_EQ(ranges.Take(300), 0u);
}

}  // namespace
}  // namespace aclsim::detail
