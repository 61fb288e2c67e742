#include "graph_builder.h"

#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "common/error.h"
#include "model/om_format.h"
#include "sim/kernels/input_values.h"
#include "sim/parallel.h"
#include "sim/registry.h"

namespace aclsim::onnx_import {

void GraphBuilder::BeginNode(std::string context, std::string prefix) {
  context_ = std::move(context);
  prefix_ = std::move(prefix);
}

void GraphBuilder::FailNode(aclError code, const std::string& message) const {
  throw Error(code, context_.empty() ? message : context_ + ": " + message);
}

std::string GraphBuilder::FreshName(const std::string& hint) {
  for (;;) {
    std::string name = fmt::format("{}/{}_{}", prefix_.empty() ? "aclsim" : prefix_, hint, counter_++);
    if (!by_name_.count(name)) return name;
  }
}

int32_t GraphBuilder::AddTensor(const std::string& name, sim::TensorSpec spec) {
  if (by_name_.count(name)) FailNode(ACL_ERROR_PARSE_MODEL, fmt::format("tensor \"{}\" is defined twice", name));
  const auto index = static_cast<int32_t>(tensors_.size());
  tensors_.push_back({name, std::move(spec)});
  producer_.push_back(-1);
  uses_.push_back(0);
  by_name_[name] = index;
  return index;
}

int32_t GraphBuilder::AddInput(const std::string& name, sim::TensorSpec spec) {
  spec.value = nullptr;
  return AddTensor(name, std::move(spec));
}

int32_t GraphBuilder::AddConstant(const std::string& name, sim::TensorSpec spec) {
  if (!spec.value) FailNode(ACL_ERROR_INTERNAL_ERROR, "a constant without a value");
  return AddTensor(name.empty() ? FreshName("const") : name, std::move(spec));
}

namespace {

template <typename T>
sim::TensorSpec ValuesSpec(sim::DType dtype, const std::vector<T>& values, sim::Shape shape) {
  auto bytes = std::make_shared<std::vector<unsigned char>>(values.size() * sizeof(T));
  if (!values.empty()) std::memcpy(bytes->data(), values.data(), bytes->size());
  sim::TensorSpec spec(dtype, std::move(shape));
  spec.value = std::move(bytes);
  return spec;
}

}  // namespace

int32_t GraphBuilder::Int64s(const std::vector<int64_t>& values) {
  return AddConstant("", ValuesSpec(sim::DType::kInt64, values, {static_cast<int64_t>(values.size())}));
}

int32_t GraphBuilder::Int32s(const std::vector<int64_t>& values) {
  const std::vector<int32_t> narrow(values.begin(), values.end());
  return AddConstant("", ValuesSpec(sim::DType::kInt32, narrow, {static_cast<int64_t>(values.size())}));
}

int32_t GraphBuilder::Int64Scalar(int64_t value) {
  return AddConstant("", ValuesSpec(sim::DType::kInt64, std::vector<int64_t>{value}, {}));
}

int32_t GraphBuilder::Scalar(double value, sim::DType dtype) {
  sim::TensorSpec spec(dtype, {});
  auto bytes = std::make_shared<std::vector<unsigned char>>(sim::SizeOf(dtype));
  sim::DispatchAll(dtype, [&](auto tag) {
    using T = decltype(tag);
    T v;
    if constexpr (std::is_same_v<T, bool>) {
      v = value != 0;
    } else if constexpr (std::is_integral_v<T>) {
      v = static_cast<T>(value);
    } else {
      v = static_cast<T>(static_cast<float>(value));
      if constexpr (std::is_same_v<T, double>) v = value;
    }
    std::memcpy(bytes->data(), &v, sizeof(T));
  });
  spec.value = std::move(bytes);
  return AddConstant("", std::move(spec));
}

int32_t GraphBuilder::Find(const std::string& name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? -1 : it->second;
}

std::optional<std::vector<int64_t>> GraphBuilder::KnownInts(int32_t tensor) const {
  return sim::KnownInts(Spec(tensor));
}

std::optional<std::vector<double>> GraphBuilder::KnownDoubles(int32_t tensor) const {
  if (!IsConstant(tensor)) return std::nullopt;
  return sim::ConstDoubles("atc", Name(tensor).c_str(), Spec(tensor));
}

std::vector<int32_t> GraphBuilder::Emit(const std::string& type, const std::vector<int32_t>& inputs, sim::Attrs attrs,
                                        const std::vector<std::string>& names, bool fold) {
  // Trailing optional inputs are simply not passed; one left out before a given one cannot be.
  std::vector<int32_t> used = inputs;
  while (!used.empty() && used.back() < 0) used.pop_back();
  std::vector<sim::TensorSpec> specs;
  bool all_constant = !used.empty();
  for (int32_t t : used) {
    if (t < 0) FailNode(ACL_ERROR_INTERNAL_ERROR, type + ": an optional input left out before a given one");
    specs.push_back(Spec(t));
    all_constant = all_constant && IsConstant(t);
  }
  std::vector<sim::TensorSpec> out;
  try {
    out = sim::Kernels().Infer(type, specs, attrs);
  } catch (const Error& e) {
    FailNode(e.code(), fmt::format("{} (the kernel library's {}) rejects it: {}", type, type, e.what()));
  }
  std::vector<int32_t> result;
  auto name_of = [&](size_t i) {
    return i < names.size() && !names[i].empty() ? names[i] : FreshName(type + (i ? std::to_string(i) : ""));
  };
  if (fold && all_constant) {
    std::vector<sim::TensorView> in_views, out_views;
    for (const auto& s : specs) in_views.push_back({s, const_cast<unsigned char*>(s.value->data())});
    std::vector<std::shared_ptr<std::vector<unsigned char>>> buffers;
    for (auto& s : out) {
      s.value = nullptr;
      buffers.push_back(std::make_shared<std::vector<unsigned char>>(static_cast<size_t>(sim::NumElements(s.shape)) *
                                                                      sim::SizeOf(s.dtype)));
      out_views.push_back({s, buffers.back()->data()});
    }
    try {
      sim::Kernels().Run(type, in_views, out_views, attrs, sim::Parallel::Inline());
    } catch (const Error& e) {
      FailNode(e.code(), fmt::format("folding the constant {} failed: {}", type, e.what()));
    }
    for (size_t i = 0; i < out.size(); ++i) {
      out[i].value = buffers[i];
      result.push_back(AddConstant(name_of(i), out[i]));
    }
    return result;
  }
  model::GraphNode node;
  node.name = FreshName(type);
  node.type = type;
  node.inputs = used;
  node.attrs = std::move(attrs);
  const auto index = static_cast<int32_t>(nodes_.size());
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].value = nullptr;
    const int32_t t = AddTensor(name_of(i), out[i]);
    producer_[static_cast<size_t>(t)] = index;
    node.outputs.push_back(t);
    result.push_back(t);
  }
  for (int32_t t : used) ++uses_[static_cast<size_t>(t)];
  nodes_.push_back(std::move(node));
  return result;
}

int32_t GraphBuilder::Cast(int32_t tensor, sim::DType dtype, const std::string& name) {
  if (Type(tensor) == dtype && name.empty()) return tensor;
  return Emit1("Cast", {tensor}, {{"dst_type", dtype}}, name);
}

int32_t GraphBuilder::Reshape(int32_t tensor, const sim::Shape& shape, const std::string& name) {
  if (Dims(tensor) == shape && name.empty()) return tensor;
  return Emit1("Reshape", {tensor, Int64s(shape)}, {}, name);
}

bool GraphBuilder::IsOutputName(const std::string& name) const {
  return std::find(output_names_.begin(), output_names_.end(), name) != output_names_.end();
}

int GraphBuilder::OnnxConsumers(const std::string& name) const {
  auto it = onnx_consumers_.find(name);
  return it == onnx_consumers_.end() ? 0 : it->second;
}

int GraphBuilder::Uses(int32_t tensor) const { return uses_.at(static_cast<size_t>(tensor)); }

int32_t GraphBuilder::Producer(int32_t tensor) const { return producer_.at(static_cast<size_t>(tensor)); }

void GraphBuilder::SetConstant(int32_t tensor, sim::TensorSpec spec) {
  tensors_.at(static_cast<size_t>(tensor)).spec = std::move(spec);
}

void GraphBuilder::RenameTensor(int32_t tensor, const std::string& name) {
  if (by_name_.count(name)) FailNode(ACL_ERROR_PARSE_MODEL, fmt::format("tensor \"{}\" is defined twice", name));
  Entry& e = tensors_.at(static_cast<size_t>(tensor));
  by_name_.erase(e.name);
  e.name = name;
  by_name_[name] = tensor;
}

void GraphBuilder::SetNodeInput(int32_t node, size_t i, int32_t tensor) {
  std::vector<int32_t>& inputs = Node(node).inputs;
  if (i == inputs.size()) inputs.push_back(-1);
  int32_t& slot = inputs.at(i);
  if (slot >= 0) --uses_[static_cast<size_t>(slot)];
  slot = tensor;
  ++uses_[static_cast<size_t>(tensor)];
}

GraphBuilder::Result GraphBuilder::Finish(const std::vector<int32_t>& inputs, const std::vector<int32_t>& outputs) const {
  std::vector<bool> live(tensors_.size(), false), node_live(nodes_.size(), false);
  for (int32_t t : outputs) live[static_cast<size_t>(t)] = true;
  for (size_t n = nodes_.size(); n-- > 0;) {
    bool needed = false;
    for (int32_t t : nodes_[n].outputs) needed = needed || live[static_cast<size_t>(t)];
    if (!needed) continue;
    node_live[n] = true;
    for (int32_t t : nodes_[n].outputs) live[static_cast<size_t>(t)] = true;
    for (int32_t t : nodes_[n].inputs) {
      if (t >= 0) live[static_cast<size_t>(t)] = true;
    }
  }
  for (int32_t t : inputs) live[static_cast<size_t>(t)] = true;

  Result result;
  std::vector<int32_t> remap(tensors_.size(), -1);
  for (size_t t = 0; t < tensors_.size(); ++t) {
    if (!live[t]) continue;
    const Entry& e = tensors_[t];
    model::GraphTensor g;
    g.name = e.name;
    g.dtype = e.spec.dtype;
    g.format = e.spec.format;
    g.dims = e.spec.shape;
    if (e.spec.value) {
      const uint64_t offset = (result.weights.size() + model::kOmAlignment - 1) / model::kOmAlignment * model::kOmAlignment;
      result.weights.resize(offset);
      result.weights.insert(result.weights.end(), e.spec.value->begin(), e.spec.value->end());
      g.weight = model::WeightRef{offset, e.spec.value->size()};
    }
    remap[t] = static_cast<int32_t>(result.graph.tensors.size());
    result.graph.tensors.push_back(std::move(g));
  }
  auto mapped = [&](int32_t t) { return t < 0 ? -1 : remap[static_cast<size_t>(t)]; };
  for (size_t n = 0; n < nodes_.size(); ++n) {
    if (!node_live[n]) continue;
    model::GraphNode node = nodes_[n];
    for (int32_t& t : node.inputs) t = mapped(t);
    for (int32_t& t : node.outputs) t = mapped(t);
    result.graph.nodes.push_back(std::move(node));
  }
  for (int32_t t : inputs) result.graph.inputs.push_back(mapped(t));
  for (int32_t t : outputs) result.graph.outputs.push_back(mapped(t));
  return result;
}

}  // namespace aclsim::onnx_import
