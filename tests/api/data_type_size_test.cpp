// aclDataTypeSize: bytes per element of every aclDataType; 0 and a message for anything else.
#include <gtest/gtest.h>

#include <string>

#include "acl/acl.h"

namespace {

struct SizeCase {
  aclDataType type;
  size_t bytes;
  const char* name;
};

class DataTypeSize : public ::testing::TestWithParam<SizeCase> {};

TEST_P(DataTypeSize, IsTheElementSize) {
  EXPECT_EQ(aclDataTypeSize(GetParam().type), GetParam().bytes);
}

INSTANTIATE_TEST_SUITE_P(
    EveryDataType, DataTypeSize,
    ::testing::Values(SizeCase{ACL_FLOAT, 4, "FLOAT"}, SizeCase{ACL_FLOAT16, 2, "FLOAT16"},
                      SizeCase{ACL_INT8, 1, "INT8"}, SizeCase{ACL_INT32, 4, "INT32"},
                      SizeCase{ACL_UINT8, 1, "UINT8"}, SizeCase{ACL_INT16, 2, "INT16"},
                      SizeCase{ACL_UINT16, 2, "UINT16"}, SizeCase{ACL_UINT32, 4, "UINT32"},
                      SizeCase{ACL_INT64, 8, "INT64"}, SizeCase{ACL_UINT64, 8, "UINT64"},
                      SizeCase{ACL_DOUBLE, 8, "DOUBLE"}, SizeCase{ACL_BOOL, 1, "BOOL"},
                      SizeCase{ACL_STRING, 0, "STRING"}, SizeCase{ACL_COMPLEX64, 8, "COMPLEX64"},
                      SizeCase{ACL_COMPLEX128, 16, "COMPLEX128"}, SizeCase{ACL_BF16, 2, "BF16"},
                      SizeCase{ACL_INT4, 1, "INT4"}, SizeCase{ACL_UINT1, 1, "UINT1"},
                      SizeCase{ACL_COMPLEX32, 4, "COMPLEX32"}),
    [](const ::testing::TestParamInfo<SizeCase>& info) { return std::string(info.param.name); });

TEST(DataTypeSizeOfKnownType, RecordsNoError) {
  (void)aclGetRecentErrMsg();
  ASSERT_EQ(aclDataTypeSize(ACL_STRING), 0u);  // 0 here is an answer, not a failure
  EXPECT_EQ(aclGetRecentErrMsg(), nullptr);
}

TEST(DataTypeSizeOfUnknownType, FiveIsZero) {
  EXPECT_EQ(aclDataTypeSize(static_cast<aclDataType>(5)), 0u);
}

TEST(DataTypeSizeOfUnknownType, FiveRecordsAMessageNamingTheValue) {
  (void)aclGetRecentErrMsg();
  ASSERT_EQ(aclDataTypeSize(static_cast<aclDataType>(5)), 0u);
  const char* message = aclGetRecentErrMsg();
  ASSERT_NE(message, nullptr);
  EXPECT_NE(std::string(message).find("aclDataTypeSize"), std::string::npos) << message;
  EXPECT_NE(std::string(message).find("dataType 5"), std::string::npos) << message;
}

TEST(DataTypeSizeOfUnknownType, UndefinedIsZero) {
  EXPECT_EQ(aclDataTypeSize(ACL_DT_UNDEFINED), 0u);
}

TEST(DataTypeSizeOfUnknownType, PastTheLastValueIsZero) {
  EXPECT_EQ(aclDataTypeSize(static_cast<aclDataType>(34)), 0u);
}

}  // namespace
