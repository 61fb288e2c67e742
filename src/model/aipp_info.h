// What a model's inputs are to AIPP (docs/aipp.md), read from its Aipp nodes: an input with
// static AIPP (its parameters are the node's attributes), an image input with dynamic AIPP and
// the parameter input that goes with it, or neither. Behind aclmdlGetAippType,
// aclmdlGetFirstAippInfo, aclmdlSetInputAIPP and aclmdlGetInputDims.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/graph.h"
#include "sim/kernels/aipp_params.h"

namespace aclsim::model {

// Numerically aclmdlInputAippType.
enum class AippKind { kNone = 0, kStatic = 1, kDynamic = 2, kParams = 3 };

struct InputAipp {
  AippKind kind = AippKind::kNone;
  int32_t linked = -1;  // kDynamic: the index of its parameter input; kParams: of its image input
  int32_t node = -1;    // the Aipp node reading the input
  std::vector<int64_t> output_dims;  // what the Aipp node gives the model: the original input, NCHW
  sim::DType output_dtype = sim::DType::kFloat32;
  sim::aipp::Params params;  // kStatic
  int64_t max_src_image_size = 0;  // kDynamic
};

// One entry per model input. Throws Error(ACL_ERROR_PARSE_MODEL) naming `what` for an Aipp node
// whose attributes do not parse.
std::vector<InputAipp> DescribeAipp(const ModelGraph& graph, const std::string& what);

// The dims aclmdlGetInputDims reports for a static AIPP input: [n, h, w, c] of the source images.
std::vector<int64_t> AippImageDims(const InputAipp& aipp);

}  // namespace aclsim::model
