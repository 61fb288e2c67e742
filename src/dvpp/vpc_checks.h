// Checks shared by the VPC operations beyond crop/resize/paste (convert colour, make border,
// pyramid, histogram, equalise): which SoCs have them, and the per-operation format lists and
// resolution ranges the CANN reference gives on top of the general picture constraints.
#pragma once

#include <initializer_list>
#include <string>

#include "dvpp/descriptors.h"

namespace aclsim::dvpp {

// Throws Error(ACL_ERROR_FEATURE_UNSUPPORTED) when the current SoC lacks `operation` (the API name).
void RequireVpcExtras(const char* operation);
void RequirePyrDown(const char* operation);

// Throws Error(ACL_ERROR_INVALID_PARAM) naming `what`.format unless it is one of `formats`.
void CheckFormatAmong(const acldvppPicDesc& desc, const std::string& what,
                      std::initializer_list<acldvppPixelFormat> formats, const char* operation);

// Throws Error(ACL_ERROR_INVALID_PARAM) naming `what`.width/height outside [min, max].
void CheckResolution(const acldvppPicDesc& desc, const std::string& what, uint32_t min_width, uint32_t min_height,
                     uint32_t max_width, uint32_t max_height);

}  // namespace aclsim::dvpp
