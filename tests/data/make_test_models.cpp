// Writes the small hand-built models the aclmdl tests load (into the directory given as the only
// argument): each graph is built node by node with the model module's writer, so the API tests
// do not depend on the ONNX front end of atc.
//   add_relu.om   x, y float32[2,3] -> sum = x + y, relu = Relu(sum)  (two outputs)
//   const_mul.om  x float32[4] -> x * w, w = {1, 2, 3, 4} a weight
//   chain.om      x float32[64,64] -> Neg(Abs(Neg(Relu(x))))  (activations reuse work memory)
//   dyn_batch.om  x float32[-1,3], gears 1, 2, 4 -> Neg(x)
//   dyn_hw.om     x float32[1,1,-1,-1], gears (2,2), (4,3) -> Relu(x)
//   dyn_dims.om   a float32[-1,2], b float32[3,-1], gears (1,1), (2,5) -> Neg(a), Relu(b)
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "model/graph.h"
#include "model/om_format.h"

namespace {

using aclsim::model::DynamicKind;
using aclsim::model::GraphNode;
using aclsim::model::GraphTensor;
using aclsim::model::ModelGraph;
using aclsim::model::WeightRef;
using aclsim::sim::DType;

class Builder {
 public:
  explicit Builder(const std::string& name) {
    graph_.name = name;
    graph_.soc_version = "Ascend310";
    graph_.precision_mode = "must_keep_origin_dtype";
  }
  int32_t Tensor(const std::string& name, std::vector<int64_t> dims, DType dtype = DType::kFloat32) {
    graph_.tensors.push_back(GraphTensor{name, dtype, aclsim::sim::Format::kND, std::move(dims), std::nullopt});
    return static_cast<int32_t>(graph_.tensors.size() - 1);
  }
  int32_t Input(const std::string& name, std::vector<int64_t> dims, DType dtype = DType::kFloat32) {
    const int32_t t = Tensor(name, std::move(dims), dtype);
    graph_.inputs.push_back(t);
    return t;
  }
  int32_t Weight(const std::string& name, std::vector<int64_t> dims, const std::vector<float>& values) {
    const int32_t t = Tensor(name, std::move(dims));
    while (weights_.size() % aclsim::model::kOmAlignment != 0) weights_.push_back(0);
    const size_t offset = weights_.size();
    weights_.resize(offset + values.size() * sizeof(float));
    std::memcpy(weights_.data() + offset, values.data(), values.size() * sizeof(float));
    graph_.tensors[t].weight = WeightRef{offset, values.size() * sizeof(float)};
    return t;
  }
  int32_t Node(const std::string& type, std::vector<int32_t> inputs, const std::string& out, std::vector<int64_t> dims) {
    const int32_t t = Tensor(out, std::move(dims));
    graph_.nodes.push_back(GraphNode{type + "_" + std::to_string(graph_.nodes.size()), type, std::move(inputs), {t}, {}});
    return t;
  }
  void Output(int32_t t) { graph_.outputs.push_back(t); }
  void Dynamic(DynamicKind kind, std::vector<std::vector<int64_t>> gears) {
    graph_.dynamic = {kind, std::move(gears)};
    const auto values = static_cast<int64_t>(graph_.dynamic.gears[0].size());
    Input(aclsim::model::kDynamicInputName, {values}, DType::kInt64);
  }
  void Write(const std::string& dir) const {
    aclsim::model::WriteOm(dir + "/" + graph_.name + ".om", aclsim::model::OmKind::kModel,
                           aclsim::model::SerializeGraph(graph_), weights_.data(), weights_.size());
  }

 private:
  ModelGraph graph_;
  std::vector<uint8_t> weights_;
};

void Write(const std::string& dir) {
  {
    Builder b("add_relu");
    const int32_t x = b.Input("x", {2, 3}), y = b.Input("y", {2, 3});
    const int32_t sum = b.Node("Add", {x, y}, "sum", {2, 3});
    b.Output(sum);
    b.Output(b.Node("Relu", {sum}, "relu", {2, 3}));
    b.Write(dir);
  }
  {
    Builder b("const_mul");
    const int32_t x = b.Input("x", {4});
    b.Output(b.Node("Mul", {x, b.Weight("w", {4}, {1, 2, 3, 4})}, "y", {4}));
    b.Write(dir);
  }
  {
    Builder b("chain");
    int32_t t = b.Input("x", {64, 64});
    t = b.Node("Relu", {t}, "a", {64, 64});
    t = b.Node("Neg", {t}, "b", {64, 64});
    t = b.Node("Abs", {t}, "c", {64, 64});
    b.Output(b.Node("Neg", {t}, "y", {64, 64}));
    b.Write(dir);
  }
  {
    Builder b("dyn_batch");
    const int32_t x = b.Input("x", {-1, 3});
    b.Output(b.Node("Neg", {x}, "y", {-1, 3}));
    b.Dynamic(DynamicKind::kBatch, {{1}, {2}, {4}});
    b.Write(dir);
  }
  {
    Builder b("dyn_hw");
    const int32_t x = b.Input("x", {1, 1, -1, -1});
    b.Output(b.Node("Relu", {x}, "y", {1, 1, -1, -1}));
    b.Dynamic(DynamicKind::kImageSize, {{2, 2}, {4, 3}});
    b.Write(dir);
  }
  {
    Builder b("dyn_dims");
    const int32_t a = b.Input("a", {-1, 2}), c = b.Input("b", {3, -1});
    b.Output(b.Node("Neg", {a}, "na", {-1, 2}));
    b.Output(b.Node("Relu", {c}, "rb", {3, -1}));
    b.Dynamic(DynamicKind::kDims, {{1, 1}, {2, 5}});
    b.Write(dir);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_test_models <output dir>\n");
    return 2;
  }
  try {
    Write(argv[1]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "make_test_models: %s\n", e.what());
    return 1;
  }
  return 0;
}
