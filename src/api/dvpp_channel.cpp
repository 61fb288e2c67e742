// DVPP channel descriptors and channels (acl_dvpp.h): acldvppCreateChannelDesc ..
// acldvppDestroyChannel, with the channel modes and parameters CANN documents.
#include <cstring>

#include "api/api_guard.h"
#include "dvpp/channel.h"
#include "dvpp/descriptors.h"

using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;

namespace {

// The documented value type of each acldvppChannelDescParamType, as its size.
size_t ParamSize(acldvppChannelDescParamType type) {
  switch (type) {
    case ACL_DVPP_CSC_MATRIX_UINT32:
    case ACL_DVPP_MODE_UINT32:
    case ACL_DVPP_CHANNEL_HEIGHT_UINT32:
    case ACL_DVPP_CHANNEL_WIDTH_UINT32:
    case ACL_DVPP_JPEGD_PRECISION_MODE_ENUM: return sizeof(uint32_t);
    case ACL_DVPP_CHANNEL_ID_UINT64: return sizeof(uint64_t);
  }
  aclsim::Fail(ACL_ERROR_INVALID_PARAM, "paramType {} is not an acldvppChannelDescParamType", static_cast<int>(type));
}

void CheckMode(uint32_t mode) {
  ACLSIM_CHECK_ARG(mode != 0 && (mode & ~acldvppChannelDesc::kAllModes) == 0,
                   "mode {:#x} must be a non-empty combination of DVPP_CHNMODE_VPC (1), DVPP_CHNMODE_JPEGD (2), "
                   "DVPP_CHNMODE_JPEGE (4) and DVPP_CHNMODE_PNGD (8)", mode);
}

}  // namespace

extern "C" {

acldvppChannelDesc* acldvppCreateChannelDesc() {
  return ApiCall("acldvppCreateChannelDesc", [] { return new acldvppChannelDesc(); });
}

aclError acldvppDestroyChannelDesc(acldvppChannelDesc* channelDesc) {
  return ApiCall("acldvppDestroyChannelDesc", [&] {
    delete UnwrapHandle<acldvppChannelDesc>(channelDesc, "channelDesc");
    return ACL_SUCCESS;
  });
}

uint64_t acldvppGetChannelDescChannelId(const acldvppChannelDesc* channelDesc) {
  return ApiCall("acldvppGetChannelDescChannelId",
                 [&] { return UnwrapHandle<acldvppChannelDesc>(channelDesc, "channelDesc")->channel_id; });
}

aclError acldvppSetChannelDescMode(acldvppChannelDesc* channelDesc, uint32_t mode) {
  return ApiCall("acldvppSetChannelDescMode", [&] {
    acldvppChannelDesc* desc = UnwrapHandle<acldvppChannelDesc>(channelDesc, "channelDesc");
    CheckMode(mode);
    desc->mode = mode;
    return ACL_SUCCESS;
  });
}

aclError acldvppSetChannelDescParam(acldvppChannelDesc* channelDesc, acldvppChannelDescParamType paramType,
                                    size_t length, const void* param) {
  return ApiCall("acldvppSetChannelDescParam", [&] {
    acldvppChannelDesc* desc = UnwrapHandle<acldvppChannelDesc>(channelDesc, "channelDesc");
    ACLSIM_CHECK_NOT_NULL(param);
    const size_t size = ParamSize(paramType);
    ACLSIM_CHECK_ARG(length == size, "length {} must be {} for paramType {}", length, size, static_cast<int>(paramType));
    if (paramType == ACL_DVPP_CHANNEL_ID_UINT64) {
      aclsim::Fail(ACL_ERROR_INVALID_PARAM, "paramType ACL_DVPP_CHANNEL_ID_UINT64 is read-only: acldvppCreateChannel "
                   "assigns the id");
    }
    uint32_t value = 0;
    std::memcpy(&value, param, sizeof(value));
    switch (paramType) {
      case ACL_DVPP_CSC_MATRIX_UINT32:
        ACLSIM_CHECK_ARG(value <= ACL_DVPP_CSC_MATRIX_BT2020_NARROW, "CSC matrix {} is not an acldvppCscMatrix", value);
        desc->csc_matrix = value;
        break;
      case ACL_DVPP_MODE_UINT32:
        CheckMode(value);
        desc->mode = value;
        break;
      case ACL_DVPP_CHANNEL_HEIGHT_UINT32: desc->channel_height = value; break;
      case ACL_DVPP_CHANNEL_WIDTH_UINT32: desc->channel_width = value; break;
      case ACL_DVPP_JPEGD_PRECISION_MODE_ENUM:
        ACLSIM_CHECK_ARG(value <= 2, "JPEGD precision mode {} must be 0, 1 or 2", value);
        desc->jpegd_precision_mode = value;
        break;
      default: break;
    }
    return ACL_SUCCESS;
  });
}

aclError acldvppGetChannelDescParam(const acldvppChannelDesc* channelDesc, acldvppChannelDescParamType paramType,
                                    size_t length, size_t* paramRetSize, void* param) {
  return ApiCall("acldvppGetChannelDescParam", [&] {
    const acldvppChannelDesc* desc = UnwrapHandle<acldvppChannelDesc>(channelDesc, "channelDesc");
    ACLSIM_CHECK_NOT_NULL(param);
    ACLSIM_CHECK_NOT_NULL(paramRetSize);
    const size_t size = ParamSize(paramType);
    ACLSIM_CHECK_ARG(length >= size, "length {} is below the {} bytes of paramType {}", length, size,
                     static_cast<int>(paramType));
    if (paramType == ACL_DVPP_CHANNEL_ID_UINT64) {
      std::memcpy(param, &desc->channel_id, sizeof(uint64_t));
    } else {
      const uint32_t value = paramType == ACL_DVPP_CSC_MATRIX_UINT32       ? desc->csc_matrix
                             : paramType == ACL_DVPP_MODE_UINT32           ? desc->mode
                             : paramType == ACL_DVPP_CHANNEL_HEIGHT_UINT32 ? desc->channel_height
                             : paramType == ACL_DVPP_CHANNEL_WIDTH_UINT32  ? desc->channel_width
                                                                           : desc->jpegd_precision_mode;
      std::memcpy(param, &value, sizeof(value));
    }
    *paramRetSize = size;
    return ACL_SUCCESS;
  });
}

aclError acldvppCreateChannel(acldvppChannelDesc* channelDesc) {
  return ApiCall("acldvppCreateChannel", [&] {
    aclsim::dvpp::CreateChannel(*UnwrapHandle<acldvppChannelDesc>(channelDesc, "channelDesc"));
    return ACL_SUCCESS;
  });
}

aclError acldvppDestroyChannel(acldvppChannelDesc* channelDesc) {
  return ApiCall("acldvppDestroyChannel", [&] {
    aclsim::dvpp::DestroyChannel(*UnwrapHandle<acldvppChannelDesc>(channelDesc, "channelDesc"));
    return ACL_SUCCESS;
  });
}

}  // extern "C"
