#include "runtime/stream.h"

#include <chrono>

#include "common/error.h"
#include "common/log.h"
#include "runtime/context.h"
#include "runtime/device.h"
#include "runtime/exception_info.h"
#include "runtime/report_hub.h"

namespace aclsim {

Stream::Stream(Context& context, uint32_t id, bool is_default, ExecutorKind executor)
    : context_(context), id_(id), is_default_(is_default), executor_(executor) {
  if (executor_ == ExecutorKind::kAsync) worker_ = std::thread([this] { WorkerLoop(); });
}

Stream::~Stream() {
  Shutdown(true);
  ReportHub::Callbacks().ForgetStream(*this);
  ReportHub::HostFuncs().ForgetStream(*this);
}

uint64_t Stream::Submit(Task task) {
  // Sync executor: one inline task at a time, in sequence order, even when several threads submit
  // to the stream; a later submitter waits for the running task, as it would wait for a worker.
  std::unique_lock<std::mutex> sync_serial(sync_inline_mutex_, std::defer_lock);
  if (executor_ == ExecutorKind::kSync) sync_serial.lock();
  std::unique_lock<std::mutex> lock(mutex_);
  if (shutting_down_) Fail(ACL_ERROR_RT_STREAM_CONTEXT, "stream {} is being destroyed", id_);
  const bool idle = completed_ == submitted_ && !inline_running_;
  Item item{++submitted_, CurrentThreadId(), std::move(task)};
  const uint64_t seq = item.seq;
  if (executor_ == ExecutorKind::kSync) {
    // Inline, in submission order: earlier tasks have all completed (they ran inline too).
    const bool skip = stop_on_failure_ && sticky_error_ != ACL_SUCCESS;
    lock.unlock();
    Execute(item, skip);
    return seq;
  }
  if (idle && item.task.inline_when_idle) {
    const bool skip = stop_on_failure_ && sticky_error_ != ACL_SUCCESS;
    inline_running_ = true;
    lock.unlock();
    Execute(item, skip);
    lock.lock();
    inline_running_ = false;
    lock.unlock();
    // The worker was held back: tasks may have been queued, or Shutdown may be waiting for it.
    work_cv_.notify_one();
    return seq;
  }
  queue_.push_back(std::move(item));
  lock.unlock();
  work_cv_.notify_one();
  return seq;
}

void Stream::WorkerLoop() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    work_cv_.wait(lock, [this] { return (!queue_.empty() || shutting_down_) && !inline_running_; });
    if (queue_.empty()) return;  // shutting down with nothing left
    Item item = std::move(queue_.front());
    queue_.pop_front();
    const bool skip = discard_ || (stop_on_failure_ && sticky_error_ != ACL_SUCCESS);
    lock.unlock();
    Execute(item, skip);
    lock.lock();
  }
}

void Stream::Execute(Item& item, bool skip) {
  aclError result = ACL_SUCCESS;
  std::string message;
  if (!skip) {
    try {
      result = item.task.run();
      if (result != ACL_SUCCESS) message = fmt::format("{} task returned error {}", item.task.kind, result);
    } catch (const Error& e) {
      result = e.code();
      message = fmt::format("{} task: {}", item.task.kind, e.what());
    } catch (const std::exception& e) {
      result = ACL_ERROR_RT_INTERNAL_ERROR;
      message = fmt::format("{} task: internal error: {}", item.task.kind, e.what());
    }
    if (result != ACL_SUCCESS) Log().error("stream {}: task {} failed: {}", id_, item.seq, message);
  }
  item.task.run = nullptr;  // release what the task captured before waking waiters
  if (result != ACL_SUCCESS) {
    // Before the task counts as complete: a synchronize that reports the error follows the callback.
    const rtExceptionInfo info{static_cast<uint32_t>(item.seq), id_, item.submitter_tid,
                               static_cast<uint32_t>(context_.device().id()), static_cast<uint32_t>(result)};
    ReportTaskException(info);
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (result != ACL_SUCCESS && sticky_error_ == ACL_SUCCESS) {
      sticky_error_ = result;
      sticky_message_ = std::move(message);
    }
    completed_ = item.seq;
  }
  done_cv_.notify_all();
}

bool Stream::WaitUntilLocked(std::unique_lock<std::mutex>& lock, uint64_t seq, int32_t timeout_ms) {
  auto reached = [&] { return completed_ >= seq; };
  if (timeout_ms < 0) {
    done_cv_.wait(lock, reached);
    return true;
  }
  return done_cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), reached);
}

bool Stream::Synchronize(int32_t timeout_ms) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (!WaitUntilLocked(lock, submitted_, timeout_ms)) return false;
  if (sticky_error_ != ACL_SUCCESS) {
    const aclError error = sticky_error_;
    const std::string message = std::move(sticky_message_);
    sticky_error_ = ACL_SUCCESS;  // reported once; the stream stays usable
    sticky_message_.clear();
    Fail(error, "a task on stream {} failed: {}", id_, message);
  }
  return true;
}

bool Stream::WaitFor(uint64_t seq, int32_t timeout_ms) {
  std::unique_lock<std::mutex> lock(mutex_);
  return WaitUntilLocked(lock, seq, timeout_ms);
}

bool Stream::IsIdle() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return completed_ == submitted_;
}

void Stream::SetFailureMode(uint64_t mode) {
  std::lock_guard<std::mutex> lock(mutex_);
  stop_on_failure_ = mode == ACL_STOP_ON_FAILURE;
}

void Stream::Shutdown(bool drain) {
  std::lock_guard<std::mutex> serial(shutdown_mutex_);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    shutting_down_ = true;
    if (!drain) discard_ = true;
  }
  work_cv_.notify_all();
  if (worker_.joinable()) worker_.join();
  std::lock_guard<std::mutex> running(sync_inline_mutex_);  // sync executor: a task still running inline
}

}  // namespace aclsim
