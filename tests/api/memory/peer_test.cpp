// Two devices (ACLSIM_DEVICE_COUNT=2): separate pools, copies that cross devices need peer access,
// and aclrtDeviceCanAccessPeer / aclrtDeviceEnablePeerAccess / aclrtDeviceDisablePeerAccess.
#include <cstdint>
#include <string>
#include <vector>

#include "memory_test_util.h"

namespace aclsim_memory_test {
namespace {

class PeerAccess : public TwoDeviceTest {
 protected:
  // An allocation of `size` bytes on `device`, filled with `bytes`; device 0 is current after.
  void* AllocateOn(int32_t device, size_t size, const std::vector<unsigned char>& bytes) {
    Use(device);
    void* p = nullptr;
    EXPECT_EQ(aclrtMalloc(&p, size, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
    if (!bytes.empty()) WriteDevice(p, bytes);
    Use(0);
    return p;
  }
  void FreeOn(int32_t device, void* p) {
    Use(device);
    EXPECT_EQ(aclrtFree(p), ACL_SUCCESS);
    Use(0);
  }
};

TEST_F(PeerAccess, EachDeviceHasItsOwnPool) {
  void* p = nullptr;
  ASSERT_EQ(aclrtMalloc(&p, kMiB, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  EXPECT_EQ(FreeBytes(), 64 * kMiB - (kMiB + 32));
  Use(1);
  EXPECT_EQ(FreeBytes(), 64 * kMiB);
  Use(0);
  EXPECT_EQ(aclrtFree(p), ACL_SUCCESS);
  EXPECT_EQ(FreeBytes(), 64 * kMiB);
}

TEST_F(PeerAccess, CanAccessPeerSaysYesForTwoDifferentDevices) {
  int32_t can = -1;
  ASSERT_EQ(aclrtDeviceCanAccessPeer(&can, 0, 1), ACL_SUCCESS);
  EXPECT_EQ(can, 1);
  can = -1;
  ASSERT_EQ(aclrtDeviceCanAccessPeer(&can, 1, 0), ACL_SUCCESS);
  EXPECT_EQ(can, 1);
}

TEST_F(PeerAccess, CanAccessPeerRejectsTheSameDeviceNullAndBadIds) {
  int32_t can = -1;
  EXPECT_EQ(aclrtDeviceCanAccessPeer(&can, 1, 1), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtDeviceCanAccessPeer(nullptr, 0, 1), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "canAccessPeer"));
  EXPECT_EQ(aclrtDeviceCanAccessPeer(&can, 0, 2), ACL_ERROR_RT_INVALID_DEVICEID);
  EXPECT_EQ(aclrtDeviceCanAccessPeer(&can, -1, 0), ACL_ERROR_RT_INVALID_DEVICEID);
}

TEST_F(PeerAccess, CrossDeviceCopyFailsWithoutPeerAccess) {
  const std::vector<unsigned char> bytes = Pattern(1000, 41);
  void* remote = AllocateOn(1, 1000, bytes);
  DeviceBuffer local(1000);
  ASSERT_EQ(aclrtMemset(local.get(), 1000, 0, 1000), ACL_SUCCESS);
  EXPECT_EQ(aclrtMemcpy(local.get(), 1000, remote, 1000, ACL_MEMCPY_DEVICE_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentErrMsg();
  EXPECT_TRUE(Contains(message, "peer access")) << message;
  EXPECT_EQ(aclrtMemcpy(remote, 1000, local.get(), 1000, ACL_MEMCPY_DEFAULT), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(ReadDevice(local.get(), 1000), std::vector<unsigned char>(1000, 0));
  FreeOn(1, remote);
}

TEST_F(PeerAccess, CrossDeviceCopyWorksAfterEnablePeerAccess) {
  const std::vector<unsigned char> bytes = Pattern(1000, 42);
  void* remote = AllocateOn(1, 1000, bytes);
  DeviceBuffer local(1000);
  ASSERT_EQ(aclrtDeviceEnablePeerAccess(1, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpy(local.get(), 1000, remote, 1000, ACL_MEMCPY_DEVICE_TO_DEVICE), ACL_SUCCESS);
  EXPECT_EQ(ReadDevice(local.get(), 1000), bytes);
  // And the other way, still from device 0.
  const std::vector<unsigned char> other = Pattern(1000, 43);
  WriteDevice(local.get(), other);
  ASSERT_EQ(aclrtMemcpy(remote, 1000, local.get(), 1000, ACL_MEMCPY_DEFAULT), ACL_SUCCESS);
  Use(1);
  EXPECT_EQ(ReadDevice(remote, 1000), other);
  Use(0);
  EXPECT_EQ(aclrtDeviceDisablePeerAccess(1), ACL_SUCCESS);
  FreeOn(1, remote);
}

TEST_F(PeerAccess, AsyncCrossDeviceCopyWorksAfterEnablePeerAccess) {
  const std::vector<unsigned char> bytes = Pattern(4096, 44);
  void* remote = AllocateOn(1, 4096, bytes);
  DeviceBuffer local(4096);
  EXPECT_EQ(aclrtMemcpyAsync(local.get(), 4096, remote, 4096, ACL_MEMCPY_DEVICE_TO_DEVICE, nullptr),
            ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclrtDeviceEnablePeerAccess(1, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpyAsync(local.get(), 4096, remote, 4096, ACL_MEMCPY_DEVICE_TO_DEVICE, nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(nullptr), ACL_SUCCESS);
  EXPECT_EQ(ReadDevice(local.get(), 4096), bytes);
  FreeOn(1, remote);
}

TEST_F(PeerAccess, PeerAccessIsPerDirection) {
  // Enabled from device 1 to device 0: a copy made with device 0 current still needs its own.
  void* remote = AllocateOn(1, 64, {});
  DeviceBuffer local(64);
  Use(1);
  ASSERT_EQ(aclrtDeviceEnablePeerAccess(0, 0), ACL_SUCCESS);
  Use(0);
  EXPECT_EQ(aclrtMemcpy(local.get(), 64, remote, 64, ACL_MEMCPY_DEVICE_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  FreeOn(1, remote);
}

TEST_F(PeerAccess, CopyFailsAgainAfterDisablePeerAccess) {
  void* remote = AllocateOn(1, 64, {});
  DeviceBuffer local(64);
  ASSERT_EQ(aclrtDeviceEnablePeerAccess(1, 0), ACL_SUCCESS);
  EXPECT_EQ(aclrtMemcpy(local.get(), 64, remote, 64, ACL_MEMCPY_DEVICE_TO_DEVICE), ACL_SUCCESS);
  ASSERT_EQ(aclrtDeviceDisablePeerAccess(1), ACL_SUCCESS);
  EXPECT_EQ(aclrtMemcpy(local.get(), 64, remote, 64, ACL_MEMCPY_DEVICE_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  FreeOn(1, remote);
}

TEST_F(PeerAccess, EnablingTwiceFails) {
  ASSERT_EQ(aclrtDeviceEnablePeerAccess(1, 0), ACL_SUCCESS);
  EXPECT_EQ(aclrtDeviceEnablePeerAccess(1, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "already enabled"));
  EXPECT_EQ(aclrtDeviceDisablePeerAccess(1), ACL_SUCCESS);
}

TEST_F(PeerAccess, DisablingWhenNotEnabledFails) {
  EXPECT_EQ(aclrtDeviceDisablePeerAccess(1), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "not enabled"));
  ASSERT_EQ(aclrtDeviceEnablePeerAccess(1, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtDeviceDisablePeerAccess(1), ACL_SUCCESS);
  EXPECT_EQ(aclrtDeviceDisablePeerAccess(1), ACL_ERROR_INVALID_PARAM);
}

TEST_F(PeerAccess, EnableRejectsTheCurrentDeviceNonZeroFlagsAndBadIds) {
  EXPECT_EQ(aclrtDeviceEnablePeerAccess(0, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "peerDeviceId"));
  EXPECT_EQ(aclrtDeviceEnablePeerAccess(1, 1), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "flags"));
  EXPECT_EQ(aclrtDeviceEnablePeerAccess(2, 0), ACL_ERROR_RT_INVALID_DEVICEID);
  EXPECT_EQ(aclrtDeviceDisablePeerAccess(2), ACL_ERROR_RT_INVALID_DEVICEID);
}

TEST_F(PeerAccess, HostCopiesToAnotherDevicesMemoryFailEvenWithPeerAccess) {
  void* remote = AllocateOn(1, 64, {});
  ASSERT_EQ(aclrtDeviceEnablePeerAccess(1, 0), ACL_SUCCESS);
  std::vector<unsigned char> host(64);
  EXPECT_EQ(aclrtMemcpy(remote, 64, host.data(), 64, ACL_MEMCPY_HOST_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "current device is 0"));
  EXPECT_EQ(aclrtMemcpy(host.data(), 64, remote, 64, ACL_MEMCPY_DEVICE_TO_HOST), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMemset(remote, 64, 0, 64), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMemFlush(remote, 64), ACL_ERROR_INVALID_PARAM);
  EXPECT_TRUE(Contains(RecentErrMsg(), "not a live allocation of device 0"));
  FreeOn(1, remote);
}

TEST_F(PeerAccess, ResetDeviceEndsItsPeerAccess) {
  void* remote = AllocateOn(1, 64, {});
  ASSERT_EQ(aclrtDeviceEnablePeerAccess(1, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);  // the last reference: device 0 is released
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  Refresh(0);
  DeviceBuffer local(64);
  EXPECT_EQ(aclrtMemcpy(local.get(), 64, remote, 64, ACL_MEMCPY_DEVICE_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtDeviceDisablePeerAccess(1), ACL_ERROR_INVALID_PARAM);
  FreeOn(1, remote);
}

}  // namespace
}  // namespace aclsim_memory_test
