// aclrtMemcpy (all four kinds and ACL_MEMCPY_DEFAULT), aclrtMemset, aclrtMemcpy2d and
// aclrtMemFlush / aclrtMemInvalidate: the bytes moved, and every error with the argument it names.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "memory_test_util.h"

namespace aclsim_memory_test {
namespace {

using Memcpy = MemoryTest;
using Memset = MemoryTest;
using Memcpy2d = MemoryTest;
using MemFlush = MemoryTest;

// ---- aclrtMemcpy: the four kinds -----------------------------------------------------------------

TEST_F(Memcpy, HostToHostCopiesTheBytes) {
  const std::vector<unsigned char> src = Pattern(1000);
  std::vector<unsigned char> dst(1000, 0);
  ASSERT_EQ(aclrtMemcpy(dst.data(), dst.size(), src.data(), 1000, ACL_MEMCPY_HOST_TO_HOST), ACL_SUCCESS);
  EXPECT_EQ(dst, src);
}

TEST_F(Memcpy, HostToDeviceThenDeviceToHostRoundTrips) {
  DeviceBuffer device(4096);
  const std::vector<unsigned char> src = Pattern(4096, 3);
  ASSERT_EQ(aclrtMemcpy(device.get(), 4096, src.data(), 4096, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  std::vector<unsigned char> back(4096, 0);
  ASSERT_EQ(aclrtMemcpy(back.data(), 4096, device.get(), 4096, ACL_MEMCPY_DEVICE_TO_HOST), ACL_SUCCESS);
  EXPECT_EQ(back, src);
}

TEST_F(Memcpy, DeviceToDeviceCopiesTheBytes) {
  DeviceBuffer a(3000);
  DeviceBuffer b(3000);
  const std::vector<unsigned char> src = Pattern(3000, 5);
  WriteDevice(a.get(), src);
  ASSERT_EQ(aclrtMemcpy(b.get(), 3000, a.get(), 3000, ACL_MEMCPY_DEVICE_TO_DEVICE), ACL_SUCCESS);
  EXPECT_EQ(ReadDevice(b.get(), 3000), src);
}

TEST_F(Memcpy, DeviceToDeviceInsideOneAllocationMayOverlap) {
  DeviceBuffer a(256);
  const std::vector<unsigned char> src = Pattern(256, 9);
  WriteDevice(a.get(), src);
  ASSERT_EQ(aclrtMemcpy(a.bytes() + 16, 200, a.get(), 200, ACL_MEMCPY_DEVICE_TO_DEVICE), ACL_SUCCESS);
  const std::vector<unsigned char> back = ReadDevice(a.get(), 256);
  EXPECT_TRUE(std::equal(src.begin(), src.begin() + 16, back.begin()));
  EXPECT_TRUE(std::equal(src.begin(), src.begin() + 200, back.begin() + 16));  // memmove semantics
  EXPECT_TRUE(std::equal(src.begin() + 216, src.end(), back.begin() + 216));
}

TEST_F(Memcpy, CopiesAtAnOffsetInsideTheAllocation) {
  DeviceBuffer device(1024);
  ASSERT_EQ(aclrtMemset(device.get(), 1024, 0, 1024), ACL_SUCCESS);
  const std::vector<unsigned char> src = Pattern(100, 2);
  ASSERT_EQ(aclrtMemcpy(device.bytes() + 333, 100, src.data(), 100, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  const std::vector<unsigned char> back = ReadDevice(device.get(), 1024);
  for (size_t i = 0; i < 1024; ++i) {
    const unsigned char expected = (i >= 333 && i < 433) ? src[i - 333] : 0;
    ASSERT_EQ(back[i], expected) << "byte " << i;
  }
}

TEST_F(Memcpy, AclrtMallocHostBlocksWorkAsHostMemory) {
  void* host_src = nullptr;
  void* host_dst = nullptr;
  ASSERT_EQ(aclrtMallocHost(&host_src, 512), ACL_SUCCESS);
  ASSERT_EQ(aclrtMallocHost(&host_dst, 512), ACL_SUCCESS);
  const std::vector<unsigned char> bytes = Pattern(512, 4);
  std::memcpy(host_src, bytes.data(), 512);
  std::memset(host_dst, 0, 512);
  DeviceBuffer device(512);
  ASSERT_EQ(aclrtMemcpy(device.get(), 512, host_src, 512, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpy(host_dst, 512, device.get(), 512, ACL_MEMCPY_DEVICE_TO_HOST), ACL_SUCCESS);
  EXPECT_EQ(std::memcmp(host_dst, bytes.data(), 512), 0);
  EXPECT_EQ(aclrtFreeHost(host_src), ACL_SUCCESS);
  EXPECT_EQ(aclrtFreeHost(host_dst), ACL_SUCCESS);
}

TEST_F(Memcpy, CountZeroCopiesNothing) {
  DeviceBuffer device(64);
  ASSERT_EQ(aclrtMemset(device.get(), 64, 0x11, 64), ACL_SUCCESS);
  const unsigned char byte = 0x99;
  EXPECT_EQ(aclrtMemcpy(device.get(), 64, &byte, 0, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  EXPECT_EQ(ReadDevice(device.get(), 1)[0], 0x11);
}

TEST_F(Memcpy, LargeCopyOfSixtyFourMebibytesRoundTrips) {
  constexpr size_t kSize = 64 * kMiB;
  DeviceBuffer device(kSize);
  std::vector<unsigned char> src = Pattern(kSize, 6);
  ASSERT_EQ(aclrtMemcpy(device.get(), kSize, src.data(), kSize, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  std::vector<unsigned char> back(kSize, 0);
  ASSERT_EQ(aclrtMemcpy(back.data(), kSize, device.get(), kSize, ACL_MEMCPY_DEVICE_TO_HOST), ACL_SUCCESS);
  EXPECT_TRUE(back == src);
}

// ---- ACL_MEMCPY_DEFAULT infers the kind ---------------------------------------------------------

TEST_F(Memcpy, DefaultKindCopiesHostToDevice) {
  DeviceBuffer device(100);
  const std::vector<unsigned char> src = Pattern(100, 11);
  ASSERT_EQ(aclrtMemcpy(device.get(), 100, src.data(), 100, ACL_MEMCPY_DEFAULT), ACL_SUCCESS);
  EXPECT_EQ(ReadDevice(device.get(), 100), src);
}

TEST_F(Memcpy, DefaultKindCopiesDeviceToHost) {
  DeviceBuffer device(100);
  const std::vector<unsigned char> src = Pattern(100, 12);
  WriteDevice(device.get(), src);
  std::vector<unsigned char> back(100, 0);
  ASSERT_EQ(aclrtMemcpy(back.data(), 100, device.get(), 100, ACL_MEMCPY_DEFAULT), ACL_SUCCESS);
  EXPECT_EQ(back, src);
}

TEST_F(Memcpy, DefaultKindCopiesDeviceToDevice) {
  DeviceBuffer a(100);
  DeviceBuffer b(100);
  const std::vector<unsigned char> src = Pattern(100, 13);
  WriteDevice(a.get(), src);
  ASSERT_EQ(aclrtMemcpy(b.get(), 100, a.get(), 100, ACL_MEMCPY_DEFAULT), ACL_SUCCESS);
  EXPECT_EQ(ReadDevice(b.get(), 100), src);
}

TEST_F(Memcpy, DefaultKindCopiesHostToHost) {
  const std::vector<unsigned char> src = Pattern(100, 14);
  std::vector<unsigned char> dst(100, 0);
  ASSERT_EQ(aclrtMemcpy(dst.data(), 100, src.data(), 100, ACL_MEMCPY_DEFAULT), ACL_SUCCESS);
  EXPECT_EQ(dst, src);
}

// ---- aclrtMemcpy errors ---------------------------------------------------------------------------

TEST_F(Memcpy, CountAboveDestMaxIsInvalidParamNamingDestMax) {
  DeviceBuffer device(256);
  const std::vector<unsigned char> src = Pattern(101);
  EXPECT_EQ(aclrtMemcpy(device.get(), 100, src.data(), 101, ACL_MEMCPY_HOST_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentErrMsg();
  EXPECT_TRUE(Contains(message, "aclrtMemcpy")) << message;
  EXPECT_TRUE(Contains(message, "destMax")) << message;
  EXPECT_TRUE(Contains(message, "101")) << message;
}

TEST_F(Memcpy, NullDstOrSrcIsInvalidParam) {
  DeviceBuffer device(64);
  char host[64] = {};
  EXPECT_EQ(aclrtMemcpy(nullptr, 64, host, 64, ACL_MEMCPY_HOST_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "dst"));
  EXPECT_EQ(aclrtMemcpy(device.get(), 64, nullptr, 64, ACL_MEMCPY_HOST_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "src"));
}

TEST_F(Memcpy, InvalidKindIsInvalidParam) {
  DeviceBuffer device(64);
  char host[64] = {};
  EXPECT_EQ(aclrtMemcpy(device.get(), 64, host, 64, static_cast<aclrtMemcpyKind>(42)), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "kind"));
}

TEST_F(Memcpy, DevicePointerAsHostSourceIsInvalidParamNamingSrc) {
  DeviceBuffer a(64);
  DeviceBuffer b(64);
  EXPECT_EQ(aclrtMemcpy(a.get(), 64, b.get(), 64, ACL_MEMCPY_HOST_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentErrMsg();
  EXPECT_TRUE(Contains(message, "src")) << message;
  EXPECT_TRUE(Contains(message, "needs host memory")) << message;
}

TEST_F(Memcpy, DevicePointerAsHostDestinationIsInvalidParamNamingDst) {
  DeviceBuffer a(64);
  DeviceBuffer b(64);
  EXPECT_EQ(aclrtMemcpy(a.get(), 64, b.get(), 64, ACL_MEMCPY_DEVICE_TO_HOST), ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentErrMsg();
  EXPECT_TRUE(Contains(message, "dst")) << message;
  EXPECT_TRUE(Contains(message, "needs host memory")) << message;
}

TEST_F(Memcpy, HostPointerAsDeviceDestinationIsInvalidParamNamingDst) {
  std::vector<unsigned char> host(64, 0);
  const std::vector<unsigned char> src = Pattern(64);
  EXPECT_EQ(aclrtMemcpy(host.data(), 64, src.data(), 64, ACL_MEMCPY_HOST_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentErrMsg();
  EXPECT_TRUE(Contains(message, "dst")) << message;
  EXPECT_TRUE(Contains(message, "needs device memory")) << message;
  EXPECT_EQ(host, std::vector<unsigned char>(64, 0));  // nothing was copied
}

TEST_F(Memcpy, HostPointerAsDeviceSourceIsInvalidParamNamingSrc) {
  std::vector<unsigned char> host(64, 0);
  const std::vector<unsigned char> src = Pattern(64);
  EXPECT_EQ(aclrtMemcpy(host.data(), 64, src.data(), 64, ACL_MEMCPY_DEVICE_TO_HOST), ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentErrMsg();
  EXPECT_TRUE(Contains(message, "src")) << message;
  EXPECT_TRUE(Contains(message, "needs device memory")) << message;
}

TEST_F(Memcpy, HostPointerInDeviceToDeviceIsInvalidParam) {
  DeviceBuffer device(64);
  std::vector<unsigned char> host(64, 0);
  EXPECT_EQ(aclrtMemcpy(device.get(), 64, host.data(), 64, ACL_MEMCPY_DEVICE_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "src"));
  EXPECT_EQ(aclrtMemcpy(host.data(), 64, device.get(), 64, ACL_MEMCPY_DEVICE_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "dst"));
}

TEST_F(Memcpy, RangeMayUseTheRoundingPaddingButNotOneByteMore) {
  // aclrtMalloc(100) takes ALIGN_UP(100, 32) + 32 = 160 bytes: all of them are usable.
  DeviceBuffer device(100);
  const std::vector<unsigned char> src = Pattern(161);
  EXPECT_EQ(aclrtMemcpy(device.get(), 160, src.data(), 160, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  EXPECT_EQ(aclrtMemcpy(device.get(), 161, src.data(), 161, ACL_MEMCPY_HOST_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentErrMsg();
  EXPECT_TRUE(Contains(message, "dst")) << message;
  EXPECT_TRUE(Contains(message, "runs 1 bytes past")) << message;
}

TEST_F(Memcpy, SourceRangeRunningPastItsAllocationIsInvalidParamNamingSrc) {
  DeviceBuffer device(1000);  // 1056 usable
  std::vector<unsigned char> host(2000, 0);
  EXPECT_EQ(aclrtMemcpy(host.data(), 2000, device.bytes() + 1000, 57, ACL_MEMCPY_DEVICE_TO_HOST),
            ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentErrMsg();
  EXPECT_TRUE(Contains(message, "src")) << message;
  EXPECT_TRUE(Contains(message, "past the end")) << message;
  EXPECT_EQ(aclrtMemcpy(host.data(), 2000, device.bytes() + 1000, 56, ACL_MEMCPY_DEVICE_TO_HOST), ACL_SUCCESS);
}

TEST_F(Memcpy, RangeRunningPastAnAclrtMallocHostBlockIsInvalidParam) {
  void* host = nullptr;
  ASSERT_EQ(aclrtMallocHost(&host, 100), ACL_SUCCESS);
  DeviceBuffer device(200);
  EXPECT_EQ(aclrtMemcpy(host, 200, device.get(), 101, ACL_MEMCPY_DEVICE_TO_HOST), ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentErrMsg();
  EXPECT_TRUE(Contains(message, "dst")) << message;
  EXPECT_TRUE(Contains(message, "aclrtMallocHost block")) << message;
  EXPECT_EQ(aclrtMemcpy(host, 200, device.get(), 100, ACL_MEMCPY_DEVICE_TO_HOST), ACL_SUCCESS);
  EXPECT_EQ(aclrtFreeHost(host), ACL_SUCCESS);
}

TEST_F(Memcpy, FreedDeviceSourceIsInvalidParamNamingSrc) {
  void* p = nullptr;
  ASSERT_EQ(aclrtMalloc(&p, 64, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtFree(p), ACL_SUCCESS);
  std::vector<unsigned char> host(64, 0);
  EXPECT_EQ(aclrtMemcpy(host.data(), 64, p, 64, ACL_MEMCPY_DEVICE_TO_HOST), ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentErrMsg();
  EXPECT_TRUE(Contains(message, "src")) << message;
  EXPECT_TRUE(Contains(message, "not allocated")) << message;
}

TEST_F(Memcpy, FreedDeviceDestinationIsInvalidParamNamingDst) {
  void* p = nullptr;
  ASSERT_EQ(aclrtMalloc(&p, 64, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtFree(p), ACL_SUCCESS);
  const std::vector<unsigned char> src = Pattern(64);
  EXPECT_EQ(aclrtMemcpy(p, 64, src.data(), 64, ACL_MEMCPY_HOST_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentErrMsg();
  EXPECT_TRUE(Contains(message, "dst")) << message;
  EXPECT_TRUE(Contains(message, "not allocated")) << message;
}

TEST_F(Memcpy, RangeRunningIntoTheNextAllocationIsInvalidParam) {
  // Two blocks of one size class (likely neighbours): a copy from either may not run beyond it.
  void* a = nullptr;
  void* b = nullptr;
  ASSERT_EQ(aclrtMallocAlign32(&a, 64, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtMallocAlign32(&b, 64, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  std::vector<unsigned char> host(128, 0);
  EXPECT_EQ(aclrtMemcpy(host.data(), 128, a, 128, ACL_MEMCPY_DEVICE_TO_HOST), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMemcpy(host.data(), 128, b, 128, ACL_MEMCPY_DEVICE_TO_HOST), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtFree(a), ACL_SUCCESS);
  EXPECT_EQ(aclrtFree(b), ACL_SUCCESS);
}

TEST_F(Memcpy, FailedCopyWritesNothing) {
  DeviceBuffer device(64);  // 96 usable
  ASSERT_EQ(aclrtMemset(device.get(), 96, 0x5A, 96), ACL_SUCCESS);
  const std::vector<unsigned char> src = Pattern(200);
  EXPECT_EQ(aclrtMemcpy(device.get(), 200, src.data(), 97, ACL_MEMCPY_HOST_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(ReadDevice(device.get(), 96), std::vector<unsigned char>(96, 0x5A));
}

// ---- aclrtMemset ----------------------------------------------------------------------------------

TEST_F(Memset, SetsDeviceBytesToTheLowByteOfValue) {
  DeviceBuffer device(300);
  ASSERT_EQ(aclrtMemset(device.get(), 300, 0, 300), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemset(device.bytes() + 10, 290, 0x1AB, 100), ACL_SUCCESS);
  const std::vector<unsigned char> back = ReadDevice(device.get(), 300);
  for (size_t i = 0; i < 300; ++i) ASSERT_EQ(back[i], (i >= 10 && i < 110) ? 0xAB : 0) << "byte " << i;
}

TEST_F(Memset, CountAboveMaxCountIsInvalidParamNamingMaxCount) {
  DeviceBuffer device(256);
  EXPECT_EQ(aclrtMemset(device.get(), 100, 1, 101), ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentErrMsg();
  EXPECT_TRUE(Contains(message, "aclrtMemset")) << message;
  EXPECT_TRUE(Contains(message, "maxCount")) << message;
}

TEST_F(Memset, RangePastTheAllocationIsInvalidParam) {
  DeviceBuffer device(1);  // 64 usable
  EXPECT_EQ(aclrtMemset(device.get(), 64, 7, 64), ACL_SUCCESS);
  EXPECT_EQ(aclrtMemset(device.get(), 65, 7, 65), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "devPtr"));
}

TEST_F(Memset, FreedAndNullPointersAreInvalidParam) {
  void* p = nullptr;
  ASSERT_EQ(aclrtMalloc(&p, 64, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtFree(p), ACL_SUCCESS);
  EXPECT_EQ(aclrtMemset(p, 64, 0, 64), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "devPtr"));
  EXPECT_EQ(aclrtMemset(nullptr, 64, 0, 64), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "devPtr"));
}

TEST_F(Memset, HostMemoryIsAccepted) {
  std::vector<unsigned char> host(50, 0);
  ASSERT_EQ(aclrtMemset(host.data(), 50, 0x42, 20), ACL_SUCCESS);
  for (size_t i = 0; i < 50; ++i) ASSERT_EQ(host[i], i < 20 ? 0x42 : 0) << i;
}

// ---- aclrtMemcpy2d ---------------------------------------------------------------------------------

TEST_F(Memcpy2d, OddPitchesHostToDeviceAndBackByteForByte) {
  constexpr size_t kWidth = 23, kHeight = 11, kSpitch = 37, kDpitch = 29, kBackPitch = 41;
  const size_t device_extent = (kHeight - 1) * kDpitch + kWidth;  // 313
  DeviceBuffer device(device_extent);
  ASSERT_EQ(aclrtMemset(device.get(), device_extent, 0x5A, device_extent), ACL_SUCCESS);
  const std::vector<unsigned char> src = Pattern(kHeight * kSpitch, 21);

  ASSERT_EQ(aclrtMemcpy2d(device.get(), kDpitch, src.data(), kSpitch, kWidth, kHeight, ACL_MEMCPY_HOST_TO_DEVICE),
            ACL_SUCCESS);
  // The device: each row where it belongs, the gaps between rows untouched.
  const std::vector<unsigned char> on_device = ReadDevice(device.get(), device_extent);
  for (size_t i = 0; i < device_extent; ++i) {
    const size_t row = i / kDpitch;
    const size_t column = i % kDpitch;
    const unsigned char expected = column < kWidth ? src[row * kSpitch + column] : 0x5A;
    ASSERT_EQ(on_device[i], expected) << "device byte " << i << " (row " << row << ", column " << column << ")";
  }

  std::vector<unsigned char> back(kHeight * kBackPitch, 0xEE);
  ASSERT_EQ(aclrtMemcpy2d(back.data(), kBackPitch, device.get(), kDpitch, kWidth, kHeight, ACL_MEMCPY_DEVICE_TO_HOST),
            ACL_SUCCESS);
  for (size_t i = 0; i < back.size(); ++i) {
    const size_t row = i / kBackPitch;
    const size_t column = i % kBackPitch;
    const unsigned char expected = column < kWidth ? src[row * kSpitch + column] : 0xEE;
    ASSERT_EQ(back[i], expected) << "host byte " << i << " (row " << row << ", column " << column << ")";
  }
}

TEST_F(Memcpy2d, PitchEqualToWidthIsAPlainCopy) {
  DeviceBuffer device(17 * 5);
  const std::vector<unsigned char> src = Pattern(17 * 5, 22);
  ASSERT_EQ(aclrtMemcpy2d(device.get(), 17, src.data(), 17, 17, 5, ACL_MEMCPY_DEFAULT), ACL_SUCCESS);
  EXPECT_EQ(ReadDevice(device.get(), 17 * 5), src);
}

TEST_F(Memcpy2d, DeviceExtentIsRowsTimesPitchMinusTheLastGap) {
  // 4 rows of 10 with dpitch 50: 3 * 50 + 10 = 160 bytes, exactly what aclrtMalloc(100) gives.
  DeviceBuffer device(100);
  const std::vector<unsigned char> src = Pattern(44);
  EXPECT_EQ(aclrtMemcpy2d(device.get(), 50, src.data(), 11, 10, 4, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  EXPECT_EQ(aclrtMemcpy2d(device.get(), 50, src.data(), 11, 11, 4, ACL_MEMCPY_HOST_TO_DEVICE),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "dst"));
}

TEST_F(Memcpy2d, WidthAbovePitchIsInvalidParamNamingThePitch) {
  DeviceBuffer device(1024);
  const std::vector<unsigned char> src = Pattern(1024);
  EXPECT_EQ(aclrtMemcpy2d(device.get(), 15, src.data(), 32, 16, 4, ACL_MEMCPY_HOST_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "dpitch"));
  EXPECT_EQ(aclrtMemcpy2d(device.get(), 32, src.data(), 15, 16, 4, ACL_MEMCPY_HOST_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "spitch"));
}

TEST_F(Memcpy2d, ZeroWidthOrHeightIsInvalidParam) {
  DeviceBuffer device(1024);
  const std::vector<unsigned char> src = Pattern(1024);
  EXPECT_EQ(aclrtMemcpy2d(device.get(), 32, src.data(), 32, 0, 4, ACL_MEMCPY_HOST_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "width"));
  EXPECT_EQ(aclrtMemcpy2d(device.get(), 32, src.data(), 32, 16, 0, ACL_MEMCPY_HOST_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "height"));
}

TEST_F(Memcpy2d, DeviceToDeviceAndHostToHostAreNotSupported) {
  DeviceBuffer a(1024);
  DeviceBuffer b(1024);
  EXPECT_EQ(aclrtMemcpy2d(a.get(), 32, b.get(), 32, 16, 4, ACL_MEMCPY_DEVICE_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "ACL_MEMCPY_DEVICE_TO_DEVICE"));
  std::vector<unsigned char> x(1024), y(1024);
  EXPECT_EQ(aclrtMemcpy2d(x.data(), 32, y.data(), 32, 16, 4, ACL_MEMCPY_DEFAULT), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "ACL_MEMCPY_HOST_TO_HOST"));
}

TEST_F(Memcpy2d, WrongSideIsInvalidParamNamingIt) {
  DeviceBuffer device(1024);
  std::vector<unsigned char> host(1024);
  EXPECT_EQ(aclrtMemcpy2d(host.data(), 32, device.get(), 32, 16, 4, ACL_MEMCPY_HOST_TO_DEVICE),
            ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentErrMsg();
  EXPECT_TRUE(Contains(message, "dst")) << message;
  EXPECT_TRUE(Contains(message, "aclrtMemcpy2d")) << message;
}

// ---- aclrtMemFlush / aclrtMemInvalidate -------------------------------------------------------------

TEST_F(MemFlush, AcceptsRangesInsideOneAllocation) {
  DeviceBuffer device(100);  // 160 usable
  EXPECT_EQ(aclrtMemFlush(device.get(), 160), ACL_SUCCESS);
  EXPECT_EQ(aclrtMemInvalidate(device.get(), 160), ACL_SUCCESS);
  EXPECT_EQ(aclrtMemFlush(device.bytes() + 100, 60), ACL_SUCCESS);
  EXPECT_EQ(aclrtMemInvalidate(device.bytes() + 159, 1), ACL_SUCCESS);
}

TEST_F(MemFlush, RejectsRangesRunningPastTheAllocation) {
  DeviceBuffer device(100);
  EXPECT_EQ(aclrtMemFlush(device.get(), 161), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "devPtr"));
  EXPECT_EQ(aclrtMemInvalidate(device.bytes() + 100, 61), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "aclrtMemInvalidate"));
}

TEST_F(MemFlush, RejectsSizesThatWrapAroundTheAddressSpace) {
  DeviceBuffer device(100);
  EXPECT_EQ(aclrtMemFlush(device.bytes() + 1, SIZE_MAX), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMemInvalidate(device.bytes() + 64, SIZE_MAX - 63), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMemFlush(device.get(), SIZE_MAX), ACL_ERROR_INVALID_PARAM);
}

TEST_F(MemFlush, RejectsNullZeroSizeHostAndFreedPointers) {
  void* p = nullptr;
  ASSERT_EQ(aclrtMalloc(&p, 64, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  EXPECT_EQ(aclrtMemFlush(p, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "size"));
  EXPECT_EQ(aclrtMemFlush(nullptr, 64), ACL_ERROR_INVALID_PARAM);
  std::vector<unsigned char> host(64);
  EXPECT_EQ(aclrtMemFlush(host.data(), 64), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMemInvalidate(host.data(), 64), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclrtFree(p), ACL_SUCCESS);
  EXPECT_EQ(aclrtMemFlush(p, 64), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMemInvalidate(p, 64), ACL_ERROR_INVALID_PARAM);
}

}  // namespace
}  // namespace aclsim_memory_test
