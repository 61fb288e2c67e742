// Virtual memory management: granularity, reserve + physical + map, copies through mapped ranges
// (two mappings of one handle alias), the documented teardown order and the errors for others.
#include <cstdint>
#include <string>
#include <vector>

#include "memory_test_util.h"

namespace aclsim_memory_test {
namespace {

constexpr size_t kGranularity = 2 * kMiB;

aclrtPhysicalMemProp DeviceProp(uint32_t device = 0) {
  aclrtPhysicalMemProp prop{};
  prop.handleType = ACL_MEM_HANDLE_TYPE_NONE;
  prop.allocationType = ACL_MEM_ALLOCATION_TYPE_PINNED;
  prop.memAttr = ACL_HBM_MEM_HUGE;
  prop.location.id = device;
  prop.location.type = ACL_MEM_LOCATION_TYPE_DEVICE;
  prop.reserve = 0;
  return prop;
}

using VirtualMemory = SmallDeviceTest;

TEST_F(VirtualMemory, GranularityIsTwoMebibytesForBothOptions) {
  aclrtPhysicalMemProp prop = DeviceProp();
  size_t granularity = 0;
  ASSERT_EQ(aclrtMemGetAllocationGranularity(&prop, ACL_RT_MEM_ALLOC_GRANULARITY_MINIMUM, &granularity), ACL_SUCCESS);
  EXPECT_EQ(granularity, kGranularity);
  granularity = 0;
  ASSERT_EQ(aclrtMemGetAllocationGranularity(&prop, ACL_RT_MEM_ALLOC_GRANULARITY_RECOMMENDED, &granularity),
            ACL_SUCCESS);
  EXPECT_EQ(granularity, kGranularity);
}

TEST_F(VirtualMemory, GranularityRejectsNullsAndUnknownOption) {
  aclrtPhysicalMemProp prop = DeviceProp();
  size_t granularity = 0;
  EXPECT_EQ(aclrtMemGetAllocationGranularity(nullptr, ACL_RT_MEM_ALLOC_GRANULARITY_MINIMUM, &granularity),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "prop"));
  EXPECT_EQ(aclrtMemGetAllocationGranularity(&prop, ACL_RT_MEM_ALLOC_GRANULARITY_MINIMUM, nullptr),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "granularity"));
  EXPECT_EQ(aclrtMemGetAllocationGranularity(&prop, ACL_RT_MEM_ALLOC_GRANULARITY_UNDEF, &granularity),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "option"));
}

TEST_F(VirtualMemory, ReserveReturnsAGranularityAlignedRangeAndTakesNoDeviceMemory) {
  void* base = nullptr;
  ASSERT_EQ(aclrtReserveMemAddress(&base, 8 * kGranularity, 0, nullptr, 0), ACL_SUCCESS);
  ASSERT_NE(base, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(base) % kGranularity, 0u);
  EXPECT_EQ(FreeBytes(), 64 * kMiB);
  EXPECT_EQ(aclrtReleaseMemAddress(base), ACL_SUCCESS);
}

TEST_F(VirtualMemory, ReserveHonoursALargerAlignment) {
  void* base = nullptr;
  ASSERT_EQ(aclrtReserveMemAddress(&base, kGranularity, 64 * kMiB, nullptr, 0), ACL_SUCCESS);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(base) % (64 * kMiB), 0u);
  EXPECT_EQ(aclrtReleaseMemAddress(base), ACL_SUCCESS);
}

TEST_F(VirtualMemory, ReserveRejectsSizesAlignmentsAndFlagsOffTheRules) {
  void* base = nullptr;
  EXPECT_EQ(aclrtReserveMemAddress(&base, 0, 0, nullptr, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtReserveMemAddress(&base, kGranularity + 1, 0, nullptr, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "size"));
  EXPECT_EQ(aclrtReserveMemAddress(&base, kGranularity, 3 * kGranularity, nullptr, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "alignment"));
  EXPECT_EQ(aclrtReserveMemAddress(&base, kGranularity, 0, nullptr, 2), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "flags"));
  EXPECT_EQ(aclrtReserveMemAddress(nullptr, kGranularity, 0, nullptr, 0), ACL_ERROR_INVALID_PARAM);
}

TEST_F(VirtualMemory, MallocPhysicalChargesItsDeviceAndFreePhysicalGivesItBack) {
  aclrtPhysicalMemProp prop = DeviceProp();
  aclrtDrvMemHandle handle = nullptr;
  ASSERT_EQ(aclrtMallocPhysical(&handle, 3 * kGranularity, &prop, 0), ACL_SUCCESS);
  EXPECT_EQ(FreeBytes(), 64 * kMiB - 3 * kGranularity);
  ASSERT_EQ(aclrtFreePhysical(handle), ACL_SUCCESS);
  EXPECT_EQ(FreeBytes(), 64 * kMiB);
}

TEST_F(VirtualMemory, MallocPhysicalBeyondTheDeviceIsAllocationError) {
  aclrtPhysicalMemProp prop = DeviceProp();
  aclrtDrvMemHandle handle = nullptr;
  EXPECT_EQ(aclrtMallocPhysical(&handle, 33 * kGranularity, &prop, 0), ACL_ERROR_RT_MEMORY_ALLOCATION);
  EXPECT_EQ(FreeBytes(), 64 * kMiB);
}

TEST_F(VirtualMemory, MallocPhysicalRejectsPropsOffTheRules) {
  aclrtDrvMemHandle handle = nullptr;
  aclrtPhysicalMemProp prop = DeviceProp();
  EXPECT_EQ(aclrtMallocPhysical(&handle, kGranularity + 32, &prop, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "size"));
  EXPECT_EQ(aclrtMallocPhysical(&handle, kGranularity, &prop, 1), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMallocPhysical(&handle, kGranularity, nullptr, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMallocPhysical(nullptr, kGranularity, &prop, 0), ACL_ERROR_INVALID_PARAM);
  prop.location.type = ACL_MEM_LOCATION_TYPE_HOST;
  EXPECT_EQ(aclrtMallocPhysical(&handle, kGranularity, &prop, 0), ACL_ERROR_FEATURE_UNSUPPORTED);
  prop = DeviceProp(1);  // there is one device
  EXPECT_EQ(aclrtMallocPhysical(&handle, kGranularity, &prop, 0), ACL_ERROR_RT_INVALID_DEVICEID);
  EXPECT_EQ(FreeBytes(), 64 * kMiB);
}

// Reserve two granules, map one handle at both: writes through one mapping read back through the
// other, then unmap, release and free in the documented order.
TEST_F(VirtualMemory, TwoMappingsOfOneHandleAlias) {
  void* base = nullptr;
  ASSERT_EQ(aclrtReserveMemAddress(&base, 2 * kGranularity, 0, nullptr, 0), ACL_SUCCESS);
  aclrtPhysicalMemProp prop = DeviceProp();
  aclrtDrvMemHandle handle = nullptr;
  ASSERT_EQ(aclrtMallocPhysical(&handle, kGranularity, &prop, 0), ACL_SUCCESS);
  void* first = base;
  void* second = static_cast<char*>(base) + kGranularity;
  ASSERT_EQ(aclrtMapMem(first, kGranularity, 0, handle, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtMapMem(second, kGranularity, 0, handle, 0), ACL_SUCCESS);

  const std::vector<unsigned char> bytes = Pattern(100000, 51);
  ASSERT_EQ(aclrtMemcpy(static_cast<char*>(first) + 12345, bytes.size(), bytes.data(), bytes.size(),
                        ACL_MEMCPY_HOST_TO_DEVICE),
            ACL_SUCCESS);
  EXPECT_EQ(ReadDevice(static_cast<char*>(second) + 12345, bytes.size()), bytes);
  // And the other way round, with a memset and a device-to-device copy.
  ASSERT_EQ(aclrtMemset(second, kGranularity, 0x6B, 4096), ACL_SUCCESS);
  EXPECT_EQ(ReadDevice(first, 4096), std::vector<unsigned char>(4096, 0x6B));
  void* plain = nullptr;
  ASSERT_EQ(aclrtMalloc(&plain, 4096, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpy(plain, 4096, second, 4096, ACL_MEMCPY_DEVICE_TO_DEVICE), ACL_SUCCESS);
  EXPECT_EQ(ReadDevice(plain, 4096), std::vector<unsigned char>(4096, 0x6B));
  ASSERT_EQ(aclrtFree(plain), ACL_SUCCESS);

  ASSERT_EQ(aclrtUnmapMem(first), ACL_SUCCESS);
  ASSERT_EQ(aclrtUnmapMem(second), ACL_SUCCESS);
  ASSERT_EQ(aclrtReleaseMemAddress(base), ACL_SUCCESS);
  ASSERT_EQ(aclrtFreePhysical(handle), ACL_SUCCESS);
  EXPECT_EQ(FreeBytes(), 64 * kMiB);
}

TEST_F(VirtualMemory, MappedContentSurvivesUnmapAndRemap) {
  void* base = nullptr;
  ASSERT_EQ(aclrtReserveMemAddress(&base, kGranularity, 0, nullptr, 0), ACL_SUCCESS);
  aclrtPhysicalMemProp prop = DeviceProp();
  aclrtDrvMemHandle handle = nullptr;
  ASSERT_EQ(aclrtMallocPhysical(&handle, kGranularity, &prop, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtMapMem(base, kGranularity, 0, handle, 0), ACL_SUCCESS);
  const std::vector<unsigned char> bytes = Pattern(512, 52);
  WriteDevice(base, bytes);
  ASSERT_EQ(aclrtUnmapMem(base), ACL_SUCCESS);
  ASSERT_EQ(aclrtMapMem(base, kGranularity, 0, handle, 0), ACL_SUCCESS);
  EXPECT_EQ(ReadDevice(base, 512), bytes);
  ASSERT_EQ(aclrtUnmapMem(base), ACL_SUCCESS);
  ASSERT_EQ(aclrtFreePhysical(handle), ACL_SUCCESS);
  ASSERT_EQ(aclrtReleaseMemAddress(base), ACL_SUCCESS);
}

TEST_F(VirtualMemory, CopiesMustStayInsideOneMapping) {
  void* base = nullptr;
  ASSERT_EQ(aclrtReserveMemAddress(&base, 2 * kGranularity, 0, nullptr, 0), ACL_SUCCESS);
  aclrtPhysicalMemProp prop = DeviceProp();
  aclrtDrvMemHandle a = nullptr;
  aclrtDrvMemHandle b = nullptr;
  ASSERT_EQ(aclrtMallocPhysical(&a, kGranularity, &prop, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtMallocPhysical(&b, kGranularity, &prop, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtMapMem(base, kGranularity, 0, a, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtMapMem(static_cast<char*>(base) + kGranularity, kGranularity, 0, b, 0), ACL_SUCCESS);
  const std::vector<unsigned char> bytes = Pattern(64);
  char* last = static_cast<char*>(base) + kGranularity - 32;
  EXPECT_EQ(aclrtMemcpy(last, 32, bytes.data(), 32, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  EXPECT_EQ(aclrtMemcpy(last, 64, bytes.data(), 64, ACL_MEMCPY_HOST_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "dst"));
  ASSERT_EQ(aclrtUnmapMem(base), ACL_SUCCESS);
  ASSERT_EQ(aclrtUnmapMem(static_cast<char*>(base) + kGranularity), ACL_SUCCESS);
  ASSERT_EQ(aclrtFreePhysical(a), ACL_SUCCESS);
  ASSERT_EQ(aclrtFreePhysical(b), ACL_SUCCESS);
  ASSERT_EQ(aclrtReleaseMemAddress(base), ACL_SUCCESS);
}

TEST_F(VirtualMemory, FlushAndInvalidateAcceptAMappedRange) {
  void* base = nullptr;
  ASSERT_EQ(aclrtReserveMemAddress(&base, kGranularity, 0, nullptr, 0), ACL_SUCCESS);
  aclrtPhysicalMemProp prop = DeviceProp();
  aclrtDrvMemHandle handle = nullptr;
  ASSERT_EQ(aclrtMallocPhysical(&handle, kGranularity, &prop, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtMapMem(base, kGranularity, 0, handle, 0), ACL_SUCCESS);
  EXPECT_EQ(aclrtMemFlush(base, kGranularity), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(aclrtMemInvalidate(static_cast<char*>(base) + 4096, 4096), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(aclrtMemFlush(base, kGranularity + 1), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclrtUnmapMem(base), ACL_SUCCESS);
  ASSERT_EQ(aclrtFreePhysical(handle), ACL_SUCCESS);
  ASSERT_EQ(aclrtReleaseMemAddress(base), ACL_SUCCESS);
}

TEST_F(VirtualMemory, CopyIntoAReservedButUnmappedRangeIsInvalidParam) {
  void* base = nullptr;
  ASSERT_EQ(aclrtReserveMemAddress(&base, kGranularity, 0, nullptr, 0), ACL_SUCCESS);
  const std::vector<unsigned char> bytes = Pattern(64);
  EXPECT_EQ(aclrtMemcpy(base, 64, bytes.data(), 64, ACL_MEMCPY_HOST_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentErrMsg();
  EXPECT_TRUE(Contains(message, "dst")) << message;
  EXPECT_TRUE(Contains(message, "no physical memory mapped")) << message;
  ASSERT_EQ(aclrtReleaseMemAddress(base), ACL_SUCCESS);
}

TEST_F(VirtualMemory, AclrtFreeOfAMappedAddressIsInvalidParam) {
  void* base = nullptr;
  ASSERT_EQ(aclrtReserveMemAddress(&base, kGranularity, 0, nullptr, 0), ACL_SUCCESS);
  aclrtPhysicalMemProp prop = DeviceProp();
  aclrtDrvMemHandle handle = nullptr;
  ASSERT_EQ(aclrtMallocPhysical(&handle, kGranularity, &prop, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtMapMem(base, kGranularity, 0, handle, 0), ACL_SUCCESS);
  EXPECT_EQ(aclrtFree(base), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMemset(base, kGranularity, 2, 64), ACL_SUCCESS);  // still mapped
  ASSERT_EQ(aclrtUnmapMem(base), ACL_SUCCESS);
  ASSERT_EQ(aclrtFreePhysical(handle), ACL_SUCCESS);
  ASSERT_EQ(aclrtReleaseMemAddress(base), ACL_SUCCESS);
}

TEST_F(VirtualMemory, FreePhysicalWhileMappedFails) {
  void* base = nullptr;
  ASSERT_EQ(aclrtReserveMemAddress(&base, kGranularity, 0, nullptr, 0), ACL_SUCCESS);
  aclrtPhysicalMemProp prop = DeviceProp();
  aclrtDrvMemHandle handle = nullptr;
  ASSERT_EQ(aclrtMallocPhysical(&handle, kGranularity, &prop, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtMapMem(base, kGranularity, 0, handle, 0), ACL_SUCCESS);
  EXPECT_EQ(aclrtFreePhysical(handle), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "still mapped"));
  // Still usable.
  EXPECT_EQ(aclrtMemset(base, kGranularity, 1, 16), ACL_SUCCESS);
  ASSERT_EQ(aclrtUnmapMem(base), ACL_SUCCESS);
  EXPECT_EQ(aclrtFreePhysical(handle), ACL_SUCCESS);
  EXPECT_EQ(aclrtReleaseMemAddress(base), ACL_SUCCESS);
}

TEST_F(VirtualMemory, ReleaseWhileMappedFails) {
  void* base = nullptr;
  ASSERT_EQ(aclrtReserveMemAddress(&base, 2 * kGranularity, 0, nullptr, 0), ACL_SUCCESS);
  aclrtPhysicalMemProp prop = DeviceProp();
  aclrtDrvMemHandle handle = nullptr;
  ASSERT_EQ(aclrtMallocPhysical(&handle, kGranularity, &prop, 0), ACL_SUCCESS);
  void* second = static_cast<char*>(base) + kGranularity;
  ASSERT_EQ(aclrtMapMem(second, kGranularity, 0, handle, 0), ACL_SUCCESS);
  EXPECT_EQ(aclrtReleaseMemAddress(base), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "aclrtUnmapMem"));
  ASSERT_EQ(aclrtUnmapMem(second), ACL_SUCCESS);
  EXPECT_EQ(aclrtReleaseMemAddress(base), ACL_SUCCESS);
  EXPECT_EQ(aclrtFreePhysical(handle), ACL_SUCCESS);
}

TEST_F(VirtualMemory, UnmapReleaseAndFreeTwiceFail) {
  void* base = nullptr;
  ASSERT_EQ(aclrtReserveMemAddress(&base, kGranularity, 0, nullptr, 0), ACL_SUCCESS);
  aclrtPhysicalMemProp prop = DeviceProp();
  aclrtDrvMemHandle handle = nullptr;
  ASSERT_EQ(aclrtMallocPhysical(&handle, kGranularity, &prop, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtMapMem(base, kGranularity, 0, handle, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtUnmapMem(base), ACL_SUCCESS);
  EXPECT_EQ(aclrtUnmapMem(base), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclrtReleaseMemAddress(base), ACL_SUCCESS);
  EXPECT_EQ(aclrtReleaseMemAddress(base), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclrtFreePhysical(handle), ACL_SUCCESS);
  EXPECT_EQ(aclrtFreePhysical(handle), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtFreePhysical(nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtUnmapMem(nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtReleaseMemAddress(nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(FreeBytes(), 64 * kMiB);
}

TEST_F(VirtualMemory, MapAfterReleaseOrFreeFails) {
  void* base = nullptr;
  ASSERT_EQ(aclrtReserveMemAddress(&base, kGranularity, 0, nullptr, 0), ACL_SUCCESS);
  aclrtPhysicalMemProp prop = DeviceProp();
  aclrtDrvMemHandle handle = nullptr;
  ASSERT_EQ(aclrtMallocPhysical(&handle, kGranularity, &prop, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtReleaseMemAddress(base), ACL_SUCCESS);
  EXPECT_EQ(aclrtMapMem(base, kGranularity, 0, handle, 0), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclrtReserveMemAddress(&base, kGranularity, 0, nullptr, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtFreePhysical(handle), ACL_SUCCESS);
  EXPECT_EQ(aclrtMapMem(base, kGranularity, 0, handle, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "handle"));
  ASSERT_EQ(aclrtReleaseMemAddress(base), ACL_SUCCESS);
}

TEST_F(VirtualMemory, MapRejectsArgumentsOffTheRules) {
  void* base = nullptr;
  ASSERT_EQ(aclrtReserveMemAddress(&base, 2 * kGranularity, 0, nullptr, 0), ACL_SUCCESS);
  aclrtPhysicalMemProp prop = DeviceProp();
  aclrtDrvMemHandle handle = nullptr;
  ASSERT_EQ(aclrtMallocPhysical(&handle, kGranularity, &prop, 0), ACL_SUCCESS);
  char* b = static_cast<char*>(base);
  EXPECT_EQ(aclrtMapMem(b + 4096, kGranularity, 0, handle, 0), ACL_ERROR_INVALID_PARAM);  // misaligned
  EXPECT_TRUE(Contains(RecentErrMsg(), "virPtr"));
  EXPECT_EQ(aclrtMapMem(b, 2 * kGranularity, 0, handle, 0), ACL_ERROR_INVALID_PARAM);  // size != handle's
  EXPECT_TRUE(Contains(RecentErrMsg(), "size"));
  EXPECT_EQ(aclrtMapMem(b, kGranularity, 4096, handle, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "offset"));
  EXPECT_EQ(aclrtMapMem(b, kGranularity, 0, handle, 1), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "flags"));
  EXPECT_EQ(aclrtMapMem(b + 2 * kGranularity, kGranularity, 0, handle, 0), ACL_ERROR_INVALID_PARAM);  // outside
  EXPECT_EQ(aclrtMapMem(nullptr, kGranularity, 0, handle, 0), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclrtMapMem(b, kGranularity, 0, handle, 0), ACL_SUCCESS);
  EXPECT_EQ(aclrtMapMem(b, kGranularity, 0, handle, 0), ACL_ERROR_INVALID_PARAM);  // overlaps
  EXPECT_TRUE(Contains(RecentErrMsg(), "overlaps"));
  EXPECT_EQ(aclrtUnmapMem(b + kGranularity), ACL_ERROR_INVALID_PARAM);  // not a mapping's base
  ASSERT_EQ(aclrtUnmapMem(b), ACL_SUCCESS);
  ASSERT_EQ(aclrtFreePhysical(handle), ACL_SUCCESS);
  ASSERT_EQ(aclrtReleaseMemAddress(base), ACL_SUCCESS);
}

TEST_F(VirtualMemory, UnmappedRangeIsNoLongerAddressableByCopies) {
  void* base = nullptr;
  ASSERT_EQ(aclrtReserveMemAddress(&base, kGranularity, 0, nullptr, 0), ACL_SUCCESS);
  aclrtPhysicalMemProp prop = DeviceProp();
  aclrtDrvMemHandle handle = nullptr;
  ASSERT_EQ(aclrtMallocPhysical(&handle, kGranularity, &prop, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtMapMem(base, kGranularity, 0, handle, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtUnmapMem(base), ACL_SUCCESS);
  std::vector<unsigned char> host(64);
  EXPECT_EQ(aclrtMemcpy(host.data(), 64, base, 64, ACL_MEMCPY_DEVICE_TO_HOST), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "src"));
  ASSERT_EQ(aclrtFreePhysical(handle), ACL_SUCCESS);
  ASSERT_EQ(aclrtReleaseMemAddress(base), ACL_SUCCESS);
}

}  // namespace
}  // namespace aclsim_memory_test
