// libavcodec for video coding, opened on first use, and owning handles for its objects; libav's
// messages go to aclsim's logger (libav prints to stderr otherwise).
//
// libascendcl does not link libavcodec: loading it maps about a hundred shared libraries (some
// 15 MiB resident), which programs that never decode or encode video should not pay for. Av()
// opens it with dlopen the first time a video channel needs it and resolves the functions below.
#pragma once

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
}

#include <memory>
#include <string>

namespace aclsim::dvpp {

// The libavcodec and libavutil functions aclsim calls (libavutil's are reached through
// libavcodec, which depends on it).
#define ACLSIM_LIBAV_FUNCTIONS(X) \
  X(avcodec_find_decoder) \
  X(avcodec_find_encoder_by_name) \
  X(avcodec_alloc_context3) \
  X(avcodec_open2) \
  X(avcodec_free_context) \
  X(avcodec_flush_buffers) \
  X(avcodec_send_packet) \
  X(avcodec_receive_frame) \
  X(avcodec_send_frame) \
  X(avcodec_receive_packet) \
  X(av_packet_alloc) \
  X(av_packet_free) \
  X(av_packet_unref) \
  X(av_new_packet) \
  X(av_frame_alloc) \
  X(av_frame_free) \
  X(av_frame_unref) \
  X(av_frame_get_buffer) \
  X(av_opt_set) \
  X(av_strerror) \
  X(av_pix_fmt_desc_get) \
  X(av_log_set_callback)

struct LibAv {
#define ACLSIM_LIBAV_MEMBER(name) decltype(&::name) name = nullptr;
  ACLSIM_LIBAV_FUNCTIONS(ACLSIM_LIBAV_MEMBER)
#undef ACLSIM_LIBAV_MEMBER
};

// The loaded library. Throws Error(ACL_ERROR_FEATURE_UNSUPPORTED) naming the library and the
// reason when it cannot be opened or lacks a function (then video is unavailable, images are not).
const LibAv& Av();

struct AvCodecContextDeleter {
  void operator()(AVCodecContext* context) const { Av().avcodec_free_context(&context); }
};
struct AvFrameDeleter {
  void operator()(AVFrame* frame) const { Av().av_frame_free(&frame); }
};
struct AvPacketDeleter {
  void operator()(AVPacket* packet) const { Av().av_packet_free(&packet); }
};
using AvCodecContextPtr = std::unique_ptr<AVCodecContext, AvCodecContextDeleter>;
using AvFramePtr = std::unique_ptr<AVFrame, AvFrameDeleter>;
using AvPacketPtr = std::unique_ptr<AVPacket, AvPacketDeleter>;

// "Invalid data found when processing input" for AVERROR_INVALIDDATA, and so on.
std::string AvErrorText(int error);

// Sends libav's log lines to aclsim's logger (debug level, warnings and errors at debug too:
// they describe the program's data, and the outcome is reported through the API). Once per process.
void RouteLibavLogs();

}  // namespace aclsim::dvpp
