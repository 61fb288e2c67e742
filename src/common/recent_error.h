// The calling thread's failures not yet read through aclGetRecentErrMsg().
// Thread-local, so it needs no lock.
#pragma once

#include <string>

#include "acl/acl_base.h"

namespace aclsim {

// Records a failure of `api` (e.g. "aclrtMalloc") on this thread and logs it at error level
// (debug level when `routine`).
void RecordError(const char* api, aclError code, const std::string& message, bool routine = false);

// Takes this thread's unread failure messages, newest first, one per line, and clears them, as
// CANN documents for aclGetRecentErrMsg(). Returns nullptr when there are none. The pointer stays
// valid until the next call on the same thread.
const char* TakeRecentErrorMessages();

}  // namespace aclsim
