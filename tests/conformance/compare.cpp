#include "compare.h"

#include <onnx/onnx_pb.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>

namespace conformance {

namespace {

using TP = onnx::TensorProto;

template <typename T>
T Load(const void* base, size_t index) {
  T value;
  std::memcpy(&value, static_cast<const uint8_t*>(base) + index * sizeof(T), sizeof(T));
  return value;
}

void Record(Comparison& c, size_t index, double actual, double expected, bool ok) {
  const double err = (std::isnan(actual) || std::isnan(expected)) ? (ok ? 0.0 : std::numeric_limits<double>::infinity())
                     : (std::isinf(actual) || std::isinf(expected))
                         ? (ok ? 0.0 : std::numeric_limits<double>::infinity())
                         : std::fabs(actual - expected);
  if (err > c.max_abs_err) c.max_abs_err = err;
  if (ok) return;
  if (c.mismatches == 0) {
    c.first_mismatch = index;
    c.first_actual = actual;
    c.first_expected = expected;
  }
  ++c.mismatches;
}

template <typename T, typename ToDouble>
Comparison CompareFloating(const void* actual, const void* expected, size_t count, Tolerance tol, ToDouble to_double) {
  Comparison c;
  for (size_t i = 0; i < count; ++i) {
    const double a = to_double(Load<T>(actual, i));
    const double e = to_double(Load<T>(expected, i));
    Record(c, i, a, e, Close(a, e, tol));
  }
  return c;
}

template <typename T>
Comparison CompareExact(const void* actual, const void* expected, size_t count) {
  Comparison c;
  for (size_t i = 0; i < count; ++i) {
    const T a = Load<T>(actual, i);
    const T e = Load<T>(expected, i);
    Record(c, i, static_cast<double>(a), static_cast<double>(e), a == e);
  }
  return c;
}

}  // namespace

Tolerance ToleranceFor(int32_t onnx_type) {
  switch (onnx_type) {
    case TP::FLOAT:
    case TP::DOUBLE:
    case TP::COMPLEX64:
    case TP::COMPLEX128:
      return {1e-3, 1e-7};
    case TP::FLOAT16:
    case TP::BFLOAT16:
      return {1e-3, 1e-3};
    default:
      return {0, 0};
  }
}

bool Close(double actual, double expected, Tolerance tol) {
  if (std::isnan(actual) || std::isnan(expected)) return std::isnan(actual) && std::isnan(expected);
  if (std::isinf(actual) || std::isinf(expected)) return actual == expected;
  return std::fabs(actual - expected) <= tol.atol + tol.rtol * std::fabs(expected);
}

float HalfToFloat(uint16_t bits) {
  const uint32_t sign = (bits >> 15) & 1u;
  const uint32_t exponent = (bits >> 10) & 0x1fu;
  const uint32_t mantissa = bits & 0x3ffu;
  float magnitude;
  if (exponent == 0) {
    magnitude = std::ldexp(static_cast<float>(mantissa), -24);  // subnormal (or zero)
  } else if (exponent == 31) {
    magnitude = mantissa == 0 ? std::numeric_limits<float>::infinity() : std::numeric_limits<float>::quiet_NaN();
  } else {
    magnitude = std::ldexp(static_cast<float>(mantissa | 0x400u), static_cast<int>(exponent) - 25);
  }
  return sign != 0 ? -magnitude : magnitude;
}

float Bfloat16ToFloat(uint16_t bits) {
  const uint32_t widened = static_cast<uint32_t>(bits) << 16;
  float value;
  std::memcpy(&value, &widened, sizeof(value));
  return value;
}

std::string Comparison::Describe(size_t count) const {
  std::ostringstream out;
  out.precision(6);
  out << "max abs err " << max_abs_err << ", " << mismatches << " of " << count << " values differ, first at "
      << first_mismatch << " (got " << first_actual << ", expected " << first_expected << ")";
  return out.str();
}

Comparison CompareValues(int32_t onnx_type, const void* actual, const void* expected, size_t count) {
  const Tolerance tol = ToleranceFor(onnx_type);
  const auto identity = [](auto v) { return static_cast<double>(v); };
  switch (onnx_type) {
    case TP::FLOAT: return CompareFloating<float>(actual, expected, count, tol, identity);
    case TP::DOUBLE: return CompareFloating<double>(actual, expected, count, tol, identity);
    case TP::COMPLEX64: return CompareFloating<float>(actual, expected, 2 * count, tol, identity);
    case TP::COMPLEX128: return CompareFloating<double>(actual, expected, 2 * count, tol, identity);
    case TP::FLOAT16:
      return CompareFloating<uint16_t>(actual, expected, count, tol, [](uint16_t b) { return double{HalfToFloat(b)}; });
    case TP::BFLOAT16:
      return CompareFloating<uint16_t>(actual, expected, count, tol,
                                       [](uint16_t b) { return double{Bfloat16ToFloat(b)}; });
    case TP::BOOL: {
      Comparison c;
      for (size_t i = 0; i < count; ++i) {
        const bool a = Load<uint8_t>(actual, i) != 0;
        const bool e = Load<uint8_t>(expected, i) != 0;
        Record(c, i, a, e, a == e);
      }
      return c;
    }
    case TP::INT8: return CompareExact<int8_t>(actual, expected, count);
    case TP::UINT8: return CompareExact<uint8_t>(actual, expected, count);
    case TP::INT16: return CompareExact<int16_t>(actual, expected, count);
    case TP::UINT16: return CompareExact<uint16_t>(actual, expected, count);
    case TP::INT32: return CompareExact<int32_t>(actual, expected, count);
    case TP::UINT32: return CompareExact<uint32_t>(actual, expected, count);
    case TP::INT64: return CompareExact<int64_t>(actual, expected, count);
    case TP::UINT64: return CompareExact<uint64_t>(actual, expected, count);
    default: {
      Comparison c;
      c.mismatches = count;
      c.max_abs_err = std::numeric_limits<double>::infinity();
      return c;
    }
  }
}

}  // namespace conformance
