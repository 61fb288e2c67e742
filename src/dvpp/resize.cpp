#include "dvpp/resize.h"

#include <algorithm>
#include <cmath>

namespace aclsim::dvpp {
namespace {

// For each output coordinate: the two source indices and the weight of the second.
struct Tap {
  uint32_t i0, i1;
  float w1;
};

std::vector<Tap> Taps(uint32_t in, uint32_t out, Interpolation mode) {
  std::vector<Tap> taps(out);
  const double scale = static_cast<double>(in) / out;
  const bool half_pixel = mode == Interpolation::kBilinear || mode == Interpolation::kNearest;
  const bool nearest = mode == Interpolation::kNearest || mode == Interpolation::kNearestTf;
  for (uint32_t o = 0; o < out; ++o) {
    if (nearest) {
      const auto i = std::min<uint32_t>(static_cast<uint32_t>(std::floor(o * scale)), in - 1);
      taps[o] = Tap{i, i, 0.f};
      continue;
    }
    double s = half_pixel ? (o + 0.5) * scale - 0.5 : o * scale;
    s = std::clamp(s, 0.0, static_cast<double>(in - 1));
    const auto i0 = static_cast<uint32_t>(s);
    taps[o] = Tap{i0, std::min(i0 + 1, in - 1), static_cast<float>(s - i0)};
  }
  return taps;
}

}  // namespace

Planes Resize(const Planes& in, uint32_t width, uint32_t height, Interpolation mode) {
  if (in.width == width && in.height == height) return in;
  Planes out(width, height, in.space);
  const std::vector<Tap> xs = Taps(in.width, width, mode), ys = Taps(in.height, height, mode);
  for (int c = 0; c < 4; ++c) {
    const uint8_t* src = in.c[c].data();
    uint8_t* dst = out.c[c].data();
    for (uint32_t y = 0; y < height; ++y) {
      const Tap& ty = ys[y];
      const uint8_t* r0 = src + size_t{ty.i0} * in.width;
      const uint8_t* r1 = src + size_t{ty.i1} * in.width;
      for (uint32_t x = 0; x < width; ++x) {
        const Tap& tx = xs[x];
        const float top = r0[tx.i0] + (r0[tx.i1] - r0[tx.i0]) * tx.w1;
        const float bottom = r1[tx.i0] + (r1[tx.i1] - r1[tx.i0]) * tx.w1;
        const float v = top + (bottom - top) * ty.w1;
        dst[size_t{y} * width + x] = static_cast<uint8_t>(std::clamp(v + 0.5f, 0.f, 255.f));
      }
    }
  }
  return out;
}

}  // namespace aclsim::dvpp
