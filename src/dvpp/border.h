// Borders around Planes with acldvppBorderType's rules (constant, replicate, reflect, reflect
// without repeating the edge), and the index rule the pyramid filter also uses at the edges.
#pragma once

#include <cstdint>
#include <string>

#include "dvpp/descriptors.h"
#include "dvpp/planes.h"

namespace aclsim::dvpp {

struct Border {
  acldvppBorderType type = BORDER_CONSTANT;
  uint32_t top = 0, bottom = 0, left = 0, right = 0;
  uint8_t value[3] = {0, 0, 0};  // BORDER_CONSTANT: channels 0..2 (Y,U,V or R,G,B)
};

// A copy of `config` checked for use: a known type (only CONSTANT and REPLICATE when
// `constant_or_replicate`), constant values in [0, 255]. Throws naming `what`.
Border CheckBorder(const acldvppBorderConfig& config, const std::string& what, bool constant_or_replicate);

// The index in [0, n) whose pixel position `p` (possibly outside [0, n)) shows under `type`
// (not BORDER_CONSTANT).
int64_t BorderSource(int64_t p, int64_t n, acldvppBorderType type);

// `in` surrounded by `border`: (width + left + right) x (height + top + bottom), same space.
Planes AddBorder(const Planes& in, const Border& border);

}  // namespace aclsim::dvpp
