// atc's --input_fp16_nodes and --output_type: the data types of a converted model's inputs and
// outputs, changed after conversion by Cast operators at the graph's edges (the rest of the
// graph computes as --precision_mode says).
#pragma once

#include <string>

#include "model/graph.h"

namespace aclsim::atc {

// --input_fp16_nodes="in1;in2": those float32 inputs take float16 data. Throws
// Error(ACL_ERROR_INVALID_PARAM) for a name that is not an input, or an input that is not float32.
void SetFp16Inputs(model::ModelGraph& graph, const std::string& names);

// --output_type=FP32|FP16|UINT8 for every floating-point output, or "node:index:TYPE;..." for
// the output `index` of the node named `node`. Throws Error(ACL_ERROR_INVALID_PARAM) naming what
// does not parse or match.
void SetOutputTypes(model::ModelGraph& graph, const std::string& spec);

}  // namespace aclsim::atc
