// Resizing with the interpolations of acldvppSetResizeConfigInterpolation: OpenCV-style bilinear
// and nearest (pixel centres at +0.5) and TensorFlow-style (no half-pixel offset). Bilinear is
// fixed-point (11-bit weights) and separable, and both entry points share that arithmetic, so
// the semi-planar path writes exactly the bytes the general Planes path would.
#pragma once

#include <cstdint>
#include <functional>

#include "dvpp/planes.h"

namespace aclsim::dvpp {

enum class Interpolation : uint8_t { kBilinear, kNearest, kBilinearTf, kNearestTf };

Planes Resize(const Planes& in, uint32_t width, uint32_t height, Interpolation mode);

// Runs fn(begin, end) over pieces of [0, n) rows, possibly at the same time (the device's
// worker team); a plain call fn(0, n) is a valid runner.
using RowRunner = std::function<void(int64_t n, const std::function<void(int64_t, int64_t)>& fn)>;

// Resizes `crop` of a semi-planar (or YUV400) picture into `paste` of another of the same kind,
// luma and interleaved chroma planes directly, without full-resolution Planes. The bytes written
// are those of ReadPicture + Resize + WritePicture: each output chroma sample is the resized
// replicated chroma at its block's top-left pixel.
void ResizeSemiPlanar(const Picture& in, const Rect& crop, const Picture& out, const Rect& paste,
                      Interpolation mode, const RowRunner& run_rows);

}  // namespace aclsim::dvpp
