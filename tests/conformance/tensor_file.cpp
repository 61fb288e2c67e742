#include "tensor_file.h"

#include <onnx/onnx_pb.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace conformance {

namespace {

using TP = onnx::TensorProto;

// Appends `count` values of a repeated field, each narrowed to Out (the element's storage type).
template <typename Out, typename Field>
void AppendNarrowed(const Field& field, std::vector<uint8_t>& bytes) {
  const size_t old_size = bytes.size();
  bytes.resize(old_size + static_cast<size_t>(field.size()) * sizeof(Out));
  uint8_t* out = bytes.data() + old_size;
  for (const auto value : field) {
    const Out narrowed = static_cast<Out>(value);
    std::memcpy(out, &narrowed, sizeof(Out));
    out += sizeof(Out);
  }
}

// The typed field holding a tensor of this type, as bytes, or throws when the type has none.
std::vector<uint8_t> TypedFieldBytes(const TP& proto) {
  std::vector<uint8_t> bytes;
  switch (proto.data_type()) {
    case TP::FLOAT:
    case TP::COMPLEX64:  // real and imaginary parts interleaved in float_data
      AppendNarrowed<float>(proto.float_data(), bytes);
      break;
    case TP::DOUBLE:
    case TP::COMPLEX128:
      AppendNarrowed<double>(proto.double_data(), bytes);
      break;
    case TP::INT32:
      AppendNarrowed<int32_t>(proto.int32_data(), bytes);
      break;
    case TP::INT16:
      AppendNarrowed<int16_t>(proto.int32_data(), bytes);
      break;
    case TP::INT8:
      AppendNarrowed<int8_t>(proto.int32_data(), bytes);
      break;
    case TP::UINT16:
    case TP::FLOAT16:   // the 16-bit pattern is stored in int32_data
    case TP::BFLOAT16:
      AppendNarrowed<uint16_t>(proto.int32_data(), bytes);
      break;
    case TP::UINT8:
      AppendNarrowed<uint8_t>(proto.int32_data(), bytes);
      break;
    case TP::BOOL:
      for (const int32_t value : proto.int32_data()) bytes.push_back(value != 0 ? 1 : 0);
      break;
    case TP::INT64:
      AppendNarrowed<int64_t>(proto.int64_data(), bytes);
      break;
    case TP::UINT32:
      AppendNarrowed<uint32_t>(proto.uint64_data(), bytes);
      break;
    case TP::UINT64:
      AppendNarrowed<uint64_t>(proto.uint64_data(), bytes);
      break;
    default:
      throw std::runtime_error("tensor of type " + OnnxTypeName(proto.data_type()) + " has no byte layout");
  }
  return bytes;
}

}  // namespace

size_t ElementSize(int32_t onnx_type) {
  switch (onnx_type) {
    case TP::BOOL:
    case TP::INT8:
    case TP::UINT8:
      return 1;
    case TP::INT16:
    case TP::UINT16:
    case TP::FLOAT16:
    case TP::BFLOAT16:
      return 2;
    case TP::FLOAT:
    case TP::INT32:
    case TP::UINT32:
      return 4;
    case TP::DOUBLE:
    case TP::INT64:
    case TP::UINT64:
    case TP::COMPLEX64:
      return 8;
    case TP::COMPLEX128:
      return 16;
    default:
      return 0;
  }
}

aclDataType OnnxToAclType(int32_t onnx_type) {
  switch (onnx_type) {
    case TP::FLOAT: return ACL_FLOAT;
    case TP::FLOAT16: return ACL_FLOAT16;
    case TP::BFLOAT16: return ACL_BF16;
    case TP::DOUBLE: return ACL_DOUBLE;
    case TP::INT8: return ACL_INT8;
    case TP::INT16: return ACL_INT16;
    case TP::INT32: return ACL_INT32;
    case TP::INT64: return ACL_INT64;
    case TP::UINT8: return ACL_UINT8;
    case TP::UINT16: return ACL_UINT16;
    case TP::UINT32: return ACL_UINT32;
    case TP::UINT64: return ACL_UINT64;
    case TP::BOOL: return ACL_BOOL;
    case TP::STRING: return ACL_STRING;
    case TP::COMPLEX64: return ACL_COMPLEX64;
    case TP::COMPLEX128: return ACL_COMPLEX128;
    default: return ACL_DT_UNDEFINED;
  }
}

std::string OnnxTypeName(int32_t onnx_type) {
  switch (onnx_type) {
    case TP::FLOAT: return "float";
    case TP::FLOAT16: return "float16";
    case TP::BFLOAT16: return "bfloat16";
    case TP::DOUBLE: return "double";
    case TP::INT8: return "int8";
    case TP::INT16: return "int16";
    case TP::INT32: return "int32";
    case TP::INT64: return "int64";
    case TP::UINT8: return "uint8";
    case TP::UINT16: return "uint16";
    case TP::UINT32: return "uint32";
    case TP::UINT64: return "uint64";
    case TP::BOOL: return "bool";
    case TP::STRING: return "string";
    case TP::COMPLEX64: return "complex64";
    case TP::COMPLEX128: return "complex128";
    case TP::UNDEFINED: return "undefined";
    default: return "type " + std::to_string(onnx_type);
  }
}

int64_t ElementCount(const std::vector<int64_t>& dims) {
  int64_t count = 1;
  for (const int64_t dim : dims) count *= dim;
  return count;
}

HostTensor FromProto(const TP& proto) {
  HostTensor tensor;
  tensor.onnx_type = proto.data_type();
  tensor.dims.assign(proto.dims().begin(), proto.dims().end());
  for (const int64_t dim : tensor.dims) {
    if (dim < 0) throw std::runtime_error("tensor has a negative dimension");
  }
  const size_t element_size = ElementSize(tensor.onnx_type);
  if (element_size == 0) {
    throw std::runtime_error(OnnxTypeName(tensor.onnx_type) + " tensor has no byte layout");
  }
  if (proto.data_location() == TP::EXTERNAL) throw std::runtime_error("tensor data is stored externally");
  const size_t expected = static_cast<size_t>(ElementCount(tensor.dims)) * element_size;
  if (proto.has_raw_data()) {
    const std::string& raw = proto.raw_data();
    tensor.bytes.assign(raw.begin(), raw.end());  // little-endian, as the host
    if (tensor.onnx_type == TP::BOOL) {
      for (uint8_t& b : tensor.bytes) b = b != 0 ? 1 : 0;
    }
  } else {
    tensor.bytes = TypedFieldBytes(proto);
  }
  if (tensor.bytes.size() != expected) {
    std::ostringstream message;
    message << OnnxTypeName(tensor.onnx_type) << " tensor holds " << tensor.bytes.size() << " bytes of data, its dims "
            << "need " << expected;
    throw std::runtime_error(message.str());
  }
  return tensor;
}

HostTensor ReadTensorFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  TP proto;
  if (!proto.ParseFromIstream(&in)) throw std::runtime_error(path + " is not a serialized onnx.TensorProto");
  return FromProto(proto);
}

}  // namespace conformance
