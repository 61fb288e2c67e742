// The single-operator driver's parts: reducing a converted graph to one operator call, attribute
// kinds to aclopSetAttr* calls, descs, and its section of the report.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "acl/acl.h"
#include "acl/acl_op_compiler.h"
#include "op_case_runner.h"
#include "op_report.h"
#include "single_op.h"

namespace conformance {
namespace {

namespace model = aclsim::model;
namespace sim = aclsim::sim;

model::GraphTensor Tensor(std::string name, sim::DType dtype, std::vector<int64_t> dims,
                          sim::Format format = sim::Format::kND) {
  model::GraphTensor t;
  t.name = std::move(name);
  t.dtype = dtype;
  t.format = format;
  t.dims = std::move(dims);
  return t;
}

model::GraphNode Node(std::string type, std::vector<int32_t> inputs, std::vector<int32_t> outputs) {
  model::GraphNode n;
  n.name = type + "_0";
  n.type = std::move(type);
  n.inputs = std::move(inputs);
  n.outputs = std::move(outputs);
  return n;
}

// x (model input 0), y (model input 1) -> Add -> z (model output 0).
model::ModelGraph AddGraph() {
  model::ModelGraph g;
  g.tensors = {Tensor("x", sim::DType::kFloat32, {2, 3}), Tensor("y", sim::DType::kFloat32, {2, 3}),
               Tensor("z", sim::DType::kFloat32, {2, 3})};
  g.nodes = {Node("Add", {0, 1}, {2})};
  g.inputs = {0, 1};
  g.outputs = {2};
  return g;
}

// ---- reducing a graph -----------------------------------------------------------------------

TEST(ReduceToSingleOp, OneNodeOverModelInputsBecomesOneCall) {
  const Reduction r = ReduceToSingleOp(AddGraph(), nullptr, 0);
  ASSERT_TRUE(r.single);
  EXPECT_EQ(r.call.type, "Add");
  ASSERT_EQ(r.call.inputs.size(), 2u);
  EXPECT_EQ(r.call.inputs[0].source, OpInput::Source::kModelInput);
  EXPECT_EQ(r.call.inputs[0].model_input, 0u);
  EXPECT_EQ(r.call.inputs[1].model_input, 1u);
  ASSERT_EQ(r.call.outputs.size(), 1u);
  EXPECT_EQ(r.call.outputs[0].dtype, ACL_FLOAT);
  EXPECT_EQ(r.call.outputs[0].dims, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(r.call.model_outputs, (std::vector<size_t>{0}));
}

TEST(ReduceToSingleOp, NodeInputsMapToTheModelInputOrderNotTheTensorOrder) {
  model::ModelGraph g = AddGraph();
  g.inputs = {1, 0};  // tensor 1 is the model's first input
  const Reduction r = ReduceToSingleOp(g, nullptr, 0);
  ASSERT_TRUE(r.single);
  EXPECT_EQ(r.call.inputs[0].model_input, 1u);
  EXPECT_EQ(r.call.inputs[1].model_input, 0u);
}

TEST(ReduceToSingleOp, ConstantInputCarriesItsWeightBytes) {
  model::ModelGraph g = AddGraph();
  g.tensors[1].weight = model::WeightRef{64, 24};
  g.inputs = {0};
  std::vector<uint8_t> weights(128, 0);
  for (size_t i = 0; i < 24; ++i) weights[64 + i] = static_cast<uint8_t>(i + 1);
  const Reduction r = ReduceToSingleOp(g, weights.data(), weights.size());
  ASSERT_TRUE(r.single);
  EXPECT_EQ(r.call.inputs[1].source, OpInput::Source::kConstant);
  ASSERT_EQ(r.call.inputs[1].value.size(), 24u);
  EXPECT_EQ(r.call.inputs[1].value.front(), 1);
  EXPECT_EQ(r.call.inputs[1].value.back(), 24);
}

TEST(ReduceToSingleOp, WeightOutsideTheSectionThrows) {
  model::ModelGraph g = AddGraph();
  g.tensors[1].weight = model::WeightRef{64, 24};
  g.inputs = {0};
  std::vector<uint8_t> weights(80, 0);
  EXPECT_THROW(ReduceToSingleOp(g, weights.data(), weights.size()), std::runtime_error);
}

TEST(ReduceToSingleOp, AbsentInputBetweenGivenOnesStaysTrailingOnesAreDropped) {
  model::ModelGraph g = AddGraph();
  g.nodes = {Node("Add", {0, -1, 1, -1, -1}, {2})};
  const Reduction r = ReduceToSingleOp(g, nullptr, 0);
  ASSERT_TRUE(r.single);
  ASSERT_EQ(r.call.inputs.size(), 3u);
  EXPECT_EQ(r.call.inputs[1].source, OpInput::Source::kAbsent);
  EXPECT_EQ(r.call.inputs[1].desc.dtype, ACL_DT_UNDEFINED);
  EXPECT_EQ(r.call.inputs[1].desc.format, ACL_FORMAT_UNDEFINED);
  EXPECT_TRUE(r.call.inputs[1].desc.dims.empty());
}

TEST(ReduceToSingleOp, SeveralNodesAreNotOneOperatorAndNameTheirTypes) {
  model::ModelGraph g = AddGraph();
  g.tensors.push_back(Tensor("c", sim::DType::kFloat16, {2, 3}));
  g.nodes = {Node("Add", {0, 1}, {2}), Node("Cast", {2}, {3})};
  g.outputs = {3};
  const Reduction r = ReduceToSingleOp(g, nullptr, 0);
  EXPECT_FALSE(r.single);
  EXPECT_EQ(r.why.category, kSeveralOps);
  EXPECT_EQ(r.why.detail, "Add, Cast");
}

TEST(ReduceToSingleOp, NoNodeIsNotOneOperator) {
  model::ModelGraph g = AddGraph();
  g.nodes.clear();
  g.outputs = {0};
  const Reduction r = ReduceToSingleOp(g, nullptr, 0);
  EXPECT_FALSE(r.single);
  EXPECT_EQ(r.why.category, kNoOp);
}

TEST(ReduceToSingleOp, ModelOutputThatIsAModelInputIsNotComputedByTheOperator) {
  model::ModelGraph g = AddGraph();
  g.outputs = {2, 0};
  const Reduction r = ReduceToSingleOp(g, nullptr, 0);
  EXPECT_FALSE(r.single);
  EXPECT_EQ(r.why.category, kOutputNotComputed);
  EXPECT_EQ(r.why.detail, "a model input");
}

TEST(ReduceToSingleOp, NodeOutputsThatAreNotModelOutputsStillGetDescs) {
  model::ModelGraph g = AddGraph();
  g.tensors.push_back(Tensor("mask", sim::DType::kBool, {2, 3}));
  g.nodes = {Node("Dropout", {0}, {2, 3})};
  g.inputs = {0};
  g.outputs = {2};
  const Reduction r = ReduceToSingleOp(g, nullptr, 0);
  ASSERT_TRUE(r.single);
  ASSERT_EQ(r.call.outputs.size(), 2u);
  EXPECT_EQ(r.call.outputs[1].dtype, ACL_BOOL);
  EXPECT_EQ(r.call.model_outputs, (std::vector<size_t>{0}));
}

// ---- descs ----------------------------------------------------------------------------------

TEST(DescOf, TakesTheGraphsTypeFormatAndDims) {
  const DescSpec d = DescOf(Tensor("t", sim::DType::kFloat16, {1, 3, 4, 4}, sim::Format::kNCHW));
  EXPECT_EQ(d.dtype, ACL_FLOAT16);
  EXPECT_EQ(d.format, ACL_FORMAT_NCHW);
  EXPECT_EQ(d.dims, (std::vector<int64_t>{1, 3, 4, 4}));
  EXPECT_EQ(DescOf(Tensor("b", sim::DType::kBFloat16, {})).dtype, ACL_BF16);
  EXPECT_EQ(DescOf(Tensor("i", sim::DType::kInt64, {}, sim::Format::kNCDHW)).format, ACL_FORMAT_NCDHW);
}

TEST(DescBytes, IsElementsTimesTypeSizeAndZeroWhenUnknown) {
  EXPECT_EQ(DescBytes(DescSpec{ACL_FLOAT16, ACL_FORMAT_ND, {2, 3}}), 12u);
  EXPECT_EQ(DescBytes(DescSpec{ACL_INT64, ACL_FORMAT_ND, {}}), 8u);  // a scalar
  EXPECT_EQ(DescBytes(DescSpec{ACL_FLOAT, ACL_FORMAT_ND, {0, 5}}), 0u);
  EXPECT_EQ(DescBytes(DescSpec{ACL_FLOAT, ACL_FORMAT_ND, {-1, 5}}), 0u);
  EXPECT_EQ(DescBytes(AbsentDesc()), 0u);
}

TEST(CreateDesc, GivesTheSpecBackThroughThePublicGetters) {
  const DescSpec spec{ACL_INT32, ACL_FORMAT_NHWC, {1, 2, 2, 3}};
  aclTensorDesc* desc = CreateDesc(spec, nullptr);
  ASSERT_NE(desc, nullptr);
  DescSpec read;
  ASSERT_TRUE(ReadDesc(desc, read));
  EXPECT_EQ(read.dtype, spec.dtype);
  EXPECT_EQ(read.format, spec.format);
  EXPECT_EQ(read.dims, spec.dims);
  aclDestroyTensorDesc(desc);
}

TEST(CreateDesc, ScalarHasNoDims) {
  aclTensorDesc* desc = CreateDesc(DescSpec{ACL_FLOAT, ACL_FORMAT_ND, {}}, nullptr);
  ASSERT_NE(desc, nullptr);
  DescSpec read;
  ASSERT_TRUE(ReadDesc(desc, read));
  EXPECT_TRUE(read.dims.empty());
  aclDestroyTensorDesc(desc);
}

TEST(CreateDesc, ConstantDescIsCreatedWithItsValue) {
  const std::vector<uint8_t> value = {1, 0, 0, 0, 0, 0, 0, 0};
  aclTensorDesc* desc = CreateDesc(DescSpec{ACL_INT64, ACL_FORMAT_ND, {1}}, &value);
  ASSERT_NE(desc, nullptr);
  aclDestroyTensorDesc(desc);
}

// ---- attributes -----------------------------------------------------------------------------

TEST(SetterFor, EveryAttributeKindHasItsOwnSetter) {
  EXPECT_EQ(SetterFor(sim::AttrValue(true)), AttrSetter::kBool);
  EXPECT_EQ(SetterFor(sim::AttrValue(int64_t{3})), AttrSetter::kInt);
  EXPECT_EQ(SetterFor(sim::AttrValue(1.5f)), AttrSetter::kFloat);
  EXPECT_EQ(SetterFor(sim::AttrValue(std::string("NCHW"))), AttrSetter::kString);
  EXPECT_EQ(SetterFor(sim::AttrValue(sim::DType::kFloat16)), AttrSetter::kDataType);
  EXPECT_EQ(SetterFor(sim::AttrValue(std::vector<bool>{true})), AttrSetter::kListBool);
  EXPECT_EQ(SetterFor(sim::AttrValue(std::vector<int64_t>{1, 2})), AttrSetter::kListInt);
  EXPECT_EQ(SetterFor(sim::AttrValue(std::vector<float>{0.5f})), AttrSetter::kListFloat);
  EXPECT_EQ(SetterFor(sim::AttrValue(std::vector<std::string>{"a"})), AttrSetter::kListString);
  EXPECT_EQ(SetterFor(sim::AttrValue(std::vector<sim::DType>{sim::DType::kInt8})), AttrSetter::kListDataType);
  EXPECT_EQ(SetterFor(sim::AttrValue(std::vector<std::vector<int64_t>>{{1}, {2, 3}})), AttrSetter::kListListInt);
}

TEST(SetterName, NamesThePublicFunction) {
  EXPECT_STREQ(SetterName(AttrSetter::kListInt), "aclopSetAttrListInt");
  EXPECT_STREQ(SetterName(AttrSetter::kDataType), "aclopSetAttrDataType");
  EXPECT_STREQ(SetterName(AttrSetter::kListListInt), "aclopSetAttrListListInt");
}

TEST(ListListArgsOf, GivesEachListsCountAndFirstValue) {
  const std::vector<std::vector<int64_t>> values = {{1, 2, 3}, {}, {4}};
  const ListListArgs args = ListListArgsOf(values);
  EXPECT_EQ(args.counts, (std::vector<int>{3, 0, 1}));
  ASSERT_EQ(args.lists.size(), 3u);
  EXPECT_EQ(args.lists[0], values[0].data());
  EXPECT_EQ(args.lists[2][0], 4);
}

TEST(SetAttr, EveryKindIsAcceptedByItsSetter) {
  aclopAttr* attr = aclopCreateAttr();
  ASSERT_NE(attr, nullptr);
  const std::vector<std::pair<std::string, sim::AttrValue>> attrs = {
      {"b", true},
      {"i", int64_t{-7}},
      {"f", 0.25f},
      {"s", std::string("SAME")},
      {"t", sim::DType::kBFloat16},
      {"lb", std::vector<bool>{true, false}},
      {"li", std::vector<int64_t>{}},
      {"lf", std::vector<float>{1.0f, 2.0f}},
      {"ls", std::vector<std::string>{"x", "y"}},
      {"lt", std::vector<sim::DType>{sim::DType::kInt32, sim::DType::kFloat16}},
      {"lli", std::vector<std::vector<int64_t>>{{1, 2}, {3}}},
  };
  for (const auto& [name, value] : attrs) EXPECT_EQ(SetAttr(attr, name, value), ACL_SUCCESS) << name;
  aclopDestroyAttr(attr);
}

// The path the driver takes, on an operator whose result depends on a list attribute.
TEST(SetAttr, ListIntReachesTheOperatorThroughCompileAndExecuteV2) {
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  aclrtStream stream = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);
  aclTensorDesc* in = CreateDesc(DescSpec{ACL_FLOAT, ACL_FORMAT_ND, {2, 3}}, nullptr);
  aclTensorDesc* out = CreateDesc(DescSpec{ACL_FLOAT, ACL_FORMAT_ND, {3, 2}}, nullptr);
  aclopAttr* attr = aclopCreateAttr();
  ASSERT_EQ(SetAttr(attr, "perm", std::vector<int64_t>{1, 0}), ACL_SUCCESS);
  const float x[6] = {1, 2, 3, 4, 5, 6};
  void* dx = nullptr;
  void* dy = nullptr;
  ASSERT_EQ(aclrtMalloc(&dx, sizeof(x), ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtMalloc(&dy, sizeof(x), ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpy(dx, sizeof(x), x, sizeof(x), ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  aclDataBuffer* bx = aclCreateDataBuffer(dx, sizeof(x));
  aclDataBuffer* by = aclCreateDataBuffer(dy, sizeof(x));
  ASSERT_EQ(aclopCompile("TransposeD", 1, &in, 1, &out, attr, ACL_ENGINE_SYS, ACL_COMPILE_SYS, nullptr), ACL_SUCCESS)
      << aclGetRecentErrMsg();
  ASSERT_EQ(aclopExecuteV2("TransposeD", 1, &in, &bx, 1, &out, &by, attr, stream), ACL_SUCCESS)
      << aclGetRecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream), ACL_SUCCESS);
  float y[6] = {};
  ASSERT_EQ(aclrtMemcpy(y, sizeof(y), dy, sizeof(y), ACL_MEMCPY_DEVICE_TO_HOST), ACL_SUCCESS);
  const float expected[6] = {1, 4, 2, 5, 3, 6};
  EXPECT_EQ(std::memcmp(y, expected, sizeof(y)), 0);
  aclDestroyDataBuffer(bx);
  aclDestroyDataBuffer(by);
  aclrtFree(dx);
  aclrtFree(dy);
  aclopDestroyAttr(attr);
  aclDestroyTensorDesc(in);
  aclDestroyTensorDesc(out);
  aclrtDestroyStream(stream);
  aclrtResetDevice(0);
  aclFinalize();
}

// ---- the report -----------------------------------------------------------------------------

CaseResult Result(std::string name, bool passed, std::string cause = "", std::string detail = "") {
  return CaseResult{"node", std::move(name), passed, std::move(cause), std::move(detail)};
}

std::vector<CaseResult> SampleResults() {
  const std::string not_single = kNotSingleOpPrefix;
  return {Result("test_add", true),
          Result("test_sub", false, "wrong output values", "output 0"),
          Result("test_mul", false, "wrong output values", "output 0"),
          Result("test_relu", true),
          Result("test_lstm", false, not_single + kAtcFailed, "atc: op LSTM is not supported"),
          Result("test_mvn", false, not_single + kSeveralOnnxNodes, "4 nodes"),
          Result("test_celu", false, not_single + kSeveralOps, "Elu, Mul"),
          Result("test_selu", false, not_single + kSeveralOps, "Elu, Mul"),
          Result("test_identity", false, not_single + kNoOp, ""),
          Result("test_crash", false, "crash (signal 11)", "Segmentation fault")};
}

TEST(SummarizeOps, SplitsSingleOperatorCasesFromTheOthers) {
  const OpSummary s = SummarizeOps(SampleResults(), "node");
  EXPECT_EQ(s.cases, 10u);
  EXPECT_EQ(s.not_single_count(), 5u);
  EXPECT_EQ(s.single.total, 5u);
  EXPECT_EQ(s.single.passing, (std::vector<std::string>{"test_add", "test_relu"}));
  ASSERT_EQ(s.single.causes.size(), 2u);
  EXPECT_EQ(s.single.causes[0].first, "wrong output values");  // most cases first
  EXPECT_EQ(s.single.causes[0].second, (std::vector<std::string>{"test_mul", "test_sub"}));
  ASSERT_EQ(s.not_single.size(), 4u);
  EXPECT_EQ(s.not_single[0].first, kAtcFailed);  // by category name
}

TEST(RenderOpSection, CountsAndGroupsDeterministically) {
  std::vector<CaseResult> results = SampleResults();
  const std::string md = RenderOpSection(SummarizeOps(results, "node"), "");
  std::reverse(results.begin(), results.end());
  EXPECT_EQ(RenderOpSection(SummarizeOps(results, "node"), ""), md);
  EXPECT_EQ(md.rfind("\n## node", 0), 0u);
  EXPECT_NE(md.find("| 10 | 5 | 5 | 2 | 40.0% |"), std::string::npos);
  EXPECT_NE(md.find("- lowered into several kernel-library operators (2):\n  - `Elu, Mul` (2): test_celu, test_selu\n"),
            std::string::npos);
  EXPECT_NE(md.find("- more than one ONNX node (1)\n"), std::string::npos);
  EXPECT_NE(md.find("- `wrong output values` (2): test_mul, test_sub\n"), std::string::npos);
  EXPECT_EQ(md.find("Partial run"), std::string::npos);
}

}  // namespace
}  // namespace conformance
