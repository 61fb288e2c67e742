// VPC's direct semi-planar resize (NV12/NV21 in and out: planes resized as they are) writes the
// bytes of the general path (via full-resolution planes), which a packed YUV 4:4:4 output takes:
// same luma, and each output chroma pair equals the 4:4:4 chroma of the pixel that carries it.
#include "dvpp_test_util.h"

namespace aclsim_dvpp_test {
namespace {

constexpr uint32_t kW = 96, kH = 64;

std::vector<uint8_t> Nv12Noise(uint32_t w, uint32_t h) {
  std::vector<uint8_t> b(size_t{w} * h * 3 / 2);
  uint32_t state = 7;
  for (size_t i = 0; i < b.size(); ++i) {
    state = state * 1664525u + 1013904223u;
    b[i] = static_cast<uint8_t>((i < size_t{w} * h ? Smooth(uint32_t(i % w), uint32_t(i / w), 0) : 128) +
                                int(state >> 29) - 4);
  }
  return b;
}

struct Case {
  acldvppPixelFormat out_format;
  uint32_t crop_left, crop_top, crop_right, crop_bottom;  // inclusive, as acldvppRoiConfig has them
  uint32_t out_w, out_h;
  uint32_t interpolation;
};

class VpcFastPath : public DvppTest {
 protected:
  void ExpectSameAsGeneralPath(const Case& c);
};

void VpcFastPath::ExpectSameAsGeneralPath(const Case& c) {
  SCOPED_TRACE(::testing::Message() << "format " << c.out_format << " crop " << c.crop_left << "," << c.crop_top
                                    << " to " << c.out_w << "x" << c.out_h << " interpolation " << c.interpolation);
  const auto src = Nv12Noise(kW, kH);
  acldvppPicDesc* in = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, kW, kH, kW, kH, Device(src.size(), src),
                             uint32_t(src.size()));
  const uint32_t ws = (c.out_w + 15) / 16 * 16, sp_size = ws * c.out_h * 3 / 2, packed_size = ws * 3 * c.out_h;
  uint8_t* sp = static_cast<uint8_t*>(Device(sp_size));
  uint8_t* packed = static_cast<uint8_t*>(Device(packed_size));
  acldvppPicDesc* sp_desc = Pic(c.out_format, c.out_w, c.out_h, ws, c.out_h, sp, sp_size);
  acldvppPicDesc* packed_desc = Pic(PIXEL_FORMAT_YUV_PACKED_444, c.out_w, c.out_h, ws * 3, c.out_h, packed,
                                      packed_size);
  acldvppRoiConfig* crop = acldvppCreateRoiConfig(c.crop_left, c.crop_right, c.crop_top, c.crop_bottom);
  acldvppResizeConfig* resize = acldvppCreateResizeConfig();
  ASSERT_EQ(acldvppSetResizeConfigInterpolation(resize, c.interpolation), ACL_SUCCESS);
  ASSERT_EQ(acldvppVpcCropResizeAsync(channel_, in, sp_desc, crop, resize, stream_), ACL_SUCCESS)
      << RecentErrMsg();
  ASSERT_EQ(acldvppVpcCropResizeAsync(channel_, in, packed_desc, crop, resize, stream_), ACL_SUCCESS)
      << RecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  const bool v_first = c.out_format == PIXEL_FORMAT_YVU_SEMIPLANAR_420;
  for (uint32_t y = 0; y < c.out_h; ++y)
    for (uint32_t x = 0; x < c.out_w; ++x) {
      const uint8_t* p = packed + size_t{y} * ws * 3 + size_t{x} * 3;
      ASSERT_EQ(sp[size_t{y} * ws + x], p[0]) << "luma at " << x << "," << y;
      if (x % 2 == 0 && y % 2 == 0) {
        const uint8_t* uv = sp + size_t{ws} * c.out_h + size_t{y / 2} * ws + x;
        ASSERT_EQ(uv[v_first ? 1 : 0], p[1]) << "U at " << x << "," << y;
        ASSERT_EQ(uv[v_first ? 0 : 1], p[2]) << "V at " << x << "," << y;
      }
    }
  acldvppDestroyRoiConfig(crop);
  acldvppDestroyResizeConfig(resize);
}

TEST_F(VpcFastPath, BilinearDownscaleOfAnOddCropMatchesTheGeneralPath) {
  ExpectSameAsGeneralPath({PIXEL_FORMAT_YUV_SEMIPLANAR_420, 3, 5, 80, 58, 50, 34, 0});
}

TEST_F(VpcFastPath, BilinearUpscaleToNv21MatchesTheGeneralPath) {
  ExpectSameAsGeneralPath({PIXEL_FORMAT_YVU_SEMIPLANAR_420, 1, 0, 40, 30, 130, 90, 1});
}

TEST_F(VpcFastPath, NearestResizeMatchesTheGeneralPath) {
  ExpectSameAsGeneralPath({PIXEL_FORMAT_YUV_SEMIPLANAR_420, 0, 0, kW - 1, kH - 1, 36, 22, 2});
}

// Input and output in the same memory: the result is the one a separate copy of the input gives.
TEST_F(VpcFastPath, ResizeIntoThePictureItselfReadsTheOriginal) {
  const auto src = Nv12Noise(kW, kH);
  uint8_t* same = static_cast<uint8_t*>(Device(src.size(), src));
  uint8_t* separate = static_cast<uint8_t*>(Device(src.size(), src));
  acldvppPicDesc* in = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, kW, kH, kW, kH, same, uint32_t(src.size()));
  acldvppPicDesc* copy = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, kW, kH, kW, kH, Device(src.size(), src),
                             uint32_t(src.size()));
  acldvppPicDesc* out = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, kW, kH, kW, kH, separate, uint32_t(src.size()));
  acldvppRoiConfig* crop = acldvppCreateRoiConfig(0, kW - 1, 0, kH - 1);
  acldvppRoiConfig* paste = acldvppCreateRoiConfig(16, 63, 8, 39);
  ASSERT_EQ(acldvppVpcCropAndPasteAsync(channel_, copy, out, crop, paste, stream_), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(acldvppVpcCropAndPasteAsync(channel_, in, in, crop, paste, stream_), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  EXPECT_EQ(std::memcmp(same, separate, src.size()), 0);
  acldvppDestroyRoiConfig(crop);
  acldvppDestroyRoiConfig(paste);
}

}  // namespace
}  // namespace aclsim_dvpp_test
