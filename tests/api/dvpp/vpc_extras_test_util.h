// Pictures of any VPC format for the convert-colour, border, pyramid and histogram tests: the
// strides the picture constraints ask for, random bytes in the valid samples, zero padding.
#pragma once

#include <algorithm>
#include <random>

#include "dvpp_test_util.h"

namespace aclsim_dvpp_test {

struct Layout {
  uint32_t bpp = 1;             // bytes per pixel of the first plane's row
  uint32_t sub_x = 0, sub_y = 0;  // semi-planar chroma subsampling (0: no chroma plane)
};

inline Layout LayoutOf(acldvppPixelFormat f) {
  switch (f) {
    case PIXEL_FORMAT_YUV_SEMIPLANAR_420: case PIXEL_FORMAT_YVU_SEMIPLANAR_420: return {1, 2, 2};
    case PIXEL_FORMAT_YUV_SEMIPLANAR_422: case PIXEL_FORMAT_YVU_SEMIPLANAR_422: return {1, 2, 1};
    case PIXEL_FORMAT_YUV_SEMIPLANAR_444: case PIXEL_FORMAT_YVU_SEMIPLANAR_444: return {1, 1, 1};
    case PIXEL_FORMAT_YUV_SEMIPLANAR_440: case PIXEL_FORMAT_YVU_SEMIPLANAR_440: return {1, 1, 2};
    case PIXEL_FORMAT_YUYV_PACKED_422: case PIXEL_FORMAT_UYVY_PACKED_422:
    case PIXEL_FORMAT_YVYU_PACKED_422: case PIXEL_FORMAT_VYUY_PACKED_422: return {2, 0, 0};
    case PIXEL_FORMAT_YUV_PACKED_444: case PIXEL_FORMAT_RGB_888: case PIXEL_FORMAT_BGR_888: return {3, 0, 0};
    case PIXEL_FORMAT_ARGB_8888: case PIXEL_FORMAT_ABGR_8888:
    case PIXEL_FORMAT_RGBA_8888: case PIXEL_FORMAT_BGRA_8888: return {4, 0, 0};
    default: return {1, 0, 0};  // YUV400
  }
}

struct Image {
  acldvppPicDesc* desc = nullptr;
  uint8_t* data = nullptr;
  uint32_t w = 0, h = 0, ws = 0, hs = 0;
  size_t size = 0;
  Layout layout;
  uint8_t& at(uint32_t x_byte, uint32_t y) { return data[size_t{y} * ws + x_byte]; }  // first plane
  uint8_t* chroma() { return data + size_t{ws} * hs; }
};

class VpcExtrasTest : public DvppTest {
 protected:
  // A picture with the minimal aligned strides; random valid samples when `random`, else zeros.
  Image Make(acldvppPixelFormat f, uint32_t w, uint32_t h, bool random = false) {
    Image im;
    im.layout = LayoutOf(f);
    im.w = w;
    im.h = h;
    im.ws = std::max<uint32_t>(32, (w + 15) / 16 * 16 * im.layout.bpp);  // widthStride is at least 32
    im.hs = (h + 1) / 2 * 2;
    const size_t luma = size_t{im.ws} * im.hs;
    im.size = im.layout.sub_x ? luma + luma * 2 / (im.layout.sub_x * im.layout.sub_y) : luma;
    im.data = static_cast<uint8_t*>(Device(im.size));
    if (random) {
      for (uint32_t y = 0; y < h; ++y)
        for (uint32_t x = 0; x < w * im.layout.bpp; ++x) im.at(x, y) = static_cast<uint8_t>(rng_());
      if (im.layout.sub_x) {
        const uint32_t row = w / im.layout.sub_x * 2, rows = h / im.layout.sub_y;
        const uint32_t chroma_ws = im.ws * 2 / im.layout.sub_x;
        for (uint32_t y = 0; y < rows; ++y)
          for (uint32_t x = 0; x < row; ++x) im.chroma()[size_t{y} * chroma_ws + x] = static_cast<uint8_t>(rng_());
      }
    }
    im.desc = Pic(f, w, h, im.ws, im.hs, im.data, uint32_t(im.size));
    return im;
  }

  void Sync() { ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg(); }

  // Expects `call` to fail with `code` and a recent-error message containing `field`.
  void ExpectFails(aclError result, aclError code, const std::string& field) {
    EXPECT_EQ(result, code);
    EXPECT_NE(RecentErrMsg().find(field), std::string::npos) << RecentErrMsg();
  }

  std::mt19937 rng_{12345};
};

// Runs the fixture's SetUp/TearDown with ACLSIM_SOC_NAME set to `soc`.
template <const char* kSoc>
class OnSoc : public VpcExtrasTest {
 protected:
  void SetUp() override {
    setenv("ACLSIM_SOC_NAME", kSoc, 1);
    VpcExtrasTest::SetUp();
  }
  void TearDown() override {
    VpcExtrasTest::TearDown();
    unsetenv("ACLSIM_SOC_NAME");
  }
};

inline constexpr char kAscend310[] = "Ascend310";
inline constexpr char kAscend910B[] = "Ascend910B3";

}  // namespace aclsim_dvpp_test
