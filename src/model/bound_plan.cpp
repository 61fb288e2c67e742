#include "model/bound_plan.h"

#include <cstring>

namespace aclsim::model {

BoundPlan::BoundPlan(const ExecutionPlan& plan, const uint8_t* weights, uint8_t* work)
    : plan_(plan), weights_(weights), work_(work) {
  auto bind = [&](int32_t tensor, size_t step, bool output, size_t position) {
    if (tensor < 0) return sim::TensorView{sim::AbsentInput(), nullptr};
    const Location& where = plan.locations[tensor];
    void* data = nullptr;
    switch (where.place) {
      case Place::kWeight: data = const_cast<uint8_t*>(weights + where.offset); break;  // read only
      case Place::kWork: data = work + where.offset; break;
      case Place::kInput:
      case Place::kOutput: patches_.push_back(Patch{step, output, position, where}); break;
      case Place::kAbsent: break;
    }
    return sim::TensorView{plan.specs[tensor], data};
  };
  for (size_t s = 0; s < plan.steps.size(); ++s) {
    const GraphNode& node = *plan.steps[s].node;
    Step step{plan.steps[s].op, &node.attrs, {}, {}};
    size_t given = node.inputs.size();
    while (given > 0 && node.inputs[given - 1] < 0) --given;
    for (size_t k = 0; k < given; ++k) step.inputs.push_back(bind(node.inputs[k], s, false, k));
    for (size_t k = 0; k < node.outputs.size(); ++k) step.outputs.push_back(bind(node.outputs[k], s, true, k));
    steps_.push_back(std::move(step));
  }
}

void BoundPlan::Run(const std::vector<void*>& inputs, const std::vector<void*>& outputs, const sim::Parallel& cores) {
  for (const Patch& p : patches_) {
    Step& step = steps_[p.step];
    void* data = p.where.place == Place::kInput ? inputs[p.where.index] : outputs[p.where.index];
    (p.output ? step.outputs : step.inputs)[p.position].data = data;
  }
  for (const Step& step : steps_) {
    const sim::AttrReader attrs(step.op->type.c_str(), *step.attrs);
    step.op->kernel(sim::KernelArgs{step.op->type.c_str(), step.inputs, step.outputs, attrs, cores});
  }
  for (const OutputCopy& copy : plan_.output_copies) {
    const sim::TensorSpec& spec = plan_.specs[copy.tensor];
    const size_t bytes = static_cast<size_t>(sim::NumElements(spec.shape)) * sim::SizeOf(spec.dtype);
    const Location& from = plan_.locations[copy.tensor];
    const void* source = nullptr;
    switch (from.place) {
      case Place::kWeight: source = weights_ + from.offset; break;
      case Place::kWork: source = work_ + from.offset; break;
      case Place::kInput: source = inputs[from.index]; break;
      case Place::kOutput: source = outputs[from.index]; break;
      case Place::kAbsent: break;
    }
    if (bytes != 0 && source != nullptr) std::memmove(outputs[copy.output], source, bytes);
  }
}

}  // namespace aclsim::model
