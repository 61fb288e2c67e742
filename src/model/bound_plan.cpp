#include "model/bound_plan.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>
#include <sstream>

#include "common/env.h"
#include "common/log.h"

namespace aclsim::model {
namespace {

// Whether ACLSIM_TRACE (comma-separated categories) names `category` or "all".
bool TraceEnabled(const char* category) {
  const auto value = EnvString("ACLSIM_TRACE");
  if (!value) return false;
  std::stringstream list(*value);
  std::string item;
  while (std::getline(list, item, ',')) {
    if (item == category || item == "all") return true;
  }
  return false;
}

}  // namespace

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
  timed_ = TraceEnabled("model");
  if (timed_) step_ns_.assign(steps_.size(), 0);
}

BoundPlan::~BoundPlan() {
  if (!timed_ || runs_ == 0) return;
  // The profile: time per operator type, then the slowest nodes, as averages per run.
  uint64_t total = 0;
  std::map<std::string, std::pair<uint64_t, int>> by_type;
  std::vector<size_t> order(steps_.size());
  for (size_t s = 0; s < steps_.size(); ++s) {
    total += step_ns_[s];
    auto& entry = by_type[steps_[s].op->type];
    entry.first += step_ns_[s];
    entry.second += 1;
    order[s] = s;
  }
  const double per_run = 1e6 * static_cast<double>(runs_);  // ns -> ms per run
  const double sum_ms = static_cast<double>(total) / per_run;
  Log().info("ACLSIM_TRACE model: {} runs, {} steps, {:.3f} ms per run in kernels", runs_, steps_.size(), sum_ms);
  std::vector<std::pair<std::string, std::pair<uint64_t, int>>> types(by_type.begin(), by_type.end());
  std::sort(types.begin(), types.end(), [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
  for (const auto& [type, entry] : types) {
    const double ms = static_cast<double>(entry.first) / per_run;
    Log().info("  {:<24} {:4} nodes {:9.3f} ms {:5.1f}%", type, entry.second, ms, 100.0 * ms / std::max(sum_ms, 1e-9));
  }
  // The slowest 25 at info level; every step at debug level.
  const bool all = Log().should_log(spdlog::level::debug);
  if (!all) std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return step_ns_[a] > step_ns_[b]; });
  for (size_t i = 0; i < (all ? order.size() : std::min<size_t>(order.size(), 25)); ++i) {
    const size_t s = order[i];
    const GraphNode& node = *plan_.steps[s].node;
    std::string shapes;
    for (const sim::TensorView& v : steps_[s].inputs) shapes += sim::ToString(v.spec.shape) + " ";
    shapes += "->";
    for (const sim::TensorView& v : steps_[s].outputs) shapes += " " + sim::ToString(v.spec.shape);
    Log().info("  step {:4} {:<32} {:<12} {:9.3f} ms  {}", s, node.name, node.type,
               static_cast<double>(step_ns_[s]) / per_run, shapes);
  }
}

void BoundPlan::Run(const std::vector<void*>& inputs, const std::vector<void*>& outputs, const sim::Parallel& cores) {
  for (const Patch& p : patches_) {
    Step& step = steps_[p.step];
    void* data = p.where.place == Place::kInput ? inputs[p.where.index] : outputs[p.where.index];
    (p.output ? step.outputs : step.inputs)[p.position].data = data;
  }
  for (size_t s = 0; s < steps_.size(); ++s) {
    const Step& step = steps_[s];
    const sim::AttrReader attrs(step.op->type.c_str(), *step.attrs);
    if (!timed_) {
      step.op->kernel(sim::KernelArgs{step.op->type.c_str(), step.inputs, step.outputs, attrs, cores});
      continue;
    }
    const auto start = std::chrono::steady_clock::now();
    step.op->kernel(sim::KernelArgs{step.op->type.c_str(), step.inputs, step.outputs, attrs, cores});
    step_ns_[s] += static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count());
  }
  if (timed_) ++runs_;
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
