// acldvppVpcConvertColorAsync through the public API: YUV layout changes and RGB orders are
// byte-exact (round trips give the source back), YUV <-> RGB matches BT.601 full-range formulas
// computed here, and every documented constraint fails with its error code.
#include <algorithm>
#include <cmath>

#include "vpc_extras_test_util.h"

namespace aclsim_dvpp_test {
namespace {

using ConvertColour = VpcExtrasTest;

// Every YUV layout that keeps at least 4:2:0's chroma, so NV12 -> it -> NV12 is lossless.
const acldvppPixelFormat kYuvFormats[] = {
    PIXEL_FORMAT_YUV_SEMIPLANAR_420, PIXEL_FORMAT_YVU_SEMIPLANAR_420, PIXEL_FORMAT_YUV_SEMIPLANAR_422,
    PIXEL_FORMAT_YVU_SEMIPLANAR_422, PIXEL_FORMAT_YUV_SEMIPLANAR_444, PIXEL_FORMAT_YVU_SEMIPLANAR_444,
    PIXEL_FORMAT_YUV_SEMIPLANAR_440, PIXEL_FORMAT_YVU_SEMIPLANAR_440, PIXEL_FORMAT_YUYV_PACKED_422,
    PIXEL_FORMAT_UYVY_PACKED_422,    PIXEL_FORMAT_YVYU_PACKED_422,    PIXEL_FORMAT_VYUY_PACKED_422,
    PIXEL_FORMAT_YUV_PACKED_444};

TEST_F(ConvertColour, Nv12ThroughEveryYuvLayoutAndBackIsByteExact) {
  const uint32_t w = 48, h = 20;
  Image src = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_420, w, h, true);
  for (acldvppPixelFormat f : kYuvFormats) {
    Image mid = Make(f, w, h);
    Image back = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_420, w, h);
    ASSERT_EQ(acldvppVpcConvertColorAsync(channel_, src.desc, mid.desc, stream_), ACL_SUCCESS) << RecentErrMsg();
    ASSERT_EQ(acldvppVpcConvertColorAsync(channel_, mid.desc, back.desc, stream_), ACL_SUCCESS) << RecentErrMsg();
    Sync();
    EXPECT_EQ(std::memcmp(back.data, src.data, src.size), 0) << "through format " << f;
  }
}

TEST_F(ConvertColour, Nv12ToYuyvPlacesEverySampleWhereTheLayoutSays) {
  const uint32_t w = 32, h = 8;
  Image src = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_420, w, h, true);
  Image dst = Make(PIXEL_FORMAT_YUYV_PACKED_422, w, h);
  ASSERT_EQ(acldvppVpcConvertColorAsync(channel_, src.desc, dst.desc, stream_), ACL_SUCCESS);
  Sync();
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; x += 2) {
      const uint8_t* uv = src.chroma() + (y / 2) * src.ws + x;
      ASSERT_EQ(dst.at(2 * x, y), src.at(x, y));
      ASSERT_EQ(dst.at(2 * x + 1, y), uv[0]);  // U
      ASSERT_EQ(dst.at(2 * x + 2, y), src.at(x + 1, y));
      ASSERT_EQ(dst.at(2 * x + 3, y), uv[1]);  // V
    }
}

TEST_F(ConvertColour, RgbOrdersAreExactReorderings) {
  const uint32_t w = 24, h = 10;
  Image rgb = Make(PIXEL_FORMAT_RGB_888, w, h, true);
  Image bgr = Make(PIXEL_FORMAT_BGR_888, w, h);
  Image argb = Make(PIXEL_FORMAT_ARGB_8888, w, h);
  Image back = Make(PIXEL_FORMAT_RGB_888, w, h);
  ASSERT_EQ(acldvppVpcConvertColorAsync(channel_, rgb.desc, bgr.desc, stream_), ACL_SUCCESS);
  ASSERT_EQ(acldvppVpcConvertColorAsync(channel_, bgr.desc, argb.desc, stream_), ACL_SUCCESS);
  ASSERT_EQ(acldvppVpcConvertColorAsync(channel_, argb.desc, back.desc, stream_), ACL_SUCCESS);
  Sync();
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x)
      for (uint32_t c = 0; c < 3; ++c) {
        ASSERT_EQ(bgr.at(3 * x + 2 - c, y), rgb.at(3 * x + c, y));
        ASSERT_EQ(argb.at(4 * x + 1 + c, y), rgb.at(3 * x + c, y));
      }
  EXPECT_EQ(argb.at(0, 0), 255);  // opaque alpha from a source without one
  EXPECT_EQ(std::memcmp(back.data, rgb.data, rgb.size), 0);
}

uint8_t Round(double v) { return static_cast<uint8_t>(std::clamp(std::floor(v + 0.5), 0.0, 255.0)); }

TEST_F(ConvertColour, Yuv444ToRgbMatchesBt601FullRange) {
  const uint32_t w = 32, h = 16;
  Image yuv = Make(PIXEL_FORMAT_YUV_PACKED_444, w, h, true);
  Image rgb = Make(PIXEL_FORMAT_RGB_888, w, h);
  ASSERT_EQ(acldvppVpcConvertColorAsync(channel_, yuv.desc, rgb.desc, stream_), ACL_SUCCESS);
  Sync();
  int worst = 0;
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x) {
      const double Y = yuv.at(3 * x, y), U = yuv.at(3 * x + 1, y) - 128.0, V = yuv.at(3 * x + 2, y) - 128.0;
      const uint8_t want[3] = {Round(Y + 1.402 * V), Round(Y - 0.344136 * U - 0.714136 * V), Round(Y + 1.772 * U)};
      for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(int(rgb.at(3 * x + c, y)) - want[c]));
    }
  EXPECT_LE(worst, 1);
}

TEST_F(ConvertColour, BgrToYuv444MatchesBt601FullRange) {
  const uint32_t w = 32, h = 16;
  Image bgr = Make(PIXEL_FORMAT_BGR_888, w, h, true);
  Image yuv = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_444, w, h);
  ASSERT_EQ(acldvppVpcConvertColorAsync(channel_, bgr.desc, yuv.desc, stream_), ACL_SUCCESS);
  Sync();
  int worst = 0;
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x) {
      const double B = bgr.at(3 * x, y), G = bgr.at(3 * x + 1, y), R = bgr.at(3 * x + 2, y);
      const uint8_t want[3] = {Round(0.299 * R + 0.587 * G + 0.114 * B),
                               Round(-0.168736 * R - 0.331264 * G + 0.5 * B + 128),
                               Round(0.5 * R - 0.418688 * G - 0.081312 * B + 128)};
      const uint8_t* uv = yuv.chroma() + size_t{y} * yuv.ws * 2 + 2 * x;
      const uint8_t got[3] = {yuv.at(x, y), uv[0], uv[1]};
      for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(int(got[c]) - want[c]));
    }
  EXPECT_LE(worst, 1);
}

TEST_F(ConvertColour, RgbToNv12ToRgbKeepsASmoothImage) {
  const uint32_t w = 64, h = 32;
  Image rgb = Make(PIXEL_FORMAT_RGB_888, w, h);
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x)
      for (int c = 0; c < 3; ++c) rgb.at(3 * x + c, y) = Smooth(x, y, c);
  Image nv12 = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_420, w, h);
  Image back = Make(PIXEL_FORMAT_RGB_888, w, h);
  ASSERT_EQ(acldvppVpcConvertColorAsync(channel_, rgb.desc, nv12.desc, stream_), ACL_SUCCESS);
  ASSERT_EQ(acldvppVpcConvertColorAsync(channel_, nv12.desc, back.desc, stream_), ACL_SUCCESS);
  Sync();
  EXPECT_GE(Psnr(back.data, rgb.data, rgb.size), 30.0);  // 4:2:0 chroma subsampling loses detail
}

TEST_F(ConvertColour, ZeroOutputSizeTakesTheInputs) {
  const uint32_t w = 32, h = 16;
  Image src = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_420, w, h, true);
  Image dst = Make(PIXEL_FORMAT_YVU_SEMIPLANAR_420, w, h);
  acldvppSetPicDescWidth(dst.desc, 0);
  acldvppSetPicDescHeight(dst.desc, 0);
  ASSERT_EQ(acldvppVpcConvertColorAsync(channel_, src.desc, dst.desc, stream_), ACL_SUCCESS) << RecentErrMsg();
  Sync();
  EXPECT_EQ(std::memcmp(dst.data, src.data, w * h), 0);  // luma unchanged
  EXPECT_EQ(dst.chroma()[0], src.chroma()[1]);           // V first
}

// ---- documented constraints

TEST_F(ConvertColour, OutputSizeMustBeTheInputs) {
  Image src = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 32, 16, true);
  Image dst = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 32, 14);
  ExpectFails(acldvppVpcConvertColorAsync(channel_, src.desc, dst.desc, stream_), ACL_ERROR_INVALID_PARAM,
              "outputDesc");
}

TEST_F(ConvertColour, InputAbove4096IsRejected) {
  Image src = Make(PIXEL_FORMAT_YUV_400, 4112, 8);
  Image dst = Make(PIXEL_FORMAT_YUV_400, 4112, 8);
  ExpectFails(acldvppVpcConvertColorAsync(channel_, src.desc, dst.desc, stream_), ACL_ERROR_INVALID_PARAM,
              "inputDesc.width");
}

TEST_F(ConvertColour, Yuv400ConvertsOnlyToYuv400OnAscend310P) {
  Image src = Make(PIXEL_FORMAT_YUV_400, 32, 16, true);
  Image rgb = Make(PIXEL_FORMAT_RGB_888, 32, 16);
  ExpectFails(acldvppVpcConvertColorAsync(channel_, src.desc, rgb.desc, stream_), ACL_ERROR_INVALID_PARAM,
              "outputDesc.format");
  Image grey = Make(PIXEL_FORMAT_YUV_400, 32, 16);
  ASSERT_EQ(acldvppVpcConvertColorAsync(channel_, src.desc, grey.desc, stream_), ACL_SUCCESS);
  Sync();
  EXPECT_EQ(std::memcmp(grey.data, src.data, src.size), 0);
}

TEST_F(ConvertColour, UnknownFormatAndStrideAreRejected) {
  Image src = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 32, 16, true);
  Image dst = Make(PIXEL_FORMAT_RGB_888, 32, 16);
  acldvppSetPicDescFormat(dst.desc, PIXEL_FORMAT_YUV_SEMI_PLANNER_420_10BIT);
  ExpectFails(acldvppVpcConvertColorAsync(channel_, src.desc, dst.desc, stream_), ACL_ERROR_INVALID_PARAM,
              "outputDesc.format");
  acldvppSetPicDescFormat(dst.desc, PIXEL_FORMAT_RGB_888);
  acldvppSetPicDescWidthStride(dst.desc, 32);  // needs 96 for RGB888
  ExpectFails(acldvppVpcConvertColorAsync(channel_, src.desc, dst.desc, stream_), ACL_ERROR_INVALID_PARAM,
              "outputDesc.widthStride");
}

TEST_F(ConvertColour, NullArgumentsAreRejected) {
  Image src = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 32, 16, true);
  ExpectFails(acldvppVpcConvertColorAsync(channel_, src.desc, nullptr, stream_), ACL_ERROR_INVALID_PARAM,
              "outputDesc");
  ExpectFails(acldvppVpcConvertColorAsync(nullptr, src.desc, src.desc, stream_), ACL_ERROR_INVALID_PARAM,
              "channelDesc");
}

TEST_F(ConvertColour, InputBelow10x6IsRejected) {
  Image src = Make(PIXEL_FORMAT_YUV_400, 8, 6);
  Image dst = Make(PIXEL_FORMAT_YUV_400, 8, 6);
  ExpectFails(acldvppVpcConvertColorAsync(channel_, src.desc, dst.desc, stream_), ACL_ERROR_INVALID_PARAM,
              "inputDesc.width");
}

TEST_F(ConvertColour, ChannelMustHaveTheVpcMode) {
  acldvppChannelDesc* jpegd = acldvppCreateChannelDesc();
  ASSERT_EQ(acldvppSetChannelDescMode(jpegd, DVPP_CHNMODE_JPEGD), ACL_SUCCESS);
  ASSERT_EQ(acldvppCreateChannel(jpegd), ACL_SUCCESS);
  Image src = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 32, 16, true);
  Image dst = Make(PIXEL_FORMAT_YVU_SEMIPLANAR_420, 32, 16);
  ExpectFails(acldvppVpcConvertColorAsync(jpegd, src.desc, dst.desc, stream_), ACL_ERROR_INVALID_PARAM,
              "channelDesc");
  acldvppDestroyChannel(jpegd);
  acldvppDestroyChannelDesc(jpegd);
}

using ConvertColourOn310 = OnSoc<kAscend310>;

TEST_F(ConvertColourOn310, IsNotAvailable) {
  Image src = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 32, 16, true);
  Image dst = Make(PIXEL_FORMAT_YVU_SEMIPLANAR_420, 32, 16);
  ExpectFails(acldvppVpcConvertColorAsync(channel_, src.desc, dst.desc, stream_), ACL_ERROR_FEATURE_UNSUPPORTED,
              "Ascend310");
}

}  // namespace
}  // namespace aclsim_dvpp_test
