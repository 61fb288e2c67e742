// JPEG decoding (JPEGD) with libjpeg-turbo: the header facts acldvppJpegGetImageInfo* report,
// the documented output layout (formats, ALIGN_DOWN/UP of odd sizes, widthStride aligned to 64 or
// 128 by SoC, heightStride to 16) that acldvppJpegPredictDecSize sizes, and the decode task.
#pragma once

#include <cstdint>

#include "dvpp/decoded_output.h"
#include "dvpp/descriptors.h"
#include "dvpp/planes.h"

namespace aclsim::dvpp {

struct JpegInfo {
  uint32_t width = 0, height = 0;
  int32_t components = 0;
  acldvppJpegFormat css = ACL_JPEG_CSS_UNKNOWN;
  uint32_t sub_x = 1, sub_y = 1;  // chroma subsampling of the stream
};

// Throws Error(ACL_ERROR_INVALID_PARAM) when `data` does not start with a JPEG header.
JpegInfo ReadJpegInfo(const void* data, uint32_t size);

// The picture JPEGD writes for `info` in `format` (PIXEL_FORMAT_UNKNOWN: the source's own
// layout). Throws Error(ACL_ERROR_INVALID_PARAM) for a format JPEGD cannot write for this source.
DecodedLayout JpegOutputFor(const JpegInfo& info, acldvppPixelFormat format, uint32_t precision_mode);

// Everything a queued decode needs, copied at enqueue; `desc` is the caller's output descriptor,
// updated with the decoded size and strides when the task has run (as on the device).
struct JpegDecodeJob {
  const uint8_t* data = nullptr;
  uint32_t size = 0;
  acldvppPicDesc* desc = nullptr;
  void* out_data = nullptr;
  uint32_t out_size = 0;
  acldvppPixelFormat out_format = PIXEL_FORMAT_YUV_SEMIPLANAR_420;
  uint32_t precision_mode = 0;
};

// Decodes; on corrupt or truncated input, or an output buffer too small, throws
// Error(ACL_ERROR_RT_AICPU_EXCEPTION) with the reason and writes nothing to the output buffer.
void RunJpegDecode(const JpegDecodeJob& job);

}  // namespace aclsim::dvpp
