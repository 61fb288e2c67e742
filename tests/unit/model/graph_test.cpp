// The model graph section: serialise and parse back, and the faults ParseGraph must refuse
// (each a parse error naming the field) rather than let the planner index out of range.
#include "model/graph.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace aclsim::model {
namespace {

// x float32 [-1, 3] -> Neg -> y, dynamic batch with gears 1 and 4.
ModelGraph DynamicNeg() {
  ModelGraph g;
  g.name = "neg";
  g.tensors = {GraphTensor{"x", sim::DType::kFloat32, sim::Format::kND, {-1, 3}, std::nullopt},
               GraphTensor{"y", sim::DType::kFloat32, sim::Format::kND, {-1, 3}, std::nullopt},
               GraphTensor{kDynamicInputName, sim::DType::kInt64, sim::Format::kND, {1}, std::nullopt}};
  g.nodes = {GraphNode{"neg", "Neg", {0}, {1}, {}}};
  g.inputs = {0, 2};
  g.outputs = {1};
  g.dynamic = {DynamicKind::kBatch, {{1}, {4}}};
  return g;
}

std::string ParseMessage(const ModelGraph& g) {
  try {
    ParseGraph(SerializeGraph(g), 0, "m.om");
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ACL_ERROR_PARSE_MODEL);
    return e.what();
  }
  return "";
}

TEST(Graph, RoundTripKeepsTensorsNodesIoAndGears) {
  const ModelGraph g = ParseGraph(SerializeGraph(DynamicNeg()), 0, "m.om");
  ASSERT_EQ(g.tensors.size(), 3u);
  EXPECT_EQ(g.tensors[0].dims, (std::vector<int64_t>{-1, 3}));
  EXPECT_EQ(g.nodes[0].type, "Neg");
  EXPECT_EQ(g.inputs, (std::vector<int32_t>{0, 2}));
  EXPECT_EQ(g.dynamic.kind, DynamicKind::kBatch);
  EXPECT_EQ(g.dynamic.gears, (std::vector<std::vector<int64_t>>{{1}, {4}}));
}

TEST(Graph, AGearWithTheWrongNumberOfValuesIsRefused) {
  ModelGraph g = DynamicNeg();
  g.dynamic.kind = DynamicKind::kImageSize;  // two values per gear, and an even number of -1 dims
  EXPECT_NE(ParseMessage(g).find("dims of -1"), std::string::npos);
  g = DynamicNeg();
  g.dynamic.gears = {{1, 2}};
  EXPECT_NE(ParseMessage(g).find("a gear has 2 values, each needs 1"), std::string::npos);
}

TEST(Graph, AGearValueThatIsNotASizeIsRefused) {
  ModelGraph g = DynamicNeg();
  g.dynamic.gears = {{0}};
  EXPECT_NE(ParseMessage(g).find("gear value 0 is not a size"), std::string::npos);
}

TEST(Graph, AGearInputOfTheWrongShapeIsRefused) {
  ModelGraph g = DynamicNeg();
  g.tensors[2].dims = {2};
  EXPECT_NE(ParseMessage(g).find("must be int64 [1]"), std::string::npos);
}

TEST(Graph, AnIndexOutOfRangeIsRefused) {
  ModelGraph g = DynamicNeg();
  g.nodes[0].inputs = {7};
  EXPECT_NE(ParseMessage(g).find("tensor index 7 is out of range"), std::string::npos);
}

TEST(Graph, ANodeReadingATensorProducedLaterIsRefused) {
  ModelGraph g = DynamicNeg();
  g.nodes[0].inputs = {1};
  EXPECT_NE(ParseMessage(g).find("is not produced before the node"), std::string::npos);
}

TEST(Graph, AnOperatorTheKernelLibraryLacksIsRefused) {
  ModelGraph g = DynamicNeg();
  g.nodes[0].type = "NoSuchOp";
  EXPECT_NE(ParseMessage(g).find("\"NoSuchOp\" is not in the kernel library"), std::string::npos);
}

}  // namespace
}  // namespace aclsim::model
