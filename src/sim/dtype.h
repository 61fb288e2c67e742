// Element types of the simulated device. Values equal aclDataType's, so conversions at the API
// boundary are casts; the simulator itself never includes the C API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>

#include <Eigen/Core>

#include "common/error.h"

namespace aclsim::sim {

enum class DType : int32_t {
  // An optional input left out (ACL_DT_UNDEFINED): a TensorSpec of this type has no elements and
  // its view no data. Trailing optional inputs are simply not passed.
  kUndefined = -1,
  kFloat32 = 0,
  kFloat16 = 1,
  kInt8 = 2,
  kInt32 = 3,
  kUInt8 = 4,
  kInt16 = 6,
  kUInt16 = 7,
  kUInt32 = 8,
  kInt64 = 9,
  kUInt64 = 10,
  kFloat64 = 11,
  kBool = 12,
  kBFloat16 = 27,
};

using half = Eigen::half;
using bfloat16 = Eigen::bfloat16;

// Bytes per element; throws for a value that is not a DType the simulator computes with.
size_t SizeOf(DType type);
const char* Name(DType type);  // "float16", "int32", ...
bool IsKnown(int32_t value);
bool IsFloating(DType type);    // float16, bfloat16, float32, float64
bool IsInteger(DType type);     // signed and unsigned integers (not bool)

// The C++ type of each DType.
template <DType D> struct CppType;
template <> struct CppType<DType::kFloat32> { using type = float; };
template <> struct CppType<DType::kFloat16> { using type = half; };
template <> struct CppType<DType::kBFloat16> { using type = bfloat16; };
template <> struct CppType<DType::kFloat64> { using type = double; };
template <> struct CppType<DType::kInt8> { using type = int8_t; };
template <> struct CppType<DType::kUInt8> { using type = uint8_t; };
template <> struct CppType<DType::kInt16> { using type = int16_t; };
template <> struct CppType<DType::kUInt16> { using type = uint16_t; };
template <> struct CppType<DType::kInt32> { using type = int32_t; };
template <> struct CppType<DType::kUInt32> { using type = uint32_t; };
template <> struct CppType<DType::kInt64> { using type = int64_t; };
template <> struct CppType<DType::kUInt64> { using type = uint64_t; };
template <> struct CppType<DType::kBool> { using type = bool; };

// The type arithmetic on T is carried out in: float for the 16-bit floats (computed in float32
// and rounded once when stored, as the device's vector unit does), T itself otherwise.
template <typename T> struct ComputeType { using type = T; };
template <> struct ComputeType<half> { using type = float; };
template <> struct ComputeType<bfloat16> { using type = float; };

// Calls fn(T{}) with the C++ type of `type`, for every DType. Use the narrower ones below where
// an operator supports fewer types; they throw ACL_ERROR_UNSUPPORTED_DATA_TYPE for the rest.
template <typename Fn>
decltype(auto) DispatchAll(DType type, Fn&& fn) {
  switch (type) {
    case DType::kFloat32: return fn(float{});
    case DType::kFloat16: return fn(half{});
    case DType::kBFloat16: return fn(bfloat16{});
    case DType::kFloat64: return fn(double{});
    case DType::kInt8: return fn(int8_t{});
    case DType::kUInt8: return fn(uint8_t{});
    case DType::kInt16: return fn(int16_t{});
    case DType::kUInt16: return fn(uint16_t{});
    case DType::kInt32: return fn(int32_t{});
    case DType::kUInt32: return fn(uint32_t{});
    case DType::kInt64: return fn(int64_t{});
    case DType::kUInt64: return fn(uint64_t{});
    case DType::kBool: return fn(bool{});
    case DType::kUndefined: Fail(ACL_ERROR_UNSUPPORTED_DATA_TYPE, "an optional input that is left out has no elements");
  }
  Fail(ACL_ERROR_UNSUPPORTED_DATA_TYPE, "data type {} is not supported by the simulator", static_cast<int>(type));
}

template <typename Fn>
decltype(auto) DispatchFloating(DType type, Fn&& fn) {
  switch (type) {
    case DType::kFloat32: return fn(float{});
    case DType::kFloat16: return fn(half{});
    case DType::kBFloat16: return fn(bfloat16{});
    case DType::kFloat64: return fn(double{});
    default: break;
  }
  Fail(ACL_ERROR_UNSUPPORTED_DATA_TYPE, "data type {} is not a floating-point type", Name(type));
}

// Floating types and the signed/unsigned integers (everything but bool).
template <typename Fn>
decltype(auto) DispatchNumeric(DType type, Fn&& fn) {
  if (type == DType::kBool) Fail(ACL_ERROR_UNSUPPORTED_DATA_TYPE, "bool is not a numeric type here");
  return DispatchAll(type, std::forward<Fn>(fn));
}

// The DType of a C++ type.
template <typename T> constexpr DType DTypeOf();
template <> constexpr DType DTypeOf<float>() { return DType::kFloat32; }
template <> constexpr DType DTypeOf<half>() { return DType::kFloat16; }
template <> constexpr DType DTypeOf<bfloat16>() { return DType::kBFloat16; }
template <> constexpr DType DTypeOf<double>() { return DType::kFloat64; }
template <> constexpr DType DTypeOf<int8_t>() { return DType::kInt8; }
template <> constexpr DType DTypeOf<uint8_t>() { return DType::kUInt8; }
template <> constexpr DType DTypeOf<int16_t>() { return DType::kInt16; }
template <> constexpr DType DTypeOf<uint16_t>() { return DType::kUInt16; }
template <> constexpr DType DTypeOf<int32_t>() { return DType::kInt32; }
template <> constexpr DType DTypeOf<uint32_t>() { return DType::kUInt32; }
template <> constexpr DType DTypeOf<int64_t>() { return DType::kInt64; }
template <> constexpr DType DTypeOf<uint64_t>() { return DType::kUInt64; }
template <> constexpr DType DTypeOf<bool>() { return DType::kBool; }

}  // namespace aclsim::sim
