// The ONNX backend suites' rules for "the output is right": floating-point values within
// |actual - expected| <= atol + rtol * |expected| (numpy's allclose), NaN equal to NaN, infinities
// equal only to themselves; integers and bools exactly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace conformance {

struct Tolerance {
  double rtol = 0;
  double atol = 0;
};

// float32/float64/complex: the backend suites' rtol 1e-3, atol 1e-7. float16 and bfloat16 carry
// 11 and 8 significant bits, so atol is relaxed to 1e-3 for them (rtol stays 1e-3).
// Integer and bool types: exact (0, 0).
Tolerance ToleranceFor(int32_t onnx_type);

// Whether one floating-point value matches its expected value under `tol`.
bool Close(double actual, double expected, Tolerance tol);

// IEEE half and bfloat16 bit patterns to float.
float HalfToFloat(uint16_t bits);
float Bfloat16ToFloat(uint16_t bits);

struct Comparison {
  size_t mismatches = 0;
  size_t first_mismatch = 0;     // element index (for complex: index of the real/imaginary part)
  double max_abs_err = 0;        // over all compared values; infinity when a NaN or infinity differs
  double first_actual = 0;
  double first_expected = 0;
  bool equal() const { return mismatches == 0; }
  // "max abs err 0.5, 2 of 10 values differ, first at 3 (got 1.5, expected 1)".
  std::string Describe(size_t count) const;
};

// Compares `count` elements of ONNX element type `onnx_type` laid out as tensor_file.h lays
// them out. Types without a numeric layout (string) count every element as a mismatch.
Comparison CompareValues(int32_t onnx_type, const void* actual, const void* expected, size_t count);

}  // namespace conformance
