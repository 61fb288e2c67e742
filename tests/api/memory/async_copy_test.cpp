// aclrtMemcpyAsync / aclrtMemsetAsync / aclrtMemcpy2dAsync: they run in stream order, after the
// work queued before them, and their argument errors are the enqueueing call's.
#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "../runtime/runtime_test_util.h"
#include "memory_test_util.h"

namespace aclsim_memory_test {
namespace {

class AsyncCopy : public MemoryTest {
 protected:
  void SetUp() override {
    MemoryTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_EQ(aclrtCreateStream(&stream_), ACL_SUCCESS);
  }
  void TearDown() override {
    if (stream_ != nullptr) {
      EXPECT_EQ(aclrtDestroyStream(stream_), ACL_SUCCESS);
    }
    MemoryTest::TearDown();
  }
  aclrtStream stream_ = nullptr;
};

TEST_F(AsyncCopy, HostToDeviceThenDeviceToDeviceThenDeviceToHostOnOneStream) {
  constexpr size_t kSize = 5000;
  DeviceBuffer a(kSize);
  DeviceBuffer b(kSize);
  const std::vector<unsigned char> src = Pattern(kSize, 31);
  std::vector<unsigned char> back(kSize, 0);
  ASSERT_EQ(aclrtMemcpyAsync(a.get(), kSize, src.data(), kSize, ACL_MEMCPY_HOST_TO_DEVICE, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpyAsync(b.get(), kSize, a.get(), kSize, ACL_MEMCPY_DEVICE_TO_DEVICE, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpyAsync(back.data(), kSize, b.get(), kSize, ACL_MEMCPY_DEVICE_TO_HOST, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  EXPECT_EQ(back, src);
}

TEST_F(AsyncCopy, TheSameChainOfLargeCopiesOnTheDefaultStream) {
  constexpr size_t kSize = 8 * kMiB;
  DeviceBuffer a(kSize);
  DeviceBuffer b(kSize);
  const std::vector<unsigned char> src = Pattern(kSize, 32);
  std::vector<unsigned char> back(kSize, 0);
  ASSERT_EQ(aclrtMemcpyAsync(a.get(), kSize, src.data(), kSize, ACL_MEMCPY_HOST_TO_DEVICE, nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpyAsync(b.get(), kSize, a.get(), kSize, ACL_MEMCPY_DEFAULT, nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpyAsync(back.data(), kSize, b.get(), kSize, ACL_MEMCPY_DEVICE_TO_HOST, nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(nullptr), ACL_SUCCESS);
  EXPECT_TRUE(back == src);
}

TEST_F(AsyncCopy, MemsetsRunInOrderAndTheLastOneWins) {
  DeviceBuffer device(1024);
  ASSERT_EQ(aclrtMemsetAsync(device.get(), 1024, 0, 1024, stream_), ACL_SUCCESS);
  for (int value = 1; value <= 100; ++value) {
    ASSERT_EQ(aclrtMemsetAsync(device.get(), 1024, value, 1024 - static_cast<size_t>(value), stream_), ACL_SUCCESS);
  }
  std::vector<unsigned char> back(1024, 0);
  ASSERT_EQ(aclrtMemcpyAsync(back.data(), 1024, device.get(), 1024, ACL_MEMCPY_DEVICE_TO_HOST, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  // Byte i was last written by the memset of the largest value whose count covers it.
  for (size_t i = 0; i < 1024; ++i) {
    const unsigned expected = i < 924 ? 100u : static_cast<unsigned>(1024 - i - 1);
    ASSERT_EQ(back[i], expected) << "byte " << i;
  }
}

TEST_F(AsyncCopy, MemsetThenCopyBack) {
  DeviceBuffer device(777);
  std::vector<unsigned char> back(777, 0);
  ASSERT_EQ(aclrtMemsetAsync(device.get(), 777, 0x3C, 777, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemsetAsync(device.bytes() + 100, 677, 0x1C3, 50, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpyAsync(back.data(), 777, device.get(), 777, ACL_MEMCPY_DEVICE_TO_HOST, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  for (size_t i = 0; i < 777; ++i) ASSERT_EQ(back[i], (i >= 100 && i < 150) ? 0xC3 : 0x3C) << "byte " << i;
}

TEST_F(AsyncCopy, Memcpy2dWithOddPitchesRoundTripsInStreamOrder) {
  constexpr size_t kWidth = 13, kHeight = 9, kSpitch = 19, kDpitch = 15, kBackPitch = 17;
  const size_t extent = (kHeight - 1) * kDpitch + kWidth;
  DeviceBuffer device(extent);
  const std::vector<unsigned char> src = Pattern(kHeight * kSpitch, 33);
  std::vector<unsigned char> back(kHeight * kBackPitch, 0xEE);
  ASSERT_EQ(aclrtMemsetAsync(device.get(), extent, 0x77, extent, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpy2dAsync(device.get(), kDpitch, src.data(), kSpitch, kWidth, kHeight,
                               ACL_MEMCPY_HOST_TO_DEVICE, stream_),
            ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpy2dAsync(back.data(), kBackPitch, device.get(), kDpitch, kWidth, kHeight,
                               ACL_MEMCPY_DEVICE_TO_HOST, stream_),
            ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  for (size_t i = 0; i < back.size(); ++i) {
    const size_t row = i / kBackPitch;
    const size_t column = i % kBackPitch;
    ASSERT_EQ(back[i], column < kWidth ? src[row * kSpitch + column] : 0xEE) << "byte " << i;
  }
  const std::vector<unsigned char> on_device = ReadDevice(device.get(), extent);
  for (size_t i = 0; i < extent; ++i) {
    const size_t row = i / kDpitch;
    const size_t column = i % kDpitch;
    ASSERT_EQ(on_device[i], column < kWidth ? src[row * kSpitch + column] : 0x77) << "device byte " << i;
  }
}

TEST_F(AsyncCopy, CopyWaitsForTheWorkQueuedBeforeIt) {
  ACLSIM_SKIP_UNDER_SYNC_EXECUTOR();
  aclsim_test::ReportThread reports;
  ASSERT_EQ(reports.Subscribe(stream_), ACL_SUCCESS);
  DeviceBuffer device(256);
  ASSERT_EQ(aclrtMemset(device.get(), 256, 0, 256), ACL_SUCCESS);
  const std::vector<unsigned char> src = Pattern(256, 34);
  {
    aclsim_test::StreamHold hold(stream_);
    ASSERT_EQ(hold.launched(), ACL_SUCCESS);
    ASSERT_EQ(aclrtMemcpyAsync(device.get(), 256, src.data(), 256, ACL_MEMCPY_HOST_TO_DEVICE, stream_), ACL_SUCCESS);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(ReadDevice(device.get(), 256), std::vector<unsigned char>(256, 0)) << "the copy ran before the hold";
    hold.Release();
    ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  }
  EXPECT_EQ(ReadDevice(device.get(), 256), src);
  EXPECT_EQ(reports.Unsubscribe(stream_), ACL_SUCCESS);
}

TEST_F(AsyncCopy, ArgumentErrorsAreReturnedByTheEnqueueingCall) {
  DeviceBuffer device(100);  // 160 usable
  const std::vector<unsigned char> src = Pattern(200);
  EXPECT_EQ(aclrtMemcpyAsync(device.get(), 100, src.data(), 101, ACL_MEMCPY_HOST_TO_DEVICE, stream_),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "destMax"));
  EXPECT_EQ(aclrtMemcpyAsync(device.get(), 200, src.data(), 161, ACL_MEMCPY_HOST_TO_DEVICE, stream_),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "aclrtMemcpyAsync"));
  EXPECT_EQ(aclrtMemsetAsync(device.get(), 200, 0, 161, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "aclrtMemsetAsync"));
  EXPECT_EQ(aclrtMemcpy2dAsync(device.get(), 16, src.data(), 16, 17, 2, ACL_MEMCPY_HOST_TO_DEVICE, stream_),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "dpitch"));
  // Nothing failed on the stream itself.
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
}

TEST_F(AsyncCopy, FreedPointerIsRejectedAtEnqueue) {
  void* p = nullptr;
  ASSERT_EQ(aclrtMalloc(&p, 64, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtFree(p), ACL_SUCCESS);
  std::vector<unsigned char> host(64);
  EXPECT_EQ(aclrtMemcpyAsync(host.data(), 64, p, 64, ACL_MEMCPY_DEVICE_TO_HOST, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "src"));
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
}

}  // namespace
}  // namespace aclsim_memory_test
