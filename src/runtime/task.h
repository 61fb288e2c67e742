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
};

}  // namespace aclsim
