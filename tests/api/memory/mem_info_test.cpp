// aclrtGetMemInfo for every aclrtMemAttr on a DDR SoC and an HBM SoC, what aclrtResetDevice frees,
// and that many allocate/free cycles do not grow the process.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "memory_test_util.h"

namespace aclsim_memory_test {
namespace {

constexpr aclrtMemAttr kDdrAttrs[] = {ACL_DDR_MEM, ACL_DDR_MEM_HUGE, ACL_DDR_MEM_NORMAL, ACL_DDR_MEM_P2P_HUGE,
                                      ACL_DDR_MEM_P2P_NORMAL};
constexpr aclrtMemAttr kHbmAttrs[] = {ACL_HBM_MEM, ACL_HBM_MEM_HUGE, ACL_HBM_MEM_NORMAL, ACL_HBM_MEM_P2P_HUGE,
                                      ACL_HBM_MEM_P2P_NORMAL};

using MemInfoDefaultSoc = SmallDeviceTest;  // Ascend310P3: DDR

class MemInfoHbmSoc : public MemoryTest {
 protected:
  std::vector<std::pair<std::string, std::string>> Settings() const override {
    return {{"ACLSIM_DEVICE_MEMORY", "64M"}, {"ACLSIM_SOC_NAME", "Ascend910B1"}};
  }
};

std::pair<size_t, size_t> Info(aclrtMemAttr attr) {
  size_t free = 12345;
  size_t total = 12345;
  EXPECT_EQ(aclrtGetMemInfo(attr, &free, &total), ACL_SUCCESS) << "attr " << attr;
  return {free, total};
}

TEST_F(MemInfoDefaultSoc, SocNameIsAscend310P3) { EXPECT_STREQ(aclrtGetSocName(), "Ascend310P3"); }

TEST_F(MemInfoDefaultSoc, DdrAttributesReportTheDevicePool) {
  void* p = nullptr;
  ASSERT_EQ(aclrtMalloc(&p, kMiB, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  for (aclrtMemAttr attr : kDdrAttrs) {
    const auto [free, total] = Info(attr);
    EXPECT_EQ(total, 64 * kMiB) << "attr " << attr;
    EXPECT_EQ(free, 64 * kMiB - (kMiB + 32)) << "attr " << attr;
  }
  EXPECT_EQ(aclrtFree(p), ACL_SUCCESS);
}

TEST_F(MemInfoDefaultSoc, HbmAttributesReportZero) {
  for (aclrtMemAttr attr : kHbmAttrs) {
    const auto [free, total] = Info(attr);
    EXPECT_EQ(free, 0u) << "attr " << attr;
    EXPECT_EQ(total, 0u) << "attr " << attr;
  }
}

TEST_F(MemInfoHbmSoc, SocNameIsAscend910B1) { EXPECT_STREQ(aclrtGetSocName(), "Ascend910B1"); }

TEST_F(MemInfoHbmSoc, HbmAttributesReportTheDevicePool) {
  void* p = nullptr;
  ASSERT_EQ(aclrtMalloc(&p, 33, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  for (aclrtMemAttr attr : kHbmAttrs) {
    const auto [free, total] = Info(attr);
    EXPECT_EQ(total, 64 * kMiB) << "attr " << attr;
    EXPECT_EQ(free, 64 * kMiB - 96) << "attr " << attr;
  }
  EXPECT_EQ(aclrtFree(p), ACL_SUCCESS);
}

TEST_F(MemInfoHbmSoc, DdrAttributesReportZero) {
  for (aclrtMemAttr attr : kDdrAttrs) {
    const auto [free, total] = Info(attr);
    EXPECT_EQ(free, 0u) << "attr " << attr;
    EXPECT_EQ(total, 0u) << "attr " << attr;
  }
}

TEST_F(MemInfoDefaultSoc, RejectsNullOutputsAndUnknownAttr) {
  size_t value = 0;
  EXPECT_EQ(aclrtGetMemInfo(ACL_DDR_MEM, nullptr, &value), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "free"));
  EXPECT_EQ(aclrtGetMemInfo(ACL_DDR_MEM, &value, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "total"));
  size_t free = 0;
  EXPECT_EQ(aclrtGetMemInfo(static_cast<aclrtMemAttr>(10), &free, &value), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "attr"));
  EXPECT_EQ(aclrtGetMemInfo(static_cast<aclrtMemAttr>(-1), &free, &value), ACL_ERROR_INVALID_PARAM);
}

// ---- what aclrtResetDevice frees ----------------------------------------------------------------

using MemoryAtReset = SmallDeviceTest;

TEST_F(MemoryAtReset, AllocationsLeftAtResetAreFreed) {
  void* a = nullptr;
  void* b = nullptr;
  void* c = nullptr;
  ASSERT_EQ(aclrtMalloc(&a, 100, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtMalloc(&b, 3 * kMiB, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtMallocAlign32(&c, 20 * kMiB, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  EXPECT_EQ(FreeBytes(), 64 * kMiB - 160 - (3 * kMiB + 32) - 20 * kMiB);
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);  // logs a leak warning
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  EXPECT_EQ(FreeBytes(), 64 * kMiB);
  EXPECT_EQ(TotalBytes(), 64 * kMiB);
}

TEST_F(MemoryAtReset, PointersFromBeforeTheResetAreNoLongerLive) {
  void* p = nullptr;
  ASSERT_EQ(aclrtMalloc(&p, 100, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  EXPECT_EQ(aclrtFree(p), ACL_ERROR_INVALID_PARAM);
  char host[16] = {};
  EXPECT_EQ(aclrtMemcpy(host, sizeof host, p, sizeof host, ACL_MEMCPY_DEVICE_TO_HOST), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(FreeBytes(), 64 * kMiB);
}

TEST_F(MemoryAtReset, PhysicalMemoryLeftAtResetIsFreed) {
  aclrtPhysicalMemProp prop{};
  prop.handleType = ACL_MEM_HANDLE_TYPE_NONE;
  prop.allocationType = ACL_MEM_ALLOCATION_TYPE_PINNED;
  prop.memAttr = ACL_DDR_MEM_HUGE;
  prop.location.id = 0;
  prop.location.type = ACL_MEM_LOCATION_TYPE_DEVICE;
  aclrtDrvMemHandle handle = nullptr;
  ASSERT_EQ(aclrtMallocPhysical(&handle, 4 * kMiB, &prop, 0), ACL_SUCCESS);
  EXPECT_EQ(FreeBytes(), 60 * kMiB);
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  EXPECT_EQ(FreeBytes(), 64 * kMiB);
  EXPECT_EQ(aclrtFreePhysical(handle), ACL_ERROR_INVALID_PARAM);  // released with the device
}

TEST_F(MemoryAtReset, MappedPhysicalMemoryLeftAtResetIsUnmappedAndFreed) {
  void* base = nullptr;
  ASSERT_EQ(aclrtReserveMemAddress(&base, 2 * kMiB, 0, nullptr, 0), ACL_SUCCESS);
  aclrtPhysicalMemProp prop{};
  prop.allocationType = ACL_MEM_ALLOCATION_TYPE_PINNED;
  prop.memAttr = ACL_DDR_MEM_HUGE;
  prop.location.type = ACL_MEM_LOCATION_TYPE_DEVICE;
  aclrtDrvMemHandle handle = nullptr;
  ASSERT_EQ(aclrtMallocPhysical(&handle, 2 * kMiB, &prop, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtMapMem(base, 2 * kMiB, 0, handle, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  EXPECT_EQ(FreeBytes(), 64 * kMiB);
  char host[16] = {};
  EXPECT_EQ(aclrtMemcpy(host, sizeof host, base, sizeof host, ACL_MEMCPY_DEVICE_TO_HOST), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtUnmapMem(base), ACL_ERROR_INVALID_PARAM);  // unmapped with the device
  EXPECT_EQ(aclrtReleaseMemAddress(base), ACL_SUCCESS);     // the reservation is the process's
}

TEST_F(MemoryAtReset, ResetThatKeepsAReferenceFreesNothing) {
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);  // two references
  void* p = nullptr;
  ASSERT_EQ(aclrtMalloc(&p, kMiB, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);  // one left
  EXPECT_EQ(FreeBytes(), 64 * kMiB - (kMiB + 32));
  EXPECT_EQ(aclrtFree(p), ACL_SUCCESS);
}

// ---- resident memory over many cycles ---------------------------------------------------------

// VmRSS of this process in bytes (0 when /proc is not readable).
size_t ResidentBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) {
      unsigned long long kib = 0;
      if (std::sscanf(line.c_str() + 6, "%llu", &kib) == 1) return static_cast<size_t>(kib) * 1024;
    }
  }
  return 0;
}

using MemoryCycles = MemoryTest;

TEST_F(MemoryCycles, HundredThousandMallocFreeCyclesDoNotGrowResidentMemory) {
  // Mixed sizes, a rotating set of 64 live allocations (so blocks do not come straight back), and
  // the first bytes of each allocation written (so its pages are really touched).
  const size_t sizes[] = {1, 33, 100, 513, 4096, 10000, 65536, 100000, 300000, kMiB, 2 * kMiB + 7};
  constexpr size_t kLive = 64;
  constexpr size_t kCycles = 100000;
  std::vector<void*> ring(kLive, nullptr);
  const size_t free_before = FreeBytes();
  auto cycle = [&](size_t i) {
    void*& slot = ring[i % kLive];
    if (slot != nullptr) {
      ASSERT_EQ(aclrtFree(slot), ACL_SUCCESS);
    }
    const size_t size = sizes[(i * 7) % (sizeof sizes / sizeof sizes[0])];
    ASSERT_EQ(aclrtMalloc(&slot, size, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS) << i;
    ASSERT_EQ(aclrtMemset(slot, size, static_cast<int32_t>(i), std::min<size_t>(size, 256)), ACL_SUCCESS);
  };
  // Warm up: every size class has blocks, the caches are filled, the process is at its steady size.
  for (size_t i = 0; i < 5000; ++i) {
    cycle(i);
    if (HasFatalFailure()) return;
  }
  const size_t resident_before = ResidentBytes();
  ASSERT_GT(resident_before, 0u) << "/proc/self/status has no VmRSS";
  for (size_t i = 5000; i < 5000 + kCycles; ++i) {
    cycle(i);
    if (HasFatalFailure()) return;
  }
  const size_t resident_after = ResidentBytes();
  for (void*& p : ring) ASSERT_EQ(aclrtFree(p), ACL_SUCCESS);
  EXPECT_EQ(FreeBytes(), free_before);
  const long long growth = static_cast<long long>(resident_after) - static_cast<long long>(resident_before);
  EXPECT_LT(growth, 8LL << 20) << "VmRSS " << resident_before << " -> " << resident_after << " bytes";
  RecordProperty("vmrss_growth_bytes", std::to_string(growth));
}

}  // namespace
}  // namespace aclsim_memory_test
