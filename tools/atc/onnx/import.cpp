#include "import.h"

#include <set>

#include <fmt/format.h>

#include "common/error.h"
#include "common/text.h"
#include "converter_table.h"
#include "graph_builder.h"
#include "onnx_model.h"
#include "onnx_node.h"
#include "precision.h"

namespace aclsim::onnx_import {
namespace {

// ONNX op attributes that carry no meaning for inference (legacy memory hints of opset 1).
bool IgnoredAttribute(const std::string& name) { return name == "consumed_inputs"; }

int64_t ParseInt(const std::string& text, const std::string& what) {
  size_t used = 0;
  int64_t value = 0;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size()) Fail(ACL_ERROR_INVALID_PARAM, "{}: \"{}\" is not an integer", what, text);
  return value;
}

// The dims of graph input `info`: --input_shape's, else the ONNX dim values.
sim::Shape InputDims(const onnx::ValueInfoProto& info, const ImportOptions& options) {
  if (auto it = options.input_shapes.find(info.name()); it != options.input_shapes.end()) return it->second;
  sim::Shape dims;
  for (const auto& d : info.type().tensor_type().shape().dim()) {
    if (!d.has_dim_value() || d.dim_value() < 0) {
      Fail(ACL_ERROR_INVALID_PARAM, "input \"{}\" has a symbolic dim \"{}\"; give its shape with "
           "--input_shape=\"{}:...\"", info.name(), d.dim_param(), info.name());
    }
    dims.push_back(d.dim_value());
  }
  return dims;
}

void ConvertNode(const onnx::NodeProto& proto, int index, int64_t opset, GraphBuilder& b) {
  const OnnxNode node(proto, index, opset, b);
  b.BeginNode(node.Describe(), proto.name().empty() ? proto.op_type() + "_" + std::to_string(index) : proto.name());
  if (!proto.domain().empty() && proto.domain() != "ai.onnx") {
    node.Fail("operators of domain \"{}\" are not supported (only ai.onnx)", proto.domain());
  }
  bool known = false;
  const Converter* converter = FindConverter(proto.op_type(), opset, &known);
  if (converter == nullptr) {
    if (known) node.Fail("op {} is not supported at opset {}", proto.op_type(), opset);
    node.Fail("op {} is not supported by aclsim's atc", proto.op_type());
  }
  for (const auto& attr : proto.attribute()) {
    bool handled = IgnoredAttribute(attr.name());
    for (const auto& name : converter->attrs) handled = handled || name == attr.name();
    if (!handled) node.FailAttr(attr.name(), "is not supported by the {} converter", proto.op_type());
  }
  converter->fn(node, b);
  for (int i = 0; i < proto.output_size(); ++i) {
    if (!proto.output(i).empty() && b.Find(proto.output(i)) < 0) {
      node.Fail("output {} \"{}\" is not produced by the conversion", i, proto.output(i));
    }
  }
}

}  // namespace

std::map<std::string, std::vector<int64_t>> ParseInputShapes(const std::string& text) {
  std::map<std::string, std::vector<int64_t>> shapes;
  for (const std::string& entry : SplitFields(text, ';')) {
    if (entry.empty()) continue;
    const size_t colon = entry.rfind(':');
    if (colon == std::string::npos || colon == 0) {
      Fail(ACL_ERROR_INVALID_PARAM, "--input_shape entry \"{}\" is not name:dim,dim,...", entry);
    }
    std::vector<int64_t> dims;
    const std::string list = entry.substr(colon + 1);
    if (!list.empty()) {
      for (const std::string& d : SplitFields(list, ',')) {
        dims.push_back(ParseInt(d, "--input_shape \"" + entry + "\""));
        if (dims.back() < -1) Fail(ACL_ERROR_INVALID_PARAM, "--input_shape \"{}\": a dim is a size, or -1", entry);
      }
    }
    shapes[entry.substr(0, colon)] = dims;
  }
  return shapes;
}

std::vector<std::pair<std::string, int>> ParseOutNodes(const std::string& text) {
  std::vector<std::pair<std::string, int>> nodes;
  for (const std::string& entry : SplitFields(text, ';')) {
    if (entry.empty()) continue;
    const size_t colon = entry.rfind(':');
    if (colon == std::string::npos) Fail(ACL_ERROR_INVALID_PARAM, "--out_nodes entry \"{}\" is not node:index", entry);
    nodes.emplace_back(entry.substr(0, colon),
                       static_cast<int>(ParseInt(entry.substr(colon + 1), "--out_nodes \"" + entry + "\"")));
  }
  return nodes;
}

ImportResult ImportOnnx(const ImportOptions& options) {
  const onnx::ModelProto model = LoadModel(options.model_path);
  const onnx::GraphProto& graph = model.graph();
  ImportResult result;
  result.opset = DefaultOpset(model);
  result.onnx_nodes = static_cast<size_t>(graph.node_size());
  if (result.opset > 17) {
    Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "\"{}\" uses ONNX opset {}; aclsim's atc converts opsets up to 17",
         options.model_path, result.opset);
  }
  if (!options.input_format.empty() && options.input_format != "NCHW" && options.input_format != "ND") {
    Fail(ACL_ERROR_INVALID_PARAM, "--input_format={} is not supported for ONNX models (NCHW or ND)", options.input_format);
  }

  GraphBuilder b;
  std::set<std::string> initializers;
  for (const auto& init : graph.initializer()) {
    b.AddConstant(init.name(), ConstantFromProto(init, "initializer \"" + init.name() + "\""));
    initializers.insert(init.name());
  }
  std::vector<int32_t> inputs;
  std::set<std::string> seen_shapes;
  for (const auto& info : graph.input()) {
    if (initializers.count(info.name())) continue;  // IR < 4 lists initializers as inputs too
    if (!info.type().has_tensor_type()) {
      Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "input \"{}\" is not a tensor (sequences, maps and optionals are not "
           "supported)", info.name());
    }
    sim::TensorSpec spec(DTypeFromOnnx(info.type().tensor_type().elem_type(), "input \"" + info.name() + "\""),
                         InputDims(info, options));
    if (spec.shape.size() == 4 && options.input_format != "ND") spec.format = sim::Format::kNCHW;
    inputs.push_back(b.AddInput(info.name(), spec));
    seen_shapes.insert(info.name());
  }
  for (const auto& [name, dims] : options.input_shapes) {
    for (int64_t d : dims) {
      if (d < 0) {
        Fail(ACL_ERROR_INVALID_PARAM, "--input_shape gives input \"{}\" a dim of -1: give the gears it takes with "
             "--dynamic_batch_size, --dynamic_image_size or --dynamic_dims", name);
      }
    }
    if (!seen_shapes.count(name)) Fail(ACL_ERROR_INVALID_PARAM, "--input_shape names \"{}\", which is not an input of "
                                       "the model", name);
  }

  std::vector<std::string> output_names;
  if (options.out_nodes.empty()) {
    for (const auto& out : graph.output()) output_names.push_back(out.name());
  } else {
    for (const auto& [node_name, index] : options.out_nodes) {
      const onnx::NodeProto* found = nullptr;
      for (const auto& n : graph.node()) {
        if (n.name() == node_name) found = &n;
      }
      if (found == nullptr) Fail(ACL_ERROR_INVALID_PARAM, "--out_nodes: the model has no node \"{}\"", node_name);
      if (index < 0 || index >= found->output_size()) {
        Fail(ACL_ERROR_INVALID_PARAM, "--out_nodes: node \"{}\" has no output {}", node_name, index);
      }
      output_names.push_back(found->output(index));
    }
  }
  for (const auto& name : output_names) b.MarkOutputName(name);
  std::map<std::string, int> consumers;
  for (const auto& n : graph.node()) {
    for (const auto& input : n.input()) ++consumers[input];
  }
  b.SetOnnxConsumers(std::move(consumers));

  for (int i = 0; i < graph.node_size(); ++i) ConvertNode(graph.node(i), i, result.opset, b);

  std::vector<int32_t> outputs;
  b.BeginNode("", "");
  for (const auto& name : output_names) {
    const int32_t t = b.Find(name);
    if (t < 0) Fail(ACL_ERROR_PARSE_MODEL, "output \"{}\" is produced by no node, input or initializer", name);
    outputs.push_back(t);
  }
  GraphBuilder::Result built = b.Finish(inputs, outputs);
  result.graph = std::move(built.graph);
  result.weights = std::move(built.weights);
  result.graph.name = graph.name();
  result.graph.soc_version = options.soc_version;
  result.graph.precision_mode = options.precision_mode;
  ApplyPrecisionMode(result.graph, result.weights);
  return result;
}

}  // namespace aclsim::onnx_import
