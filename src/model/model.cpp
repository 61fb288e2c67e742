#include "model/model.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/error.h"
#include "common/log.h"
#include "model/om_format.h"

namespace aclsim::model {
namespace {

IoDesc Describe(const GraphTensor& t) { return IoDesc{t.name, t.dtype, t.format, t.dims, 0, {}}; }

uint64_t BytesOf(const sim::TensorSpec& spec) {
  return static_cast<uint64_t>(sim::NumElements(spec.shape)) * sim::SizeOf(spec.dtype);
}

// A 64-byte aligned copy of a model held in memory, so its weights are as aligned as a mapping's.
struct AlignedCopy {
  explicit AlignedCopy(const void* data, size_t size) : bytes(new uint8_t[size + kOmAlignment]) {
    const auto address = reinterpret_cast<uintptr_t>(bytes.get());
    start = bytes.get() + (kOmAlignment - address % kOmAlignment) % kOmAlignment;
    std::memcpy(start, data, size);
  }
  std::unique_ptr<uint8_t[]> bytes;
  uint8_t* start;
};

}  // namespace

std::shared_ptr<const Model> Model::FromFile(const std::string& path) {
  auto file = std::make_shared<const MappedFile>(path);
  return std::make_shared<const Model>(file, file->data(), file->size(), path);
}

std::shared_ptr<const Model> Model::FromMemory(const void* data, size_t size) {
  auto copy = std::make_shared<const AlignedCopy>(data, size);
  return std::make_shared<const Model>(copy, copy->start, size, fmt::format("the model in memory at {}", data));
}

Model::Model(std::shared_ptr<const void> storage, const uint8_t* data, size_t size, const std::string& what)
    : storage_(std::move(storage)) {
  const OmView view = ParseOm(data, size, what);
  if (view.kind != OmKind::kModel) {
    Fail(ACL_ERROR_PARSE_MODEL, "{} is a single-operator model (load it with aclopSetModelDir or aclopLoad), not a "
         "model for aclmdlLoad*", what);
  }
  graph_ = ParseGraph(view.graph_json, view.weights_size, what);
  weights_ = view.weights;
  weight_size_ = view.weights_size;

  for (size_t k = 0; k < graph_.inputs.size(); ++k) {
    inputs_.push_back(Describe(graph_.tensors[graph_.inputs[k]]));
    if (inputs_.back().name == kDynamicInputName) dynamic_input_ = static_cast<int32_t>(k);
  }
  for (int32_t out : graph_.outputs) outputs_.push_back(Describe(graph_.tensors[out]));
  if ((dynamic_input_ >= 0) != (graph_.dynamic.kind != DynamicKind::kNone)) {
    Fail(ACL_ERROR_PARSE_MODEL, "{}: a dynamic model has exactly one input named {}", what, kDynamicInputName);
  }

  aipp_ = DescribeAipp(graph_, what);
  for (size_t k = 0; k < inputs_.size(); ++k) {
    if (aipp_[k].kind == AippKind::kStatic) inputs_[k].image_dims = AippImageDims(aipp_[k]);
  }

  if (graph_.dynamic.gears.empty()) {
    plans_.push_back(BuildPlan(graph_, weights_, {}, what));
  } else {
    for (const auto& gear : graph_.dynamic.gears) plans_.push_back(BuildPlan(graph_, weights_, gear, what));
  }
  for (const ExecutionPlan& plan : plans_) {
    work_size_ = std::max(work_size_, plan.work_size);
    for (size_t k = 0; k < inputs_.size(); ++k) {
      inputs_[k].size = std::max(inputs_[k].size, BytesOf(plan.specs[graph_.inputs[k]]));
    }
    for (size_t k = 0; k < outputs_.size(); ++k) {
      outputs_[k].size = std::max(outputs_[k].size, BytesOf(plan.specs[graph_.outputs[k]]));
    }
  }
  for (const ExecutionPlan& plan : plans_) {
    Log().debug("{}: gear [{}]: {} steps, {} bytes of work memory ({} without buffer reuse)", what,
                fmt::join(plan.gear, ", "), plan.steps.size(), plan.work_size, plan.naive_work_size);
  }
  if (plans_.size() == 1) {
    // A static model reports the dims its plan computed (the graph may leave some to inference).
    for (size_t k = 0; k < outputs_.size(); ++k) outputs_[k].dims = plans_[0].specs[graph_.outputs[k]].shape;
  }
}

const ExecutionPlan& Model::PlanFor(const std::vector<int64_t>& gear) const {
  for (const ExecutionPlan& plan : plans_) {
    if (plan.gear == gear) return plan;
  }
  std::vector<std::string> gears;
  for (const ExecutionPlan& plan : plans_) gears.push_back(fmt::format("[{}]", fmt::join(plan.gear, ", ")));
  Fail(ACL_ERROR_INVALID_PARAM, "[{}] is not a gear of this model; its gears are {}", fmt::join(gear, ", "),
       fmt::join(gears, " "));
}

std::vector<int64_t> Model::OutputDims(const ExecutionPlan& plan, size_t index) const {
  return plan.specs[graph_.outputs[index]].shape;
}

}  // namespace aclsim::model
