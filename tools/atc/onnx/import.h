// The ONNX front end as atc calls it: an ONNX file and atc's options in, a model graph and its
// weights section out.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/graph.h"

namespace aclsim::onnx_import {

struct ImportOptions {
  std::string model_path;
  std::string soc_version;
  std::string precision_mode = "force_fp16";  // CANN's default for inference SoCs
  std::string input_format;                   // "", NCHW or ND
  std::map<std::string, std::vector<int64_t>> input_shapes;  // --input_shape
  std::vector<std::pair<std::string, int>> out_nodes;        // --out_nodes: (node name, output index)
};

struct ImportResult {
  model::ModelGraph graph;
  std::vector<uint8_t> weights;
  int64_t opset = 0;
  size_t onnx_nodes = 0;
};

// Parses CANN's --input_shape ("name:1,3,224,224;name2:4") and --out_nodes ("node:0;node2:1").
std::map<std::string, std::vector<int64_t>> ParseInputShapes(const std::string& text);
std::vector<std::pair<std::string, int>> ParseOutNodes(const std::string& text);

// Throws Error naming the file, node, op type or attribute at fault.
ImportResult ImportOnnx(const ImportOptions& options);

}  // namespace aclsim::onnx_import
