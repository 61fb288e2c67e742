// How a tensor's shape reads in another layout: the shape half of aclTransTensorDescFormat.
// The data half (moving bytes between layouts) is the TransData kernel's job.
#pragma once

#include <cstdint>
#include <vector>

#include "acl/acl_base.h"

namespace aclsim {

// The C0 block of the NPU's private formats for `type`: 16 elements, 32 for 8-bit types and
// 64 for 4-bit ones.
int64_t BlockC0(aclDataType type);

// The shape `dims` (in `from`) takes in `to`. Supported: ND/NCHW/NHWC among themselves,
// NCHW/NHWC/ND(4-D) -> NC1HWC0, and ND/NCHW/NHWC (rank >= 1) -> FRACTAL_NZ. Throws Error
// ACL_ERROR_FEATURE_UNSUPPORTED for other pairs, ACL_ERROR_INVALID_PARAM for unfit shapes.
std::vector<int64_t> ShapeInFormat(const std::vector<int64_t>& dims, aclFormat from, aclFormat to,
                                   aclDataType type);

}  // namespace aclsim
