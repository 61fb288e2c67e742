// aclopAttr: creation, destruction and every typed setter, with valid and invalid input.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "acl/acl.h"

namespace {

class OpAttr : public ::testing::Test {
 protected:
  void SetUp() override {
    (void)aclGetRecentErrMsg();  // drop what earlier tests left
    attr_ = aclopCreateAttr();
    ASSERT_NE(attr_, nullptr);
  }
  void TearDown() override { aclopDestroyAttr(attr_); }

  static std::string RecentMessage() {
    const char* message = aclGetRecentErrMsg();
    return message == nullptr ? std::string() : std::string(message);
  }

  // Expects a recorded failure of `api` whose message contains `needle`.
  static void ExpectMessage(const char* api, const char* needle) {
    const std::string message = RecentMessage();
    EXPECT_NE(message.find(api), std::string::npos) << message;
    EXPECT_NE(message.find(needle), std::string::npos) << message;
  }

  aclopAttr* attr_ = nullptr;
};

// ---- create / destroy ----

TEST(OpAttrLifetime, CreateReturnsDistinctHandles) {
  aclopAttr* first = aclopCreateAttr();
  aclopAttr* second = aclopCreateAttr();
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_NE(first, second);
  aclopDestroyAttr(first);
  aclopDestroyAttr(second);
}

TEST(OpAttrLifetime, DestroyNullDoesNothing) {
  (void)aclGetRecentErrMsg();
  aclopDestroyAttr(nullptr);
  EXPECT_EQ(aclGetRecentErrMsg(), nullptr);
}

TEST(OpAttrLifetime, DestroyOfAnotherKindOfHandleIsReported) {
  (void)aclGetRecentErrMsg();
  aclDataBuffer* buffer = aclCreateDataBuffer(nullptr, 0);
  ASSERT_NE(buffer, nullptr);
  aclopDestroyAttr(reinterpret_cast<const aclopAttr*>(buffer));
  const char* message = aclGetRecentErrMsg();
  ASSERT_NE(message, nullptr);
  EXPECT_NE(std::string(message).find("aclopAttr"), std::string::npos) << message;
  EXPECT_EQ(aclDestroyDataBuffer(buffer), ACL_SUCCESS);  // still a live buffer
}

// ---- scalar setters ----

TEST_F(OpAttr, SetBoolSucceeds) { EXPECT_EQ(aclopSetAttrBool(attr_, "keep_dims", 1), ACL_SUCCESS); }

TEST_F(OpAttr, SetIntSucceeds) { EXPECT_EQ(aclopSetAttrInt(attr_, "axis", -1), ACL_SUCCESS); }

TEST_F(OpAttr, SetFloatSucceeds) { EXPECT_EQ(aclopSetAttrFloat(attr_, "alpha", 0.5f), ACL_SUCCESS); }

TEST_F(OpAttr, SetStringSucceeds) { EXPECT_EQ(aclopSetAttrString(attr_, "padding", "SAME"), ACL_SUCCESS); }

TEST_F(OpAttr, SetEmptyStringSucceeds) { EXPECT_EQ(aclopSetAttrString(attr_, "padding", ""), ACL_SUCCESS); }

TEST_F(OpAttr, SetDataTypeSucceeds) { EXPECT_EQ(aclopSetAttrDataType(attr_, "dst_type", ACL_FLOAT16), ACL_SUCCESS); }

TEST_F(OpAttr, SettingANameAgainSucceeds) {
  ASSERT_EQ(aclopSetAttrInt(attr_, "axis", 1), ACL_SUCCESS);
  EXPECT_EQ(aclopSetAttrFloat(attr_, "axis", 2.0f), ACL_SUCCESS);
}

TEST_F(OpAttr, SetBoolOnNullAttrReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrBool(nullptr, "keep_dims", 1), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrBool", "attr");
}

TEST_F(OpAttr, SetIntOnNullAttrReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrInt(nullptr, "axis", 1), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrInt", "attr");
}

TEST_F(OpAttr, SetFloatOnNullAttrReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrFloat(nullptr, "alpha", 1.0f), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrFloat", "attr");
}

TEST_F(OpAttr, SetStringOnNullAttrReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrString(nullptr, "padding", "SAME"), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrString", "attr");
}

TEST_F(OpAttr, SetDataTypeOnNullAttrReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrDataType(nullptr, "dst_type", ACL_FLOAT), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrDataType", "attr");
}

TEST_F(OpAttr, SetBoolWithNullNameReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrBool(attr_, nullptr, 1), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrBool", "attrName");
}

TEST_F(OpAttr, SetIntWithNullNameReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrInt(attr_, nullptr, 1), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrInt", "attrName");
}

TEST_F(OpAttr, SetFloatWithNullNameReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrFloat(attr_, nullptr, 1.0f), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrFloat", "attrName");
}

TEST_F(OpAttr, SetStringWithNullNameReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrString(attr_, nullptr, "SAME"), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrString", "attrName");
}

TEST_F(OpAttr, SetDataTypeWithNullNameReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrDataType(attr_, nullptr, ACL_FLOAT), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrDataType", "attrName");
}

TEST_F(OpAttr, SetBoolWithEmptyNameReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrBool(attr_, "", 1), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrBool", "attrName");
}

TEST_F(OpAttr, SetIntWithEmptyNameReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrInt(attr_, "", 1), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrInt", "attrName");
}

TEST_F(OpAttr, SetFloatWithEmptyNameReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrFloat(attr_, "", 1.0f), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrFloat", "attrName");
}

TEST_F(OpAttr, SetStringWithEmptyNameReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrString(attr_, "", "SAME"), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrString", "attrName");
}

TEST_F(OpAttr, SetDataTypeWithEmptyNameReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrDataType(attr_, "", ACL_FLOAT), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrDataType", "attrName");
}

TEST_F(OpAttr, SetStringWithNullValueReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrString(attr_, "padding", nullptr), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrString", "attrValue");
}

TEST_F(OpAttr, SetDataTypeWithInvalidTypeReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrDataType(attr_, "dst_type", static_cast<aclDataType>(5)), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrDataType", "attrValue 5");
}

// ---- list setters ----

TEST_F(OpAttr, SetListBoolSucceeds) {
  const uint8_t values[] = {1, 0, 1};
  EXPECT_EQ(aclopSetAttrListBool(attr_, "flags", 3, values), ACL_SUCCESS);
}

TEST_F(OpAttr, SetListIntSucceeds) {
  const int64_t values[] = {1, 1, 2, 2};
  EXPECT_EQ(aclopSetAttrListInt(attr_, "strides", 4, values), ACL_SUCCESS);
}

TEST_F(OpAttr, SetListFloatSucceeds) {
  const float values[] = {0.5f, 1.5f};
  EXPECT_EQ(aclopSetAttrListFloat(attr_, "scales", 2, values), ACL_SUCCESS);
}

TEST_F(OpAttr, SetListStringSucceeds) {
  const char* values[] = {"a", "bc", ""};
  EXPECT_EQ(aclopSetAttrListString(attr_, "names", 3, values), ACL_SUCCESS);
}

TEST_F(OpAttr, SetListDataTypeSucceeds) {
  const aclDataType values[] = {ACL_FLOAT, ACL_INT32, ACL_BF16};
  EXPECT_EQ(aclopSetAttrListDataType(attr_, "types", 3, values), ACL_SUCCESS);
}

TEST_F(OpAttr, SetListListIntSucceeds) {
  const int64_t first[] = {1, 2};
  const int64_t second[] = {3, 4, 5};
  const int64_t* const values[] = {first, second};
  const int counts[] = {2, 3};
  EXPECT_EQ(aclopSetAttrListListInt(attr_, "pads", 2, counts, values), ACL_SUCCESS);
}

TEST_F(OpAttr, EmptyListsWithNullValuesSucceed) {
  EXPECT_EQ(aclopSetAttrListBool(attr_, "a", 0, nullptr), ACL_SUCCESS);
  EXPECT_EQ(aclopSetAttrListInt(attr_, "b", 0, nullptr), ACL_SUCCESS);
  EXPECT_EQ(aclopSetAttrListFloat(attr_, "c", 0, nullptr), ACL_SUCCESS);
  EXPECT_EQ(aclopSetAttrListString(attr_, "d", 0, nullptr), ACL_SUCCESS);
  EXPECT_EQ(aclopSetAttrListDataType(attr_, "e", 0, nullptr), ACL_SUCCESS);
  EXPECT_EQ(aclopSetAttrListListInt(attr_, "f", 0, nullptr, nullptr), ACL_SUCCESS);
}

TEST_F(OpAttr, ListSettersOnNullAttrReturnInvalidParam) {
  const uint8_t bools[] = {1};
  const int64_t ints[] = {1};
  const float floats[] = {1.0f};
  const char* strings[] = {"a"};
  const aclDataType types[] = {ACL_FLOAT};
  const int64_t* const lists[] = {ints};
  const int counts[] = {1};
  EXPECT_EQ(aclopSetAttrListBool(nullptr, "x", 1, bools), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrListInt(nullptr, "x", 1, ints), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrListFloat(nullptr, "x", 1, floats), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrListString(nullptr, "x", 1, strings), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrListDataType(nullptr, "x", 1, types), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrListListInt(nullptr, "x", 1, counts, lists), ACL_ERROR_INVALID_PARAM);
}

TEST_F(OpAttr, ListSettersWithNullNameReturnInvalidParam) {
  const uint8_t bools[] = {1};
  const int64_t ints[] = {1};
  const float floats[] = {1.0f};
  const char* strings[] = {"a"};
  const aclDataType types[] = {ACL_FLOAT};
  const int64_t* const lists[] = {ints};
  const int counts[] = {1};
  EXPECT_EQ(aclopSetAttrListBool(attr_, nullptr, 1, bools), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrListInt(attr_, nullptr, 1, ints), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrListFloat(attr_, nullptr, 1, floats), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrListString(attr_, nullptr, 1, strings), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrListDataType(attr_, nullptr, 1, types), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrListListInt(attr_, nullptr, 1, counts, lists), ACL_ERROR_INVALID_PARAM);
}

TEST_F(OpAttr, ListSettersWithEmptyNameReturnInvalidParam) {
  const uint8_t bools[] = {1};
  const int64_t ints[] = {1};
  const float floats[] = {1.0f};
  const char* strings[] = {"a"};
  const aclDataType types[] = {ACL_FLOAT};
  const int64_t* const lists[] = {ints};
  const int counts[] = {1};
  EXPECT_EQ(aclopSetAttrListBool(attr_, "", 1, bools), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrListInt(attr_, "", 1, ints), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrListFloat(attr_, "", 1, floats), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrListString(attr_, "", 1, strings), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrListDataType(attr_, "", 1, types), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrListListInt(attr_, "", 1, counts, lists), ACL_ERROR_INVALID_PARAM);
}

TEST_F(OpAttr, SetListBoolWithNegativeCountReturnsInvalidParam) {
  const uint8_t values[] = {1};
  EXPECT_EQ(aclopSetAttrListBool(attr_, "x", -1, values), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrListBool", "-1");
}

TEST_F(OpAttr, SetListIntWithNegativeCountReturnsInvalidParam) {
  const int64_t values[] = {1};
  EXPECT_EQ(aclopSetAttrListInt(attr_, "x", -1, values), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrListInt", "-1");
}

TEST_F(OpAttr, SetListFloatWithNegativeCountReturnsInvalidParam) {
  const float values[] = {1.0f};
  EXPECT_EQ(aclopSetAttrListFloat(attr_, "x", -1, values), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrListFloat", "-1");
}

TEST_F(OpAttr, SetListStringWithNegativeCountReturnsInvalidParam) {
  const char* values[] = {"a"};
  EXPECT_EQ(aclopSetAttrListString(attr_, "x", -1, values), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrListString", "-1");
}

TEST_F(OpAttr, SetListDataTypeWithNegativeCountReturnsInvalidParam) {
  const aclDataType values[] = {ACL_FLOAT};
  EXPECT_EQ(aclopSetAttrListDataType(attr_, "x", -1, values), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrListDataType", "-1");
}

TEST_F(OpAttr, SetListListIntWithNegativeListCountReturnsInvalidParam) {
  const int64_t ints[] = {1};
  const int64_t* const lists[] = {ints};
  const int counts[] = {1};
  EXPECT_EQ(aclopSetAttrListListInt(attr_, "x", -1, counts, lists), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrListListInt", "-1");
}

TEST_F(OpAttr, SetListListIntWithNegativeInnerCountReturnsInvalidParam) {
  const int64_t ints[] = {1};
  const int64_t* const lists[] = {ints};
  const int counts[] = {-2};
  EXPECT_EQ(aclopSetAttrListListInt(attr_, "x", 1, counts, lists), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrListListInt", "-2");
}

TEST_F(OpAttr, SetListBoolWithNullValuesReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrListBool(attr_, "x", 2, nullptr), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrListBool", "values");
}

TEST_F(OpAttr, SetListIntWithNullValuesReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrListInt(attr_, "x", 2, nullptr), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrListInt", "values");
}

TEST_F(OpAttr, SetListFloatWithNullValuesReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrListFloat(attr_, "x", 2, nullptr), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrListFloat", "values");
}

TEST_F(OpAttr, SetListStringWithNullValuesReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrListString(attr_, "x", 2, nullptr), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrListString", "values");
}

TEST_F(OpAttr, SetListDataTypeWithNullValuesReturnsInvalidParam) {
  EXPECT_EQ(aclopSetAttrListDataType(attr_, "x", 2, nullptr), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrListDataType", "values");
}

TEST_F(OpAttr, SetListListIntWithNullCountsReturnsInvalidParam) {
  const int64_t ints[] = {1};
  const int64_t* const lists[] = {ints};
  EXPECT_EQ(aclopSetAttrListListInt(attr_, "x", 1, nullptr, lists), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrListListInt", "numValues");
}

TEST_F(OpAttr, SetListListIntWithNullListsReturnsInvalidParam) {
  const int counts[] = {1};
  EXPECT_EQ(aclopSetAttrListListInt(attr_, "x", 1, counts, nullptr), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrListListInt", "values");
}

TEST_F(OpAttr, SetListListIntWithANullInnerListReturnsInvalidParam) {
  const int64_t ints[] = {1};
  const int64_t* const lists[] = {ints, nullptr};
  const int counts[] = {1, 1};
  EXPECT_EQ(aclopSetAttrListListInt(attr_, "x", 2, counts, lists), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrListListInt", "values[i]");
}

TEST_F(OpAttr, SetListListIntWithAnEmptyNullInnerListSucceeds) {
  const int64_t ints[] = {1};
  const int64_t* const lists[] = {ints, nullptr};
  const int counts[] = {1, 0};
  EXPECT_EQ(aclopSetAttrListListInt(attr_, "x", 2, counts, lists), ACL_SUCCESS);
}

TEST_F(OpAttr, SetListStringWithANullElementReturnsInvalidParam) {
  const char* values[] = {"a", nullptr};
  EXPECT_EQ(aclopSetAttrListString(attr_, "x", 2, values), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrListString", "values[1]");
}

TEST_F(OpAttr, SetListDataTypeWithAnInvalidTypeReturnsInvalidParam) {
  const aclDataType values[] = {ACL_FLOAT, static_cast<aclDataType>(5)};
  EXPECT_EQ(aclopSetAttrListDataType(attr_, "x", 2, values), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclopSetAttrListDataType", "5");
}

}  // namespace
