// aclFloatToFloat16 / aclFloat16ToFloat as CANN's library computes them. Binary16 with
// round-to-nearest-even and subnormals, but not IEEE at the top of the range: float-to-half
// saturates overflow, ±Inf and NaN to ±65504, and half-to-float reads the all-ones exponent as
// an ordinary finite exponent (0x7C00 -> 65536.0f). The simulator's kernels use IEEE halves.
#pragma once

#include <cstdint>

namespace aclsim {

uint16_t AclFloatToHalf(float value);
float AclHalfToFloat(uint16_t half);

}  // namespace aclsim
