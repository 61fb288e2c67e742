// A whole model as atc writes it and aclmdlLoad* reads it: tensors (with constants stored in the
// weights section), nodes with CANN operator types and attributes, the model's inputs and outputs,
// and its dynamic gears. Serialised as the graph section of an .om of kind "model"
// (docs/om-format.md). Nothing here knows about ONNX or the runtime.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/attr.h"
#include "sim/tensor.h"

namespace aclsim::model {

// A constant's bytes in the weights section.
struct WeightRef {
  uint64_t offset = 0;  // 64-byte aligned
  uint64_t size = 0;
};

struct GraphTensor {
  std::string name;
  sim::DType dtype = sim::DType::kFloat32;
  sim::Format format = sim::Format::kND;
  std::vector<int64_t> dims;  // -1: decided by a dynamic gear at execution
  std::optional<WeightRef> weight;  // a constant
};

struct GraphNode {
  std::string name;
  std::string type;              // a kernel-library operator ("Conv2D", "Add", ...)
  std::vector<int32_t> inputs;   // tensor indices; -1 marks an optional input left out
  std::vector<int32_t> outputs;  // tensor indices
  sim::Attrs attrs;
};

// CANN's three kinds of dynamic shape (atc --dynamic_batch_size / --dynamic_image_size /
// --dynamic_dims). The model then has one more input, ACL_DYNAMIC_TENSOR_NAME, last, holding the
// chosen gear as int64 values; each gear lists the values of the -1 dims of the data inputs in
// input order (batch: {n}; image size: {h, w}; dims: one value per -1).
enum class DynamicKind { kNone = 0, kBatch = 1, kImageSize = 2, kDims = 3 };

struct DynamicGears {
  DynamicKind kind = DynamicKind::kNone;
  std::vector<std::vector<int64_t>> gears;
};

struct ModelGraph {
  std::string name;
  std::string soc_version;
  std::string precision_mode;
  std::vector<GraphTensor> tensors;
  std::vector<GraphNode> nodes;  // in an order where every node follows the producers of its inputs
  std::vector<int32_t> inputs;   // tensor indices, in the model's input order
  std::vector<int32_t> outputs;  // tensor indices, in the model's output order
  DynamicGears dynamic;
};

// The name CANN gives the gear input of a dynamic model (ACL_DYNAMIC_TENSOR_NAME).
constexpr const char* kDynamicInputName = "ascend_mbatch_shape_data";

std::string SerializeGraph(const ModelGraph& graph);

// Parses and checks a graph section: every index in range, every node's type known to the kernel
// library, every weight inside `weights_size` bytes and as large as its tensor, nodes in
// dependency order. Throws Error(ACL_ERROR_PARSE_MODEL) naming `what` and the fault.
ModelGraph ParseGraph(std::string_view json_text, uint64_t weights_size, const std::string& what);

}  // namespace aclsim::model
