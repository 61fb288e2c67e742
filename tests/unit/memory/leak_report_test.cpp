#include <gtest/gtest.h>

#include "memory/device_memory.h"
#include "memory/host_memory.h"
#include "memory/virtual_memory.h"
#include "test_support.h"

namespace aclsim {
namespace {

using test::kMiB;

constexpr size_t kCapacity = 64 * kMiB;

TEST(DeviceMemoryLeaks, EmptyDeviceReportsNothing) {
  DeviceMemory memory(0, kCapacity);
  EXPECT_TRUE(memory.Leaks().empty());
}

TEST(DeviceMemoryLeaks, ReportsCountBytesAndFirstSizesByAddress) {
  DeviceMemory memory(0, kCapacity);
  std::vector<void*> blocks;
  for (size_t size : {100, 1, 5000}) blocks.push_back(memory.Allocate(size));
  const LeakReport report = memory.Leaks(2);
  EXPECT_EQ(report.count, 3u);
  EXPECT_EQ(report.bytes, 160u + 64u + 5056u);
  ASSERT_EQ(report.first_sizes.size(), 2u);
  for (void* p : blocks) memory.Free(p);
}

TEST(DeviceMemoryLeaks, FreedAllocationsAreNotReported) {
  DeviceMemory memory(0, kCapacity);
  void* kept = memory.Allocate(300);
  memory.Free(memory.Allocate(400));
  const LeakReport report = memory.Leaks();
  EXPECT_EQ(report.count, 1u);
  EXPECT_EQ(report.first_sizes, std::vector<size_t>{300});
  memory.Free(kept);
}

TEST(DeviceMemoryLeaks, SummaryIsOneReadableLine) {
  LeakReport report;
  report.count = 3;
  report.bytes = 4160;
  report.first_sizes = {100, 4000};
  EXPECT_EQ(report.Summary(), "3 allocations, 4160 bytes (sizes 100, 4000, ...)");
}

TEST(DeviceMemoryReleaseAll, FreesEverythingAndRestoresTheCapacity) {
  DeviceMemory memory(0, kCapacity);
  std::vector<void*> blocks;
  for (int i = 0; i < 50; ++i) blocks.push_back(memory.Allocate(1000 + i));
  blocks.push_back(memory.Allocate(20 * kMiB));
  EXPECT_EQ(memory.ReleaseAll(), 51u);
  EXPECT_EQ(memory.Info().free, kCapacity);
  EXPECT_TRUE(memory.Leaks().empty());
  EXPECT_FALSE(memory.Lookup(blocks[0]).has_value());
}

TEST(DeviceMemoryReleaseAll, ReleasedPointersAreRejectedByFree) {
  DeviceMemory memory(0, kCapacity);
  void* p = memory.Allocate(100);
  memory.ReleaseAll();
  EXPECT_TRUE(test::FailsWith([&] { memory.Free(p); }, ACL_ERROR_INVALID_PARAM, "not a live allocation"));
}

TEST(DeviceMemoryReleaseAll, DeviceIsUsableAfterwards) {
  DeviceMemory memory(0, kCapacity);
  memory.Allocate(100);
  memory.ReleaseAll();
  void* all = memory.Allocate(kCapacity - 32);
  EXPECT_EQ(memory.Info().free, 0u);
  memory.Free(all);
}

TEST(DeviceMemoryReleaseAll, AlsoFreesThePhysicalHandlesOfTheDevice) {
  DeviceMemory memory(0, kCapacity);
  aclrtPhysicalMemProp prop{};
  prop.handleType = ACL_MEM_HANDLE_TYPE_NONE;
  prop.allocationType = ACL_MEM_ALLOCATION_TYPE_PINNED;
  prop.memAttr = ACL_HBM_MEM_HUGE;
  prop.location = {0, ACL_MEM_LOCATION_TYPE_DEVICE};
  VirtualMemory::Instance().AllocatePhysical(kVmmGranularity, prop, 0, memory);
  EXPECT_EQ(memory.Leaks().physical_count, 1u);
  EXPECT_EQ(memory.Leaks().physical_bytes, kVmmGranularity);
  memory.ReleaseAll();
  EXPECT_EQ(memory.Leaks().physical_count, 0u);
  EXPECT_EQ(memory.Info().free, kCapacity);
  EXPECT_EQ(VirtualMemory::Instance().Report().physical_handles, 0u);
}

TEST(HostMemoryLeaks, ReportsAndReleasesLiveBlocks) {
  HostMemory host;
  host.Allocate(10);
  host.Allocate(20);
  const LeakReport report = host.Leaks();
  EXPECT_EQ(report.count, 2u);
  EXPECT_EQ(report.bytes, 30u);
  EXPECT_EQ(host.ReleaseAll(), 2u);
  EXPECT_TRUE(host.Leaks().empty());
}

}  // namespace
}  // namespace aclsim
