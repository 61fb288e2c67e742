// The stream of a video channel (VDEC/VENC). CANN's aclv*CreateChannel create streams for the
// channel's work and subscribe the channel's callback thread to them (aclrtSubscribeReport); a
// lane is that: one stream of the current context, subscribed by the thread id the program set.
// Coding work runs as tasks on the stream, in submission order and one at a time, so the coder
// state a task touches needs no lock; a task hands each user callback to the subscribed thread,
// which runs it inside aclrtProcessReport.
#pragma once

#include <cstdint>
#include <functional>

namespace aclsim {
class Context;
class Stream;
}  // namespace aclsim

namespace aclsim::dvpp {

class VideoLane {
 public:
  // Creates the stream in `context` and subscribes `thread_id` to it. Throws on failure, and
  // ACL_ERROR_INVALID_PARAM when the thread already serves video channels of another device.
  VideoLane(Context& context, uint64_t thread_id);
  // Unsubscribes and destroys the stream after its queued tasks (the caller drains it first).
  ~VideoLane();
  VideoLane(const VideoLane&) = delete;
  VideoLane& operator=(const VideoLane&) = delete;

  // Queues `work` on the stream. An aclsim::Error it throws marks the stream (see Wait).
  void Submit(std::function<void()> work, const char* kind);
  // From a task: runs `callback` on the subscribed thread, without waiting for it.
  void Deliver(std::function<void()> callback);
  // From a task: waits until the subscribed thread has run every callback delivered so far.
  void Barrier();
  // From the program's thread: waits for the queued tasks; throws the error a task failed with.
  void Wait();

 private:
  Context& context_;
  Stream& stream_;
  uint64_t thread_id_;
};

}  // namespace aclsim::dvpp
