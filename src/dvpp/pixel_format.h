// What aclsim knows of each 8-bit pixel format DVPP's image engines handle: how its bytes are laid
// out, and the documented width/height alignment and buffer-size formulas (CANN reference,
// "VPC 约束说明": 图片格式、宽高对齐、内存约束).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "dvpp/descriptors.h"

namespace aclsim::dvpp {

enum class Layout : uint8_t {
  kYuv400,      // one luma plane
  kSemiPlanar,  // luma plane, then one interleaved chroma plane subsampled by (sub_x, sub_y)
  kPacked422,   // two pixels in four bytes (Y0 U Y1 V in some order)
  kPacked,      // every pixel in `bytes_per_pixel` bytes (YUV444 packed, RGB/BGR, 4-byte RGB orders)
};

enum class ColourSpace : uint8_t { kYuv, kRgb };

struct FormatInfo {
  acldvppPixelFormat format;
  const char* name;
  Layout layout;
  ColourSpace space;
  uint32_t sub_x = 1, sub_y = 1;  // chroma subsampling (semi-planar and packed 4:2:2)
  bool v_first = false;           // semi-planar: V before U in the chroma plane
  uint32_t bytes_per_pixel = 1;   // of the first (or only) plane's row
  // Packed: byte offset of channel 0, 1, 2 (Y,U,V or R,G,B) and alpha (-1: none) in a pixel.
  // Packed 4:2:2: offsets of Y0, U, Y1, V in the 4-byte pair.
  int offset[4] = {0, 1, 2, -1};
};

// The format's description, or nullopt for a format aclsim's image engines do not handle.
std::optional<FormatInfo> FindFormat(acldvppPixelFormat format);

// "PIXEL_FORMAT_YUV_SEMIPLANAR_420 (1)" for messages; also for unknown values.
const char* FormatName(acldvppPixelFormat format);

// Bytes of a picture of this format with these strides (the documented "内存大小" formula).
uint64_t PictureBytes(const FormatInfo& info, uint32_t width_stride, uint32_t height_stride);

constexpr uint32_t AlignUp(uint32_t value, uint32_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

}  // namespace aclsim::dvpp
