#include "runtime/report_hub.h"

#include <pthread.h>

#include <chrono>

#include "common/error.h"
#include "runtime/stream.h"

namespace aclsim {

uint64_t CallingThreadId() { return static_cast<uint64_t>(pthread_self()); }

ReportHub& ReportHub::Callbacks() {
  static auto* hub = new ReportHub();  // never destroyed: worker threads may outlive statics
  return *hub;
}

ReportHub& ReportHub::HostFuncs() {
  static auto* hub = new ReportHub();
  return *hub;
}

void ReportHub::Subscribe(uint64_t thread_id, Stream& stream) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = subscriber_of_.find(&stream);
  if (it != subscriber_of_.end()) {
    Fail(ACL_ERROR_REPEAT_SUBSCRIBE, "stream {} is already subscribed by thread {}", stream.id(), it->second);
  }
  subscriber_of_[&stream] = thread_id;
  ++inboxes_[thread_id].subscriptions;
}

void ReportHub::Unsubscribe(uint64_t thread_id, Stream& stream) {
  std::deque<Pending> orphans;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = subscriber_of_.find(&stream);
    if (it == subscriber_of_.end() || it->second != thread_id) {
      Fail(ACL_ERROR_STREAM_NOT_SUBSCRIBE, "stream {} is not subscribed by thread {}", stream.id(), thread_id);
    }
    subscriber_of_.erase(it);
    Inbox& inbox = inboxes_[thread_id];
    // Callbacks of this stream that nobody will process any more are cancelled.
    for (auto p = inbox.items.begin(); p != inbox.items.end();) {
      if (p->stream == &stream) {
        orphans.push_back(*p);
        p = inbox.items.erase(p);
      } else {
        ++p;
      }
    }
    if (--inbox.subscriptions == 0 && inbox.items.empty()) inboxes_.erase(thread_id);
  }
  arrived_.notify_all();  // a thread waiting in Process re-checks: it may have nothing left to wait for
  for (auto& p : orphans) {
    if (p.done) Finish(*p.done, true);
  }
}

bool ReportHub::IsSubscribed(const Stream& stream) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return subscriber_of_.count(&stream) != 0;
}

void ReportHub::ForgetStream(const Stream& stream) {
  uint64_t thread_id;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = subscriber_of_.find(&stream);
    if (it == subscriber_of_.end()) return;
    thread_id = it->second;
  }
  Unsubscribe(thread_id, const_cast<Stream&>(stream));
}

void ReportHub::Deliver(const Stream& stream, aclrtCallback callback, void* user_data, bool block) {
  std::shared_ptr<Done> done = block ? std::make_shared<Done>() : nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = subscriber_of_.find(&stream);
    if (it == subscriber_of_.end()) {
      Fail(ACL_ERROR_STREAM_NOT_SUBSCRIBE, "stream {} reached a callback but no thread is subscribed to it "
           "(aclrtSubscribeReport)", stream.id());
    }
    inboxes_[it->second].items.push_back(Pending{&stream, callback, user_data, done});
  }
  arrived_.notify_all();
  if (!done) return;
  std::unique_lock<std::mutex> lock(done->mutex);
  done->cv.wait(lock, [&] { return done->finished; });
  if (done->cancelled) {
    Fail(ACL_ERROR_STREAM_NOT_SUBSCRIBE, "the blocking callback on stream {} was cancelled: its thread "
         "unsubscribed before processing it", stream.id());
  }
}

void ReportHub::Finish(Done& done, bool cancelled) {
  {
    std::lock_guard<std::mutex> lock(done.mutex);
    done.finished = true;
    done.cancelled = cancelled;
  }
  done.cv.notify_all();
}

bool ReportHub::Process(uint64_t thread_id, int32_t timeout_ms) {
  std::deque<Pending> batch;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    auto has_work = [&] {
      auto it = inboxes_.find(thread_id);
      if (it == inboxes_.end()) {
        // Routine: report threads commonly start polling before their stream is subscribed.
        FailRoutine(ACL_ERROR_THREAD_NOT_SUBSCRIBE, "the calling thread ({}) subscribed no stream "
                    "(aclrtSubscribeReport)", thread_id);
      }
      return !it->second.items.empty();
    };
    if (timeout_ms < 0) {
      arrived_.wait(lock, has_work);
    } else if (!arrived_.wait_for(lock, std::chrono::milliseconds(timeout_ms), has_work)) {
      return false;
    }
    batch.swap(inboxes_[thread_id].items);
  }
  for (Pending& p : batch) {
    p.callback(p.user_data);  // user code: no lock held
    if (p.done) Finish(*p.done, false);
  }
  return true;
}

}  // namespace aclsim
