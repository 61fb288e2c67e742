// Accessor bodies shared by the VDEC and VENC descriptor entry points: field getters and checked
// setters, and the Set/GetChannelDescParam copy of one typed value.
#pragma once

#include <cstring>

#include "api/api_guard.h"
#include "common/handle.h"

namespace aclsim::api {

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
