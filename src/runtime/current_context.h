// The calling thread's current context (aclrtSetCurrentContext / aclrtSetDevice), and resolving
// the handles the runtime API receives. Thread-local: no lock.
#pragma once

#include "acl/acl_rt.h"

namespace aclsim {

class Context;
class Event;
class Stream;

// The current context, or nullptr when the thread has none (or it was destroyed meanwhile).
Context* CurrentContextOrNull();
// The current context; throws ACL_ERROR_RT_CONTEXT_NULL naming what needed it.
Context& CurrentContext();
void SetCurrentContext(Context* context);

// A stream argument: nullptr means the current context's default stream.
Stream& ResolveStream(aclrtStream stream);
Event& ResolveEvent(aclrtEvent event);
Context& ResolveContext(aclrtContext context);

}  // namespace aclsim
