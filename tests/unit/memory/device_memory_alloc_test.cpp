#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "acl/acl_rt.h"
#include "acl/error_codes/rt_error_codes.h"
#include "memory/device_memory.h"
#include "test_support.h"

namespace aclsim {
namespace {

using test::FailsWith;
using test::kMiB;

constexpr size_t kCapacity = 64 * kMiB;

// Bytes an allocation of `size` takes, seen through Info() as aclrtGetMemInfo would.
size_t TakenBy(DeviceMemory& memory, size_t size, AllocRule rule) {
  const size_t before = memory.Info().free;
  void* p = memory.Allocate(size, rule);
  const size_t taken = before - memory.Info().free;
  memory.Free(p);
  return taken;
}

TEST(DeviceMemoryAllocate, InfoStartsWithTheWholeCapacityFree) {
  DeviceMemory memory(0, kCapacity);
  EXPECT_EQ(memory.Info().total, kCapacity);
  EXPECT_EQ(memory.Info().free, kCapacity);
}

TEST(DeviceMemoryAllocate, MallocTakesSizeRoundedTo32Plus32) {
  DeviceMemory memory(0, kCapacity);
  EXPECT_EQ(TakenBy(memory, 1, AllocRule::kMalloc), 64u);
  EXPECT_EQ(TakenBy(memory, 32, AllocRule::kMalloc), 64u);
  EXPECT_EQ(TakenBy(memory, 33, AllocRule::kMalloc), 96u);
  EXPECT_EQ(TakenBy(memory, 1 << 20, AllocRule::kMalloc), (1u << 20) + 32);
}

TEST(DeviceMemoryAllocate, Align32TakesSizeRoundedTo32Only) {
  DeviceMemory memory(0, kCapacity);
  EXPECT_EQ(TakenBy(memory, 1, AllocRule::kAlign32), 32u);
  EXPECT_EQ(TakenBy(memory, 32, AllocRule::kAlign32), 32u);
  EXPECT_EQ(TakenBy(memory, 33, AllocRule::kAlign32), 64u);
}

TEST(DeviceMemoryAllocate, FreeGivesTheBytesBack) {
  DeviceMemory memory(0, kCapacity);
  void* a = memory.Allocate(1000);
  void* b = memory.Allocate(5000, AllocRule::kAlign32);
  EXPECT_EQ(memory.Info().free, kCapacity - 1056 - 5024);
  memory.Free(a);
  memory.Free(b);
  EXPECT_EQ(memory.Info().free, kCapacity);
}

TEST(DeviceMemoryAllocate, EveryAddressIs64ByteAligned) {
  DeviceMemory memory(0, kCapacity);
  std::vector<void*> blocks;
  for (size_t size : {1, 31, 32, 33, 63, 64, 65, 100, 1000, 4097, 65536, 300000, 1 << 20}) {
    for (AllocRule rule : {AllocRule::kMalloc, AllocRule::kAlign32}) {
      void* p = memory.Allocate(size, rule);
      EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 64, 0u) << size;
      blocks.push_back(p);
    }
  }
  for (void* p : blocks) memory.Free(p);
}

TEST(DeviceMemoryAllocate, LiveAllocationsNeverOverlap) {
  DeviceMemory memory(0, kCapacity);
  std::vector<std::pair<uintptr_t, size_t>> ranges;
  for (size_t i = 1; i <= 400; ++i) {
    const size_t size = (i * 7919) % 20000 + 1;
    ranges.emplace_back(reinterpret_cast<uintptr_t>(memory.Allocate(size)), RoundedSize(size, AllocRule::kMalloc));
  }
  std::sort(ranges.begin(), ranges.end());
  for (size_t i = 1; i < ranges.size(); ++i) {
    ASSERT_LE(ranges[i - 1].first + ranges[i - 1].second, ranges[i].first);
  }
  for (const auto& [base, size] : ranges) memory.Free(reinterpret_cast<void*>(base));
}

TEST(DeviceMemoryAllocate, DeviceAddressesAreNotHostHeapAddresses) {
  DeviceMemory memory(0, kCapacity);
  auto host = std::make_unique<char[]>(1000);
  void* device = memory.Allocate(1000);
  EXPECT_FALSE(memory.Contains(host.get()));
  EXPECT_TRUE(memory.Contains(device));
  memory.Free(device);
}

TEST(DeviceMemoryAllocate, SizeZeroIsAnInvalidParameterAndChangesNothing) {
  DeviceMemory memory(0, kCapacity);
  EXPECT_TRUE(FailsWith([&] { memory.Allocate(0); }, ACL_ERROR_INVALID_PARAM, "size must be greater than 0"));
  EXPECT_EQ(memory.Info().free, kCapacity);
  EXPECT_EQ(memory.Leaks().count, 0u);
}

TEST(DeviceMemoryAllocate, MoreThanTheCapacityIsAnAllocationErrorNamingTheNumbers) {
  DeviceMemory memory(0, kCapacity);
  EXPECT_TRUE(FailsWith([&] { memory.Allocate(kCapacity + 1); }, ACL_ERROR_RT_MEMORY_ALLOCATION,
                        "requested 67108865 bytes, free 67108864 bytes, total 67108864 bytes"));
  EXPECT_EQ(memory.Info().free, kCapacity);
}

TEST(DeviceMemoryAllocate, MoreThanTheFreeMemoryIsAnAllocationErrorAndChangesNothing) {
  DeviceMemory memory(0, kCapacity);
  void* most = memory.Allocate(kCapacity - kMiB);
  const size_t free_before = memory.Info().free;
  EXPECT_EQ(free_before, kMiB - 32);
  EXPECT_TRUE(FailsWith([&] { memory.Allocate(kMiB); }, ACL_ERROR_RT_MEMORY_ALLOCATION,
                        "requested 1048576 bytes (1048608 after rounding), free 1048544 bytes, total 67108864 bytes"));
  EXPECT_EQ(memory.Info().free, free_before);
  EXPECT_EQ(memory.Leaks().count, 1u);
  memory.Free(most);
}

TEST(DeviceMemoryAllocate, TheLastFreeByteCanBeAllocated) {
  DeviceMemory memory(0, kCapacity);
  void* all = memory.Allocate(kCapacity - 32);  // + 32 bytes of the aclrtMalloc rule = everything
  EXPECT_EQ(memory.Info().free, 0u);
  EXPECT_TRUE(FailsWith([&] { memory.Allocate(1, AllocRule::kAlign32); }, ACL_ERROR_RT_MEMORY_ALLOCATION, "free 0"));
  memory.Free(all);
  EXPECT_EQ(memory.Info().free, kCapacity);
}

TEST(DeviceMemoryAllocate, EveryPolicyIsAcceptedAndItsPageKindRecorded) {
  DeviceMemory memory(0, kCapacity);
  for (uint32_t policy : std::initializer_list<uint32_t>{
           ACL_MEM_MALLOC_HUGE_FIRST, ACL_MEM_MALLOC_HUGE_ONLY, ACL_MEM_MALLOC_NORMAL_ONLY,
           ACL_MEM_MALLOC_HUGE_FIRST_P2P, ACL_MEM_MALLOC_HUGE_ONLY_P2P, ACL_MEM_MALLOC_NORMAL_ONLY_P2P,
           ACL_MEM_TYPE_LOW_BAND_WIDTH, ACL_MEM_TYPE_HIGH_BAND_WIDTH, 0x12345u}) {
    void* p = memory.Allocate(4096, AllocRule::kMalloc, policy);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(memory.Lookup(p)->huge_pages, PolicyWantsHugePages(policy, 4096)) << policy;
    memory.Free(p);
  }
  void* huge = memory.Allocate(4 * kMiB, AllocRule::kMalloc, ACL_MEM_MALLOC_HUGE_FIRST);
  EXPECT_TRUE(memory.Lookup(huge)->huge_pages);
  memory.Free(huge);
}

TEST(DeviceMemoryAllocate, AllocatedMemoryIsReadableAndWritable) {
  DeviceMemory memory(0, kCapacity);
  auto* p = static_cast<unsigned char*>(memory.Allocate(3 * kMiB));
  for (size_t i = 0; i < 3 * kMiB; i += 4096) p[i] = static_cast<unsigned char>(i >> 12);
  for (size_t i = 0; i < 3 * kMiB; i += 4096) ASSERT_EQ(p[i], static_cast<unsigned char>(i >> 12));
  memory.Free(p);
}

TEST(DeviceMemoryConstruct, ZeroCapacityIsRejected) {
  EXPECT_TRUE(FailsWith([] { DeviceMemory memory(0, 0); }, ACL_ERROR_INVALID_PARAM, "capacity"));
}

}  // namespace
}  // namespace aclsim
