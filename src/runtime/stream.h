// A stream: a FIFO of tasks the simulated device runs in order, asynchronously to the host.
//
// Threading: under the async executor each stream has one worker thread that drains the queue,
// woken by `work_cv_`; tasks never run concurrently with each other (parallelism lives inside a
// task). Under the sync executor Submit runs the task inline on the caller's thread, holding
// `sync_inline_mutex_` so that tasks submitted by several threads still run one at a time. `mutex_`
// guards the queue, the sequence numbers, the sticky error and the shutdown flag; `done_cv_`
// wakes threads waiting for a sequence number. No task or user callback runs under `mutex_`.
//
// A task marked inline_when_idle, submitted to an idle stream, runs on the submitting thread;
// `inline_running_` keeps the worker from starting the next task meanwhile, so order holds.
//
// Sequence numbers: every submitted task gets the next number; `completed_` is the number of the
// last finished task, so "has the stream reached position p" is completed_ >= p, and the stream is
// idle exactly when completed_ == submitted_.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "runtime/config.h"
#include "runtime/task.h"

namespace aclsim {

class Context;

class Stream {
 public:
  static constexpr const char* kTypeName = "aclrtStream";

  Stream(Context& context, uint32_t id, bool is_default, ExecutorKind executor);
  ~Stream();  // Shutdown(true) if not done yet
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  Context& context() const { return context_; }
  uint32_t id() const { return id_; }
  bool is_default() const { return is_default_; }

  // Appends a task and returns its sequence number. Throws if the stream is shutting down.
  uint64_t Submit(Task task);

  // Waits until every task submitted before the call has finished. timeout_ms < 0 waits forever.
  // Returns false on timeout. Throws the sticky error of a failed task (once; then clears it).
  bool Synchronize(int32_t timeout_ms);
  // Waits until position `seq` is reached; false on timeout. Does not report errors.
  bool WaitFor(uint64_t seq, int32_t timeout_ms);
  bool IsIdle() const;

  // ACL_CONTINUE_ON_FAILURE (default) or ACL_STOP_ON_FAILURE: whether tasks after a failed one
  // still run before the error is reported by a synchronize.
  void SetFailureMode(uint64_t mode);

  // Stops accepting tasks, then either waits for the queued ones (drain) or discards them, and
  // joins the worker. Idempotent.
  void Shutdown(bool drain);

 private:
  struct Item {
    uint64_t seq;
    uint32_t submitter_tid;
    Task task;
  };

  void WorkerLoop();
  // Runs one task and records its outcome; called without the lock.
  void Execute(Item& item, bool skip);
  bool WaitUntilLocked(std::unique_lock<std::mutex>& lock, uint64_t seq, int32_t timeout_ms);

  Context& context_;
  const uint32_t id_;
  const bool is_default_;
  const ExecutorKind executor_;

  mutable std::mutex mutex_;
  std::condition_variable work_cv_;
  std::condition_variable done_cv_;
  std::deque<Item> queue_;
  uint64_t submitted_ = 0;
  uint64_t completed_ = 0;
  aclError sticky_error_ = ACL_SUCCESS;
  std::string sticky_message_;  // what the first failed task said
  bool stop_on_failure_ = false;
  bool shutting_down_ = false;
  bool discard_ = false;
  bool inline_running_ = false;  // a task runs on a submitting thread: the worker must wait
  std::mutex shutdown_mutex_;  // serialises Shutdown callers around the join
  std::mutex sync_inline_mutex_;  // sync executor: held by Submit while its task runs (before mutex_)
  std::thread worker_;
};

}  // namespace aclsim
