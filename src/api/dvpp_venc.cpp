// VENC entry points (acl_dvpp.h): channel descriptors with every accessor, frame configs, channels
// and aclvencSendFrame. The encoding itself is src/dvpp/venc_channel.h.
#include <atomic>
#include <memory>

#include "api/dvpp_video_access.h"
#include "dvpp/venc_channel.h"
#include "runtime/context.h"
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

namespace {

// Documented ranges (Ascend310P).
constexpr uint32_t kMaxKeyFrameInterval = 65536, kMaxSrcRate = 240, kMinBitRate = 2, kMaxBitRate = 614400;
constexpr uint32_t kMaxIpProp = 100, kMinBufSize = 5 * 1024 * 1024;

std::atomic<uint32_t> next_channel_id{0};

void CheckPicFormat(acldvppPixelFormat format) {
  ACLSIM_CHECK_ARG(format == PIXEL_FORMAT_YUV_SEMIPLANAR_420 || format == PIXEL_FORMAT_YVU_SEMIPLANAR_420,
                   "picFormat {} is not a VENC input format: PIXEL_FORMAT_YUV_SEMIPLANAR_420 or "
                   "PIXEL_FORMAT_YVU_SEMIPLANAR_420", static_cast<int>(format));
}
void CheckKeyFrameInterval(uint32_t value) {
  ACLSIM_CHECK_ARG(value >= 1 && value <= kMaxKeyFrameInterval, "keyFrameInterval {} is outside [1, {}]", value,
                   kMaxKeyFrameInterval);
}
void CheckBufSize(uint32_t value) {
  ACLSIM_CHECK_ARG(value >= kMinBufSize, "bufSize {} must be at least 5 MiB ({})", value, kMinBufSize);
}
void CheckRcMode(uint32_t value) { ACLSIM_CHECK_ARG(value <= 2, "rcMode {} must be 0 (default), 1 (VBR) or 2 (CBR)", value); }
void CheckSrcRate(uint32_t value) {
  ACLSIM_CHECK_ARG(value <= kMaxSrcRate, "srcRate {} must be 0 (default 30) or in [1, {}]", value, kMaxSrcRate);
}
void CheckMaxBitRate(uint32_t value) {
  ACLSIM_CHECK_ARG(value == 0 || (value >= kMinBitRate && value <= kMaxBitRate),
                   "maxBitRate {} must be 0 (default 2000) or in [{}, {}] kbps", value, kMinBitRate, kMaxBitRate);
}
void CheckMaxIpProp(uint32_t value) {
  ACLSIM_CHECK_ARG(value <= kMaxIpProp, "max I/P proportion {} must be 0 (default) or in [1, {}]", value, kMaxIpProp);
}
void CheckFlag(uint8_t value) { ACLSIM_CHECK_ARG(value <= 1, "value {} must be 0 or 1", value); }

}  // namespace

extern "C" {

aclvencChannelDesc* aclvencCreateChannelDesc() {
  return ApiCall("aclvencCreateChannelDesc", [] { return new aclvencChannelDesc(); });
}

aclError aclvencDestroyChannelDesc(aclvencChannelDesc* channelDesc) {
  return ApiCall("aclvencDestroyChannelDesc", [&] {
    aclsim::api::DestroyChannelDesc(channelDesc);
    return ACL_SUCCESS;
  });
}

aclError aclvencSetChannelDescThreadId(aclvencChannelDesc* channelDesc, uint64_t threadId) {
  return SetField("aclvencSetChannelDescThreadId", channelDesc, "channelDesc", &aclvencChannelDesc::thread_id,
                  threadId, NoCheck);
}
aclError aclvencSetChannelDescCallback(aclvencChannelDesc* channelDesc, aclvencCallback callback) {
  return SetField("aclvencSetChannelDescCallback", channelDesc, "channelDesc", &aclvencChannelDesc::callback,
                  callback, NoCheck);
}
aclError aclvencSetChannelDescEnType(aclvencChannelDesc* channelDesc, acldvppStreamFormat enType) {
  return SetField("aclvencSetChannelDescEnType", channelDesc, "channelDesc", &aclvencChannelDesc::en_type, enType,
                  CheckEnType);
}
aclError aclvencSetChannelDescPicFormat(aclvencChannelDesc* channelDesc, acldvppPixelFormat picFormat) {
  return SetField("aclvencSetChannelDescPicFormat", channelDesc, "channelDesc", &aclvencChannelDesc::pic_format,
                  picFormat, CheckPicFormat);
}
aclError aclvencSetChannelDescPicWidth(aclvencChannelDesc* channelDesc, uint32_t picWidth) {
  return SetField("aclvencSetChannelDescPicWidth", channelDesc, "channelDesc", &aclvencChannelDesc::pic_width,
                  picWidth, NoCheck);
}
aclError aclvencSetChannelDescPicHeight(aclvencChannelDesc* channelDesc, uint32_t picHeight) {
  return SetField("aclvencSetChannelDescPicHeight", channelDesc, "channelDesc", &aclvencChannelDesc::pic_height,
                  picHeight, NoCheck);
}
aclError aclvencSetChannelDescKeyFrameInterval(aclvencChannelDesc* channelDesc, uint32_t keyFrameInterval) {
  return SetField("aclvencSetChannelDescKeyFrameInterval", channelDesc, "channelDesc",
                  &aclvencChannelDesc::key_frame_interval, keyFrameInterval, CheckKeyFrameInterval);
}
aclError aclvencSetChannelDescBufAddr(aclvencChannelDesc* channelDesc, void* bufAddr) {
  return SetField("aclvencSetChannelDescBufAddr", channelDesc, "channelDesc", &aclvencChannelDesc::buf_addr, bufAddr,
                  NoCheck);
}
aclError aclvencSetChannelDescBufSize(aclvencChannelDesc* channelDesc, uint32_t bufSize) {
  return SetField("aclvencSetChannelDescBufSize", channelDesc, "channelDesc", &aclvencChannelDesc::buf_size, bufSize,
                  CheckBufSize);
}
aclError aclvencSetChannelDescRcMode(aclvencChannelDesc* channelDesc, uint32_t rcMode) {
  return SetField("aclvencSetChannelDescRcMode", channelDesc, "channelDesc", &aclvencChannelDesc::rc_mode, rcMode,
                  CheckRcMode);
}
aclError aclvencSetChannelDescSrcRate(aclvencChannelDesc* channelDesc, uint32_t srcRate) {
  return SetField("aclvencSetChannelDescSrcRate", channelDesc, "channelDesc", &aclvencChannelDesc::src_rate, srcRate,
                  CheckSrcRate);
}
aclError aclvencSetChannelDescMaxBitRate(aclvencChannelDesc* channelDesc, uint32_t maxBitRate) {
  return SetField("aclvencSetChannelDescMaxBitRate", channelDesc, "channelDesc", &aclvencChannelDesc::max_bit_rate,
                  maxBitRate, CheckMaxBitRate);
}

void* aclvencGetChannelDescBufAddr(const aclvencChannelDesc* channelDesc) {
  return GetField("aclvencGetChannelDescBufAddr", channelDesc, &aclvencChannelDesc::buf_addr);
}
uint32_t aclvencGetChannelDescBufSize(const aclvencChannelDesc* channelDesc) {
  return GetField("aclvencGetChannelDescBufSize", channelDesc, &aclvencChannelDesc::buf_size);
}
uint32_t aclvencGetChannelDescChannelId(const aclvencChannelDesc* channelDesc) {
  return GetField("aclvencGetChannelDescChannelId", channelDesc, &aclvencChannelDesc::channel_id);
}
uint64_t aclvencGetChannelDescThreadId(const aclvencChannelDesc* channelDesc) {
  return GetField("aclvencGetChannelDescThreadId", channelDesc, &aclvencChannelDesc::thread_id);
}
aclvencCallback aclvencGetChannelDescCallback(const aclvencChannelDesc* channelDesc) {
  return GetField("aclvencGetChannelDescCallback", channelDesc, &aclvencChannelDesc::callback);
}
acldvppStreamFormat aclvencGetChannelDescEnType(const aclvencChannelDesc* channelDesc) {
  return GetField("aclvencGetChannelDescEnType", channelDesc, &aclvencChannelDesc::en_type);
}
acldvppPixelFormat aclvencGetChannelDescPicFormat(const aclvencChannelDesc* channelDesc) {
  return GetField("aclvencGetChannelDescPicFormat", channelDesc, &aclvencChannelDesc::pic_format);
}
uint32_t aclvencGetChannelDescPicWidth(const aclvencChannelDesc* channelDesc) {
  return GetField("aclvencGetChannelDescPicWidth", channelDesc, &aclvencChannelDesc::pic_width);
}
uint32_t aclvencGetChannelDescPicHeight(const aclvencChannelDesc* channelDesc) {
  return GetField("aclvencGetChannelDescPicHeight", channelDesc, &aclvencChannelDesc::pic_height);
}
uint32_t aclvencGetChannelDescKeyFrameInterval(const aclvencChannelDesc* channelDesc) {
  return GetField("aclvencGetChannelDescKeyFrameInterval", channelDesc, &aclvencChannelDesc::key_frame_interval);
}
uint32_t aclvencGetChannelDescRcMode(const aclvencChannelDesc* channelDesc) {
  return GetField("aclvencGetChannelDescRcMode", channelDesc, &aclvencChannelDesc::rc_mode);
}
uint32_t aclvencGetChannelDescSrcRate(const aclvencChannelDesc* channelDesc) {
  return GetField("aclvencGetChannelDescSrcRate", channelDesc, &aclvencChannelDesc::src_rate);
}
uint32_t aclvencGetChannelDescMaxBitRate(const aclvencChannelDesc* channelDesc) {
  return GetField("aclvencGetChannelDescMaxBitRate", channelDesc, &aclvencChannelDesc::max_bit_rate);
}

aclError aclvencSetChannelDescParam(aclvencChannelDesc* channelDesc, aclvencChannelDescParamType paramType,
                                    size_t length, const void* param) {
  return ApiCall("aclvencSetChannelDescParam", [&] {
    aclvencChannelDesc* desc = Channel(channelDesc);
    const int type = static_cast<int>(paramType);
    auto u32 = [&] { return ParamValue<uint32_t>(length, param, type); };
    auto checked = [&](uint32_t& field, void (*check)(uint32_t)) {
      const uint32_t value = u32();
      check(value);
      field = value;
    };
    switch (paramType) {
      case ACL_VENC_THREAD_ID_UINT64: desc->thread_id = ParamValue<uint64_t>(length, param, type); break;
      case ACL_VENC_CALLBACK_PTR: desc->callback = ParamValue<aclvencCallback>(length, param, type); break;
      case ACL_VENC_PIXEL_FORMAT_UINT32: {
        const auto value = static_cast<acldvppPixelFormat>(u32());
        CheckPicFormat(value);
        desc->pic_format = value;
        break;
      }
      case ACL_VENC_ENCODE_TYPE_UINT32: {
        const auto value = static_cast<acldvppStreamFormat>(u32());
        CheckEnType(value);
        desc->en_type = value;
        break;
      }
      case ACL_VENC_PIC_WIDTH_UINT32: desc->pic_width = u32(); break;
      case ACL_VENC_PIC_HEIGHT_UINT32: desc->pic_height = u32(); break;
      case ACL_VENC_KEY_FRAME_INTERVAL_UINT32: checked(desc->key_frame_interval, CheckKeyFrameInterval); break;
      case ACL_VENC_BUF_ADDR_PTR: desc->buf_addr = ParamValue<void*>(length, param, type); break;
      case ACL_VENC_BUF_SIZE_UINT32: checked(desc->buf_size, CheckBufSize); break;
      case ACL_VENC_RC_MODE_UINT32: checked(desc->rc_mode, CheckRcMode); break;
      case ACL_VENC_SRC_RATE_UINT32: checked(desc->src_rate, CheckSrcRate); break;
      case ACL_VENC_MAX_BITRATE_UINT32: checked(desc->max_bit_rate, CheckMaxBitRate); break;
      case ACL_VENC_MAX_IP_PROP_UINT32: checked(desc->max_ip_prop, CheckMaxIpProp); break;
      default: Fail(ACL_ERROR_INVALID_PARAM, "paramType {} is not an aclvencChannelDescParamType", type);
    }
    return ACL_SUCCESS;
  });
}

aclError aclvencGetChannelDescParam(const aclvencChannelDesc* channelDesc, aclvencChannelDescParamType paramType,
                                    size_t length, size_t* paramRetSize, void* param) {
  return ApiCall("aclvencGetChannelDescParam", [&] {
    const aclvencChannelDesc* desc = UnwrapHandle<aclvencChannelDesc>(channelDesc, "channelDesc");
    const int type = static_cast<int>(paramType);
    auto out = [&](const auto& value) { ReturnParam(value, length, paramRetSize, param, type); };
    switch (paramType) {
      case ACL_VENC_THREAD_ID_UINT64: out(desc->thread_id); break;
      case ACL_VENC_CALLBACK_PTR: out(desc->callback); break;
      case ACL_VENC_PIXEL_FORMAT_UINT32: out(static_cast<uint32_t>(desc->pic_format)); break;
      case ACL_VENC_ENCODE_TYPE_UINT32: out(static_cast<uint32_t>(desc->en_type)); break;
      case ACL_VENC_PIC_WIDTH_UINT32: out(desc->pic_width); break;
      case ACL_VENC_PIC_HEIGHT_UINT32: out(desc->pic_height); break;
      case ACL_VENC_KEY_FRAME_INTERVAL_UINT32: out(desc->key_frame_interval); break;
      case ACL_VENC_BUF_ADDR_PTR: out(desc->buf_addr); break;
      case ACL_VENC_BUF_SIZE_UINT32: out(desc->buf_size); break;
      case ACL_VENC_RC_MODE_UINT32: out(desc->rc_mode); break;
      case ACL_VENC_SRC_RATE_UINT32: out(desc->src_rate); break;
      case ACL_VENC_MAX_BITRATE_UINT32: out(desc->max_bit_rate); break;
      case ACL_VENC_MAX_IP_PROP_UINT32: out(desc->max_ip_prop); break;
      default: Fail(ACL_ERROR_INVALID_PARAM, "paramType {} is not an aclvencChannelDescParamType", type);
    }
    return ACL_SUCCESS;
  });
}

aclvencFrameConfig* aclvencCreateFrameConfig() {
  return ApiCall("aclvencCreateFrameConfig", [] { return new aclvencFrameConfig(); });
}
aclError aclvencDestroyFrameConfig(aclvencFrameConfig* config) {
  return ApiCall("aclvencDestroyFrameConfig", [&] {
    delete UnwrapHandle<aclvencFrameConfig>(config, "config");
    return ACL_SUCCESS;
  });
}
aclError aclvencSetFrameConfigForceIFrame(aclvencFrameConfig* config, uint8_t forceIFrame) {
  return SetField("aclvencSetFrameConfigForceIFrame", config, "config", &aclvencFrameConfig::force_i_frame,
                  forceIFrame, CheckFlag);
}
aclError aclvencSetFrameConfigEos(aclvencFrameConfig* config, uint8_t eos) {
  return SetField("aclvencSetFrameConfigEos", config, "config", &aclvencFrameConfig::eos, eos, CheckFlag);
}
uint8_t aclvencGetFrameConfigForceIFrame(const aclvencFrameConfig* config) {
  return ApiCall("aclvencGetFrameConfigForceIFrame",
                 [&] { return UnwrapHandle<aclvencFrameConfig>(config, "config")->force_i_frame; });
}
uint8_t aclvencGetFrameConfigEos(const aclvencFrameConfig* config) {
  return ApiCall("aclvencGetFrameConfigEos", [&] { return UnwrapHandle<aclvencFrameConfig>(config, "config")->eos; });
}

aclError aclvencCreateChannel(aclvencChannelDesc* channelDesc) {
  return ApiCall("aclvencCreateChannel", [&] {
    aclvencChannelDesc* desc = Channel(channelDesc);
    if (desc->channel) Fail(ACL_ERROR_INVALID_PARAM, "channelDesc already has an open channel; destroy it first");
    aclsim::Context& context = aclsim::CurrentContext();
    aclsim::dvpp::CheckVencChannelDesc(*desc, context.device());
    desc->channel = std::make_unique<aclsim::dvpp::VencChannel>(*desc, context);
    desc->channel_id = next_channel_id++;
    return ACL_SUCCESS;
  });
}

aclError aclvencDestroyChannel(aclvencChannelDesc* channelDesc) {
  return ApiCall("aclvencDestroyChannel", [&] {
    aclsim::api::DestroyChannel(channelDesc);
    return ACL_SUCCESS;
  });
}

aclError aclvencSendFrame(aclvencChannelDesc* channelDesc, acldvppPicDesc* input, void* /*reserve*/,
                          aclvencFrameConfig* config, void* userdata) {
  return ApiCall("aclvencSendFrame", [&] {
    const aclvencFrameConfig* frame_config =
        config != nullptr ? UnwrapHandle<aclvencFrameConfig>(config, "config") : nullptr;
    const bool eos = frame_config != nullptr && frame_config->eos != 0;
    aclsim::dvpp::VencChannel& channel = OpenChannel(channelDesc, eos);
    if (input == nullptr && !eos) {
      Fail(ACL_ERROR_INVALID_PARAM, "input is null: only the end of the stream (config eos 1) has no picture");
    }
    if (input != nullptr) {
      acldvppPicDesc* in = UnwrapHandle<acldvppPicDesc>(input, "input");
      const aclsim::dvpp::Picture picture =
          aclsim::dvpp::CheckVencInput(*in, channel.format(), channel.width(), channel.height(), channel.device());
      aclsim::dvpp::VencFrame frame;
      frame.input = in;
      frame.picture = channel.CopyPicture(picture);
      frame.force_i_frame = frame_config != nullptr && frame_config->force_i_frame != 0;
      frame.user_data = userdata;
      channel.Send(std::move(frame));
    }
    if (eos) channel.EndOfStream();
    return ACL_SUCCESS;
  });
}

}  // extern "C"
