#include "io_types.h"

#include <vector>

#include "common/error.h"
#include "common/text.h"

namespace aclsim::atc {
namespace {

sim::DType ParseType(const std::string& text) {
  if (text == "FP32") return sim::DType::kFloat32;
  if (text == "FP16") return sim::DType::kFloat16;
  if (text == "UINT8") return sim::DType::kUInt8;
  Fail(ACL_ERROR_INVALID_PARAM, "--output_type: \"{}\" is not FP32, FP16 or UINT8", text);
}

// A new tensor like `t` but of `dtype`, not a constant; returns its index.
int32_t AddTensorLike(model::ModelGraph& graph, const model::GraphTensor& t, sim::DType dtype, const std::string& name) {
  model::GraphTensor copy = t;
  copy.name = name;
  copy.dtype = dtype;
  copy.weight.reset();
  graph.tensors.push_back(copy);
  return static_cast<int32_t>(graph.tensors.size() - 1);
}

// Makes model output `k` a Cast of what it was to `dtype`; the output keeps its name.
void CastOutput(model::ModelGraph& graph, size_t k, sim::DType dtype) {
  const int32_t before = graph.outputs[k];
  if (graph.tensors[before].dtype == dtype) return;
  const std::string name = graph.tensors[before].name;
  graph.tensors[before].name = name + "/before_output_type";
  const int32_t after = AddTensorLike(graph, graph.tensors[before], dtype, name);
  graph.nodes.push_back(model::GraphNode{name + "/output_type", "Cast", {before}, {after}, {{"dst_type", dtype}}});
  graph.outputs[k] = after;
}

}  // namespace

void SetFp16Inputs(model::ModelGraph& graph, const std::string& names) {
  for (const std::string& name : SplitFields(names, ';')) {
    if (name.empty()) continue;
    size_t k = 0;
    while (k < graph.inputs.size() && graph.tensors[graph.inputs[k]].name != name) ++k;
    if (k == graph.inputs.size()) Fail(ACL_ERROR_INVALID_PARAM, "--input_fp16_nodes: the model has no input \"{}\"", name);
    const int32_t original = graph.inputs[k];
    if (graph.tensors[original].dtype != sim::DType::kFloat32) {
      Fail(ACL_ERROR_INVALID_PARAM, "--input_fp16_nodes: input \"{}\" is {}, not float32", name,
           sim::Name(graph.tensors[original].dtype));
    }
    // The new float16 input takes the name; the graph reads its float32 Cast where it read the input.
    graph.tensors[original].name = name + "/from_fp16";
    const int32_t half = AddTensorLike(graph, graph.tensors[original], sim::DType::kFloat16, name);
    graph.nodes.insert(graph.nodes.begin(), model::GraphNode{name + "/input_fp16", "Cast", {half}, {original},
                                                             {{"dst_type", sim::DType::kFloat32}}});
    graph.inputs[k] = half;
  }
}

void SetOutputTypes(model::ModelGraph& graph, const std::string& spec) {
  if (spec.find(':') == std::string::npos) {
    const sim::DType dtype = ParseType(spec);
    for (size_t k = 0; k < graph.outputs.size(); ++k) {
      if (sim::IsFloating(graph.tensors[graph.outputs[k]].dtype)) CastOutput(graph, k, dtype);
    }
    return;
  }
  for (const std::string& entry : SplitFields(spec, ';')) {
    if (entry.empty()) continue;
    const std::vector<std::string> parts = SplitFields(entry, ':');
    if (parts.size() != 3) Fail(ACL_ERROR_INVALID_PARAM, "--output_type: \"{}\" is not node:index:TYPE", entry);
    const sim::DType dtype = ParseType(parts[2]);
    if (parts[1].find_first_not_of("0123456789") != std::string::npos) {
      Fail(ACL_ERROR_INVALID_PARAM, "--output_type: \"{}\": the output index \"{}\" is not a number", entry, parts[1]);
    }
    const size_t index = static_cast<size_t>(std::stoul(parts[1]));
    int32_t tensor = -1;
    for (const auto& node : graph.nodes) {
      if (node.name == parts[0] && index < node.outputs.size()) tensor = node.outputs[index];
    }
    // The output may be that tensor, or the precision pass's Cast of it at the graph's end.
    for (const auto& node : graph.nodes) {
      if (tensor >= 0 && node.type == "Cast" && node.inputs == std::vector<int32_t>{tensor}) {
        for (int32_t out : graph.outputs) {
          if (out == node.outputs[0]) tensor = out;
        }
      }
    }
    size_t k = 0;
    while (k < graph.outputs.size() && graph.outputs[k] != tensor) ++k;
    if (tensor < 0 || k == graph.outputs.size()) {
      Fail(ACL_ERROR_INVALID_PARAM, "--output_type: \"{}\" names no output of the model (node {}, output {})", entry,
           parts[0], parts[1]);
    }
    CastOutput(graph, k, dtype);
  }
}

}  // namespace aclsim::atc
