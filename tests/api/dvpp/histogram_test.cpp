// acldvppVpcCalcHistAsync, acldvppVpcEqualizeHistAsync and their descriptors through the public
// API: counts exact against a direct count here, histogram equalisation against a naive
// reference, and the documented constraints.
#include <array>

#include "vpc_extras_test_util.h"

namespace aclsim_dvpp_test {
namespace {

using Histogram = VpcExtrasTest;

std::array<std::vector<uint32_t>, 3> HistOf(acldvppHist* hist) {
  std::array<std::vector<uint32_t>, 3> out;
  for (uint32_t d = 0; d < 3; ++d) {
    uint32_t* data = nullptr;
    uint16_t len = 0;
    EXPECT_EQ(acldvppGetHistData(hist, d, &data, &len), ACL_SUCCESS);
    EXPECT_EQ(len, 256);
    out[d].assign(data, data + len);
  }
  return out;
}

TEST_F(Histogram, DescriptorsHaveThreeDimensionsOf256) {
  acldvppHist* hist = acldvppCreateHist();
  ASSERT_NE(hist, nullptr);
  EXPECT_EQ(acldvppGetHistDims(hist), 3u);
  EXPECT_EQ(acldvppGetHistRetCode(hist), 0u);
  uint32_t* data = nullptr;
  uint16_t len = 0;
  ExpectFails(acldvppGetHistData(hist, 3, &data, &len), ACL_ERROR_INVALID_PARAM, "dim");
  ExpectFails(acldvppGetHistData(hist, 0, nullptr, &len), ACL_ERROR_INVALID_PARAM, "data");
  EXPECT_EQ(acldvppDestroyHist(hist), ACL_SUCCESS);

  acldvppLutMap* lut = acldvppCreateLutMap();
  ASSERT_NE(lut, nullptr);
  EXPECT_EQ(acldvppGetLutMapDims(lut), 3u);
  uint8_t* map = nullptr;
  uint32_t map_len = 0;
  ASSERT_EQ(acldvppGetLutMapData(lut, 2, &map, &map_len), ACL_SUCCESS);
  EXPECT_EQ(map_len, 256u);
  ExpectFails(acldvppGetLutMapData(lut, 3, &map, &map_len), ACL_ERROR_INVALID_PARAM, "dim");
  EXPECT_EQ(acldvppDestroyLutMap(lut), ACL_SUCCESS);
  ExpectFails(acldvppDestroyLutMap(nullptr), ACL_ERROR_INVALID_PARAM, "lutMap");
}

TEST_F(Histogram, Nv12CountsEveryPixelsComponents) {
  const uint32_t w = 48, h = 20;
  Image src = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_420, w, h, true);
  acldvppHist* hist = acldvppCreateHist();
  ASSERT_EQ(acldvppVpcCalcHistAsync(channel_, src.desc, hist, nullptr, stream_), ACL_SUCCESS) << RecentErrMsg();
  Sync();
  std::array<std::vector<uint32_t>, 3> want;
  for (auto& d : want) d.assign(256, 0);
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x) {
      ++want[0][src.at(x, y)];
      const uint8_t* uv = src.chroma() + (y / 2) * src.ws + (x / 2) * 2;
      ++want[1][uv[0]];
      ++want[2][uv[1]];
    }
  EXPECT_EQ(HistOf(hist), want);
  EXPECT_EQ(acldvppGetHistRetCode(hist), 0u);
  acldvppDestroyHist(hist);
}

TEST_F(Histogram, BgrCountsRgbInOrderAndAccumulatesUntilCleared) {
  const uint32_t w = 32, h = 10;
  Image src = Make(PIXEL_FORMAT_BGR_888, w, h, true);
  acldvppHist* hist = acldvppCreateHist();
  ASSERT_EQ(acldvppVpcCalcHistAsync(channel_, src.desc, hist, nullptr, stream_), ACL_SUCCESS);
  ASSERT_EQ(acldvppVpcCalcHistAsync(channel_, src.desc, hist, nullptr, stream_), ACL_SUCCESS);
  Sync();
  std::array<std::vector<uint32_t>, 3> once;
  for (auto& d : once) d.assign(256, 0);
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x)
      for (int c = 0; c < 3; ++c) ++once[c][src.at(3 * x + 2 - c, y)];  // dimension 0 is R
  auto twice = once;
  for (auto& d : twice)
    for (auto& v : d) v *= 2;
  EXPECT_EQ(HistOf(hist), twice);
  ASSERT_EQ(acldvppClearHist(hist), ACL_SUCCESS);
  ASSERT_EQ(acldvppVpcCalcHistAsync(channel_, src.desc, hist, nullptr, stream_), ACL_SUCCESS);
  Sync();
  EXPECT_EQ(HistOf(hist), once);
  acldvppDestroyHist(hist);
}

TEST_F(Histogram, Yuv400FillsOnlyDimensionZero) {
  Image src = Make(PIXEL_FORMAT_YUV_400, 16, 6, true);
  acldvppHist* hist = acldvppCreateHist();
  ASSERT_EQ(acldvppVpcCalcHistAsync(channel_, src.desc, hist, nullptr, stream_), ACL_SUCCESS);
  Sync();
  const auto got = HistOf(hist);
  uint32_t total[3] = {0, 0, 0};
  for (int d = 0; d < 3; ++d)
    for (uint32_t v : got[d]) total[d] += v;
  EXPECT_EQ(total[0], 16u * 6u);
  EXPECT_EQ(total[1], 0u);
  EXPECT_EQ(total[2], 0u);
  acldvppDestroyHist(hist);
}

TEST_F(Histogram, EqualizeWithTheCdfLutMatchesANaiveEqualisation) {
  const uint32_t w = 64, h = 32;
  Image src = Make(PIXEL_FORMAT_YUV_400, w, h);
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x) src.at(x, y) = uint8_t(100 + (x * 7 + y * 3) % 40);  // a narrow range
  acldvppHist* hist = acldvppCreateHist();
  ASSERT_EQ(acldvppVpcCalcHistAsync(channel_, src.desc, hist, nullptr, stream_), ACL_SUCCESS);
  Sync();
  const auto counts = HistOf(hist)[0];
  // Classic equalisation: lut[v] = round((cdf[v] - cdf_min) * 255 / (n - cdf_min)).
  acldvppLutMap* lut = acldvppCreateLutMap();
  uint8_t* map = nullptr;
  uint32_t len = 0;
  ASSERT_EQ(acldvppGetLutMapData(lut, 0, &map, &len), ACL_SUCCESS);
  uint32_t cdf = 0, cdf_min = 0;
  for (uint32_t v = 0; v < 256; ++v) {
    cdf += counts[v];
    if (cdf_min == 0) cdf_min = cdf;
    map[v] = cdf == 0 ? 0 : uint8_t((uint64_t(cdf - cdf_min) * 255 + (w * h - cdf_min) / 2) / (w * h - cdf_min));
  }
  Image dst = Make(PIXEL_FORMAT_YUV_400, w, h);
  ASSERT_EQ(acldvppVpcEqualizeHistAsync(channel_, src.desc, dst.desc, lut, stream_), ACL_SUCCESS)
      << RecentErrMsg();
  Sync();
  uint8_t lo = 255, hi = 0;
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x) {
      ASSERT_EQ(dst.at(x, y), map[src.at(x, y)]) << x << "," << y;
      lo = std::min(lo, dst.at(x, y));
      hi = std::max(hi, dst.at(x, y));
    }
  EXPECT_EQ(lo, 0);  // the narrow range now spans all levels
  EXPECT_EQ(hi, 255);
  acldvppDestroyLutMap(lut);
  acldvppDestroyHist(hist);
}

TEST_F(Histogram, EqualizeMapsEachComponentThroughItsOwnTable) {
  const uint32_t w = 32, h = 16;
  for (acldvppPixelFormat f : {PIXEL_FORMAT_YVU_SEMIPLANAR_420, PIXEL_FORMAT_RGB_888}) {
    Image src = Make(f, w, h, true);
    Image dst = Make(f, w, h);
    acldvppLutMap* lut = acldvppCreateLutMap();
    for (uint32_t d = 0; d < 3; ++d) {
      uint8_t* map = nullptr;
      uint32_t len = 0;
      ASSERT_EQ(acldvppGetLutMapData(lut, d, &map, &len), ACL_SUCCESS);
      for (uint32_t v = 0; v < len; ++v) map[v] = uint8_t(d == 0 ? 255 - v : d == 1 ? v / 2 : v ^ 0x5A);
    }
    ASSERT_EQ(acldvppVpcEqualizeHistAsync(channel_, src.desc, dst.desc, lut, stream_), ACL_SUCCESS) << RecentErrMsg();
    Sync();
    auto mapped = [](uint32_t d, uint8_t v) { return uint8_t(d == 0 ? 255 - v : d == 1 ? v / 2 : v ^ 0x5A); };
    if (f == PIXEL_FORMAT_RGB_888) {
      for (uint32_t y = 0; y < h; ++y)
        for (uint32_t x = 0; x < 3 * w; ++x) ASSERT_EQ(dst.at(x, y), mapped(x % 3, src.at(x, y)));
    } else {
      for (uint32_t y = 0; y < h; ++y)
        for (uint32_t x = 0; x < w; ++x) ASSERT_EQ(dst.at(x, y), mapped(0, src.at(x, y)));
      for (uint32_t y = 0; y < h / 2; ++y)
        for (uint32_t x = 0; x < w; x += 2) {  // NV21: V then U
          ASSERT_EQ(dst.chroma()[y * dst.ws + x], mapped(2, src.chroma()[y * src.ws + x]));
          ASSERT_EQ(dst.chroma()[y * dst.ws + x + 1], mapped(1, src.chroma()[y * src.ws + x + 1]));
        }
    }
    acldvppDestroyLutMap(lut);
  }
}

// ---- documented constraints

TEST_F(Histogram, CalcHistChecksFormatReserveAndHandle) {
  Image argb = Make(PIXEL_FORMAT_ARGB_8888, 16, 8, true);
  acldvppHist* hist = acldvppCreateHist();
  ExpectFails(acldvppVpcCalcHistAsync(channel_, argb.desc, hist, nullptr, stream_), ACL_ERROR_INVALID_PARAM,
              "srcPicDesc.format");
  Image src = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_440, 16, 8, true);
  int reserved = 0;
  ExpectFails(acldvppVpcCalcHistAsync(channel_, src.desc, hist, &reserved, stream_), ACL_ERROR_INVALID_PARAM,
              "reserve");
  ExpectFails(acldvppVpcCalcHistAsync(channel_, src.desc, nullptr, nullptr, stream_), ACL_ERROR_INVALID_PARAM,
              "hist");
  Image tall = Make(PIXEL_FORMAT_YUV_400, 16, 4100);
  ExpectFails(acldvppVpcCalcHistAsync(channel_, tall.desc, hist, nullptr, stream_), ACL_ERROR_INVALID_PARAM,
              "srcPicDesc.height");
  ASSERT_EQ(acldvppVpcCalcHistAsync(channel_, src.desc, hist, nullptr, stream_), ACL_SUCCESS);
  Sync();
  EXPECT_EQ(HistOf(hist)[0].size(), 256u);
  acldvppDestroyHist(hist);
}

TEST_F(Histogram, EqualizeChecksFormatsAndSizes) {
  acldvppLutMap* lut = acldvppCreateLutMap();
  Image yuyv = Make(PIXEL_FORMAT_YUYV_PACKED_422, 16, 8, true);
  Image yuyv_out = Make(PIXEL_FORMAT_YUYV_PACKED_422, 16, 8);
  ExpectFails(acldvppVpcEqualizeHistAsync(channel_, yuyv.desc, yuyv_out.desc, lut, stream_), ACL_ERROR_INVALID_PARAM,
              "inputDesc.format");
  Image src = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 16, 8, true);
  Image nv21 = Make(PIXEL_FORMAT_YVU_SEMIPLANAR_420, 16, 8);
  ExpectFails(acldvppVpcEqualizeHistAsync(channel_, src.desc, nv21.desc, lut, stream_), ACL_ERROR_INVALID_PARAM,
              "outputDesc.format");
  Image smaller = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 16, 6);
  ExpectFails(acldvppVpcEqualizeHistAsync(channel_, src.desc, smaller.desc, lut, stream_), ACL_ERROR_INVALID_PARAM,
              "outputDesc");
  ExpectFails(acldvppVpcEqualizeHistAsync(channel_, src.desc, src.desc, nullptr, stream_), ACL_ERROR_INVALID_PARAM,
              "lutMap");
  Image tall = Make(PIXEL_FORMAT_YUV_400, 16, 4100);
  ExpectFails(acldvppVpcEqualizeHistAsync(channel_, tall.desc, tall.desc, lut, stream_), ACL_ERROR_INVALID_PARAM,
              "inputDesc.height");
  acldvppDestroyLutMap(lut);
}

using HistogramOn310 = OnSoc<kAscend310>;

TEST_F(HistogramOn310, IsNotAvailable) {
  EXPECT_EQ(acldvppCreateHist(), nullptr);
  EXPECT_NE(RecentErrMsg().find("acldvppCreateHist"), std::string::npos) << RecentErrMsg();
  EXPECT_EQ(acldvppCreateLutMap(), nullptr);
}

// The A2/A3 generations take histogram inputs up to 4096x8192.
using HistogramOn910B = OnSoc<kAscend910B>;

TEST_F(HistogramOn910B, TakesInputsUpTo8192High) {
  Image tall = Make(PIXEL_FORMAT_YUV_400, 16, 4100, true);
  acldvppHist* hist = acldvppCreateHist();
  ASSERT_EQ(acldvppVpcCalcHistAsync(channel_, tall.desc, hist, nullptr, stream_), ACL_SUCCESS) << RecentErrMsg();
  Sync();
  const auto counts = HistOf(hist);
  uint32_t total = 0;
  for (uint32_t v : counts[0]) total += v;
  EXPECT_EQ(total, 16u * 4100u);
  Image taller = Make(PIXEL_FORMAT_YUV_400, 16, 8194);
  ExpectFails(acldvppVpcCalcHistAsync(channel_, taller.desc, hist, nullptr, stream_), ACL_ERROR_INVALID_PARAM,
              "srcPicDesc.height");
  acldvppDestroyHist(hist);
}

}  // namespace
}  // namespace aclsim_dvpp_test
