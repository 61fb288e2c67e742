// A VENC channel (aclvencCreateChannel .. aclvencDestroyChannel): an H.264 (libx264) or H.265
// (libx265) encoder on the channel's lane (video_lane.h). Each aclvencSendFrame picture (NV12 or
// NV21 of the channel's size) is copied at submission and encoded without reordering or
// lookahead, so each picture's stream comes back at once: the channel's callback gets the
// picture's input descriptor, a stream descriptor of the channel's own (valid during the
// callback: its bytes sit in the channel's output buffer, reused as a ring) and the userdata.
//
// Threading: the encoder and the pending pictures are touched only by tasks on the lane's stream.
#pragma once

#include <cstdint>
#include <map>
#include <memory>

#include "dvpp/libav.h"
#include "dvpp/planes.h"
#include "dvpp/video_descriptors.h"
#include "dvpp/video_lane.h"

namespace aclsim {
class Context;
class Device;
}  // namespace aclsim

namespace aclsim::dvpp {

constexpr uint32_t kVencFailed = 1;  // retCode of a stream descriptor whose picture did not encode

// Checks what aclvencCreateChannel documents of `desc` (callback, thread, sizes, buffer).
void CheckVencChannelDesc(const aclvencChannelDesc& desc, Device& device);

// The input picture of aclvencSendFrame as the channel reads it: the channel's format and size,
// widthStride the width aligned to 16 unless the descriptor sets one; checked against the
// documented alignment and size rule (widthStride * height * 3 / 2). Throws ACL_ERROR_INVALID_PARAM.
Picture CheckVencInput(const acldvppPicDesc& desc, acldvppPixelFormat format, uint32_t width, uint32_t height,
                       Device& device);

struct VencFrame {
  acldvppPicDesc* input = nullptr;
  AvFramePtr picture;  // YUV420P copy of the input; null for an end of stream without a picture
  bool force_i_frame = false;
  void* user_data = nullptr;
};

class VencChannel {
 public:
  VencChannel(const aclvencChannelDesc& desc, Context& context);
  // Encodes what is still queued, delivers its callbacks and waits for them.
  ~VencChannel();
  VencChannel(const VencChannel&) = delete;
  VencChannel& operator=(const VencChannel&) = delete;

  // The program's calls check it first (VideoLane::CheckUsable): the context may be gone.
  const VideoLane& lane() const { return lane_; }
  Device& device() const { return lane_.device(); }
  acldvppPixelFormat format() const { return settings_.format; }
  uint32_t width() const { return settings_.width; }
  uint32_t height() const { return settings_.height; }
  // A YUV420P frame of the channel's size holding `picture`.
  AvFramePtr CopyPicture(const Picture& picture) const;
  void Send(VencFrame frame);
  // End of stream: flushes the encoder, delivers the remaining callbacks and waits until the
  // callback thread has run them. The next picture starts a new stream (with an IDR frame).
  void EndOfStream();

 private:
  struct Settings {
    aclvencCallback callback;
    acldvppStreamFormat en_type;
    acldvppPixelFormat format;
    uint32_t width, height, key_frame_interval, rc_mode, src_rate, max_bit_rate;
  };
  struct Pending {
    acldvppPicDesc* input;
    void* user_data;
  };
  void Open();
  void Encode(VencFrame& frame);
  void ReceivePackets();
  void Drain();
  void Deliver(acldvppPicDesc* input, void* user_data, const uint8_t* bytes, uint32_t size, uint32_t code);

  const Settings settings_;
  uint8_t* buffer_ = nullptr;  // encoder output ring: the program's (ACL_VENC_BUF_ADDR_PTR) or owned
  uint32_t buffer_size_ = 0;
  bool owns_buffer_ = false;
  uint32_t cursor_ = 0;
  AvCodecContextPtr encoder_;  // null between streams
  AvPacketPtr packet_;
  std::map<int64_t, Pending> pending_;  // by pts
  int64_t next_pts_ = 0;
  VideoLane lane_;  // last: destroyed (its tasks drained) before the encoder
};

}  // namespace aclsim::dvpp
