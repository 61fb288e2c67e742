// aclInit / aclFinalize: once per process between them, documented codes otherwise.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "acl/acl.h"

namespace {

// Runs `statement` in a freshly started copy of this test binary ("threadsafe" death tests
// re-execute the program), so it sees the library as never initialized even when the whole
// binary runs in one process. The statement must _exit(0) on success.
#define ACLSIM_IN_FRESH_PROCESS(statement)                                        \
  do {                                                                            \
    GTEST_FLAG_SET(death_test_style, "threadsafe");                               \
    EXPECT_EXIT(statement, ::testing::ExitedWithCode(0), "");                     \
  } while (0)

// Exits with code 0 when `actual` == `expected`; otherwise with 1, both values on stderr.
[[noreturn]] void ExitExpecting(int actual, int expected) {
  if (actual != expected) {
    std::fprintf(stderr, "expected %d, got %d\n", expected, actual);
    std::_Exit(1);
  }
  std::_Exit(0);
}

TEST(Init, SecondInitReturnsRepeatInitialize) {
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  EXPECT_EQ(aclInit(nullptr), ACL_ERROR_REPEAT_INITIALIZE);
  EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
}

TEST(Init, WithEmptyPathSucceeds) {
  ASSERT_EQ(aclInit(""), ACL_SUCCESS);
  EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
}

TEST(Init, AfterFinalizeSucceedsAgain) {
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclFinalize(), ACL_SUCCESS);
  EXPECT_EQ(aclInit(nullptr), ACL_SUCCESS);
  EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
}

TEST(Init, RepeatInitializeIsReportedInRecentErrMsg) {
  (void)aclGetRecentErrMsg();  // drop what earlier tests left on this thread
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  EXPECT_EQ(aclInit(nullptr), ACL_ERROR_REPEAT_INITIALIZE);
  const char* raw = aclGetRecentErrMsg();
  const std::string message = raw == nullptr ? "" : raw;
  EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
  EXPECT_NE(message.find("aclInit"), std::string::npos) << message;
  EXPECT_NE(message.find("100002"), std::string::npos) << message;
}

TEST(Finalize, WithoutInitReturnsUninitialize) {
  ACLSIM_IN_FRESH_PROCESS(ExitExpecting(aclFinalize(), ACL_ERROR_UNINITIALIZE));
}

TEST(Finalize, TwiceReturnsRepeatFinalize) {
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclFinalize(), ACL_SUCCESS);
  EXPECT_EQ(aclFinalize(), ACL_ERROR_REPEAT_FINALIZE);
}

TEST(SocName, IsNullBeforeInit) {
  ACLSIM_IN_FRESH_PROCESS({
    const char* name = aclrtGetSocName();
    if (name != nullptr) std::fprintf(stderr, "got \"%s\"\n", name);
    std::_Exit(name == nullptr ? 0 : 1);
  });
}

TEST(SocName, IsNullAfterFinalize) {
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclFinalize(), ACL_SUCCESS);
  (void)aclGetRecentErrMsg();
  EXPECT_EQ(aclrtGetSocName(), nullptr);
  const char* message = aclGetRecentErrMsg();
  ASSERT_NE(message, nullptr);
  EXPECT_NE(std::string(message).find("aclrtGetSocName"), std::string::npos) << message;
  EXPECT_NE(std::string(message).find("100001"), std::string::npos) << message;
}

TEST(SocName, IsTheDefaultAfterInitWithoutConfig) {
  ASSERT_EQ(unsetenv("ACLSIM_SOC_NAME"), 0);
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  const char* name = aclrtGetSocName();
  EXPECT_STREQ(name, "Ascend310P3");
  EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
}

}  // namespace
