// Owning handles for the libavcodec objects video coding uses, and libav's messages routed to
// aclsim's logger (libav prints to stderr otherwise; the library prints nothing by default).
#pragma once

extern "C" {
#include <libavcodec/avcodec.h>
}

#include <memory>
#include <string>

namespace aclsim::dvpp {

struct AvCodecContextDeleter {
  void operator()(AVCodecContext* context) const { avcodec_free_context(&context); }
};
struct AvFrameDeleter {
  void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};
struct AvPacketDeleter {
  void operator()(AVPacket* packet) const { av_packet_free(&packet); }
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
