#include "precision.h"

#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "common/error.h"
#include "model/om_format.h"
#include "sim/registry.h"

namespace aclsim::onnx_import {
namespace {

bool ToHalf(const std::string& mode) {
  return mode == "force_fp16" || mode == "allow_fp32_to_fp16" || mode == "allow_mix_precision";
}

// Inputs and outputs that kernels keep in float32 whatever x's type (BatchNorm's statistics).
bool KeepsFloat32(const model::GraphNode& node, size_t input) { return node.type == "BatchNorm" && input >= 1; }
bool OutputsFloat32(const model::GraphNode& node, size_t output) { return node.type == "BatchNorm" && output >= 1; }

sim::TensorSpec SpecOf(const model::GraphTensor& t, const std::vector<uint8_t>& weights) {
  sim::TensorSpec spec(t.dtype, t.dims, t.format);
  if (t.weight) {
    spec.value = std::make_shared<std::vector<unsigned char>>(weights.begin() + static_cast<long>(t.weight->offset),
                                                              weights.begin() + static_cast<long>(t.weight->offset + t.weight->size));
  }
  return spec;
}

}  // namespace

void CheckPrecisionMode(const std::string& mode) {
  if (mode == "force_fp32" || mode == "must_keep_origin_dtype" || ToHalf(mode)) return;
  Fail(ACL_ERROR_INVALID_PARAM, "--precision_mode={} is not one of force_fp32, force_fp16, allow_fp32_to_fp16, "
       "must_keep_origin_dtype, allow_mix_precision", mode);
}

void ApplyPrecisionMode(model::ModelGraph& graph, std::vector<uint8_t>& weights) {
  CheckPrecisionMode(graph.precision_mode);
  if (!ToHalf(graph.precision_mode)) return;
  const size_t original = graph.tensors.size();
  std::vector<bool> boundary(original, false), pinned(original, false);
  for (int32_t t : graph.inputs) boundary[static_cast<size_t>(t)] = true;
  for (int32_t t : graph.outputs) boundary[static_cast<size_t>(t)] = true;
  for (const auto& node : graph.nodes) {
    for (size_t i = 0; i < node.inputs.size(); ++i) {
      if (node.inputs[i] >= 0 && KeepsFloat32(node, i)) pinned[static_cast<size_t>(node.inputs[i])] = true;
    }
    for (size_t i = 0; i < node.outputs.size(); ++i) {
      if (OutputsFloat32(node, i)) pinned[static_cast<size_t>(node.outputs[i])] = true;
    }
  }
  // Constants: rewritten into a new weights section with float16 copies.
  std::vector<uint8_t> rewritten;
  for (size_t t = 0; t < original; ++t) {
    model::GraphTensor& tensor = graph.tensors[t];
    const bool halve = tensor.dtype == sim::DType::kFloat32 && !boundary[t] && !pinned[t];
    if (halve) tensor.dtype = sim::DType::kFloat16;
    if (!tensor.weight) continue;
    std::vector<uint8_t> bytes(weights.begin() + static_cast<long>(tensor.weight->offset),
                               weights.begin() + static_cast<long>(tensor.weight->offset + tensor.weight->size));
    if (halve) {
      std::vector<uint8_t> half(bytes.size() / 2);
      for (size_t i = 0; i < bytes.size() / 4; ++i) {
        float f;
        std::memcpy(&f, bytes.data() + 4 * i, 4);
        const sim::half h(f);
        std::memcpy(half.data() + 2 * i, &h, 2);
      }
      bytes.swap(half);
    }
    const uint64_t offset = (rewritten.size() + model::kOmAlignment - 1) / model::kOmAlignment * model::kOmAlignment;
    rewritten.resize(offset);
    rewritten.insert(rewritten.end(), bytes.begin(), bytes.end());
    tensor.weight = model::WeightRef{offset, bytes.size()};
  }
  weights.swap(rewritten);
  for (auto& node : graph.nodes) {  // casts to float32 inside the graph now produce float16
    for (auto& [name, value] : node.attrs) {
      if (auto* d = std::get_if<sim::DType>(&value); d && *d == sim::DType::kFloat32) {
        *d = sim::DType::kFloat16;
      }
    }
  }
  // Float32 model inputs are cast to a float16 copy that the nodes read; float32 outputs are
  // written in float16 and cast back.
  std::vector<model::GraphNode> head, tail;
  auto add_tensor = [&](const model::GraphTensor& like, sim::DType dtype, const std::string& suffix) {
    model::GraphTensor t = like;
    t.name += suffix;
    t.dtype = dtype;
    t.weight.reset();
    graph.tensors.push_back(t);
    return static_cast<int32_t>(graph.tensors.size() - 1);
  };
  for (int32_t in : graph.inputs) {
    if (graph.tensors[static_cast<size_t>(in)].dtype != sim::DType::kFloat32) continue;
    const int32_t half = add_tensor(graph.tensors[static_cast<size_t>(in)], sim::DType::kFloat16, "/fp16");
    for (auto& node : graph.nodes) {
      for (size_t i = 0; i < node.inputs.size(); ++i) {
        if (node.inputs[i] == in && !KeepsFloat32(node, i)) node.inputs[i] = half;
      }
    }
    head.push_back({graph.tensors[static_cast<size_t>(in)].name + "/cast_fp16", "Cast", {in}, {half},
                    {{"dst_type", sim::DType::kFloat16}}});
  }
  for (int32_t& out : graph.outputs) {
    model::GraphTensor& tensor = graph.tensors[static_cast<size_t>(out)];
    if (tensor.dtype != sim::DType::kFloat32 || tensor.weight) continue;
    bool produced = false;
    for (const auto& node : graph.nodes) {
      for (int32_t o : node.outputs) produced = produced || o == out;
    }
    bool is_input = false;
    for (int32_t in : graph.inputs) is_input = is_input || in == out;
    if (!produced || is_input) continue;
    const int32_t half = add_tensor(tensor, sim::DType::kFloat16, "/fp16");
    for (auto& node : graph.nodes) {
      for (int32_t& o : node.outputs) {
        if (o == out) o = half;
      }
      for (int32_t& i : node.inputs) {
        if (i == out) i = half;
      }
    }
    tail.push_back({graph.tensors[static_cast<size_t>(out)].name + "/cast_fp32", "Cast", {half}, {out},
                    {{"dst_type", sim::DType::kFloat32}}});
  }
  graph.nodes.insert(graph.nodes.begin(), head.begin(), head.end());
  graph.nodes.insert(graph.nodes.end(), tail.begin(), tail.end());
  // Every node again through its shape function: the rewritten types must be ones it accepts.
  for (const auto& node : graph.nodes) {
    std::vector<sim::TensorSpec> specs;
    for (int32_t t : node.inputs) specs.push_back(SpecOf(graph.tensors[static_cast<size_t>(t)], weights));
    std::vector<sim::TensorSpec> out;
    try {
      out = sim::Kernels().Infer(node.type, specs, node.attrs);
    } catch (const Error& e) {
      Fail(e.code(), "--precision_mode={}: {} node \"{}\" does not accept float16: {}", graph.precision_mode, node.type,
           node.name, e.what());
    }
    for (size_t i = 0; i < out.size() && i < node.outputs.size(); ++i) {
      const model::GraphTensor& t = graph.tensors[static_cast<size_t>(node.outputs[i])];
      if (out[i].dtype != t.dtype) {
        Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "--precision_mode={}: {} node \"{}\" output {} would be {}, not {}; use "
             "--precision_mode=force_fp32", graph.precision_mode, node.type, node.name, i, sim::Name(out[i].dtype),
             sim::Name(t.dtype));
      }
    }
  }
}

}  // namespace aclsim::onnx_import
