// Delivery of stream callbacks to host threads (aclrtSubscribeReport / aclrtLaunchCallback /
// aclrtProcessReport / aclrtUnSubscribeReport; the host-function variants use a second hub).
//
// A stream is subscribed by at most one host thread; a thread may subscribe several streams.
// When a callback task reaches the head of its stream, the stream's worker posts the callback to
// the subscribed thread's inbox; that thread runs it inside aclrtProcessReport. A blocking
// callback holds the stream until it has run. `mutex_` guards the subscriptions and inboxes; a
// callback never runs under it.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>

#include "acl/acl_rt.h"

namespace aclsim {

class Stream;

class ReportHub {
 public:
  static ReportHub& Callbacks();  // aclrt*Report
  static ReportHub& HostFuncs();  // aclrt*HostFunc

  void Subscribe(uint64_t thread_id, Stream& stream);
  void Unsubscribe(uint64_t thread_id, Stream& stream);
  bool IsSubscribed(const Stream& stream) const;
  // A stream is going away: drop its subscription and fail its pending blocking callbacks.
  void ForgetStream(const Stream& stream);

  // Called from the stream's task: hands the callback to the subscribed thread; when `block`,
  // waits until it has run. Throws ACL_ERROR_STREAM_NOT_SUBSCRIBE if nobody is subscribed.
  void Deliver(const Stream& stream, aclrtCallback callback, void* user_data, bool block);

  // aclrtProcessReport on the calling thread: waits up to timeout_ms (-1: forever) for callbacks
  // and runs those that are there. Returns false on timeout. Throws ACL_ERROR_THREAD_NOT_SUBSCRIBE
  // when the thread subscribed no stream.
  bool Process(uint64_t thread_id, int32_t timeout_ms);

 private:
  struct Done {
    std::mutex mutex;
    std::condition_variable cv;
    bool finished = false;
    bool cancelled = false;
  };
  struct Pending {
    const Stream* stream;
    aclrtCallback callback;
    void* user_data;
    std::shared_ptr<Done> done;  // null for a non-blocking callback
  };
  struct Inbox {
    std::deque<Pending> items;
    int subscriptions = 0;
  };

  static void Finish(Done& done, bool cancelled);

  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::map<const Stream*, uint64_t> subscriber_of_;
  std::map<uint64_t, Inbox> inboxes_;
};

// The id aclrtProcessReport uses for the calling thread: its pthread_t, which is what programs
// pass to aclrtSubscribeReport.
uint64_t CallingThreadId();

}  // namespace aclsim
