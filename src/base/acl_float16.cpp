#include "base/acl_float16.h"

#include <cmath>
#include <cstring>

namespace aclsim {
namespace {

uint32_t BitsOf(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  return bits;
}

float FloatOf(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

constexpr uint16_t kMaxFiniteHalf = 0x7BFF;           // 65504
constexpr uint32_t kFirstOverflowingFloat = 0x477FF000;  // 65520: rounds past 65504
constexpr uint32_t kSmallestNormalHalfAsFloat = 0x38800000;  // 2^-14

}  // namespace

uint16_t AclFloatToHalf(float value) {
  const uint32_t bits = BitsOf(value);
  const uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000u);
  const uint32_t magnitude = bits & 0x7FFFFFFFu;

  if (magnitude >= kFirstOverflowingFloat) return sign | kMaxFiniteHalf;  // also Inf and NaN
  if (magnitude < kSmallestNormalHalfAsFloat) {
    // Subnormal half: count units of 2^-24. nearbyint rounds half to even, and a result of
    // 1024 is exactly the encoding of the smallest normal half.
    const float units = std::nearbyint(FloatOf(magnitude) * 16777216.0f);
    return sign | static_cast<uint16_t>(units);
  }
  const uint32_t exponent = (magnitude >> 23) - 127 + 15;  // 1..30 here
  const uint32_t mantissa = magnitude & 0x7FFFFFu;
  uint32_t half = (exponent << 10) | (mantissa >> 13);
  const uint32_t dropped = mantissa & 0x1FFFu;
  if (dropped > 0x1000u || (dropped == 0x1000u && (half & 1u))) ++half;  // a carry is correct
  return sign | static_cast<uint16_t>(half);
}

float AclHalfToFloat(uint16_t half) {
  const uint32_t sign = static_cast<uint32_t>(half & 0x8000u) << 16;
  const uint32_t exponent = (half >> 10) & 0x1Fu;
  const uint32_t mantissa = half & 0x3FFu;
  if (exponent == 0) {
    const float magnitude = static_cast<float>(mantissa) * (1.0f / 16777216.0f);
    return FloatOf(BitsOf(magnitude) | sign);
  }
  // Exponent 31 is not Inf/NaN here: it maps to 2^16 like any other exponent.
  return FloatOf(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
}

}  // namespace aclsim
