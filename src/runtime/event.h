// An event: a position in a stream plus whether the stream has reached it, and when.
//
// aclrtRecordEvent captures the recording stream's position; the event completes when the stream
// gets there (at once when the stream is idle), carrying a steady-clock timestamp. Recording again
// replaces the position. `mutex_` guards the state; `cv_` wakes aclrtSynchronizeEvent and the
// stream tasks of aclrtStreamWaitEvent. Owned by shared_ptr: a queued record or wait task keeps
// its event alive after aclrtDestroyEvent.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>

#include "acl/acl_rt.h"

namespace aclsim {

class Context;
class Stream;

class Event : public std::enable_shared_from_this<Event> {
 public:
  static constexpr const char* kTypeName = "aclrtEvent";
  using Clock = std::chrono::steady_clock;

  Event(Context& context, uint32_t flags) : context_(context), flags_(flags) {}
  Context& context() const { return context_; }
  uint32_t flags() const { return flags_; }

  // aclrtRecordEvent: returns the record's generation (1, 2, ...).
  uint64_t Record(Stream& stream);
  // aclrtResetEvent's effect, applied when the stream reaches it: back to "not recorded".
  void Reset();

  bool IsRecorded() const;
  bool IsComplete() const;  // true also when never recorded: there is nothing to wait for
  uint64_t Generation() const;
  // Waits for generation `gen` (0: the latest) to complete. timeout_ms < 0 waits forever.
  bool WaitComplete(uint64_t gen, int32_t timeout_ms);
  // Completion time of the latest record; throws ACL_ERROR_RT_EVENT_NOT_COMPLETE if not complete.
  Clock::time_point CompletionTime() const;

 private:
  void Complete(uint64_t gen);

  Context& context_;
  const uint32_t flags_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  uint64_t recorded_gen_ = 0;   // 0: never recorded (or reset)
  uint64_t completed_gen_ = 0;
  Clock::time_point completed_at_{};
};

}  // namespace aclsim
