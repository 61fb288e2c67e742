#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "memory/checked_copy.h"
#include "memory/device_memory.h"
#include "memory/host_memory.h"
#include "test_support.h"

namespace aclsim {
namespace {

using test::FailsWith;
using test::kMiB;

TEST(CheckedMemset, FillsDeviceMemoryWithTheLowByteOfValue) {
  DeviceMemory memory(0, 64 * kMiB);
  auto* p = static_cast<unsigned char*>(memory.Allocate(100));
  CheckedMemset(p, 100, 0x1ab, 100, 0);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(p[i], 0xab);
  memory.Free(p);
}

TEST(CheckedMemset, FillsOnlyCountBytes) {
  DeviceMemory memory(0, 64 * kMiB);
  auto* p = static_cast<unsigned char*>(memory.Allocate(100));
  std::memset(p, 0, 100);
  CheckedMemset(p + 10, 90, 7, 5, 0);
  EXPECT_EQ(p[9], 0);
  EXPECT_EQ(p[10], 7);
  EXPECT_EQ(p[14], 7);
  EXPECT_EQ(p[15], 0);
  memory.Free(p);
}

TEST(CheckedMemset, CountAboveMaxCountIsRejectedBeforeAnyByteChanges) {
  DeviceMemory memory(0, 64 * kMiB);
  auto* p = static_cast<unsigned char*>(memory.Allocate(100));
  p[0] = 1;
  EXPECT_TRUE(FailsWith([&] { CheckedMemset(p, 10, 0, 11, 0); }, ACL_ERROR_INVALID_PARAM,
                        "count (11) must not exceed maxCount (10)"));
  EXPECT_EQ(p[0], 1);
  memory.Free(p);
}

TEST(CheckedMemset, RangePastTheAllocationIsRejected) {
  DeviceMemory memory(0, 64 * kMiB);
  void* p = memory.Allocate(100);  // 160 usable bytes
  EXPECT_TRUE(FailsWith([&] { CheckedMemset(p, 1000, 0, 161, 0); }, ACL_ERROR_INVALID_PARAM, "past the end"));
  memory.Free(p);
}

TEST(CheckedMemset, FreedOrOtherDeviceMemoryIsRejected) {
  DeviceMemory zero(0, 64 * kMiB);
  DeviceMemory one(1, 64 * kMiB);
  void* freed = zero.Allocate(64);
  zero.Free(freed);
  void* remote = one.Allocate(64);
  EXPECT_TRUE(FailsWith([&] { CheckedMemset(freed, 64, 0, 64, 0); }, ACL_ERROR_INVALID_PARAM, "not allocated"));
  EXPECT_TRUE(FailsWith([&] { CheckedMemset(remote, 64, 0, 64, 0); }, ACL_ERROR_INVALID_PARAM,
                        "is memory of device 1, but the current device is 0"));
  one.Free(remote);
}

TEST(CheckedMemset, HostMemoryIsAllowedAndBlocksBoundIt) {
  std::vector<unsigned char> host(16, 0);
  CheckedMemset(host.data(), host.size(), 3, 16, 0);
  EXPECT_EQ(host[15], 3);
  void* block = HostMemory::Instance().Allocate(16);
  EXPECT_TRUE(FailsWith([&] { CheckedMemset(block, 32, 0, 17, 0); }, ACL_ERROR_INVALID_PARAM, "aclrtMallocHost block"));
  HostMemory::Instance().Free(block);
}

TEST(CheckedMemset, NullIsRejected) {
  EXPECT_TRUE(
      FailsWith([] { CheckedMemset(nullptr, 1, 0, 1, 0); }, ACL_ERROR_INVALID_PARAM, "devPtr must not be null"));
}

}  // namespace
}  // namespace aclsim
