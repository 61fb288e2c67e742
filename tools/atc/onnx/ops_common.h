// Helpers the op converters share: one-node lowerings and the constants they need.
#pragma once

#include <string>
#include <vector>

#include "graph_builder.h"
#include "onnx_model.h"
#include "onnx_node.h"
#include "sim/registry.h"

namespace aclsim::onnx_import {

// Output 0 of the ONNX node is the kernel-library op `type` on the node's inputs.
inline void Direct(const OnnxNode& node, GraphBuilder& b, const std::string& type, sim::Attrs attrs = {}) {
  std::vector<int32_t> inputs;
  for (int i = 0; i < node.InputCount(); ++i) inputs.push_back(node.OptionalInput(i));
  b.Emit1(type, inputs, std::move(attrs), node.Output(0));
}

inline bool HasKernel(const std::string& type) { return sim::Kernels().Find(type) != nullptr; }

// A scalar constant of x's type.
inline int32_t ScalarLike(GraphBuilder& b, int32_t x, double value) { return b.Scalar(value, b.Type(x)); }

// Axes in [0, rank) from ONNX axes (negative counting from the end).
inline std::vector<int64_t> NormalizeAxes(const OnnxNode& node, const std::string& what,
                                          const std::vector<int64_t>& axes, int64_t rank) {
  std::vector<int64_t> out;
  for (int64_t a : axes) out.push_back(NormalizeAxis(node, what, a, rank));
  return out;
}

inline int64_t Product(const sim::Shape& dims, size_t begin, size_t end) {
  int64_t p = 1;
  for (size_t i = begin; i < end && i < dims.size(); ++i) p *= dims[i];
  return p;
}


// The simulator type of a TensorProto.DataType attribute (Cast's "to", ...).
inline sim::DType DTypeFromOnnxAttr(const OnnxNode& node, const std::string& attr) {
  return DTypeFromOnnx(static_cast<int32_t>(node.Int(attr)), node.Describe() + ": attribute \"" + attr + "\"");
}

}  // namespace aclsim::onnx_import
