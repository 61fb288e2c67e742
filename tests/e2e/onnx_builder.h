// Building small ONNX models in tests with the protobuf classes of libonnx-dev: value infos,
// nodes, attributes, initializers, writing the model file for atc, and models several tests share.
#pragma once

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace aclsim_e2e {

inline void AddValueInfo(google::protobuf::RepeatedPtrField<onnx::ValueInfoProto>* list, const std::string& name,
                  const std::vector<int64_t>& dims, int32_t type = onnx::TensorProto::FLOAT,
                  const std::string& symbolic = "") {
  onnx::ValueInfoProto* info = list->Add();
  info->set_name(name);
  auto* tensor = info->mutable_type()->mutable_tensor_type();
  tensor->set_elem_type(type);
  auto* shape = tensor->mutable_shape();
  for (int64_t d : dims) {
    auto* dim = shape->add_dim();
    if (d < 0) dim->set_dim_param(symbolic);
    else dim->set_dim_value(d);
  }
}

inline onnx::NodeProto* AddNode(onnx::GraphProto* graph, const std::string& op, const std::vector<std::string>& inputs,
                         const std::vector<std::string>& outputs, const std::string& name = "") {
  onnx::NodeProto* node = graph->add_node();
  node->set_op_type(op);
  node->set_name(name.empty() ? op + std::to_string(graph->node_size()) : name);
  for (const auto& i : inputs) node->add_input(i);
  for (const auto& o : outputs) node->add_output(o);
  return node;
}

inline void AddIntAttr(onnx::NodeProto* node, const std::string& name, int64_t value) {
  auto* a = node->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(value);
}

inline void AddStringAttr(onnx::NodeProto* node, const std::string& name, const std::string& value) {
  auto* a = node->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(value);
}

inline void AddIntsAttr(onnx::NodeProto* node, const std::string& name, const std::vector<int64_t>& values) {
  auto* a = node->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INTS);
  for (int64_t v : values) a->add_ints(v);
}

inline void AddFloats(onnx::GraphProto* graph, const std::string& name, const std::vector<int64_t>& dims,
               const std::vector<float>& values) {
  onnx::TensorProto* t = graph->add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::FLOAT);
  for (int64_t d : dims) t->add_dims(d);
  for (float v : values) t->add_float_data(v);
}

inline void AddInt64s(onnx::GraphProto* graph, const std::string& name, const std::vector<int64_t>& dims,
               const std::vector<int64_t>& values) {
  onnx::TensorProto* t = graph->add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::INT64);
  for (int64_t d : dims) t->add_dims(d);
  t->set_raw_data(std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(int64_t)));
}

inline onnx::ModelProto NewModel(int64_t opset = 13) {
  onnx::ModelProto model;
  model.set_ir_version(7);
  auto* import = model.add_opset_import();
  import->set_domain("");
  import->set_version(opset);
  model.mutable_graph()->set_name("test_graph");
  return model;
}

// y = Relu(x) * 2 with every dim of x symbolic: the model dynamic gears are converted from.
inline onnx::ModelProto ReluTimesTwo() {
  onnx::ModelProto model = NewModel();
  onnx::GraphProto* g = model.mutable_graph();
  AddValueInfo(g->mutable_input(), "x", {-1, -1, -1, -1}, onnx::TensorProto::FLOAT, "d");
  AddFloats(g, "two", {}, {2.0f});
  AddNode(g, "Relu", {"x"}, {"r"});
  AddNode(g, "Mul", {"r", "two"}, {"y"});
  onnx::ValueInfoProto* y = g->add_output();
  y->set_name("y");
  y->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
  return model;
}

// What ReluTimesTwo computes, for checking its outputs.
inline std::vector<float> ReluTimesTwoOf(const std::vector<float>& x) {
  std::vector<float> y;
  for (float v : x) y.push_back(std::max(v, 0.0f) * 2.0f);
  return y;
}

inline bool SaveModel(const onnx::ModelProto& model, const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  return model.SerializeToOstream(&out);
}

}  // namespace aclsim_e2e
