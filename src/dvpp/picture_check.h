// Checking a picture descriptor against the documented VPC constraints before anything is queued
// (CANN reference, "VPC 约束说明"): a supported format, resolution within range, width/height
// alignment for the format's subsampling, strides aligned and large enough, and a buffer of
// device memory holding the whole picture. Every failure names the descriptor and its field.
#pragma once

#include <string>

#include "dvpp/descriptors.h"
#include "dvpp/planes.h"

namespace aclsim {
class Device;
}

namespace aclsim::dvpp {

enum class PictureRole : uint8_t { kVpcInput, kVpcOutput };

// Returns the picture `desc` describes, or throws Error(ACL_ERROR_INVALID_PARAM) naming `what`
// (e.g. "inputDesc") and the field at fault.
Picture CheckVpcPicture(const acldvppPicDesc& desc, const std::string& what, PictureRole role, Device& device);

// The memory part of the checks, for engines with size and stride rules of their own (JPEGE):
// data set, size at least the picture's bytes for its strides, one live device allocation.
Picture CheckPictureMemory(const acldvppPicDesc& desc, const FormatInfo& info, const std::string& what, Device& device);

// A picture of `desc` without checks beyond the format being known (for tasks that fill it).
Picture PictureOf(const acldvppPicDesc& desc);

}  // namespace aclsim::dvpp
