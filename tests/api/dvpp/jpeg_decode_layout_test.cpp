// JPEG decode writes each output layout byte-exactly from libjpeg-turbo's own planar decode (read
// here with tjDecompressToYUVPlanes): luma as decoded, each chroma sample from the pixel carrying it
// (its block's top-left one), sizes of odd images rounded down (precision mode 0) or up (mode 1,
// repeating the last row and column), neutral chroma for a grey image.
#include <turbojpeg.h>

#include "dvpp_test_util.h"

namespace aclsim_dvpp_test {
namespace {

constexpr uint32_t kW = 101, kH = 67;  // odd: exercises the rounding

std::vector<uint8_t> EncodeNoisyJpeg(int subsamp) {
  std::vector<uint8_t> rgb(size_t{kW} * kH * 3);
  uint32_t state = 3;
  for (size_t i = 0; i < rgb.size(); ++i) {
    state = state * 1664525u + 1013904223u;
    rgb[i] = static_cast<uint8_t>(Smooth(uint32_t(i / 3 % kW), uint32_t(i / 3 / kW), int(i % 3)) / 2 + (state >> 25));
  }
  tjhandle tj = tjInitCompress();
  unsigned char* out = nullptr;
  unsigned long size = 0;
  const int pixel_format = subsamp == TJSAMP_GRAY ? TJPF_GRAY : TJPF_RGB;
  std::vector<uint8_t> grey;
  if (subsamp == TJSAMP_GRAY) {
    for (size_t i = 0; i < rgb.size(); i += 3) grey.push_back(rgb[i]);
  }
  EXPECT_EQ(tjCompress2(tj, subsamp == TJSAMP_GRAY ? grey.data() : rgb.data(), int(kW), 0, int(kH), pixel_format, &out,
                        &size, subsamp, 90, 0),
            0);
  std::vector<uint8_t> jpeg(out, out + size);
  tjFree(out);
  tjDestroy(tj);
  return jpeg;
}

// libjpeg-turbo's planes of `jpeg`: Y, then U and V (absent for grey), with their row pitches.
struct SourcePlanes {
  std::vector<uint8_t> plane[3];
  int pitch[3] = {0, 0, 0};
  int sub_x = 1, sub_y = 1, count = 0;
};

SourcePlanes DecodePlanes(const std::vector<uint8_t>& jpeg, int subsamp) {
  SourcePlanes s;
  s.count = subsamp == TJSAMP_GRAY ? 1 : 3;
  s.sub_x = tjMCUWidth[subsamp] / 8;
  s.sub_y = tjMCUHeight[subsamp] / 8;
  unsigned char* ptrs[3] = {nullptr, nullptr, nullptr};
  for (int i = 0; i < s.count; ++i) {
    s.pitch[i] = tjPlaneWidth(i, int(kW), subsamp);
    s.plane[i].resize(size_t(s.pitch[i]) * tjPlaneHeight(i, int(kH), subsamp));
    ptrs[i] = s.plane[i].data();
  }
  tjhandle tj = tjInitDecompress();
  EXPECT_EQ(tjDecompressToYUVPlanes(tj, jpeg.data(), jpeg.size(), ptrs, int(kW), s.pitch, int(kH), 0), 0);
  tjDestroy(tj);
  return s;
}

struct Case {
  int subsamp;
  acldvppPixelFormat format;
  uint32_t precision_mode;
  acldvppPixelFormat written;  // the format the output descriptor reports
  uint32_t sub_x, sub_y;       // of the written format (0: YUV400)
  bool v_first;
};

class JpegDecodeLayout : public DvppTest, public ::testing::WithParamInterface<Case> {};

TEST_P(JpegDecodeLayout, EveryByteComesFromTheCarryingPixel) {
  const Case c = GetParam();
  uint32_t mode = c.precision_mode;
  ASSERT_EQ(acldvppSetChannelDescParam(channel_, ACL_DVPP_JPEGD_PRECISION_MODE_ENUM, sizeof(mode), &mode),
            ACL_SUCCESS);
  const auto jpeg = EncodeNoisyJpeg(c.subsamp);
  const SourcePlanes src = DecodePlanes(jpeg, c.subsamp);
  const uint32_t size = 192 * 80 * 3;
  uint8_t* data = static_cast<uint8_t*>(Device(size));
  acldvppPicDesc* out = Pic(c.format, 0, 0, 0, 0, data, size);
  ASSERT_EQ(acldvppJpegDecodeAsync(channel_, Device(jpeg.size(), jpeg), uint32_t(jpeg.size()), out, stream_),
            ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(acldvppGetPicDescFormat(out), c.written);
  auto rounded = [&](uint32_t v, uint32_t sub) { return sub != 2 ? v : c.precision_mode == 1 ? v + v % 2 : v - v % 2; };
  const uint32_t w = acldvppGetPicDescWidth(out), h = acldvppGetPicDescHeight(out);
  ASSERT_EQ(w, rounded(kW, c.sub_x));
  ASSERT_EQ(h, rounded(kH, c.sub_y));
  const uint32_t ws = acldvppGetPicDescWidthStride(out), hs = acldvppGetPicDescHeightStride(out);
  auto at = [&](int p, uint32_t x, uint32_t y) {  // source sample of pixel (x, y), edges repeated
    x = std::min(x, kW - 1);
    y = std::min(y, kH - 1);
    if (p == 0) return src.plane[0][size_t{y} * src.pitch[0] + x];
    if (src.count == 1) return uint8_t{128};
    return src.plane[p][size_t{y / uint32_t(src.sub_y)} * src.pitch[p] + x / uint32_t(src.sub_x)];
  };
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x) ASSERT_EQ(data[size_t{y} * ws + x], at(0, x, y)) << "Y at " << x << "," << y;
  if (c.sub_x == 0) return;
  const uint8_t* chroma = data + size_t{ws} * hs;
  const size_t pitch = size_t{ws} * 2 / c.sub_x;
  for (uint32_t y = 0; y < h; y += c.sub_y)
    for (uint32_t x = 0; x < w; x += c.sub_x) {
      const uint8_t* pair = chroma + size_t{y / c.sub_y} * pitch + size_t{x / c.sub_x} * 2;
      ASSERT_EQ(pair[c.v_first ? 1 : 0], at(1, x, y)) << "U at " << x << "," << y;
      ASSERT_EQ(pair[c.v_first ? 0 : 1], at(2, x, y)) << "V at " << x << "," << y;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Layouts, JpegDecodeLayout,
    ::testing::Values(
        Case{TJSAMP_420, PIXEL_FORMAT_YUV_SEMIPLANAR_420, 0, PIXEL_FORMAT_YUV_SEMIPLANAR_420, 2, 2, false},
        Case{TJSAMP_420, PIXEL_FORMAT_YVU_SEMIPLANAR_420, 1, PIXEL_FORMAT_YVU_SEMIPLANAR_420, 2, 2, true},
        Case{TJSAMP_444, PIXEL_FORMAT_YUV_SEMIPLANAR_420, 0, PIXEL_FORMAT_YUV_SEMIPLANAR_420, 2, 2, false},
        Case{TJSAMP_444, PIXEL_FORMAT_UNKNOWN, 0, PIXEL_FORMAT_YVU_SEMIPLANAR_444, 1, 1, true},
        Case{TJSAMP_422, PIXEL_FORMAT_YVU_SEMIPLANAR_420, 1, PIXEL_FORMAT_YVU_SEMIPLANAR_420, 2, 2, true},
        Case{TJSAMP_422, PIXEL_FORMAT_UNKNOWN, 1, PIXEL_FORMAT_YVU_SEMIPLANAR_422, 2, 1, true},
        Case{TJSAMP_440, PIXEL_FORMAT_UNKNOWN, 0, PIXEL_FORMAT_YVU_SEMIPLANAR_440, 1, 2, true},
        Case{TJSAMP_GRAY, PIXEL_FORMAT_YUV_SEMIPLANAR_420, 1, PIXEL_FORMAT_YUV_SEMIPLANAR_420, 2, 2, false},
        Case{TJSAMP_GRAY, PIXEL_FORMAT_UNKNOWN, 0, PIXEL_FORMAT_YUV_400, 0, 1, false}));

}  // namespace
}  // namespace aclsim_dvpp_test
