// Facts about the library and the simulated system: aclrtGetVersion, aclrtGetSocName,
// aclGetDeviceCapability, aclGetCannAttributeList and aclGetCannAttribute.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "acl/acl.h"

namespace {

std::string RecentMessage() {
  const char* message = aclGetRecentErrMsg();
  return message == nullptr ? std::string() : std::string(message);
}

// ---- aclrtGetVersion ----

TEST(Version, IsOnePointTenPointZero) {
  int32_t major = -1, minor = -1, patch = -1;
  ASSERT_EQ(aclrtGetVersion(&major, &minor, &patch), ACL_SUCCESS);
  EXPECT_EQ(major, 1);
  EXPECT_EQ(minor, 10);
  EXPECT_EQ(patch, 0);
}

TEST(Version, MatchesTheHeaderMacros) {
  int32_t major = -1, minor = -1, patch = -1;
  ASSERT_EQ(aclrtGetVersion(&major, &minor, &patch), ACL_SUCCESS);
  EXPECT_EQ(major, ACL_MAJOR_VERSION);
  EXPECT_EQ(minor, ACL_MINOR_VERSION);
  EXPECT_EQ(patch, ACL_PATCH_VERSION);
}

TEST(Version, NullMajorReturnsInvalidParam) {
  int32_t minor = 0, patch = 0;
  (void)aclGetRecentErrMsg();
  EXPECT_EQ(aclrtGetVersion(nullptr, &minor, &patch), ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentMessage();
  EXPECT_NE(message.find("aclrtGetVersion"), std::string::npos) << message;
  EXPECT_NE(message.find("majorVersion"), std::string::npos) << message;
}

TEST(Version, NullMinorReturnsInvalidParam) {
  int32_t major = 0, patch = 0;
  EXPECT_EQ(aclrtGetVersion(&major, nullptr, &patch), ACL_ERROR_INVALID_PARAM);
}

TEST(Version, NullPatchReturnsInvalidParam) {
  int32_t major = 0, minor = 0;
  EXPECT_EQ(aclrtGetVersion(&major, &minor, nullptr), ACL_ERROR_INVALID_PARAM);
}

// ---- aclrtGetSocName ----

TEST(SocNameAfterInit, IsTheEnvironmentVariable) {
  ASSERT_EQ(setenv("ACLSIM_SOC_NAME", "Ascend910B3", 1), 0);
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  const char* name = aclrtGetSocName();
  EXPECT_STREQ(name, "Ascend910B3");
  EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
  unsetenv("ACLSIM_SOC_NAME");
}

// ---- aclGetDeviceCapability ----

class DeviceCapability : public ::testing::Test {
 protected:
  void SetUp() override {
    (void)aclGetRecentErrMsg();
    ASSERT_EQ(setenv("ACLSIM_AICORE_THREADS", "3", 1), 0);
    ASSERT_EQ(unsetenv("ACLSIM_DEVICE_COUNT"), 0);
    ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  }
  void TearDown() override {
    EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
    unsetenv("ACLSIM_AICORE_THREADS");
  }
};

TEST_F(DeviceCapability, AiCoreNumIsTheConfiguredThreadCount) {
  int64_t value = -1;
  ASSERT_EQ(aclGetDeviceCapability(0, ACL_DEVICE_INFO_AI_CORE_NUM, &value), ACL_SUCCESS);
  EXPECT_EQ(value, 3);
}

TEST_F(DeviceCapability, VectorCoreNumIsTheConfiguredThreadCount) {
  int64_t value = -1;
  ASSERT_EQ(aclGetDeviceCapability(0, ACL_DEVICE_INFO_VECTOR_CORE_NUM, &value), ACL_SUCCESS);
  EXPECT_EQ(value, 3);
}

TEST_F(DeviceCapability, L2SizeIs64MiB) {
  int64_t value = -1;
  ASSERT_EQ(aclGetDeviceCapability(0, ACL_DEVICE_INFO_L2_SIZE, &value), ACL_SUCCESS);
  EXPECT_EQ(value, 64 * 1024 * 1024);
}

TEST_F(DeviceCapability, DeviceIdPastTheDeviceCountReturnsInvalidParam) {
  int64_t value = -1;
  EXPECT_EQ(aclGetDeviceCapability(1, ACL_DEVICE_INFO_L2_SIZE, &value), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(value, -1);
  const std::string message = RecentMessage();
  EXPECT_NE(message.find("aclGetDeviceCapability"), std::string::npos) << message;
  EXPECT_NE(message.find("deviceId 1"), std::string::npos) << message;
}

TEST_F(DeviceCapability, UnknownInfoReturnsInvalidParam) {
  int64_t value = -1;
  EXPECT_EQ(aclGetDeviceCapability(0, static_cast<aclDeviceInfo>(3), &value), ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentMessage();
  EXPECT_NE(message.find("deviceInfo 3"), std::string::npos) << message;
}

TEST_F(DeviceCapability, UndefinedInfoReturnsInvalidParam) {
  int64_t value = -1;
  EXPECT_EQ(aclGetDeviceCapability(0, ACL_DEVICE_INFO_UNDEFINED, &value), ACL_ERROR_INVALID_PARAM);
}

TEST_F(DeviceCapability, NullValueReturnsInvalidParam) {
  EXPECT_EQ(aclGetDeviceCapability(0, ACL_DEVICE_INFO_AI_CORE_NUM, nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST(DeviceCapabilityOfMoreDevices, LastDeviceIsValid) {
  ASSERT_EQ(setenv("ACLSIM_DEVICE_COUNT", "4", 1), 0);
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  int64_t value = -1;
  EXPECT_EQ(aclGetDeviceCapability(3, ACL_DEVICE_INFO_L2_SIZE, &value), ACL_SUCCESS);
  EXPECT_EQ(value, 64 * 1024 * 1024);
  EXPECT_EQ(aclGetDeviceCapability(4, ACL_DEVICE_INFO_L2_SIZE, &value), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
  unsetenv("ACLSIM_DEVICE_COUNT");
}

TEST(DeviceCapabilityWithoutInit, ReturnsUninitialize) {
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclFinalize(), ACL_SUCCESS);
  int64_t value = -1;
  EXPECT_EQ(aclGetDeviceCapability(0, ACL_DEVICE_INFO_L2_SIZE, &value), ACL_ERROR_UNINITIALIZE);
  EXPECT_EQ(value, -1);
}

// ---- aclGetCannAttributeList / aclGetCannAttribute ----

TEST(CannAttributeList, HoldsInfNanAndBf16) {
  const aclCannAttr* list = nullptr;
  size_t count = 0;
  ASSERT_EQ(aclGetCannAttributeList(&list, &count), ACL_SUCCESS);
  ASSERT_NE(list, nullptr);
  ASSERT_EQ(count, 2u);
  EXPECT_EQ(list[0], ACL_CANN_ATTR_INF_NAN);
  EXPECT_EQ(list[1], ACL_CANN_ATTR_BF16);
}

TEST(CannAttributeList, EveryListedAttributeIsSupported) {
  const aclCannAttr* list = nullptr;
  size_t count = 0;
  ASSERT_EQ(aclGetCannAttributeList(&list, &count), ACL_SUCCESS);
  for (size_t i = 0; i < count; ++i) {
    int32_t value = -1;
    ASSERT_EQ(aclGetCannAttribute(list[i], &value), ACL_SUCCESS);
    EXPECT_EQ(value, 1) << "attribute " << list[i];
  }
}

TEST(CannAttributeList, DoesNotNeedInit) {
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclFinalize(), ACL_SUCCESS);
  const aclCannAttr* list = nullptr;
  size_t count = 0;
  EXPECT_EQ(aclGetCannAttributeList(&list, &count), ACL_SUCCESS);
}

TEST(CannAttributeList, NullListReturnsInvalidParam) {
  size_t count = 0;
  EXPECT_EQ(aclGetCannAttributeList(nullptr, &count), ACL_ERROR_INVALID_PARAM);
}

TEST(CannAttributeList, NullCountReturnsInvalidParam) {
  const aclCannAttr* list = nullptr;
  EXPECT_EQ(aclGetCannAttributeList(&list, nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST(CannAttribute, InfNanIsSupported) {
  int32_t value = -1;
  ASSERT_EQ(aclGetCannAttribute(ACL_CANN_ATTR_INF_NAN, &value), ACL_SUCCESS);
  EXPECT_EQ(value, 1);
}

TEST(CannAttribute, Bf16IsSupported) {
  int32_t value = -1;
  ASSERT_EQ(aclGetCannAttribute(ACL_CANN_ATTR_BF16, &value), ACL_SUCCESS);
  EXPECT_EQ(value, 1);
}

TEST(CannAttribute, JitCompileIsNotSupported) {
  int32_t value = -1;
  ASSERT_EQ(aclGetCannAttribute(ACL_CANN_ATTR_JIT_COMPILE, &value), ACL_SUCCESS);
  EXPECT_EQ(value, 0);
}

TEST(CannAttribute, UndefinedReturnsInvalidParam) {
  int32_t value = -1;
  (void)aclGetRecentErrMsg();
  EXPECT_EQ(aclGetCannAttribute(ACL_CANN_ATTR_UNDEFINED, &value), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(value, -1);
  const std::string message = RecentMessage();
  EXPECT_NE(message.find("aclGetCannAttribute"), std::string::npos) << message;
  EXPECT_NE(message.find("cannAttr -1"), std::string::npos) << message;
}

TEST(CannAttribute, NullValueReturnsInvalidParam) {
  EXPECT_EQ(aclGetCannAttribute(ACL_CANN_ATTR_BF16, nullptr), ACL_ERROR_INVALID_PARAM);
}

}  // namespace
