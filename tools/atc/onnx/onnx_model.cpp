#include "onnx_model.h"

#include <cstring>
#include <fstream>
#include <memory>
#include <vector>

#include "common/error.h"

namespace aclsim::onnx_import {

onnx::ModelProto LoadModel(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Fail(ACL_ERROR_READ_MODEL_FAILURE, "cannot open the model file \"{}\"", path);
  onnx::ModelProto model;
  if (!model.ParseFromIstream(&in)) {
    Fail(ACL_ERROR_PARSE_MODEL, "\"{}\" is not an ONNX model (the ModelProto does not parse)", path);
  }
  if (!model.has_graph()) Fail(ACL_ERROR_PARSE_MODEL, "\"{}\" has no graph", path);
  return model;
}

int64_t DefaultOpset(const onnx::ModelProto& model) {
  for (const auto& opset : model.opset_import()) {
    if (opset.domain().empty() || opset.domain() == "ai.onnx") return opset.version();
  }
  return 1;  // the ONNX spec: no ai.onnx import means opset 1
}

sim::DType DTypeFromOnnx(int32_t elem_type, const std::string& what) {
  using T = onnx::TensorProto;
  switch (elem_type) {
    case T::FLOAT: return sim::DType::kFloat32;
    case T::UINT8: return sim::DType::kUInt8;
    case T::INT8: return sim::DType::kInt8;
    case T::UINT16: return sim::DType::kUInt16;
    case T::INT16: return sim::DType::kInt16;
    case T::INT32: return sim::DType::kInt32;
    case T::INT64: return sim::DType::kInt64;
    case T::BOOL: return sim::DType::kBool;
    case T::FLOAT16: return sim::DType::kFloat16;
    case T::DOUBLE: return sim::DType::kFloat64;
    case T::UINT32: return sim::DType::kUInt32;
    case T::UINT64: return sim::DType::kUInt64;
    case T::BFLOAT16: return sim::DType::kBFloat16;
    default: break;
  }
  const std::string name = T::DataType_IsValid(elem_type) ? T::DataType_Name(static_cast<T::DataType>(elem_type))
                                                          : std::to_string(elem_type);
  Fail(ACL_ERROR_UNSUPPORTED_DATA_TYPE, "{}: ONNX data type {} is not supported by the simulator", what, name);
}

int32_t OnnxFromDType(sim::DType dtype) {
  using T = onnx::TensorProto;
  switch (dtype) {
    case sim::DType::kFloat32: return T::FLOAT;
    case sim::DType::kUInt8: return T::UINT8;
    case sim::DType::kInt8: return T::INT8;
    case sim::DType::kUInt16: return T::UINT16;
    case sim::DType::kInt16: return T::INT16;
    case sim::DType::kInt32: return T::INT32;
    case sim::DType::kInt64: return T::INT64;
    case sim::DType::kBool: return T::BOOL;
    case sim::DType::kFloat16: return T::FLOAT16;
    case sim::DType::kFloat64: return T::DOUBLE;
    case sim::DType::kUInt32: return T::UINT32;
    case sim::DType::kUInt64: return T::UINT64;
    case sim::DType::kBFloat16: return T::BFLOAT16;
    default: return T::UNDEFINED;
  }
}

namespace {

// Elements of a typed repeated field converted to the tensor's C++ type.
template <typename Field>
std::vector<unsigned char> FromField(sim::DType dtype, const Field& field, int64_t count, const std::string& what) {
  if (static_cast<int64_t>(field.size()) != count) {
    Fail(ACL_ERROR_PARSE_MODEL, "{}: holds {} values for {} elements", what, field.size(), count);
  }
  std::vector<unsigned char> bytes(static_cast<size_t>(count) * sim::SizeOf(dtype));
  if (dtype == sim::DType::kFloat16 || dtype == sim::DType::kBFloat16) {
    // 16-bit floats are stored as their bit patterns in int32_data.
    for (int64_t i = 0; i < count; ++i) {
      const auto bits = static_cast<uint16_t>(field.Get(static_cast<int>(i)));
      std::memcpy(bytes.data() + i * 2, &bits, 2);
    }
    return bytes;
  }
  sim::DispatchAll(dtype, [&](auto tag) {
    using T = decltype(tag);
    auto* out = reinterpret_cast<T*>(bytes.data());
    for (int64_t i = 0; i < count; ++i) out[i] = static_cast<T>(field.Get(static_cast<int>(i)));
  });
  return bytes;
}

}  // namespace

sim::TensorSpec ConstantFromProto(const onnx::TensorProto& tensor, const std::string& what) {
  using T = onnx::TensorProto;
  if (tensor.data_location() == T::EXTERNAL) {
    Fail(ACL_ERROR_PARSE_MODEL, "{}: external tensor data is not supported; save the model with its data inline",
         what);
  }
  sim::TensorSpec spec(DTypeFromOnnx(tensor.data_type(), what), sim::Shape(tensor.dims().begin(), tensor.dims().end()));
  for (int64_t d : spec.shape) {
    if (d < 0) Fail(ACL_ERROR_PARSE_MODEL, "{}: negative dim in {}", what, sim::ToString(spec.shape));
  }
  const int64_t count = sim::NumElements(spec.shape);
  const size_t size = static_cast<size_t>(count) * sim::SizeOf(spec.dtype);
  std::vector<unsigned char> bytes;
  if (tensor.has_raw_data()) {
    if (tensor.raw_data().size() != size) {
      Fail(ACL_ERROR_PARSE_MODEL, "{}: raw_data has {} bytes, a {} tensor needs {}", what, tensor.raw_data().size(),
           sim::ToString(spec), size);
    }
    bytes.assign(tensor.raw_data().begin(), tensor.raw_data().end());
  } else {
    switch (tensor.data_type()) {
      case T::FLOAT: bytes = FromField(spec.dtype, tensor.float_data(), count, what); break;
      case T::DOUBLE: bytes = FromField(spec.dtype, tensor.double_data(), count, what); break;
      case T::INT64: bytes = FromField(spec.dtype, tensor.int64_data(), count, what); break;
      case T::UINT32:
      case T::UINT64: bytes = FromField(spec.dtype, tensor.uint64_data(), count, what); break;
      default: bytes = FromField(spec.dtype, tensor.int32_data(), count, what); break;
    }
  }
  spec.value = std::make_shared<const std::vector<unsigned char>>(std::move(bytes));
  return spec;
}

}  // namespace aclsim::onnx_import
