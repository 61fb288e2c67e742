// JPEG decode through the public API: image info, predicted sizes, the decoded NV12 against
// libjpeg-turbo's own RGB decode converted here (PSNR >= 40 dB), and corrupt input failing its
// stream with the output buffer untouched.
#include <turbojpeg.h>

#include "acl/error_codes/rt_error_codes.h"
#include "dvpp_test_util.h"

namespace aclsim_dvpp_test {
namespace {

constexpr uint32_t kW = 100, kH = 70;  // odd multiples of nothing: exercises stride padding

std::vector<uint8_t> EncodeJpeg(uint32_t w, uint32_t h, int subsamp) {
  std::vector<uint8_t> rgb(size_t{w} * h * 3);
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x)
      for (int c = 0; c < 3; ++c) rgb[(size_t{y} * w + x) * 3 + c] = Smooth(x, y, c);
  tjhandle tj = tjInitCompress();
  unsigned char* out = nullptr;
  unsigned long size = 0;
  EXPECT_EQ(tjCompress2(tj, rgb.data(), int(w), 0, int(h), TJPF_RGB, &out, &size, subsamp, 95, 0), 0);
  std::vector<uint8_t> jpeg(out, out + size);
  tjFree(out);
  tjDestroy(tj);
  return jpeg;
}

using JpegDecode = DvppTest;

TEST_F(JpegDecode, ImageInfoReportsSizeComponentsAndSubsampling) {
  const auto jpeg = EncodeJpeg(kW, kH, TJSAMP_422);
  uint32_t w = 0, h = 0;
  int32_t components = 0;
  acldvppJpegFormat format = ACL_JPEG_CSS_UNKNOWN;
  ASSERT_EQ(acldvppJpegGetImageInfoV2(jpeg.data(), uint32_t(jpeg.size()), &w, &h, &components, &format), ACL_SUCCESS);
  EXPECT_EQ(w, kW);
  EXPECT_EQ(h, kH);
  EXPECT_EQ(components, 3);
  EXPECT_EQ(format, ACL_JPEG_CSS_422);
  ASSERT_EQ(acldvppJpegGetImageInfo(jpeg.data(), uint32_t(jpeg.size()), &w, &h, &components), ACL_SUCCESS);
  EXPECT_EQ(w, kW);
}

TEST_F(JpegDecode, ImageInfoOfNonJpegDataIsAnError) {
  std::vector<uint8_t> junk(64, 0x42);
  uint32_t w = 0, h = 0;
  int32_t c = 0;
  EXPECT_EQ(acldvppJpegGetImageInfo(junk.data(), uint32_t(junk.size()), &w, &h, &c), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("not a readable JPEG"), std::string::npos);
}

TEST_F(JpegDecode, PredictedSizeUsesStride64And16OnThe310P) {
  const auto jpeg = EncodeJpeg(kW, kH, TJSAMP_420);
  uint32_t size = 0;
  ASSERT_EQ(acldvppJpegPredictDecSize(jpeg.data(), uint32_t(jpeg.size()), PIXEL_FORMAT_YUV_SEMIPLANAR_420, &size),
            ACL_SUCCESS);
  EXPECT_EQ(size, 128u * 80u * 3 / 2);
}

TEST_F(JpegDecode, Nv12MatchesLibjpegRgbDecodeAbove40Db) {
  const auto jpeg = EncodeJpeg(kW, kH, TJSAMP_420);
  uint32_t size = 0;
  ASSERT_EQ(acldvppJpegPredictDecSize(jpeg.data(), uint32_t(jpeg.size()), PIXEL_FORMAT_YUV_SEMIPLANAR_420, &size),
            ACL_SUCCESS);
  void* in = Device(jpeg.size(), jpeg);
  uint8_t* out_data = static_cast<uint8_t*>(Device(size));
  acldvppPicDesc* out = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 0, 0, 0, 0, out_data, size);
  ASSERT_EQ(acldvppJpegDecodeAsync(channel_, in, uint32_t(jpeg.size()), out, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  EXPECT_EQ(acldvppGetPicDescWidth(out), kW);
  EXPECT_EQ(acldvppGetPicDescHeight(out), kH);
  EXPECT_EQ(acldvppGetPicDescWidthStride(out), 128u);
  EXPECT_EQ(acldvppGetPicDescHeightStride(out), 80u);
  EXPECT_EQ(acldvppGetPicDescRetCode(out), 0u);

  // Reference: libjpeg-turbo's RGB decode, converted to BT.601 full-range YUV here.
  std::vector<uint8_t> rgb(size_t{kW} * kH * 3);
  tjhandle tj = tjInitDecompress();
  ASSERT_EQ(tjDecompress2(tj, jpeg.data(), jpeg.size(), rgb.data(), kW, 0, kH, TJPF_RGB, 0), 0);
  tjDestroy(tj);
  std::vector<uint8_t> y_ref, y_out, c_ref, c_out;
  for (uint32_t y = 0; y < kH; ++y)
    for (uint32_t x = 0; x < kW; ++x) {
      const double r = rgb[(y * kW + x) * 3], g = rgb[(y * kW + x) * 3 + 1], b = rgb[(y * kW + x) * 3 + 2];
      y_ref.push_back(uint8_t(std::lround(0.299 * r + 0.587 * g + 0.114 * b)));
      y_out.push_back(out_data[y * 128 + x]);
      if (x % 2 == 0 && y % 2 == 0) {
        c_ref.push_back(uint8_t(std::lround(-0.168736 * r - 0.331264 * g + 0.5 * b + 128)));
        c_ref.push_back(uint8_t(std::lround(0.5 * r - 0.418688 * g - 0.081312 * b + 128)));
        c_out.push_back(out_data[128 * 80 + (y / 2) * 128 + x]);
        c_out.push_back(out_data[128 * 80 + (y / 2) * 128 + x + 1]);
      }
    }
  EXPECT_GE(Psnr(y_out.data(), y_ref.data(), y_ref.size()), 40.0);
  EXPECT_GE(Psnr(c_out.data(), c_ref.data(), c_ref.size()), 40.0);
}

TEST_F(JpegDecode, UnknownFormatDecodesToTheSourceLayoutVFirst) {
  const auto jpeg = EncodeJpeg(kW, kH, TJSAMP_444);
  void* in = Device(jpeg.size(), jpeg);
  const uint32_t size = 128 * 80 * 3;
  acldvppPicDesc* out = Pic(PIXEL_FORMAT_UNKNOWN, 0, 0, 0, 0, Device(size), size);
  ASSERT_EQ(acldvppJpegDecodeAsync(channel_, in, uint32_t(jpeg.size()), out, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  EXPECT_EQ(acldvppGetPicDescFormat(out), PIXEL_FORMAT_YVU_SEMIPLANAR_444);
}

TEST_F(JpegDecode, TruncatedJpegFailsTheStreamAndLeavesTheOutputUntouched) {
  auto jpeg = EncodeJpeg(kW, kH, TJSAMP_420);
  jpeg.resize(jpeg.size() / 2);
  void* in = Device(jpeg.size(), jpeg);
  const uint32_t size = 128 * 80 * 3 / 2;
  std::vector<uint8_t> guard(size + 64, 0xEE);
  uint8_t* out_data = static_cast<uint8_t*>(Device(guard.size(), guard));
  acldvppPicDesc* out = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 0, 0, 0, 0, out_data, size);
  ASSERT_EQ(acldvppJpegDecodeAsync(channel_, in, uint32_t(jpeg.size()), out, stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_ERROR_RT_AICPU_EXCEPTION);
  EXPECT_NE(acldvppGetPicDescRetCode(out), 0u);
  EXPECT_EQ(std::memcmp(out_data, guard.data(), guard.size()), 0);
}

TEST_F(JpegDecode, OutputBufferTooSmallFailsTheStreamWithoutWriting) {
  const auto jpeg = EncodeJpeg(kW, kH, TJSAMP_420);
  void* in = Device(jpeg.size(), jpeg);
  const uint32_t size = 128 * 80;  // a third short
  std::vector<uint8_t> guard(size, 0xEE);
  uint8_t* out_data = static_cast<uint8_t*>(Device(size, guard));
  acldvppPicDesc* out = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 0, 0, 0, 0, out_data, size);
  ASSERT_EQ(acldvppJpegDecodeAsync(channel_, in, uint32_t(jpeg.size()), out, stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_ERROR_RT_AICPU_EXCEPTION);
  EXPECT_NE(RecentErrMsg().find("outputDesc.size"), std::string::npos) << RecentErrMsg();
  EXPECT_EQ(std::memcmp(out_data, guard.data(), size), 0);
}

TEST_F(JpegDecode, InputInHostMemoryIsRejectedAtSubmission) {
  const auto jpeg = EncodeJpeg(kW, kH, TJSAMP_420);
  acldvppPicDesc* out = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 0, 0, 0, 0, Device(20000), 20000);
  EXPECT_EQ(acldvppJpegDecodeAsync(channel_, jpeg.data(), uint32_t(jpeg.size()), out, stream_),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("data"), std::string::npos);
}

TEST_F(JpegDecode, RgbOutputFormatIsRejectedAtSubmission) {
  const auto jpeg = EncodeJpeg(kW, kH, TJSAMP_420);
  void* in = Device(jpeg.size(), jpeg);
  acldvppPicDesc* out = Pic(PIXEL_FORMAT_RGB_888, 0, 0, 0, 0, Device(40000), 40000);
  EXPECT_EQ(acldvppJpegDecodeAsync(channel_, in, uint32_t(jpeg.size()), out, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("outputDesc.format"), std::string::npos);
}

}  // namespace
}  // namespace aclsim_dvpp_test
