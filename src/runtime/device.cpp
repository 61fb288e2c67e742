#include "runtime/device.h"

#include <algorithm>

#include "common/error.h"
#include "common/log.h"
#include "runtime/context.h"
#include "runtime/stream.h"

namespace aclsim {

Device::Device(int id, const Config& config)
    : id_(id), config_(config), memory_(id, config.device_memory), cores_(EffectiveAicoreThreads(config)) {}

Device::~Device() {
  ReleaseContexts(TakeAllContexts(), "aclFinalize");
  ReleaseMemory("aclFinalize");
}

void Device::ReleaseMemory(const char* why) {
  const LeakReport leaks = memory_.Leaks();
  if (!leaks.empty()) Log().warn("{}: device {} still had {}; freeing them", why, id_, leaks.Summary());
  memory_.ReleaseAll();
}

void Device::EnablePeer(int peer) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!peers_.insert(peer).second) {
    Fail(ACL_ERROR_INVALID_PARAM, "peer access from device {} to device {} is already enabled", id_, peer);
  }
}

void Device::DisablePeer(int peer) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (peers_.erase(peer) == 0) {
    Fail(ACL_ERROR_INVALID_PARAM, "peer access from device {} to device {} is not enabled", id_, peer);
  }
}

bool Device::PeerEnabled(int peer) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return peers_.count(peer) != 0;
}

Context& Device::Retain() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!default_context_) default_context_ = std::make_unique<Context>(*this, true);
  ++references_;
  return *default_context_;
}

int Device::references() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return references_;
}

void Device::Release(bool force, const char* api) {
  std::vector<std::unique_ptr<Context>> released;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (references_ == 0) {
      Fail(ACL_ERROR_INVALID_DEVICE, "device {} holds no reference: it was never set with aclrtSetDevice, or its "
           "resources were already released by aclrtResetDevice/aclrtResetDeviceForce", id_);
    }
    references_ = force ? 0 : references_ - 1;
    if (references_ > 0) return;
  }
  // Between the unlock and here another thread may Retain() again: it then gets a fresh default
  // context, because TakeAllContexts takes the current one out under the lock.
  released = TakeAllContexts();
  ReleaseContexts(std::move(released), api);
  ReleaseMemory(api);
  std::lock_guard<std::mutex> lock(mutex_);
  peers_.clear();
}

std::vector<std::unique_ptr<Context>> Device::TakeAllContexts() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::unique_ptr<Context>> all = std::move(contexts_);
  contexts_.clear();
  if (default_context_) all.insert(all.begin(), std::move(default_context_));
  return all;
}

void Device::ReleaseContexts(std::vector<std::unique_ptr<Context>> contexts, const char* why) {
  // Documented release order: events, then streams, then contexts.
  for (auto& context : contexts) {
    if (!context->is_default()) {
      Log().warn("{}: releasing leaked aclrtContext {} of device {}", why, static_cast<void*>(context.get()),
                 context->device().id());
    }
    context->ReleaseAll(true);
  }
  contexts.clear();
}

Context& Device::CreateContext() {
  auto context = std::make_unique<Context>(*this, false);
  std::lock_guard<std::mutex> lock(mutex_);
  contexts_.push_back(std::move(context));
  return *contexts_.back();
}

void Device::DestroyContext(Context& context) {
  std::unique_ptr<Context> owned;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (&context == default_context_.get()) {
      Fail(ACL_ERROR_INVALID_PARAM, "the default context of device {} is released by aclrtResetDevice, not "
           "aclrtDestroyContext", id_);
    }
    for (auto it = contexts_.begin(); it != contexts_.end(); ++it) {
      if (it->get() == &context) {
        owned = std::move(*it);
        contexts_.erase(it);
        break;
      }
    }
  }
  if (!owned) Fail(ACL_ERROR_INVALID_PARAM, "the context does not belong to device {}", id_);
  owned->ReleaseAll(true);
}

int Device::BusyStreamPercent() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Stream*> streams;
  if (default_context_) streams = default_context_->Streams();
  for (const auto& context : contexts_) {
    auto more = context->Streams();
    streams.insert(streams.end(), more.begin(), more.end());
  }
  if (streams.empty()) return 0;
  const auto busy = std::count_if(streams.begin(), streams.end(), [](const Stream* s) { return !s->IsIdle(); });
  return static_cast<int>(busy * 100 / static_cast<long>(streams.size()));
}

void Device::Synchronize() {
  std::vector<Stream*> streams;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (default_context_) streams = default_context_->Streams();
    for (auto& context : contexts_) {
      auto more = context->Streams();
      streams.insert(streams.end(), more.begin(), more.end());
    }
  }
  // Waiting happens without the device lock. A stream destroyed meanwhile is the caller's race.
  aclError first_error = ACL_SUCCESS;
  std::string message;
  for (Stream* stream : streams) {
    try {
      stream->Synchronize(-1);
    } catch (const Error& e) {
      if (first_error == ACL_SUCCESS) {
        first_error = e.code();
        message = e.what();
      }
    }
  }
  if (first_error != ACL_SUCCESS) throw Error(first_error, message);
}

}  // namespace aclsim
