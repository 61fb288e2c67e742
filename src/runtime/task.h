// A unit of work on a stream: what the simulated device runs, in stream order.
#pragma once

#include <cstdint>
#include <functional>

#include "acl/acl_base.h"

namespace aclsim {

struct Task {
  // Runs on the stream's worker (or inline under the sync executor). Returns ACL_SUCCESS or the
  // error that marks the stream; may throw aclsim::Error, which is treated the same way.
  std::function<aclError()> run;
  const char* kind = "task";  // for messages: "memcpy", "callback", "event record", ...
  // A short task that never blocks (an event record, posting a non-blocking callback) may run at
  // once on the submitting thread when the stream is idle: the stream has already reached its
  // position, so the outcome is the same and the round trip through the worker is saved.
  bool inline_when_idle = false;
};

}  // namespace aclsim
