#include "dvpp/venc_channel.h"

#include <cstring>
#include <string>
#include <utility>

#include "common/error.h"
#include "dvpp/libav.h"
#include "common/log.h"
#include "dvpp/pixel_format.h"
#include "dvpp/video_frames.h"
#include "dvpp/video_rules.h"
#include "memory/device_memory.h"
#include "runtime/buffer_check.h"
#include "runtime/context.h"
#include "runtime/device.h"

aclvencChannelDesc::aclvencChannelDesc() = default;
aclvencChannelDesc::~aclvencChannelDesc() = default;

namespace aclsim::dvpp {
namespace {

// Documented: input 128..4096 on each side (Ascend310P), H.264 at most 4096 x 2304 pixels; output
// buffer at least 5 MiB; a source rate or bit rate of 0 means 30 fps, 2000 kbps.
constexpr uint32_t kMinSide = 128, kMaxSide = 4096, kMaxH264Pixels = 4096 * 2304;
constexpr uint32_t kMinBufSize = 5 * 1024 * 1024;
constexpr uint32_t kDefaultSrcRate = 30, kDefaultBitRate = 2000;

const char* ProfileOf(acldvppStreamFormat en_type) {
  switch (en_type) {
    case H264_BASELINE_LEVEL: return "baseline";
    case H264_MAIN_LEVEL: return "main";
    case H264_HIGH_LEVEL: return "high";
    default: return "main";
  }
}

}  // namespace

void CheckVencChannelDesc(const aclvencChannelDesc& desc, Device& device) {
  if (!CurrentVideoRules().venc) {
    Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "VENC is not available on this SoC (none on Ascend310 and the Ascend910 "
         "family, see aclrtGetSocName)");
  }
  CheckCallbackAndThread(desc.callback != nullptr, desc.thread_id, "aclvenc");
  const uint32_t w = desc.pic_width, h = desc.pic_height;
  ACLSIM_CHECK_ARG(w >= kMinSide && w <= kMaxSide && h >= kMinSide && h <= kMaxSide,
                   "channelDesc picture size {}x{} is outside the VENC range {}x{} .. {}x{} "
                   "(aclvencSetChannelDescPicWidth/Height)", w, h, kMinSide, kMinSide, kMaxSide, kMaxSide);
  ACLSIM_CHECK_ARG(w % 2 == 0 && h % 2 == 0, "channelDesc picture width {} and height {} must be even", w, h);
  if (desc.en_type != H265_MAIN_LEVEL) {
    ACLSIM_CHECK_ARG(uint64_t{w} * h <= kMaxH264Pixels, "channelDesc picture size {}x{} exceeds the 4096x2304 "
                     "pixels VENC encodes in H.264", w, h);
  }
  ACLSIM_CHECK_ARG(desc.buf_size >= kMinBufSize, "channelDesc.bufSize {} must be at least 5 MiB ({})", desc.buf_size,
                   kMinBufSize);
  if (desc.buf_addr != nullptr) {
    CheckDeviceBuffer(desc.buf_addr, desc.buf_size, desc.buf_size, false, device, "channelDesc.bufAddr");
  }
}

Picture CheckVencInput(const acldvppPicDesc& desc, acldvppPixelFormat format, uint32_t w, uint32_t h,
                       Device& device) {
  const FormatInfo info = *FindFormat(format);  // the channel's format rules, not the descriptor's
  const uint32_t ws = desc.width_stride != 0 ? desc.width_stride : AlignUp(w, 16);
  ACLSIM_CHECK_ARG(ws % 16 == 0 && ws >= w, "input.widthStride {} must be a multiple of 16 and at least the "
                   "channel's width {}", ws, w);
  if (desc.data == nullptr) Fail(ACL_ERROR_INVALID_PARAM, "input.data is null (acldvppSetPicDescData)");
  const uint64_t bytes = PictureBytes(info, ws, h);
  ACLSIM_CHECK_ARG(desc.size >= bytes, "input.size {} is smaller than the {} bytes of a {}x{} {} picture "
                   "(widthStride {} x height {} x 3 / 2)", desc.size, bytes, w, h, info.name, ws, h);
  CheckDeviceBuffer(desc.data, desc.size, bytes, false, device, "input.data");
  return Picture{static_cast<uint8_t*>(desc.data), info, w, h, ws, h};
}

VencChannel::VencChannel(const aclvencChannelDesc& desc, Context& context)
    : settings_{desc.callback,
                desc.en_type,
                desc.pic_format,
                desc.pic_width,
                desc.pic_height,
                desc.key_frame_interval,
                desc.rc_mode,
                desc.src_rate != 0 ? desc.src_rate : kDefaultSrcRate,
                desc.max_bit_rate != 0 ? desc.max_bit_rate : kDefaultBitRate},
      lane_(context, desc.thread_id) {
  RouteLibavLogs();
  packet_.reset(Av().av_packet_alloc());
  if (!packet_) Fail(ACL_ERROR_BAD_ALLOC, "cannot allocate a packet");
  buffer_size_ = desc.buf_size;
  if (desc.buf_addr != nullptr) {
    buffer_ = static_cast<uint8_t*>(desc.buf_addr);
  } else {
    buffer_ = static_cast<uint8_t*>(device().memory().Allocate(buffer_size_));
    owns_buffer_ = true;
  }
  try {
    Open();  // fail at creation, not at the first picture, when the encoder cannot run
  } catch (...) {
    if (owns_buffer_) device().memory().Free(buffer_);
    throw;
  }
}

VencChannel::~VencChannel() {
  // Without the context, the stream and its tasks are gone and the device's memory (the owned
  // buffer with it) is freed by the device's reset, or at aclFinalize.
  if (!lane_.alive()) return;
  try {
    EndOfStream();
  } catch (const Error& e) {
    Log().warn("VENC channel: {}", e.what());
  }
  if (owns_buffer_) {
    try {
      device().memory().Free(buffer_);
    } catch (const Error& e) {
      Log().warn("VENC channel output buffer: {}", e.what());
    }
  }
}

void VencChannel::Open() {
  const bool h265 = settings_.en_type == H265_MAIN_LEVEL;
  const AVCodec* codec = Av().avcodec_find_encoder_by_name(h265 ? "libx265" : "libx264");
  if (codec == nullptr) Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "{} is not available in libavcodec", h265 ? "libx265" : "libx264");
  AvCodecContextPtr encoder(Av().avcodec_alloc_context3(codec));
  if (!encoder) Fail(ACL_ERROR_BAD_ALLOC, "cannot allocate a video encoder");
  encoder->width = static_cast<int>(settings_.width);
  encoder->height = static_cast<int>(settings_.height);
  encoder->pix_fmt = AV_PIX_FMT_YUV420P;
  encoder->time_base = AVRational{1, static_cast<int>(settings_.src_rate)};
  encoder->framerate = AVRational{static_cast<int>(settings_.src_rate), 1};
  encoder->gop_size = static_cast<int>(settings_.key_frame_interval);
  encoder->max_b_frames = 0;  // no reordering: each picture's stream comes back at once
  encoder->thread_count = 1;
  const int64_t bits = int64_t{settings_.max_bit_rate} * 1000;
  encoder->bit_rate = bits;
  encoder->rc_max_rate = bits;
  encoder->rc_buffer_size = static_cast<int>(bits);  // one second of stream
  void* priv = encoder->priv_data;
  Av().av_opt_set(priv, "tune", "zerolatency", 0);  // no lookahead, no frame threads
  Av().av_opt_set(priv, "forced-idr", "1", 0);      // a forced I frame starts a new GOP
  if (h265) {
    Av().av_opt_set(priv, "preset", "ultrafast", 0);
    Av().av_opt_set(priv, "x265-params", settings_.rc_mode == 2 ? "log-level=none:strict-cbr=1" : "log-level=none", 0);
  } else {
    Av().av_opt_set(priv, "preset", "veryfast", 0);
    Av().av_opt_set(priv, "profile", ProfileOf(settings_.en_type), 0);
    if (settings_.rc_mode == 2) Av().av_opt_set(priv, "nal-hrd", "cbr", 0);
  }
  const int ret = Av().avcodec_open2(encoder.get(), codec, nullptr);
  if (ret < 0) Fail(ACL_ERROR_FAILURE, "cannot open the {} encoder: {}", codec->name, AvErrorText(ret));
  encoder_ = std::move(encoder);
}

AvFramePtr VencChannel::CopyPicture(const Picture& picture) const {
  AvFramePtr frame(Av().av_frame_alloc());
  if (!frame) Fail(ACL_ERROR_BAD_ALLOC, "cannot allocate a picture");
  frame->format = AV_PIX_FMT_YUV420P;
  frame->width = static_cast<int>(settings_.width);
  frame->height = static_cast<int>(settings_.height);
  if (Av().av_frame_get_buffer(frame.get(), 0) < 0) Fail(ACL_ERROR_BAD_ALLOC, "cannot allocate a picture");
  FillYuv420Frame(picture, *frame);
  return frame;
}

void VencChannel::Send(VencFrame frame) {
  auto shared = std::make_shared<VencFrame>(std::move(frame));
  lane_.Submit([this, shared] { Encode(*shared); }, "venc frame");
}

void VencChannel::EndOfStream() { lane_.EndOfStream([this] { Drain(); }, "venc end of stream"); }

void VencChannel::Encode(VencFrame& frame) {
  if (!encoder_) Open();
  const int64_t pts = next_pts_++;
  pending_.emplace(pts, Pending{frame.input, frame.user_data});
  frame.picture->pts = pts;
  frame.picture->pict_type = frame.force_i_frame ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE;
  const int ret = Av().avcodec_send_frame(encoder_.get(), frame.picture.get());
  if (ret < 0) {
    Log().debug("VENC: picture {} does not encode: {}", pts, AvErrorText(ret));
    pending_.erase(pts);
    Deliver(frame.input, frame.user_data, nullptr, 0, kVencFailed);
    return;
  }
  ReceivePackets();
}

void VencChannel::ReceivePackets() {
  for (;;) {
    const int ret = Av().avcodec_receive_packet(encoder_.get(), packet_.get());
    if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF) return;
    if (ret < 0) Fail(ACL_ERROR_RT_AICPU_EXCEPTION, "video encoding failed: {}", AvErrorText(ret));
    auto it = pending_.find(packet_->pts);
    if (it == pending_.end()) it = pending_.begin();
    if (it == pending_.end()) {
      Log().debug("VENC: a packet without a picture is dropped");
    } else {
      const Pending slot = it->second;
      pending_.erase(it);
      Deliver(slot.input, slot.user_data, packet_->data, static_cast<uint32_t>(packet_->size), 0);
    }
    Av().av_packet_unref(packet_.get());
  }
}

void VencChannel::Drain() {
  if (encoder_) {
    if (Av().avcodec_send_frame(encoder_.get(), nullptr) == 0) ReceivePackets();
    encoder_.reset();  // the next picture opens a new stream
  }
  for (const auto& [pts, slot] : pending_) Deliver(slot.input, slot.user_data, nullptr, 0, kVencFailed);
  pending_.clear();
}

void VencChannel::Deliver(acldvppPicDesc* input, void* user_data, const uint8_t* bytes, uint32_t size, uint32_t code) {
  auto output = std::make_unique<acldvppStreamDesc>();
  output->format = settings_.en_type;
  output->ret_code = code;
  const bool wraps = code == 0 && size > buffer_size_ - cursor_;
  if (code == 0 && size > buffer_size_) {
    output->ret_code = kVencFailed;
    Log().debug("VENC: a {}-byte frame does not fit the {}-byte output buffer", size, buffer_size_);
  } else if (wraps && !lane_.CanWaitForCallbacks()) {
    output->ret_code = kVencFailed;
    Log().warn("VENC: the output buffer must wrap, which waits until the callbacks reading its start have run, but "
               "the channel encodes on its own callback thread (sync executor): the frame's stream is dropped");
  } else if (code == 0) {
    if (wraps) {  // the ring restarts once the callbacks reading its start have run
      lane_.Barrier();
      cursor_ = 0;
    }
    std::memcpy(buffer_ + cursor_, bytes, size);
    output->data = buffer_ + cursor_;
    output->size = size;
    cursor_ += size;
  }
  lane_.Deliver([callback = settings_.callback, input, output = output.release(), user_data] {
    callback(input, output, user_data);
    if (output->HasValidTag()) delete output;  // the channel's, not the program's
  });
}

}  // namespace aclsim::dvpp
