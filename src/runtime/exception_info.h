// What aclrtSetExceptionInfoCallback's callback receives about a failed task, and the one place
// that delivers it. The public header declares `struct rtExceptionInfo` opaque; it is ours.
#pragma once

#include <cstdint>

#include "acl/acl_rt.h"

struct rtExceptionInfo {
  uint32_t task_id;    // the task's sequence number on its stream
  uint32_t stream_id;
  uint32_t thread_id;  // the host thread that submitted the task
  uint32_t device_id;
  uint32_t error_code;
};

namespace aclsim {

// Sets the process-wide callback (nullptr removes it).
void SetExceptionCallback(aclrtExceptionInfoCallback callback);

// Calls the callback, if any. Called by stream workers with no lock held.
void ReportTaskException(const rtExceptionInfo& info);

// The calling thread's kernel thread id, as the exception info reports it.
uint32_t CurrentThreadId();

}  // namespace aclsim
