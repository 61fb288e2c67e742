// The live contexts, streams and events of the process, for checking handles (see live_set.h).
#pragma once

#include "runtime/live_set.h"

namespace aclsim {

class Context;
class Stream;
class Event;

LiveSet<Context>& LiveContexts();
LiveSet<Stream>& LiveStreams();
LiveSet<Event>& LiveEvents();

}  // namespace aclsim
