// PNG decoding (PNGD) with libpng: the header facts acldvppPngGetImageInfo reports, the
// documented output layout (RGB888 or RGBA8888, widthStride the width aligned to 128 times the
// bytes per pixel, heightStride the height aligned to 16) that acldvppPngPredictDecSize sizes,
// and the decode task.
#pragma once

#include <cstdint>

#include "dvpp/decoded_output.h"
#include "dvpp/descriptors.h"
#include "dvpp/planes.h"

namespace aclsim::dvpp {

struct PngInfo {
  uint32_t width = 0, height = 0;
  // Channels of the decoded image: 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA; a palette counts as
  // RGB, and a tRNS chunk (transparency of a palette or a colour key) as alpha.
  int32_t components = 0;
  bool alpha = false;
};

// Throws Error(ACL_ERROR_INVALID_PARAM) when `data` does not start with a readable PNG header.
PngInfo ReadPngInfo(const void* data, uint32_t size);

// The picture PNGD writes for `info` in `format` (PIXEL_FORMAT_UNKNOWN: RGBA8888 for a source with
// alpha, RGB888 otherwise). Throws Error(ACL_ERROR_INVALID_PARAM) for a format PNGD cannot write
// for this source.
DecodedLayout PngOutputFor(const PngInfo& info, acldvppPixelFormat format);

// Throws Error(ACL_ERROR_INVALID_PARAM) unless `format` is one PNGD writes: RGB888, RGBA8888, or
// PIXEL_FORMAT_UNKNOWN (the source's own).
void RequirePngOutputFormat(acldvppPixelFormat format);

// acldvppPngPredictDecSize: the bytes of the output in `format`; PIXEL_FORMAT_UNKNOWN sizes the
// largest output format (RGBA8888), as documented.
uint64_t PredictPngBytes(const PngInfo& info, acldvppPixelFormat format);

// Everything a queued decode needs, copied at enqueue; `desc` is the caller's output descriptor,
// updated with the format, size and strides when the task has run.
struct PngDecodeJob {
  const uint8_t* data = nullptr;
  uint32_t size = 0;
  acldvppPicDesc* desc = nullptr;
  void* out_data = nullptr;
  uint32_t out_size = 0;
  acldvppPixelFormat out_format = PIXEL_FORMAT_UNKNOWN;
};

// Decodes; on corrupt or truncated input, an image outside 32x32 .. 4096x4096, a format this
// source cannot give or an output buffer too small, throws Error(ACL_ERROR_RT_AICPU_EXCEPTION)
// with the reason and writes nothing to the output buffer.
void RunPngDecode(const PngDecodeJob& job);

}  // namespace aclsim::dvpp
