// DVPP channels: acldvppCreateChannel / acldvppDestroyChannel on a channel descriptor, and the
// check every image operation makes that its channel is open for its engine.
#pragma once

#include <cstdint>

#include "dvpp/descriptors.h"

namespace aclsim::dvpp {

// Opens the channel on the current context's device. Throws if it is open already or its mode
// is not a combination of acldvppChannelMode flags.
void CreateChannel(acldvppChannelDesc& desc);
void DestroyChannel(acldvppChannelDesc& desc);

// Throws Error(ACL_ERROR_INVALID_PARAM) unless `desc` is an open channel whose mode includes
// `engine` (an acldvppChannelMode flag).
void RequireChannel(const acldvppChannelDesc& desc, uint32_t engine);

}  // namespace aclsim::dvpp
