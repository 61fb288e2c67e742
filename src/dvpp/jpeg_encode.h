// JPEG encoding (JPEGE) with libjpeg-turbo: the documented input constraints (CANN reference,
// "JPEGE功能及约束说明": NV12/NV21 and the four packed YUV422 orders, 32x32 .. 8192x8192,
// widthStride and heightStride rules of its own), the quality level, the bound
// acldvppJpegPredictEncSize gives, and the encode task.
#pragma once

#include <cstdint>

#include "dvpp/descriptors.h"
#include "dvpp/planes.h"

namespace aclsim {
class Device;
}

namespace aclsim::dvpp {

// The format of `desc` if JPEGE encodes it and its width and height are in range and aligned as
// the format needs; otherwise throws Error(ACL_ERROR_INVALID_PARAM) naming inputDesc's field.
FormatInfo CheckJpegeFormatAndSize(const acldvppPicDesc& desc);

// Everything CheckJpegeFormatAndSize checks, then the strides, the size and the buffer (device
// memory of `device`). Returns the picture to encode.
Picture CheckJpegeInput(const acldvppPicDesc& desc, Device& device);

// libjpeg quality (1..100) for a JPEGE level; throws Error(ACL_ERROR_INVALID_PARAM) for a level
// the current SoC does not accept (0 is accepted, as good as 100, on Ascend310/910 only).
int JpegeQuality(uint32_t level);

// An upper bound of the encoded size of `format` at width x height (any quality).
uint32_t PredictJpegeSize(const FormatInfo& format, uint32_t width, uint32_t height);

// Everything a queued encode needs, copied at enqueue. `size` is the caller's in/out size: the
// task writes the encoded size there when it succeeds (as on the device).
struct JpegEncodeJob {
  Picture input;
  int quality = 100;
  uint8_t* out = nullptr;
  uint32_t capacity = 0;
  uint32_t* size = nullptr;
};

// Encodes; when the encoded image does not fit `capacity` throws Error(ACL_ERROR_RT_AICPU_EXCEPTION)
// with the sizes and writes neither the output buffer nor *size.
void RunJpegEncode(const JpegEncodeJob& job);

}  // namespace aclsim::dvpp
