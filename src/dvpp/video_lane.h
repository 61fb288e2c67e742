// The stream of a video channel (VDEC/VENC). CANN's aclv*CreateChannel create streams for the
// channel's work and subscribe the channel's callback thread to them (aclrtSubscribeReport); a
// lane is that: one stream of the current context, subscribed by the thread id the program set.
// Coding work runs as tasks on the stream, in submission order and one at a time, so the coder
// state a task touches needs no lock; a task hands each user callback to the subscribed thread,
// which runs it inside aclrtProcessReport.
//
// The context may be destroyed before the channel (aclrtDestroyContext, aclrtResetDevice,
// aclFinalize release its streams and its device's memory): the lane then touches none of them,
// and every call that needs them fails with ACL_ERROR_INVALID_PARAM, as a handle of a destroyed
// context does.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

namespace aclsim {
class Context;
class Device;
class Stream;
}  // namespace aclsim

namespace aclsim::dvpp {

// What aclv*CreateChannel document of every channel descriptor: a callback and the id of the
// thread that calls aclrtProcessReport. `api` is "aclvdec" or "aclvenc", naming the setters.
// Throws ACL_ERROR_INVALID_PARAM.
void CheckCallbackAndThread(bool has_callback, uint64_t thread_id, const char* api);

class VideoLane {
 public:
  // Creates the stream in `context` and subscribes `thread_id` to it. Throws on failure, and
  // ACL_ERROR_INVALID_PARAM when the thread already serves video channels of another device.
  VideoLane(Context& context, uint64_t thread_id);
  // Unsubscribes and destroys the stream after its queued tasks (the caller ends the stream
  // first); only forgets the thread when the context is gone.
  ~VideoLane();
  VideoLane(const VideoLane&) = delete;
  VideoLane& operator=(const VideoLane&) = delete;

  // Whether the channel's context (and so its stream and device) still exists.
  bool alive() const { return !context_alive_.expired(); }
  // From the program's thread, before a call uses the channel: throws ACL_ERROR_INVALID_PARAM
  // when the context is gone or, for a call that `waits` for the channel's callbacks (end of
  // stream, destroy), when the caller is the callback thread, which would wait for itself.
  void CheckUsable(bool waits) const;
  Device& device() const { return device_; }  // only while alive()

  // Queues `work` on the stream. An aclsim::Error it throws marks the stream (see EndOfStream).
  void Submit(std::function<void()> work, const char* kind);
  // From a task: runs `callback` on the subscribed thread, without waiting for it.
  void Deliver(std::function<void()> callback);
  // From a task: whether Barrier can wait. Not when the task runs on the callback thread itself
  // (the sync executor runs tasks on the sending thread, which a single-threaded program also
  // gave as the callback thread).
  bool CanWaitForCallbacks() const;
  // From a task: waits until the subscribed thread has run every callback delivered so far.
  // Throws ACL_ERROR_INVALID_PARAM when it cannot (see CanWaitForCallbacks).
  void Barrier();
  // From the program's thread: queues `drain`, then waits until every queued task has run and
  // the callback thread has run every callback they delivered. Throws the error a task failed
  // with, and what CheckUsable(true) throws.
  void EndOfStream(std::function<void()> drain, const char* kind);

 private:
  Context& context_;
  Device& device_;
  Stream& stream_;
  const uint64_t thread_id_;
  const std::weak_ptr<const void> context_alive_;
  bool delivered_ = false;  // callbacks delivered since the last barrier (touched by tasks only)
};

}  // namespace aclsim::dvpp
