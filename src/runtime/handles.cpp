#include "runtime/handles.h"

#include "runtime/context.h"
#include "runtime/event.h"
#include "runtime/stream.h"

namespace aclsim {

// Never destroyed: handles may be checked by threads still running during process exit.
LiveSet<Context>& LiveContexts() {
  static auto* set = new LiveSet<Context>();
  return *set;
}
LiveSet<Stream>& LiveStreams() {
  static auto* set = new LiveSet<Stream>();
  return *set;
}
LiveSet<Event>& LiveEvents() {
  static auto* set = new LiveSet<Event>();
  return *set;
}

}  // namespace aclsim
