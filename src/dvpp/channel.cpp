#include "dvpp/channel.h"

#include <atomic>

#include "common/error.h"
#include "runtime/context.h"
#include "runtime/current_context.h"
#include "runtime/device.h"

namespace aclsim::dvpp {
namespace {

std::atomic<uint64_t> next_channel_id{0};

const char* EngineName(uint32_t engine) {
  switch (engine) {
    case DVPP_CHNMODE_VPC: return "DVPP_CHNMODE_VPC";
    case DVPP_CHNMODE_JPEGD: return "DVPP_CHNMODE_JPEGD";
    case DVPP_CHNMODE_JPEGE: return "DVPP_CHNMODE_JPEGE";
    default: return "DVPP_CHNMODE_PNGD";
  }
}

}  // namespace

void CreateChannel(acldvppChannelDesc& desc) {
  Device& device = CurrentContext().device();
  if (desc.created) {
    Fail(ACL_ERROR_INVALID_PARAM, "channelDesc already has an open channel (id {}); destroy it first",
         desc.channel_id);
  }
  desc.channel_id = next_channel_id++;
  desc.device_id = device.id();
  desc.created = true;
}

void DestroyChannel(acldvppChannelDesc& desc) {
  if (!desc.created) Fail(ACL_ERROR_INVALID_PARAM, "channelDesc has no open channel (acldvppCreateChannel it first)");
  desc.created = false;
}

void RequireChannel(const acldvppChannelDesc& desc, uint32_t engine) {
  if (!desc.created) Fail(ACL_ERROR_INVALID_PARAM, "channelDesc has no open channel (call acldvppCreateChannel)");
  if ((desc.mode & engine) == 0) {
    Fail(ACL_ERROR_INVALID_PARAM, "channelDesc's channel was created with mode {:#x}, which lacks {}", desc.mode,
         EngineName(engine));
  }
}

}  // namespace aclsim::dvpp
