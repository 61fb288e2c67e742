// aclrtGetDeviceUtilizationRate: memory use and the share of busy streams of a simulated device.
#include "runtime_test_util.h"

namespace aclsim_test {
namespace {

class RuntimeUtilization : public RuntimeTest {};

TEST_F(RuntimeUtilization, IdleDeviceReportsNoComputeAndNoAicpu) {
  aclrtUtilizationInfo info{};
  info.cubeUtilization = -1;
  ASSERT_EQ(aclrtGetDeviceUtilizationRate(0, &info), ACL_SUCCESS);
  EXPECT_EQ(info.cubeUtilization, 0);
  EXPECT_EQ(info.vectorUtilization, 0);
  EXPECT_EQ(info.aicpuUtilization, 0);
  EXPECT_EQ(info.utilizationExtend, nullptr);
}

TEST_F(RuntimeUtilization, MemoryUtilizationFollowsAllocations) {
  size_t free = 0, total = 0;
  ASSERT_EQ(aclrtGetMemInfo(ACL_DDR_MEM, &free, &total), ACL_SUCCESS);
  void* block = nullptr;
  ASSERT_EQ(aclrtMalloc(&block, total / 2, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  aclrtUtilizationInfo info{};
  ASSERT_EQ(aclrtGetDeviceUtilizationRate(0, &info), ACL_SUCCESS);
  EXPECT_EQ(info.memoryUtilization, 50);
  ASSERT_EQ(aclrtFree(block), ACL_SUCCESS);
  ASSERT_EQ(aclrtGetDeviceUtilizationRate(0, &info), ACL_SUCCESS);
  EXPECT_EQ(info.memoryUtilization, 0);
}

TEST_F(RuntimeUtilization, HeldStreamMakesTheDeviceBusy) {
  aclrtStream stream = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream), ACL_SUCCESS);
  {
    StreamHold hold(stream);
    ASSERT_EQ(hold.launched(), ACL_SUCCESS);
    aclrtUtilizationInfo info{};
    ASSERT_EQ(aclrtGetDeviceUtilizationRate(0, &info), ACL_SUCCESS);
    EXPECT_EQ(info.cubeUtilization, 50);  // one of the two streams (default and this one) is busy
    EXPECT_EQ(info.vectorUtilization, 50);
  }
  ASSERT_EQ(aclrtSynchronizeStream(stream), ACL_SUCCESS);
  ASSERT_EQ(reporter.Unsubscribe(stream), ACL_SUCCESS);
  ASSERT_EQ(aclrtDestroyStream(stream), ACL_SUCCESS);
}

TEST_F(RuntimeUtilization, InvalidDeviceAndNullAreRejected) {
  aclrtUtilizationInfo info{};
  EXPECT_EQ(aclrtGetDeviceUtilizationRate(7, &info), ACL_ERROR_RT_INVALID_DEVICEID);
  EXPECT_EQ(aclrtGetDeviceUtilizationRate(0, nullptr), ACL_ERROR_INVALID_PARAM);
}

}  // namespace
}  // namespace aclsim_test
