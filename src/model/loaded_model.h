// A model loaded on a device (aclmdlLoad*): the parsed Model, its weights (in the mapped file,
// or copied into the caller's weight memory), and the work memory executions run in — the
// caller's (WithMem: executions of the model take turns), or the model's own, one work memory
// per concurrent execution, kept for reuse so that steady-state executions allocate nothing.
// Thread-safe: slots_ is guarded by mutex_; everything else is fixed at construction.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "model/bound_plan.h"
#include "model/model.h"

namespace aclsim {

class Device;
class Stream;

namespace model {

// The caller's memory for aclmdlLoadFrom*WithMem (null: the model's own).
struct ModelMemory {
  void* work = nullptr;
  size_t work_size = 0;
  void* weights = nullptr;
  size_t weight_size = 0;
};

struct IoBuffer {
  void* data = nullptr;
  size_t size = 0;
};

class LoadedModel : public std::enable_shared_from_this<LoadedModel> {
 public:
  // Checks the caller's memory (device memory of `device`, large enough) and copies the weights
  // into it. Throws Error(ACL_ERROR_INVALID_PARAM) naming the argument at fault.
  LoadedModel(std::shared_ptr<const Model> model, Device& device, const ModelMemory& memory);
  ~LoadedModel();

  const Model& model() const { return *model_; }
  const std::shared_ptr<const Model>& shared_model() const { return model_; }
  Device& device() const { return device_; }

  // aclmdlExecute: checks the buffers, then runs the model on the calling thread.
  void Execute(const std::vector<IoBuffer>& inputs, const std::vector<IoBuffer>& outputs);
  // aclmdlExecuteAsync: checks the buffers, then queues the execution on `stream`.
  void ExecuteAsync(const std::vector<IoBuffer>& inputs, const std::vector<IoBuffer>& outputs, Stream& stream);

  // The gear a dynamic model runs with (chosen through its ACL_DYNAMIC_TENSOR_NAME input), as
  // last checked; empty before the first check and for a static model.
  std::vector<int64_t> current_gear() const;
  void set_current_gear(std::vector<int64_t> gear);

 private:
  struct Slot;
  struct Checked {
    const ExecutionPlan* plan;
    std::vector<void*> inputs, outputs;
  };
  // Throws Error with nothing run: ACL_ERROR_INVALID_PARAM for a wrong buffer count, a buffer
  // that is null, too small or not memory of this device, or a gear the model does not have.
  Checked Check(const std::vector<IoBuffer>& inputs, const std::vector<IoBuffer>& outputs);
  void Run(const Checked& checked);
  std::unique_ptr<Slot> TakeSlot();
  void ReturnSlot(std::unique_ptr<Slot> slot);

  const std::shared_ptr<const Model> model_;
  Device& device_;
  const uint8_t* weights_;          // the model's, or the caller's copy
  uint8_t* caller_work_ = nullptr;  // WithMem: the only work memory

  mutable std::mutex mutex_;
  std::condition_variable slot_returned_;
  std::vector<std::unique_ptr<Slot>> free_slots_;
  size_t slots_ = 0;  // created so far
  std::vector<int64_t> current_gear_;
};

}  // namespace model
}  // namespace aclsim
