#include "runtime/exception_info.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>

namespace aclsim {
namespace {

std::atomic<aclrtExceptionInfoCallback> g_callback{nullptr};

}  // namespace

void SetExceptionCallback(aclrtExceptionInfoCallback callback) { g_callback.store(callback); }

void ReportTaskException(const rtExceptionInfo& info) {
  aclrtExceptionInfoCallback callback = g_callback.load();
  if (callback != nullptr) callback(const_cast<rtExceptionInfo*>(&info));
}

uint32_t CurrentThreadId() {
  thread_local const uint32_t tid = static_cast<uint32_t>(syscall(SYS_gettid));
  return tid;
}

}  // namespace aclsim
