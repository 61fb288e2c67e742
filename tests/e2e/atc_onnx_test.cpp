// atc --framework=5 as users run it: small ONNX models built here with the protobuf classes,
// converted by the atc binary, and the written .om read back (ParseOm + ParseGraph) to check the
// graph: the kernel-library ops, constant folding, shapes, names, precision, and the messages of
// the conversions that must fail.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "e2e_util.h"
#include "onnx_builder.h"
#include "model/graph.h"
#include "model/om_format.h"

namespace aclsim_e2e {
namespace {

using aclsim::model::ModelGraph;

// y = x + b with x [2, 3] and b a [3] initializer.
onnx::ModelProto AddModel() {
  onnx::ModelProto model = NewModel();
  onnx::GraphProto* g = model.mutable_graph();
  AddValueInfo(g->mutable_input(), "x", {2, 3});
  AddFloats(g, "b", {3}, {1, 2, 3});
  AddNode(g, "Add", {"x", "b"}, {"y"}, "add");
  AddValueInfo(g->mutable_output(), "y", {2, 3});
  return model;
}

class AtcOnnxTest : public ::testing::Test {
 protected:
  // Writes `model` and converts it to <dir>/out.om with `extra` options.
  AtcResult Convert(const onnx::ModelProto& model, std::vector<std::string> extra = {}) {
    std::ofstream out(dir_ / "model.onnx", std::ios::binary);
    model.SerializeToOstream(&out);
    out.close();
    std::vector<std::string> options = {"--framework=5", "--model=" + (dir_ / "model.onnx"),
                                        "--output=" + (dir_ / "out"), "--soc_version=Ascend310"};
    bool precision = false;
    for (const auto& e : extra) precision = precision || e.rfind("--precision_mode", 0) == 0;
    if (!precision) options.push_back("--precision_mode=must_keep_origin_dtype");
    options.insert(options.end(), extra.begin(), extra.end());
    return RunAtcWith(options, dir_ / "atc.log");
  }

  // The graph of <dir>/out.om.
  ModelGraph Graph() {
    const std::string bytes = ReadFile(dir_ / "out.om");
    const auto om = aclsim::model::ParseOm(bytes.data(), bytes.size(), "out.om");
    weights_size_ = om.weights_size;
    return aclsim::model::ParseGraph(om.graph_json, om.weights_size, "out.om");
  }

  static std::vector<std::string> Types(const ModelGraph& g) {
    std::vector<std::string> types;
    for (const auto& n : g.nodes) types.push_back(n.type);
    return types;
  }

  TempDir dir_;
  size_t weights_size_ = 0;
};

TEST_F(AtcOnnxTest, AddModelBecomesOneAddNodeWithTheOnnxInputAndOutputNames) {
  const AtcResult result = Convert(AddModel());
  ASSERT_EQ(result.exit_status, 0) << result.output;
  EXPECT_NE(result.output.find("ATC run success"), std::string::npos) << result.output;
  const ModelGraph g = Graph();
  EXPECT_EQ(Types(g), std::vector<std::string>{"Add"});
  ASSERT_EQ(g.inputs.size(), 1u);
  ASSERT_EQ(g.outputs.size(), 1u);
  EXPECT_EQ(g.tensors[g.inputs[0]].name, "x");
  EXPECT_EQ(g.tensors[g.outputs[0]].name, "y");
  EXPECT_EQ(g.tensors[g.outputs[0]].dims, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(g.precision_mode, "must_keep_origin_dtype");
  EXPECT_EQ(g.soc_version, "Ascend310");
}

TEST_F(AtcOnnxTest, OutputNameGetsTheOmSuffix) {
  ASSERT_EQ(Convert(AddModel()).exit_status, 0);
  EXPECT_EQ(OmFiles(dir_.path()), std::vector<std::string>{"out.om"});
}

TEST_F(AtcOnnxTest, ShapeGatherConcatReshapeChainIsFoldedIntoOneReshape) {
  onnx::ModelProto model = NewModel();
  onnx::GraphProto* g = model.mutable_graph();
  AddValueInfo(g->mutable_input(), "x", {2, 3, 4});
  AddInt64s(g, "zero", {1}, {0});
  AddInt64s(g, "minus_one", {1}, {-1});
  AddNode(g, "Shape", {"x"}, {"shape"});
  AddNode(g, "Gather", {"shape", "zero"}, {"batch"});
  AddNode(g, "Concat", {"batch", "minus_one"}, {"target"})->add_attribute()->CopyFrom([] {
    onnx::AttributeProto a;
    a.set_name("axis");
    a.set_type(onnx::AttributeProto::INT);
    a.set_i(0);
    return a;
  }());
  AddNode(g, "Reshape", {"x", "target"}, {"y"});
  AddValueInfo(g->mutable_output(), "y", {2, 12});
  const AtcResult result = Convert(model);
  ASSERT_EQ(result.exit_status, 0) << result.output;
  const ModelGraph graph = Graph();
  ASSERT_EQ(Types(graph), std::vector<std::string>{"Reshape"});
  const auto& shape_input = graph.tensors[graph.nodes[0].inputs[1]];
  EXPECT_TRUE(shape_input.weight.has_value()) << "the computed shape must be a constant";
  EXPECT_EQ(graph.tensors[graph.outputs[0]].dims, (std::vector<int64_t>{2, 12}));
}

TEST_F(AtcOnnxTest, BatchNormalizationAfterConvIsFoldedIntoTheConv) {
  onnx::ModelProto model = NewModel();
  onnx::GraphProto* g = model.mutable_graph();
  AddValueInfo(g->mutable_input(), "x", {1, 2, 4, 4});
  AddFloats(g, "w", {2, 2, 1, 1}, {1, 0, 0, 1});
  for (const char* p : {"scale", "bias", "mean", "var"}) AddFloats(g, p, {2}, {1, 1});
  AddNode(g, "Conv", {"x", "w"}, {"conv_out"});
  AddNode(g, "BatchNormalization", {"conv_out", "scale", "bias", "mean", "var"}, {"y"});
  AddValueInfo(g->mutable_output(), "y", {1, 2, 4, 4});
  const AtcResult result = Convert(model);
  ASSERT_EQ(result.exit_status, 0) << result.output;
  const ModelGraph graph = Graph();
  ASSERT_EQ(Types(graph), std::vector<std::string>{"Conv2D"});
  EXPECT_EQ(graph.nodes[0].inputs.size(), 3u) << "the folded BN becomes the conv's bias";
  EXPECT_EQ(graph.tensors[graph.outputs[0]].name, "y");
}

TEST_F(AtcOnnxTest, ThreeDimensionalConvBecomesConv3DWithSixPads) {
  onnx::ModelProto model = NewModel();
  onnx::GraphProto* g = model.mutable_graph();
  AddValueInfo(g->mutable_input(), "x", {1, 2, 5, 6, 7});
  AddFloats(g, "w", {4, 2, 3, 3, 3}, std::vector<float>(4 * 2 * 27, 0.5f));
  onnx::NodeProto* conv = AddNode(g, "Conv", {"x", "w"}, {"y"});
  AddIntsAttr(conv, "pads", {1, 0, 2, 1, 0, 2});  // ONNX: all begins, then all ends
  AddIntsAttr(conv, "strides", {1, 2, 1});
  AddIntsAttr(conv, "dilations", {2, 1, 1});
  AddValueInfo(g->mutable_output(), "y", {1, 4, 3, 2, 9});
  const AtcResult result = Convert(model);
  ASSERT_EQ(result.exit_status, 0) << result.output;
  const ModelGraph graph = Graph();
  ASSERT_EQ(Types(graph), std::vector<std::string>{"Conv3D"});
  const aclsim::sim::Attrs& attrs = graph.nodes[0].attrs;
  EXPECT_EQ(std::get<std::vector<int64_t>>(attrs.at("pads")), (std::vector<int64_t>{1, 1, 0, 0, 2, 2}));
  EXPECT_EQ(std::get<std::vector<int64_t>>(attrs.at("strides")), (std::vector<int64_t>{1, 1, 1, 2, 1}));
  EXPECT_EQ(std::get<std::vector<int64_t>>(attrs.at("dilations")), (std::vector<int64_t>{1, 1, 2, 1, 1}));
  EXPECT_EQ(std::get<std::string>(attrs.at("data_format")), "NCDHW");
  // D: 5 + 1 + 1 - 5 (the dilated window) + 1 = 3; H: (6 - 3) / 2 + 1 = 2; W: 7 + 2 + 2 - 3 + 1 = 9.
  EXPECT_EQ(graph.tensors[graph.outputs[0]].dims, (std::vector<int64_t>{1, 4, 3, 2, 9}));
}

TEST_F(AtcOnnxTest, DilatedTwoDimensionalMaxPoolRunsAsMaxPool3DWithADepthOfOne) {
  onnx::ModelProto model = NewModel();
  onnx::GraphProto* g = model.mutable_graph();
  AddValueInfo(g->mutable_input(), "x", {1, 3, 8, 9});
  onnx::NodeProto* pool = AddNode(g, "MaxPool", {"x"}, {"y"});
  AddIntsAttr(pool, "kernel_shape", {2, 2});
  AddIntsAttr(pool, "dilations", {2, 3});
  AddValueInfo(g->mutable_output(), "y", {1, 3, 6, 6});
  const AtcResult result = Convert(model);
  ASSERT_EQ(result.exit_status, 0) << result.output;
  const ModelGraph graph = Graph();
  ASSERT_EQ(Types(graph), (std::vector<std::string>{"Reshape", "MaxPool3D", "Reshape"}));
  const aclsim::sim::Attrs& attrs = graph.nodes[1].attrs;
  EXPECT_EQ(std::get<std::vector<int64_t>>(attrs.at("dilation")), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(std::get<std::vector<int64_t>>(attrs.at("ksize")), (std::vector<int64_t>{1, 1, 1, 2, 2}));
  EXPECT_EQ(graph.tensors[graph.outputs[0]].dims, (std::vector<int64_t>{1, 3, 6, 6}));
}

TEST_F(AtcOnnxTest, ThreeDimensionalAveragePoolBecomesAvgPool3DAndDilatedAveragePoolFails) {
  onnx::ModelProto model = NewModel();
  onnx::GraphProto* g = model.mutable_graph();
  AddValueInfo(g->mutable_input(), "x", {1, 2, 4, 4, 4});
  onnx::NodeProto* pool = AddNode(g, "AveragePool", {"x"}, {"y"}, "avg");
  AddIntsAttr(pool, "kernel_shape", {2, 2, 2});
  AddIntsAttr(pool, "pads", {1, 1, 1, 0, 0, 0});
  AddIntAttr(pool, "count_include_pad", 1);
  AddValueInfo(g->mutable_output(), "y", {1, 2, 4, 4, 4});
  AtcResult result = Convert(model);
  ASSERT_EQ(result.exit_status, 0) << result.output;
  const ModelGraph graph = Graph();
  ASSERT_EQ(Types(graph), std::vector<std::string>{"AvgPool3D"});
  EXPECT_EQ(std::get<std::vector<int64_t>>(graph.nodes[0].attrs.at("pads")), (std::vector<int64_t>{1, 0, 1, 0, 1, 0}));
  EXPECT_TRUE(std::get<bool>(graph.nodes[0].attrs.at("count_include_pad")));
  AddIntsAttr(pool, "dilations", {1, 2, 1});
  result = Convert(model);
  EXPECT_EQ(result.exit_status, 1);
  EXPECT_NE(result.output.find("\"avg\""), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("dilations"), std::string::npos) << result.output;
}

TEST_F(AtcOnnxTest, ScatterNDReductionIsPassedToTensorScatterUpdate) {
  onnx::ModelProto model = NewModel(16);
  onnx::GraphProto* g = model.mutable_graph();
  AddValueInfo(g->mutable_input(), "x", {4, 2});
  AddInt64s(g, "indices", {1, 1}, {2});
  AddFloats(g, "updates", {1, 2}, {1, 1});
  AddStringAttr(AddNode(g, "ScatterND", {"x", "indices", "updates"}, {"y"}), "reduction", "mul");
  AddValueInfo(g->mutable_output(), "y", {4, 2});
  const AtcResult result = Convert(model);
  ASSERT_EQ(result.exit_status, 0) << result.output;
  const ModelGraph graph = Graph();
  ASSERT_EQ(Types(graph), std::vector<std::string>{"TensorScatterUpdate"});
  EXPECT_EQ(std::get<std::string>(graph.nodes[0].attrs.at("reduction")), "mul");
}

TEST_F(AtcOnnxTest, PerAxisQuantizeLinearBroadcastsTheScaleAlongTheAxis) {
  onnx::ModelProto model = NewModel();
  onnx::GraphProto* g = model.mutable_graph();
  AddValueInfo(g->mutable_input(), "x", {1, 3, 2, 2});
  AddValueInfo(g->mutable_input(), "scale", {3});
  AddValueInfo(g->mutable_input(), "zero_point", {3}, onnx::TensorProto::INT8);
  AddNode(g, "QuantizeLinear", {"x", "scale", "zero_point"}, {"y"});
  AddValueInfo(g->mutable_output(), "y", {1, 3, 2, 2}, onnx::TensorProto::INT8);
  const AtcResult result = Convert(model);
  ASSERT_EQ(result.exit_status, 0) << result.output;
  const ModelGraph graph = Graph();
  const auto types = Types(graph);
  for (const char* op : {"Div", "Round", "Add", "ClipByValue"}) {
    EXPECT_NE(std::find(types.begin(), types.end(), op), types.end()) << op;
  }
  const auto& div = *std::find_if(graph.nodes.begin(), graph.nodes.end(), [](const auto& n) { return n.type == "Div"; });
  EXPECT_EQ(graph.tensors[div.inputs[1]].dims, (std::vector<int64_t>{3, 1, 1})) << "scale on axis 1";
  EXPECT_EQ(graph.nodes.back().type, "Cast");
  EXPECT_EQ(graph.tensors[graph.outputs[0]].dtype, aclsim::sim::DType::kInt8);
}

TEST_F(AtcOnnxTest, MaxUnpoolWithAnOutputShapeKnownOnlyAtExecutionFailsNamingIt) {
  onnx::ModelProto model = NewModel(11);
  onnx::GraphProto* g = model.mutable_graph();
  AddValueInfo(g->mutable_input(), "x", {1, 1, 2, 2});
  AddValueInfo(g->mutable_input(), "i", {1, 1, 2, 2}, onnx::TensorProto::INT64);
  AddValueInfo(g->mutable_input(), "shape", {4}, onnx::TensorProto::INT64);
  onnx::NodeProto* unpool = AddNode(g, "MaxUnpool", {"x", "i", "shape"}, {"y"}, "unpool");
  AddIntsAttr(unpool, "kernel_shape", {2, 2});
  AddIntsAttr(unpool, "strides", {2, 2});
  AddValueInfo(g->mutable_output(), "y", {1, 1, 4, 4});
  const AtcResult result = Convert(model);
  EXPECT_EQ(result.exit_status, 1);
  EXPECT_NE(result.output.find("\"unpool\""), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("output_shape"), std::string::npos) << result.output;
}

TEST_F(AtcOnnxTest, ConvTransposeOutputShapeOneLargerThanTheStridesGiveBecomesOutputPadding) {
  onnx::ModelProto model = NewModel(11);
  onnx::GraphProto* g = model.mutable_graph();
  AddValueInfo(g->mutable_input(), "x", {1, 1, 3, 3});
  AddFloats(g, "w", {1, 2, 3, 3}, std::vector<float>(18, 1.0f));
  onnx::NodeProto* conv = AddNode(g, "ConvTranspose", {"x", "w"}, {"y"}, "deconv");
  AddIntsAttr(conv, "strides", {3, 2});
  AddIntsAttr(conv, "output_shape", {10, 8});  // the strides give 9 x 7
  AddValueInfo(g->mutable_output(), "y", {1, 2, 10, 8});
  AtcResult result = Convert(model);
  ASSERT_EQ(result.exit_status, 0) << result.output;
  const ModelGraph graph = Graph();
  ASSERT_EQ(Types(graph), std::vector<std::string>{"Conv2DTranspose"});
  EXPECT_EQ(std::get<std::vector<int64_t>>(graph.nodes[0].attrs.at("output_padding")),
            (std::vector<int64_t>{0, 0, 1, 1}));
  EXPECT_EQ(std::get<std::vector<int64_t>>(graph.nodes[0].attrs.at("pads")), (std::vector<int64_t>{0, 0, 0, 0}));
  EXPECT_EQ(graph.tensors[graph.outputs[0]].dims, (std::vector<int64_t>{1, 2, 10, 8}));
  // Two more rows would need a negative leading pad.
  conv->mutable_attribute(1)->set_ints(0, 11);
  result = Convert(model);
  EXPECT_EQ(result.exit_status, 1);
  EXPECT_NE(result.output.find("output_shape"), std::string::npos) << result.output;
}

TEST_F(AtcOnnxTest, TriluWithKGivenAtExecutionComparesConstantOffsetsWithK) {
  onnx::ModelProto model = NewModel(14);
  onnx::GraphProto* g = model.mutable_graph();
  AddValueInfo(g->mutable_input(), "x", {2, 3, 4});
  AddValueInfo(g->mutable_input(), "k", {}, onnx::TensorProto::INT64);
  AddIntAttr(AddNode(g, "Trilu", {"x", "k"}, {"y"}), "upper", 0);
  AddValueInfo(g->mutable_output(), "y", {2, 3, 4});
  const AtcResult result = Convert(model);
  ASSERT_EQ(result.exit_status, 0) << result.output;
  const ModelGraph graph = Graph();
  const auto types = Types(graph);
  ASSERT_EQ(types.back(), "SelectV2");
  const auto& compare = *std::find_if(graph.nodes.begin(), graph.nodes.end(),
                                      [](const auto& n) { return n.type == "LessEqual"; });
  const auto& offsets = graph.tensors[compare.inputs[0]];
  EXPECT_TRUE(offsets.weight.has_value()) << "the column - row offsets are a constant";
  EXPECT_EQ(offsets.dims, (std::vector<int64_t>{3, 4}));
  EXPECT_EQ(graph.tensors[graph.outputs[0]].dims, (std::vector<int64_t>{2, 3, 4}));
}

TEST_F(AtcOnnxTest, GatherNDWithBatchDimsPrependsTheBatchCoordinatesToTheIndices) {
  onnx::ModelProto model = NewModel();
  onnx::GraphProto* g = model.mutable_graph();
  AddValueInfo(g->mutable_input(), "data", {2, 3, 4});
  AddValueInfo(g->mutable_input(), "indices", {2, 5, 1}, onnx::TensorProto::INT64);
  AddIntAttr(AddNode(g, "GatherND", {"data", "indices"}, {"y"}), "batch_dims", 1);
  AddValueInfo(g->mutable_output(), "y", {2, 5, 4});
  const AtcResult result = Convert(model);
  ASSERT_EQ(result.exit_status, 0) << result.output;
  const ModelGraph graph = Graph();
  ASSERT_EQ(Types(graph).back(), "GatherNd");
  const auto& concat = *std::find_if(graph.nodes.begin(), graph.nodes.end(),
                                     [](const auto& n) { return n.type == "ConcatD"; });
  const auto& prefix = graph.tensors[concat.inputs[0]];
  EXPECT_TRUE(prefix.weight.has_value());
  EXPECT_EQ(prefix.dims, (std::vector<int64_t>{2, 5, 1}));
  EXPECT_EQ(graph.tensors[graph.nodes.back().inputs[1]].dims, (std::vector<int64_t>{2, 5, 2}));
  EXPECT_EQ(graph.tensors[graph.outputs[0]].dims, (std::vector<int64_t>{2, 5, 4}));
}

TEST_F(AtcOnnxTest, OnesidedDftIsOneMatMulBetweenTransposesWithHalfTheBins) {
  onnx::ModelProto model = NewModel(17);
  onnx::GraphProto* g = model.mutable_graph();
  AddValueInfo(g->mutable_input(), "x", {2, 8, 3, 1});
  onnx::NodeProto* dft = AddNode(g, "DFT", {"x"}, {"y"});
  AddIntAttr(dft, "axis", 1);
  AddIntAttr(dft, "onesided", 1);
  AddValueInfo(g->mutable_output(), "y", {2, 5, 3, 2});
  const AtcResult result = Convert(model);
  ASSERT_EQ(result.exit_status, 0) << result.output;
  const ModelGraph graph = Graph();
  const auto types = Types(graph);
  ASSERT_EQ(std::count(types.begin(), types.end(), "MatMulV2"), 1);
  const auto& matmul = *std::find_if(graph.nodes.begin(), graph.nodes.end(),
                                     [](const auto& n) { return n.type == "MatMulV2"; });
  EXPECT_TRUE(graph.tensors[matmul.inputs[1]].weight.has_value());
  EXPECT_EQ(graph.tensors[matmul.inputs[1]].dims, (std::vector<int64_t>{8, 10}));  // (n, re) -> (k, re/im), k < 5
  EXPECT_EQ(graph.tensors[graph.outputs[0]].dims, (std::vector<int64_t>{2, 5, 3, 2}));
}

TEST_F(AtcOnnxTest, EveryConstantIsStoredAt64ByteAlignedOffsets) {
  onnx::ModelProto model = AddModel();
  onnx::GraphProto* g = model.mutable_graph();
  AddFloats(g, "c", {3}, {4, 5, 6});
  g->mutable_node(0)->set_output(0, "t");
  AddNode(g, "Mul", {"t", "c"}, {"y"});
  ASSERT_EQ(Convert(model).exit_status, 0);
  const ModelGraph graph = Graph();
  int constants = 0;
  for (const auto& t : graph.tensors) {
    if (!t.weight) continue;
    ++constants;
    EXPECT_EQ(t.weight->offset % 64, 0u) << t.name;
  }
  EXPECT_EQ(constants, 2);
}

TEST_F(AtcOnnxTest, UnsupportedOpFailsNamingTheNodeAndTheOpType) {
  onnx::ModelProto model = NewModel();
  onnx::GraphProto* g = model.mutable_graph();
  AddValueInfo(g->mutable_input(), "x", {4});
  AddNode(g, "NonZero", {"x"}, {"y"}, "find_nonzero");
  const AtcResult result = Convert(model);
  EXPECT_EQ(result.exit_status, 1);
  EXPECT_NE(result.output.find("ATC run failed"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("\"find_nonzero\""), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("NonZero"), std::string::npos) << result.output;
  EXPECT_TRUE(OmFiles(dir_.path()).empty());
}

TEST_F(AtcOnnxTest, UnsupportedAttributeValueFailsNamingTheAttribute) {
  onnx::ModelProto model = NewModel();
  onnx::GraphProto* g = model.mutable_graph();
  AddValueInfo(g->mutable_input(), "x", {1, 1, 4, 4});
  AddFloats(g, "w", {1, 1, 1, 1}, {1});
  AddStringAttr(AddNode(g, "Conv", {"x", "w"}, {"y"}, "conv"), "auto_pad", "SOMETIMES");
  const AtcResult result = Convert(model);
  EXPECT_EQ(result.exit_status, 1);
  EXPECT_NE(result.output.find("\"conv\""), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("auto_pad"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("SOMETIMES"), std::string::npos) << result.output;
}

TEST_F(AtcOnnxTest, UnknownAttributeIsAnErrorNotIgnored) {
  onnx::ModelProto model = AddModel();
  AddIntAttr(model.mutable_graph()->mutable_node(0), "mystery", 1);
  const AtcResult result = Convert(model);
  EXPECT_EQ(result.exit_status, 1);
  EXPECT_NE(result.output.find("\"mystery\""), std::string::npos) << result.output;
}

TEST_F(AtcOnnxTest, FrameworkZeroIsNotSupportedYet) {
  const AtcResult result =
      RunAtcWith({"--framework=0", "--model=m.prototxt", "--output=out", "--soc_version=Ascend310"}, dir_ / "atc.log");
  EXPECT_EQ(result.exit_status, 1);
  EXPECT_NE(result.output.find("Caffe"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("not supported yet"), std::string::npos) << result.output;
}

TEST_F(AtcOnnxTest, MissingModelFileIsNamed) {
  const AtcResult result = RunAtcWith({"--framework=5", "--model=" + (dir_ / "absent.onnx"), "--output=" + (dir_ / "out"),
                                       "--soc_version=Ascend310"}, dir_ / "atc.log");
  EXPECT_EQ(result.exit_status, 1);
  EXPECT_NE(result.output.find("absent.onnx"), std::string::npos) << result.output;
}

TEST_F(AtcOnnxTest, SymbolicInputDimWithoutInputShapeNamesTheInput) {
  onnx::ModelProto model = AddModel();
  model.mutable_graph()->mutable_input()->Clear();
  AddValueInfo(model.mutable_graph()->mutable_input(), "x", {-1, 3}, onnx::TensorProto::FLOAT, "batch");
  const AtcResult result = Convert(model);
  EXPECT_EQ(result.exit_status, 1);
  EXPECT_NE(result.output.find("\"x\""), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("--input_shape"), std::string::npos) << result.output;
}

TEST_F(AtcOnnxTest, InputShapeFixesSymbolicDims) {
  onnx::ModelProto model = AddModel();
  model.mutable_graph()->mutable_input()->Clear();
  AddValueInfo(model.mutable_graph()->mutable_input(), "x", {-1, 3}, onnx::TensorProto::FLOAT, "batch");
  const AtcResult result = Convert(model, {"--input_shape=x:5,3"});
  ASSERT_EQ(result.exit_status, 0) << result.output;
  const ModelGraph g = Graph();
  EXPECT_EQ(g.tensors[g.outputs[0]].dims, (std::vector<int64_t>{5, 3}));
}

TEST_F(AtcOnnxTest, ForceFp16ComputesInFloat16WithCastsAtTheFloat32InputAndOutput) {
  const AtcResult result = Convert(AddModel(), {"--precision_mode=force_fp16"});
  ASSERT_EQ(result.exit_status, 0) << result.output;
  const ModelGraph g = Graph();
  EXPECT_EQ(Types(g), (std::vector<std::string>{"Cast", "Add", "Cast"}));
  EXPECT_EQ(g.tensors[g.inputs[0]].dtype, aclsim::sim::DType::kFloat32);
  EXPECT_EQ(g.tensors[g.outputs[0]].dtype, aclsim::sim::DType::kFloat32);
  for (int32_t t : g.nodes[1].inputs) EXPECT_EQ(g.tensors[t].dtype, aclsim::sim::DType::kFloat16);
}

TEST_F(AtcOnnxTest, ModeOneWritesTheGraphAsJson) {
  ASSERT_EQ(Convert(AddModel()).exit_status, 0);
  const AtcResult result = RunAtcWith({"--mode=1", "--om=" + (dir_ / "out.om"), "--json=" + (dir_ / "out.json")},
                                      dir_ / "dump.log");
  ASSERT_EQ(result.exit_status, 0) << result.output;
  EXPECT_NE(result.output.find("1 nodes"), std::string::npos) << result.output;
  const std::string json = ReadFile(dir_ / "out.json");
  EXPECT_NE(json.find("\"Add\""), std::string::npos) << json;
}

}  // namespace
}  // namespace aclsim_e2e
