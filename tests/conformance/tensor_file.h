// Test tensors of the ONNX backend suites (serialized onnx::TensorProto) as the bytes a program
// copies into device memory: the element layout AscendCL uses for the matching aclDataType
// (float16/bfloat16 as 16-bit patterns, bool as one byte, complex as interleaved pairs).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "acl/acl_base.h"

namespace onnx {
class TensorProto;
}

namespace conformance {

// One tensor of a test data set.
struct HostTensor {
  int32_t onnx_type = 0;           // onnx::TensorProto::DataType
  std::vector<int64_t> dims;       // empty for a scalar
  std::vector<uint8_t> bytes;      // element count * ElementSize(onnx_type)
};

// Bytes per element of an ONNX tensor element type; 0 for types with no fixed-size layout
// (STRING, UNDEFINED, types this driver does not know).
size_t ElementSize(int32_t onnx_type);

// The aclDataType an ONNX element type arrives as; ACL_DT_UNDEFINED when there is none.
aclDataType OnnxToAclType(int32_t onnx_type);

// The ONNX spelling of an element type ("float", "float16", "int64", ...).
std::string OnnxTypeName(int32_t onnx_type);

// Product of the dims (1 for a scalar).
int64_t ElementCount(const std::vector<int64_t>& dims);

// Converts a parsed TensorProto, whose data is in raw_data or in the typed field its type uses.
// Throws std::runtime_error naming what is wrong (unsupported type, external data, a data size
// that disagrees with the dims).
HostTensor FromProto(const onnx::TensorProto& proto);

// Reads and converts a serialized TensorProto file (input_K.pb / output_K.pb).
HostTensor ReadTensorFile(const std::string& path);

}  // namespace conformance
