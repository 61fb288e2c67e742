#include "sim/dtype.h"

namespace aclsim::sim {

size_t SizeOf(DType type) {
  return DispatchAll(type, [](auto v) { return sizeof(v); });
}

const char* Name(DType type) {
  switch (type) {
    case DType::kFloat32: return "float32";
    case DType::kFloat16: return "float16";
    case DType::kBFloat16: return "bfloat16";
    case DType::kFloat64: return "float64";
    case DType::kInt8: return "int8";
    case DType::kUInt8: return "uint8";
    case DType::kInt16: return "int16";
    case DType::kUInt16: return "uint16";
    case DType::kInt32: return "int32";
    case DType::kUInt32: return "uint32";
    case DType::kInt64: return "int64";
    case DType::kUInt64: return "uint64";
    case DType::kBool: return "bool";
    case DType::kUndefined: return "undefined";
  }
  return "unknown";
}

bool IsKnown(int32_t value) {
  switch (static_cast<DType>(value)) {
    case DType::kFloat32: case DType::kFloat16: case DType::kBFloat16: case DType::kFloat64:
    case DType::kInt8: case DType::kUInt8: case DType::kInt16: case DType::kUInt16:
    case DType::kInt32: case DType::kUInt32: case DType::kInt64: case DType::kUInt64: case DType::kBool:
      return true;
    case DType::kUndefined:
      return false;
  }
  return false;
}

bool IsFloating(DType type) {
  return type == DType::kFloat32 || type == DType::kFloat16 || type == DType::kBFloat16 || type == DType::kFloat64;
}

bool IsInteger(DType type) { return !IsFloating(type) && type != DType::kBool; }

}  // namespace aclsim::sim
