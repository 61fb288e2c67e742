// aclrtReserveMemAddress / aclrtMallocPhysical / aclrtMapMem and friends.
#include "memory/virtual_memory.h"

#include <gtest/gtest.h>
#include <sys/mman.h>

#include <cstring>
#include <vector>

#include "acl/error_codes/rt_error_codes.h"
#include "memory/address_info.h"
#include "memory/checked_copy.h"
#include "memory/device_memory.h"
#include "test_support.h"

namespace aclsim {
namespace {

using test::FailsWith;
using test::kMiB;

constexpr size_t kGranule = kVmmGranularity;

aclrtPhysicalMemProp DeviceProp(uint32_t device) {
  aclrtPhysicalMemProp prop{};
  prop.handleType = ACL_MEM_HANDLE_TYPE_NONE;
  prop.allocationType = ACL_MEM_ALLOCATION_TYPE_PINNED;
  prop.memAttr = ACL_HBM_MEM_HUGE;
  prop.location.id = device;
  prop.location.type = ACL_MEM_LOCATION_TYPE_DEVICE;
  return prop;
}

class VirtualMemoryTest : public ::testing::Test {
 protected:
  void TearDown() override { vmm_.ReleaseAll(); }

  aclrtDrvMemHandle Physical(size_t size) { return vmm_.AllocatePhysical(size, DeviceProp(0), 0, device_); }

  DeviceMemory device_{0, 64 * kMiB};
  VirtualMemory& vmm_ = VirtualMemory::Instance();
};

TEST_F(VirtualMemoryTest, GranularityIsTwoMiBMinimumAndRecommended) {
  const aclrtPhysicalMemProp prop = DeviceProp(0);
  EXPECT_EQ(VirtualMemory::Granularity(&prop, ACL_RT_MEM_ALLOC_GRANULARITY_MINIMUM), 2 * kMiB);
  EXPECT_EQ(VirtualMemory::Granularity(&prop, ACL_RT_MEM_ALLOC_GRANULARITY_RECOMMENDED), 2 * kMiB);
}

TEST_F(VirtualMemoryTest, GranularityRejectsNullPropAndUndefinedOption) {
  const aclrtPhysicalMemProp prop = DeviceProp(0);
  EXPECT_TRUE(FailsWith([] { VirtualMemory::Granularity(nullptr, ACL_RT_MEM_ALLOC_GRANULARITY_MINIMUM); },
                        ACL_ERROR_INVALID_PARAM, "prop"));
  EXPECT_TRUE(FailsWith([&] { VirtualMemory::Granularity(&prop, ACL_RT_MEM_ALLOC_GRANULARITY_UNDEF); },
                        ACL_ERROR_INVALID_PARAM, "option"));
}

TEST_F(VirtualMemoryTest, ReserveReturnsAGranularityAlignedRange) {
  void* range = vmm_.Reserve(4 * kGranule, 0, nullptr, 0);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(range) % kGranule, 0u);
  EXPECT_TRUE(vmm_.IsReserved(range));
  EXPECT_TRUE(vmm_.IsReserved(static_cast<char*>(range) + 4 * kGranule - 1));
  EXPECT_FALSE(vmm_.IsReserved(static_cast<char*>(range) + 4 * kGranule));
  vmm_.Release(range);
  EXPECT_FALSE(vmm_.IsReserved(range));
}

TEST_F(VirtualMemoryTest, ReserveHonoursALargerAlignment) {
  void* range = vmm_.Reserve(kGranule, 16 * kGranule, nullptr, 0);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(range) % (16 * kGranule), 0u);
  vmm_.Release(range);
}

TEST_F(VirtualMemoryTest, ReserveRejectsSizesAndAlignmentsOffTheGranularity) {
  EXPECT_TRUE(FailsWith([&] { vmm_.Reserve(0, 0, nullptr, 0); }, ACL_ERROR_INVALID_PARAM, "size (0)"));
  EXPECT_TRUE(FailsWith([&] { vmm_.Reserve(kGranule + 4096, 0, nullptr, 0); }, ACL_ERROR_INVALID_PARAM, "multiple"));
  EXPECT_TRUE(FailsWith([&] { vmm_.Reserve(kGranule, 4096, nullptr, 0); }, ACL_ERROR_INVALID_PARAM, "alignment"));
  EXPECT_TRUE(
      FailsWith([&] { vmm_.Reserve(kGranule, 3 * kGranule, nullptr, 0); }, ACL_ERROR_INVALID_PARAM, "power-of-two"));
  EXPECT_TRUE(FailsWith([&] { vmm_.Reserve(kGranule, 0, nullptr, 2); }, ACL_ERROR_INVALID_PARAM, "flags"));
  EXPECT_EQ(vmm_.Report().reservations, 0u);
}

TEST_F(VirtualMemoryTest, ReserveAtAnExpectedAddressPlacesTheRangeThere) {
  void* probe = vmm_.Reserve(8 * kGranule, 0, nullptr, 0);  // find a free, aligned place
  vmm_.Release(probe);
  void* range = vmm_.Reserve(2 * kGranule, 0, probe, 0);
  EXPECT_EQ(range, probe);
  vmm_.Release(range);
}

TEST_F(VirtualMemoryTest, ReserveAtATakenOrMisalignedAddressFails) {
  void* taken = vmm_.Reserve(2 * kGranule, 0, nullptr, 0);
  EXPECT_TRUE(FailsWith([&] { vmm_.Reserve(kGranule, 0, taken, 0); }, ACL_ERROR_RT_MEMORY_ALLOCATION, "in use"));
  EXPECT_TRUE(FailsWith([&] { vmm_.Reserve(kGranule, 0, static_cast<char*>(taken) + 4096, 0); },
                        ACL_ERROR_RT_PARAM_INVALID, "not aligned"));
  vmm_.Release(taken);
}

TEST_F(VirtualMemoryTest, ReleaseOfUnknownOrInteriorAddressFails) {
  void* range = vmm_.Reserve(2 * kGranule, 0, nullptr, 0);
  EXPECT_TRUE(FailsWith([&] { vmm_.Release(static_cast<char*>(range) + kGranule); }, ACL_ERROR_INVALID_PARAM,
                        "not the base of a reserved range"));
  vmm_.Release(range);
  EXPECT_TRUE(FailsWith([&] { vmm_.Release(range); }, ACL_ERROR_INVALID_PARAM, "not the base of a reserved range"));
}

TEST_F(VirtualMemoryTest, PhysicalMemoryIsChargedToItsDevice) {
  aclrtDrvMemHandle handle = Physical(2 * kGranule);
  EXPECT_EQ(device_.Info().free, 64 * kMiB - 2 * kGranule);
  EXPECT_EQ(vmm_.DeviceOfHandle(handle), 0);
  vmm_.FreePhysical(handle);
  EXPECT_EQ(device_.Info().free, 64 * kMiB);
}

TEST_F(VirtualMemoryTest, PhysicalMemoryBeyondTheFreeMemoryFails) {
  EXPECT_TRUE(FailsWith([&] { Physical(66 * kMiB); }, ACL_ERROR_RT_MEMORY_ALLOCATION, "out of memory on device 0"));
  EXPECT_EQ(device_.Info().free, 64 * kMiB);
  EXPECT_EQ(vmm_.Report().physical_handles, 0u);
}

TEST_F(VirtualMemoryTest, PhysicalRejectsBadSizesPropsAndFlags) {
  aclrtPhysicalMemProp prop = DeviceProp(0);
  EXPECT_TRUE(FailsWith([&] { vmm_.AllocatePhysical(kGranule + 1, prop, 0, device_); }, ACL_ERROR_INVALID_PARAM,
                        "granularity"));
  EXPECT_TRUE(FailsWith([&] { vmm_.AllocatePhysical(kGranule, prop, 1, device_); }, ACL_ERROR_INVALID_PARAM, "flags"));
  prop.allocationType = static_cast<aclrtMemAllocationType>(1);
  EXPECT_TRUE(
      FailsWith([&] { vmm_.AllocatePhysical(kGranule, prop, 0, device_); }, ACL_ERROR_INVALID_PARAM, "allocationType"));
  prop = DeviceProp(1);
  EXPECT_TRUE(
      FailsWith([&] { vmm_.AllocatePhysical(kGranule, prop, 0, device_); }, ACL_ERROR_INVALID_PARAM, "location.id"));
  prop = DeviceProp(0);
  prop.location.type = ACL_MEM_LOCATION_TYPE_HOST;
  EXPECT_TRUE(FailsWith([&] { vmm_.AllocatePhysical(kGranule, prop, 0, device_); }, ACL_ERROR_FEATURE_UNSUPPORTED,
                        "ACL_MEM_LOCATION_TYPE_HOST"));
  EXPECT_EQ(device_.Info().free, 64 * kMiB);
}

TEST_F(VirtualMemoryTest, MappingOneHandleTwiceAliasesTheSameBytes) {
  aclrtDrvMemHandle handle = Physical(kGranule);
  auto* range = static_cast<unsigned char*>(vmm_.Reserve(2 * kGranule, 0, nullptr, 0));
  vmm_.Map(range, kGranule, 0, handle, 0);
  vmm_.Map(range + kGranule, kGranule, 0, handle, 0);
  range[123] = 0x42;
  EXPECT_EQ(range[kGranule + 123], 0x42);
  range[kGranule + 7] = 0x99;
  EXPECT_EQ(range[7], 0x99);
  vmm_.Unmap(range);
  vmm_.Unmap(range + kGranule);
  vmm_.Release(range);
  vmm_.FreePhysical(handle);
}

TEST_F(VirtualMemoryTest, MappedRangeIsALiveRegionForCheckedCopies) {
  aclrtDrvMemHandle handle = Physical(kGranule);
  auto* range = static_cast<unsigned char*>(vmm_.Reserve(kGranule, 0, nullptr, 0));
  EXPECT_EQ(DescribeAddress(range).kind, AddressKind::kDeviceNotLive);
  vmm_.Map(range, kGranule, 0, handle, 0);
  const AddressInfo info = DescribeAddress(range + 10);
  EXPECT_EQ(info.kind, AddressKind::kDeviceLive);
  EXPECT_EQ(info.device_id, 0);
  std::vector<unsigned char> host(kGranule, 0x17);
  CheckedMemcpy(range, kGranule, host.data(), kGranule, ACL_MEMCPY_HOST_TO_DEVICE, CopyDevices{0, false});
  EXPECT_EQ(range[kGranule - 1], 0x17);
  EXPECT_TRUE(FailsWith(
      [&] {
        CheckedMemcpy(range + 1, kGranule, host.data(), kGranule, ACL_MEMCPY_HOST_TO_DEVICE, CopyDevices{0, false});
      },
      ACL_ERROR_INVALID_PARAM, "past the end"));
  vmm_.Unmap(range);
  EXPECT_TRUE(FailsWith(
      [&] {
        CheckedMemcpy(range, 8, host.data(), 8, ACL_MEMCPY_HOST_TO_DEVICE, CopyDevices{0, false});
      },
      ACL_ERROR_INVALID_PARAM, "no physical memory mapped"));
  vmm_.Release(range);
  vmm_.FreePhysical(handle);
}

TEST_F(VirtualMemoryTest, DataSurvivesUnmapAndRemap) {
  aclrtDrvMemHandle handle = Physical(kGranule);
  auto* range = static_cast<unsigned char*>(vmm_.Reserve(kGranule, 0, nullptr, 0));
  vmm_.Map(range, kGranule, 0, handle, 0);
  range[5] = 0x77;
  vmm_.Unmap(range);
  vmm_.Map(range, kGranule, 0, handle, 0);
  EXPECT_EQ(range[5], 0x77);
  vmm_.Unmap(range);
  vmm_.Release(range);
  vmm_.FreePhysical(handle);
}

TEST_F(VirtualMemoryTest, MapRejectsBadArguments) {
  aclrtDrvMemHandle handle = Physical(kGranule);
  auto* range = static_cast<unsigned char*>(vmm_.Reserve(2 * kGranule, 0, nullptr, 0));
  EXPECT_TRUE(FailsWith([&] { vmm_.Map(range + 4096, kGranule, 0, handle, 0); }, ACL_ERROR_INVALID_PARAM, "aligned"));
  EXPECT_TRUE(FailsWith([&] { vmm_.Map(range, 2 * kGranule, 0, handle, 0); }, ACL_ERROR_INVALID_PARAM,
                        "must equal the size of the physical allocation"));
  EXPECT_TRUE(FailsWith([&] { vmm_.Map(range, kGranule, kGranule, handle, 0); }, ACL_ERROR_INVALID_PARAM, "offset"));
  EXPECT_TRUE(FailsWith([&] { vmm_.Map(range, kGranule, 0, handle, 1); }, ACL_ERROR_INVALID_PARAM, "flags"));
  EXPECT_TRUE(FailsWith([&] { vmm_.Map(range + 2 * kGranule, kGranule, 0, handle, 0); }, ACL_ERROR_INVALID_PARAM,
                        "does not lie inside one range"));
  int not_a_handle = 0;
  EXPECT_TRUE(FailsWith([&] { vmm_.Map(range, kGranule, 0, &not_a_handle, 0); }, ACL_ERROR_INVALID_PARAM,
                        "not a live physical memory handle"));
  vmm_.Map(range, kGranule, 0, handle, 0);
  EXPECT_TRUE(FailsWith([&] { vmm_.Map(range, kGranule, 0, handle, 0); }, ACL_ERROR_INVALID_PARAM, "overlaps"));
  EXPECT_EQ(vmm_.Report().mappings, 1u);
  vmm_.Unmap(range);
  vmm_.Release(range);
  vmm_.FreePhysical(handle);
}

TEST_F(VirtualMemoryTest, UnmapOfAnAddressThatIsNotAMappingBaseFails) {
  auto* range = static_cast<unsigned char*>(vmm_.Reserve(kGranule, 0, nullptr, 0));
  EXPECT_TRUE(FailsWith([&] { vmm_.Unmap(range); }, ACL_ERROR_INVALID_PARAM, "not the base of a mapping"));
  vmm_.Release(range);
}

TEST_F(VirtualMemoryTest, FreeAndReleaseWhileMappedFail) {
  aclrtDrvMemHandle handle = Physical(kGranule);
  void* range = vmm_.Reserve(kGranule, 0, nullptr, 0);
  vmm_.Map(range, kGranule, 0, handle, 0);
  EXPECT_TRUE(FailsWith([&] { vmm_.FreePhysical(handle); }, ACL_ERROR_INVALID_PARAM, "still mapped"));
  EXPECT_TRUE(FailsWith([&] { vmm_.Release(range); }, ACL_ERROR_INVALID_PARAM, "unmap it first"));
  vmm_.Unmap(range);
  vmm_.FreePhysical(handle);
  vmm_.Release(range);
  EXPECT_EQ(vmm_.Report().physical_handles, 0u);
  EXPECT_EQ(vmm_.Report().reservations, 0u);
}

TEST_F(VirtualMemoryTest, FreedHandleIsRejected) {
  aclrtDrvMemHandle handle = Physical(kGranule);
  vmm_.FreePhysical(handle);
  EXPECT_TRUE(FailsWith([&] { vmm_.FreePhysical(handle); }, ACL_ERROR_INVALID_PARAM, "not a live physical"));
  EXPECT_TRUE(FailsWith([&] { vmm_.FreePhysical(nullptr); }, ACL_ERROR_INVALID_PARAM, "must not be null"));
}

TEST_F(VirtualMemoryTest, ReleaseOwnedByUnmapsAndFreesOnlyThatDevicesHandles) {
  DeviceMemory other(1, 64 * kMiB);
  aclrtDrvMemHandle mine = Physical(kGranule);
  aclrtDrvMemHandle theirs = vmm_.AllocatePhysical(kGranule, DeviceProp(1), 0, other);
  void* range = vmm_.Reserve(2 * kGranule, 0, nullptr, 0);
  vmm_.Map(range, kGranule, 0, mine, 0);
  EXPECT_EQ(vmm_.ReleaseOwnedBy(&device_), 1u);
  EXPECT_EQ(device_.Info().free, 64 * kMiB);
  EXPECT_FALSE(vmm_.FindMapped(range).has_value());
  EXPECT_EQ(vmm_.DeviceOfHandle(theirs), 1);
  vmm_.FreePhysical(theirs);
  vmm_.Release(range);
}

}  // namespace
}  // namespace aclsim
