// aclrtMemcpy's validation and copy: every kind, every wrong side, ranges, peers.
#include "memory/checked_copy.h"

#include <gtest/gtest.h>

#include <cstring>
#include <numeric>
#include <vector>

#include "memory/device_memory.h"
#include "memory/host_memory.h"
#include "test_support.h"

namespace aclsim {
namespace {

using test::FailsWith;
using test::kMiB;

class CheckedCopyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    host_.resize(4096);
    std::iota(host_.begin(), host_.end(), 0);
    dev_ = static_cast<unsigned char*>(device0_.Allocate(1000));  // 1056 bytes usable
  }
  void TearDown() override { device0_.Free(dev_); }

  DeviceMemory device0_{0, 64 * kMiB};
  DeviceMemory device1_{1, 64 * kMiB};
  std::vector<unsigned char> host_;
  unsigned char* dev_ = nullptr;
  CopyDevices on0_{0, false};
};

TEST_F(CheckedCopyTest, HostToDeviceAndBackCopiesTheBytes) {
  CheckedMemcpy(dev_, 1000, host_.data(), 1000, ACL_MEMCPY_HOST_TO_DEVICE, on0_);
  std::vector<unsigned char> back(1000, 0);
  CheckedMemcpy(back.data(), back.size(), dev_, 1000, ACL_MEMCPY_DEVICE_TO_HOST, on0_);
  EXPECT_TRUE(std::equal(back.begin(), back.end(), host_.begin()));
}

TEST_F(CheckedCopyTest, DeviceToDeviceOnOneDeviceCopiesTheBytes) {
  auto* other = static_cast<unsigned char*>(device0_.Allocate(1000));
  CheckedMemcpy(dev_, 1000, host_.data(), 1000, ACL_MEMCPY_HOST_TO_DEVICE, on0_);
  CheckedMemcpy(other, 1000, dev_, 1000, ACL_MEMCPY_DEVICE_TO_DEVICE, on0_);
  EXPECT_EQ(std::memcmp(other, host_.data(), 1000), 0);
  device0_.Free(other);
}

TEST_F(CheckedCopyTest, HostToHostCopiesTheBytes) {
  std::vector<unsigned char> out(100, 0);
  CheckedMemcpy(out.data(), out.size(), host_.data() + 5, 100, ACL_MEMCPY_HOST_TO_HOST, on0_);
  EXPECT_EQ(out[0], 5);
  EXPECT_EQ(out[99], 104);
}

TEST_F(CheckedCopyTest, DefaultInfersEachKindFromTheAddresses) {
  auto* other = static_cast<unsigned char*>(device0_.Allocate(64));
  std::vector<unsigned char> out(64);
  EXPECT_EQ(ValidateMemcpy(dev_, 64, host_.data(), 64, ACL_MEMCPY_DEFAULT, on0_).kind, ACL_MEMCPY_HOST_TO_DEVICE);
  EXPECT_EQ(ValidateMemcpy(out.data(), 64, dev_, 64, ACL_MEMCPY_DEFAULT, on0_).kind, ACL_MEMCPY_DEVICE_TO_HOST);
  EXPECT_EQ(ValidateMemcpy(other, 64, dev_, 64, ACL_MEMCPY_DEFAULT, on0_).kind, ACL_MEMCPY_DEVICE_TO_DEVICE);
  EXPECT_EQ(ValidateMemcpy(out.data(), 64, host_.data(), 64, ACL_MEMCPY_DEFAULT, on0_).kind, ACL_MEMCPY_HOST_TO_HOST);
  device0_.Free(other);
}

TEST_F(CheckedCopyTest, CountAboveDestMaxIsRejectedBeforeAnyByteMoves) {
  dev_[0] = 0xee;
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy(dev_, 10, host_.data(), 11, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "count (11) must not exceed destMax (10)"));
  EXPECT_EQ(dev_[0], 0xee);
}

TEST_F(CheckedCopyTest, NullPointersAreRejected) {
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy(nullptr, 8, host_.data(), 8, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "dst must not be null"));
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy(dev_, 8, nullptr, 8, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "src must not be null"));
}

TEST_F(CheckedCopyTest, InvalidKindIsRejected) {
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy(dev_, 8, host_.data(), 8, static_cast<aclrtMemcpyKind>(7), on0_); },
                        ACL_ERROR_INVALID_PARAM, "kind (7) is not an aclrtMemcpyKind value"));
}

TEST_F(CheckedCopyTest, HostToDeviceWithHostDestinationNamesDst) {
  std::vector<unsigned char> out(8);
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy(out.data(), 8, host_.data(), 8, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "dst"));
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy(out.data(), 8, host_.data(), 8, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "is host memory, but ACL_MEMCPY_HOST_TO_DEVICE needs device memory"));
}

TEST_F(CheckedCopyTest, HostToDeviceWithDeviceSourceNamesSrc) {
  auto* other = device0_.Allocate(8);
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy(dev_, 8, other, 8, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "invalid argument: src"));
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy(dev_, 8, other, 8, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "is device 0 memory"));
  device0_.Free(other);
}

TEST_F(CheckedCopyTest, DeviceToHostWithHostSourceNamesSrc) {
  std::vector<unsigned char> out(8);
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy(out.data(), 8, host_.data(), 8, ACL_MEMCPY_DEVICE_TO_HOST, on0_); },
                        ACL_ERROR_INVALID_PARAM, "src"));
}

TEST_F(CheckedCopyTest, DeviceToHostWithDeviceDestinationNamesDst) {
  auto* other = device0_.Allocate(8);
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy(other, 8, dev_, 8, ACL_MEMCPY_DEVICE_TO_HOST, on0_); },
                        ACL_ERROR_INVALID_PARAM, "invalid argument: dst"));
  device0_.Free(other);
}

TEST_F(CheckedCopyTest, DeviceToDeviceWithAHostSideIsRejected) {
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy(dev_, 8, host_.data(), 8, ACL_MEMCPY_DEVICE_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "src"));
}

TEST_F(CheckedCopyTest, HostToHostWithADeviceSideIsRejected) {
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy(host_.data(), 8, dev_, 8, ACL_MEMCPY_HOST_TO_HOST, on0_); },
                        ACL_ERROR_INVALID_PARAM, "src"));
}

TEST_F(CheckedCopyTest, FreedDeviceMemoryIsRejected) {
  auto* freed = device0_.Allocate(64);
  device0_.Free(freed);
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy(freed, 64, host_.data(), 64, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "not allocated"));
}

TEST_F(CheckedCopyTest, RangePastTheAllocationIsRejectedBeforeAnyByteMoves) {
  dev_[0] = 0xee;
  // 1056 usable bytes from dev_: 1057 do not fit.
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy(dev_, 2000, host_.data(), 1057, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "runs 1 bytes past the end"));
  EXPECT_EQ(dev_[0], 0xee);
  CheckedMemcpy(dev_, 2000, host_.data(), 1056, ACL_MEMCPY_HOST_TO_DEVICE, on0_);  // the rounded size fits
}

TEST_F(CheckedCopyTest, InteriorRangeMustEndInsideTheSameAllocation) {
  CheckedMemcpy(dev_ + 1000, 56, host_.data(), 56, ACL_MEMCPY_HOST_TO_DEVICE, on0_);
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy(dev_ + 1000, 57, host_.data(), 57, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "dst range"));
}

TEST_F(CheckedCopyTest, RangeOverTwoAdjacentAllocationsIsRejected) {
  auto* a = static_cast<unsigned char*>(device0_.Allocate(32));  // 64 bytes each, neighbours in one slab
  auto* b = static_cast<unsigned char*>(device0_.Allocate(32));
  ASSERT_EQ(b, a + 64);
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy(a, 128, host_.data(), 128, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "past the end"));
  device0_.Free(a);
  device0_.Free(b);
}

TEST_F(CheckedCopyTest, HostBlockRangesAreBoundedByTheBlock) {
  auto* block = static_cast<unsigned char*>(HostMemory::Instance().Allocate(100));
  CheckedMemcpy(dev_, 100, block, 100, ACL_MEMCPY_HOST_TO_DEVICE, on0_);
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy(dev_, 101, block, 101, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "aclrtMallocHost block"));
  HostMemory::Instance().Free(block);
}

TEST_F(CheckedCopyTest, DeviceMemoryOfAnotherDeviceIsNotTheCurrentDevice) {
  void* remote = device1_.Allocate(64);
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy(remote, 64, host_.data(), 64, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "dst 0x"));
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy(remote, 64, host_.data(), 64, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "is memory of device 1, but the current device is 0"));
  device1_.Free(remote);
}

TEST_F(CheckedCopyTest, CrossDeviceCopyNeedsPeerAccess) {
  auto* remote = static_cast<unsigned char*>(device1_.Allocate(64));
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy(remote, 64, dev_, 64, ACL_MEMCPY_DEVICE_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "aclrtDeviceEnablePeerAccess"));
  CheckedMemcpy(dev_, 64, host_.data(), 64, ACL_MEMCPY_HOST_TO_DEVICE, on0_);
  CheckedMemcpy(remote, 64, dev_, 64, ACL_MEMCPY_DEVICE_TO_DEVICE, CopyDevices{0, true});
  EXPECT_EQ(std::memcmp(remote, host_.data(), 64), 0);
  device1_.Free(remote);
}

TEST_F(CheckedCopyTest, CopyBetweenTwoOtherDevicesIsRejectedEvenWithPeerAccess) {
  DeviceMemory device2(2, 64 * kMiB);
  void* a = device1_.Allocate(64);
  void* b = device2.Allocate(64);
  EXPECT_TRUE(FailsWith(
      [&] {
        CheckedMemcpy(a, 64, b, 64, ACL_MEMCPY_DEVICE_TO_DEVICE, CopyDevices{0, true});
      },
      ACL_ERROR_INVALID_PARAM, "neither dst (device 1) nor src (device 2)"));
  device1_.Free(a);
  device2.Free(b);
}

TEST_F(CheckedCopyTest, ZeroCountWithValidSidesIsANoOp) {
  EXPECT_NO_THROW(CheckedMemcpy(dev_, 0, host_.data(), 0, ACL_MEMCPY_HOST_TO_DEVICE, on0_));
}

TEST_F(CheckedCopyTest, OverlappingCopyInsideOneAllocationBehavesLikeMemmove) {
  CheckedMemcpy(dev_, 1000, host_.data(), 1000, ACL_MEMCPY_HOST_TO_DEVICE, on0_);
  CheckedMemcpy(dev_ + 1, 999, dev_, 999, ACL_MEMCPY_DEVICE_TO_DEVICE, on0_);
  EXPECT_EQ(dev_[1], 0);
  EXPECT_EQ(dev_[999], host_[998]);
}

}  // namespace
}  // namespace aclsim
