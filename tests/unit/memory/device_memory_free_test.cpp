#include <gtest/gtest.h>

#include <thread>

#include "acl/acl_base.h"
#include "memory/device_memory.h"
#include "memory/host_memory.h"
#include "test_support.h"

namespace aclsim {
namespace {

using test::FailsWith;
using test::kMiB;

constexpr size_t kCapacity = 64 * kMiB;

TEST(DeviceMemoryFree, NullIsAnInvalidParameter) {
  DeviceMemory memory(0, kCapacity);
  EXPECT_TRUE(FailsWith([&] { memory.Free(nullptr); }, ACL_ERROR_INVALID_PARAM, "must not be null"));
}

TEST(DeviceMemoryFree, HostPointerIsRejectedAsNotDeviceMemory) {
  DeviceMemory memory(0, kCapacity);
  int on_stack = 0;
  EXPECT_TRUE(FailsWith([&] { memory.Free(&on_stack); }, ACL_ERROR_INVALID_PARAM, "is not device memory of device 0"));
}

TEST(DeviceMemoryFree, UnallocatedAddressInsideTheSpaceIsRejected) {
  DeviceMemory memory(0, kCapacity);
  auto* p = static_cast<char*>(memory.Allocate(100));
  void* never = p + 8 * kMiB;
  ASSERT_TRUE(memory.Contains(never));
  EXPECT_TRUE(FailsWith([&] { memory.Free(never); }, ACL_ERROR_INVALID_PARAM, "is not a live allocation of device 0"));
  EXPECT_EQ(memory.Info().free, kCapacity - 160);
  memory.Free(p);
}

TEST(DeviceMemoryFree, InteriorPointerIsRejectedNamingTheAllocation) {
  DeviceMemory memory(0, kCapacity);
  auto* p = static_cast<char*>(memory.Allocate(100));
  EXPECT_TRUE(FailsWith([&] { memory.Free(p + 16); }, ACL_ERROR_INVALID_PARAM, "points 16 bytes into the allocation"));
  EXPECT_TRUE(memory.Lookup(p).has_value());  // still live
  memory.Free(p);
}

TEST(DeviceMemoryFree, DoubleFreeIsRejectedAndChangesNothing) {
  DeviceMemory memory(0, kCapacity);
  void* p = memory.Allocate(100);
  void* other = memory.Allocate(100);
  memory.Free(p);
  const size_t free_before = memory.Info().free;
  EXPECT_TRUE(FailsWith([&] { memory.Free(p); }, ACL_ERROR_INVALID_PARAM, "freed already"));
  EXPECT_EQ(memory.Info().free, free_before);
  EXPECT_EQ(memory.Leaks().count, 1u);
  memory.Free(other);
}

TEST(DeviceMemoryFree, DoubleFreeAfterReuseCannotFreeTheNewOwnerTwice) {
  DeviceMemory memory(0, kCapacity);
  void* p = memory.Allocate(100);
  memory.Free(p);
  void* q = memory.Allocate(100);  // the cache hands the same block out again
  ASSERT_EQ(p, q);
  memory.Free(q);
  EXPECT_TRUE(FailsWith([&] { memory.Free(q); }, ACL_ERROR_INVALID_PARAM, "not a live allocation"));
}

TEST(DeviceMemoryFree, AnotherDevicesPointerIsRejectedNamingThatDevice) {
  DeviceMemory zero(0, kCapacity);
  DeviceMemory one(1, kCapacity);
  void* p = one.Allocate(64);
  EXPECT_TRUE(FailsWith([&] { zero.Free(p); }, ACL_ERROR_INVALID_PARAM, "is memory of device 1, not of device 0"));
  one.Free(p);
}

TEST(DeviceMemoryFree, HostBlockIsRejectedPointingToFreeHost) {
  DeviceMemory memory(0, kCapacity);
  void* host = HostMemory::Instance().Allocate(128);
  EXPECT_TRUE(FailsWith([&] { memory.Free(host); }, ACL_ERROR_INVALID_PARAM, "aclrtFreeHost"));
  HostMemory::Instance().Free(host);
}

TEST(DeviceMemoryFree, FreeingOnAnotherThreadReturnsTheBytes) {
  DeviceMemory memory(0, kCapacity);
  void* p = memory.Allocate(4000);
  std::thread([&] { memory.Free(p); }).join();
  EXPECT_EQ(memory.Info().free, kCapacity);
}

}  // namespace
}  // namespace aclsim
