// aclrtMemcpy2d: rows of `width` bytes between pitched layouts, odd pitches included.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "memory/checked_copy.h"
#include "memory/device_memory.h"
#include "test_support.h"

namespace aclsim {
namespace {

using test::FailsWith;
using test::kMiB;

class CheckedCopy2dTest : public ::testing::Test {
 protected:
  DeviceMemory device_{0, 64 * kMiB};
  CopyDevices on0_{0, false};
};

std::vector<unsigned char> Pattern(size_t n) {
  std::vector<unsigned char> bytes(n);
  for (size_t i = 0; i < n; ++i) bytes[i] = static_cast<unsigned char>(i * 7 + 3);
  return bytes;
}

TEST_F(CheckedCopy2dTest, OddPitchesCopyEachRowAndLeaveTheGapsAlone) {
  const size_t width = 5, height = 7, spitch = 13, dpitch = 9;
  const std::vector<unsigned char> src = Pattern((height - 1) * spitch + width);
  auto* dev = static_cast<unsigned char*>(device_.Allocate((height - 1) * dpitch + width));
  std::memset(dev, 0xcc, (height - 1) * dpitch + width);
  CheckedMemcpy2d(dev, dpitch, src.data(), spitch, width, height, ACL_MEMCPY_HOST_TO_DEVICE, on0_);
  for (size_t row = 0; row < height; ++row) {
    for (size_t col = 0; col < dpitch && row * dpitch + col < (height - 1) * dpitch + width; ++col) {
      const unsigned char expected = col < width ? src[row * spitch + col] : 0xcc;
      ASSERT_EQ(dev[row * dpitch + col], expected) << "row " << row << " col " << col;
    }
  }
  device_.Free(dev);
}

TEST_F(CheckedCopy2dTest, DeviceToHostWithOddPitchesRoundTrips) {
  const size_t width = 3, height = 11, dev_pitch = 7, host_pitch = 5;
  const std::vector<unsigned char> original = Pattern(height * width);
  auto* dev = static_cast<unsigned char*>(device_.Allocate(height * dev_pitch));
  CheckedMemcpy2d(dev, dev_pitch, original.data(), width, width, height, ACL_MEMCPY_HOST_TO_DEVICE, on0_);
  std::vector<unsigned char> back(height * host_pitch, 0);
  CheckedMemcpy2d(back.data(), host_pitch, dev, dev_pitch, width, height, ACL_MEMCPY_DEVICE_TO_HOST, on0_);
  for (size_t row = 0; row < height; ++row) {
    for (size_t col = 0; col < host_pitch; ++col) {
      ASSERT_EQ(back[row * host_pitch + col], col < width ? original[row * width + col] : 0) << row << "," << col;
    }
  }
  device_.Free(dev);
}

TEST_F(CheckedCopy2dTest, DefaultResolvesToHostToDevice) {
  const std::vector<unsigned char> src = Pattern(64);
  void* dev = device_.Allocate(64);
  EXPECT_EQ(ValidateMemcpy2d(dev, 8, src.data(), 8, 8, 8, ACL_MEMCPY_DEFAULT, on0_).kind, ACL_MEMCPY_HOST_TO_DEVICE);
  device_.Free(dev);
}

TEST_F(CheckedCopy2dTest, WidthAboveEitherPitchIsRejected) {
  const std::vector<unsigned char> src = Pattern(64);
  void* dev = device_.Allocate(64);
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy2d(dev, 4, src.data(), 8, 5, 2, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "width (5) must not exceed dpitch (4)"));
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy2d(dev, 8, src.data(), 4, 5, 2, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "width (5) must not exceed spitch (4)"));
  device_.Free(dev);
}

TEST_F(CheckedCopy2dTest, ZeroWidthOrHeightIsRejected) {
  const std::vector<unsigned char> src = Pattern(64);
  void* dev = device_.Allocate(64);
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy2d(dev, 8, src.data(), 8, 0, 2, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "must be greater than 0"));
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy2d(dev, 8, src.data(), 8, 2, 0, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "must be greater than 0"));
  device_.Free(dev);
}

TEST_F(CheckedCopy2dTest, LastDeviceRowEndingPastTheAllocationIsRejected) {
  const std::vector<unsigned char> src = Pattern(1000);
  // 100 requested -> 160 usable bytes; rows of 10 at pitch 30: the 6th row ends at 5*30+10 = 160.
  auto* dev = static_cast<unsigned char*>(device_.Allocate(100));
  dev[0] = 0xee;
  CheckedMemcpy2d(dev, 30, src.data(), 10, 10, 6, ACL_MEMCPY_HOST_TO_DEVICE, on0_);
  dev[0] = 0xee;
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy2d(dev, 30, src.data(), 10, 10, 7, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "dst range of 190 bytes"));
  EXPECT_EQ(dev[0], 0xee);
  device_.Free(dev);
}

TEST_F(CheckedCopy2dTest, LastSourceRowEndingPastTheAllocationIsRejected) {
  std::vector<unsigned char> out(1000);
  void* dev = device_.Allocate(100);  // 160 usable
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy2d(out.data(), 10, dev, 31, 10, 6, ACL_MEMCPY_DEVICE_TO_HOST, on0_); },
                        ACL_ERROR_INVALID_PARAM, "src range"));
  device_.Free(dev);
}

TEST_F(CheckedCopy2dTest, DeviceToDeviceAndHostToHostAreNotSupported) {
  void* a = device_.Allocate(64);
  void* b = device_.Allocate(64);
  std::vector<unsigned char> x(64), y(64);
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy2d(a, 8, b, 8, 8, 8, ACL_MEMCPY_DEVICE_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "not supported by aclrtMemcpy2d"));
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy2d(x.data(), 8, y.data(), 8, 8, 8, ACL_MEMCPY_DEFAULT, on0_); },
                        ACL_ERROR_INVALID_PARAM, "inferred from ACL_MEMCPY_DEFAULT"));
  device_.Free(a);
  device_.Free(b);
}

TEST_F(CheckedCopy2dTest, WrongSideIsNamed) {
  std::vector<unsigned char> x(64), y(64);
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy2d(x.data(), 8, y.data(), 8, 8, 8, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "invalid argument: dst"));
}

TEST_F(CheckedCopy2dTest, HugeHeightOverflowIsRejected) {
  std::vector<unsigned char> x(64);
  void* dev = device_.Allocate(64);
  EXPECT_TRUE(FailsWith([&] { CheckedMemcpy2d(dev, SIZE_MAX / 2, x.data(), 8, 8, 4, ACL_MEMCPY_HOST_TO_DEVICE, on0_); },
                        ACL_ERROR_INVALID_PARAM, "overflow"));
  device_.Free(dev);
}

}  // namespace
}  // namespace aclsim
