// atc --singleop as users run it: each invalid description fails with a non-zero exit status, a
// message naming the entry and the field at fault, and no .om written (not even for the valid
// entries before the bad one).
#include "e2e_util.h"

namespace aclsim_e2e {
namespace {

class AtcSingleOpTest : public ::testing::Test {
 protected:
  AtcResult Compile(const std::string& json) {
    WriteFile(dir_ / "ops.json", json);
    return RunAtc(dir_ / "ops.json", dir_ / "out", dir_ / "atc.log");
  }
  TempDir dir_;
};

constexpr const char* kValidAdd = R"({"op": "Add",
  "input_desc": [{"format": "ND", "shape": [2, 3], "type": "float"}, {"format": "ND", "shape": [2, 3], "type": "float"}],
  "output_desc": [{"format": "ND", "shape": [2, 3], "type": "float"}]})";

TEST_F(AtcSingleOpTest, ValidDescriptionWritesOneOmPerEntry) {
  const AtcResult result = Compile(std::string("[") + kValidAdd + "]");
  EXPECT_EQ(result.exit_status, 0) << result.output;
  EXPECT_EQ(OmFiles(dir_ / "out").size(), 1u);
}

TEST_F(AtcSingleOpTest, InvalidJsonFailsWithoutWritingAnyFile) {
  const AtcResult result = Compile(R"([{"op": "Add", "input_desc": [)");
  EXPECT_NE(result.exit_status, 0);
  EXPECT_NE(result.output.find("ops.json"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("not valid JSON"), std::string::npos) << result.output;
  EXPECT_TRUE(OmFiles(dir_ / "out").empty());
}

TEST_F(AtcSingleOpTest, UnknownOperatorNamesTheEntryAndTheOpField) {
  const AtcResult result = Compile(std::string("[") + kValidAdd + R"(, {"op": "Addd",
    "input_desc": [{"format": "ND", "shape": [2], "type": "float"}],
    "output_desc": [{"format": "ND", "shape": [2], "type": "float"}]}])");
  EXPECT_NE(result.exit_status, 0);
  EXPECT_NE(result.output.find("entry 1"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find(".op:"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("\"Addd\""), std::string::npos) << result.output;
  EXPECT_TRUE(OmFiles(dir_ / "out").empty()) << "the valid entry 0 must not be written either";
}

TEST_F(AtcSingleOpTest, MissingRequiredAttributeNamesTheEntryAndTheAttribute) {
  const AtcResult result = Compile(R"([{"op": "Cast",
    "input_desc": [{"format": "ND", "shape": [4], "type": "float"}],
    "output_desc": [{"format": "ND", "shape": [4], "type": "float16"}]}])");
  EXPECT_NE(result.exit_status, 0);
  EXPECT_NE(result.output.find("entry 0"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("dst_type"), std::string::npos) << result.output;
  EXPECT_TRUE(OmFiles(dir_ / "out").empty());
}

TEST_F(AtcSingleOpTest, UnknownAttributeNamesTheEntryAndTheAttrField) {
  const AtcResult result = Compile(R"([{"op": "Add",
    "input_desc": [{"format": "ND", "shape": [2], "type": "float"}, {"format": "ND", "shape": [2], "type": "float"}],
    "output_desc": [{"format": "ND", "shape": [2], "type": "float"}],
    "attr": [{"name": "alpha", "type": "float", "value": 2.0}]}])");
  EXPECT_NE(result.exit_status, 0);
  EXPECT_NE(result.output.find("entry 0"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find(".attr"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("\"alpha\""), std::string::npos) << result.output;
  EXPECT_TRUE(OmFiles(dir_ / "out").empty());
}

TEST_F(AtcSingleOpTest, ShapesTheShapeFunctionRejectsNameTheEntry) {
  const AtcResult result = Compile(R"([{"op": "Add",
    "input_desc": [{"format": "ND", "shape": [2, 3], "type": "float"}, {"format": "ND", "shape": [4, 5], "type": "float"}],
    "output_desc": [{"format": "ND", "shape": [2, 3], "type": "float"}]}])");
  EXPECT_NE(result.exit_status, 0);
  EXPECT_NE(result.output.find("entry 0 (Add)"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("[2, 3]"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("[4, 5]"), std::string::npos) << result.output;
  EXPECT_TRUE(OmFiles(dir_ / "out").empty());
}

TEST_F(AtcSingleOpTest, WrongOutputDescNamesTheEntryAndTheOutputField) {
  const AtcResult result = Compile(R"([{"op": "Add",
    "input_desc": [{"format": "ND", "shape": [2, 3], "type": "float"}, {"format": "ND", "shape": [3], "type": "float"}],
    "output_desc": [{"format": "ND", "shape": [3, 2], "type": "float"}]}])");
  EXPECT_NE(result.exit_status, 0);
  EXPECT_NE(result.output.find("entry 0"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find(".output_desc[0]"), std::string::npos) << result.output;
  EXPECT_TRUE(OmFiles(dir_ / "out").empty());
}

TEST_F(AtcSingleOpTest, MissingShapeFieldNamesTheInputDesc) {
  const AtcResult result = Compile(R"([{"op": "Add",
    "input_desc": [{"format": "ND", "shape": [2], "type": "float"}, {"format": "ND", "type": "float"}],
    "output_desc": [{"format": "ND", "shape": [2], "type": "float"}]}])");
  EXPECT_NE(result.exit_status, 0);
  EXPECT_NE(result.output.find("input_desc[1]"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("\"shape\""), std::string::npos) << result.output;
  EXPECT_TRUE(OmFiles(dir_ / "out").empty());
}

}  // namespace
}  // namespace aclsim_e2e
