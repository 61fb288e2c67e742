// What aclmdlDesc reports of a model's inputs and outputs.
#include "mdl_test_util.h"

namespace aclsim_mdl_test {
namespace {

using DescTest = MdlTest;

TEST_F(DescTest, CountsSizesNamesTypesAndFormats) {
  Desc desc(Load("add_relu"));
  ASSERT_EQ(aclmdlGetNumInputs(desc.get()), 2u);
  ASSERT_EQ(aclmdlGetNumOutputs(desc.get()), 2u);
  EXPECT_EQ(aclmdlGetInputSizeByIndex(desc.get(), 1), 24u);
  EXPECT_EQ(aclmdlGetOutputSizeByIndex(desc.get(), 0), 24u);
  EXPECT_STREQ(aclmdlGetInputNameByIndex(desc.get(), 0), "x");
  EXPECT_STREQ(aclmdlGetOutputNameByIndex(desc.get(), 1), "relu");
  EXPECT_EQ(aclmdlGetInputDataType(desc.get(), 0), ACL_FLOAT);
  EXPECT_EQ(aclmdlGetOutputDataType(desc.get(), 1), ACL_FLOAT);
  EXPECT_EQ(aclmdlGetInputFormat(desc.get(), 0), ACL_FORMAT_ND);
  EXPECT_EQ(aclmdlGetOutputFormat(desc.get(), 0), ACL_FORMAT_ND);
}

TEST_F(DescTest, DimsOfInputsAndOutputs) {
  Desc desc(Load("add_relu"));
  aclmdlIODims dims{};
  ASSERT_EQ(aclmdlGetInputDims(desc.get(), 1, &dims), ACL_SUCCESS);
  EXPECT_STREQ(dims.name, "y");
  ASSERT_EQ(dims.dimCount, 2u);
  EXPECT_EQ(dims.dims[0], 2);
  EXPECT_EQ(dims.dims[1], 3);
  aclmdlIODims v2{};
  ASSERT_EQ(aclmdlGetInputDimsV2(desc.get(), 1, &v2), ACL_SUCCESS);
  EXPECT_EQ(v2.dimCount, 2u);
  ASSERT_EQ(aclmdlGetOutputDims(desc.get(), 1, &dims), ACL_SUCCESS);
  EXPECT_STREQ(dims.name, "relu");
  EXPECT_EQ(dims.dimCount, 2u);
  ASSERT_EQ(aclmdlGetCurOutputDims(desc.get(), 0, &dims), ACL_SUCCESS);
  EXPECT_EQ(dims.dims[1], 3);
  aclmdlIODimsRange range{};
  ASSERT_EQ(aclmdlGetInputDimsRange(desc.get(), 0, &range), ACL_SUCCESS);
  ASSERT_EQ(range.rangeCount, 2u);
  EXPECT_EQ(range.range[0][0], 2);
  EXPECT_EQ(range.range[0][1], 2);
}

TEST_F(DescTest, IndexByName) {
  Desc desc(Load("add_relu"));
  size_t index = 99;
  ASSERT_EQ(aclmdlGetInputIndexByName(desc.get(), "y", &index), ACL_SUCCESS);
  EXPECT_EQ(index, 1u);
  ASSERT_EQ(aclmdlGetOutputIndexByName(desc.get(), "sum", &index), ACL_SUCCESS);
  EXPECT_EQ(index, 0u);
  EXPECT_EQ(aclmdlGetInputIndexByName(desc.get(), "nope", &index), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("\"nope\""), std::string::npos);
  EXPECT_STREQ(aclmdlGetTensorRealName(desc.get(), "relu"), "relu");
}

TEST_F(DescTest, DescFromFileAndFromMemNeedNoLoad) {
  aclmdlDesc* desc = aclmdlCreateDesc();
  ASSERT_EQ(aclmdlGetDescFromFile(desc, ModelPath("const_mul").c_str()), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(aclmdlGetNumInputs(desc), 1u);
  EXPECT_EQ(aclmdlGetOutputSizeByIndex(desc, 0), 16u);
  EXPECT_EQ(aclmdlDestroyDesc(desc), ACL_SUCCESS);
}

TEST_F(DescTest, OpAttrOfAMissingNodeIsNull) {
  Desc desc(Load("add_relu"));
  EXPECT_EQ(aclmdlGetOpAttr(desc.get(), "no_such_node", ACL_ATTR_NAME_DATA_DUMP_ORIGIN_OP_NAMES), nullptr);
}

TEST_F(DescTest, AnIndexOutOfRangeGivesZeroOrUndefinedAndSaysWhy) {
  Desc desc(Load("add_relu"));
  EXPECT_EQ(aclmdlGetInputSizeByIndex(desc.get(), 2), 0u);
  EXPECT_NE(RecentErrMsg().find("index 2 is out of range"), std::string::npos);
  EXPECT_EQ(aclmdlGetInputDataType(desc.get(), 5), ACL_DT_UNDEFINED);
  EXPECT_EQ(aclmdlGetOutputFormat(desc.get(), 5), ACL_FORMAT_UNDEFINED);
  EXPECT_EQ(aclmdlGetInputNameByIndex(desc.get(), 5), nullptr);
  aclmdlIODims dims{};
  EXPECT_EQ(aclmdlGetOutputDims(desc.get(), 2, &dims), ACL_ERROR_INVALID_PARAM);
}

TEST_F(DescTest, AnEmptyOrDestroyedDescIsRejected) {
  aclmdlDesc* desc = aclmdlCreateDesc();
  EXPECT_EQ(aclmdlGetNumInputs(desc), 0u);
  EXPECT_NE(RecentErrMsg().find("aclmdlGetDesc first"), std::string::npos);
  EXPECT_EQ(aclmdlGetDesc(desc, 123456), ACL_ERROR_INVALID_MODEL_ID);
  ASSERT_EQ(aclmdlDestroyDesc(desc), ACL_SUCCESS);
  EXPECT_EQ(aclmdlGetNumInputs(nullptr), 0u);
}

}  // namespace
}  // namespace aclsim_mdl_test
