#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "memory/device_memory.h"
#include "memory/device_registry.h"
#include "test_support.h"

namespace aclsim {
namespace {

using test::kMiB;

constexpr size_t kCapacity = 64 * kMiB;

TEST(DeviceMemoryLookup, BaseResolvesToTheAllocation) {
  DeviceMemory memory(3, kCapacity);
  void* p = memory.Allocate(100);
  const std::optional<AllocationInfo> info = memory.Lookup(p);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->base, p);
  EXPECT_EQ(info->size, 100u);
  EXPECT_EQ(info->rounded_size, 160u);
  EXPECT_EQ(info->device_id, 3);
  memory.Free(p);
}

TEST(DeviceMemoryLookup, InteriorPointersResolveToTheirAllocation) {
  DeviceMemory memory(0, kCapacity);
  auto* small = static_cast<char*>(memory.Allocate(100));
  auto* large = static_cast<char*>(memory.Allocate(5 * kMiB, AllocRule::kAlign32));
  EXPECT_EQ(memory.Lookup(small + 1)->base, small);
  EXPECT_EQ(memory.Lookup(small + 159)->base, small);  // inside the rounded size
  EXPECT_EQ(memory.Lookup(large + 3 * kMiB)->base, large);
  EXPECT_EQ(memory.Lookup(large + 5 * kMiB - 1)->size, 5 * kMiB);
  memory.Free(small);
  memory.Free(large);
}

TEST(DeviceMemoryLookup, PastTheRoundedSizeIsNotTheAllocation) {
  DeviceMemory memory(0, kCapacity);
  auto* p = static_cast<char*>(memory.Allocate(100));  // 160 bytes
  const std::optional<AllocationInfo> past = memory.Lookup(p + 160);
  EXPECT_TRUE(!past.has_value() || past->base != p);
  memory.Free(p);
}

TEST(DeviceMemoryLookup, FreedAllocationNoLongerResolves) {
  DeviceMemory memory(0, kCapacity);
  auto* p = static_cast<char*>(memory.Allocate(100));
  memory.Free(p);
  EXPECT_FALSE(memory.Lookup(p).has_value());
  EXPECT_FALSE(memory.Lookup(p + 10).has_value());
}

TEST(DeviceMemoryLookup, HostAddressResolvesToNothing) {
  DeviceMemory memory(0, kCapacity);
  int on_stack = 0;
  EXPECT_FALSE(memory.Lookup(&on_stack).has_value());
  EXPECT_FALSE(memory.Lookup(nullptr).has_value());
}

TEST(DeviceMemoryLookup, ManyNeighboursEachResolveToThemselves) {
  DeviceMemory memory(0, kCapacity);
  std::vector<char*> blocks;
  for (int i = 0; i < 1000; ++i) blocks.push_back(static_cast<char*>(memory.Allocate(200)));
  for (char* p : blocks) {
    ASSERT_EQ(memory.Lookup(p)->base, p);
    ASSERT_EQ(memory.Lookup(p + 199)->base, p);
  }
  for (char* p : blocks) memory.Free(p);
}

TEST(FindDeviceOf, NamesTheDeviceWhoseSpaceHoldsTheAddress) {
  DeviceMemory zero(0, kCapacity);
  DeviceMemory five(5, kCapacity);
  void* a = zero.Allocate(10);
  void* b = five.Allocate(10);
  EXPECT_EQ(FindDeviceOf(a), 0);
  EXPECT_EQ(FindDeviceOf(b), 5);
  EXPECT_EQ(FindDeviceMemoryOf(b), &five);
  zero.Free(a);
  EXPECT_EQ(FindDeviceOf(a), 0);  // the space, live or not
  five.Free(b);
}

TEST(FindDeviceOf, HostAddressesBelongToNoDevice) {
  DeviceMemory zero(0, kCapacity);
  int on_stack = 0;
  auto heap = std::make_unique<int>(0);
  EXPECT_EQ(FindDeviceOf(&on_stack), std::nullopt);
  EXPECT_EQ(FindDeviceOf(heap.get()), std::nullopt);
  EXPECT_EQ(FindDeviceOf(nullptr), std::nullopt);
}

TEST(FindDeviceOf, ForgetsADestroyedDevice) {
  void* p = nullptr;
  {
    DeviceMemory zero(0, kCapacity);
    p = zero.Allocate(10);
    zero.Free(p);
  }
  EXPECT_EQ(FindDeviceOf(p), std::nullopt);
}

}  // namespace
}  // namespace aclsim
