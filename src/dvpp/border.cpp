#include "dvpp/border.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "common/error.h"

namespace aclsim::dvpp {

Border CheckBorder(const acldvppBorderConfig& config, const std::string& what, bool constant_or_replicate) {
  Border border;
  border.type = config.type;
  const bool known = config.type == BORDER_CONSTANT || config.type == BORDER_REPLICATE ||
                     (!constant_or_replicate && (config.type == BORDER_REFLECT || config.type == BORDER_REFLECT_101));
  if (!known) {
    Fail(ACL_ERROR_INVALID_PARAM, "{}.borderType {} is not supported here ({})", what, static_cast<int>(config.type),
         constant_or_replicate ? "BORDER_CONSTANT or BORDER_REPLICATE"
                               : "BORDER_CONSTANT, BORDER_REPLICATE, BORDER_REFLECT or BORDER_REFLECT_101");
  }
  border.top = config.top;
  border.bottom = config.bottom;
  border.left = config.left;
  border.right = config.right;
  if (config.type == BORDER_CONSTANT) {
    for (int c = 0; c < 3; ++c) {
      const double v = config.value[c];
      if (!(v >= 0 && v <= 255)) Fail(ACL_ERROR_INVALID_PARAM, "{}.value[{}] {} is outside [0, 255]", what, c, v);
      border.value[c] = static_cast<uint8_t>(std::lround(v));
    }
  }
  return border;
}

int64_t BorderSource(int64_t p, int64_t n, acldvppBorderType type) {
  if (p >= 0 && p < n) return p;
  if (type == BORDER_REPLICATE || n == 1) return std::clamp<int64_t>(p, 0, n - 1);
  // Mirror at the edge until inside (a border wider than the picture reflects again).
  const int64_t skip_edge = type == BORDER_REFLECT_101 ? 1 : 0;
  while (p < 0 || p >= n) p = p < 0 ? -p - 1 + skip_edge : 2 * n - 1 - p - skip_edge;
  return p;
}

Planes AddBorder(const Planes& in, const Border& b) {
  Planes out(in.width + b.left + b.right, in.height + b.top + b.bottom, in.space);
  const int64_t w = in.width, h = in.height;
  // The source column of each output column (unused for a constant border's sides).
  const acldvppBorderType column_rule = b.type == BORDER_CONSTANT ? BORDER_REPLICATE : b.type;
  std::vector<uint32_t> column(out.width);
  for (uint32_t x = 0; x < out.width; ++x) {
    column[x] = static_cast<uint32_t>(BorderSource(int64_t{x} - b.left, w, column_rule));
  }
  for (int c = 0; c < 4; ++c) {
    const uint8_t constant = c < 3 ? b.value[c] : 255;
    for (uint32_t y = 0; y < out.height; ++y) {
      uint8_t* dst = &out.c[c][size_t{y} * out.width];
      const int64_t sy = int64_t{y} - b.top;
      const bool row_inside = sy >= 0 && sy < h;
      if (b.type == BORDER_CONSTANT && !row_inside) {
        std::fill(dst, dst + out.width, constant);
        continue;
      }
      const uint8_t* src = &in.c[c][size_t(row_inside ? sy : BorderSource(sy, h, b.type)) * in.width];
      for (uint32_t x = 0; x < b.left; ++x) dst[x] = b.type == BORDER_CONSTANT ? constant : src[column[x]];
      std::copy(src, src + in.width, dst + b.left);
      for (uint32_t x = b.left + in.width; x < out.width; ++x) {
        dst[x] = b.type == BORDER_CONSTANT ? constant : src[column[x]];
      }
    }
  }
  return out;
}

}  // namespace aclsim::dvpp
