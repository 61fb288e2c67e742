// VDEC entry points (acl_dvpp.h): channel descriptors with every accessor, frame configs, channels
// and aclvdecSendFrame / aclvdecSendSkippedFrame. The decoding itself is src/dvpp/vdec_channel.h.
#include <memory>

#include "api/dvpp_video_access.h"
#include "dvpp/vdec_channel.h"
#include "dvpp/video_rules.h"
#include "runtime/buffer_check.h"
#include "runtime/current_context.h"

using aclsim::Fail;
using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;
using aclsim::api::Channel;
using aclsim::api::CheckEnType;
using aclsim::api::GetField;
using aclsim::api::NoCheck;
using aclsim::api::OpenChannel;
using aclsim::api::ParamValue;
using aclsim::api::ReturnParam;
using aclsim::api::SetField;
using aclsim::dvpp::CurrentVideoRules;

namespace {

constexpr uint32_t kMaxRefFrames = 16;

void CheckChannelId(uint32_t id) {
  const uint32_t max = CurrentVideoRules().vdec_channel_id_max;
  ACLSIM_CHECK_ARG(id <= max, "channelId {} is outside [0, {}]", id, max);
}
void CheckOutFormat(acldvppPixelFormat format) { aclsim::dvpp::CheckVdecOutFormat(format, "outPicFormat"); }
// Documented as not settable on Ascend310/910 (Atlas 200/300/500 inference, Atlas training products).
void CheckTunable(const char* what) {
  if (!CurrentVideoRules().vdec_tunable) {
    Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "{} cannot be set on this SoC (not on Ascend310 and Ascend910, see "
         "aclrtGetSocName)", what);
  }
}
void CheckRefFrameNum(uint32_t value) {
  CheckTunable("the reference frame number");
  ACLSIM_CHECK_ARG(value <= kMaxRefFrames, "refFrameNum {} is outside [0, {}]", value, kMaxRefFrames);
}
void CheckBitDepth(uint32_t value) {
  CheckTunable("the bit depth");
  ACLSIM_CHECK_ARG(value <= 1, "bitDepth {} must be 0 (8 bits) or 1 (10 bits)", value);
}
void CheckOutMode(uint32_t value) {
  ACLSIM_CHECK_ARG(value <= 1, "outMode {} must be 0 (default) or 1 (fast output)", value);
}
void CheckCscMatrix(uint32_t value) {
  ACLSIM_CHECK_ARG(value <= ACL_DVPP_CSC_MATRIX_BT2020_NARROW, "CSC matrix {} is not an acldvppCscMatrix", value);
}

// The frame of `input`; an empty packet is only allowed as the end of the stream.
aclsim::dvpp::VdecFrame FrameOf(const acldvppStreamDesc& input, aclsim::Device& device, void* user_data) {
  if (input.eos == 0) {
    if (input.data == nullptr) Fail(ACL_ERROR_INVALID_PARAM, "input.data is null: an empty frame must have eos set");
    ACLSIM_CHECK_ARG(input.size > 0, "input.size is 0: an empty frame must have eos set");
  }
  aclsim::dvpp::VdecFrame frame;
  frame.input = const_cast<acldvppStreamDesc*>(&input);
  frame.user_data = user_data;
  if (input.data != nullptr && input.size > 0) {
    aclsim::CheckDeviceBuffer(input.data, input.size, input.size, false, device, "input.data");
    const auto* bytes = static_cast<const uint8_t*>(input.data);
    frame.bytes.assign(bytes, bytes + input.size);
  }
  return frame;
}

}  // namespace

extern "C" {

aclvdecChannelDesc* aclvdecCreateChannelDesc() {
  return ApiCall("aclvdecCreateChannelDesc", [] { return new aclvdecChannelDesc(); });
}

aclError aclvdecDestroyChannelDesc(aclvdecChannelDesc* channelDesc) {
  return ApiCall("aclvdecDestroyChannelDesc", [&] {
    aclsim::api::DestroyChannelDesc(channelDesc);
    return ACL_SUCCESS;
  });
}

aclError aclvdecSetChannelDescChannelId(aclvdecChannelDesc* channelDesc, uint32_t channelId) {
  return SetField("aclvdecSetChannelDescChannelId", channelDesc, "channelDesc", &aclvdecChannelDesc::channel_id,
                  channelId, CheckChannelId);
}
aclError aclvdecSetChannelDescThreadId(aclvdecChannelDesc* channelDesc, uint64_t threadId) {
  return SetField("aclvdecSetChannelDescThreadId", channelDesc, "channelDesc", &aclvdecChannelDesc::thread_id,
                  threadId, NoCheck);
}
aclError aclvdecSetChannelDescCallback(aclvdecChannelDesc* channelDesc, aclvdecCallback callback) {
  return SetField("aclvdecSetChannelDescCallback", channelDesc, "channelDesc", &aclvdecChannelDesc::callback,
                  callback, NoCheck);
}
aclError aclvdecSetChannelDescEnType(aclvdecChannelDesc* channelDesc, acldvppStreamFormat enType) {
  return SetField("aclvdecSetChannelDescEnType", channelDesc, "channelDesc", &aclvdecChannelDesc::en_type, enType,
                  CheckEnType);
}
aclError aclvdecSetChannelDescOutPicFormat(aclvdecChannelDesc* channelDesc, acldvppPixelFormat outPicFormat) {
  return SetField("aclvdecSetChannelDescOutPicFormat", channelDesc, "channelDesc", &aclvdecChannelDesc::out_format,
                  outPicFormat, CheckOutFormat);
}
aclError aclvdecSetChannelDescOutPicWidth(aclvdecChannelDesc* channelDesc, uint32_t outPicWidth) {
  return SetField("aclvdecSetChannelDescOutPicWidth", channelDesc, "channelDesc", &aclvdecChannelDesc::max_width,
                  outPicWidth, NoCheck);
}
aclError aclvdecSetChannelDescOutPicHeight(aclvdecChannelDesc* channelDesc, uint32_t outPicHeight) {
  return SetField("aclvdecSetChannelDescOutPicHeight", channelDesc, "channelDesc", &aclvdecChannelDesc::max_height,
                  outPicHeight, NoCheck);
}
aclError aclvdecSetChannelDescRefFrameNum(aclvdecChannelDesc* channelDesc, uint32_t refFrameNum) {
  return SetField("aclvdecSetChannelDescRefFrameNum", channelDesc, "channelDesc",
                  &aclvdecChannelDesc::ref_frame_num, refFrameNum, CheckRefFrameNum);
}
aclError aclvdecSetChannelDescBitDepth(aclvdecChannelDesc* channelDesc, uint32_t bitDepth) {
  return SetField("aclvdecSetChannelDescBitDepth", channelDesc, "channelDesc", &aclvdecChannelDesc::bit_depth,
                  bitDepth, CheckBitDepth);
}
aclError aclvdecSetChannelDescOutMode(aclvdecChannelDesc* channelDesc, uint32_t outMode) {
  return SetField("aclvdecSetChannelDescOutMode", channelDesc, "channelDesc", &aclvdecChannelDesc::out_mode, outMode,
                  CheckOutMode);
}

uint32_t aclvdecGetChannelDescChannelId(const aclvdecChannelDesc* channelDesc) {
  return GetField("aclvdecGetChannelDescChannelId", channelDesc, &aclvdecChannelDesc::channel_id);
}
uint64_t aclvdecGetChannelDescThreadId(const aclvdecChannelDesc* channelDesc) {
  return GetField("aclvdecGetChannelDescThreadId", channelDesc, &aclvdecChannelDesc::thread_id);
}
aclvdecCallback aclvdecGetChannelDescCallback(const aclvdecChannelDesc* channelDesc) {
  return GetField("aclvdecGetChannelDescCallback", channelDesc, &aclvdecChannelDesc::callback);
}
acldvppStreamFormat aclvdecGetChannelDescEnType(const aclvdecChannelDesc* channelDesc) {
  return GetField("aclvdecGetChannelDescEnType", channelDesc, &aclvdecChannelDesc::en_type);
}
acldvppPixelFormat aclvdecGetChannelDescOutPicFormat(const aclvdecChannelDesc* channelDesc) {
  return GetField("aclvdecGetChannelDescOutPicFormat", channelDesc, &aclvdecChannelDesc::out_format);
}
uint32_t aclvdecGetChannelDescOutPicWidth(const aclvdecChannelDesc* channelDesc) {
  return GetField("aclvdecGetChannelDescOutPicWidth", channelDesc, &aclvdecChannelDesc::max_width);
}
uint32_t aclvdecGetChannelDescOutPicHeight(const aclvdecChannelDesc* channelDesc) {
  return GetField("aclvdecGetChannelDescOutPicHeight", channelDesc, &aclvdecChannelDesc::max_height);
}
uint32_t aclvdecGetChannelDescBitDepth(const aclvdecChannelDesc* channelDesc) {
  return GetField("aclvdecGetChannelDescBitDepth", channelDesc, &aclvdecChannelDesc::bit_depth);
}
uint32_t aclvdecGetChannelDescRefFrameNum(const aclvdecChannelDesc* channelDesc) {
  return GetField("aclvdecGetChannelDescRefFrameNum", channelDesc, &aclvdecChannelDesc::ref_frame_num);
}
uint32_t aclvdecGetChannelDescOutMode(const aclvdecChannelDesc* channelDesc) {
  return GetField("aclvdecGetChannelDescOutMode", channelDesc, &aclvdecChannelDesc::out_mode);
}

aclError aclvdecSetChannelDescParam(aclvdecChannelDesc* channelDesc, aclvdecChannelDescParamType paramType,
                                    size_t length, const void* param) {
  return ApiCall("aclvdecSetChannelDescParam", [&] {
    aclvdecChannelDesc* desc = Channel(channelDesc);
    const int type = static_cast<int>(paramType);
    auto u32 = [&] { return ParamValue<uint32_t>(length, param, type); };
    switch (paramType) {
      case ACL_VDEC_CSC_MATRIX_UINT32: { const uint32_t v = u32(); CheckCscMatrix(v); desc->csc_matrix = v; break; }
      case ACL_VDEC_OUT_MODE_UINT32: { const uint32_t v = u32(); CheckOutMode(v); desc->out_mode = v; break; }
      case ACL_VDEC_THREAD_ID_UINT64: desc->thread_id = ParamValue<uint64_t>(length, param, type); break;
      case ACL_VDEC_CALLBACK_PTR: desc->callback = ParamValue<aclvdecCallback>(length, param, type); break;
      case ACL_VDEC_CHANNEL_ID_UINT32: { const uint32_t v = u32(); CheckChannelId(v); desc->channel_id = v; break; }
      case ACL_VDEC_ENCODE_TYPE_UINT32: {
        const auto v = static_cast<acldvppStreamFormat>(u32());
        CheckEnType(v);
        desc->en_type = v;
        break;
      }
      case ACL_VDEC_OUT_PIC_FORMAT_UINT32: {
        const auto v = static_cast<acldvppPixelFormat>(u32());
        CheckOutFormat(v);
        desc->out_format = v;
        break;
      }
      case ACL_VDEC_OUT_PIC_WIDTH_UINT32: desc->max_width = u32(); break;
      case ACL_VDEC_OUT_PIC_HEIGHT_UINT32: desc->max_height = u32(); break;
      case ACL_VDEC_REF_FRAME_NUM_UINT32: { const uint32_t v = u32(); CheckRefFrameNum(v); desc->ref_frame_num = v; break; }
      case ACL_VDEC_BIT_DEPTH_UINT32: { const uint32_t v = u32(); CheckBitDepth(v); desc->bit_depth = v; break; }
      default: Fail(ACL_ERROR_INVALID_PARAM, "paramType {} is not an aclvdecChannelDescParamType", type);
    }
    return ACL_SUCCESS;
  });
}

aclError aclvdecGetChannelDescParam(const aclvdecChannelDesc* channelDesc, aclvdecChannelDescParamType paramType,
                                    size_t length, size_t* paramRetSize, void* param) {
  return ApiCall("aclvdecGetChannelDescParam", [&] {
    const aclvdecChannelDesc* desc = UnwrapHandle<aclvdecChannelDesc>(channelDesc, "channelDesc");
    const int type = static_cast<int>(paramType);
    auto out = [&](const auto& value) { ReturnParam(value, length, paramRetSize, param, type); };
    switch (paramType) {
      case ACL_VDEC_CSC_MATRIX_UINT32: out(desc->csc_matrix); break;
      case ACL_VDEC_OUT_MODE_UINT32: out(desc->out_mode); break;
      case ACL_VDEC_THREAD_ID_UINT64: out(desc->thread_id); break;
      case ACL_VDEC_CALLBACK_PTR: out(desc->callback); break;
      case ACL_VDEC_CHANNEL_ID_UINT32: out(desc->channel_id); break;
      case ACL_VDEC_ENCODE_TYPE_UINT32: out(static_cast<uint32_t>(desc->en_type)); break;
      case ACL_VDEC_OUT_PIC_FORMAT_UINT32: out(static_cast<uint32_t>(desc->out_format)); break;
      case ACL_VDEC_OUT_PIC_WIDTH_UINT32: out(desc->max_width); break;
      case ACL_VDEC_OUT_PIC_HEIGHT_UINT32: out(desc->max_height); break;
      case ACL_VDEC_REF_FRAME_NUM_UINT32: out(desc->ref_frame_num); break;
      case ACL_VDEC_BIT_DEPTH_UINT32: out(desc->bit_depth); break;
      default: Fail(ACL_ERROR_INVALID_PARAM, "paramType {} is not an aclvdecChannelDescParamType", type);
    }
    return ACL_SUCCESS;
  });
}

aclvdecFrameConfig* aclvdecCreateFrameConfig() {
  return ApiCall("aclvdecCreateFrameConfig", [] { return new aclvdecFrameConfig(); });
}

aclError aclvdecDestroyFrameConfig(aclvdecFrameConfig* vdecFrameConfig) {
  return ApiCall("aclvdecDestroyFrameConfig", [&] {
    delete UnwrapHandle<aclvdecFrameConfig>(vdecFrameConfig, "vdecFrameConfig");
    return ACL_SUCCESS;
  });
}

aclError aclvdecCreateChannel(aclvdecChannelDesc* channelDesc) {
  return ApiCall("aclvdecCreateChannel", [&] {
    aclvdecChannelDesc* desc = Channel(channelDesc);
    if (desc->channel) Fail(ACL_ERROR_INVALID_PARAM, "channelDesc already has an open channel; destroy it first");
    aclsim::dvpp::CheckVdecChannelDesc(*desc);
    desc->channel = std::make_unique<aclsim::dvpp::VdecChannel>(*desc, aclsim::CurrentContext());
    return ACL_SUCCESS;
  });
}

aclError aclvdecDestroyChannel(aclvdecChannelDesc* channelDesc) {
  return ApiCall("aclvdecDestroyChannel", [&] {
    aclsim::api::DestroyChannel(channelDesc);
    return ACL_SUCCESS;
  });
}

aclError aclvdecSendFrame(aclvdecChannelDesc* channelDesc, acldvppStreamDesc* input, acldvppPicDesc* output,
                          aclvdecFrameConfig* config, void* userData) {
  return ApiCall("aclvdecSendFrame", [&] {
    const acldvppStreamDesc* in = UnwrapHandle<acldvppStreamDesc>(input, "input");
    aclsim::dvpp::VdecChannel& channel = OpenChannel(channelDesc, in->eos != 0);
    if (config != nullptr) UnwrapHandle<aclvdecFrameConfig>(config, "config");  // reserved
    aclsim::dvpp::VdecFrame frame = FrameOf(*in, channel.device(), userData);
    if (!frame.bytes.empty()) {
      const acldvppPicDesc* out = UnwrapHandle<acldvppPicDesc>(output, "output");
      frame.output = aclsim::dvpp::CheckVdecOutput(*out, channel.out_format(), channel.device());
      channel.Send(std::move(frame));
    }
    // Documented: after an end of stream, returns once every frame is decoded and called back.
    if (in->eos != 0) channel.EndOfStream();
    return ACL_SUCCESS;
  });
}

aclError aclvdecSendSkippedFrame(aclvdecChannelDesc* channelDesc, acldvppStreamDesc* input,
                                 aclvdecFrameConfig* config, void* userData) {
  return ApiCall("aclvdecSendSkippedFrame", [&] {
    aclsim::dvpp::VdecChannel& channel = OpenChannel(channelDesc, false);
    const acldvppStreamDesc* in = UnwrapHandle<acldvppStreamDesc>(input, "input");
    if (config != nullptr) UnwrapHandle<aclvdecFrameConfig>(config, "config");  // reserved
    ACLSIM_CHECK_ARG(in->eos == 0, "input has eos set: the end of the stream is sent with aclvdecSendFrame");
    channel.Send(FrameOf(*in, channel.device(), userData));  // decoded, called back with no output
    return ACL_SUCCESS;
  });
}

}  // extern "C"
