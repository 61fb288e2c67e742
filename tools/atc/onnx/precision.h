// atc's --precision_mode on a converted graph. force_fp32 and must_keep_origin_dtype compute in
// the graph's own types; force_fp16, allow_fp32_to_fp16 and allow_mix_precision turn every
// internal float32 tensor and constant into float16, with Casts at the model's float32 inputs
// and outputs (which keep their ONNX types).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/graph.h"

namespace aclsim::onnx_import {

// Throws ACL_ERROR_INVALID_PARAM for a value CANN's atc does not accept.
void CheckPrecisionMode(const std::string& mode);

// Rewrites `graph` and its `weights` for graph.precision_mode; every node's shape function is
// run again so a kernel without float16 support is reported, naming the node.
void ApplyPrecisionMode(model::ModelGraph& graph, std::vector<uint8_t>& weights);

}  // namespace aclsim::onnx_import
