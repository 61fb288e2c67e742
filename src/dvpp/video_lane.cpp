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

VideoLane::VideoLane(Context& context, uint64_t thread_id)
    : context_(context), stream_(context.CreateStream()), thread_id_(thread_id) {
  try {
    ClaimThread(thread_id, context.device().id());
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
  ReleaseThread(thread_id_);
}

void VideoLane::Submit(std::function<void()> work, const char* kind) {
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
}

void VideoLane::Barrier() { ReportHub::Callbacks().Deliver(stream_, &Nothing, nullptr, true); }

void VideoLane::Wait() { stream_.Synchronize(-1); }

}  // namespace aclsim::dvpp
