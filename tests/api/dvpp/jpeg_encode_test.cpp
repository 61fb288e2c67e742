// JPEG encode through the public API: every input layout encoded, then decoded here by
// libjpeg-turbo on its own and compared with the input planes (PSNR >= 40 dB at level 100); lower
// levels give smaller files; the predicted size bounds the encoded one; each documented constraint
// refused with its code; an output buffer too small fails the stream with nothing written.
#include <turbojpeg.h>

#include <cstdlib>
#include <random>

#include "acl/error_codes/rt_error_codes.h"
#include "dvpp_test_util.h"

namespace aclsim_dvpp_test {
namespace {

constexpr uint32_t kW = 100, kH = 70;
constexpr uint32_t kWs = 112;  // kW aligned to 16

bool Is420(acldvppPixelFormat f) {
  return f == PIXEL_FORMAT_YUV_SEMIPLANAR_420 || f == PIXEL_FORMAT_YVU_SEMIPLANAR_420;
}

// The Y, U, V planes of a test picture (chroma at its subsampled size) and a picture of `format`
// holding them, laid out here by hand.
struct Source {
  uint32_t w = 0, h = 0, sub_y = 1, ws = 0, hs = 0;
  std::vector<uint8_t> y, u, v, bytes;
};

Source MakeSource(acldvppPixelFormat format, uint32_t w, uint32_t h, uint32_t ws, uint32_t hs, bool noise = false) {
  Source s;
  s.w = w;
  s.h = h;
  s.ws = ws;
  s.hs = hs;
  s.sub_y = Is420(format) ? 2 : 1;
  std::mt19937 rng(7);
  auto value = [&](uint32_t x, uint32_t y, int c) { return noise ? uint8_t(rng() & 0xFF) : Smooth(x, y, c); };
  const uint32_t cw = w / 2, ch = h / s.sub_y;
  s.y.resize(size_t{w} * h);
  s.u.resize(size_t{cw} * ch);
  s.v.resize(size_t{cw} * ch);
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x) s.y[y * w + x] = value(x, y, 0);
  for (uint32_t y = 0; y < ch; ++y)
    for (uint32_t x = 0; x < cw; ++x) {
      s.u[y * cw + x] = value(x * 2, y * s.sub_y, 1);
      s.v[y * cw + x] = value(x * 2, y * s.sub_y, 2);
    }
  if (Is420(format)) {
    const bool v_first = format == PIXEL_FORMAT_YVU_SEMIPLANAR_420;
    s.bytes.assign(size_t{ws} * hs * 3 / 2, 0);
    for (uint32_t y = 0; y < h; ++y) std::memcpy(&s.bytes[y * ws], &s.y[y * w], w);
    for (uint32_t y = 0; y < ch; ++y)
      for (uint32_t x = 0; x < cw; ++x) {
        uint8_t* uv = &s.bytes[size_t{ws} * hs + y * ws + x * 2];
        uv[v_first ? 1 : 0] = s.u[y * cw + x];
        uv[v_first ? 0 : 1] = s.v[y * cw + x];
      }
    return s;
  }
  // Packed 4:2:2: where Y0, U, Y1, V sit in each 4-byte pair.
  int at[4] = {0, 1, 2, 3};
  if (format == PIXEL_FORMAT_UYVY_PACKED_422) at[0] = 1, at[1] = 0, at[2] = 3, at[3] = 2;
  if (format == PIXEL_FORMAT_YVYU_PACKED_422) at[0] = 0, at[1] = 3, at[2] = 2, at[3] = 1;
  if (format == PIXEL_FORMAT_VYUY_PACKED_422) at[0] = 1, at[1] = 2, at[2] = 3, at[3] = 0;
  s.bytes.assign(size_t{ws} * hs, 0);
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < cw; ++x) {
      uint8_t* pair = &s.bytes[size_t{y} * ws + x * 4];
      pair[at[0]] = s.y[y * w + x * 2];
      pair[at[1]] = s.u[y * cw + x];
      pair[at[2]] = s.y[y * w + x * 2 + 1];
      pair[at[3]] = s.v[y * cw + x];
    }
  return s;
}

class JpegEncode : public DvppTest {
 protected:
  void SetUp() override {
    DvppTest::SetUp();
    config_ = acldvppCreateJpegeConfig();
    ASSERT_NE(config_, nullptr);
  }
  void TearDown() override {
    acldvppDestroyJpegeConfig(config_);
    DvppTest::TearDown();
  }

  acldvppPicDesc* Input(acldvppPixelFormat format, const Source& s) {
    return Pic(format, s.w, s.h, s.ws, s.hs, Device(s.bytes.size(), s.bytes), uint32_t(s.bytes.size()));
  }

  // Encodes through the API at `level`; the encoded bytes (empty on failure).
  std::vector<uint8_t> Encode(acldvppPixelFormat format, const Source& s, uint32_t level) {
    EXPECT_EQ(acldvppSetJpegeConfigLevel(config_, level), ACL_SUCCESS);
    acldvppPicDesc* in = Input(format, s);
    uint32_t size = 0;
    EXPECT_EQ(acldvppJpegPredictEncSize(in, config_, &size), ACL_SUCCESS) << RecentErrMsg();
    const uint32_t predicted = size;
    uint8_t* out = static_cast<uint8_t*>(Device(size));
    EXPECT_EQ(acldvppJpegEncodeAsync(channel_, in, out, &size, config_, stream_), ACL_SUCCESS) << RecentErrMsg();
    if (aclrtSynchronizeStream(stream_) != ACL_SUCCESS) {
      ADD_FAILURE() << RecentErrMsg();
      return {};
    }
    EXPECT_GT(size, 0u);
    EXPECT_LE(size, predicted);
    return std::vector<uint8_t>(out, out + size);
  }

  acldvppJpegeConfig* config_ = nullptr;
};

// Decodes `jpeg` with libjpeg-turbo into its own planes and compares them with the source's.
void ExpectDecodesTo(const std::vector<uint8_t>& jpeg, const Source& s, int subsamp, double min_psnr) {
  tjhandle tj = tjInitDecompress();
  int w = 0, h = 0, sub = -1, cs = -1;
  ASSERT_EQ(tjDecompressHeader3(tj, jpeg.data(), jpeg.size(), &w, &h, &sub, &cs), 0) << tjGetErrorStr2(tj);
  EXPECT_EQ(uint32_t(w), s.w);
  EXPECT_EQ(uint32_t(h), s.h);
  EXPECT_EQ(sub, subsamp);
  std::vector<uint8_t> planes[3];
  unsigned char* ptrs[3];
  int strides[3];
  for (int i = 0; i < 3; ++i) {
    strides[i] = tjPlaneWidth(i, w, sub);
    planes[i].resize(size_t(strides[i]) * tjPlaneHeight(i, h, sub));
    ptrs[i] = planes[i].data();
  }
  ASSERT_EQ(tjDecompressToYUVPlanes(tj, jpeg.data(), jpeg.size(), ptrs, w, strides, h, 0), 0) << tjGetErrorStr2(tj);
  tjDestroy(tj);
  const uint32_t cw = s.w / 2, ch = s.h / s.sub_y;
  std::vector<uint8_t> y, u, v;
  for (uint32_t r = 0; r < s.h; ++r) y.insert(y.end(), &planes[0][r * strides[0]], &planes[0][r * strides[0]] + s.w);
  for (uint32_t r = 0; r < ch; ++r) {
    u.insert(u.end(), &planes[1][r * strides[1]], &planes[1][r * strides[1]] + cw);
    v.insert(v.end(), &planes[2][r * strides[2]], &planes[2][r * strides[2]] + cw);
  }
  EXPECT_GE(Psnr(y.data(), s.y.data(), y.size()), min_psnr);
  EXPECT_GE(Psnr(u.data(), s.u.data(), u.size()), min_psnr);
  EXPECT_GE(Psnr(v.data(), s.v.data(), v.size()), min_psnr);
}

TEST_F(JpegEncode, EveryInputLayoutRoundTripsAbove40DbAtLevel100) {
  const acldvppPixelFormat formats[] = {PIXEL_FORMAT_YUV_SEMIPLANAR_420, PIXEL_FORMAT_YVU_SEMIPLANAR_420,
                                        PIXEL_FORMAT_YUYV_PACKED_422, PIXEL_FORMAT_UYVY_PACKED_422,
                                        PIXEL_FORMAT_YVYU_PACKED_422, PIXEL_FORMAT_VYUY_PACKED_422};
  for (acldvppPixelFormat f : formats) {
    SCOPED_TRACE(int(f));
    const Source s = MakeSource(f, kW, kH, Is420(f) ? kWs : 208, kH);  // 208: 2 * 100 aligned to 16
    const auto jpeg = Encode(f, s, 100);
    ASSERT_FALSE(jpeg.empty());
    ExpectDecodesTo(jpeg, s, Is420(f) ? TJSAMP_420 : TJSAMP_422, 40.0);
  }
}

TEST_F(JpegEncode, LowerLevelGivesASmallerFile) {
  const Source s = MakeSource(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 320, 240, 320, 240);
  const auto best = Encode(PIXEL_FORMAT_YUV_SEMIPLANAR_420, s, 100);
  const auto mid = Encode(PIXEL_FORMAT_YUV_SEMIPLANAR_420, s, 50);
  const auto low = Encode(PIXEL_FORMAT_YUV_SEMIPLANAR_420, s, 1);
  ASSERT_FALSE(low.empty());
  EXPECT_LT(mid.size(), best.size());
  EXPECT_LT(low.size(), mid.size());
  ExpectDecodesTo(mid, s, TJSAMP_420, 30.0);
}

TEST_F(JpegEncode, PredictedSizeBoundsTheEncodedSizeOfNoise) {
  struct Case {
    acldvppPixelFormat f;
    uint32_t w, h;
  };
  const Case cases[] = {{PIXEL_FORMAT_YUV_SEMIPLANAR_420, 32, 32},   {PIXEL_FORMAT_YUV_SEMIPLANAR_420, 100, 70},
                        {PIXEL_FORMAT_YVU_SEMIPLANAR_420, 642, 482}, {PIXEL_FORMAT_YUYV_PACKED_422, 34, 33},
                        {PIXEL_FORMAT_UYVY_PACKED_422, 1000, 40},    {PIXEL_FORMAT_YUV_SEMIPLANAR_420, 1920, 1080}};
  for (const Case& c : cases) {
    SCOPED_TRACE(::testing::Message() << c.w << "x" << c.h);
    const uint32_t ws = (c.w * (Is420(c.f) ? 1 : 2) + 15) / 16 * 16;
    const Source s = MakeSource(c.f, c.w, c.h, ws, c.h, /*noise=*/true);
    EXPECT_FALSE(Encode(c.f, s, 100).empty());  // Encode checks size <= predicted
  }
}

TEST_F(JpegEncode, HeightStrideMayBeTheHeightAlignedTo16AsJpegdWritesIt) {
  const Source s = MakeSource(PIXEL_FORMAT_YUV_SEMIPLANAR_420, kW, kH, 128, 80);
  ExpectDecodesTo(Encode(PIXEL_FORMAT_YUV_SEMIPLANAR_420, s, 100), s, TJSAMP_420, 40.0);
  uint32_t size = 100000;
  const uint32_t bytes = kWs * 72 * 3 / 2;
  acldvppPicDesc* in = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, kW, kH, kWs, 72, Device(bytes), bytes);
  EXPECT_EQ(acldvppJpegEncodeAsync(channel_, in, Device(size), &size, config_, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("inputDesc.heightStride"), std::string::npos) << RecentErrMsg();
}

// One documented constraint broken per row; each is refused at submission, naming the field.
TEST_F(JpegEncode, EveryDocumentedConstraintIsRefusedAtSubmission) {
  struct Case {
    const char* field;
    acldvppPixelFormat f;
    uint32_t w, h, ws, hs;
  };
  const Case cases[] = {
      {"inputDesc.format", PIXEL_FORMAT_RGB_888, kW, kH, 304, kH},
      {"inputDesc.format", PIXEL_FORMAT_YUV_SEMIPLANAR_422, kW, kH, kWs, kH},
      {"inputDesc.width", PIXEL_FORMAT_YUV_SEMIPLANAR_420, 101, kH, kWs, kH},       // odd
      {"inputDesc.height", PIXEL_FORMAT_YUV_SEMIPLANAR_420, kW, 71, kWs, 71},       // odd for 4:2:0
      {"inputDesc.width", PIXEL_FORMAT_YUYV_PACKED_422, 33, kH, 80, kH},            // odd
      {"inputDesc.width", PIXEL_FORMAT_YUV_SEMIPLANAR_420, 30, kH, 32, kH},         // below 32
      {"inputDesc.height", PIXEL_FORMAT_YUV_SEMIPLANAR_420, kW, 30, kWs, 30},       // below 32
      {"inputDesc.width", PIXEL_FORMAT_YUV_SEMIPLANAR_420, 8194, kH, 8208, kH},     // above 8192
      {"inputDesc.widthStride", PIXEL_FORMAT_YUV_SEMIPLANAR_420, kW, kH, 100, kH},  // not a multiple of 16
      {"inputDesc.widthStride", PIXEL_FORMAT_YUV_SEMIPLANAR_420, kW, kH, 96, kH},   // below the width
      {"inputDesc.widthStride", PIXEL_FORMAT_YUYV_PACKED_422, kW, kH, kWs, kH},     // below twice the width
      {"inputDesc.heightStride", PIXEL_FORMAT_YUYV_PACKED_422, kW, kH, 208, 71},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(::testing::Message() << c.field << " " << c.w << "x" << c.h << " strides " << c.ws << "x" << c.hs);
    const uint32_t bytes = c.ws * c.hs * 2;
    acldvppPicDesc* in = Pic(c.f, c.w, c.h, c.ws, c.hs, Device(bytes), bytes);
    uint32_t size = 100000;
    EXPECT_EQ(acldvppJpegEncodeAsync(channel_, in, Device(size), &size, config_, stream_), ACL_ERROR_INVALID_PARAM);
    EXPECT_NE(RecentErrMsg().find(c.field), std::string::npos) << RecentErrMsg();
    EXPECT_EQ(size, 100000u);
    if (std::string(c.field) != "inputDesc.widthStride" && std::string(c.field) != "inputDesc.heightStride") {
      EXPECT_EQ(acldvppJpegPredictEncSize(in, config_, &size), ACL_ERROR_INVALID_PARAM);
    }
  }
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);  // nothing was queued
}

TEST_F(JpegEncode, BadBuffersAndArgumentsAreRefusedAtSubmission) {
  const Source s = MakeSource(PIXEL_FORMAT_YUV_SEMIPLANAR_420, kW, kH, kWs, kH);
  acldvppPicDesc* in = Input(PIXEL_FORMAT_YUV_SEMIPLANAR_420, s);
  uint32_t size = 100000;
  void* out = Device(size);
  // Input size below widthStride * heightStride * 3 / 2.
  acldvppPicDesc* short_in = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, kW, kH, kWs, kH, Device(s.bytes.size()),
                                 uint32_t(s.bytes.size() - 1));
  EXPECT_EQ(acldvppJpegEncodeAsync(channel_, short_in, out, &size, config_, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("inputDesc.size"), std::string::npos) << RecentErrMsg();
  // Input in host memory.
  std::vector<uint8_t> host(s.bytes);
  acldvppPicDesc* host_in = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, kW, kH, kWs, kH, host.data(), uint32_t(host.size()));
  EXPECT_EQ(acldvppJpegEncodeAsync(channel_, host_in, out, &size, config_, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("inputDesc.data"), std::string::npos) << RecentErrMsg();
  // Output: null, host memory, zero size, size beyond the allocation.
  EXPECT_EQ(acldvppJpegEncodeAsync(channel_, in, nullptr, &size, config_, stream_), ACL_ERROR_INVALID_PARAM);
  std::vector<uint8_t> host_out(size);
  EXPECT_EQ(acldvppJpegEncodeAsync(channel_, in, host_out.data(), &size, config_, stream_), ACL_ERROR_INVALID_PARAM);
  uint32_t zero = 0;
  EXPECT_EQ(acldvppJpegEncodeAsync(channel_, in, out, &zero, config_, stream_), ACL_ERROR_INVALID_PARAM);
  uint32_t too_big = size * 2;
  EXPECT_EQ(acldvppJpegEncodeAsync(channel_, in, out, &too_big, config_, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppJpegEncodeAsync(channel_, in, out, nullptr, config_, stream_), ACL_ERROR_INVALID_PARAM);
  // Null handles.
  EXPECT_EQ(acldvppJpegEncodeAsync(channel_, in, out, &size, nullptr, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppJpegEncodeAsync(channel_, nullptr, out, &size, config_, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppJpegEncodeAsync(nullptr, in, out, &size, config_, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppJpegPredictEncSize(nullptr, config_, &size), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppJpegPredictEncSize(in, nullptr, &size), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppJpegPredictEncSize(in, config_, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(size, 100000u);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
}

TEST_F(JpegEncode, ChannelMustBeOpenWithTheJpegeMode) {
  const Source s = MakeSource(PIXEL_FORMAT_YUV_SEMIPLANAR_420, kW, kH, kWs, kH);
  acldvppPicDesc* in = Input(PIXEL_FORMAT_YUV_SEMIPLANAR_420, s);
  uint32_t size = 100000;
  void* out = Device(size);
  acldvppChannelDesc* other = acldvppCreateChannelDesc();
  EXPECT_EQ(acldvppJpegEncodeAsync(other, in, out, &size, config_, stream_), ACL_ERROR_INVALID_PARAM);  // not open
  ASSERT_EQ(acldvppSetChannelDescMode(other, DVPP_CHNMODE_VPC | DVPP_CHNMODE_JPEGD), ACL_SUCCESS);
  ASSERT_EQ(acldvppCreateChannel(other), ACL_SUCCESS);
  EXPECT_EQ(acldvppJpegEncodeAsync(other, in, out, &size, config_, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("DVPP_CHNMODE_JPEGE"), std::string::npos) << RecentErrMsg();
  acldvppDestroyChannel(other);
  ASSERT_EQ(acldvppSetChannelDescMode(other, DVPP_CHNMODE_JPEGE), ACL_SUCCESS);
  ASSERT_EQ(acldvppCreateChannel(other), ACL_SUCCESS);
  EXPECT_EQ(acldvppJpegEncodeAsync(other, in, out, &size, config_, stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  acldvppDestroyChannel(other);
  acldvppDestroyChannelDesc(other);
}

TEST_F(JpegEncode, LevelZeroIsRefusedOnTheDefault310P) {
  const Source s = MakeSource(PIXEL_FORMAT_YUV_SEMIPLANAR_420, kW, kH, kWs, kH);
  acldvppPicDesc* in = Input(PIXEL_FORMAT_YUV_SEMIPLANAR_420, s);
  ASSERT_EQ(acldvppSetJpegeConfigLevel(config_, 0), ACL_SUCCESS);
  uint32_t size = 100000;
  EXPECT_EQ(acldvppJpegPredictEncSize(in, config_, &size), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("level"), std::string::npos) << RecentErrMsg();
  EXPECT_EQ(acldvppJpegEncodeAsync(channel_, in, Device(size), &size, config_, stream_), ACL_ERROR_INVALID_PARAM);
}

TEST_F(JpegEncode, OutputBufferTooSmallFailsTheStreamWithoutWriting) {
  const Source s = MakeSource(PIXEL_FORMAT_YUV_SEMIPLANAR_420, kW, kH, kWs, kH);
  const auto jpeg = Encode(PIXEL_FORMAT_YUV_SEMIPLANAR_420, s, 100);
  ASSERT_FALSE(jpeg.empty());
  acldvppPicDesc* in = Input(PIXEL_FORMAT_YUV_SEMIPLANAR_420, s);
  const std::vector<uint8_t> guard(jpeg.size() + 64, 0xEE);
  uint8_t* out = static_cast<uint8_t*>(Device(guard.size(), guard));
  uint32_t size = uint32_t(jpeg.size() - 1);
  ASSERT_EQ(acldvppJpegEncodeAsync(channel_, in, out, &size, config_, stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_ERROR_RT_AICPU_EXCEPTION);
  EXPECT_NE(RecentErrMsg().find("output buffer"), std::string::npos) << RecentErrMsg();
  EXPECT_EQ(size, jpeg.size() - 1);
  EXPECT_EQ(std::memcmp(out, guard.data(), guard.size()), 0);
  // Exactly the encoded size is enough, and gives the same bytes.
  size = uint32_t(jpeg.size());
  ASSERT_EQ(acldvppJpegEncodeAsync(channel_, in, out, &size, config_, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(size, jpeg.size());
  EXPECT_EQ(std::memcmp(out, jpeg.data(), jpeg.size()), 0);
  EXPECT_EQ(out[jpeg.size()], 0xEE);
}

// Ascend310/910 accept level 0 and encode it as level 100.
class JpegEncodeOn310 : public JpegEncode {
 protected:
  void SetUp() override {
    setenv("ACLSIM_SOC_NAME", "Ascend310", 1);
    JpegEncode::SetUp();
  }
  void TearDown() override {
    JpegEncode::TearDown();
    unsetenv("ACLSIM_SOC_NAME");
  }
};

TEST_F(JpegEncodeOn310, LevelZeroEncodesAsLevel100) {
  const Source s = MakeSource(PIXEL_FORMAT_YUV_SEMIPLANAR_420, kW, kH, kWs, kH);
  const auto zero = Encode(PIXEL_FORMAT_YUV_SEMIPLANAR_420, s, 0);
  const auto best = Encode(PIXEL_FORMAT_YUV_SEMIPLANAR_420, s, 100);
  ASSERT_FALSE(zero.empty());
  EXPECT_EQ(zero, best);
}

}  // namespace
}  // namespace aclsim_dvpp_test
