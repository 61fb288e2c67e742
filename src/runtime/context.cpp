#include "runtime/context.h"

#include <algorithm>

#include "common/error.h"
#include "common/log.h"
#include "runtime/device.h"
#include "runtime/event.h"
#include "runtime/handles.h"
#include "runtime/stream.h"

namespace aclsim {

Context::Context(Device& device, bool is_default) : device_(device), is_default_(is_default) {
  default_stream_ = std::make_unique<Stream>(*this, device.NextStreamId(), true, device.config().executor);
  LiveStreams().Add(default_stream_.get());
  LiveContexts().Add(this);
}

Context::~Context() {
  ReleaseAll(true);
  LiveContexts().Remove(this);
}

Stream& Context::CreateStream() {
  auto stream = std::make_unique<Stream>(*this, device_.NextStreamId(), false, device_.config().executor);
  Stream& result = *stream;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    streams_.push_back(std::move(stream));
  }
  LiveStreams().Add(&result);
  return result;
}

void Context::DestroyStream(Stream& stream, bool drain) {
  std::unique_ptr<Stream> owned;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (&stream == default_stream_.get()) {
      Fail(ACL_ERROR_INVALID_PARAM, "the default stream cannot be destroyed; it is released with its context");
    }
    auto it = std::find_if(streams_.begin(), streams_.end(), [&](const auto& s) { return s.get() == &stream; });
    if (it == streams_.end()) Fail(ACL_ERROR_RT_STREAM_CONTEXT, "the stream does not belong to this context");
    owned = std::move(*it);
    streams_.erase(it);
  }
  LiveStreams().Remove(owned.get());  // no new work can find it
  owned->Shutdown(drain);
}

bool Context::Owns(const Stream& stream) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (&stream == default_stream_.get()) return true;
  return std::any_of(streams_.begin(), streams_.end(), [&](const auto& s) { return s.get() == &stream; });
}

std::vector<Stream*> Context::Streams() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Stream*> result;
  if (default_stream_) result.push_back(default_stream_.get());
  for (const auto& s : streams_) result.push_back(s.get());
  return result;
}

Event& Context::CreateEvent(uint32_t flags) {
  auto event = std::make_shared<Event>(*this, flags);
  Event& result = *event;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    events_.push_back(std::move(event));
  }
  LiveEvents().Add(&result);
  return result;
}

void Context::DestroyEvent(Event& event) {
  std::shared_ptr<Event> owned;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = std::find_if(events_.begin(), events_.end(), [&](const auto& e) { return e.get() == &event; });
    if (it == events_.end()) Fail(ACL_ERROR_INVALID_PARAM, "the event does not belong to its context");
    owned = std::move(*it);
    events_.erase(it);
  }
  LiveEvents().Remove(owned.get());
}

void Context::ReleaseAll(bool warn_leaks) {
  std::vector<std::shared_ptr<Event>> events;
  std::vector<std::unique_ptr<Stream>> streams;
  std::unique_ptr<Stream> default_stream;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    events = std::move(events_);
    events_.clear();
    streams = std::move(streams_);
    streams_.clear();
    default_stream = std::move(default_stream_);
  }
  for (auto& event : events) {
    if (warn_leaks) Log().warn("releasing leaked aclrtEvent {}", static_cast<void*>(event.get()));
    LiveEvents().Remove(event.get());
  }
  for (auto& stream : streams) {
    if (warn_leaks && !is_default_) {
      Log().warn("releasing leaked aclrtStream {} (stream {})", static_cast<void*>(stream.get()), stream->id());
    }
    LiveStreams().Remove(stream.get());
    stream->Shutdown(true);  // waits for its tasks, as the documentation says a reset does
  }
  if (default_stream) {
    LiveStreams().Remove(default_stream.get());
    default_stream->Shutdown(true);
  }
  // Events are destroyed last of all: tasks of the streams above may still have referred to them.
  events.clear();
}

void Context::SetSysParam(aclSysParamOpt option, int64_t value) {
  std::lock_guard<std::mutex> lock(mutex_);
  sys_params_[option] = value;
}

bool Context::GetSysParam(aclSysParamOpt option, int64_t& value) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sys_params_.find(option);
  if (it == sys_params_.end()) return false;
  value = it->second;
  return true;
}

}  // namespace aclsim
