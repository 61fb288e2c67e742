// Reading an ONNX model file: the ModelProto, the opset of the default domain, and tensors
// (initializers, Constant values) turned into kernel-library specs with their bytes.
#pragma once

#include <cstdint>
#include <string>

#include <onnx/onnx_pb.h>

#include "sim/tensor.h"

namespace aclsim::onnx_import {

// Parses `path`; throws Error(ACL_ERROR_READ_MODEL_FAILURE / ACL_ERROR_PARSE_MODEL) naming it.
onnx::ModelProto LoadModel(const std::string& path);

// The opset version of the ai.onnx domain the model imports.
int64_t DefaultOpset(const onnx::ModelProto& model);

// The simulator's type of an ONNX TensorProto.DataType; throws ACL_ERROR_UNSUPPORTED_DATA_TYPE
// naming `what` for string, complex and other types the simulator has no counterpart for.
sim::DType DTypeFromOnnx(int32_t elem_type, const std::string& what);
int32_t OnnxFromDType(sim::DType dtype);

// A TensorProto as a spec carrying its value (raw_data or the typed fields, little-endian).
sim::TensorSpec ConstantFromProto(const onnx::TensorProto& tensor, const std::string& what);

}  // namespace aclsim::onnx_import
