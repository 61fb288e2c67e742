// aclAppLog / ACL_APP_LOG: application log lines through the library's logger, filtered by
// ASCEND_GLOBAL_LOG_LEVEL and printed to stdout with ASCEND_SLOG_PRINT_TO_STDOUT=1 (both are
// re-read by aclInit).
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "acl/acl.h"

namespace {

// Initializes the library with the log printed to stdout at `level`; restores the default log
// settings (stderr, level 2) at the end.
class AppLog : public ::testing::Test {
 protected:
  void Start(const char* level) {
    ASSERT_EQ(setenv("ASCEND_SLOG_PRINT_TO_STDOUT", "1", 1), 0);
    ASSERT_EQ(setenv("ASCEND_GLOBAL_LOG_LEVEL", level, 1), 0);
    ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
    initialized_ = true;
  }

  void TearDown() override {
    if (initialized_) {
      EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
    }
    unsetenv("ASCEND_SLOG_PRINT_TO_STDOUT");
    unsetenv("ASCEND_GLOBAL_LOG_LEVEL");
    // aclInit reloads the log settings: go back to the defaults for the tests that follow.
    EXPECT_EQ(aclInit(nullptr), ACL_SUCCESS);
    EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
  }

  static void Capture() { ::testing::internal::CaptureStdout(); }
  static std::string Captured() { return ::testing::internal::GetCapturedStdout(); }

  bool initialized_ = false;
};

TEST_F(AppLog, InfoIsPrintedAtLevelZero) {
  Start("0");
  Capture();
  ACL_APP_LOG(ACL_INFO, "value %d", 42);
  const std::string out = Captured();
  EXPECT_NE(out.find("value 42"), std::string::npos) << out;
}

TEST_F(AppLog, DebugIsPrintedAtLevelZero) {
  Start("0");
  Capture();
  ACL_APP_LOG(ACL_DEBUG, "debug %s", "detail");
  const std::string out = Captured();
  EXPECT_NE(out.find("debug detail"), std::string::npos) << out;
}

TEST_F(AppLog, LineNamesTheSourceFile) {
  Start("0");
  Capture();
  ACL_APP_LOG(ACL_INFO, "value %d", 42);
  const std::string out = Captured();
  EXPECT_NE(out.find("app_log_test.cpp"), std::string::npos) << out;
}

TEST_F(AppLog, InfoIsNotPrintedAtLevelThree) {
  Start("3");
  Capture();
  ACL_APP_LOG(ACL_INFO, "value %d", 42);
  ACL_APP_LOG(ACL_ERROR, "control %d", 7);  // proves the capture sees what is printed
  const std::string out = Captured();
  EXPECT_EQ(out.find("value 42"), std::string::npos) << out;
  EXPECT_NE(out.find("control 7"), std::string::npos) << out;
}

TEST_F(AppLog, WarningIsNotPrintedAtLevelThree) {
  Start("3");
  Capture();
  ACL_APP_LOG(ACL_WARNING, "warned %d", 1);
  ACL_APP_LOG(ACL_ERROR, "control %d", 7);
  const std::string out = Captured();
  EXPECT_EQ(out.find("warned 1"), std::string::npos) << out;
  EXPECT_NE(out.find("control 7"), std::string::npos) << out;
}

TEST_F(AppLog, WarningIsPrintedAtLevelTwo) {
  Start("2");
  Capture();
  ACL_APP_LOG(ACL_WARNING, "warned %d", 1);
  const std::string out = Captured();
  EXPECT_NE(out.find("warned 1"), std::string::npos) << out;
}

TEST_F(AppLog, ErrorIsNotPrintedAtLevelFour) {
  Start("4");
  Capture();
  ACL_APP_LOG(ACL_ERROR, "failed %d", 9);
  const std::string out = Captured();
  EXPECT_EQ(out, "");
}

TEST_F(AppLog, NullFormatPrintsNothing) {
  Start("0");
  Capture();
  aclAppLog(ACL_ERROR, "function", "file.cpp", 1, nullptr);
  const std::string out = Captured();
  EXPECT_EQ(out, "");
}

}  // namespace
