// One ONNX node as the converters see it: its inputs as tensors of the graph under
// construction, its output names, typed attribute readers with ONNX's defaults, and errors that
// name the node (name and index), its op type and the attribute at fault.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <onnx/onnx_pb.h>

#include "common/error.h"
#include "graph_builder.h"

namespace aclsim::onnx_import {

class OnnxNode {
 public:
  OnnxNode(const onnx::NodeProto& proto, int index, int64_t opset, const GraphBuilder& builder);

  const std::string& op() const { return proto_.op_type(); }
  const std::string& name() const { return proto_.name(); }
  int64_t opset() const { return opset_; }
  // "node 3 \"conv1\" (Conv)"
  std::string Describe() const;

  // Inputs: `HasInput` is false for an index past the end or an input named "".
  int InputCount() const { return proto_.input_size(); }
  bool HasInput(int i) const { return i < proto_.input_size() && !proto_.input(i).empty(); }
  int32_t Input(int i) const;          // required: error when left out
  int32_t OptionalInput(int i) const;  // -1 when left out
  // A required input's integers, which must be a constant (shapes, axes, pads, ...).
  std::vector<int64_t> ConstInts(int i, const char* what) const;
  std::optional<std::vector<int64_t>> OptionalConstInts(int i, const char* what) const;
  // A constant scalar input as a double.
  double ConstScalar(int i, const char* what) const;

  int OutputCount() const { return proto_.output_size(); }
  // The name of output i ("" when the node leaves it out or has fewer outputs).
  std::string Output(int i) const { return i < proto_.output_size() ? proto_.output(i) : std::string(); }
  bool WantsOutput(int i) const { return i < proto_.output_size() && !proto_.output(i).empty(); }

  bool Has(const std::string& attr) const { return Find(attr) != nullptr; }
  int64_t Int(const std::string& attr, int64_t fallback) const;
  int64_t Int(const std::string& attr) const;
  float Float(const std::string& attr, float fallback) const;
  std::string String(const std::string& attr, const std::string& fallback) const;
  std::vector<int64_t> Ints(const std::string& attr, const std::vector<int64_t>& fallback) const;
  std::optional<std::vector<int64_t>> OptionalInts(const std::string& attr) const;
  std::vector<float> Floats(const std::string& attr, const std::vector<float>& fallback) const;
  const onnx::TensorProto* Tensor(const std::string& attr) const;
  const onnx::AttributeProto* Find(const std::string& attr) const;
  const onnx::NodeProto& proto() const { return proto_; }

  // Errors naming the node: an unsupported feature, an attribute value, a bad input.
  template <typename... Args>
  [[noreturn]] void Fail(fmt::format_string<Args...> format, Args&&... args) const {
    throw Error(ACL_ERROR_FEATURE_UNSUPPORTED, Describe() + ": " + fmt::format(format, std::forward<Args>(args)...));
  }
  template <typename... Args>
  [[noreturn]] void FailAttr(const std::string& attr, fmt::format_string<Args...> format, Args&&... args) const {
    throw Error(ACL_ERROR_OP_ATTR_NOT_MATCH,
                Describe() + ": attribute \"" + attr + "\": " + fmt::format(format, std::forward<Args>(args)...));
  }

 private:
  const onnx::AttributeProto& Require(const std::string& attr, onnx::AttributeProto::AttributeType type) const;

  const onnx::NodeProto& proto_;
  int index_;
  int64_t opset_;
  const GraphBuilder& builder_;
};

// Axis `axis` of a tensor of `rank` dims made non-negative; FailAttr unless in [-rank, rank).
int64_t NormalizeAxis(const OnnxNode& node, const std::string& attr, int64_t axis, int64_t rank);

}  // namespace aclsim::onnx_import
