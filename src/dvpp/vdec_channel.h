// A VDEC channel (aclvdecCreateChannel .. aclvdecDestroyChannel): an H.264/H.265 decoder
// (libavcodec) on the channel's lane (video_lane.h). Each aclvdecSendFrame carries one whole
// frame of an Annex-B elementary stream; when the decoder outputs the picture of that frame, it is
// written into the frame's output picture (NV12/NV21, or RGB888/BGR888 where the SoC has them, resized
// when the program asked for another size) and the channel's callback gets the frame's input,
// output and userData on the callback thread. A frame that yields no picture still gets its
// callback, with a non-zero retCode in the output descriptor. The input descriptor is only handed
// back: programs may destroy it before the callback (CANN's samples do), the frame is a copy.
//
// Threading: the decoder and the pending frames are touched only by tasks on the lane's stream.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "dvpp/libav.h"
#include "dvpp/planes.h"
#include "dvpp/video_descriptors.h"
#include "dvpp/video_lane.h"

namespace aclsim {
class Context;
class Device;
}  // namespace aclsim

namespace aclsim::dvpp {

// retCodes of the output descriptor (CANN reference, VDEC return codes).
constexpr uint32_t kVdecOutputSizeInvalid = 4;        // AICPU_DVPP_KERNEL_STATE_OUTPUT_SIZE_INVALID
constexpr uint32_t kVdecDecodeFailed = 0x10004;       // ERR_VDM_DECODE_FAIL
constexpr uint32_t kVdecResolutionInvalid = 0x10006;  // ERR_ALLOC_DYNAMIC_MEM_FAIL: resolution out of range
constexpr uint32_t kVdecNoPicture = 0x20000;          // ERR_DECODE_NOPIC
constexpr uint32_t kVdecRefFramesWrong = 0x20001;     // more reference frames than the channel's number
constexpr uint32_t kVdecFrameSizeWrong = 0x20002;     // stream larger than the channel's out width/height

// The output picture as the program described it when sending the frame.
struct VdecOutput {
  acldvppPicDesc* desc = nullptr;
  void* data = nullptr;
  uint32_t size = 0;
  acldvppPixelFormat format = PIXEL_FORMAT_YUV_SEMIPLANAR_420;
  uint32_t width = 0, height = 0, width_stride = 0, height_stride = 0;  // all 0: the stream's own size
};

struct VdecFrame {
  acldvppStreamDesc* input = nullptr;
  std::vector<uint8_t> bytes;          // the frame, copied at submission
  std::optional<VdecOutput> output;    // none for aclvdecSendSkippedFrame
  void* user_data = nullptr;
};

// Throws ACL_ERROR_INVALID_PARAM naming `what` unless `format` is an output format VDEC writes
// (NV12, NV21; RGB888 and BGR888 except on Ascend310/Ascend910, see video_rules.h).
void CheckVdecOutFormat(acldvppPixelFormat format, const char* what);

// Checks what aclvdecCreateChannel documents of `desc` (callback, thread, protocol, format).
void CheckVdecChannelDesc(const aclvdecChannelDesc& desc);

// Checks the output descriptor of aclvdecSendFrame against the documented formats, alignments and
// sizes (what can be checked before the stream's size is known). Throws ACL_ERROR_INVALID_PARAM.
// `channel_format` is the channel's output format, which an output without a format takes.
VdecOutput CheckVdecOutput(const acldvppPicDesc& desc, acldvppPixelFormat channel_format, Device& device);

class VdecChannel {
 public:
  // Opens the decoder and the lane in `context`. Throws on a channel id already open.
  VdecChannel(const aclvdecChannelDesc& desc, Context& context);
  // Decodes what is still queued, delivers its callbacks and waits for them.
  ~VdecChannel();
  VdecChannel(const VdecChannel&) = delete;
  VdecChannel& operator=(const VdecChannel&) = delete;

  // The program's calls check it first (VideoLane::CheckUsable): the context may be gone.
  const VideoLane& lane() const { return lane_; }
  Device& device() const { return lane_.device(); }
  acldvppPixelFormat out_format() const { return settings_.format; }
  void Send(VdecFrame frame);
  // End of stream: outputs every picture still held, delivers the callbacks and waits until the
  // callback thread has run them. Throws the error of a failed task.
  void EndOfStream();

 private:
  struct Settings {
    aclvdecCallback callback;
    acldvppPixelFormat format;
    uint32_t max_width, max_height, ref_frame_num, csc_matrix;
  };
  void Decode(VdecFrame& frame);
  void ReceivePictures();
  void Drain();
  // Writes the decoded picture (or reports `code` when there is none) and delivers the callback.
  void Finish(std::map<int64_t, VdecFrame>::iterator it, const AVFrame* picture, uint32_t code);
  uint32_t CheckPicture(const AVFrame& picture) const;  // 0, or the retCode of a picture VDEC refuses
  uint32_t Output(const VdecOutput& out, const AVFrame& picture);  // 0, or the retCode
  // Any other size or format: through Planes (scaled, converted to RGB with the channel's matrix).
  void WriteThroughPlanes(const AVFrame& picture, Picture& target) const;

  const Settings settings_;
  const int32_t device_id_;
  const uint32_t channel_id_;
  AvCodecContextPtr decoder_;
  AvPacketPtr packet_;
  AvFramePtr picture_;
  std::map<int64_t, VdecFrame> pending_;  // by the packet number carried as pts
  int64_t next_pts_ = 0;
  VideoLane lane_;  // last: destroyed (its tasks drained) before the decoder
};

}  // namespace aclsim::dvpp
