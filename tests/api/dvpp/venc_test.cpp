// VENC (aclvenc*): descriptors, the documented constraints, and encoding synthetic NV12/NV21
// pictures through a channel whose callbacks run on a thread of the test's own; the streams are
// decoded with libavcodec in the test and compared with the source.
#include <mutex>
#include <random>

#include "video_test_util.h"

namespace {

using aclsim_dvpp_test::DvppTest;
using aclsim_dvpp_test::RecentErrMsg;
using namespace aclsim_video_test;

constexpr uint32_t kW = 128, kH = 128;
constexpr uint32_t kSize = kW * kH * 3 / 2;

struct Packet {
  acldvppPicDesc* input;
  intptr_t user;
  uint32_t ret_code;
  acldvppStreamFormat format;
  Bytes bytes;
  uint64_t thread;
};
std::mutex packets_mutex;
std::vector<Packet>* packets = nullptr;
std::atomic<int> first_callback_delay_ms{0};  // a slow program: its first callback reads this late

void OnPacket(acldvppPicDesc* input, acldvppStreamDesc* output, void* user) {
  if (const int delay = first_callback_delay_ms.exchange(0); delay > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
  }
  Packet p{input, reinterpret_cast<intptr_t>(user), acldvppGetStreamDescRetCode(output),
           acldvppGetStreamDescFormat(output), {}, static_cast<uint64_t>(pthread_self())};
  const auto* data = static_cast<const uint8_t*>(acldvppGetStreamDescData(output));
  if (data != nullptr) p.bytes.assign(data, data + acldvppGetStreamDescSize(output));
  std::lock_guard<std::mutex> lock(packets_mutex);
  packets->push_back(std::move(p));
}

class Venc : public DvppTest {
 protected:
  void SetUp() override {
    DvppTest::SetUp();
    ASSERT_EQ(aclrtGetCurrentContext(&context_), ACL_SUCCESS);
    reporter_ = std::make_unique<ReportThread>(context_);
    packets = &packets_;
    desc_ = aclvencCreateChannelDesc();
    ASSERT_NE(desc_, nullptr);
    aclvencSetChannelDescThreadId(desc_, reporter_->id());
    aclvencSetChannelDescCallback(desc_, OnPacket);
    aclvencSetChannelDescEnType(desc_, H264_MAIN_LEVEL);
    aclvencSetChannelDescPicFormat(desc_, PIXEL_FORMAT_YUV_SEMIPLANAR_420);
    aclvencSetChannelDescPicWidth(desc_, kW);
    aclvencSetChannelDescPicHeight(desc_, kH);
    config_ = aclvencCreateFrameConfig();
  }
  void TearDown() override {
    first_callback_delay_ms = 0;
    aclvencDestroyChannelDesc(desc_);
    aclvencDestroyFrameConfig(config_);
    reporter_.reset();
    packets = nullptr;
    DvppTest::TearDown();
  }

  acldvppPicDesc* Picture(int t, bool nv21 = false) {
    const Bytes frame = SyntheticFrame(kW, kH, kW, kH, t, nv21);
    acldvppPicDesc* p = acldvppCreatePicDesc();
    acldvppSetPicDescData(p, Device(frame.size(), frame));
    acldvppSetPicDescSize(p, uint32_t(frame.size()));
    descs_.push_back(p);
    return p;
  }
  aclError SendEos() {
    aclvencSetFrameConfigEos(config_, 1);
    const aclError ret = aclvencSendFrame(desc_, nullptr, nullptr, config_, nullptr);
    aclvencSetFrameConfigEos(config_, 0);
    return ret;
  }
  // Encodes `count` pictures (user data: the index), then the end of stream.
  void EncodeAll(int count, bool nv21 = false, int force_i_at = -1) {
    first_desc_ = descs_.size();
    ASSERT_EQ(aclvencCreateChannel(desc_), ACL_SUCCESS) << RecentErrMsg();
    for (int t = 0; t < count; ++t) {
      aclvencSetFrameConfigForceIFrame(config_, t == force_i_at ? 1 : 0);
      ASSERT_EQ(aclvencSendFrame(desc_, Picture(t, nv21), nullptr, config_, reinterpret_cast<void*>(intptr_t(t))),
                ACL_SUCCESS)
          << RecentErrMsg();
    }
    aclvencSetFrameConfigForceIFrame(config_, 0);
    ASSERT_EQ(SendEos(), ACL_SUCCESS) << RecentErrMsg();
  }
  std::vector<Bytes> Streams() const {
    std::vector<Bytes> out;
    for (const Packet& p : packets_) out.push_back(p.bytes);
    return out;
  }
  // Every picture came back once, in order, on the report thread, and decodes close to its source.
  void ExpectDecodesToSource(AVCodecID codec, int count, double min_psnr) {
    ASSERT_EQ(packets_.size(), size_t(count));
    for (int t = 0; t < count; ++t) {
      EXPECT_EQ(packets_[t].user, t);
      EXPECT_EQ(packets_[t].input, descs_[first_desc_ + t]);
      EXPECT_EQ(packets_[t].ret_code, 0u);
      EXPECT_EQ(packets_[t].thread, reporter_->id());
      EXPECT_FALSE(packets_[t].bytes.empty());
    }
    const auto decoded = DecodeReference(codec, Streams());
    ASSERT_EQ(decoded.size(), size_t(count));
    for (int t = 0; t < count; ++t) {
      const Bytes source = SyntheticFrame(kW, kH, kW, kH, t);
      const RefPicture& pic = decoded.at(t);
      ASSERT_EQ(pic.width, kW);
      ASSERT_EQ(pic.height, kH);
      const double psnr = LumaPsnr(pic.nv12.data(), pic.ws, source.data(), kW, kW, kH);
      EXPECT_GE(psnr, min_psnr) << "picture " << t;
      psnrs_.push_back(psnr);
    }
  }

  aclrtContext context_ = nullptr;
  std::unique_ptr<ReportThread> reporter_;
  std::vector<Packet> packets_;
  std::vector<double> psnrs_;
  size_t first_desc_ = 0;  // descs_ index of the first picture EncodeAll sent
  aclvencChannelDesc* desc_ = nullptr;
  aclvencFrameConfig* config_ = nullptr;
};

TEST_F(Venc, EncodesH264ThatDecodesToTheSource) {
  EncodeAll(8);
  ExpectDecodesToSource(AV_CODEC_ID_H264, 8, 38.0);
  EXPECT_EQ(packets_[0].format, H264_MAIN_LEVEL);
  std::cout << "[ VENC H.264 ] luma PSNR of 8 pictures: min "
            << *std::min_element(psnrs_.begin(), psnrs_.end()) << " dB\n";
}

TEST_F(Venc, EncodesH265ThatDecodesToTheSource) {
  aclvencSetChannelDescEnType(desc_, H265_MAIN_LEVEL);
  EncodeAll(6);
  ExpectDecodesToSource(AV_CODEC_ID_HEVC, 6, 38.0);
  std::cout << "[ VENC H.265 ] luma PSNR of 6 pictures: min "
            << *std::min_element(psnrs_.begin(), psnrs_.end()) << " dB\n";
}

TEST_F(Venc, EncodesNv21Input) {
  aclvencSetChannelDescPicFormat(desc_, PIXEL_FORMAT_YVU_SEMIPLANAR_420);
  aclvencSetChannelDescEnType(desc_, H264_BASELINE_LEVEL);
  EncodeAll(3, /*nv21=*/true);
  ExpectDecodesToSource(AV_CODEC_ID_H264, 3, 38.0);
  // The chroma too: NV21 in, the same colours out.
  const auto decoded = DecodeReference(AV_CODEC_ID_H264, Streams());
  const Bytes source = SyntheticFrame(kW, kH, kW, kH, 1);
  const RefPicture& pic = decoded.at(1);
  EXPECT_GT(aclsim_dvpp_test::Psnr(pic.nv12.data() + pic.ws * pic.hs, source.data() + kW * kH, kW * kH / 2), 35.0);
}

TEST_F(Venc, LowerMaxBitRateGivesSmallerStreams) {
  EncodeAll(8);
  size_t full = 0;
  for (const Packet& p : packets_) full += p.bytes.size();
  ASSERT_EQ(aclvencDestroyChannel(desc_), ACL_SUCCESS);
  packets_.clear();
  ASSERT_EQ(aclvencSetChannelDescMaxBitRate(desc_, 100), ACL_SUCCESS);
  EncodeAll(8);
  size_t low = 0;
  for (const Packet& p : packets_) low += p.bytes.size();
  EXPECT_LT(low * 2, full) << "100 kbps: " << low << " bytes, 2000 kbps: " << full << " bytes";
  ExpectDecodesToSource(AV_CODEC_ID_H264, 8, 30.0);
  std::cout << "[ VENC H.264 ] 8 pictures: " << full << " bytes at 2000 kbps, " << low << " bytes at 100 kbps (min "
            << *std::min_element(psnrs_.begin(), psnrs_.end()) << " dB)\n";
}

TEST_F(Venc, KeyFrameIntervalAndForcedIFrame) {
  aclvencSetChannelDescKeyFrameInterval(desc_, 4);
  EncodeAll(7, false, /*force_i_at=*/6);
  const auto decoded = DecodeReference(AV_CODEC_ID_H264, Streams());
  ASSERT_EQ(decoded.size(), 7u);
  for (int t = 0; t < 7; ++t) EXPECT_EQ(decoded.at(t).key, t == 0 || t == 4 || t == 6) << "picture " << t;
}

TEST_F(Venc, ChannelCanEncodeAgainAfterTheEndOfStream) {
  EncodeAll(2);
  ASSERT_EQ(aclvencSendFrame(desc_, Picture(0), nullptr, config_, nullptr), ACL_SUCCESS);
  ASSERT_EQ(SendEos(), ACL_SUCCESS);
  ASSERT_EQ(packets_.size(), 3u);
  // The new stream starts with a picture that decodes on its own.
  const auto decoded = DecodeReference(AV_CODEC_ID_H264, {packets_[2].bytes});
  ASSERT_EQ(decoded.size(), 1u);
  EXPECT_TRUE(decoded.at(0).key);
  ASSERT_EQ(aclvencDestroyChannel(desc_), ACL_SUCCESS);
}

TEST_F(Venc, OutputGoesToTheProgramsBuffer) {
  const uint32_t size = 5 * 1024 * 1024;
  void* buffer = Device(size);
  ASSERT_EQ(aclvencSetChannelDescBufAddr(desc_, buffer), ACL_SUCCESS);
  ASSERT_EQ(aclvencSetChannelDescBufSize(desc_, size), ACL_SUCCESS);
  EncodeAll(2);
  ASSERT_EQ(packets_.size(), 2u);
  // The first stream sits at the start of the buffer.
  EXPECT_EQ(std::memcmp(buffer, packets_[0].bytes.data(), packets_[0].bytes.size()), 0);
}

TEST_F(Venc, DestroyChannelWaitsForEveryCallback) {
  ASSERT_EQ(aclvencCreateChannel(desc_), ACL_SUCCESS);
  for (int t = 0; t < 3; ++t) ASSERT_EQ(aclvencSendFrame(desc_, Picture(t), nullptr, config_, nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclvencDestroyChannel(desc_), ACL_SUCCESS);
  EXPECT_EQ(packets_.size(), 3u);
  EXPECT_EQ(aclvencDestroyChannel(desc_), ACL_ERROR_INVALID_PARAM);
}

// Uniform noise: pictures that barely compress, so that a few fill the output ring.
Bytes NoiseFrame(uint32_t w, uint32_t h, int t) {
  std::mt19937 random(uint32_t(t) + 1);
  Bytes frame(size_t{w} * h * 3 / 2);
  for (uint8_t& b : frame) b = uint8_t(random());
  return frame;
}

TEST_F(Venc, OutputRingIsNotReusedBeforeTheCallbacksReadIt) {
  // The documented smallest buffer, pictures of ~0.4 MB of stream each and a first callback that
  // takes longer than encoding them all: the ring wraps while earlier streams wait for their
  // callbacks.
  constexpr uint32_t kNoiseW = 640, kNoiseH = 480;
  constexpr int kCount = 20;
  ASSERT_EQ(aclvencSetChannelDescBufSize(desc_, 5 * 1024 * 1024), ACL_SUCCESS);
  aclvencSetChannelDescPicWidth(desc_, kNoiseW);
  aclvencSetChannelDescPicHeight(desc_, kNoiseH);
  aclvencSetChannelDescKeyFrameInterval(desc_, 1);
  aclvencSetChannelDescMaxBitRate(desc_, 614400);
  first_callback_delay_ms = 2500;
  ASSERT_EQ(aclvencCreateChannel(desc_), ACL_SUCCESS) << RecentErrMsg();
  for (int t = 0; t < kCount; ++t) {
    const Bytes frame = NoiseFrame(kNoiseW, kNoiseH, t);
    acldvppPicDesc* p = acldvppCreatePicDesc();
    acldvppSetPicDescData(p, Device(frame.size(), frame));
    acldvppSetPicDescSize(p, uint32_t(frame.size()));
    descs_.push_back(p);
    ASSERT_EQ(aclvencSendFrame(desc_, p, nullptr, config_, nullptr), ACL_SUCCESS) << RecentErrMsg();
  }
  ASSERT_EQ(SendEos(), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(packets_.size(), size_t(kCount));
  size_t total = 0;
  for (const Packet& p : packets_) total += p.bytes.size();
  ASSERT_GT(total, 5u * 1024 * 1024) << "the streams must wrap the ring";
  // Each callback saw its own picture's stream: it decodes to that picture, not a later one.
  const auto decoded = DecodeReference(AV_CODEC_ID_H264, Streams());
  ASSERT_EQ(decoded.size(), size_t(kCount));
  for (int t = 0; t < kCount; ++t) {
    const Bytes source = NoiseFrame(kNoiseW, kNoiseH, t);
    const RefPicture& pic = decoded.at(t);
    ASSERT_EQ(pic.width, kNoiseW);
    EXPECT_GE(LumaPsnr(pic.nv12.data(), pic.ws, source.data(), kNoiseW, kNoiseW, kNoiseH), 30.0) << "picture " << t;
  }
}

// With the sync executor a single-threaded program encodes on its callback thread: when the ring
// must wait for callbacks that thread has not run, the frame fails (retCode) instead of hanging.
TEST(VencSyncExecutor, RingWrapOnTheCallbackThreadFailsInsteadOfHanging) {
  setenv("ACLSIM_EXECUTOR", "sync", 1);
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  std::vector<Packet> received;
  packets = &received;
  constexpr uint32_t kNoiseW = 640, kNoiseH = 480;
  constexpr int kCount = 20;  // more stream than the 5 MiB ring holds
  aclvencChannelDesc* d = aclvencCreateChannelDesc();
  aclvencSetChannelDescThreadId(d, static_cast<uint64_t>(pthread_self()));
  aclvencSetChannelDescCallback(d, OnPacket);
  aclvencSetChannelDescEnType(d, H264_MAIN_LEVEL);
  aclvencSetChannelDescPicWidth(d, kNoiseW);
  aclvencSetChannelDescPicHeight(d, kNoiseH);
  aclvencSetChannelDescKeyFrameInterval(d, 1);
  aclvencSetChannelDescMaxBitRate(d, 614400);
  aclvencSetChannelDescBufSize(d, 5 * 1024 * 1024);
  ASSERT_EQ(aclvencCreateChannel(d), ACL_SUCCESS) << RecentErrMsg();
  const Bytes frame = NoiseFrame(kNoiseW, kNoiseH, 0);
  void* data = nullptr;
  ASSERT_EQ(acldvppMalloc(&data, frame.size()), ACL_SUCCESS);
  std::memcpy(data, frame.data(), frame.size());
  acldvppPicDesc* pic = acldvppCreatePicDesc();
  acldvppSetPicDescData(pic, data);
  acldvppSetPicDescSize(pic, uint32_t(frame.size()));
  for (int t = 0; t < kCount; ++t) {
    ASSERT_EQ(aclvencSendFrame(d, pic, nullptr, nullptr, nullptr), ACL_SUCCESS) << RecentErrMsg();
    ASSERT_EQ(aclrtSynchronizeDevice(), ACL_SUCCESS) << RecentErrMsg();
  }
  while (received.size() < size_t(kCount) && aclrtProcessReport(100) == ACL_SUCCESS) {
  }
  ASSERT_EQ(received.size(), size_t(kCount));
  size_t ok = 0, total = 0;
  for (const Packet& p : received) {
    if (p.ret_code == 0) {
      ++ok;
      total += p.bytes.size();
    }
  }
  EXPECT_LT(ok, size_t(kCount));  // the frames that needed the ring to wrap failed
  EXPECT_GT(ok, 0u);
  EXPECT_LE(total, 5u * 1024 * 1024);
  // Destroyed from another thread, which waits for this one to run the last callbacks.
  std::atomic<bool> destroyed{false};
  std::thread destroyer([&] {
    EXPECT_EQ(aclvencDestroyChannel(d), ACL_SUCCESS) << RecentErrMsg();
    destroyed = true;
  });
  while (!destroyed) aclrtProcessReport(10);
  destroyer.join();
  aclvencDestroyChannelDesc(d);
  acldvppDestroyPicDesc(pic);
  acldvppFree(data);
  packets = nullptr;
  aclrtResetDevice(0);
  aclFinalize();
  unsetenv("ACLSIM_EXECUTOR");
}

// The callback thread cannot wait for its own callbacks: ending the stream or destroying the
// channel from it fails instead of hanging.
aclvencChannelDesc* reentrant_desc = nullptr;
std::atomic<int> reentrant_eos{-1}, reentrant_destroy{-1};
void EndsTheStreamFromTheCallback(acldvppPicDesc*, acldvppStreamDesc*, void*) {
  aclvencFrameConfig* eos = aclvencCreateFrameConfig();
  aclvencSetFrameConfigEos(eos, 1);
  reentrant_eos = aclvencSendFrame(reentrant_desc, nullptr, nullptr, eos, nullptr);
  reentrant_destroy = aclvencDestroyChannel(reentrant_desc);
  aclvencDestroyFrameConfig(eos);
}

TEST_F(Venc, EndOfStreamFromTheCallbackThreadFails) {
  aclvencSetChannelDescCallback(desc_, EndsTheStreamFromTheCallback);
  reentrant_desc = desc_;
  ASSERT_EQ(aclvencCreateChannel(desc_), ACL_SUCCESS);
  ASSERT_EQ(aclvencSendFrame(desc_, Picture(0), nullptr, config_, nullptr), ACL_SUCCESS);
  ASSERT_EQ(SendEos(), ACL_SUCCESS) << RecentErrMsg();  // from this thread: waits for the callback
  EXPECT_EQ(reentrant_eos, ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(reentrant_destroy, ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclvencDestroyChannel(desc_), ACL_SUCCESS);
  reentrant_desc = nullptr;
}

TEST_F(Venc, SingleThreadedProgramCannotEndItsOwnStream) {
  aclvencSetChannelDescThreadId(desc_, static_cast<uint64_t>(pthread_self()));
  ASSERT_EQ(aclvencCreateChannel(desc_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(SendEos(), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("callback thread"), std::string::npos) << RecentErrMsg();
  EXPECT_EQ(aclvencDestroyChannel(desc_), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvencDestroyChannelDesc(desc_), ACL_ERROR_INVALID_PARAM);
  // Another thread can: nothing was sent, so there is no callback to wait for.
  aclError ret = ACL_ERROR_FAILURE;
  std::thread([&] { ret = aclvencDestroyChannel(desc_); }).join();
  EXPECT_EQ(ret, ACL_SUCCESS) << RecentErrMsg();
}

TEST_F(Venc, SendFrameChecksItsArguments) {
  EXPECT_EQ(aclvencSendFrame(desc_, Picture(0), nullptr, config_, nullptr), ACL_ERROR_INVALID_PARAM);  // not created
  EXPECT_NE(RecentErrMsg().find("aclvencCreateChannel"), std::string::npos) << RecentErrMsg();
  ASSERT_EQ(aclvencCreateChannel(desc_), ACL_SUCCESS);
  EXPECT_EQ(aclvencSendFrame(desc_, nullptr, nullptr, config_, nullptr), ACL_ERROR_INVALID_PARAM);  // no picture, no eos
  acldvppPicDesc* small = Picture(0);
  acldvppSetPicDescSize(small, kSize - 1);
  EXPECT_EQ(aclvencSendFrame(desc_, small, nullptr, config_, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("input.size"), std::string::npos) << RecentErrMsg();
  Bytes host(kSize, 0);
  acldvppPicDesc* on_host = Pic(PIXEL_FORMAT_YUV_SEMIPLANAR_420, kW, kH, kW, kH, host.data(), kSize);
  EXPECT_EQ(aclvencSendFrame(desc_, on_host, nullptr, config_, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("input.data"), std::string::npos) << RecentErrMsg();
  acldvppPicDesc* bad_stride = Picture(0);
  acldvppSetPicDescWidthStride(bad_stride, 120);
  EXPECT_EQ(aclvencSendFrame(desc_, bad_stride, nullptr, config_, nullptr), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclvencDestroyChannel(desc_), ACL_SUCCESS);
  EXPECT_TRUE(packets_.empty());
}

TEST_F(Venc, CreateChannelChecksTheDescriptor) {
  aclvencSetChannelDescCallback(desc_, nullptr);
  EXPECT_EQ(aclvencCreateChannel(desc_), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("callback"), std::string::npos) << RecentErrMsg();
  aclvencSetChannelDescCallback(desc_, OnPacket);
  aclvencSetChannelDescThreadId(desc_, 0);
  EXPECT_EQ(aclvencCreateChannel(desc_), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("thread"), std::string::npos) << RecentErrMsg();
  aclvencSetChannelDescThreadId(desc_, reporter_->id());
  aclvencSetChannelDescPicWidth(desc_, 120);  // below 128
  EXPECT_EQ(aclvencCreateChannel(desc_), ACL_ERROR_INVALID_PARAM);
  aclvencSetChannelDescPicWidth(desc_, 131);  // odd
  EXPECT_EQ(aclvencCreateChannel(desc_), ACL_ERROR_INVALID_PARAM);
  aclvencSetChannelDescPicWidth(desc_, 4096);
  aclvencSetChannelDescPicHeight(desc_, 4096);  // more pixels than H.264 encodes
  EXPECT_EQ(aclvencCreateChannel(desc_), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("4096x2304"), std::string::npos) << RecentErrMsg();
  aclvencSetChannelDescPicWidth(desc_, kW);
  aclvencSetChannelDescPicHeight(desc_, kH);
  ASSERT_EQ(aclvencCreateChannel(desc_), ACL_SUCCESS);
  EXPECT_EQ(aclvencCreateChannel(desc_), ACL_ERROR_INVALID_PARAM);  // already open
}

TEST_F(Venc, DescriptorAccessorsRoundTripAndCheckRanges) {
  aclvencChannelDesc* d = aclvencCreateChannelDesc();
  EXPECT_EQ(aclvencGetChannelDescBufSize(d), 8u * 1024 * 1024);  // documented defaults
  EXPECT_EQ(aclvencGetChannelDescSrcRate(d), 30u);
  EXPECT_EQ(aclvencGetChannelDescMaxBitRate(d), 2000u);
  EXPECT_EQ(aclvencSetChannelDescThreadId(d, 5), ACL_SUCCESS);
  EXPECT_EQ(aclvencGetChannelDescThreadId(d), 5u);
  EXPECT_EQ(aclvencSetChannelDescCallback(d, OnPacket), ACL_SUCCESS);
  EXPECT_EQ(aclvencGetChannelDescCallback(d), &OnPacket);
  EXPECT_EQ(aclvencSetChannelDescEnType(d, H264_HIGH_LEVEL), ACL_SUCCESS);
  EXPECT_EQ(aclvencGetChannelDescEnType(d), H264_HIGH_LEVEL);
  EXPECT_EQ(aclvencSetChannelDescPicFormat(d, PIXEL_FORMAT_RGB_888), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvencSetChannelDescPicFormat(d, PIXEL_FORMAT_YVU_SEMIPLANAR_420), ACL_SUCCESS);
  EXPECT_EQ(aclvencGetChannelDescPicFormat(d), PIXEL_FORMAT_YVU_SEMIPLANAR_420);
  EXPECT_EQ(aclvencSetChannelDescPicWidth(d, 640), ACL_SUCCESS);
  EXPECT_EQ(aclvencSetChannelDescPicHeight(d, 480), ACL_SUCCESS);
  EXPECT_EQ(aclvencGetChannelDescPicWidth(d), 640u);
  EXPECT_EQ(aclvencGetChannelDescPicHeight(d), 480u);
  EXPECT_EQ(aclvencSetChannelDescKeyFrameInterval(d, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvencSetChannelDescKeyFrameInterval(d, 65537), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvencSetChannelDescKeyFrameInterval(d, 30), ACL_SUCCESS);
  EXPECT_EQ(aclvencGetChannelDescKeyFrameInterval(d), 30u);
  int marker = 0;
  EXPECT_EQ(aclvencSetChannelDescBufAddr(d, &marker), ACL_SUCCESS);
  EXPECT_EQ(aclvencGetChannelDescBufAddr(d), &marker);
  EXPECT_EQ(aclvencSetChannelDescBufSize(d, 1024 * 1024), ACL_ERROR_INVALID_PARAM);  // under 5 MiB
  EXPECT_EQ(aclvencSetChannelDescRcMode(d, 3), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvencSetChannelDescRcMode(d, 2), ACL_SUCCESS);
  EXPECT_EQ(aclvencGetChannelDescRcMode(d), 2u);
  EXPECT_EQ(aclvencSetChannelDescSrcRate(d, 241), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvencSetChannelDescSrcRate(d, 60), ACL_SUCCESS);
  EXPECT_EQ(aclvencGetChannelDescSrcRate(d), 60u);
  EXPECT_EQ(aclvencSetChannelDescMaxBitRate(d, 1), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvencSetChannelDescMaxBitRate(d, 614401), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvencSetChannelDescMaxBitRate(d, 5000), ACL_SUCCESS);
  EXPECT_EQ(aclvencGetChannelDescMaxBitRate(d), 5000u);
  // Param forms.
  const uint32_t ip = 50, bad_ip = 101, width = 1280;
  EXPECT_EQ(aclvencSetChannelDescParam(d, ACL_VENC_MAX_IP_PROP_UINT32, 4, &ip), ACL_SUCCESS);
  EXPECT_EQ(aclvencSetChannelDescParam(d, ACL_VENC_MAX_IP_PROP_UINT32, 4, &bad_ip), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvencSetChannelDescParam(d, ACL_VENC_PIC_WIDTH_UINT32, 4, &width), ACL_SUCCESS);
  EXPECT_EQ(aclvencGetChannelDescPicWidth(d), 1280u);
  EXPECT_EQ(aclvencSetChannelDescParam(d, ACL_VENC_PIC_WIDTH_UINT32, 2, &width), ACL_ERROR_INVALID_PARAM);
  uint32_t value = 0;
  size_t size = 0;
  EXPECT_EQ(aclvencGetChannelDescParam(d, ACL_VENC_MAX_IP_PROP_UINT32, 4, &size, &value), ACL_SUCCESS);
  EXPECT_EQ(value, ip);
  void* addr = nullptr;
  EXPECT_EQ(aclvencGetChannelDescParam(d, ACL_VENC_BUF_ADDR_PTR, sizeof(addr), &size, &addr), ACL_SUCCESS);
  EXPECT_EQ(addr, &marker);
  EXPECT_EQ(size, sizeof(void*));
  EXPECT_EQ(aclvencGetChannelDescParam(d, static_cast<aclvencChannelDescParamType>(13), 4, &size, &value),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvencDestroyChannelDesc(d), ACL_SUCCESS);
  // Frame configs.
  aclvencFrameConfig* config = aclvencCreateFrameConfig();
  EXPECT_EQ(aclvencSetFrameConfigForceIFrame(config, 1), ACL_SUCCESS);
  EXPECT_EQ(aclvencGetFrameConfigForceIFrame(config), 1);
  EXPECT_EQ(aclvencSetFrameConfigEos(config, 2), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvencGetFrameConfigEos(config), 0);
  EXPECT_EQ(aclvencDestroyFrameConfig(config), ACL_SUCCESS);
  EXPECT_EQ(aclvencDestroyFrameConfig(config), ACL_ERROR_INVALID_PARAM);
}

// A channel whose device is reset (or the runtime finalized) before it is destroyed: every later
// call fails cleanly, destroying the descriptor still frees the channel.
class VencAfterReset : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
    ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
    ASSERT_EQ(aclrtGetCurrentContext(&context_), ACL_SUCCESS);
    reporter_ = std::make_unique<ReportThread>(context_);
    packets = &packets_;
  }
  void TearDown() override {
    reporter_.reset();
    packets = nullptr;
    aclFinalize();
  }
  aclvencChannelDesc* OpenChannel() {
    aclvencChannelDesc* d = aclvencCreateChannelDesc();
    aclvencSetChannelDescThreadId(d, reporter_->id());
    aclvencSetChannelDescCallback(d, OnPacket);
    aclvencSetChannelDescEnType(d, H264_MAIN_LEVEL);
    aclvencSetChannelDescPicWidth(d, kW);
    aclvencSetChannelDescPicHeight(d, kH);
    EXPECT_EQ(aclvencCreateChannel(d), ACL_SUCCESS) << RecentErrMsg();
    return d;
  }
  aclrtContext context_ = nullptr;
  std::unique_ptr<ReportThread> reporter_;
  std::vector<Packet> packets_;
};

TEST_F(VencAfterReset, LaterCallsFailCleanly) {
  aclvencChannelDesc* d = OpenChannel();
  const Bytes frame = SyntheticFrame(kW, kH, kW, kH, 0);
  void* data = nullptr;
  ASSERT_EQ(acldvppMalloc(&data, kSize), ACL_SUCCESS);
  std::memcpy(data, frame.data(), kSize);
  acldvppPicDesc* pic = acldvppCreatePicDesc();
  acldvppSetPicDescData(pic, data);
  acldvppSetPicDescSize(pic, kSize);
  ASSERT_EQ(aclvencSendFrame(d, pic, nullptr, nullptr, nullptr), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);  // the channel's stream, buffer and the picture go
  aclvencFrameConfig* eos = aclvencCreateFrameConfig();
  aclvencSetFrameConfigEos(eos, 1);
  EXPECT_EQ(aclvencSendFrame(d, pic, nullptr, nullptr, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("context or device was destroyed"), std::string::npos) << RecentErrMsg();
  EXPECT_EQ(aclvencSendFrame(d, nullptr, nullptr, eos, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvencDestroyChannel(d), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("destroyed"), std::string::npos) << RecentErrMsg();
  EXPECT_EQ(aclvencDestroyChannelDesc(d), ACL_ERROR_INVALID_PARAM);  // frees it all the same
  EXPECT_NE(RecentErrMsg().find("freed"), std::string::npos) << RecentErrMsg();
  aclvencDestroyFrameConfig(eos);
  acldvppDestroyPicDesc(pic);
  // After aclFinalize too (the device objects themselves are gone).
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  aclvencChannelDesc* last = OpenChannel();
  reporter_.reset();
  ASSERT_EQ(aclFinalize(), ACL_SUCCESS);
  EXPECT_EQ(aclvencDestroyChannel(last), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvencDestroyChannelDesc(last), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);  // for TearDown
}

// VENC is reserved on Ascend310 and absent on Ascend910.
class VencOn310 : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("ACLSIM_SOC_NAME", "Ascend310", 1);
    ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
    ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  }
  void TearDown() override {
    aclrtResetDevice(0);
    aclFinalize();
    unsetenv("ACLSIM_SOC_NAME");
  }
};

TEST_F(VencOn310, CreateChannelIsUnsupported) {
  aclvencChannelDesc* d = aclvencCreateChannelDesc();
  aclvencSetChannelDescThreadId(d, 1);
  aclvencSetChannelDescCallback(d, OnPacket);
  aclvencSetChannelDescPicWidth(d, kW);
  aclvencSetChannelDescPicHeight(d, kH);
  EXPECT_EQ(aclvencCreateChannel(d), ACL_ERROR_FEATURE_UNSUPPORTED);
  aclvencDestroyChannelDesc(d);
}

}  // namespace
