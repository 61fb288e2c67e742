// A context: the unit of resource ownership on one device. It owns its streams (the default one
// included) and the events created while it was current.
//
// `mutex_` guards the stream and event lists and the system parameters. Lock order:
// Device -> Context -> Stream -> Event; a stream is shut down (which may wait for its tasks)
// only after it has been taken out of the list, with no context lock held.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "acl/acl_rt.h"

namespace aclsim {

class Device;
class Event;
class Stream;

class Context {
 public:
  static constexpr const char* kTypeName = "aclrtContext";

  Context(Device& device, bool is_default);
  ~Context();  // releases what is left (see ReleaseAll)
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  Device& device() const { return device_; }
  bool is_default() const { return is_default_; }
  Stream& default_stream() const { return *default_stream_; }

  Stream& CreateStream();
  // Destroys a stream created in this context; `drain` waits for its tasks first.
  void DestroyStream(Stream& stream, bool drain);
  bool Owns(const Stream& stream) const;
  std::vector<Stream*> Streams() const;  // the default stream first

  Event& CreateEvent(uint32_t flags);
  void DestroyEvent(Event& event);

  // Releases every event and stream still alive (default stream included), waiting for their
  // tasks; `warn_leaks` logs one warning naming the explicitly created ones.
  void ReleaseAll(bool warn_leaks);

  void SetSysParam(aclSysParamOpt option, int64_t value);
  bool GetSysParam(aclSysParamOpt option, int64_t& value) const;

  // Expires when the context is destroyed (aclrtDestroyContext, aclrtResetDevice, aclFinalize):
  // objects that outlive it, such as video channels, check it before they touch the context, its
  // streams or its device. Unlike an address, it cannot match a later context.
  std::weak_ptr<const void> Liveness() const { return liveness_; }

 private:
  Device& device_;
  const bool is_default_;
  mutable std::mutex mutex_;
  std::unique_ptr<Stream> default_stream_;
  std::vector<std::unique_ptr<Stream>> streams_;  // explicitly created
  std::vector<std::shared_ptr<Event>> events_;  // shared with tasks that refer to them
  std::map<aclSysParamOpt, int64_t> sys_params_;
  std::shared_ptr<const void> liveness_ = std::make_shared<int>(0);
};

}  // namespace aclsim
