#include "dvpp/vdec_channel.h"

#include <cstring>
#include <mutex>
#include <set>
#include <utility>

#include "common/error.h"
#include "common/log.h"
#include "dvpp/colour.h"
#include "dvpp/pixel_io.h"
#include "dvpp/resize.h"
#include "dvpp/video_frames.h"
#include "dvpp/video_rules.h"
#include "runtime/buffer_check.h"
#include "runtime/context.h"
#include "runtime/device.h"

aclvdecChannelDesc::aclvdecChannelDesc() = default;
aclvdecChannelDesc::~aclvdecChannelDesc() = default;

namespace aclsim::dvpp {
namespace {

// Documented stream resolution floor; the ceiling is per SoC (video_rules.h).
constexpr uint32_t kMinStreamSide = 128;
constexpr uint32_t kMinOutWidth = 10, kMinOutHeight = 6, kMaxStride = 16384;

// Channel ids open per device: creating a second channel with an open id fails, as on the device.
std::mutex open_ids_mutex;
std::set<std::pair<int32_t, uint32_t>> open_ids;

bool IsYuvOutput(acldvppPixelFormat f) {
  return f == PIXEL_FORMAT_YUV_SEMIPLANAR_420 || f == PIXEL_FORMAT_YVU_SEMIPLANAR_420;
}
bool IsRgbOutput(acldvppPixelFormat f) { return f == PIXEL_FORMAT_RGB_888 || f == PIXEL_FORMAT_BGR_888; }

// The widthStride/heightStride VDEC writes for a picture of w x h (documented minimums).
uint32_t MinWidthStride(bool rgb, uint32_t width) {
  return rgb ? AlignUp(width, 16) * 3 : std::max(AlignUp(width, 16), 32u);
}
uint32_t MinHeightStride(bool rgb, uint32_t height) { return rgb ? height : AlignUp(height, 2); }

}  // namespace

void CheckVdecOutFormat(acldvppPixelFormat format, const char* what) {
  if (IsYuvOutput(format)) return;
  if (IsRgbOutput(format) && CurrentVideoRules().vdec_rgb_output) return;
  Fail(ACL_ERROR_INVALID_PARAM, "{} {} is not a VDEC output format: PIXEL_FORMAT_YUV_SEMIPLANAR_420 or "
       "PIXEL_FORMAT_YVU_SEMIPLANAR_420{}", what, FormatName(format),
       CurrentVideoRules().vdec_rgb_output ? ", PIXEL_FORMAT_RGB_888 or PIXEL_FORMAT_BGR_888" : "");
}

void CheckVdecChannelDesc(const aclvdecChannelDesc& desc) {
  CheckCallbackAndThread(desc.callback != nullptr, desc.thread_id, "aclvdec");
  CheckVdecOutFormat(desc.out_format, "channelDesc.outPicFormat");
}

VdecOutput CheckVdecOutput(const acldvppPicDesc& desc, acldvppPixelFormat channel_format, Device& device) {
  VdecOutput out;
  out.desc = const_cast<acldvppPicDesc*>(&desc);
  out.data = desc.data;
  out.size = desc.size;
  if (desc.data == nullptr) Fail(ACL_ERROR_INVALID_PARAM, "output.data is null (acldvppSetPicDescData)");
  ACLSIM_CHECK_ARG(desc.size > 0, "output.size must be > 0 (acldvppSetPicDescSize)");
  CheckDeviceBuffer(desc.data, desc.size, desc.size, false, device, "output.data");
  // An output format left unset (0, YUV400, which VDEC never writes) means the channel's.
  out.format = desc.format == PIXEL_FORMAT_YUV_400 ? channel_format : desc.format;
  CheckVdecOutFormat(out.format, "output.format");
  const uint32_t set = (desc.width != 0) + (desc.height != 0) + (desc.width_stride != 0) + (desc.height_stride != 0);
  if (set == 0) return out;  // the stream's size, checked when it is known
  if (set != 4) {
    Fail(ACL_ERROR_INVALID_PARAM, "output sets {} of width, height, widthStride and heightStride ({}, {}, {}, {}): "
         "set all four, or none to take the stream's size", set, desc.width, desc.height, desc.width_stride,
         desc.height_stride);
  }
  const bool rgb = IsRgbOutput(out.format);
  const uint32_t max_side = CurrentVideoRules().vdec_output_max_side;
  ACLSIM_CHECK_ARG(desc.width >= kMinOutWidth && desc.width <= max_side && desc.height >= kMinOutHeight &&
                       desc.height <= max_side,
                   "output is {}x{}, outside the VDEC output range {}x{} .. {}x{}", desc.width, desc.height,
                   kMinOutWidth, kMinOutHeight, max_side, max_side);
  if (!rgb) {
    ACLSIM_CHECK_ARG(desc.width % 2 == 0 && desc.height % 2 == 0, "output width {} and height {} must be even for {}",
                     desc.width, desc.height, FormatName(out.format));
    ACLSIM_CHECK_ARG(desc.width_stride % (desc.width < 16 ? 32 : 16) == 0,
                     "output.widthStride {} must be a multiple of {} (width {})", desc.width_stride,
                     desc.width < 16 ? 32 : 16, desc.width);
    ACLSIM_CHECK_ARG(desc.height_stride % 2 == 0, "output.heightStride {} must be even", desc.height_stride);
  } else {
    ACLSIM_CHECK_ARG(desc.width_stride % 48 == 0, "output.widthStride {} must be the width aligned to 16, times 3",
                     desc.width_stride);
  }
  const uint32_t min_ws = MinWidthStride(rgb, desc.width);
  ACLSIM_CHECK_ARG(desc.width_stride >= min_ws && desc.width_stride <= kMaxStride,
                   "output.widthStride {} must be in [{}, {}] for width {}", desc.width_stride, min_ws, kMaxStride,
                   desc.width);
  ACLSIM_CHECK_ARG(desc.height_stride >= desc.height && desc.height_stride <= kMaxStride,
                   "output.heightStride {} must be in [{}, {}]", desc.height_stride, desc.height, kMaxStride);
  const uint64_t bytes = PictureBytes(*FindFormat(out.format), desc.width_stride, desc.height_stride);
  ACLSIM_CHECK_ARG(desc.size >= bytes, "output.size {} is smaller than the {} bytes of a {}x{} {} picture with "
                   "strides {}x{}", desc.size, bytes, desc.width, desc.height, FormatName(out.format),
                   desc.width_stride, desc.height_stride);
  out.width = desc.width;
  out.height = desc.height;
  out.width_stride = desc.width_stride;
  out.height_stride = desc.height_stride;
  return out;
}

VdecChannel::VdecChannel(const aclvdecChannelDesc& desc, Context& context)
    : settings_{desc.callback, desc.out_format, desc.max_width, desc.max_height, desc.ref_frame_num, desc.csc_matrix},
      device_id_(context.device().id()),
      channel_id_(desc.channel_id),
      lane_(context, desc.thread_id) {
  RouteLibavLogs();
  {
    std::lock_guard<std::mutex> lock(open_ids_mutex);
    if (!open_ids.insert({device_id_, channel_id_}).second) {
      Fail(ACL_ERROR_INVALID_PARAM, "VDEC channel id {} is already open on device {}", channel_id_, device_id_);
    }
  }
  try {
    const AVCodec* codec = Av().avcodec_find_decoder(desc.en_type == H265_MAIN_LEVEL ? AV_CODEC_ID_HEVC : AV_CODEC_ID_H264);
    if (codec != nullptr) decoder_.reset(Av().avcodec_alloc_context3(codec));
    packet_.reset(Av().av_packet_alloc());
    picture_.reset(Av().av_frame_alloc());
    if (!decoder_ || !packet_ || !picture_) Fail(ACL_ERROR_BAD_ALLOC, "cannot allocate a video decoder");
    decoder_->thread_count = 1;                      // pictures in the order of the frames, no threads of its own
    decoder_->err_recognition |= AV_EF_EXPLODE;      // a damaged frame is an error, not a concealed picture
    if (desc.out_mode == 1) decoder_->flags |= AV_CODEC_FLAG_LOW_DELAY;  // fast output: no reordering delay
    const int ret = Av().avcodec_open2(decoder_.get(), codec, nullptr);
    if (ret < 0) Fail(ACL_ERROR_FAILURE, "cannot open the {} decoder: {}", codec->name, AvErrorText(ret));
  } catch (...) {
    std::lock_guard<std::mutex> lock(open_ids_mutex);
    open_ids.erase({device_id_, channel_id_});
    throw;
  }
}

VdecChannel::~VdecChannel() {
  try {
    if (lane_.alive()) EndOfStream();  // else the context took the stream and its tasks with it
  } catch (const Error& e) {
    Log().warn("VDEC channel {}: {}", channel_id_, e.what());
  }
  std::lock_guard<std::mutex> lock(open_ids_mutex);
  open_ids.erase({device_id_, channel_id_});
}

void VdecChannel::Send(VdecFrame frame) {
  auto shared = std::make_shared<VdecFrame>(std::move(frame));
  lane_.Submit([this, shared] { Decode(*shared); }, "vdec frame");
}

void VdecChannel::EndOfStream() { lane_.EndOfStream([this] { Drain(); }, "vdec end of stream"); }

void VdecChannel::Decode(VdecFrame& frame) {
  const int64_t pts = next_pts_++;
  auto it = pending_.emplace(pts, std::move(frame)).first;
  Av().av_packet_unref(packet_.get());
  if (Av().av_new_packet(packet_.get(), static_cast<int>(it->second.bytes.size())) < 0) {
    Fail(ACL_ERROR_BAD_ALLOC, "cannot allocate a packet of {} bytes", it->second.bytes.size());
  }
  std::memcpy(packet_->data, it->second.bytes.data(), it->second.bytes.size());
  packet_->pts = pts;
  const int ret = Av().avcodec_send_packet(decoder_.get(), packet_.get());
  if (ret < 0) {
    Log().debug("VDEC channel {}: frame {} does not decode: {}", channel_id_, pts, AvErrorText(ret));
    Finish(it, nullptr, kVdecDecodeFailed);
  }
  ReceivePictures();
  // A decoder without reordering delay outputs a frame's picture at once: a frame without one
  // (parameter sets only, or data the decoder skipped) will never have one.
  auto left = pending_.find(pts);
  if (left != pending_.end() && decoder_->has_b_frames == 0) Finish(left, nullptr, kVdecNoPicture);
}

void VdecChannel::ReceivePictures() {
  for (;;) {
    const int ret = Av().avcodec_receive_frame(decoder_.get(), picture_.get());
    if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF) return;
    if (ret < 0) {  // the error of the frame sent last
      auto it = pending_.find(next_pts_ - 1);
      if (it != pending_.end()) Finish(it, nullptr, kVdecDecodeFailed);
      return;
    }
    auto it = picture_->pts == AV_NOPTS_VALUE ? pending_.begin() : pending_.find(picture_->pts);
    if (it == pending_.end()) {
      Log().debug("VDEC channel {}: a second picture from frame {} is dropped (one frame per aclvdecSendFrame)",
                  channel_id_, picture_->pts);
    } else {
      Finish(it, picture_.get(), 0);
    }
    Av().av_frame_unref(picture_.get());
  }
}

void VdecChannel::Drain() {
  if (Av().avcodec_send_packet(decoder_.get(), nullptr) == 0) ReceivePictures();
  while (!pending_.empty()) Finish(pending_.begin(), nullptr, kVdecNoPicture);
  Av().avcodec_flush_buffers(decoder_.get());  // ready for a new stream
}

void VdecChannel::Finish(std::map<int64_t, VdecFrame>::iterator it, const AVFrame* picture, uint32_t code) {
  const int64_t number = it->first;
  VdecFrame frame = std::move(it->second);
  pending_.erase(it);
  if (picture != nullptr) code = CheckPicture(*picture);
  if (code == 0 && frame.output) code = Output(*frame.output, *picture);
  acldvppPicDesc* out = frame.output ? frame.output->desc : nullptr;
  if (out != nullptr && out->HasValidTag()) out->ret_code = code;
  if (code != 0) Log().debug("VDEC channel {}: frame {} ends with retCode {:#x}", channel_id_, number, code);
  lane_.Deliver([callback = settings_.callback, input = frame.input, out, user = frame.user_data] {
    callback(input, out, user);
  });
}

uint32_t VdecChannel::CheckPicture(const AVFrame& picture) const {
  if ((picture.flags & AV_FRAME_FLAG_CORRUPT) != 0 || picture.decode_error_flags != 0) return kVdecDecodeFailed;
  const auto width = static_cast<uint32_t>(picture.width);
  const auto height = static_cast<uint32_t>(picture.height);
  const uint32_t max_side = CurrentVideoRules().vdec_stream_max_side;
  if (width < kMinStreamSide || height < kMinStreamSide || width > max_side || height > max_side) {
    return kVdecResolutionInvalid;
  }
  if ((settings_.max_width != 0 && width > settings_.max_width) ||
      (settings_.max_height != 0 && height > settings_.max_height)) {
    return kVdecFrameSizeWrong;
  }
  if (settings_.ref_frame_num != 0 && decoder_->refs > static_cast<int>(settings_.ref_frame_num)) {
    return kVdecRefFramesWrong;
  }
  return 0;
}

void VdecChannel::WriteThroughPlanes(const AVFrame& picture, Picture& target) const {
  Planes planes = PlanesOfFrame(picture);
  if (planes.width != target.width || planes.height != target.height) {
    planes = Resize(planes, target.width, target.height, Interpolation::kBilinear);
  }
  if (target.info.space == ColourSpace::kRgb) ConvertColour(planes, ColourSpace::kRgb, settings_.csc_matrix);
  WritePicture(planes, target, Rect{0, 0, target.width, target.height});
}

uint32_t VdecChannel::Output(const VdecOutput& out, const AVFrame& picture) {
  const FormatInfo info = *FindFormat(out.format);
  const bool rgb = info.space == ColourSpace::kRgb;
  uint32_t width = out.width, height = out.height, width_stride = out.width_stride, height_stride = out.height_stride;
  if (width == 0) {  // the stream's size, even for 4:2:0
    width = rgb ? picture.width : picture.width / 2 * 2;
    height = rgb ? picture.height : picture.height / 2 * 2;
    width_stride = MinWidthStride(rgb, width);
    height_stride = MinHeightStride(rgb, height);
  }
  if (PictureBytes(info, width_stride, height_stride) > out.size) return kVdecOutputSizeInvalid;
  Picture target{static_cast<uint8_t*>(out.data), info, width, height, width_stride, height_stride};
  try {
    if (!CopyYuv420Frame(picture, target)) WriteThroughPlanes(picture, target);
  } catch (const Error& e) {  // a decoded layout VDEC does not output (nothing written yet)
    Log().debug("VDEC channel {}: {}", channel_id_, e.what());
    return kVdecDecodeFailed;
  }
  if (out.desc->HasValidTag()) {
    out.desc->format = out.format;
    out.desc->width = width;
    out.desc->height = height;
    out.desc->width_stride = width_stride;
    out.desc->height_stride = height_stride;
  }
  return 0;
}

}  // namespace aclsim::dvpp
