#include "model/loaded_model.h"

#include <cstring>

#include <fmt/format.h>

#include "common/error.h"
#include "runtime/buffer_check.h"
#include "runtime/context.h"
#include "runtime/device.h"
#include "runtime/stream.h"

namespace aclsim::model {

// One execution's work memory and the plans bound to it.
struct LoadedModel::Slot {
  std::unique_ptr<uint8_t[]> owned;  // null when the work memory is the caller's
  std::vector<std::unique_ptr<BoundPlan>> plans;  // per gear, in Model::plans() order
};

LoadedModel::LoadedModel(std::shared_ptr<const Model> model, Device& device, const ModelMemory& memory)
    : model_(std::move(model)), device_(device), weights_(model_->weights()) {
  if (memory.work != nullptr) {
    CheckDeviceBuffer(memory.work, memory.work_size, model_->work_size(), false, device_, "work memory (workPtr)");
    caller_work_ = static_cast<uint8_t*>(memory.work);
  } else if (memory.work_size != 0) {
    Fail(ACL_ERROR_INVALID_PARAM, "work memory: workPtr is null but workSize is {}", memory.work_size);
  }
  if (memory.weights != nullptr) {
    CheckDeviceBuffer(memory.weights, memory.weight_size, model_->weight_size(), false, device_, "weight memory (weightPtr)");
    std::memcpy(memory.weights, model_->weights(), model_->weight_size());
    weights_ = static_cast<const uint8_t*>(memory.weights);
  } else if (memory.weight_size != 0) {
    Fail(ACL_ERROR_INVALID_PARAM, "weight memory: weightPtr is null but weightSize is {}", memory.weight_size);
  }
  ReturnSlot(TakeSlot());  // bind the first slot now: a model that loads can execute
}

LoadedModel::~LoadedModel() = default;

std::unique_ptr<LoadedModel::Slot> LoadedModel::TakeSlot() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (caller_work_ != nullptr) {
    // One work memory: executions take turns.
    slot_returned_.wait(lock, [&] { return !free_slots_.empty() || slots_ == 0; });
  }
  if (!free_slots_.empty()) {
    auto slot = std::move(free_slots_.back());
    free_slots_.pop_back();
    return slot;
  }
  ++slots_;
  lock.unlock();
  auto slot = std::make_unique<Slot>();
  uint8_t* work = caller_work_;
  if (work == nullptr) {
    slot->owned.reset(new uint8_t[model_->work_size() + 64]);
    work = slot->owned.get();
  }
  for (const ExecutionPlan& plan : model_->plans()) slot->plans.push_back(std::make_unique<BoundPlan>(plan, weights_, work));
  return slot;
}

void LoadedModel::ReturnSlot(std::unique_ptr<Slot> slot) {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    free_slots_.push_back(std::move(slot));
  }
  slot_returned_.notify_one();
}

std::vector<int64_t> LoadedModel::current_gear() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return current_gear_;
}

void LoadedModel::set_current_gear(std::vector<int64_t> gear) {
  const std::lock_guard<std::mutex> lock(mutex_);
  current_gear_ = std::move(gear);
}

LoadedModel::Checked LoadedModel::Check(const std::vector<IoBuffer>& inputs, const std::vector<IoBuffer>& outputs) {
  const Model& m = *model_;
  if (inputs.size() != m.inputs().size()) {
    Fail(ACL_ERROR_INVALID_PARAM, "the input dataset has {} buffers, the model has {} inputs", inputs.size(), m.inputs().size());
  }
  if (outputs.size() != m.outputs().size()) {
    Fail(ACL_ERROR_INVALID_PARAM, "the output dataset has {} buffers, the model has {} outputs", outputs.size(),
         m.outputs().size());
  }
  Checked checked{nullptr, {}, {}};
  if (m.dynamic_input() < 0) {
    checked.plan = &m.plans().front();
  } else {
    // The gear is in the dynamic input, as aclmdlSetDynamicBatchSize & co. wrote it.
    const IoBuffer& gear_buffer = inputs[m.dynamic_input()];
    const size_t count = m.plans().front().gear.size();
    CheckDeviceBuffer(gear_buffer.data, gear_buffer.size, count * sizeof(int64_t), false, device_,
                      fmt::format("input {} ({})", m.dynamic_input(), kDynamicInputName));
    std::vector<int64_t> gear(count);
    std::memcpy(gear.data(), gear_buffer.data, count * sizeof(int64_t));
    try {
      checked.plan = &m.PlanFor(gear);
    } catch (const Error& e) {
      Fail(ACL_ERROR_INVALID_PARAM, "input {} ({}): {} (set it with aclmdlSetDynamicBatchSize, aclmdlSetDynamicHWSize "
           "or aclmdlSetInputDynamicDims)", m.dynamic_input(), kDynamicInputName, e.what());
    }
  }
  const ModelGraph& g = m.graph();
  for (size_t k = 0; k < inputs.size(); ++k) {
    const sim::TensorSpec& spec = checked.plan->specs[g.inputs[k]];
    const size_t needed = static_cast<size_t>(sim::NumElements(spec.shape)) * sim::SizeOf(spec.dtype);
    CheckDeviceBuffer(inputs[k].data, inputs[k].size, needed, false, device_,
                      fmt::format("input {} (\"{}\")", k, m.inputs()[k].name));
    checked.inputs.push_back(inputs[k].data);
  }
  for (size_t k = 0; k < outputs.size(); ++k) {
    const sim::TensorSpec& spec = checked.plan->specs[g.outputs[k]];
    const size_t needed = static_cast<size_t>(sim::NumElements(spec.shape)) * sim::SizeOf(spec.dtype);
    CheckDeviceBuffer(outputs[k].data, outputs[k].size, needed, false, device_,
                      fmt::format("output {} (\"{}\")", k, m.outputs()[k].name));
    checked.outputs.push_back(outputs[k].data);
  }
  if (!checked.plan->gear.empty()) set_current_gear(checked.plan->gear);  // only once everything checked out
  return checked;
}

void LoadedModel::Run(const Checked& checked) {
  std::unique_ptr<Slot> slot = TakeSlot();
  const size_t gear = static_cast<size_t>(checked.plan - model_->plans().data());
  try {
    slot->plans[gear]->Run(checked.inputs, checked.outputs, device_.cores());
  } catch (...) {
    ReturnSlot(std::move(slot));
    throw;
  }
  ReturnSlot(std::move(slot));
}

void LoadedModel::Execute(const std::vector<IoBuffer>& inputs, const std::vector<IoBuffer>& outputs) {
  Run(Check(inputs, outputs));
}

void LoadedModel::ExecuteAsync(const std::vector<IoBuffer>& inputs, const std::vector<IoBuffer>& outputs, Stream& stream) {
  if (&stream.context().device() != &device_) {
    Fail(ACL_ERROR_INVALID_PARAM, "the stream belongs to device {}, the model was loaded on device {}",
         stream.context().device().id(), device_.id());
  }
  Checked checked = Check(inputs, outputs);
  stream.Submit(Task{[self = shared_from_this(), checked = std::move(checked)] {
                       self->Run(checked);
                       return ACL_SUCCESS;
                     },
                     "model execution"});
}

}  // namespace aclsim::model
