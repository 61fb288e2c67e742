// aclFloatToFloat16 / aclFloat16ToFloat: binary16 with round-to-nearest-even and subnormals, but
// CANN's behaviour at the top of the range: overflow, ±Inf and NaN saturate to ±65504, and the
// all-ones exponent reads back as an ordinary finite exponent.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "acl/acl.h"

namespace {

uint32_t BitsOf(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  return bits;
}

// Compares floats by bit pattern, so -0.0f differs from 0.0f and the exact value is checked.
#define EXPECT_FLOAT_BITS_EQ(actual, expected) EXPECT_EQ(BitsOf(actual), BitsOf(expected))

TEST(FloatToFloat16, OneIs0x3C00) { EXPECT_EQ(aclFloatToFloat16(1.0f), 0x3C00); }

TEST(FloatToFloat16, MinusTwoIs0xC000) { EXPECT_EQ(aclFloatToFloat16(-2.0f), 0xC000); }

TEST(FloatToFloat16, ZeroIs0x0000) { EXPECT_EQ(aclFloatToFloat16(0.0f), 0x0000); }

TEST(FloatToFloat16, NegativeZeroIs0x8000) { EXPECT_EQ(aclFloatToFloat16(-0.0f), 0x8000); }

TEST(FloatToFloat16, LargestFiniteHalfIs0x7BFF) { EXPECT_EQ(aclFloatToFloat16(65504.0f), 0x7BFF); }

TEST(FloatToFloat16, JustBelowTheRoundingBoundaryRoundsDownTo0x7BFF) {
  EXPECT_EQ(aclFloatToFloat16(65519.0f), 0x7BFF);
}

TEST(FloatToFloat16, OverflowSaturatesTo0x7BFFNotInf) { EXPECT_EQ(aclFloatToFloat16(65520.0f), 0x7BFF); }

TEST(FloatToFloat16, NegativeOverflowSaturatesTo0xFBFF) { EXPECT_EQ(aclFloatToFloat16(-1.0e6f), 0xFBFF); }

TEST(FloatToFloat16, PositiveInfinitySaturatesTo0x7BFF) {
  EXPECT_EQ(aclFloatToFloat16(std::numeric_limits<float>::infinity()), 0x7BFF);
}

TEST(FloatToFloat16, NegativeInfinitySaturatesTo0xFBFF) {
  EXPECT_EQ(aclFloatToFloat16(-std::numeric_limits<float>::infinity()), 0xFBFF);
}

TEST(FloatToFloat16, PositiveNanBecomes0x7BFF) {
  EXPECT_EQ(aclFloatToFloat16(std::numeric_limits<float>::quiet_NaN()), 0x7BFF);
}

TEST(FloatToFloat16, SmallestSubnormalIs0x0001) { EXPECT_EQ(aclFloatToFloat16(std::ldexp(1.0f, -24)), 0x0001); }

TEST(FloatToFloat16, HalfTheSmallestSubnormalTiesToEvenZero) {
  EXPECT_EQ(aclFloatToFloat16(std::ldexp(1.0f, -25)), 0x0000);
}

TEST(FloatToFloat16, OneAndAHalfSmallestSubnormalsTiesToEvenTwo) {
  EXPECT_EQ(aclFloatToFloat16(std::ldexp(3.0f, -25)), 0x0002);
}

TEST(FloatToFloat16, SmallestNormalIs0x0400) { EXPECT_EQ(aclFloatToFloat16(std::ldexp(1.0f, -14)), 0x0400); }

TEST(FloatToFloat16, NormalTieRoundsDownToEvenMantissa) {
  // 1 + 2^-11 lies halfway between 0x3C00 (even) and 0x3C01.
  EXPECT_EQ(aclFloatToFloat16(1.0f + std::ldexp(1.0f, -11)), 0x3C00);
}

TEST(FloatToFloat16, NormalTieRoundsUpToEvenMantissa) {
  // 1 + 3 * 2^-11 lies halfway between 0x3C01 and 0x3C02 (even).
  EXPECT_EQ(aclFloatToFloat16(1.0f + 3.0f * std::ldexp(1.0f, -11)), 0x3C02);
}

TEST(FloatToFloat16, AboveATieRoundsUp) {
  EXPECT_EQ(aclFloatToFloat16(1.0f + std::ldexp(1.0f, -11) + std::ldexp(1.0f, -20)), 0x3C01);
}

TEST(FloatToFloat16, MantissaCarryIntoTheExponent) {
  // 2 - 2^-12 is above the last half below 2 (2 - 2^-10) by more than half an ulp.
  EXPECT_EQ(aclFloatToFloat16(2.0f - std::ldexp(1.0f, -12)), 0x4000);
}

TEST(Float16ToFloat, OneIs1) { EXPECT_FLOAT_BITS_EQ(aclFloat16ToFloat(0x3C00), 1.0f); }

TEST(Float16ToFloat, LargestFiniteHalfIs65504) { EXPECT_FLOAT_BITS_EQ(aclFloat16ToFloat(0x7BFF), 65504.0f); }

TEST(Float16ToFloat, InfinityPatternReadsAs65536) { EXPECT_FLOAT_BITS_EQ(aclFloat16ToFloat(0x7C00), 65536.0f); }

TEST(Float16ToFloat, AllOnesPatternReadsAs131008) { EXPECT_FLOAT_BITS_EQ(aclFloat16ToFloat(0x7FFF), 131008.0f); }

TEST(Float16ToFloat, NegativeInfinityPatternReadsAsMinus65536) {
  EXPECT_FLOAT_BITS_EQ(aclFloat16ToFloat(0xFC00), -65536.0f);
}

TEST(Float16ToFloat, SmallestSubnormalIsTwoToTheMinus24) {
  EXPECT_FLOAT_BITS_EQ(aclFloat16ToFloat(0x0001), std::ldexp(1.0f, -24));
}

TEST(Float16ToFloat, LargestSubnormal) {
  EXPECT_FLOAT_BITS_EQ(aclFloat16ToFloat(0x03FF), std::ldexp(1023.0f, -24));
}

TEST(Float16ToFloat, NegativeZeroKeepsItsSign) {
  const float value = aclFloat16ToFloat(0x8000);
  EXPECT_EQ(value, 0.0f);
  EXPECT_TRUE(std::signbit(value));
}

TEST(Float16ToFloat, PositiveZeroHasNoSign) {
  const float value = aclFloat16ToFloat(0x0000);
  EXPECT_EQ(value, 0.0f);
  EXPECT_FALSE(std::signbit(value));
}

TEST(Float16RoundTrip, EveryHalfWithExponentBelow31SurvivesHalfToFloatToHalf) {
  int mismatches = 0;
  for (uint32_t bits = 0; bits <= 0xFFFF; ++bits) {
    if (((bits >> 10) & 0x1F) == 0x1F) continue;  // read as finite, but beyond the saturation point
    const auto half = static_cast<aclFloat16>(bits);
    const aclFloat16 back = aclFloatToFloat16(aclFloat16ToFloat(half));
    if (back != half && ++mismatches <= 10) {
      ADD_FAILURE() << std::hex << "0x" << bits << " came back as 0x" << back;
    }
  }
  EXPECT_EQ(mismatches, 0);
}

}  // namespace
