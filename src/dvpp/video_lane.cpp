#include "dvpp/video_lane.h"

#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "common/error.h"
#include "common/log.h"
#include "runtime/context.h"
#include "runtime/device.h"
#include "runtime/report_hub.h"
#include "runtime/stream.h"

namespace aclsim::dvpp {
namespace {

// aclrtCallback takes one pointer: the callback travels as a heap std::function.
void RunDelivered(void* user_data) {
  std::unique_ptr<std::function<void()>> callback(static_cast<std::function<void()>*>(user_data));
  (*callback)();
}

void Nothing(void*) {}

// Documented (aclvdecSetChannelDescThreadId, aclvencSetChannelDescThreadId): a callback thread
// serves the video channels of one device. Thread id -> (device, channels open with it).
std::mutex thread_devices_mutex;
std::map<uint64_t, std::pair<int32_t, int>> thread_devices;

void ClaimThread(uint64_t thread_id, int32_t device) {
  std::lock_guard<std::mutex> lock(thread_devices_mutex);
  auto [it, added] = thread_devices.emplace(thread_id, std::make_pair(device, 0));
  if (!added && it->second.first != device) {
    Fail(ACL_ERROR_INVALID_PARAM, "callback thread {} already serves video channels of device {}: a thread serves "
         "one device's channels", thread_id, it->second.first);
  }
  ++it->second.second;
}

void ReleaseThread(uint64_t thread_id) {
  std::lock_guard<std::mutex> lock(thread_devices_mutex);
  auto it = thread_devices.find(thread_id);
  if (it != thread_devices.end() && --it->second.second == 0) thread_devices.erase(it);
}

}  // namespace

void CheckCallbackAndThread(bool has_callback, uint64_t thread_id, const char* api) {
  if (!has_callback) Fail(ACL_ERROR_INVALID_PARAM, "channelDesc has no callback ({}SetChannelDescCallback)", api);
  if (thread_id == 0) {
    Fail(ACL_ERROR_INVALID_PARAM, "channelDesc has no callback thread id ({}SetChannelDescThreadId): set the id of "
         "the thread that calls aclrtProcessReport", api);
  }
}

VideoLane::VideoLane(Context& context, uint64_t thread_id)
    : context_(context),
      device_(context.device()),
      stream_(context.CreateStream()),
      thread_id_(thread_id),
      context_alive_(context.Liveness()) {
  try {
    ClaimThread(thread_id, device_.id());
  } catch (...) {
    context_.DestroyStream(stream_, false);
    throw;
  }
  try {
    ReportHub::Callbacks().Subscribe(thread_id, stream_);
  } catch (...) {
    ReleaseThread(thread_id);
    context_.DestroyStream(stream_, false);
    throw;
  }
}

VideoLane::~VideoLane() {
  if (alive()) {
    try {
      ReportHub::Callbacks().Unsubscribe(thread_id_, stream_);
    } catch (const Error& e) {
      Log().warn("video channel stream {}: {}", stream_.id(), e.what());
    }
    try {
      context_.DestroyStream(stream_, true);
    } catch (const Error& e) {
      Log().warn("video channel stream: {}", e.what());
    }
  }  // else the context released the stream (and its subscription) already
  ReleaseThread(thread_id_);
}

void VideoLane::CheckUsable(bool waits) const {
  if (!alive()) {
    Fail(ACL_ERROR_INVALID_PARAM, "the video channel's context or device was destroyed (aclrtDestroyContext, "
         "aclrtResetDevice or aclFinalize) before the channel: only destroying its channel descriptor is left");
  }
  if (waits && CallingThreadId() == thread_id_) {
    Fail(ACL_ERROR_INVALID_PARAM, "called on the channel's callback thread {}: this call waits until that thread "
         "has run the channel's callbacks, which it cannot do while it waits; call it from another thread",
         thread_id_);
  }
}

void VideoLane::Submit(std::function<void()> work, const char* kind) {
  CheckUsable(false);
  stream_.Submit(Task{[work = std::move(work)] {
                        work();
                        return ACL_SUCCESS;
                      },
                      kind});
}

void VideoLane::Deliver(std::function<void()> callback) {
  auto boxed = std::make_unique<std::function<void()>>(std::move(callback));
  ReportHub::Callbacks().Deliver(stream_, &RunDelivered, boxed.get(), false);
  boxed.release();  // RunDelivered owns it now
  delivered_ = true;
}

bool VideoLane::CanWaitForCallbacks() const { return !delivered_ || CallingThreadId() != thread_id_; }

void VideoLane::Barrier() {
  if (!CanWaitForCallbacks()) {
    Fail(ACL_ERROR_INVALID_PARAM, "the video channel must wait for its callbacks, but runs on its own callback "
         "thread {}, which cannot run them meanwhile (a single-threaded program with the sync executor): give the "
         "channel a callback thread of its own", thread_id_);
  }
  if (!delivered_) return;
  ReportHub::Callbacks().Deliver(stream_, &Nothing, nullptr, true);
  delivered_ = false;
}

void VideoLane::EndOfStream(std::function<void()> drain, const char* kind) {
  CheckUsable(true);
  Submit(
      [this, drain = std::move(drain)] {
        try {
          drain();
        } catch (...) {
          Barrier();  // the callbacks delivered before the failure still run before the call returns
          throw;
        }
        Barrier();
      },
      kind);
  stream_.Synchronize(-1);
}

}  // namespace aclsim::dvpp
