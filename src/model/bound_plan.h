// A plan bound to one work memory: the tensor views of every step built once, so that an
// execution only points the views of the model's inputs and outputs at the caller's buffers and
// runs the kernels — no allocation. One BoundPlan serves one execution at a time.
//
// With ACLSIM_TRACE containing "model", every step is timed and the sums are logged (info level)
// when the plan is destroyed, i.e. at aclmdlUnload: a per-node profile, off by default.
#pragma once

#include <cstdint>
#include <vector>

#include "model/execution_plan.h"
#include "sim/parallel.h"

namespace aclsim::model {

class BoundPlan {
 public:
  BoundPlan(const ExecutionPlan& plan, const uint8_t* weights, uint8_t* work);
  ~BoundPlan();
  BoundPlan(const BoundPlan&) = delete;
  BoundPlan& operator=(const BoundPlan&) = delete;

  // Runs every step on `cores`. `inputs`/`outputs` hold the model's buffers, in model order,
  // already checked to be large enough. Kernel errors propagate.
  void Run(const std::vector<void*>& inputs, const std::vector<void*>& outputs, const sim::Parallel& cores);

  const ExecutionPlan& plan() const { return plan_; }

 private:
  struct Step {
    const sim::OpDef* op;
    const sim::Attrs* attrs;
    std::vector<sim::TensorView> inputs;
    std::vector<sim::TensorView> outputs;
  };
  // A view whose data is the caller's buffer: step, input or output side, position, and location.
  struct Patch {
    size_t step;
    bool output;
    size_t position;
    Location where;
  };

  const ExecutionPlan& plan_;
  const uint8_t* weights_;
  uint8_t* work_;
  std::vector<Step> steps_;
  std::vector<Patch> patches_;
  // ACLSIM_TRACE=model: nanoseconds spent in each step over all runs, and the number of runs.
  bool timed_ = false;
  std::vector<uint64_t> step_ns_;
  uint64_t runs_ = 0;
};

}  // namespace aclsim::model
