// VDEC (aclvdec*): descriptors, the documented constraints, and decoding through a channel whose
// callbacks run on a thread of the test's own, checked byte for byte against an independent
// libavcodec decode of the same stream and against the synthetic source.
#include <condition_variable>
#include <mutex>

#include "video_test_util.h"

namespace {

using aclsim_dvpp_test::DvppTest;
using aclsim_dvpp_test::RecentErrMsg;
using namespace aclsim_video_test;

constexpr uint32_t kW = 128, kH = 128, kWs = 128, kHs = 128;
constexpr uint32_t kOutSize = kWs * kHs * 3 / 2;

// What one callback received.
struct Delivery {
  acldvppStreamDesc* input;
  acldvppPicDesc* output;
  intptr_t user;
  uint32_t ret_code;
  Bytes picture;  // the output buffer's bytes at the time of the callback
  uint64_t thread;
};

struct Collector {
  std::mutex mutex;
  std::condition_variable cv;
  std::vector<Delivery> deliveries;
  bool WaitFor(size_t n) {
    std::unique_lock<std::mutex> lock(mutex);
    return cv.wait_for(lock, std::chrono::seconds(10), [&] { return deliveries.size() >= n; });
  }
};
Collector* collector = nullptr;

void OnFrame(acldvppStreamDesc* input, acldvppPicDesc* output, void* user) {
  Delivery d{input, output, reinterpret_cast<intptr_t>(user), 0, {}, static_cast<uint64_t>(pthread_self())};
  if (output != nullptr) {
    d.ret_code = acldvppGetPicDescRetCode(output);
    const auto* data = static_cast<const uint8_t*>(acldvppGetPicDescData(output));
    d.picture.assign(data, data + acldvppGetPicDescSize(output));
  }
  std::lock_guard<std::mutex> lock(collector->mutex);
  collector->deliveries.push_back(std::move(d));
  collector->cv.notify_all();
}

class Vdec : public DvppTest {
 protected:
  void SetUp() override {
    DvppTest::SetUp();
    ASSERT_EQ(aclrtGetCurrentContext(&context_), ACL_SUCCESS);
    reporter_ = std::make_unique<ReportThread>(context_);
    collector = &collector_;
    desc_ = aclvdecCreateChannelDesc();
    ASSERT_NE(desc_, nullptr);
    aclvdecSetChannelDescChannelId(desc_, 3);
    aclvdecSetChannelDescThreadId(desc_, reporter_->id());
    aclvdecSetChannelDescCallback(desc_, OnFrame);
    aclvdecSetChannelDescEnType(desc_, H264_MAIN_LEVEL);
    aclvdecSetChannelDescOutPicFormat(desc_, PIXEL_FORMAT_YUV_SEMIPLANAR_420);
  }
  void TearDown() override {
    aclvdecDestroyChannelDesc(desc_);  // destroys a channel still open
    for (acldvppStreamDesc* s : streams_) acldvppDestroyStreamDesc(s);
    reporter_.reset();
    collector = nullptr;
    DvppTest::TearDown();
  }

  acldvppStreamDesc* Input(const Bytes& packet, uint8_t eos = 0) {
    acldvppStreamDesc* s = acldvppCreateStreamDesc();
    if (!packet.empty()) {
      acldvppSetStreamDescData(s, Device(packet.size(), packet));
      acldvppSetStreamDescSize(s, uint32_t(packet.size()));
    }
    acldvppSetStreamDescEos(s, eos);
    streams_.push_back(s);
    return s;
  }
  acldvppPicDesc* Output(uint32_t size = kOutSize) {
    acldvppPicDesc* p = acldvppCreatePicDesc();
    acldvppSetPicDescData(p, Device(size));
    acldvppSetPicDescSize(p, size);
    descs_.push_back(p);
    return p;
  }
  aclError SendEos() { return aclvdecSendFrame(desc_, Input({}, 1), nullptr, nullptr, nullptr); }

  // Sends every packet (user data: its index) then the end of stream.
  void DecodeAll(const std::vector<Bytes>& packets) {
    first_input_ = streams_.size();
    ASSERT_EQ(aclvdecCreateChannel(desc_), ACL_SUCCESS) << RecentErrMsg();
    for (size_t i = 0; i < packets.size(); ++i) {
      ASSERT_EQ(aclvdecSendFrame(desc_, Input(packets[i]), Output(), nullptr, reinterpret_cast<void*>(i)), ACL_SUCCESS)
          << RecentErrMsg();
    }
    ASSERT_EQ(SendEos(), ACL_SUCCESS) << RecentErrMsg();
  }

  // Every frame came back once, on the report thread, identical to libavcodec's picture.
  void ExpectMatchesReference(AVCodecID codec, const std::vector<Bytes>& packets) {
    const auto reference = DecodeReference(codec, packets);
    ASSERT_EQ(reference.size(), packets.size());
    ASSERT_EQ(collector_.deliveries.size(), packets.size());
    std::vector<int> seen(packets.size(), 0);
    for (const Delivery& d : collector_.deliveries) {
      ASSERT_GE(d.user, 0);
      ASSERT_LT(size_t(d.user), packets.size());
      ++seen[size_t(d.user)];
      EXPECT_EQ(d.thread, reporter_->id());
      EXPECT_EQ(d.input, streams_[first_input_ + size_t(d.user)]);
      ASSERT_NE(d.output, nullptr);
      EXPECT_EQ(d.ret_code, 0u) << "frame " << d.user;
      EXPECT_EQ(acldvppGetPicDescWidth(d.output), kW);
      EXPECT_EQ(acldvppGetPicDescHeight(d.output), kH);
      EXPECT_EQ(acldvppGetPicDescWidthStride(d.output), kWs);
      EXPECT_EQ(acldvppGetPicDescHeightStride(d.output), kHs);
      const RefPicture& ref = reference.at(d.user);
      ASSERT_EQ(d.picture.size(), ref.nv12.size());
      EXPECT_EQ(d.picture, ref.nv12) << "frame " << d.user << " differs from libavcodec's decode";
    }
    for (int n : seen) EXPECT_EQ(n, 1);
  }

  aclrtContext context_ = nullptr;
  std::unique_ptr<ReportThread> reporter_;
  Collector collector_;
  aclvdecChannelDesc* desc_ = nullptr;
  std::vector<acldvppStreamDesc*> streams_;
  size_t first_input_ = 0;  // streams_ index of the first frame DecodeAll sent
};

TEST_F(Vdec, DecodesH264ByteExactAndCloseToTheSource) {
  const auto packets = EncodeSequence("libx264", kW, kH, 6);
  ASSERT_EQ(packets.size(), 6u);
  DecodeAll(packets);
  ExpectMatchesReference(AV_CODEC_ID_H264, packets);
  for (const Delivery& d : collector_.deliveries) {
    const Bytes source = SyntheticFrame(kW, kH, kWs, kHs, int(d.user));
    EXPECT_GT(LumaPsnr(d.picture.data(), kWs, source.data(), kWs, kW, kH), 30.0) << "frame " << d.user;
  }
}

TEST_F(Vdec, DecodesH265ByteExact) {
  aclvdecSetChannelDescEnType(desc_, H265_MAIN_LEVEL);
  const auto packets = EncodeSequence("libx265", kW, kH, 5);
  ASSERT_EQ(packets.size(), 5u);
  DecodeAll(packets);
  ExpectMatchesReference(AV_CODEC_ID_HEVC, packets);
}

TEST_F(Vdec, DecodesH265Main10ToEightBits) {
  aclvdecSetChannelDescEnType(desc_, H265_MAIN_LEVEL);
  const auto packets = EncodeSequence("libx265", kW, kH, 3, 0, /*ten_bit=*/true);
  ASSERT_EQ(packets.size(), 3u);
  DecodeAll(packets);
  ExpectMatchesReference(AV_CODEC_ID_HEVC, packets);  // the reference rounds (v + 2) >> 2 too
  for (const Delivery& d : collector_.deliveries) {
    const Bytes source = SyntheticFrame(kW, kH, kWs, kHs, int(d.user));
    EXPECT_GT(LumaPsnr(d.picture.data(), kWs, source.data(), kWs, kW, kH), 30.0) << "frame " << d.user;
  }
}

TEST_F(Vdec, EndOfStreamFlushesFramesHeldForReordering) {
  // B frames: the decoder holds pictures back until later frames (or the end of stream) come.
  const auto packets = EncodeSequence("libx264", kW, kH, 8, 2);
  ASSERT_EQ(packets.size(), 8u);
  DecodeAll(packets);
  ExpectMatchesReference(AV_CODEC_ID_H264, packets);
}

TEST_F(Vdec, Nv21OutputSwapsTheChroma) {
  aclvdecSetChannelDescOutPicFormat(desc_, PIXEL_FORMAT_YVU_SEMIPLANAR_420);
  const auto packets = EncodeSequence("libx264", kW, kH, 2);
  DecodeAll(packets);
  const auto reference = DecodeReference(AV_CODEC_ID_H264, packets);
  ASSERT_EQ(collector_.deliveries.size(), 2u);
  for (const Delivery& d : collector_.deliveries) {
    EXPECT_EQ(acldvppGetPicDescFormat(d.output), PIXEL_FORMAT_YVU_SEMIPLANAR_420);
    Bytes expected = reference.at(d.user).nv12;
    for (size_t i = size_t{kWs} * kHs; i < expected.size(); i += 2) std::swap(expected[i], expected[i + 1]);
    EXPECT_EQ(d.picture, expected);
  }
}

TEST_F(Vdec, Rgb888OutputUsesTheBt601FullRangeMatrix) {
  aclvdecSetChannelDescOutPicFormat(desc_, PIXEL_FORMAT_RGB_888);  // Ascend310P, the default SoC
  const auto packets = EncodeSequence("libx264", kW, kH, 1);
  ASSERT_EQ(aclvdecCreateChannel(desc_), ACL_SUCCESS);
  const uint32_t ws = kW * 3, size = ws * kH;
  acldvppPicDesc* out = Output(size);
  ASSERT_EQ(aclvdecSendFrame(desc_, Input(packets[0]), out, nullptr, nullptr), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(SendEos(), ACL_SUCCESS);
  ASSERT_EQ(collector_.deliveries.size(), 1u);
  ASSERT_EQ(collector_.deliveries[0].ret_code, 0u);
  EXPECT_EQ(acldvppGetPicDescWidthStride(out), ws);  // the width aligned to 16, times 3
  EXPECT_EQ(acldvppGetPicDescHeightStride(out), kH);
  const Bytes nv12 = DecodeReference(AV_CODEC_ID_H264, packets).at(0).nv12;
  Bytes expected(size);
  for (uint32_t y = 0; y < kH; ++y)
    for (uint32_t x = 0; x < kW; ++x) {
      const double l = nv12[y * kW + x], u = nv12[kW * kH + (y / 2) * kW + (x / 2) * 2] - 128.0,
                   v = nv12[kW * kH + (y / 2) * kW + (x / 2) * 2 + 1] - 128.0;
      const double rgb[3] = {l + 1.402 * v, l - 0.344136 * u - 0.714136 * v, l + 1.772 * u};
      for (int c = 0; c < 3; ++c) expected[y * ws + x * 3 + c] = uint8_t(std::clamp(std::lround(rgb[c]), 0L, 255L));
    }
  EXPECT_GT(aclsim_dvpp_test::Psnr(collector_.deliveries[0].picture.data(), expected.data(), size), 45.0);

}

TEST_F(Vdec, OutputOfAnotherSizeIsScaled) {
  const auto packets = EncodeSequence("libx264", kW, kH, 1);
  ASSERT_EQ(aclvdecCreateChannel(desc_), ACL_SUCCESS);
  acldvppPicDesc* out = Output(64 * 64 * 3 / 2);
  acldvppSetPicDescWidth(out, 64);
  acldvppSetPicDescHeight(out, 64);
  acldvppSetPicDescWidthStride(out, 64);
  acldvppSetPicDescHeightStride(out, 64);
  ASSERT_EQ(aclvdecSendFrame(desc_, Input(packets[0]), out, nullptr, nullptr), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(SendEos(), ACL_SUCCESS);
  ASSERT_EQ(collector_.deliveries.size(), 1u);
  EXPECT_EQ(collector_.deliveries[0].ret_code, 0u);
  EXPECT_EQ(acldvppGetPicDescWidth(out), 64u);
  // Against the source averaged over 2x2 blocks.
  const Bytes source = SyntheticFrame(kW, kH, kWs, kHs, 0);
  Bytes half(64 * 64);
  for (uint32_t y = 0; y < 64; ++y)
    for (uint32_t x = 0; x < 64; ++x) {
      const size_t i = size_t{2 * y} * kWs + 2 * x;
      half[y * 64 + x] = uint8_t((source[i] + source[i + 1] + source[i + kWs] + source[i + kWs + 1] + 2) / 4);
    }
  EXPECT_GT(LumaPsnr(collector_.deliveries[0].picture.data(), 64, half.data(), 64, 64, 64), 30.0);
}

TEST_F(Vdec, FastOutputModeCallsBackBeforeTheNextFrame) {
  aclvdecSetChannelDescOutMode(desc_, 1);
  const auto packets = EncodeSequence("libx264", kW, kH, 3);
  first_input_ = streams_.size();
  ASSERT_EQ(aclvdecCreateChannel(desc_), ACL_SUCCESS);
  for (size_t i = 0; i < packets.size(); ++i) {
    ASSERT_EQ(aclvdecSendFrame(desc_, Input(packets[i]), Output(), nullptr, reinterpret_cast<void*>(i)), ACL_SUCCESS);
    ASSERT_TRUE(collector_.WaitFor(i + 1)) << "frame " << i << " was not called back before the next was sent";
  }
  ASSERT_EQ(SendEos(), ACL_SUCCESS);
  ExpectMatchesReference(AV_CODEC_ID_H264, packets);
}

TEST_F(Vdec, SkippedFrameIsDecodedButCalledBackWithoutOutput) {
  const auto packets = EncodeSequence("libx264", kW, kH, 3);
  ASSERT_EQ(aclvdecCreateChannel(desc_), ACL_SUCCESS);
  acldvppStreamDesc* first = Input(packets[0]);
  ASSERT_EQ(aclvdecSendSkippedFrame(desc_, first, nullptr, reinterpret_cast<void*>(0)), ACL_SUCCESS) << RecentErrMsg();
  for (size_t i = 1; i < packets.size(); ++i) {
    ASSERT_EQ(aclvdecSendFrame(desc_, Input(packets[i]), Output(), nullptr, reinterpret_cast<void*>(i)), ACL_SUCCESS);
  }
  ASSERT_EQ(SendEos(), ACL_SUCCESS);
  const auto reference = DecodeReference(AV_CODEC_ID_H264, packets);
  ASSERT_EQ(collector_.deliveries.size(), 3u);
  for (const Delivery& d : collector_.deliveries) {
    if (d.user == 0) {
      EXPECT_EQ(d.output, nullptr);
      EXPECT_EQ(d.input, first);
    } else {  // the later frames still predict from the skipped one
      ASSERT_NE(d.output, nullptr);
      EXPECT_EQ(d.picture, reference.at(d.user).nv12);
    }
  }
}

TEST_F(Vdec, CorruptFrameIsCalledBackWithANonZeroRetCode) {
  auto packets = EncodeSequence("libx264", kW, kH, 3);
  // Frame 1 (a P frame) keeps its start code and NAL header; its slice data becomes garbage.
  for (size_t i = 6; i < packets[1].size(); ++i) packets[1][i] = uint8_t(0xA5 ^ (i * 37));
  packets.push_back(Bytes(64, 0x5A));  // no start code at all
  ASSERT_EQ(aclvdecCreateChannel(desc_), ACL_SUCCESS);
  for (size_t i = 0; i < packets.size(); ++i) {
    ASSERT_EQ(aclvdecSendFrame(desc_, Input(packets[i]), Output(), nullptr, reinterpret_cast<void*>(i)), ACL_SUCCESS);
  }
  ASSERT_EQ(SendEos(), ACL_SUCCESS);
  ASSERT_EQ(collector_.deliveries.size(), packets.size());
  for (const Delivery& d : collector_.deliveries) {
    if (d.user == 0) {
      EXPECT_EQ(d.ret_code, 0u);
    } else if (d.user == 1 || d.user == 3) {
      EXPECT_NE(d.ret_code, 0u) << "frame " << d.user;
    }
  }
}

TEST_F(Vdec, OutputSmallerThanTheStreamGivesRetCode) {
  const auto packets = EncodeSequence("libx264", kW, kH, 1);
  ASSERT_EQ(aclvdecCreateChannel(desc_), ACL_SUCCESS);
  acldvppPicDesc* out = Output(kOutSize - 1);  // size only: the stream decides the picture
  ASSERT_EQ(aclvdecSendFrame(desc_, Input(packets[0]), out, nullptr, nullptr), ACL_SUCCESS);
  ASSERT_EQ(SendEos(), ACL_SUCCESS);
  ASSERT_EQ(collector_.deliveries.size(), 1u);
  EXPECT_EQ(collector_.deliveries[0].ret_code, 4u);  // AICPU_DVPP_KERNEL_STATE_OUTPUT_SIZE_INVALID
  EXPECT_TRUE(std::all_of(collector_.deliveries[0].picture.begin(), collector_.deliveries[0].picture.end(),
                          [](uint8_t b) { return b == 0; }));
}

TEST_F(Vdec, StreamBelow128x128GivesRetCode) {
  const auto packets = EncodeSequence("libx264", 96, 96, 1);
  DecodeAll(packets);
  ASSERT_EQ(collector_.deliveries.size(), 1u);
  EXPECT_EQ(collector_.deliveries[0].ret_code, 0x10006u);
}

TEST_F(Vdec, StreamLargerThanTheChannelOutSizeGivesRetCode) {
  aclvdecSetChannelDescOutPicWidth(desc_, 64);
  aclvdecSetChannelDescOutPicHeight(desc_, 64);
  DecodeAll(EncodeSequence("libx264", kW, kH, 1));
  ASSERT_EQ(collector_.deliveries.size(), 1u);
  EXPECT_EQ(collector_.deliveries[0].ret_code, 0x20002u);
}

TEST_F(Vdec, DestroyChannelWaitsForEveryCallback) {
  const auto packets = EncodeSequence("libx264", kW, kH, 4);
  ASSERT_EQ(aclvdecCreateChannel(desc_), ACL_SUCCESS);
  for (size_t i = 0; i < packets.size(); ++i) {
    ASSERT_EQ(aclvdecSendFrame(desc_, Input(packets[i]), Output(), nullptr, reinterpret_cast<void*>(i)), ACL_SUCCESS);
  }
  ASSERT_EQ(aclvdecDestroyChannel(desc_), ACL_SUCCESS);
  EXPECT_EQ(collector_.deliveries.size(), packets.size());
  // The channel can be created again on the same descriptor and decodes a new stream.
  collector_.deliveries.clear();
  DecodeAll(packets);
  ExpectMatchesReference(AV_CODEC_ID_H264, packets);
}

// The way CANN's vdec sample drives a channel: one stream descriptor reused for every frame and
// destroyed before the channel, the output buffer and descriptor freed in the callback, no end of
// stream (aclvdecDestroyChannel flushes).
int sample_callbacks = 0;
int sample_good_pictures = 0;
void SampleCallback(acldvppStreamDesc*, acldvppPicDesc* output, void*) {
  ++sample_callbacks;
  if (acldvppGetPicDescRetCode(output) == 0 && acldvppGetPicDescWidth(output) == kW) ++sample_good_pictures;
  acldvppFree(acldvppGetPicDescData(output));
  acldvppDestroyPicDesc(output);
}

TEST_F(Vdec, SampleStyleProgramFreesInTheCallback) {
  sample_callbacks = 0;
  sample_good_pictures = 0;
  aclvdecSetChannelDescCallback(desc_, SampleCallback);
  aclvdecSetChannelDescEnType(desc_, H265_MAIN_LEVEL);
  const Bytes frame = EncodeSequence("libx265", kW, kH, 1).at(0);  // one I frame, sent ten times
  ASSERT_EQ(aclvdecCreateChannel(desc_), ACL_SUCCESS);
  void* data = Device(frame.size(), frame);
  acldvppStreamDesc* input = acldvppCreateStreamDesc();
  for (int i = 0; i < 10; ++i) {
    acldvppSetStreamDescData(input, data);
    acldvppSetStreamDescSize(input, uint32_t(frame.size()));
    void* buffer = nullptr;
    ASSERT_EQ(acldvppMalloc(&buffer, kOutSize), ACL_SUCCESS);
    acldvppPicDesc* output = acldvppCreatePicDesc();
    acldvppSetPicDescData(output, buffer);
    acldvppSetPicDescSize(output, kOutSize);
    acldvppSetPicDescFormat(output, PIXEL_FORMAT_YUV_SEMIPLANAR_420);
    ASSERT_EQ(aclvdecSendFrame(desc_, input, output, nullptr, nullptr), ACL_SUCCESS) << RecentErrMsg();
  }
  ASSERT_EQ(acldvppDestroyStreamDesc(input), ACL_SUCCESS);
  ASSERT_EQ(aclvdecDestroyChannel(desc_), ACL_SUCCESS);
  EXPECT_EQ(sample_callbacks, 10);
  EXPECT_EQ(sample_good_pictures, 10);
}

TEST_F(Vdec, SendFrameChecksItsArguments) {
  const auto packets = EncodeSequence("libx264", kW, kH, 1);
  acldvppStreamDesc* in = Input(packets[0]);
  EXPECT_EQ(aclvdecSendFrame(desc_, in, Output(), nullptr, nullptr), ACL_ERROR_INVALID_PARAM);  // not created
  EXPECT_NE(RecentErrMsg().find("aclvdecCreateChannel"), std::string::npos) << RecentErrMsg();
  ASSERT_EQ(aclvdecCreateChannel(desc_), ACL_SUCCESS);
  EXPECT_EQ(aclvdecSendFrame(desc_, nullptr, Output(), nullptr, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvdecSendFrame(desc_, in, nullptr, nullptr, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvdecSendFrame(desc_, Input({}), Output(), nullptr, nullptr), ACL_ERROR_INVALID_PARAM);  // empty, no eos
  EXPECT_NE(RecentErrMsg().find("eos"), std::string::npos) << RecentErrMsg();
  // Input in host memory.
  Bytes host = packets[0];
  acldvppStreamDesc* on_host = Input({});
  acldvppSetStreamDescData(on_host, host.data());
  acldvppSetStreamDescSize(on_host, uint32_t(host.size()));
  EXPECT_EQ(aclvdecSendFrame(desc_, on_host, Output(), nullptr, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("input.data"), std::string::npos) << RecentErrMsg();
  // Output: a format VDEC does not write, some sizes but not all, a buffer too small for the sizes.
  acldvppPicDesc* yuv422 = Output();
  acldvppSetPicDescFormat(yuv422, PIXEL_FORMAT_YUV_SEMIPLANAR_422);
  EXPECT_EQ(aclvdecSendFrame(desc_, in, yuv422, nullptr, nullptr), ACL_ERROR_INVALID_PARAM);
  acldvppPicDesc* partial = Output();
  acldvppSetPicDescWidth(partial, kW);
  EXPECT_EQ(aclvdecSendFrame(desc_, in, partial, nullptr, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("all four"), std::string::npos) << RecentErrMsg();
  acldvppPicDesc* small = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, kW, kH, kWs, kHs, Device(kOutSize), kOutSize - 1);
  EXPECT_EQ(aclvdecSendFrame(desc_, in, small, nullptr, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("output.size"), std::string::npos) << RecentErrMsg();
  acldvppPicDesc* unaligned = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 120, kH, 120, kHs, Device(kOutSize), kOutSize);
  EXPECT_EQ(aclvdecSendFrame(desc_, in, unaligned, nullptr, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("widthStride"), std::string::npos) << RecentErrMsg();
  acldvppPicDesc* odd = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 127, kH, kWs, kHs, Device(kOutSize), kOutSize);
  EXPECT_EQ(aclvdecSendFrame(desc_, in, odd, nullptr, nullptr), ACL_ERROR_INVALID_PARAM);
  // Skipped frames cannot carry the end of stream.
  EXPECT_EQ(aclvdecSendSkippedFrame(desc_, Input(packets[0], 1), nullptr, nullptr), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclvdecDestroyChannel(desc_), ACL_SUCCESS);
  EXPECT_TRUE(collector_.deliveries.empty());  // nothing was queued by the failed calls
  EXPECT_EQ(aclvdecDestroyChannel(desc_), ACL_ERROR_INVALID_PARAM);  // not open any more
}

TEST_F(Vdec, CreateChannelChecksTheDescriptor) {
  aclvdecChannelDesc* bare = aclvdecCreateChannelDesc();
  aclvdecSetChannelDescThreadId(bare, reporter_->id());
  EXPECT_EQ(aclvdecCreateChannel(bare), ACL_ERROR_INVALID_PARAM);  // no callback
  EXPECT_NE(RecentErrMsg().find("callback"), std::string::npos) << RecentErrMsg();
  aclvdecSetChannelDescThreadId(bare, 0);
  aclvdecSetChannelDescCallback(bare, OnFrame);
  EXPECT_EQ(aclvdecCreateChannel(bare), ACL_ERROR_INVALID_PARAM);  // no thread
  EXPECT_NE(RecentErrMsg().find("thread"), std::string::npos) << RecentErrMsg();
  aclvdecDestroyChannelDesc(bare);
  ASSERT_EQ(aclvdecCreateChannel(desc_), ACL_SUCCESS);
  EXPECT_EQ(aclvdecCreateChannel(desc_), ACL_ERROR_INVALID_PARAM);  // already open
  aclvdecChannelDesc* same_id = aclvdecCreateChannelDesc();
  aclvdecSetChannelDescChannelId(same_id, 3);
  aclvdecSetChannelDescThreadId(same_id, reporter_->id());
  aclvdecSetChannelDescCallback(same_id, OnFrame);
  EXPECT_EQ(aclvdecCreateChannel(same_id), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("already open"), std::string::npos) << RecentErrMsg();
  aclvdecSetChannelDescChannelId(same_id, 4);
  EXPECT_EQ(aclvdecCreateChannel(same_id), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(aclvdecDestroyChannel(same_id), ACL_SUCCESS);
  aclvdecDestroyChannelDesc(same_id);
}

TEST_F(Vdec, DescriptorAccessorsRoundTripAndCheckRanges) {
  aclvdecChannelDesc* d = aclvdecCreateChannelDesc();
  EXPECT_EQ(aclvdecGetChannelDescOutPicFormat(d), PIXEL_FORMAT_YUV_SEMIPLANAR_420);  // documented default
  EXPECT_EQ(aclvdecSetChannelDescChannelId(d, 255), ACL_SUCCESS);
  EXPECT_EQ(aclvdecSetChannelDescChannelId(d, 256), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvdecGetChannelDescChannelId(d), 255u);
  EXPECT_EQ(aclvdecSetChannelDescThreadId(d, 77), ACL_SUCCESS);
  EXPECT_EQ(aclvdecGetChannelDescThreadId(d), 77u);
  EXPECT_EQ(aclvdecSetChannelDescCallback(d, OnFrame), ACL_SUCCESS);
  EXPECT_EQ(aclvdecGetChannelDescCallback(d), &OnFrame);
  EXPECT_EQ(aclvdecSetChannelDescEnType(d, H264_HIGH_LEVEL), ACL_SUCCESS);
  EXPECT_EQ(aclvdecSetChannelDescEnType(d, static_cast<acldvppStreamFormat>(4)), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvdecGetChannelDescEnType(d), H264_HIGH_LEVEL);
  EXPECT_EQ(aclvdecSetChannelDescOutPicFormat(d, PIXEL_FORMAT_YVU_SEMIPLANAR_420), ACL_SUCCESS);
  EXPECT_EQ(aclvdecSetChannelDescOutPicFormat(d, PIXEL_FORMAT_YUV_400), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvdecGetChannelDescOutPicFormat(d), PIXEL_FORMAT_YVU_SEMIPLANAR_420);
  EXPECT_EQ(aclvdecSetChannelDescOutPicWidth(d, 1920), ACL_SUCCESS);
  EXPECT_EQ(aclvdecSetChannelDescOutPicHeight(d, 1080), ACL_SUCCESS);
  EXPECT_EQ(aclvdecGetChannelDescOutPicWidth(d), 1920u);
  EXPECT_EQ(aclvdecGetChannelDescOutPicHeight(d), 1080u);
  EXPECT_EQ(aclvdecSetChannelDescRefFrameNum(d, 16), ACL_SUCCESS);
  EXPECT_EQ(aclvdecSetChannelDescRefFrameNum(d, 17), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvdecGetChannelDescRefFrameNum(d), 16u);
  EXPECT_EQ(aclvdecSetChannelDescBitDepth(d, 0), ACL_SUCCESS);
  EXPECT_EQ(aclvdecSetChannelDescBitDepth(d, 2), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvdecGetChannelDescBitDepth(d), 0u);
  EXPECT_EQ(aclvdecSetChannelDescOutMode(d, 1), ACL_SUCCESS);
  EXPECT_EQ(aclvdecSetChannelDescOutMode(d, 2), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvdecGetChannelDescOutMode(d), 1u);
  // The param forms reach the same fields.
  const uint32_t csc = ACL_DVPP_CSC_MATRIX_BT709_WIDE, id = 9;
  EXPECT_EQ(aclvdecSetChannelDescParam(d, ACL_VDEC_CSC_MATRIX_UINT32, sizeof(csc), &csc), ACL_SUCCESS);
  EXPECT_EQ(aclvdecSetChannelDescParam(d, ACL_VDEC_CHANNEL_ID_UINT32, sizeof(id), &id), ACL_SUCCESS);
  EXPECT_EQ(aclvdecGetChannelDescChannelId(d), 9u);
  EXPECT_EQ(aclvdecSetChannelDescParam(d, ACL_VDEC_CHANNEL_ID_UINT32, 8, &id), ACL_ERROR_INVALID_PARAM);
  const uint32_t bad_csc = 6;
  EXPECT_EQ(aclvdecSetChannelDescParam(d, ACL_VDEC_CSC_MATRIX_UINT32, 4, &bad_csc), ACL_ERROR_INVALID_PARAM);
  uint32_t value = 0;
  size_t size = 0;
  EXPECT_EQ(aclvdecGetChannelDescParam(d, ACL_VDEC_CSC_MATRIX_UINT32, sizeof(value), &size, &value), ACL_SUCCESS);
  EXPECT_EQ(value, csc);
  EXPECT_EQ(size, sizeof(uint32_t));
  aclvdecCallback callback = nullptr;
  EXPECT_EQ(aclvdecGetChannelDescParam(d, ACL_VDEC_CALLBACK_PTR, sizeof(callback), &size, &callback), ACL_SUCCESS);
  EXPECT_EQ(callback, &OnFrame);
  uint64_t thread = 0;
  EXPECT_EQ(aclvdecGetChannelDescParam(d, ACL_VDEC_THREAD_ID_UINT64, 4, &size, &thread), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvdecGetChannelDescParam(d, static_cast<aclvdecChannelDescParamType>(11), 4, &size, &value),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvdecDestroyChannelDesc(d), ACL_SUCCESS);
  EXPECT_EQ(aclvdecDestroyChannelDesc(d), ACL_ERROR_INVALID_PARAM);  // stale handle
  aclvdecFrameConfig* config = aclvdecCreateFrameConfig();
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(aclvdecDestroyFrameConfig(config), ACL_SUCCESS);
  EXPECT_EQ(aclvdecDestroyFrameConfig(nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST_F(Vdec, ChannelOutlivingItsContextFailsCleanly) {
  aclrtContext extra = nullptr;
  ASSERT_EQ(aclrtCreateContext(&extra, 0), ACL_SUCCESS);  // current now
  ASSERT_EQ(aclvdecCreateChannel(desc_), ACL_SUCCESS) << RecentErrMsg();
  const auto packets = EncodeSequence("libx264", kW, kH, 2);
  ASSERT_EQ(aclvdecSendFrame(desc_, Input(packets[0]), Output(), nullptr, nullptr), ACL_SUCCESS);
  ASSERT_TRUE(collector_.WaitFor(1));
  ASSERT_EQ(aclrtDestroyContext(extra), ACL_SUCCESS);  // releases the channel's stream with it
  ASSERT_EQ(aclrtSetCurrentContext(context_), ACL_SUCCESS);
  EXPECT_EQ(aclvdecSendFrame(desc_, Input(packets[1]), Output(), nullptr, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("context or device was destroyed"), std::string::npos) << RecentErrMsg();
  EXPECT_EQ(aclvdecSendSkippedFrame(desc_, Input(packets[1]), nullptr, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(SendEos(), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvdecDestroyChannel(desc_), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("destroyed"), std::string::npos) << RecentErrMsg();
  EXPECT_EQ(aclvdecDestroyChannelDesc(desc_), ACL_ERROR_INVALID_PARAM);  // frees it all the same
  EXPECT_NE(RecentErrMsg().find("freed"), std::string::npos) << RecentErrMsg();
  desc_ = nullptr;
  // The channel went with its descriptor: its id opens again.
  aclvdecChannelDesc* again = aclvdecCreateChannelDesc();
  aclvdecSetChannelDescChannelId(again, 3);
  aclvdecSetChannelDescThreadId(again, reporter_->id());
  aclvdecSetChannelDescCallback(again, OnFrame);
  EXPECT_EQ(aclvdecCreateChannel(again), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(aclvdecDestroyChannelDesc(again), ACL_SUCCESS);
}

// The callback thread cannot wait for its own callbacks: ending the stream or destroying the
// channel from it fails instead of hanging.
aclvdecChannelDesc* reentrant_desc = nullptr;
acldvppStreamDesc* reentrant_eos_input = nullptr;
std::atomic<int> reentrant_eos{-1}, reentrant_destroy{-1};
void EndsTheStreamFromTheCallback(acldvppStreamDesc* input, acldvppPicDesc* output, void* user) {
  reentrant_eos = aclvdecSendFrame(reentrant_desc, reentrant_eos_input, nullptr, nullptr, nullptr);
  reentrant_destroy = aclvdecDestroyChannel(reentrant_desc);
  OnFrame(input, output, user);
}

TEST_F(Vdec, EndOfStreamFromTheCallbackThreadFails) {
  aclvdecSetChannelDescCallback(desc_, EndsTheStreamFromTheCallback);
  reentrant_desc = desc_;
  reentrant_eos_input = Input({}, 1);
  const auto packets = EncodeSequence("libx264", kW, kH, 1);
  ASSERT_EQ(aclvdecCreateChannel(desc_), ACL_SUCCESS);
  ASSERT_EQ(aclvdecSendFrame(desc_, Input(packets[0]), Output(), nullptr, nullptr), ACL_SUCCESS);
  ASSERT_EQ(SendEos(), ACL_SUCCESS) << RecentErrMsg();  // from this thread: waits for the callback
  EXPECT_EQ(collector_.deliveries.size(), 1u);
  EXPECT_EQ(reentrant_eos, ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(reentrant_destroy, ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclvdecDestroyChannel(desc_), ACL_SUCCESS);
  reentrant_desc = nullptr;
}

TEST_F(Vdec, SingleThreadedProgramCannotEndItsOwnStream) {
  aclvdecSetChannelDescThreadId(desc_, static_cast<uint64_t>(pthread_self()));
  ASSERT_EQ(aclvdecCreateChannel(desc_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(SendEos(), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("callback thread"), std::string::npos) << RecentErrMsg();
  EXPECT_EQ(aclvdecDestroyChannel(desc_), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvdecDestroyChannelDesc(desc_), ACL_ERROR_INVALID_PARAM);
  // Another thread can: nothing was sent, so there is no callback to wait for.
  aclError ret = ACL_ERROR_FAILURE;
  std::thread([&] { ret = aclvdecDestroyChannel(desc_); }).join();
  EXPECT_EQ(ret, ACL_SUCCESS) << RecentErrMsg();
}

// Documented: a callback thread serves the channels of one device.
class VdecTwoDevices : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("ACLSIM_DEVICE_COUNT", "2", 1);
    ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  }
  void TearDown() override {
    aclrtResetDevice(1);
    aclrtResetDevice(0);
    aclFinalize();
    unsetenv("ACLSIM_DEVICE_COUNT");
  }
};

TEST_F(VdecTwoDevices, OneCallbackThreadServesOneDevice) {
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  aclrtContext context = nullptr;
  ASSERT_EQ(aclrtGetCurrentContext(&context), ACL_SUCCESS);
  ReportThread reporter(context);
  aclvdecChannelDesc* first = aclvdecCreateChannelDesc();
  aclvdecSetChannelDescThreadId(first, reporter.id());
  aclvdecSetChannelDescCallback(first, OnFrame);
  ASSERT_EQ(aclvdecCreateChannel(first), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(aclrtSetDevice(1), ACL_SUCCESS);
  aclvdecChannelDesc* second = aclvdecCreateChannelDesc();
  aclvdecSetChannelDescThreadId(second, reporter.id());
  aclvdecSetChannelDescCallback(second, OnFrame);
  EXPECT_EQ(aclvdecCreateChannel(second), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("device 0"), std::string::npos) << RecentErrMsg();
  ASSERT_EQ(aclvdecDestroyChannel(first), ACL_SUCCESS);  // the thread is free again
  EXPECT_EQ(aclvdecCreateChannel(second), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(aclvdecDestroyChannel(second), ACL_SUCCESS);
  aclvdecDestroyChannelDesc(second);
  aclvdecDestroyChannelDesc(first);
}

// Ascend310/910: channel ids up to 31, reference frame number and bit depth not settable.
class VdecOn310 : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("ACLSIM_SOC_NAME", "Ascend310", 1);
    ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  }
  void TearDown() override {
    aclFinalize();
    unsetenv("ACLSIM_SOC_NAME");
  }
};

TEST_F(VdecOn310, ChannelIdRangeAndFixedSettings) {
  aclvdecChannelDesc* d = aclvdecCreateChannelDesc();
  EXPECT_EQ(aclvdecSetChannelDescChannelId(d, 31), ACL_SUCCESS);
  EXPECT_EQ(aclvdecSetChannelDescChannelId(d, 32), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvdecSetChannelDescRefFrameNum(d, 4), ACL_ERROR_FEATURE_UNSUPPORTED);
  EXPECT_EQ(aclvdecSetChannelDescBitDepth(d, 0), ACL_ERROR_FEATURE_UNSUPPORTED);
  EXPECT_EQ(aclvdecSetChannelDescOutPicFormat(d, PIXEL_FORMAT_RGB_888), ACL_ERROR_INVALID_PARAM);
  aclvdecDestroyChannelDesc(d);
}

}  // namespace
