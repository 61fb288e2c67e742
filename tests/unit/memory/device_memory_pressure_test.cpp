// Caching and pressure: freed blocks are reused, the cache never makes a request fail that the
// accounting allows, and resident memory follows use.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "memory/device_memory.h"
#include "test_support.h"

namespace aclsim {
namespace {

using test::kMiB;
using test::ResidentBytes;

constexpr size_t kCapacity = 64 * kMiB;

TEST(DeviceMemoryCache, AFreedBlockIsHandedOutAgain) {
  DeviceMemory memory(0, kCapacity);
  void* p = memory.Allocate(4096);
  memory.Free(p);
  EXPECT_EQ(memory.Allocate(4096), p);
  memory.Free(p);
}

TEST(DeviceMemoryCache, HundredThousandCyclesDoNotGrowResidentMemory) {
  DeviceMemory memory(0, kCapacity);
  const size_t sizes[] = {1, 100, 1000, 4096, 50000, 300000, kMiB};
  for (size_t size : sizes) {  // warm the caches: each size class touched once
    void* p = memory.Allocate(size);
    std::memset(p, 1, size);
    memory.Free(p);
  }
  const size_t before = ResidentBytes();
  for (int i = 0; i < 100000; ++i) {
    const size_t size = sizes[i % 7];
    void* p = memory.Allocate(size);
    std::memset(p, i & 0xff, size < 4096 ? size : 4096);
    memory.Free(p);
  }
  const size_t after = ResidentBytes();
  EXPECT_LT(after, before + 4 * kMiB) << "resident memory grew from " << before << " to " << after;
  EXPECT_EQ(memory.Info().free, kCapacity);
}

TEST(DeviceMemoryPressure, CachedSmallBlocksMakeRoomForOneBigAllocation) {
  DeviceMemory memory(0, kCapacity);
  std::vector<void*> blocks;
  for (;;) {  // fill the capacity with 1 KiB blocks (1056 bytes each)
    if (memory.Info().free < 1056) break;
    blocks.push_back(memory.Allocate(1024));
  }
  EXPECT_EQ(blocks.size(), kCapacity / 1056);
  for (void* p : blocks) memory.Free(p);
  ASSERT_EQ(memory.Info().free, kCapacity);

  // Every range of the space is now held by cached slabs; the request forces them back.
  void* big = memory.Allocate(kCapacity - 32);
  EXPECT_EQ(memory.Info().free, 0u);
  memory.Free(big);
  EXPECT_EQ(memory.Info().free, kCapacity);
}

TEST(DeviceMemoryPressure, AlternatingBigAndSmallRoundsNeverFailBelowTheCapacity) {
  DeviceMemory memory(0, kCapacity);
  const size_t budget = kCapacity - 4 * kMiB;
  for (int round = 0; round < 6; ++round) {
    std::vector<void*> blocks;
    if (round % 2 == 0) {
      blocks.push_back(memory.Allocate(budget - 32));
    } else {
      for (size_t used = 0; used + 4032 <= budget; used += 4032) blocks.push_back(memory.Allocate(4000));
    }
    for (void* p : blocks) memory.Free(p);
  }
  EXPECT_EQ(memory.Info().free, kCapacity);
}

TEST(DeviceMemoryPressure, TrimReturnsResidentPagesOfCachedBlocks) {
  DeviceMemory memory(0, kCapacity);
  void* p = memory.Allocate(32 * kMiB);
  std::memset(p, 7, 32 * kMiB);
  memory.Free(p);
  const size_t cached = ResidentBytes();
  memory.Trim();
  const size_t trimmed = ResidentBytes();
  EXPECT_GT(cached, trimmed + 30 * kMiB) << cached << " -> " << trimmed;
}

TEST(DeviceMemoryPressure, TrimmedMemoryReadsAsZeroWhenAllocatedAgain) {
  DeviceMemory memory(0, kCapacity);
  auto* p = static_cast<unsigned char*>(memory.Allocate(kMiB));
  std::memset(p, 0xab, kMiB);
  memory.Free(p);
  memory.Trim();
  auto* q = static_cast<unsigned char*>(memory.Allocate(kMiB));
  EXPECT_EQ(q[0], 0);
  EXPECT_EQ(q[kMiB - 1], 0);
  memory.Free(q);
}

}  // namespace
}  // namespace aclsim
