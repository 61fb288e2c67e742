// Entry points for events (acl_rt.h).
#include <chrono>

#include "acl/acl_rt.h"
#include "api/api_guard.h"
#include "runtime/context.h"
#include "runtime/current_context.h"
#include "runtime/event.h"
#include "runtime/runtime.h"
#include "runtime/stream.h"

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // aclrtQueryEvent is deprecated

using aclsim::Event;
using aclsim::Fail;
using aclsim::api::ApiCall;

namespace {

constexpr uint32_t kKnownEventFlags = ACL_EVENT_SYNC | ACL_EVENT_CAPTURE_STREAM_PROGRESS | ACL_EVENT_TIME_LINE;
// What aclrtCreateEvent gives: an event that can be waited on and timed.
constexpr uint32_t kDefaultEventFlags = ACL_EVENT_SYNC | ACL_EVENT_TIME_LINE;

aclError CreateEvent(aclrtEvent* event, uint32_t flags) {
  ACLSIM_CHECK_NOT_NULL(event);
  ACLSIM_CHECK_ARG(flags != 0 && (flags & ~kKnownEventFlags) == 0,
                   "flag 0x{:x} is not a combination of ACL_EVENT_SYNC, ACL_EVENT_CAPTURE_STREAM_PROGRESS and "
                   "ACL_EVENT_TIME_LINE", flags);
  *event = &aclsim::CurrentContext().CreateEvent(flags);
  return ACL_SUCCESS;
}

void WaitForEvent(Event& event, int32_t timeout_ms) {
  if (!event.WaitComplete(0, timeout_ms)) {
    Fail(ACL_ERROR_RT_EVENT_SYNC_TIMEOUT, "the event did not complete within {} ms", timeout_ms);
  }
}

}  // namespace

extern "C" {

aclError aclrtCreateEvent(aclrtEvent* event) {
  return ApiCall("aclrtCreateEvent", [&] { return CreateEvent(event, kDefaultEventFlags); });
}

aclError aclrtCreateEventWithFlag(aclrtEvent* event, uint32_t flag) {
  return ApiCall("aclrtCreateEventWithFlag", [&] { return CreateEvent(event, flag); });
}

aclError aclrtCreateEventExWithFlag(aclrtEvent* event, uint32_t flag) {
  // The Ex variant lifts a hardware limit on the number of events; the simulator has none.
  return ApiCall("aclrtCreateEventExWithFlag", [&] { return CreateEvent(event, flag); });
}

aclError aclrtDestroyEvent(aclrtEvent event) {
  return ApiCall("aclrtDestroyEvent", [&] {
    Event& object = aclsim::ResolveEvent(event);
    object.context().DestroyEvent(object);  // a queued record or wait keeps it alive until done
    return ACL_SUCCESS;
  });
}

aclError aclrtRecordEvent(aclrtEvent event, aclrtStream stream) {
  return ApiCall("aclrtRecordEvent", [&] {
    Event& object = aclsim::ResolveEvent(event);
    object.Record(aclsim::ResolveStream(stream));
    return ACL_SUCCESS;
  });
}

aclError aclrtResetEvent(aclrtEvent event, aclrtStream stream) {
  return ApiCall("aclrtResetEvent", [&] {
    auto object = aclsim::ResolveEvent(event).shared_from_this();
    aclsim::ResolveStream(stream).Submit(aclsim::Task{[object] {
                                                        object->Reset();
                                                        return ACL_SUCCESS;
                                                      },
                                                      "event reset"});
    return ACL_SUCCESS;
  });
}

aclError aclrtQueryEvent(aclrtEvent event, aclrtEventStatus* status) {
  return ApiCall("aclrtQueryEvent", [&] {
    ACLSIM_CHECK_NOT_NULL(status);
    *status = aclsim::ResolveEvent(event).IsComplete() ? ACL_EVENT_STATUS_COMPLETE : ACL_EVENT_STATUS_NOT_READY;
    return ACL_SUCCESS;
  });
}

aclError aclrtQueryEventStatus(aclrtEvent event, aclrtEventRecordedStatus* status) {
  return ApiCall("aclrtQueryEventStatus", [&] {
    ACLSIM_CHECK_NOT_NULL(status);
    const Event& object = aclsim::ResolveEvent(event);
    // "Recorded" status: complete only once a record has happened and its stream reached it.
    *status = object.IsRecorded() && object.IsComplete() ? ACL_EVENT_RECORDED_STATUS_COMPLETE
                                                         : ACL_EVENT_RECORDED_STATUS_NOT_READY;
    return ACL_SUCCESS;
  });
}

aclError aclrtQueryEventWaitStatus(aclrtEvent event, aclrtEventWaitStatus* status) {
  return ApiCall("aclrtQueryEventWaitStatus", [&] {
    ACLSIM_CHECK_NOT_NULL(status);
    // A wait on the event would pass now exactly when its latest record has completed.
    *status = aclsim::ResolveEvent(event).IsComplete() ? ACL_EVENT_WAIT_STATUS_COMPLETE : ACL_EVENT_WAIT_STATUS_NOT_READY;
    return ACL_SUCCESS;
  });
}

aclError aclrtSynchronizeEvent(aclrtEvent event) {
  return ApiCall("aclrtSynchronizeEvent", [&] {
    WaitForEvent(aclsim::ResolveEvent(event), -1);
    return ACL_SUCCESS;
  });
}

aclError aclrtSynchronizeEventWithTimeout(aclrtEvent event, int32_t timeout) {
  return ApiCall("aclrtSynchronizeEventWithTimeout", [&] {
    ACLSIM_CHECK_ARG(timeout == -1 || timeout > 0, "timeout is {} ms, expected -1 (wait forever) or > 0", timeout);
    WaitForEvent(aclsim::ResolveEvent(event), timeout);
    return ACL_SUCCESS;
  });
}

aclError aclrtEventElapsedTime(float* ms, aclrtEvent startEvent, aclrtEvent endEvent) {
  return ApiCall("aclrtEventElapsedTime", [&] {
    ACLSIM_CHECK_NOT_NULL(ms);
    const Event& start = aclsim::ResolveEvent(startEvent);
    const Event& end = aclsim::ResolveEvent(endEvent);
    for (const Event* e : {&start, &end}) {
      ACLSIM_CHECK_ARG((e->flags() & ACL_EVENT_TIME_LINE) != 0,
                       "{} was created without ACL_EVENT_TIME_LINE and carries no timestamp",
                       e == &start ? "startEvent" : "endEvent");
    }
    const auto elapsed = end.CompletionTime() - start.CompletionTime();
    *ms = std::chrono::duration<float, std::milli>(elapsed).count();
    return ACL_SUCCESS;
  });
}

aclError aclrtStreamWaitEvent(aclrtStream stream, aclrtEvent event) {
  return ApiCall("aclrtStreamWaitEvent", [&] {
    auto object = aclsim::ResolveEvent(event).shared_from_this();
    aclsim::Stream& waiter = aclsim::ResolveStream(stream);
    const uint64_t gen = object->Generation();  // waits for the record made before this call
    if (gen == 0) return ACL_SUCCESS;           // never recorded: nothing to wait for
    const int32_t timeout_ms = aclsim::Runtime::Get().op_wait_timeout_ms();
    waiter.Submit(aclsim::Task{[object, gen, timeout_ms] {
                                 if (!object->WaitComplete(gen, timeout_ms)) {
                                   Fail(ACL_ERROR_RT_EVENT_SYNC_TIMEOUT, "waiting for an event exceeded the "
                                        "aclrtSetOpWaitTimeout limit of {} ms", timeout_ms);
                                 }
                                 return ACL_SUCCESS;
                               },
                               "event wait"});
    return ACL_SUCCESS;
  });
}

}  // extern "C"
