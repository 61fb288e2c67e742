// aclGetRecentErrMsg: the calling thread's unread failure messages, newest first; reading clears.
#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "acl/acl.h"

namespace {

class RecentErrMsg : public ::testing::Test {
 protected:
  void SetUp() override { (void)aclGetRecentErrMsg(); }  // drop what earlier tests left
};

TEST_F(RecentErrMsg, IsNullWhenNothingFailed) {
  EXPECT_EQ(aclGetRecentErrMsg(), nullptr);
}

TEST_F(RecentErrMsg, IsNullAfterOnlySuccessfulCalls) {
  int32_t major = 0, minor = 0, patch = 0;
  ASSERT_EQ(aclrtGetVersion(&major, &minor, &patch), ACL_SUCCESS);
  aclDataBuffer* buffer = aclCreateDataBuffer(nullptr, 0);
  ASSERT_NE(buffer, nullptr);
  ASSERT_EQ(aclDestroyDataBuffer(buffer), ACL_SUCCESS);
  EXPECT_EQ(aclGetRecentErrMsg(), nullptr);
}

TEST_F(RecentErrMsg, NamesTheFailedApiAndTheArgument) {
  ASSERT_EQ(aclGetDataBufferAddr(nullptr), nullptr);
  const char* message = aclGetRecentErrMsg();
  ASSERT_NE(message, nullptr);
  const std::string text(message);
  EXPECT_NE(text.find("aclGetDataBufferAddr"), std::string::npos) << text;
  EXPECT_NE(text.find("dataBuffer"), std::string::npos) << text;
}

TEST_F(RecentErrMsg, NamesTheErrorCode) {
  ASSERT_EQ(aclDestroyDataBuffer(nullptr), ACL_ERROR_INVALID_PARAM);
  const char* message = aclGetRecentErrMsg();
  ASSERT_NE(message, nullptr);
  EXPECT_NE(std::string(message).find("100000"), std::string::npos) << message;
}

TEST_F(RecentErrMsg, ReadingClearsIt) {
  ASSERT_EQ(aclGetDataBufferAddr(nullptr), nullptr);
  ASSERT_NE(aclGetRecentErrMsg(), nullptr);
  EXPECT_EQ(aclGetRecentErrMsg(), nullptr);
}

TEST_F(RecentErrMsg, TwoFailuresAreBothReturnedNewestFirst) {
  ASSERT_EQ(aclGetDataBufferSizeV2(nullptr), 0u);
  ASSERT_EQ(aclDestroyDataBuffer(nullptr), ACL_ERROR_INVALID_PARAM);
  const char* message = aclGetRecentErrMsg();
  ASSERT_NE(message, nullptr);
  const std::string text(message);
  const size_t newline = text.find('\n');
  ASSERT_NE(newline, std::string::npos) << text;
  const std::string first = text.substr(0, newline);
  const std::string second = text.substr(newline + 1);
  EXPECT_NE(first.find("aclDestroyDataBuffer"), std::string::npos) << text;
  EXPECT_EQ(first.find("aclGetDataBufferSizeV2"), std::string::npos) << text;
  EXPECT_NE(second.find("aclGetDataBufferSizeV2"), std::string::npos) << text;
  EXPECT_EQ(second.find('\n'), std::string::npos) << text;
}

TEST_F(RecentErrMsg, SuccessfulCallDoesNotClearAnUnreadFailure) {
  ASSERT_EQ(aclGetDataBufferAddr(nullptr), nullptr);
  int32_t major = 0, minor = 0, patch = 0;
  ASSERT_EQ(aclrtGetVersion(&major, &minor, &patch), ACL_SUCCESS);
  const char* message = aclGetRecentErrMsg();
  ASSERT_NE(message, nullptr);
  EXPECT_NE(std::string(message).find("aclGetDataBufferAddr"), std::string::npos) << message;
}

TEST_F(RecentErrMsg, FailureOnAnotherThreadIsNotSeenHere) {
  bool seen_there = false;
  std::thread other([&] {
    (void)aclGetDataBufferAddr(nullptr);
    seen_there = aclGetRecentErrMsg() != nullptr;
  });
  other.join();
  EXPECT_TRUE(seen_there);
  EXPECT_EQ(aclGetRecentErrMsg(), nullptr);
}

}  // namespace
