// The graph under construction: a tensor table (model inputs, constants, node outputs), kernel-
// library nodes whose output specs come from the operators' shape functions, and constant
// folding (a node whose inputs are all constants is computed now and becomes a constant).
// Finish() prunes what no output needs and lays the constants out in the weights section.
#pragma once

#include <cstdint>
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/graph.h"
#include "sim/attr.h"
#include "sim/tensor.h"

namespace aclsim::onnx_import {

class GraphBuilder {
 public:
  // Messages and generated tensor names of what follows refer to this node ("node 3 \"conv1\"
  // (Conv)"); `prefix` starts generated tensor names.
  void BeginNode(std::string context, std::string prefix);
  const std::string& context() const { return context_; }

  int32_t AddInput(const std::string& name, sim::TensorSpec spec);
  // A constant (spec.value set). An empty name gets a generated one.
  int32_t AddConstant(const std::string& name, sim::TensorSpec spec);
  int32_t Int64s(const std::vector<int64_t>& values);        // 1-D int64
  int32_t Int64Scalar(int64_t value);                         // 0-D int64
  int32_t Scalar(double value, sim::DType dtype);             // 0-D of dtype
  int32_t Int32s(const std::vector<int64_t>& values);         // 1-D int32

  int32_t Find(const std::string& name) const;  // -1 when no tensor has the name
  const sim::TensorSpec& Spec(int32_t tensor) const { return tensors_.at(static_cast<size_t>(tensor)).spec; }
  // A copy: references into the table would dangle when later tensors are added.
  sim::Shape Dims(int32_t tensor) const { return Spec(tensor).shape; }
  sim::DType Type(int32_t tensor) const { return Spec(tensor).dtype; }
  int64_t Rank(int32_t tensor) const { return static_cast<int64_t>(Dims(tensor).size()); }
  bool IsConstant(int32_t tensor) const { return Spec(tensor).value != nullptr; }
  const std::string& Name(int32_t tensor) const { return tensors_.at(static_cast<size_t>(tensor)).name; }
  // The integers of a constant of integer type; nullopt for a computed tensor.
  std::optional<std::vector<int64_t>> KnownInts(int32_t tensor) const;
  // The elements of a constant of any numeric type as doubles; nullopt for a computed tensor.
  std::optional<std::vector<double>> KnownDoubles(int32_t tensor) const;

  // Adds kernel-library operator `type` on `inputs` (-1: an optional input left out), runs its
  // shape function and returns its outputs. Output i is named `names[i]` when given and not
  // empty. With `fold` (the default) and every input a constant, the operator runs now and its
  // outputs are constants. Throws an Error naming the current node when the shape function fails.
  std::vector<int32_t> Emit(const std::string& type, const std::vector<int32_t>& inputs, sim::Attrs attrs = {},
                            const std::vector<std::string>& names = {}, bool fold = true);
  int32_t Emit1(const std::string& type, const std::vector<int32_t>& inputs, sim::Attrs attrs = {},
                const std::string& name = "") {
    return Emit(type, inputs, std::move(attrs), {name})[0];
  }

  // Common single-node helpers (each skipped when it would change nothing).
  int32_t Cast(int32_t tensor, sim::DType dtype, const std::string& name = "");
  int32_t Reshape(int32_t tensor, const sim::Shape& shape, const std::string& name = "");

  // Names of the model's outputs: a fusion must not make them disappear.
  void MarkOutputName(const std::string& name) { output_names_.push_back(name); }
  bool IsOutputName(const std::string& name) const;

  // How many ONNX nodes read each tensor name (set once before conversion, for fusions).
  void SetOnnxConsumers(std::map<std::string, int> consumers) { onnx_consumers_ = std::move(consumers); }
  int OnnxConsumers(const std::string& name) const;

  // How many nodes consume the tensor so far.
  int Uses(int32_t tensor) const;
  // The index of the node producing `tensor`, or -1.
  int32_t Producer(int32_t tensor) const;
  model::GraphNode& Node(int32_t index) { return nodes_.at(static_cast<size_t>(index)); }
  // Replaces the constant's value (same dtype; the shape may change).
  void SetConstant(int32_t tensor, sim::TensorSpec spec);
  // Gives a tensor another name (a fused node's output takes the name of the node it absorbed).
  void RenameTensor(int32_t tensor, const std::string& name);
  // Replaces input `i` of node `node`.
  void SetNodeInput(int32_t node, size_t i, int32_t tensor);

  struct Result {
    model::ModelGraph graph;
    std::vector<uint8_t> weights;
  };
  // The graph with `outputs` as the model's outputs, only the nodes and tensors they need, and
  // every constant in the weights section at a 64-byte aligned offset.
  Result Finish(const std::vector<int32_t>& inputs, const std::vector<int32_t>& outputs) const;

  [[noreturn]] void FailNode(aclError code, const std::string& message) const;

 private:
  struct Entry {
    std::string name;
    sim::TensorSpec spec;
  };
  int32_t AddTensor(const std::string& name, sim::TensorSpec spec);
  std::string FreshName(const std::string& hint);

  std::vector<Entry> tensors_;
  std::map<std::string, int32_t> by_name_;
  std::vector<model::GraphNode> nodes_;
  std::vector<int32_t> producer_;  // per tensor
  std::vector<int> uses_;          // per tensor
  std::vector<std::string> output_names_;
  std::map<std::string, int> onnx_consumers_;
  std::string context_;
  std::string prefix_;
  int64_t counter_ = 0;
};

}  // namespace aclsim::onnx_import
