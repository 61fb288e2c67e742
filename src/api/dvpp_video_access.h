// Bodies shared by the VDEC and VENC entry points: field getters and checked setters, the
// Set/GetChannelDescParam copy of one typed value, and the checks and teardown of an open channel.
#pragma once

#include <cstring>
#include <memory>

#include "api/api_guard.h"
#include "common/handle.h"
#include "dvpp/video_descriptors.h"

namespace aclsim::api {

inline void NoCheck(...) {}

inline void CheckEnType(acldvppStreamFormat type) {
  ACLSIM_CHECK_ARG(type >= H265_MAIN_LEVEL && type <= H264_HIGH_LEVEL,
                   "enType {} is not an acldvppStreamFormat (0 H.265 main .. 3 H.264 high)", static_cast<int>(type));
}

template <typename Desc>
Desc* Channel(Desc* desc) {
  return UnwrapHandle<Desc>(desc, "channelDesc");
}

// The open channel of `desc`, checked usable by this call (VideoLane::CheckUsable): its context
// still exists and, when the call `waits` for the channel's callbacks, the caller is not the
// callback thread.
template <typename Desc>
auto& OpenChannel(Desc* desc, bool waits) {
  Desc* channel_desc = Channel(desc);
  if (!channel_desc->channel) {
    Fail(ACL_ERROR_INVALID_PARAM, "channelDesc has no open channel (call {})", Desc::kCreateApi);
  }
  channel_desc->channel->lane().CheckUsable(waits);
  return *channel_desc->channel;
}

// aclv*DestroyChannel: documented to return once the frames sent are coded and called back.
template <typename Desc>
void DestroyChannel(Desc* desc) {
  OpenChannel(desc, true);
  auto channel = std::move(Channel(desc)->channel);
  channel->EndOfStream();
}

// aclv*DestroyChannelDesc: an open channel is destroyed with its descriptor. When the channel's
// context is gone, the descriptor and the channel's own memory are still freed, and the call
// reports that the channel's runtime objects went with the context.
template <typename Desc>
void DestroyChannelDesc(Desc* desc) {
  Desc* channel_desc = Channel(desc);
  if (channel_desc->channel && !channel_desc->channel->lane().alive()) {
    delete channel_desc;
    Fail(ACL_ERROR_INVALID_PARAM, "the open channel's context or device was destroyed before it (aclrtDestroyContext, "
         "aclrtResetDevice or aclFinalize): channelDesc and the channel's own memory are freed, its stream went with "
         "the context");
  }
  if (channel_desc->channel) channel_desc->channel->lane().CheckUsable(true);
  delete channel_desc;
}

template <typename Object, typename T>
T GetField(const char* api, const Object* object, T Object::*field) {
  return ApiCall(api, [&] { return UnwrapHandle<Object>(object, "channelDesc")->*field; });
}

// Sets `field` after `check(value)` (which throws for a value out of its documented range).
template <typename Object, typename T, typename Check>
aclError SetField(const char* api, Object* object, const char* what, T Object::*field, T value, Check check) {
  return ApiCall(api, [&] {
    Object* target = UnwrapHandle<Object>(object, what);
    check(value);
    target->*field = value;
    return ACL_SUCCESS;
  });
}

// The value of a *SetChannelDescParam call, whose documented type has `size` bytes.
template <typename T>
T ParamValue(size_t length, const void* param, int type) {
  ACLSIM_CHECK_NOT_NULL(param);
  ACLSIM_CHECK_ARG(length == sizeof(T), "length {} must be {} for paramType {}", length, sizeof(T), type);
  T value;
  std::memcpy(&value, param, sizeof(T));
  return value;
}

// Copies `value` out for a *GetChannelDescParam call.
template <typename T>
void ReturnParam(const T& value, size_t length, size_t* ret_size, void* param, int type) {
  ACLSIM_CHECK_NOT_NULL(param);
  ACLSIM_CHECK_NOT_NULL(ret_size);
  ACLSIM_CHECK_ARG(length >= sizeof(T), "length {} is too small for paramType {}: it needs {}", length, type,
                   sizeof(T));
  std::memcpy(param, &value, sizeof(T));
  *ret_size = sizeof(T);
}

}  // namespace aclsim::api
