// aclrtMalloc / aclrtMallocAlign32 / aclrtMallocCached / aclrtFree: the documented size rules as
// aclrtGetMemInfo sees them, alignment, exact accounting, out of memory, policies, and every
// misuse of aclrtFree.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "memory_test_util.h"

namespace aclsim_memory_test {
namespace {

using MallocTest = MemoryTest;
using MallocSmallDevice = SmallDeviceTest;

// How much aclrtGetMemInfo's free figure drops for one allocation of `size` bytes by `malloc`.
template <typename Malloc>
size_t FreeDrop(Malloc malloc, size_t size) {
  const size_t before = FreeBytes();
  void* p = nullptr;
  EXPECT_EQ(malloc(&p, size, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  const size_t after = FreeBytes();
  EXPECT_EQ(aclrtFree(p), ACL_SUCCESS);
  return before - after;
}

TEST_F(MallocTest, OneByteTakesSixtyFourBytes) { EXPECT_EQ(FreeDrop(aclrtMalloc, 1), 64u); }

TEST_F(MallocTest, ThirtyTwoBytesTakeSixtyFourBytes) { EXPECT_EQ(FreeDrop(aclrtMalloc, 32), 64u); }

TEST_F(MallocTest, ThirtyThreeBytesTakeNinetySixBytes) { EXPECT_EQ(FreeDrop(aclrtMalloc, 33), 96u); }

TEST_F(MallocTest, OneMebibyteTakesOneMebibytePlusThirtyTwo) { EXPECT_EQ(FreeDrop(aclrtMalloc, kMiB), kMiB + 32); }

TEST_F(MallocTest, MallocCachedFollowsTheMallocRule) {
  EXPECT_EQ(FreeDrop(aclrtMallocCached, 1), 64u);
  EXPECT_EQ(FreeDrop(aclrtMallocCached, 33), 96u);
}

TEST_F(MallocTest, Align32OneByteTakesThirtyTwoBytes) { EXPECT_EQ(FreeDrop(aclrtMallocAlign32, 1), 32u); }

TEST_F(MallocTest, Align32RoundsToThirtyTwoWithoutExtra) {
  EXPECT_EQ(FreeDrop(aclrtMallocAlign32, 32), 32u);
  EXPECT_EQ(FreeDrop(aclrtMallocAlign32, 33), 64u);
  EXPECT_EQ(FreeDrop(aclrtMallocAlign32, kMiB), kMiB);
}

TEST_F(MallocTest, TotalIsTheConfiguredDefaultOf32GiB) { EXPECT_EQ(TotalBytes(), 32 * kGiB); }

TEST_F(MallocTest, EveryPointerIsSixtyFourByteAligned) {
  const std::vector<size_t> sizes = {1, 2, 31, 32, 33, 63, 64, 65, 100, 1000, 4095, 4096, 65537, kMiB + 1, 3 * kMiB};
  std::vector<void*> pointers;
  for (size_t size : sizes) {
    for (auto malloc : {aclrtMalloc, aclrtMallocAlign32, aclrtMallocCached}) {
      void* p = nullptr;
      ASSERT_EQ(malloc(&p, size, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS) << size;
      EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 64, 0u) << "size " << size << " at " << p;
      pointers.push_back(p);
    }
  }
  for (void* p : pointers) EXPECT_EQ(aclrtFree(p), ACL_SUCCESS);
}

TEST_F(MallocTest, LiveAllocationsDoNotOverlap) {
  std::vector<std::pair<uintptr_t, size_t>> ranges;
  for (size_t size : {1u, 33u, 100u, 4096u, 70000u}) {
    for (int i = 0; i < 8; ++i) {
      void* p = nullptr;
      ASSERT_EQ(aclrtMalloc(&p, size, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
      ranges.emplace_back(reinterpret_cast<uintptr_t>(p), size);
    }
  }
  std::sort(ranges.begin(), ranges.end());
  for (size_t i = 1; i < ranges.size(); ++i) {
    EXPECT_GE(ranges[i].first, ranges[i - 1].first + ranges[i - 1].second);
  }
  for (const auto& [base, size] : ranges) EXPECT_EQ(aclrtFree(reinterpret_cast<void*>(base)), ACL_SUCCESS);
}

TEST_F(MallocTest, FreeRestoresTheFreeFigureExactly) {
  const size_t before = FreeBytes();
  std::vector<void*> pointers;
  for (size_t size : {1u, 33u, 1000u, 65536u, 1u << 20, 5u << 20}) {
    void* p = nullptr;
    ASSERT_EQ(aclrtMalloc(&p, size, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
    pointers.push_back(p);
  }
  EXPECT_EQ(before - FreeBytes(), 64u + 96u + 1056u + 65568u + (kMiB + 32) + (5 * kMiB + 32));
  for (void* p : pointers) ASSERT_EQ(aclrtFree(p), ACL_SUCCESS);
  EXPECT_EQ(FreeBytes(), before);
}

TEST_F(MallocTest, SizeZeroIsInvalidParam) {
  void* p = reinterpret_cast<void*>(0x1);
  EXPECT_EQ(aclrtMalloc(&p, 0, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "size")) << "message names size";
  EXPECT_EQ(aclrtMallocAlign32(&p, 0, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMallocCached(&p, 0, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_INVALID_PARAM);
}

TEST_F(MallocTest, NullOutPointerIsInvalidParam) {
  const size_t before = FreeBytes();
  EXPECT_EQ(aclrtMalloc(nullptr, 64, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "devPtr"));
  EXPECT_EQ(aclrtMallocAlign32(nullptr, 64, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMallocCached(nullptr, 64, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(FreeBytes(), before);
}

TEST_F(MallocTest, EveryPolicyValueIsAccepted) {
  const std::vector<uint32_t> policies = {
      ACL_MEM_MALLOC_HUGE_FIRST,
      ACL_MEM_MALLOC_HUGE_ONLY,
      ACL_MEM_MALLOC_NORMAL_ONLY,
      ACL_MEM_MALLOC_HUGE_FIRST_P2P,
      ACL_MEM_MALLOC_HUGE_ONLY_P2P,
      ACL_MEM_MALLOC_NORMAL_ONLY_P2P,
      ACL_MEM_TYPE_LOW_BAND_WIDTH,
      ACL_MEM_TYPE_HIGH_BAND_WIDTH,
      ACL_MEM_TYPE_LOW_BAND_WIDTH | ACL_MEM_MALLOC_HUGE_ONLY,
      ACL_MEM_TYPE_HIGH_BAND_WIDTH | ACL_MEM_MALLOC_NORMAL_ONLY,
      6,  // ACL_MEM_MALLOC_HUGE1G_ONLY in newer headers
      7,  // ACL_MEM_MALLOC_HUGE1G_ONLY_P2P
  };
  for (uint32_t value : policies) {
    const auto policy = static_cast<aclrtMemMallocPolicy>(value);
    for (size_t size : {size_t{100}, 3 * kMiB}) {
      const size_t before = FreeBytes();
      void* p = nullptr;
      ASSERT_EQ(aclrtMalloc(&p, size, policy), ACL_SUCCESS) << "policy " << value << " size " << size;
      EXPECT_EQ(before - FreeBytes(), (size + 31) / 32 * 32 + 32) << "policy " << value;
      ASSERT_EQ(aclrtFree(p), ACL_SUCCESS);
      ASSERT_EQ(aclrtMallocAlign32(&p, size, policy), ACL_SUCCESS) << "policy " << value;
      ASSERT_EQ(aclrtFree(p), ACL_SUCCESS);
    }
  }
}

TEST_F(MallocSmallDevice, TotalIsSixtyFourMebibytes) {
  EXPECT_EQ(TotalBytes(), 64 * kMiB);
  EXPECT_EQ(FreeBytes(), 64 * kMiB);
}

TEST_F(MallocSmallDevice, RequestBeyondCapacityIsAllocationErrorAndChangesNothing) {
  const size_t before = FreeBytes();
  void* p = nullptr;
  EXPECT_EQ(aclrtMalloc(&p, 64 * kMiB + 1, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_RT_MEMORY_ALLOCATION);
  EXPECT_EQ(p, nullptr);
  EXPECT_EQ(FreeBytes(), before);
}

TEST_F(MallocSmallDevice, WholeCapacityFailsForMallocButNotForAlign32) {
  // aclrtMalloc adds 32 bytes: 64 MiB asked is 64 MiB + 32 taken, more than there is.
  void* p = nullptr;
  EXPECT_EQ(aclrtMalloc(&p, 64 * kMiB, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_RT_MEMORY_ALLOCATION);
  EXPECT_EQ(FreeBytes(), 64 * kMiB);
  ASSERT_EQ(aclrtMallocAlign32(&p, 64 * kMiB, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  EXPECT_EQ(FreeBytes(), 0u);
  void* q = nullptr;
  EXPECT_EQ(aclrtMallocAlign32(&q, 1, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_RT_MEMORY_ALLOCATION);
  EXPECT_EQ(aclrtFree(p), ACL_SUCCESS);
  EXPECT_EQ(FreeBytes(), 64 * kMiB);
}

TEST_F(MallocSmallDevice, RequestBeyondWhatIsLeftFailsWithFreeUnchanged) {
  void* held = nullptr;
  ASSERT_EQ(aclrtMalloc(&held, 40 * kMiB, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  const size_t before = FreeBytes();
  EXPECT_EQ(before, 64 * kMiB - (40 * kMiB + 32));
  void* p = nullptr;
  EXPECT_EQ(aclrtMalloc(&p, 30 * kMiB, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_RT_MEMORY_ALLOCATION);
  const std::string message = RecentErrMsg();
  EXPECT_TRUE(Contains(message, "aclrtMalloc")) << message;
  EXPECT_TRUE(Contains(message, std::to_string(30 * kMiB))) << message;  // requested
  EXPECT_TRUE(Contains(message, std::to_string(before))) << message;     // free
  EXPECT_EQ(FreeBytes(), before);
  // What is left is still usable, exactly.
  ASSERT_EQ(aclrtMallocAlign32(&p, before, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  EXPECT_EQ(FreeBytes(), 0u);
  EXPECT_EQ(aclrtFree(p), ACL_SUCCESS);
  EXPECT_EQ(aclrtFree(held), ACL_SUCCESS);
  EXPECT_EQ(FreeBytes(), 64 * kMiB);
}

TEST_F(MallocSmallDevice, ManySmallAllocationsFillTheDeviceExactly) {
  // 64 MiB / 64 bytes per one-byte aclrtMalloc = 1 Mi allocations, then nothing more.
  std::vector<void*> pointers;
  pointers.reserve(64 * kMiB / 64);
  for (size_t i = 0; i < 64 * kMiB / 64; ++i) {
    void* p = nullptr;
    ASSERT_EQ(aclrtMalloc(&p, 1, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS) << i;
    pointers.push_back(p);
  }
  EXPECT_EQ(FreeBytes(), 0u);
  void* p = nullptr;
  EXPECT_EQ(aclrtMalloc(&p, 1, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_RT_MEMORY_ALLOCATION);
  for (void* q : pointers) ASSERT_EQ(aclrtFree(q), ACL_SUCCESS);
  EXPECT_EQ(FreeBytes(), 64 * kMiB);
  ASSERT_EQ(aclrtMalloc(&p, 60 * kMiB, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);  // the space came back
  EXPECT_EQ(aclrtFree(p), ACL_SUCCESS);
}

TEST_F(MallocSmallDevice, AbsurdSizesAreAllocationErrorsNotOverflows) {
  void* p = nullptr;
  for (size_t size : {SIZE_MAX, SIZE_MAX - 31, SIZE_MAX / 2, size_t{1} << 62}) {
    EXPECT_EQ(aclrtMalloc(&p, size, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_RT_MEMORY_ALLOCATION) << size;
    EXPECT_EQ(aclrtMallocAlign32(&p, size, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_RT_MEMORY_ALLOCATION) << size;
  }
  EXPECT_EQ(FreeBytes(), 64 * kMiB);
}

TEST_F(MallocTest, FreeOnAnotherThreadRestoresTheFreeFigureExactly) {
  const size_t before = FreeBytes();
  std::vector<void*> pointers(4 * 256, nullptr);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (size_t i = 0; i < 256; ++i) {
        EXPECT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
        EXPECT_EQ(aclrtMalloc(&pointers[t * 256 + i], 100 + 1000 * i, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
        EXPECT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  size_t taken = 0;
  for (size_t i = 0; i < 256; ++i) taken += 4 * ((100 + 1000 * i + 31) / 32 * 32 + 32);
  EXPECT_EQ(before - FreeBytes(), taken);
  for (void* p : pointers) ASSERT_EQ(aclrtFree(p), ACL_SUCCESS);  // all on this thread
  EXPECT_EQ(FreeBytes(), before);
}

TEST(MallocWithoutDevice, NeedsACurrentContext) {
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  void* p = nullptr;
  EXPECT_EQ(aclrtMalloc(&p, 64, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_RT_CONTEXT_NULL);
  EXPECT_EQ(p, nullptr);
  size_t free = 0;
  size_t total = 0;
  EXPECT_EQ(aclrtGetMemInfo(ACL_DDR_MEM, &free, &total), ACL_ERROR_RT_CONTEXT_NULL);
  EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
}

// ---- aclrtFree misuse ------------------------------------------------------------------------

TEST_F(MallocTest, FreeNullIsInvalidParam) {
  EXPECT_EQ(aclrtFree(nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "devPtr"));
}

TEST_F(MallocTest, FreeOfHostMemoryIsInvalidParam) {
  int on_stack = 0;
  std::vector<char> on_heap(100);
  EXPECT_EQ(aclrtFree(&on_stack), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtFree(on_heap.data()), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "aclrtFree"));
}

TEST_F(MallocTest, FreeOfInteriorPointerIsInvalidParamAndKeepsTheAllocation) {
  void* p = nullptr;
  ASSERT_EQ(aclrtMalloc(&p, 1000, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  const size_t live = FreeBytes();
  EXPECT_EQ(aclrtFree(static_cast<char*>(p) + 64), ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentErrMsg();
  EXPECT_TRUE(Contains(message, "64 bytes into")) << message;
  EXPECT_EQ(aclrtFree(static_cast<char*>(p) + 1), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(FreeBytes(), live);
  EXPECT_EQ(aclrtFree(p), ACL_SUCCESS);
}

TEST_F(MallocTest, DoubleFreeIsInvalidParamAndChangesNothing) {
  void* p = nullptr;
  ASSERT_EQ(aclrtMalloc(&p, 100, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtFree(p), ACL_SUCCESS);
  const size_t before = FreeBytes();
  EXPECT_EQ(aclrtFree(p), ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentErrMsg();
  EXPECT_TRUE(Contains(message, "freed already")) << message;
  EXPECT_EQ(FreeBytes(), before);
}

TEST_F(MallocTest, DoubleFreeAfterReuseDoesNotFreeTheNewAllocation) {
  void* p = nullptr;
  ASSERT_EQ(aclrtMalloc(&p, 100, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtFree(p), ACL_SUCCESS);
  EXPECT_EQ(aclrtFree(p), ACL_ERROR_INVALID_PARAM);
  // The block may be handed out again; that allocation is intact and freed exactly once.
  void* q = nullptr;
  ASSERT_EQ(aclrtMalloc(&q, 100, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  const size_t live = FreeBytes();
  EXPECT_EQ(aclrtFree(q), ACL_SUCCESS);
  EXPECT_EQ(FreeBytes(), live + 160);
  EXPECT_EQ(aclrtFree(q), ACL_ERROR_INVALID_PARAM);
}

TEST_F(MallocTest, FreeOfAnUnallocatedDeviceAddressIsInvalidParam) {
  void* p = nullptr;
  ASSERT_EQ(aclrtMalloc(&p, kMiB, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  // Far past the allocation, in the device's address space: not the base of anything live.
  EXPECT_EQ(aclrtFree(static_cast<char*>(p) + 512 * kMiB), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtFree(p), ACL_SUCCESS);
}

TEST_F(MallocTest, FreeOfAclrtMallocHostBlockIsInvalidParam) {
  void* host = nullptr;
  ASSERT_EQ(aclrtMallocHost(&host, 256), ACL_SUCCESS);
  EXPECT_EQ(aclrtFree(host), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtFreeHost(host), ACL_SUCCESS);
}

// ---- aclrtMallocHost / aclrtFreeHost ----------------------------------------------------------

TEST_F(MallocTest, MallocHostReturnsSixtyFourByteAlignedWritableBlocks) {
  std::vector<void*> blocks;
  for (size_t size : {size_t{1}, size_t{7}, size_t{64}, size_t{100}, size_t{4096}, kMiB + 3}) {
    void* p = nullptr;
    ASSERT_EQ(aclrtMallocHost(&p, size), ACL_SUCCESS) << size;
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 64, 0u) << size;
    std::memset(p, 0xA5, size);
    blocks.push_back(p);
  }
  for (void* p : blocks) EXPECT_EQ(aclrtFreeHost(p), ACL_SUCCESS);
}

TEST_F(MallocTest, MallocHostDoesNotTakeDeviceMemory) {
  const size_t before = FreeBytes();
  void* p = nullptr;
  ASSERT_EQ(aclrtMallocHost(&p, 4 * kMiB), ACL_SUCCESS);
  EXPECT_EQ(FreeBytes(), before);
  EXPECT_EQ(aclrtFreeHost(p), ACL_SUCCESS);
}

TEST_F(MallocTest, MallocHostRejectsSizeZeroAndNullOutPointer) {
  void* p = nullptr;
  EXPECT_EQ(aclrtMallocHost(&p, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMallocHost(nullptr, 64), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "hostPtr"));
}

TEST_F(MallocTest, FreeHostRejectsNullUnknownInteriorAndFreedPointers) {
  EXPECT_EQ(aclrtFreeHost(nullptr), ACL_ERROR_INVALID_PARAM);
  int on_stack = 0;
  EXPECT_EQ(aclrtFreeHost(&on_stack), ACL_ERROR_INVALID_PARAM);
  void* p = nullptr;
  ASSERT_EQ(aclrtMallocHost(&p, 256), ACL_SUCCESS);
  EXPECT_EQ(aclrtFreeHost(static_cast<char*>(p) + 16), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "16 bytes into"));
  ASSERT_EQ(aclrtFreeHost(p), ACL_SUCCESS);
  EXPECT_EQ(aclrtFreeHost(p), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "aclrtFreeHost"));
}

TEST_F(MallocTest, FreeHostOfDeviceMemoryIsInvalidParam) {
  void* p = nullptr;
  ASSERT_EQ(aclrtMalloc(&p, 100, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  EXPECT_EQ(aclrtFreeHost(p), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtFree(p), ACL_SUCCESS);
}

}  // namespace
}  // namespace aclsim_memory_test
