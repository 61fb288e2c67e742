// Entry points for streams and stream configuration handles (acl_rt.h).
#include <cstring>

#include "acl/acl_rt.h"
#include "api/api_guard.h"
#include "runtime/context.h"
#include "runtime/current_context.h"
#include "runtime/stream.h"

using aclsim::Fail;
using aclsim::Stream;
using aclsim::api::ApiCall;

namespace {

constexpr uint32_t kMaxStreamPriority = 7;  // 0 (highest) .. 7
constexpr uint32_t kKnownStreamFlags = ACL_STREAM_FAST_LAUNCH | ACL_STREAM_FAST_SYNC;

void CheckPriorityAndFlags(uint64_t priority, uint64_t flag) {
  ACLSIM_CHECK_ARG(priority <= kMaxStreamPriority, "priority {} is out of range 0..{}", priority, kMaxStreamPriority);
  ACLSIM_CHECK_ARG((flag & ~static_cast<uint64_t>(kKnownStreamFlags)) == 0,
                   "flag 0x{:x} has bits other than ACL_STREAM_FAST_LAUNCH and ACL_STREAM_FAST_SYNC", flag);
}

aclrtStream NewStream() { return &aclsim::CurrentContext().CreateStream(); }

// Streams are destroyed through the current context, which must own them (documented).
void DestroyStream(aclrtStream stream, bool drain) {
  ACLSIM_CHECK_ARG(stream != nullptr, "stream must not be null: the default stream is released with its context");
  Stream& object = aclsim::ResolveStream(stream);
  aclsim::Context& current = aclsim::CurrentContext();
  if (&object.context() != &current) {
    Fail(ACL_ERROR_RT_STREAM_CONTEXT, "stream {} belongs to another context than the current one", object.id());
  }
  current.DestroyStream(object, drain);
}

}  // namespace

extern "C" {

aclrtStreamConfigHandle* aclrtCreateStreamConfigHandle() {
  return ApiCall("aclrtCreateStreamConfigHandle", [] { return new aclrtStreamConfigHandle{nullptr, 0, 0, 0}; });
}

aclError aclrtDestroyStreamConfigHandle(aclrtStreamConfigHandle* handle) {
  return ApiCall("aclrtDestroyStreamConfigHandle", [&] {
    ACLSIM_CHECK_NOT_NULL(handle);
    delete handle;
    return ACL_SUCCESS;
  });
}

aclError aclrtSetStreamConfigOpt(aclrtStreamConfigHandle* handle, aclrtStreamConfigAttr attr, const void* attrValue,
                                 size_t valueSize) {
  return ApiCall("aclrtSetStreamConfigOpt", [&] {
    ACLSIM_CHECK_NOT_NULL(handle);
    ACLSIM_CHECK_NOT_NULL(attrValue);
    auto read = [&](auto& field) {
      ACLSIM_CHECK_ARG(valueSize == sizeof(field), "valueSize is {}, this attribute takes {} bytes", valueSize,
                       sizeof(field));
      std::memcpy(&field, attrValue, sizeof(field));
    };
    switch (attr) {
      case ACL_RT_STREAM_WORK_ADDR_PTR: read(handle->workptr); break;
      case ACL_RT_STREAM_WORK_SIZE: read(handle->workSize); break;
      case ACL_RT_STREAM_FLAG: read(handle->flag); break;
      case ACL_RT_STREAM_PRIORITY: read(handle->priority); break;
      default: Fail(ACL_ERROR_INVALID_PARAM, "attr {} is not an aclrtStreamConfigAttr", static_cast<int>(attr));
    }
    return ACL_SUCCESS;
  });
}

aclError aclrtCreateStream(aclrtStream* stream) {
  return ApiCall("aclrtCreateStream", [&] {
    ACLSIM_CHECK_NOT_NULL(stream);
    *stream = NewStream();
    return ACL_SUCCESS;
  });
}

aclError aclrtCreateStreamV2(aclrtStream* stream, const aclrtStreamConfigHandle* handle) {
  return ApiCall("aclrtCreateStreamV2", [&] {
    ACLSIM_CHECK_NOT_NULL(stream);
    ACLSIM_CHECK_NOT_NULL(handle);
    CheckPriorityAndFlags(handle->priority, handle->flag);
    // Priorities and flags tune the real device's scheduler; every simulated stream has its own worker.
    *stream = NewStream();
    return ACL_SUCCESS;
  });
}

aclError aclrtCreateStreamWithConfig(aclrtStream* stream, uint32_t priority, uint32_t flag) {
  return ApiCall("aclrtCreateStreamWithConfig", [&] {
    ACLSIM_CHECK_NOT_NULL(stream);
    CheckPriorityAndFlags(priority, flag);
    *stream = NewStream();
    return ACL_SUCCESS;
  });
}

aclError aclrtDestroyStream(aclrtStream stream) {
  return ApiCall("aclrtDestroyStream", [&] {
    DestroyStream(stream, true);  // waits for unfinished tasks, as documented
    return ACL_SUCCESS;
  });
}

aclError aclrtDestroyStreamForce(aclrtStream stream) {
  return ApiCall("aclrtDestroyStreamForce", [&] {
    DestroyStream(stream, false);  // queued tasks are discarded
    return ACL_SUCCESS;
  });
}

aclError aclrtSynchronizeStream(aclrtStream stream) {
  return ApiCall("aclrtSynchronizeStream", [&] {
    aclsim::ResolveStream(stream).Synchronize(-1);
    return ACL_SUCCESS;
  });
}

aclError aclrtSynchronizeStreamWithTimeout(aclrtStream stream, int32_t timeout) {
  return ApiCall("aclrtSynchronizeStreamWithTimeout", [&] {
    ACLSIM_CHECK_ARG(timeout == -1 || timeout > 0, "timeout is {} ms, expected -1 (wait forever) or > 0", timeout);
    Stream& object = aclsim::ResolveStream(stream);
    if (!object.Synchronize(timeout)) {
      Fail(ACL_ERROR_RT_STREAM_SYNC_TIMEOUT, "stream {} did not finish its tasks within {} ms", object.id(), timeout);
    }
    return ACL_SUCCESS;
  });
}

aclError aclrtStreamQuery(aclrtStream stream, aclrtStreamStatus* status) {
  return ApiCall("aclrtStreamQuery", [&] {
    ACLSIM_CHECK_NOT_NULL(status);
    *status = aclsim::ResolveStream(stream).IsIdle() ? ACL_STREAM_STATUS_COMPLETE : ACL_STREAM_STATUS_NOT_READY;
    return ACL_SUCCESS;
  });
}

aclError aclrtSetStreamFailureMode(aclrtStream stream, uint64_t mode) {
  return ApiCall("aclrtSetStreamFailureMode", [&] {
    ACLSIM_CHECK_ARG(mode == ACL_CONTINUE_ON_FAILURE || mode == ACL_STOP_ON_FAILURE,
                     "mode {} is neither ACL_CONTINUE_ON_FAILURE nor ACL_STOP_ON_FAILURE", mode);
    aclsim::ResolveStream(stream).SetFailureMode(mode);
    return ACL_SUCCESS;
  });
}

}  // extern "C"
