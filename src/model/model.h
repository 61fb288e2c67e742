// A model as aclmdl sees it once parsed: the graph, one execution plan per gear, and the
// descriptions of its inputs and outputs (what aclmdlDesc reports). Immutable after
// construction, so loaded models and descs share it without locks.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/aipp_info.h"
#include "model/execution_plan.h"
#include "model/graph.h"

namespace aclsim::model {

struct IoDesc {
  std::string name;
  sim::DType dtype = sim::DType::kFloat32;
  sim::Format format = sim::Format::kND;
  std::vector<int64_t> dims;  // -1 where a gear decides
  uint64_t size = 0;          // bytes, for the largest gear
  // A static AIPP input: [n, h, w, c] of its images, what aclmdlGetInputDims reports (dims are
  // the stored [n, h * 1.5, w, 1] of YUV420SP ..., what aclmdlGetInputDimsV2 reports).
  std::vector<int64_t> image_dims;
};

class Model {
 public:
  // Parses an .om of kind "model" held in `data` (kept alive by `storage`: a mapping or a copy),
  // and plans every gear. Throws Error(ACL_ERROR_PARSE_MODEL) naming `what` and the fault.
  Model(std::shared_ptr<const void> storage, const uint8_t* data, size_t size, const std::string& what);

  // A model mapped from a file (the weights are used in place, not copied); throws
  // Error(ACL_ERROR_READ_MODEL_FAILURE) when the file cannot be read.
  static std::shared_ptr<const Model> FromFile(const std::string& path);
  // A model copied from the caller's memory (which the caller may free once this returns).
  static std::shared_ptr<const Model> FromMemory(const void* data, size_t size);

  const ModelGraph& graph() const { return graph_; }
  const std::vector<IoDesc>& inputs() const { return inputs_; }
  const std::vector<IoDesc>& outputs() const { return outputs_; }
  const uint8_t* weights() const { return weights_; }
  uint64_t weight_size() const { return weight_size_; }
  uint64_t work_size() const { return work_size_; }  // the largest gear's
  const std::vector<ExecutionPlan>& plans() const { return plans_; }

  // The index of the ACL_DYNAMIC_TENSOR_NAME input, or -1 for a static model.
  int32_t dynamic_input() const { return dynamic_input_; }
  // Per input, what it is to AIPP (aipp_info.h).
  const std::vector<InputAipp>& aipp() const { return aipp_; }
  // The plan whose gear is `gear`; throws Error(ACL_ERROR_INVALID_PARAM) listing the gears.
  const ExecutionPlan& PlanFor(const std::vector<int64_t>& gear) const;
  // Output `index`'s dims in `plan`.
  std::vector<int64_t> OutputDims(const ExecutionPlan& plan, size_t index) const;

 private:
  std::shared_ptr<const void> storage_;
  ModelGraph graph_;
  const uint8_t* weights_ = nullptr;
  uint64_t weight_size_ = 0;
  uint64_t work_size_ = 0;
  std::vector<ExecutionPlan> plans_;
  std::vector<IoDesc> inputs_, outputs_;
  int32_t dynamic_input_ = -1;
  std::vector<InputAipp> aipp_;
};

}  // namespace aclsim::model
