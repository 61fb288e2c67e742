#include "runtime/event.h"

#include "common/error.h"
#include "runtime/stream.h"

namespace aclsim {

uint64_t Event::Record(Stream& stream) {
  uint64_t gen;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    gen = ++recorded_gen_;
  }
  stream.Submit(Task{[self = shared_from_this(), gen] {
                       self->Complete(gen);
                       return ACL_SUCCESS;
                     },
                     "event record", /*inline_when_idle=*/true});
  return gen;
}

void Event::Complete(uint64_t gen) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (gen > completed_gen_) {
      completed_gen_ = gen;
      completed_at_ = Clock::now();
    }
  }
  cv_.notify_all();
}

void Event::Reset() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    recorded_gen_ = 0;
    completed_gen_ = 0;
  }
  cv_.notify_all();
}

bool Event::IsRecorded() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return recorded_gen_ != 0;
}

bool Event::IsComplete() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return completed_gen_ >= recorded_gen_;
}

uint64_t Event::Generation() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return recorded_gen_;
}

bool Event::WaitComplete(uint64_t gen, int32_t timeout_ms) {
  std::unique_lock<std::mutex> lock(mutex_);
  // A reset (recorded_gen_ back to 0) also releases waiters: there is nothing left to wait for.
  auto done = [&] { return completed_gen_ >= (gen == 0 ? recorded_gen_ : gen) || recorded_gen_ < gen; };
  if (timeout_ms < 0) {
    cv_.wait(lock, done);
    return true;
  }
  return cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), done);
}

Event::Clock::time_point Event::CompletionTime() const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (recorded_gen_ == 0 || completed_gen_ < recorded_gen_) {
    Fail(ACL_ERROR_RT_EVENT_NOT_COMPLETE, "the event has {}", recorded_gen_ == 0 ? "not been recorded" : "not completed yet");
  }
  return completed_at_;
}

}  // namespace aclsim
