// PNG decode through the public API: PNGs of every colour type written here with libpng, decoded
// and compared byte for byte with the pixels written (PNG is lossless); output strides and
// descriptor; predicted sizes; submission checks; corrupt, truncated and damaged streams failing
// their stream with the output buffer untouched.
#include <png.h>

#include <array>
#include <csetjmp>
#include <random>

#include "acl/error_codes/rt_error_codes.h"
#include "dvpp_test_util.h"

namespace aclsim_dvpp_test {
namespace {

constexpr uint32_t kW = 130, kH = 50;             // widthStride aligns 130 to 256 pixels
constexpr uint32_t kHs = 64;                       // 50 aligned to 16
constexpr uint32_t kRgbWs = 256 * 3, kRgbaWs = 256 * 4;

// A PNG to write: its IHDR colour type and depth, the samples of each row as PNG stores them
// (16-bit samples big-endian, sub-byte samples packed), and optional palette and tRNS.
struct PngSpec {
  uint32_t w = kW, h = kH;
  int color_type = PNG_COLOR_TYPE_RGB;
  int bit_depth = 8;
  bool interlaced = false;
  std::vector<uint8_t> rows;
  std::vector<png_color> palette;
  std::vector<uint8_t> trns;
};

void AppendBytes(png_structp png, png_bytep data, size_t length) {
  auto* out = static_cast<std::vector<uint8_t>*>(png_get_io_ptr(png));
  out->insert(out->end(), data, data + length);
}

std::vector<uint8_t> WritePng(const PngSpec& s) {
  std::vector<uint8_t> out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  if (setjmp(png_jmpbuf(png)) != 0) {
    png_destroy_write_struct(&png, &info);
    ADD_FAILURE() << "libpng could not write the test image";
    return {};
  }
  png_set_write_fn(png, &out, AppendBytes, nullptr);
  png_set_IHDR(png, info, s.w, s.h, s.bit_depth, s.color_type,
               s.interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  if (!s.palette.empty()) png_set_PLTE(png, info, s.palette.data(), int(s.palette.size()));
  if (!s.trns.empty()) png_set_tRNS(png, info, s.trns.data(), int(s.trns.size()), nullptr);
  png_write_info(png, info);
  const size_t row_bytes = s.rows.size() / s.h;
  std::vector<png_bytep> rows(s.h);
  for (uint32_t y = 0; y < s.h; ++y) rows[y] = const_cast<png_bytep>(&s.rows[y * row_bytes]);
  png_write_image(png, rows.data());
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

// 8-bit samples, `channels` per pixel, varied in every channel.
std::vector<uint8_t> Samples(uint32_t w, uint32_t h, int channels) {
  std::vector<uint8_t> v;
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x)
      for (int c = 0; c < channels; ++c) v.push_back(c == 3 ? uint8_t((x * 7 + y * 3) & 0xFF) : Smooth(x, y, c));
  return v;
}

// Expected output pixels (width x height, `out_channels` 3 or 4) from a function giving RGBA.
template <typename F>
std::vector<uint8_t> Expected(uint32_t w, uint32_t h, int out_channels, F rgba) {
  std::vector<uint8_t> v;
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x) {
      const std::array<uint8_t, 4> p = rgba(x, y);
      v.insert(v.end(), p.begin(), p.begin() + out_channels);
    }
  return v;
}

class PngDecode : public DvppTest {
 protected:
  struct Result {
    aclError sync = ACL_SUCCESS;
    acldvppPicDesc* desc = nullptr;
    uint8_t* data = nullptr;
    std::vector<uint8_t> pixels;  // the rows' pixels without stride padding
  };

  // Decodes `png` through the API into a buffer of `size` bytes (filled with 0xEE beforehand).
  Result Decode(const std::vector<uint8_t>& png, acldvppPixelFormat format, uint32_t size = kRgbaWs * kHs) {
    Result r;
    void* in = Device(png.size(), png);
    r.data = static_cast<uint8_t*>(Device(size, std::vector<uint8_t>(size, 0xEE)));
    r.desc = Pic(format, 0, 0, 0, 0, r.data, size);
    EXPECT_EQ(acldvppPngDecodeAsync(channel_, in, uint32_t(png.size()), r.desc, stream_), ACL_SUCCESS)
        << RecentErrMsg();
    r.sync = aclrtSynchronizeStream(stream_);
    if (r.sync != ACL_SUCCESS) return r;
    const uint32_t w = acldvppGetPicDescWidth(r.desc), h = acldvppGetPicDescHeight(r.desc);
    const uint32_t ws = acldvppGetPicDescWidthStride(r.desc);
    const uint32_t bpp = acldvppGetPicDescFormat(r.desc) == PIXEL_FORMAT_RGBA_8888 ? 4 : 3;
    for (uint32_t y = 0; y < h; ++y) r.pixels.insert(r.pixels.end(), r.data + y * ws, r.data + y * ws + w * bpp);
    return r;
  }

  void ExpectOutput(const Result& r, acldvppPixelFormat format, const std::vector<uint8_t>& expected) {
    ASSERT_EQ(r.sync, ACL_SUCCESS) << RecentErrMsg();
    EXPECT_EQ(acldvppGetPicDescFormat(r.desc), format);
    EXPECT_EQ(acldvppGetPicDescWidth(r.desc), kW);
    EXPECT_EQ(acldvppGetPicDescHeight(r.desc), kH);
    EXPECT_EQ(acldvppGetPicDescWidthStride(r.desc), format == PIXEL_FORMAT_RGBA_8888 ? kRgbaWs : kRgbWs);
    EXPECT_EQ(acldvppGetPicDescHeightStride(r.desc), kHs);
    EXPECT_EQ(acldvppGetPicDescRetCode(r.desc), 0u);
    EXPECT_TRUE(r.pixels == expected) << "decoded pixels differ from the ones written";
  }
};

TEST_F(PngDecode, RgbDecodesByteExactWithDocumentedStrides) {
  PngSpec s;
  s.rows = Samples(kW, kH, 3);
  const auto png = WritePng(s);
  const auto expected = Expected(kW, kH, 3, [&](uint32_t x, uint32_t y) {
    const uint8_t* p = &s.rows[(y * kW + x) * 3];
    return std::array<uint8_t, 4>{p[0], p[1], p[2], 255};
  });
  ExpectOutput(Decode(png, PIXEL_FORMAT_UNKNOWN), PIXEL_FORMAT_RGB_888, expected);
  const Result r = Decode(png, PIXEL_FORMAT_RGB_888);
  ExpectOutput(r, PIXEL_FORMAT_RGB_888, expected);
  EXPECT_EQ(r.data[kRgbWs * kHs], 0xEE) << "nothing written past widthStride * heightStride";
}

TEST_F(PngDecode, RgbaKeepsAlphaOrDropsItForRgb888) {
  PngSpec s;
  s.color_type = PNG_COLOR_TYPE_RGB_ALPHA;
  s.rows = Samples(kW, kH, 4);
  const auto png = WritePng(s);
  auto pixel = [&](uint32_t x, uint32_t y) {
    const uint8_t* p = &s.rows[(y * kW + x) * 4];
    return std::array<uint8_t, 4>{p[0], p[1], p[2], p[3]};
  };
  ExpectOutput(Decode(png, PIXEL_FORMAT_UNKNOWN), PIXEL_FORMAT_RGBA_8888, Expected(kW, kH, 4, pixel));
  ExpectOutput(Decode(png, PIXEL_FORMAT_RGBA_8888), PIXEL_FORMAT_RGBA_8888, Expected(kW, kH, 4, pixel));
  ExpectOutput(Decode(png, PIXEL_FORMAT_RGB_888), PIXEL_FORMAT_RGB_888, Expected(kW, kH, 3, pixel));
}

TEST_F(PngDecode, GrayAndGrayAlphaBecomeRgbAndRgba) {
  PngSpec gray;
  gray.color_type = PNG_COLOR_TYPE_GRAY;
  gray.rows = Samples(kW, kH, 1);
  ExpectOutput(Decode(WritePng(gray), PIXEL_FORMAT_UNKNOWN), PIXEL_FORMAT_RGB_888,
               Expected(kW, kH, 3, [&](uint32_t x, uint32_t y) {
                 const uint8_t g = gray.rows[y * kW + x];
                 return std::array<uint8_t, 4>{g, g, g, 255};
               }));
  PngSpec ga;
  ga.color_type = PNG_COLOR_TYPE_GRAY_ALPHA;
  ga.rows.clear();
  for (uint32_t y = 0; y < kH; ++y)
    for (uint32_t x = 0; x < kW; ++x) ga.rows.insert(ga.rows.end(), {Smooth(x, y, 0), uint8_t(x + y)});
  ExpectOutput(Decode(WritePng(ga), PIXEL_FORMAT_UNKNOWN), PIXEL_FORMAT_RGBA_8888,
               Expected(kW, kH, 4, [&](uint32_t x, uint32_t y) {
                 const uint8_t* p = &ga.rows[(y * kW + x) * 2];
                 return std::array<uint8_t, 4>{p[0], p[0], p[0], p[1]};
               }));
}

TEST_F(PngDecode, PaletteExpandsToItsColoursWithTrnsAsAlpha) {
  PngSpec s;
  s.color_type = PNG_COLOR_TYPE_PALETTE;
  s.bit_depth = 4;  // two indices per byte
  for (int i = 0; i < 16; ++i) s.palette.push_back(png_color{uint8_t(i * 16), uint8_t(255 - i * 9), uint8_t(i * i)});
  auto index = [](uint32_t x, uint32_t y) { return uint8_t((x / 3 + y) % 16); };
  for (uint32_t y = 0; y < kH; ++y)
    for (uint32_t x = 0; x < kW; x += 2) s.rows.push_back(uint8_t(index(x, y) << 4 | index(x + 1, y)));
  auto colour = [&](uint32_t x, uint32_t y, uint8_t alpha) {
    const png_color c = s.palette[index(x, y)];
    return std::array<uint8_t, 4>{c.red, c.green, c.blue, alpha};
  };
  ExpectOutput(Decode(WritePng(s), PIXEL_FORMAT_UNKNOWN), PIXEL_FORMAT_RGB_888,
               Expected(kW, kH, 3, [&](uint32_t x, uint32_t y) { return colour(x, y, 255); }));
  s.trns = {0, 40, 80};  // alpha of indices 0..2; the others opaque
  auto alpha_of = [&](uint32_t x, uint32_t y) {
    const uint8_t i = index(x, y);
    return i < s.trns.size() ? s.trns[i] : uint8_t(255);
  };
  ExpectOutput(Decode(WritePng(s), PIXEL_FORMAT_UNKNOWN), PIXEL_FORMAT_RGBA_8888,
               Expected(kW, kH, 4, [&](uint32_t x, uint32_t y) { return colour(x, y, alpha_of(x, y)); }));
}

TEST_F(PngDecode, SixteenBitSamplesKeepTheirHighByte) {
  PngSpec s;
  s.color_type = PNG_COLOR_TYPE_RGB_ALPHA;
  s.bit_depth = 16;
  const auto eight = Samples(kW, kH, 4);
  for (size_t i = 0; i < eight.size(); ++i) s.rows.insert(s.rows.end(), {eight[i], uint8_t(i * 31)});
  ExpectOutput(Decode(WritePng(s), PIXEL_FORMAT_UNKNOWN), PIXEL_FORMAT_RGBA_8888,
               Expected(kW, kH, 4, [&](uint32_t x, uint32_t y) {
                 const uint8_t* p = &eight[(y * kW + x) * 4];
                 return std::array<uint8_t, 4>{p[0], p[1], p[2], p[3]};
               }));
}

TEST_F(PngDecode, InterlacedRgbDecodesByteExact) {
  PngSpec s;
  s.interlaced = true;
  s.rows = Samples(kW, kH, 3);
  ExpectOutput(Decode(WritePng(s), PIXEL_FORMAT_RGB_888), PIXEL_FORMAT_RGB_888,
               Expected(kW, kH, 3, [&](uint32_t x, uint32_t y) {
                 const uint8_t* p = &s.rows[(y * kW + x) * 3];
                 return std::array<uint8_t, 4>{p[0], p[1], p[2], 255};
               }));
}

TEST_F(PngDecode, ImageInfoReportsSizeAndComponents) {
  struct Case {
    int color_type;
    bool trns;
    int32_t components;
  };
  const Case cases[] = {{PNG_COLOR_TYPE_GRAY, false, 1},    {PNG_COLOR_TYPE_GRAY_ALPHA, false, 2},
                        {PNG_COLOR_TYPE_RGB, false, 3},     {PNG_COLOR_TYPE_RGB_ALPHA, false, 4},
                        {PNG_COLOR_TYPE_PALETTE, false, 3}, {PNG_COLOR_TYPE_PALETTE, true, 4}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.color_type);
    PngSpec s;
    s.w = 40;
    s.h = 33;
    s.color_type = c.color_type;
    const int channels = c.components - (c.trns ? 1 : 0) - (c.color_type == PNG_COLOR_TYPE_PALETTE ? 2 : 0);
    s.rows.assign(size_t{40} * 33 * channels, 1);
    if (c.color_type == PNG_COLOR_TYPE_PALETTE) s.palette = {{1, 2, 3}, {4, 5, 6}};
    if (c.trns) s.trns = {128};
    const auto png = WritePng(s);
    uint32_t w = 0, h = 0;
    int32_t components = 0;
    ASSERT_EQ(acldvppPngGetImageInfo(png.data(), uint32_t(png.size()), &w, &h, &components), ACL_SUCCESS);
    EXPECT_EQ(w, 40u);
    EXPECT_EQ(h, 33u);
    EXPECT_EQ(components, c.components);
  }
  std::vector<uint8_t> junk(64, 0x42);
  uint32_t w = 0, h = 0;
  int32_t components = 0;
  EXPECT_EQ(acldvppPngGetImageInfo(junk.data(), uint32_t(junk.size()), &w, &h, &components), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("not a readable PNG"), std::string::npos) << RecentErrMsg();
  EXPECT_EQ(acldvppPngGetImageInfo(nullptr, 64, &w, &h, &components), ACL_ERROR_INVALID_PARAM);
}

TEST_F(PngDecode, PredictedSizesFollowTheDocumentedStrides) {
  PngSpec s;
  s.rows = Samples(kW, kH, 3);
  const auto rgb = WritePng(s);
  uint32_t size = 0;
  ASSERT_EQ(acldvppPngPredictDecSize(rgb.data(), uint32_t(rgb.size()), PIXEL_FORMAT_RGB_888, &size), ACL_SUCCESS);
  EXPECT_EQ(size, kRgbWs * kHs);
  // PIXEL_FORMAT_UNKNOWN: the largest output format, whatever the source.
  ASSERT_EQ(acldvppPngPredictDecSize(rgb.data(), uint32_t(rgb.size()), PIXEL_FORMAT_UNKNOWN, &size), ACL_SUCCESS);
  EXPECT_EQ(size, kRgbaWs * kHs);
  EXPECT_EQ(acldvppPngPredictDecSize(rgb.data(), uint32_t(rgb.size()), PIXEL_FORMAT_RGBA_8888, &size),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("no alpha"), std::string::npos) << RecentErrMsg();
  EXPECT_EQ(acldvppPngPredictDecSize(rgb.data(), uint32_t(rgb.size()), PIXEL_FORMAT_YUV_SEMIPLANAR_420, &size),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppPngPredictDecSize(rgb.data(), uint32_t(rgb.size()), PIXEL_FORMAT_RGB_888, nullptr),
            ACL_ERROR_INVALID_PARAM);
  s.color_type = PNG_COLOR_TYPE_RGB_ALPHA;
  s.rows = Samples(kW, kH, 4);
  const auto rgba = WritePng(s);
  ASSERT_EQ(acldvppPngPredictDecSize(rgba.data(), uint32_t(rgba.size()), PIXEL_FORMAT_RGBA_8888, &size), ACL_SUCCESS);
  EXPECT_EQ(size, kRgbaWs * kHs);
  ASSERT_EQ(acldvppPngPredictDecSize(rgba.data(), uint32_t(rgba.size()), PIXEL_FORMAT_RGB_888, &size), ACL_SUCCESS);
  EXPECT_EQ(size, kRgbWs * kHs);
}

TEST_F(PngDecode, SubmissionChecksNameTheArgument) {
  PngSpec s;
  s.rows = Samples(kW, kH, 3);
  const auto png = WritePng(s);
  void* in = Device(png.size(), png);
  const uint32_t size = kRgbWs * kHs;
  acldvppPicDesc* out = Pic(PIXEL_FORMAT_RGB_888, 0, 0, 0, 0, Device(size), size);
  acldvppPicDesc* yuv = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 0, 0, 0, 0, Device(size), size);
  EXPECT_EQ(acldvppPngDecodeAsync(channel_, in, uint32_t(png.size()), yuv, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("outputDesc.format"), std::string::npos) << RecentErrMsg();
  EXPECT_EQ(acldvppPngDecodeAsync(channel_, png.data(), uint32_t(png.size()), out, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("data"), std::string::npos) << RecentErrMsg();
  EXPECT_EQ(acldvppPngDecodeAsync(channel_, nullptr, uint32_t(png.size()), out, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppPngDecodeAsync(channel_, in, 0, out, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppPngDecodeAsync(channel_, in, uint32_t(png.size()), nullptr, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppPngDecodeAsync(nullptr, in, uint32_t(png.size()), out, stream_), ACL_ERROR_INVALID_PARAM);
  acldvppPicDesc* no_data = Pic(PIXEL_FORMAT_RGB_888, 0, 0, 0, 0, nullptr, size);
  EXPECT_EQ(acldvppPngDecodeAsync(channel_, in, uint32_t(png.size()), no_data, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("outputDesc.data"), std::string::npos) << RecentErrMsg();
  std::vector<uint8_t> host(size);
  acldvppPicDesc* host_out = Pic(PIXEL_FORMAT_RGB_888, 0, 0, 0, 0, host.data(), size);
  EXPECT_EQ(acldvppPngDecodeAsync(channel_, in, uint32_t(png.size()), host_out, stream_), ACL_ERROR_INVALID_PARAM);
  // The channel: open, and with the PNGD mode.
  acldvppChannelDesc* other = acldvppCreateChannelDesc();
  EXPECT_EQ(acldvppPngDecodeAsync(other, in, uint32_t(png.size()), out, stream_), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(acldvppSetChannelDescMode(other, DVPP_CHNMODE_JPEGD), ACL_SUCCESS);
  ASSERT_EQ(acldvppCreateChannel(other), ACL_SUCCESS);
  EXPECT_EQ(acldvppPngDecodeAsync(other, in, uint32_t(png.size()), out, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("DVPP_CHNMODE_PNGD"), std::string::npos) << RecentErrMsg();
  acldvppDestroyChannel(other);
  acldvppDestroyChannelDesc(other);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);  // nothing was queued
}

// A failed decode: the stream reports ACL_ERROR_RT_AICPU_EXCEPTION with `reason` in the message,
// retCode is set, and the output buffer is as it was.
void ExpectFailedUntouched(aclError sync, acldvppPicDesc* desc, const uint8_t* data, uint32_t size,
                           const char* reason) {
  EXPECT_EQ(sync, ACL_ERROR_RT_AICPU_EXCEPTION);
  EXPECT_NE(RecentErrMsg().find(reason), std::string::npos) << RecentErrMsg();
  EXPECT_NE(acldvppGetPicDescRetCode(desc), 0u);
  const std::vector<uint8_t> guard(size, 0xEE);
  EXPECT_EQ(std::memcmp(data, guard.data(), size), 0) << "the output buffer was written";
}

TEST_F(PngDecode, BadStreamsFailTheStreamAndLeaveTheOutputUntouched) {
  PngSpec s;
  s.rows = Samples(kW, kH, 3);
  const auto png = WritePng(s);
  const uint32_t size = kRgbaWs * kHs;
  {
    auto truncated = png;
    truncated.resize(png.size() / 2);
    const Result r = Decode(truncated, PIXEL_FORMAT_RGB_888);
    ExpectFailedUntouched(r.sync, r.desc, r.data, size, "truncated");
  }
  {
    auto damaged = png;  // a byte inside the image data: its chunk's CRC no longer matches
    damaged[png.size() / 2] ^= 0x5A;
    const Result r = Decode(damaged, PIXEL_FORMAT_RGB_888);
    ExpectFailedUntouched(r.sync, r.desc, r.data, size, "PNG decode failed");
  }
  {
    std::vector<uint8_t> junk(500, 0x42);
    const Result r = Decode(junk, PIXEL_FORMAT_UNKNOWN);
    ExpectFailedUntouched(r.sync, r.desc, r.data, size, "signature");
  }
  {
    const Result r = Decode(png, PIXEL_FORMAT_RGB_888, kRgbWs * kHs - 1);
    ExpectFailedUntouched(r.sync, r.desc, r.data, kRgbWs * kHs - 1, "outputDesc.size");
  }
  {
    const Result r = Decode(png, PIXEL_FORMAT_RGBA_8888);
    ExpectFailedUntouched(r.sync, r.desc, r.data, size, "no alpha");
  }
  {
    PngSpec tiny;
    tiny.w = 31;
    tiny.h = 40;
    tiny.rows = Samples(31, 40, 3);
    const Result r = Decode(WritePng(tiny), PIXEL_FORMAT_RGB_888);
    ExpectFailedUntouched(r.sync, r.desc, r.data, size, "outside");
  }
}

// Damage anywhere (a changed byte, or the stream cut short): the decode either succeeds or fails
// its stream cleanly; it never crashes, and a failure never writes the output.
TEST_F(PngDecode, RandomDamageNeverCrashesNorWritesOnFailure) {
  PngSpec s;
  s.w = 40;
  s.h = 36;
  s.color_type = PNG_COLOR_TYPE_RGB_ALPHA;
  s.rows = Samples(40, 36, 4);
  const auto png = WritePng(s);
  std::mt19937 rng(11);
  const uint32_t size = 128 * 4 * 48;
  int failures = 0;
  for (int i = 0; i < 150; ++i) {
    auto damaged = png;
    if (i % 3 == 0) {
      damaged.resize(8 + rng() % (png.size() - 8));
    } else {
      damaged[rng() % png.size()] ^= uint8_t(1 + rng() % 255);
    }
    const Result r = Decode(damaged, PIXEL_FORMAT_UNKNOWN, size);
    if (r.sync != ACL_SUCCESS) {
      ++failures;
      ExpectFailedUntouched(r.sync, r.desc, r.data, size, "PNG decode failed");
    }
  }
  EXPECT_GT(failures, 50);  // CRCs catch nearly every changed byte
}

}  // namespace
}  // namespace aclsim_dvpp_test
