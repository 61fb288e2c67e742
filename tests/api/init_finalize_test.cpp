// aclInit / aclFinalize: once per process between them, documented codes otherwise.
#include <gtest/gtest.h>

#include "acl/acl.h"

namespace {

TEST(Init, SecondInitReturnsRepeatInitialize) {
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  EXPECT_EQ(aclInit(nullptr), ACL_ERROR_REPEAT_INITIALIZE);
  EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
}

TEST(Finalize, WithoutInitReturnsUninitialize) {
  EXPECT_EQ(aclFinalize(), ACL_ERROR_UNINITIALIZE);
}

TEST(Finalize, TwiceReturnsRepeatFinalize) {
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclFinalize(), ACL_SUCCESS);
  EXPECT_EQ(aclFinalize(), ACL_ERROR_REPEAT_FINALIZE);
}

}  // namespace
