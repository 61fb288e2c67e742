#include "runtime/current_context.h"

#include "common/error.h"
#include "runtime/context.h"
#include "runtime/event.h"
#include "runtime/handles.h"
#include "runtime/stream.h"

namespace aclsim {
namespace {

thread_local Context* t_current = nullptr;

}  // namespace

Context* CurrentContextOrNull() {
  if (t_current != nullptr && !LiveContexts().Contains(t_current)) t_current = nullptr;
  return t_current;
}

Context& CurrentContext() {
  Context* context = CurrentContextOrNull();
  if (context == nullptr) {
    Fail(ACL_ERROR_RT_CONTEXT_NULL, "the calling thread has no current context: call aclrtSetDevice or "
         "aclrtSetCurrentContext first (or its context was destroyed or released by a device reset)");
  }
  return *context;
}

void SetCurrentContext(Context* context) { t_current = context; }

Stream& ResolveStream(aclrtStream stream) {
  if (stream == nullptr) return CurrentContext().default_stream();
  return *LiveStreams().Get(stream, "stream", ACL_ERROR_INVALID_PARAM);
}

Event& ResolveEvent(aclrtEvent event) { return *LiveEvents().Get(event, "event", ACL_ERROR_INVALID_PARAM); }

Context& ResolveContext(aclrtContext context) {
  return *LiveContexts().Get(context, "context", ACL_ERROR_INVALID_PARAM);
}

}  // namespace aclsim
