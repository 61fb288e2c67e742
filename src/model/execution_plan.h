// One gear of a model, fixed when the model is loaded: the kernel of every node in order, the
// type and shape of every tensor, and where every tensor lives (a weight, a slot of the work
// memory, or the caller's input or output buffer). Executing a plan allocates nothing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/graph.h"
#include "sim/op_def.h"

namespace aclsim::model {

enum class Place : uint8_t { kAbsent, kWeight, kWork, kInput, kOutput };

struct Location {
  Place place = Place::kAbsent;
  uint64_t offset = 0;  // kWeight, kWork: bytes from the start of the weights / work memory
  int32_t index = -1;   // kInput, kOutput: the model's input / output number
};

struct PlanStep {
  const sim::OpDef* op = nullptr;
  const GraphNode* node = nullptr;  // points into the graph the plan was built from
};

// A model output whose tensor is not written by a node into the output buffer (a model input, a
// constant, or a tensor given as two outputs): copied there after the last step.
struct OutputCopy {
  int32_t output = 0;
  int32_t tensor = 0;
};

struct ExecutionPlan {
  std::vector<int64_t> gear;              // the dynamic dims' values; empty for a static model
  std::vector<sim::TensorSpec> specs;     // per tensor, without values
  std::vector<Location> locations;        // per tensor
  std::vector<PlanStep> steps;
  std::vector<OutputCopy> output_copies;
  uint64_t work_size = 0;        // bytes of work memory with buffers reused by liveness
  uint64_t naive_work_size = 0;  // bytes without reuse, for reports
};

// The dims of the model's inputs for `gear` (its -1 dims filled in as DynamicKind says).
std::vector<std::vector<int64_t>> InputDimsForGear(const ModelGraph& graph, const std::vector<int64_t>& gear);

// Infers every tensor's spec through the kernel library's shape functions (constants' values
// visible to them) and plans the work memory. `weights` is the weights section. Throws
// Error(ACL_ERROR_PARSE_MODEL) naming the node whose shape function fails, or a tensor whose
// inferred spec contradicts the graph's.
ExecutionPlan BuildPlan(const ModelGraph& graph, const uint8_t* weights, const std::vector<int64_t>& gear,
                        const std::string& what);

}  // namespace aclsim::model
