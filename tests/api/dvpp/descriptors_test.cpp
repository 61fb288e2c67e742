// Descriptors of acl_dvpp.h through the public API: every getter returns what its setter stored,
// null and destroyed handles are errors, channel modes and parameters behave as documented.
#include "dvpp_test_util.h"

namespace aclsim_dvpp_test {
namespace {

using Descriptors = DvppTest;

TEST_F(Descriptors, PicDescFieldsRoundTrip) {
  acldvppPicDesc* d = acldvppCreatePicDesc();
  int dummy = 0;
  EXPECT_EQ(acldvppSetPicDescData(d, &dummy), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetPicDescSize(d, 1234), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetPicDescFormat(d, PIXEL_FORMAT_BGR_888), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetPicDescWidth(d, 11), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetPicDescHeight(d, 12), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetPicDescWidthStride(d, 48), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetPicDescHeightStride(d, 14), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetPicDescRetCode(d, 7), ACL_SUCCESS);
  EXPECT_EQ(acldvppGetPicDescData(d), &dummy);
  EXPECT_EQ(acldvppGetPicDescSize(d), 1234u);
  EXPECT_EQ(acldvppGetPicDescFormat(d), PIXEL_FORMAT_BGR_888);
  EXPECT_EQ(acldvppGetPicDescWidth(d), 11u);
  EXPECT_EQ(acldvppGetPicDescHeight(d), 12u);
  EXPECT_EQ(acldvppGetPicDescWidthStride(d), 48u);
  EXPECT_EQ(acldvppGetPicDescHeightStride(d), 14u);
  EXPECT_EQ(acldvppGetPicDescRetCode(d), 7u);
  EXPECT_EQ(acldvppDestroyPicDesc(d), ACL_SUCCESS);
}

TEST_F(Descriptors, NullPicDescIsAnErrorNamingTheArgument) {
  EXPECT_EQ(acldvppSetPicDescWidth(nullptr, 1), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("picDesc"), std::string::npos);
  EXPECT_EQ(acldvppGetPicDescWidth(nullptr), 0u);
  EXPECT_EQ(acldvppGetPicDescFormat(nullptr), PIXEL_FORMAT_YUV_400);
  EXPECT_EQ(acldvppDestroyPicDesc(nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST_F(Descriptors, AWrongKindOfHandleIsRejected) {
  acldvppRoiConfig* roi = acldvppCreateRoiConfig(0, 9, 0, 5);
  EXPECT_EQ(acldvppSetPicDescWidth(reinterpret_cast<acldvppPicDesc*>(roi), 1), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("acldvppPicDesc"), std::string::npos);
  acldvppDestroyRoiConfig(roi);
}

TEST_F(Descriptors, BatchPicDescHandsOutItsPicturesAndOwnsThem) {
  acldvppBatchPicDesc* batch = acldvppCreateBatchPicDesc(3);
  ASSERT_NE(batch, nullptr);
  acldvppPicDesc* second = acldvppGetPicDesc(batch, 1);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(acldvppSetPicDescWidth(second, 64), ACL_SUCCESS);
  EXPECT_EQ(acldvppGetPicDescWidth(acldvppGetPicDesc(batch, 1)), 64u);
  EXPECT_EQ(acldvppGetPicDesc(batch, 3), nullptr);
  EXPECT_EQ(acldvppDestroyPicDesc(second), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppDestroyBatchPicDesc(batch), ACL_SUCCESS);
  EXPECT_EQ(acldvppCreateBatchPicDesc(0), nullptr);
}

TEST_F(Descriptors, RoiConfigRoundTrip) {
  acldvppRoiConfig* roi = acldvppCreateRoiConfig(1, 2, 3, 4);
  EXPECT_EQ(acldvppSetRoiConfigLeft(roi, 10), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetRoiConfigRight(roi, 21), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetRoiConfigTop(roi, 30), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetRoiConfigBottom(roi, 41), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetRoiConfig(roi, 0, 9, 0, 5), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetRoiConfigLeft(nullptr, 1), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppDestroyRoiConfig(roi), ACL_SUCCESS);
}

TEST_F(Descriptors, ResizeAndJpegeConfigRoundTrip) {
  acldvppResizeConfig* resize = acldvppCreateResizeConfig();
  EXPECT_EQ(acldvppGetResizeConfigInterpolation(resize), 0u);
  EXPECT_EQ(acldvppSetResizeConfigInterpolation(resize, 2), ACL_SUCCESS);
  EXPECT_EQ(acldvppGetResizeConfigInterpolation(resize), 2u);
  EXPECT_EQ(acldvppSetResizeConfigInterpolation(resize, 9), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("interpolation"), std::string::npos);
  acldvppDestroyResizeConfig(resize);
  acldvppJpegeConfig* jpege = acldvppCreateJpegeConfig();
  EXPECT_EQ(acldvppSetJpegeConfigLevel(jpege, 80), ACL_SUCCESS);
  EXPECT_EQ(acldvppGetJpegeConfigLevel(jpege), 80u);
  EXPECT_EQ(acldvppSetJpegeConfigLevel(jpege, 101), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("level"), std::string::npos);
  acldvppDestroyJpegeConfig(jpege);
}

TEST_F(Descriptors, BorderConfigRoundTrip) {
  acldvppBorderConfig* b = acldvppCreateBorderConfig();
  EXPECT_EQ(acldvppSetBorderConfigValue(b, 2, 17.5), ACL_SUCCESS);
  EXPECT_EQ(acldvppGetBorderConfigValue(b, 2), 17.5);
  EXPECT_EQ(acldvppSetBorderConfigValue(b, 4, 1.0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppSetBorderConfigBorderType(b, BORDER_REFLECT_101), ACL_SUCCESS);
  EXPECT_EQ(acldvppGetBorderConfigBorderType(b), BORDER_REFLECT_101);
  EXPECT_EQ(acldvppSetBorderConfigTop(b, 1), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetBorderConfigBottom(b, 2), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetBorderConfigLeft(b, 3), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetBorderConfigRight(b, 4), ACL_SUCCESS);
  EXPECT_EQ(acldvppGetBorderConfigTop(b), 1u);
  EXPECT_EQ(acldvppGetBorderConfigBottom(b), 2u);
  EXPECT_EQ(acldvppGetBorderConfigLeft(b), 3u);
  EXPECT_EQ(acldvppGetBorderConfigRight(b), 4u);
  acldvppDestroyBorderConfig(b);
}

TEST_F(Descriptors, StreamDescRoundTrip) {
  acldvppStreamDesc* s = acldvppCreateStreamDesc();
  int dummy = 0;
  EXPECT_EQ(acldvppSetStreamDescData(s, &dummy), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetStreamDescSize(s, 99), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetStreamDescFormat(s, H264_HIGH_LEVEL), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetStreamDescTimestamp(s, 1ull << 40), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetStreamDescRetCode(s, 5), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetStreamDescEos(s, 1), ACL_SUCCESS);
  EXPECT_EQ(acldvppGetStreamDescData(s), &dummy);
  EXPECT_EQ(acldvppGetStreamDescSize(s), 99u);
  EXPECT_EQ(acldvppGetStreamDescFormat(s), H264_HIGH_LEVEL);
  EXPECT_EQ(acldvppGetStreamDescTimestamp(s), 1ull << 40);
  EXPECT_EQ(acldvppGetStreamDescRetCode(s), 5u);
  EXPECT_EQ(acldvppGetStreamDescEos(s), 1u);
  acldvppDestroyStreamDesc(s);
}

TEST_F(Descriptors, ChannelModeAndParamsRoundTrip) {
  acldvppChannelDesc* c = acldvppCreateChannelDesc();
  EXPECT_EQ(acldvppSetChannelDescMode(c, DVPP_CHNMODE_VPC | DVPP_CHNMODE_JPEGD), ACL_SUCCESS);
  uint32_t value = 0;
  size_t ret = 0;
  EXPECT_EQ(acldvppGetChannelDescParam(c, ACL_DVPP_MODE_UINT32, sizeof(value), &ret, &value), ACL_SUCCESS);
  EXPECT_EQ(value, uint32_t{DVPP_CHNMODE_VPC | DVPP_CHNMODE_JPEGD});
  EXPECT_EQ(ret, sizeof(uint32_t));
  const uint32_t csc = ACL_DVPP_CSC_MATRIX_BT709_NARROW;
  EXPECT_EQ(acldvppSetChannelDescParam(c, ACL_DVPP_CSC_MATRIX_UINT32, sizeof(csc), &csc), ACL_SUCCESS);
  EXPECT_EQ(acldvppGetChannelDescParam(c, ACL_DVPP_CSC_MATRIX_UINT32, sizeof(value), &ret, &value), ACL_SUCCESS);
  EXPECT_EQ(value, csc);
  EXPECT_EQ(acldvppSetChannelDescParam(c, ACL_DVPP_CSC_MATRIX_UINT32, 8, &csc), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("length"), std::string::npos);
  EXPECT_EQ(acldvppSetChannelDescMode(c, 16), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("mode"), std::string::npos);
  EXPECT_EQ(acldvppSetChannelDescMode(c, 0), ACL_ERROR_INVALID_PARAM);
  acldvppDestroyChannelDesc(c);
}

TEST_F(Descriptors, ChannelsGetDistinctIdsAndCannotBeOpenedTwice) {
  acldvppChannelDesc* c = acldvppCreateChannelDesc();
  ASSERT_EQ(acldvppCreateChannel(c), ACL_SUCCESS);
  EXPECT_NE(acldvppGetChannelDescChannelId(c), acldvppGetChannelDescChannelId(channel_));
  EXPECT_EQ(acldvppCreateChannel(c), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppDestroyChannel(c), ACL_SUCCESS);
  EXPECT_EQ(acldvppDestroyChannel(c), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("no open channel"), std::string::npos);
  acldvppDestroyChannelDesc(c);
}

TEST_F(Descriptors, DvppMallocTakesTheDocumentedSizeAndFreeRejectsForeignPointers) {
  void* p = nullptr;
  ASSERT_EQ(acldvppMalloc(&p, 100), ACL_SUCCESS);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 64, 0u);
  EXPECT_EQ(acldvppFree(p), ACL_SUCCESS);
  int host = 0;
  EXPECT_EQ(acldvppFree(&host), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppMalloc(nullptr, 10), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppMalloc(&p, 0), ACL_ERROR_INVALID_PARAM);
}

}  // namespace
}  // namespace aclsim_dvpp_test
