#include "dvpp/colour.h"

#include <algorithm>
#include <cmath>

namespace aclsim::dvpp {
namespace {

struct Matrix {
  double kr, kb;
  bool narrow;
};

Matrix MatrixOf(uint32_t csc) {
  static const double kKr[3] = {0.299, 0.2126, 0.2627};
  static const double kKb[3] = {0.114, 0.0722, 0.0593};
  const uint32_t standard = std::min<uint32_t>(csc / 2, 2);
  return Matrix{kKr[standard], kKb[standard], csc % 2 == 1};
}

uint8_t Clamp(double v) { return static_cast<uint8_t>(std::clamp(std::lround(v), 0L, 255L)); }

}  // namespace

void ConvertColour(Planes& p, ColourSpace target, uint32_t csc) {
  if (p.space == target) return;
  const Matrix m = MatrixOf(csc);
  const double kg = 1.0 - m.kr - m.kb;
  // Narrow range: Y in [16, 235], chroma in [16, 240].
  const double y_scale = m.narrow ? 219.0 / 255.0 : 1.0, c_scale = m.narrow ? 224.0 / 255.0 : 1.0;
  const double y_offset = m.narrow ? 16.0 : 0.0;
  const size_t n = size_t{p.width} * p.height;
  for (size_t i = 0; i < n; ++i) {
    const double a = p.c[0][i], b = p.c[1][i], c = p.c[2][i];
    if (target == ColourSpace::kYuv) {  // a, b, c = R, G, B
      const double y = m.kr * a + kg * b + m.kb * c;
      p.c[0][i] = Clamp(y * y_scale + y_offset);
      p.c[1][i] = Clamp((c - y) / (2 * (1 - m.kb)) * c_scale + 128);
      p.c[2][i] = Clamp((a - y) / (2 * (1 - m.kr)) * c_scale + 128);
    } else {  // a, b, c = Y, U, V
      const double y = (a - y_offset) / y_scale, u = (b - 128) / c_scale, v = (c - 128) / c_scale;
      const double r = y + 2 * (1 - m.kr) * v;
      const double bl = y + 2 * (1 - m.kb) * u;
      const double g = (y - m.kr * r - m.kb * bl) / kg;
      p.c[0][i] = Clamp(r);
      p.c[1][i] = Clamp(g);
      p.c[2][i] = Clamp(bl);
    }
  }
  p.space = target;
}

}  // namespace aclsim::dvpp
