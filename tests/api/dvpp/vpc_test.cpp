// VPC through the public API: crops, pastes and YUV layout conversions are byte-exact; resize
// matches an independent bilinear reference; every documented constraint fails with its error
// code and a message naming the field.
#include "dvpp_test_util.h"

namespace aclsim_dvpp_test {
namespace {

using Vpc = DvppTest;

// An NV12 picture with strides (ws, hs) filled from Smooth().
std::vector<uint8_t> Nv12(uint32_t w, uint32_t h, uint32_t ws, uint32_t hs) {
  std::vector<uint8_t> b(size_t{ws} * hs * 3 / 2, 0);
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x) b[size_t{y} * ws + x] = Smooth(x, y, 0);
  for (uint32_t y = 0; y < h / 2; ++y)
    for (uint32_t x = 0; x < w / 2; ++x) {
      b[size_t{ws} * hs + size_t{y} * ws + 2 * x] = Smooth(2 * x, 2 * y, 1);
      b[size_t{ws} * hs + size_t{y} * ws + 2 * x + 1] = Smooth(2 * x, 2 * y, 2);
    }
  return b;
}

void Sync(aclrtStream s) { ASSERT_EQ(aclrtSynchronizeStream(s), ACL_SUCCESS); }

TEST_F(Vpc, CropOfNv12IsByteExact) {
  const uint32_t w = 64, h = 32;
  auto src = Nv12(w, h, 64, 32);
  acldvppPicDesc* in = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, w, h, 64, 32, Device(src.size(), src), src.size());
  uint8_t* out_data = static_cast<uint8_t*>(Device(32 * 16 * 3 / 2));
  acldvppPicDesc* out = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 32, 16, 32, 16, out_data, 32 * 16 * 3 / 2);
  acldvppRoiConfig* crop = acldvppCreateRoiConfig(16, 47, 8, 23);
  ASSERT_EQ(acldvppVpcCropAsync(channel_, in, out, crop, stream_), ACL_SUCCESS);
  Sync(stream_);
  for (uint32_t y = 0; y < 16; ++y)
    for (uint32_t x = 0; x < 32; ++x) ASSERT_EQ(out_data[y * 32 + x], src[(y + 8) * 64 + x + 16]) << x << "," << y;
  for (uint32_t y = 0; y < 8; ++y)
    for (uint32_t x = 0; x < 32; ++x)
      ASSERT_EQ(out_data[32 * 16 + y * 32 + x], src[64 * 32 + (y + 4) * 64 + x + 16]) << x << "," << y;
  acldvppDestroyRoiConfig(crop);
}

TEST_F(Vpc, CropAndPasteWritesOnlyThePasteArea) {
  const uint32_t w = 64, h = 32;
  auto src = Nv12(w, h, 64, 32);
  acldvppPicDesc* in = Pic(PIXEL_FORMAT_YVU_SEMIPLANAR_420, w, h, 64, 32, Device(src.size(), src), src.size());
  const size_t out_size = 64 * 32 * 3 / 2;
  std::vector<uint8_t> background(out_size, 0x5A);
  uint8_t* out_data = static_cast<uint8_t*>(Device(out_size, background));
  acldvppPicDesc* out = Pic(PIXEL_FORMAT_YVU_SEMIPLANAR_420, 64, 32, 64, 32, out_data, out_size);
  acldvppRoiConfig* crop = acldvppCreateRoiConfig(0, 15, 0, 9);
  acldvppRoiConfig* paste = acldvppCreateRoiConfig(32, 47, 10, 19);
  ASSERT_EQ(acldvppVpcCropAndPasteAsync(channel_, in, out, crop, paste, stream_), ACL_SUCCESS);
  Sync(stream_);
  for (uint32_t y = 0; y < 32; ++y)
    for (uint32_t x = 0; x < 64; ++x) {
      const bool inside = x >= 32 && x <= 47 && y >= 10 && y <= 19;
      ASSERT_EQ(out_data[y * 64 + x], inside ? src[(y - 10) * 64 + x - 32] : 0x5A) << x << "," << y;
    }
  acldvppDestroyRoiConfig(crop);
  acldvppDestroyRoiConfig(paste);
}

TEST_F(Vpc, Nv12ToYuyvToNv12RoundTripIsByteExact) {
  const uint32_t w = 32, h = 16;
  auto src = Nv12(w, h, 32, 16);
  acldvppPicDesc* a = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, w, h, 32, 16, Device(src.size(), src), src.size());
  acldvppPicDesc* b = Pic(PIXEL_FORMAT_YUYV_PACKED_422, w, h, 64, 16, Device(64 * 16), 64 * 16);
  uint8_t* back = static_cast<uint8_t*>(Device(src.size()));
  acldvppPicDesc* c = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, w, h, 32, 16, back, src.size());
  acldvppResizeConfig* resize = acldvppCreateResizeConfig();
  ASSERT_EQ(acldvppVpcResizeAsync(channel_, a, b, resize, stream_), ACL_SUCCESS);
  ASSERT_EQ(acldvppVpcResizeAsync(channel_, b, c, resize, stream_), ACL_SUCCESS);
  Sync(stream_);
  EXPECT_EQ(std::memcmp(back, src.data(), src.size()), 0);
  acldvppDestroyResizeConfig(resize);
}

TEST_F(Vpc, RgbToBgrSwapsChannelsExactly) {
  const uint32_t w = 16, h = 8, ws = 48;
  std::vector<uint8_t> rgb(ws * h);
  for (size_t i = 0; i < rgb.size(); ++i) rgb[i] = static_cast<uint8_t>(i * 7);
  acldvppPicDesc* in = Pic(PIXEL_FORMAT_RGB_888, w, h, ws, h, Device(rgb.size(), rgb), rgb.size());
  uint8_t* out_data = static_cast<uint8_t*>(Device(rgb.size()));
  acldvppPicDesc* out = Pic(PIXEL_FORMAT_BGR_888, w, h, ws, h, out_data, rgb.size());
  acldvppResizeConfig* resize = acldvppCreateResizeConfig();
  ASSERT_EQ(acldvppVpcResizeAsync(channel_, in, out, resize, stream_), ACL_SUCCESS);
  Sync(stream_);
  for (size_t p = 0; p < w * h; ++p)
    for (int c = 0; c < 3; ++c) ASSERT_EQ(out_data[p * 3 + c], rgb[p * 3 + 2 - c]);
  acldvppDestroyResizeConfig(resize);
}

// Reference bilinear (OpenCV-style half-pixel centres) written independently, in double.
std::vector<uint8_t> ReferenceResize(const std::vector<uint8_t>& in, uint32_t iw, uint32_t ih, uint32_t stride,
                                     uint32_t ow, uint32_t oh) {
  std::vector<uint8_t> out(size_t{ow} * oh);
  for (uint32_t y = 0; y < oh; ++y)
    for (uint32_t x = 0; x < ow; ++x) {
      const double fx = std::min(std::max((x + 0.5) * iw / ow - 0.5, 0.0), iw - 1.0);
      const double fy = std::min(std::max((y + 0.5) * ih / oh - 0.5, 0.0), ih - 1.0);
      const uint32_t x0 = uint32_t(fx), y0 = uint32_t(fy);
      const uint32_t x1 = std::min(x0 + 1, iw - 1), y1 = std::min(y0 + 1, ih - 1);
      const double ax = fx - x0, ay = fy - y0;
      const double v = (1 - ay) * ((1 - ax) * in[y0 * stride + x0] + ax * in[y0 * stride + x1]) +
                       ay * ((1 - ax) * in[y1 * stride + x0] + ax * in[y1 * stride + x1]);
      out[size_t{y} * ow + x] = uint8_t(std::lround(v));
    }
  return out;
}

TEST_F(Vpc, ResizeMatchesAnIndependentBilinearAbove40Db) {
  const uint32_t w = 128, h = 96, ow = 80, oh = 60, ows = 80, ohs = 60;
  auto src = Nv12(w, h, w, h);
  acldvppPicDesc* in = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, w, h, w, h, Device(src.size(), src), src.size());
  uint8_t* out_data = static_cast<uint8_t*>(Device(ows * ohs * 3 / 2));
  acldvppPicDesc* out = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, ow, oh, ows, ohs, out_data, ows * ohs * 3 / 2);
  acldvppResizeConfig* resize = acldvppCreateResizeConfig();
  ASSERT_EQ(acldvppVpcResizeAsync(channel_, in, out, resize, stream_), ACL_SUCCESS);
  Sync(stream_);
  const auto ref = ReferenceResize(src, w, h, w, ow, oh);
  EXPECT_GE(Psnr(out_data, ref.data(), ref.size()), 40.0);
  acldvppDestroyResizeConfig(resize);
}

TEST_F(Vpc, NearestResizeByTwoPicksEveryOtherPixel) {
  const uint32_t w = 64, h = 32;
  auto src = Nv12(w, h, w, h);
  acldvppPicDesc* in = Pic(PIXEL_FORMAT_YUV_400, w, h, w, h, Device(src.size(), src), w * h);
  uint8_t* out_data = static_cast<uint8_t*>(Device(32 * 16));
  acldvppPicDesc* out = Pic(PIXEL_FORMAT_YUV_400, 32, 16, 32, 16, out_data, 32 * 16);
  acldvppResizeConfig* resize = acldvppCreateResizeConfig();
  acldvppSetResizeConfigInterpolation(resize, 2);
  ASSERT_EQ(acldvppVpcResizeAsync(channel_, in, out, resize, stream_), ACL_SUCCESS);
  Sync(stream_);
  for (uint32_t y = 0; y < 16; ++y)
    for (uint32_t x = 0; x < 32; ++x) ASSERT_EQ(out_data[y * 32 + x], src[2 * y * w + 2 * x]);
  acldvppDestroyResizeConfig(resize);
}

TEST_F(Vpc, BatchCropCutsEachRoiIntoItsOwnPicture) {
  const uint32_t w = 64, h = 32;
  auto src = Nv12(w, h, w, h);
  void* src_data = Device(src.size(), src);
  acldvppBatchPicDesc* in = acldvppCreateBatchPicDesc(1);
  acldvppPicDesc* p = acldvppGetPicDesc(in, 0);
  acldvppSetPicDescFormat(p, PIXEL_FORMAT_YUV_SEMIPLANAR_420);
  acldvppSetPicDescWidth(p, w);
  acldvppSetPicDescHeight(p, h);
  acldvppSetPicDescWidthStride(p, w);
  acldvppSetPicDescHeightStride(p, h);
  acldvppSetPicDescData(p, src_data);
  acldvppSetPicDescSize(p, uint32_t(src.size()));
  acldvppBatchPicDesc* out = acldvppCreateBatchPicDesc(2);
  uint8_t* outs[2];
  for (uint32_t i = 0; i < 2; ++i) {
    outs[i] = static_cast<uint8_t*>(Device(32 * 16 * 3 / 2));
    acldvppPicDesc* o = acldvppGetPicDesc(out, i);
    acldvppSetPicDescFormat(o, PIXEL_FORMAT_YUV_SEMIPLANAR_420);
    acldvppSetPicDescWidth(o, 32);
    acldvppSetPicDescHeight(o, 16);
    acldvppSetPicDescWidthStride(o, 32);
    acldvppSetPicDescHeightStride(o, 16);
    acldvppSetPicDescData(o, outs[i]);
    acldvppSetPicDescSize(o, 32 * 16 * 3 / 2);
  }
  acldvppRoiConfig* rois[2] = {acldvppCreateRoiConfig(0, 31, 0, 15), acldvppCreateRoiConfig(32, 63, 16, 31)};
  uint32_t nums[1] = {2};
  ASSERT_EQ(acldvppVpcBatchCropAsync(channel_, in, nums, 1, out, rois, stream_), ACL_SUCCESS);
  Sync(stream_);
  EXPECT_EQ(outs[0][0], src[0]);
  EXPECT_EQ(outs[1][0], src[16 * w + 32]);
  EXPECT_EQ(outs[1][15 * 32 + 31], src[31 * w + 63]);
  for (auto* r : rois) acldvppDestroyRoiConfig(r);
  acldvppDestroyBatchPicDesc(in);
  acldvppDestroyBatchPicDesc(out);
}

// ---- documented constraints

class VpcConstraint : public Vpc {
 protected:
  // Resizes a valid 64x32 NV12 input into `out`; returns the call's result.
  aclError ResizeInto(acldvppPicDesc* out, uint32_t interpolation = 0) {
    auto src = Nv12(64, 32, 64, 32);
    acldvppPicDesc* in = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 64, 32, 64, 32, Device(src.size(), src), src.size());
    acldvppResizeConfig* resize = acldvppCreateResizeConfig();
    acldvppSetResizeConfigInterpolation(resize, interpolation);
    const aclError result = acldvppVpcResizeAsync(channel_, in, out, resize, stream_);
    acldvppDestroyResizeConfig(resize);
    return result;
  }
  acldvppPicDesc* Out(acldvppPixelFormat f, uint32_t w, uint32_t h, uint32_t ws, uint32_t hs, uint32_t size) {
    return Pic(f, w, h, ws, hs, Device(size), size);
  }
  void ExpectRejected(aclError result, const std::string& field) {
    EXPECT_EQ(result, ACL_ERROR_INVALID_PARAM);
    EXPECT_NE(RecentErrMsg().find(field), std::string::npos) << RecentErrMsg();
  }
};

TEST_F(VpcConstraint, OddWidthOfYuv420IsRejected) {
  ExpectRejected(ResizeInto(Out(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 31, 16, 32, 16, 4096)), "outputDesc.width");
}
TEST_F(VpcConstraint, OddHeightOfYuv420IsRejected) {
  ExpectRejected(ResizeInto(Out(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 32, 15, 32, 16, 4096)), "outputDesc.height");
}
TEST_F(VpcConstraint, WidthStrideNotAMultipleOf16IsRejected) {
  ExpectRejected(ResizeInto(Out(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 32, 16, 40, 16, 4096)), "outputDesc.widthStride");
}
TEST_F(VpcConstraint, WidthStrideBelowThreeBytesPerRgbPixelIsRejected) {
  ExpectRejected(ResizeInto(Out(PIXEL_FORMAT_RGB_888, 32, 16, 64, 16, 4096)), "outputDesc.widthStride");
}
TEST_F(VpcConstraint, HeightStrideBelowHeightIsRejected) {
  ExpectRejected(ResizeInto(Out(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 32, 16, 32, 14, 4096)), "outputDesc.heightStride");
}
TEST_F(VpcConstraint, ResolutionBelowMinimumIsRejected) {
  ExpectRejected(ResizeInto(Out(PIXEL_FORMAT_YUV_400, 8, 16, 32, 16, 4096)), "outputDesc.width");
  ExpectRejected(ResizeInto(Out(PIXEL_FORMAT_YUV_400, 32, 4, 32, 4, 4096)), "outputDesc.height");
}
TEST_F(VpcConstraint, OutputAbove4096IsRejected) {
  ExpectRejected(ResizeInto(Out(PIXEL_FORMAT_YUV_400, 4112, 16, 4112, 16, 4112 * 16)), "outputDesc.width");
}
TEST_F(VpcConstraint, BufferSmallerThanThePictureIsRejected) {
  ExpectRejected(ResizeInto(Out(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 32, 16, 32, 16, 32 * 16)), "outputDesc.size");
}
TEST_F(VpcConstraint, HostMemoryIsRejected) {
  std::vector<uint8_t> host(4096);
  ExpectRejected(ResizeInto(Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 32, 16, 32, 16, host.data(), 4096)),
                 "outputDesc.data");
}
TEST_F(VpcConstraint, UnsupportedFormatIsRejected) {
  ExpectRejected(ResizeInto(Out(PIXEL_FORMAT_RGB_565, 32, 16, 64, 16, 4096)), "outputDesc.format");
}
TEST_F(VpcConstraint, TensorFlowInterpolationIsRejectedOn310P) {
  ExpectRejected(ResizeInto(Out(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 32, 16, 32, 16, 4096), 3), "interpolation");
}
TEST_F(VpcConstraint, ScalingAbove16TimesIsRejected) {
  auto src = Nv12(16, 6, 16, 6);
  acldvppPicDesc* in = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 10, 6, 32, 6, Device(4096, src), 4096);
  acldvppPicDesc* out = Out(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 170, 6, 176, 6, 4096);
  acldvppResizeConfig* resize = acldvppCreateResizeConfig();
  ExpectRejected(acldvppVpcResizeAsync(channel_, in, out, resize, stream_), "scaling the width");
  acldvppDestroyResizeConfig(resize);
}
TEST_F(VpcConstraint, CropOutsideThePictureIsRejected) {
  auto src = Nv12(64, 32, 64, 32);
  acldvppPicDesc* in = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 64, 32, 64, 32, Device(src.size(), src), src.size());
  acldvppPicDesc* out = Out(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 32, 16, 32, 16, 4096);
  acldvppRoiConfig* crop = acldvppCreateRoiConfig(40, 71, 0, 15);
  ExpectRejected(acldvppVpcCropAsync(channel_, in, out, crop, stream_), "cropArea");
  acldvppDestroyRoiConfig(crop);
}
TEST_F(VpcConstraint, PasteLeftNotAMultipleOf16IsRejected) {
  auto src = Nv12(64, 32, 64, 32);
  acldvppPicDesc* in = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 64, 32, 64, 32, Device(src.size(), src), src.size());
  acldvppPicDesc* out = Out(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 64, 32, 64, 32, 4096);
  acldvppRoiConfig* crop = acldvppCreateRoiConfig(0, 15, 0, 9);
  acldvppRoiConfig* paste = acldvppCreateRoiConfig(8, 23, 0, 9);
  ExpectRejected(acldvppVpcCropAndPasteAsync(channel_, in, out, crop, paste, stream_), "pasteArea.left");
  acldvppDestroyRoiConfig(crop);
  acldvppDestroyRoiConfig(paste);
}
TEST_F(VpcConstraint, ChannelWithoutVpcModeIsRejected) {
  acldvppChannelDesc* jpeg_only = acldvppCreateChannelDesc();
  acldvppSetChannelDescMode(jpeg_only, DVPP_CHNMODE_JPEGD);
  ASSERT_EQ(acldvppCreateChannel(jpeg_only), ACL_SUCCESS);
  std::swap(jpeg_only, channel_);
  ExpectRejected(ResizeInto(Out(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 32, 16, 32, 16, 4096)), "DVPP_CHNMODE_VPC");
  std::swap(jpeg_only, channel_);
  acldvppDestroyChannel(jpeg_only);
  acldvppDestroyChannelDesc(jpeg_only);
}

}  // namespace
}  // namespace aclsim_dvpp_test
