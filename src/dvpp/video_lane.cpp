#include "dvpp/video_lane.h"

#include <memory>

#include "common/error.h"
#include "common/log.h"
#include "runtime/context.h"
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

}  // namespace

VideoLane::VideoLane(Context& context, uint64_t thread_id)
    : context_(context), stream_(context.CreateStream()), thread_id_(thread_id) {
  try {
    ReportHub::Callbacks().Subscribe(thread_id, stream_);
  } catch (...) {
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
