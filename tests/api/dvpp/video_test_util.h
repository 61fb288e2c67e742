// Shared pieces of the VDEC/VENC API tests: the callback thread a program runs
// (aclrtProcessReport in a loop), a synthetic moving NV12 sequence, and an independent
// libavcodec encoder and decoder to make and check elementary streams.
#pragma once

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/opt.h>
}

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "dvpp_test_util.h"

namespace aclsim_video_test {

using Bytes = std::vector<uint8_t>;

// The thread a VDEC/VENC program dedicates to callbacks: it processes reports until stopped.
class ReportThread {
 public:
  explicit ReportThread(aclrtContext context) {
    thread_ = std::thread([this, context] {
      aclrtSetCurrentContext(context);
      while (!stop_) {
        const aclError ret = aclrtProcessReport(10);
        // Before a channel subscribes it, the thread has nothing to wait on: poll gently.
        if (ret != ACL_SUCCESS && ret != ACL_ERROR_RT_REPORT_TIMEOUT) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    });
  }
  ~ReportThread() {
    stop_ = true;
    thread_.join();
  }
  uint64_t id() { return static_cast<uint64_t>(thread_.native_handle()); }

 private:
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

constexpr uint32_t AlignUp(uint32_t v, uint32_t a) { return (v + a - 1) / a * a; }

// Frame t of a smooth moving sequence, NV12 (or NV21) with the given strides.
inline Bytes SyntheticFrame(uint32_t w, uint32_t h, uint32_t ws, uint32_t hs, int t, bool nv21 = false) {
  Bytes frame(size_t{ws} * hs * 3 / 2, 0);
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x) frame[size_t{y} * ws + x] = aclsim_dvpp_test::Smooth(x + 3 * t, y + 2 * t, 0);
  uint8_t* uv = frame.data() + size_t{ws} * hs;
  for (uint32_t y = 0; y < h / 2; ++y)
    for (uint32_t x = 0; x < w / 2; ++x) {
      const uint8_t u = aclsim_dvpp_test::Smooth(2 * x + t, 2 * y, 1), v = aclsim_dvpp_test::Smooth(2 * x, 2 * y + t, 2);
      uv[size_t{y} * ws + 2 * x] = nv21 ? v : u;
      uv[size_t{y} * ws + 2 * x + 1] = nv21 ? u : v;
    }
  return frame;
}

// Encodes `count` synthetic frames with libavcodec's `encoder` ("libx264" / "libx265"); one
// Annex-B packet per frame, in decode order. `bframes` > 0 makes a stream that reorders;
// `ten_bit` a 10-bit one (samples scaled by 4).
inline std::vector<Bytes> EncodeSequence(const char* encoder, uint32_t w, uint32_t h, int count, int bframes = 0,
                                         bool ten_bit = false) {
  av_log_set_level(AV_LOG_ERROR);  // the encoders' statistics
  const AVCodec* codec = avcodec_find_encoder_by_name(encoder);
  AVCodecContext* ctx = avcodec_alloc_context3(codec);
  ctx->width = int(w);
  ctx->height = int(h);
  ctx->pix_fmt = ten_bit ? AV_PIX_FMT_YUV420P10LE : AV_PIX_FMT_YUV420P;
  ctx->time_base = AVRational{1, 25};
  ctx->gop_size = 50;
  ctx->max_b_frames = bframes;
  ctx->thread_count = 1;
  av_opt_set(ctx->priv_data, "preset", "ultrafast", 0);
  if (bframes == 0) av_opt_set(ctx->priv_data, "tune", "zerolatency", 0);
  if (std::string(encoder) == "libx265") {
    av_opt_set(ctx->priv_data, "x265-params", bframes ? "log-level=none:bframes=2" : "log-level=none", 0);
  } else if (bframes) {
    av_opt_set(ctx->priv_data, "x264-params", "b-adapt=0:bframes=2", 0);
  }
  std::vector<Bytes> packets;
  if (avcodec_open2(ctx, codec, nullptr) < 0) return packets;
  AVFrame* frame = av_frame_alloc();
  AVPacket* packet = av_packet_alloc();
  auto drain = [&] {
    while (avcodec_receive_packet(ctx, packet) == 0) {
      packets.emplace_back(packet->data, packet->data + packet->size);
      av_packet_unref(packet);
    }
  };
  for (int t = 0; t < count; ++t) {
    frame->format = ctx->pix_fmt;
    frame->width = int(w);
    frame->height = int(h);
    av_frame_get_buffer(frame, 0);
    const Bytes nv12 = SyntheticFrame(w, h, w, h, t);
    auto put = [&](int plane, uint32_t x, uint32_t y, uint8_t v) {
      uint8_t* row = frame->data[plane] + y * frame->linesize[plane];
      if (ten_bit) {
        reinterpret_cast<uint16_t*>(row)[x] = uint16_t(v << 2);
      } else {
        row[x] = v;
      }
    };
    for (uint32_t y = 0; y < h; ++y)
      for (uint32_t x = 0; x < w; ++x) put(0, x, y, nv12[y * w + x]);
    for (uint32_t y = 0; y < h / 2; ++y)
      for (uint32_t x = 0; x < w / 2; ++x) {
        put(1, x, y, nv12[w * h + y * w + 2 * x]);
        put(2, x, y, nv12[w * h + y * w + 2 * x + 1]);
      }
    frame->pts = t;
    avcodec_send_frame(ctx, frame);
    av_frame_unref(frame);
    drain();
  }
  avcodec_send_frame(ctx, nullptr);
  drain();
  av_packet_free(&packet);
  av_frame_free(&frame);
  avcodec_free_context(&ctx);
  return packets;
}

// A decoded picture as NV12 bytes with VDEC's strides (width aligned to 16, height to 2).
struct RefPicture {
  uint32_t width = 0, height = 0, ws = 0, hs = 0;
  Bytes nv12;
  bool key = false;
};

// Decodes `packets` (one frame each, decode order) with libavcodec; the picture of packet i is
// at key i. 10-bit samples are rounded to 8 bits ((v + 2) >> 2).
inline std::map<int64_t, RefPicture> DecodeReference(AVCodecID id, const std::vector<Bytes>& packets) {
  std::map<int64_t, RefPicture> pictures;
  const AVCodec* codec = avcodec_find_decoder(id);
  AVCodecContext* ctx = avcodec_alloc_context3(codec);
  ctx->thread_count = 1;
  avcodec_open2(ctx, codec, nullptr);
  AVFrame* frame = av_frame_alloc();
  AVPacket* packet = av_packet_alloc();
  auto drain = [&] {
    while (avcodec_receive_frame(ctx, frame) == 0) {
      RefPicture pic;
      pic.width = uint32_t(frame->width);
      pic.height = uint32_t(frame->height);
      pic.ws = AlignUp(pic.width, 16);
      pic.hs = AlignUp(pic.height, 2);
      pic.key = frame->key_frame != 0;
      pic.nv12.assign(size_t{pic.ws} * pic.hs * 3 / 2, 0);
      const bool ten_bit = frame->format == AV_PIX_FMT_YUV420P10LE;
      auto get = [&](int plane, uint32_t x, uint32_t y) {
        const uint8_t* row = frame->data[plane] + y * frame->linesize[plane];
        return ten_bit ? uint8_t(std::min((reinterpret_cast<const uint16_t*>(row)[x] + 2) >> 2, 255)) : row[x];
      };
      for (uint32_t y = 0; y < pic.height; ++y)
        for (uint32_t x = 0; x < pic.width; ++x) pic.nv12[size_t{y} * pic.ws + x] = get(0, x, y);
      uint8_t* uv = pic.nv12.data() + size_t{pic.ws} * pic.hs;
      for (uint32_t y = 0; y < pic.height / 2; ++y)
        for (uint32_t x = 0; x < pic.width / 2; ++x) {
          uv[size_t{y} * pic.ws + 2 * x] = get(1, x, y);
          uv[size_t{y} * pic.ws + 2 * x + 1] = get(2, x, y);
        }
      pictures[frame->pts] = std::move(pic);
      av_frame_unref(frame);
    }
  };
  for (size_t i = 0; i < packets.size(); ++i) {
    av_new_packet(packet, int(packets[i].size()));
    std::copy(packets[i].begin(), packets[i].end(), packet->data);
    packet->pts = int64_t(i);
    avcodec_send_packet(ctx, packet);
    av_packet_unref(packet);
    drain();
  }
  avcodec_send_packet(ctx, nullptr);
  drain();
  av_packet_free(&packet);
  av_frame_free(&frame);
  avcodec_free_context(&ctx);
  return pictures;
}

// PSNR of the luma of two NV12 pictures of w x h with their own width strides.
inline double LumaPsnr(const uint8_t* a, uint32_t a_ws, const uint8_t* b, uint32_t b_ws, uint32_t w, uint32_t h) {
  Bytes pa, pb;
  for (uint32_t y = 0; y < h; ++y) {
    pa.insert(pa.end(), a + size_t{y} * a_ws, a + size_t{y} * a_ws + w);
    pb.insert(pb.end(), b + size_t{y} * b_ws, b + size_t{y} * b_ws + w);
  }
  return aclsim_dvpp_test::Psnr(pa.data(), pb.data(), pa.size());
}

}  // namespace aclsim_video_test
