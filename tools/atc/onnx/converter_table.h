// The explicit table of ONNX op converters: op type, the opset range each handles, the
// attributes it reads (any other attribute on a node is an error, never silently ignored), and
// the function that lowers the node into kernel-library operators.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph_builder.h"
#include "onnx_node.h"

namespace aclsim::onnx_import {

using ConvertFn = void (*)(const OnnxNode& node, GraphBuilder& b);

struct Converter {
  const char* op;
  int since;  // the lowest model opset handled
  int until;  // the highest
  std::vector<std::string> attrs;
  ConvertFn fn;
};

// The converter of `op` for a model of `opset`; nullptr when there is none. `known` says whether
// the op has converters for other opsets.
const Converter* FindConverter(const std::string& op, int64_t opset, bool* known);

// Every op type with a converter (for --help style listings and tests).
std::vector<std::string> ConvertibleOps();

}  // namespace aclsim::onnx_import
