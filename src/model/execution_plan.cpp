#include "model/execution_plan.h"

#include <cstring>

#include <fmt/format.h>

#include "common/error.h"
#include "model/memory_plan.h"
#include "sim/registry.h"

namespace aclsim::model {
namespace {

// Constants up to this size are shown to shape functions (Reshape's shape, Slice's starts, ...);
// larger ones are weights, whose values no shape function needs (and copying them slows loading).
constexpr uint64_t kMaxValueBytes = 64 << 10;
constexpr size_t kMaxKeptValueBytes = 4096;

uint64_t BytesOf(const sim::TensorSpec& spec) {
  return sim::IsAbsent(spec) ? 0 : static_cast<uint64_t>(sim::NumElements(spec.shape)) * sim::SizeOf(spec.dtype);
}

std::string Describe(const ModelGraph& graph, int32_t tensor) {
  return fmt::format("tensor {} (\"{}\")", tensor, graph.tensors[tensor].name);
}

// Checks an inferred spec against what the graph says of the tensor (-1 dims match anything).
void CheckAgainstGraph(const ModelGraph& graph, int32_t tensor, const sim::TensorSpec& spec, const std::string& what) {
  const GraphTensor& t = graph.tensors[tensor];
  bool same = t.dtype == spec.dtype && t.dims.size() == spec.shape.size();
  for (size_t d = 0; same && d < t.dims.size(); ++d) same = t.dims[d] < 0 || t.dims[d] == spec.shape[d];
  if (!same) {
    Fail(ACL_ERROR_PARSE_MODEL, "{}: {} is {} {} in the graph, but its producer computes {}", what, Describe(graph, tensor),
         sim::Name(t.dtype), sim::ToString(t.dims), sim::ToString(spec));
  }
}

}  // namespace

std::vector<std::vector<int64_t>> InputDimsForGear(const ModelGraph& graph, const std::vector<int64_t>& gear) {
  std::vector<std::vector<int64_t>> dims;
  size_t next = 0;  // the gear value the next -1 takes
  for (int32_t input : graph.inputs) {
    std::vector<int64_t> d = graph.tensors[input].dims;
    if (graph.tensors[input].name != kDynamicInputName) {
      for (int64_t& v : d) {
        if (v >= 0 || gear.empty()) continue;
        switch (graph.dynamic.kind) {
          case DynamicKind::kBatch: v = gear[0]; break;
          case DynamicKind::kImageSize: v = gear[next++ % 2]; break;
          default: v = next < gear.size() ? gear[next++] : -1; break;
        }
      }
    }
    dims.push_back(std::move(d));
  }
  return dims;
}

ExecutionPlan BuildPlan(const ModelGraph& graph, const uint8_t* weights, const std::vector<int64_t>& gear,
                        const std::string& what) {
  ExecutionPlan plan;
  plan.gear = gear;
  const size_t count = graph.tensors.size();
  std::vector<sim::TensorSpec> specs(count);
  plan.locations.assign(count, Location{});

  for (size_t i = 0; i < count; ++i) {
    const GraphTensor& t = graph.tensors[i];
    if (!t.weight) continue;
    specs[i] = sim::TensorSpec(t.dtype, t.dims, t.format);
    if (t.weight->size <= kMaxValueBytes) {
      const uint8_t* p = weights + t.weight->offset;
      specs[i].value = std::make_shared<std::vector<unsigned char>>(p, p + t.weight->size);
    }
    plan.locations[i] = Location{Place::kWeight, t.weight->offset, -1};
  }
  const auto input_dims = InputDimsForGear(graph, gear);
  for (size_t k = 0; k < graph.inputs.size(); ++k) {
    const int32_t input = graph.inputs[k];
    for (int64_t v : input_dims[k]) {
      if (v < 0) {
        Fail(ACL_ERROR_PARSE_MODEL, "{}: input {} has dims {} that no gear fixes", what, Describe(graph, input),
             sim::ToString(graph.tensors[input].dims));
      }
    }
    specs[input] = sim::TensorSpec(graph.tensors[input].dtype, input_dims[k], graph.tensors[input].format);
    plan.locations[input] = Location{Place::kInput, 0, static_cast<int32_t>(k)};
  }

  // Shapes, node by node (the graph lists nodes after their producers).
  std::vector<int32_t> first_use(count, -1), last_use(count, -1);
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    const GraphNode& node = graph.nodes[n];
    const std::string where = fmt::format("{}: node {} (\"{}\", {})", what, n, node.name, node.type);
    std::vector<sim::TensorSpec> inputs;
    size_t given = node.inputs.size();
    while (given > 0 && node.inputs[given - 1] < 0) --given;  // trailing optional inputs are not passed
    for (size_t k = 0; k < given; ++k) {
      const int32_t in = node.inputs[k];
      inputs.push_back(in < 0 ? sim::AbsentInput() : specs[in]);
      if (in >= 0) last_use[in] = static_cast<int32_t>(n);
    }
    std::vector<sim::TensorSpec> outputs;
    try {
      outputs = sim::Kernels().Infer(node.type, inputs, node.attrs);
    } catch (const Error& e) {
      Fail(ACL_ERROR_PARSE_MODEL, "{}: {}", where, e.what());
    }
    if (outputs.size() != node.outputs.size()) {
      Fail(ACL_ERROR_PARSE_MODEL, "{}: the graph gives {} outputs, the operator produces {}", where, node.outputs.size(),
           outputs.size());
    }
    for (size_t k = 0; k < outputs.size(); ++k) {
      const int32_t out = node.outputs[k];
      CheckAgainstGraph(graph, out, outputs[k], where);
      specs[out] = std::move(outputs[k]);
      first_use[out] = last_use[out] = static_cast<int32_t>(n);
    }
    plan.steps.push_back(PlanStep{&sim::Kernels().Get(node.type), &node});
  }

  // Outputs are written in place in the caller's buffers; the first listing of a node-produced
  // tensor takes it, anything else is copied after the last step.
  for (size_t k = 0; k < graph.outputs.size(); ++k) {
    const int32_t out = graph.outputs[k];
    if (first_use[out] >= 0 && plan.locations[out].place == Place::kAbsent) {
      plan.locations[out] = Location{Place::kOutput, 0, static_cast<int32_t>(k)};
    } else {
      plan.output_copies.push_back(OutputCopy{static_cast<int32_t>(k), out});
    }
  }
  // Everything else a node produces lives in the work memory, reused by liveness.
  std::vector<Lifetime> lifetimes;
  std::vector<int32_t> in_work;
  const auto steps = static_cast<int32_t>(plan.steps.size());
  for (size_t i = 0; i < count; ++i) {
    if (first_use[i] < 0 || plan.locations[i].place != Place::kAbsent) continue;
    // A work tensor read by an output copy must live to the end.
    int32_t last = last_use[i];
    for (const OutputCopy& c : plan.output_copies) {
      if (c.tensor == static_cast<int32_t>(i)) last = steps;
    }
    lifetimes.push_back(Lifetime{BytesOf(specs[i]), first_use[i], last});
    in_work.push_back(static_cast<int32_t>(i));
  }
  const MemoryPlan memory = PlanMemory(lifetimes);
  for (size_t k = 0; k < in_work.size(); ++k) plan.locations[in_work[k]] = Location{Place::kWork, memory.offsets[k], -1};
  plan.work_size = memory.total;
  plan.naive_work_size = memory.naive;

  // Kernels read weights in place; only parameter-sized constants keep their value, for the few
  // kernels that read a value from the spec (Conv2DTranspose's input_size, ...).
  for (sim::TensorSpec& spec : specs) {
    if (spec.value && spec.value->size() > kMaxKeptValueBytes) spec.value.reset();
  }
  plan.specs = std::move(specs);
  return plan;
}

}  // namespace aclsim::model
