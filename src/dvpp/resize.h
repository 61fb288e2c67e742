// Resizing Planes with the interpolations of acldvppSetResizeConfigInterpolation: OpenCV-style
// bilinear and nearest (pixel centres at +0.5) and TensorFlow-style (no half-pixel offset).
#pragma once

#include <cstdint>

#include "dvpp/planes.h"

namespace aclsim::dvpp {

enum class Interpolation : uint8_t { kBilinear, kNearest, kBilinearTf, kNearestTf };

Planes Resize(const Planes& in, uint32_t width, uint32_t height, Interpolation mode);

}  // namespace aclsim::dvpp
