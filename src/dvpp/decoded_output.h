// What the image decoders (JPEGD, PNGD) share about their output: the layout of the picture they
// write, and the caller's output descriptor, which the task fills in once it has run (as the
// device does): the layout on success, a non-zero retCode on failure; and the buffers checked
// when a decode is submitted.
#pragma once

#include <cstdint>

#include "dvpp/descriptors.h"
#include "dvpp/pixel_format.h"

namespace aclsim {
class Device;
}

namespace aclsim::dvpp {

// At submission: the encoded `data` (device memory of `device`, non-empty) and the output
// descriptor's buffer (set, non-empty, one live allocation). Throws ACL_ERROR_INVALID_PARAM
// naming the field.
void CheckDecodeBuffers(const void* data, uint32_t size, const acldvppPicDesc& out, Device& device);

struct DecodedLayout {
  FormatInfo info;
  uint32_t width = 0, height = 0, width_stride = 0, height_stride = 0;
  uint64_t bytes = 0;
};

// The descriptor may have been destroyed since submission; then nothing is written.
inline void DescribeDecoded(acldvppPicDesc* desc, const DecodedLayout& layout) {
  if (desc == nullptr || !desc->HasValidTag()) return;
  desc->format = layout.info.format;
  desc->width = layout.width;
  desc->height = layout.height;
  desc->width_stride = layout.width_stride;
  desc->height_stride = layout.height_stride;
  desc->ret_code = 0;
}

inline void MarkDecodeFailed(acldvppPicDesc* desc) {
  if (desc != nullptr && desc->HasValidTag()) desc->ret_code = 1;
}

}  // namespace aclsim::dvpp
