// The one in-between form every image operation goes through: three full-resolution 8-bit
// planes (Y,U,V or R,G,B) plus alpha. Reading a format into it (pixel_io.h), converting colour
// space (colour.h), resizing (resize.h) and writing it out are separate small pieces, so every
// pair of formats works without a function per pair.
#pragma once

#include <cstdint>
#include <vector>

#include "dvpp/pixel_format.h"

namespace aclsim::dvpp {

struct Planes {
  uint32_t width = 0, height = 0;
  ColourSpace space = ColourSpace::kYuv;
  std::vector<uint8_t> c[4];  // channels 0..2, then alpha (255 when the source has none)

  Planes() = default;
  Planes(uint32_t w, uint32_t h, ColourSpace s) : width(w), height(h), space(s) {
    for (auto& plane : c) plane.assign(size_t{w} * h, 0);
    c[3].assign(size_t{w} * h, 255);
  }
  uint8_t& at(int channel, uint32_t x, uint32_t y) { return c[channel][size_t{y} * width + x]; }
  uint8_t at(int channel, uint32_t x, uint32_t y) const { return c[channel][size_t{y} * width + x]; }
};

// A picture in memory: a format, its size and strides, and its bytes.
struct Picture {
  uint8_t* data = nullptr;
  FormatInfo info;
  uint32_t width = 0, height = 0, width_stride = 0, height_stride = 0;
};

// A rectangle inside a picture (inclusive right/bottom as acldvppRoiConfig has them).
struct Rect {
  uint32_t left = 0, top = 0, width = 0, height = 0;
};

}  // namespace aclsim::dvpp
