// aclDataBuffer: a (pointer, size) pair naming memory the caller owns.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "acl/acl.h"

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // aclGetDataBufferSize is deprecated

namespace {

class DataBuffer : public ::testing::Test {
 protected:
  void SetUp() override { (void)aclGetRecentErrMsg(); }  // drop what earlier tests left

  // The unread failure messages, "" when there are none.
  static std::string RecentMessage() {
    const char* message = aclGetRecentErrMsg();
    return message == nullptr ? std::string() : std::string(message);
  }

  // Checks that exactly one failure of `api` naming dataBuffer was recorded.
  static void ExpectNullHandleMessage(const char* api) {
    const std::string message = RecentMessage();
    EXPECT_NE(message.find(api), std::string::npos) << message;
    EXPECT_NE(message.find("dataBuffer"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }

  char memory_[64] = {};
};

TEST_F(DataBuffer, CreateKeepsTheAddress) {
  aclDataBuffer* buffer = aclCreateDataBuffer(memory_, sizeof memory_);
  ASSERT_NE(buffer, nullptr);
  EXPECT_EQ(aclGetDataBufferAddr(buffer), static_cast<void*>(memory_));
  EXPECT_EQ(aclDestroyDataBuffer(buffer), ACL_SUCCESS);
}

TEST_F(DataBuffer, CreateKeepsTheSize) {
  aclDataBuffer* buffer = aclCreateDataBuffer(memory_, sizeof memory_);
  ASSERT_NE(buffer, nullptr);
  EXPECT_EQ(aclGetDataBufferSizeV2(buffer), 64u);
  EXPECT_EQ(aclDestroyDataBuffer(buffer), ACL_SUCCESS);
}

TEST_F(DataBuffer, DeprecatedSizeReportsTheSize) {
  aclDataBuffer* buffer = aclCreateDataBuffer(memory_, sizeof memory_);
  ASSERT_NE(buffer, nullptr);
  EXPECT_EQ(aclGetDataBufferSize(buffer), 64u);
  EXPECT_EQ(aclDestroyDataBuffer(buffer), ACL_SUCCESS);
}

TEST_F(DataBuffer, CreateWithNullAndZeroIsAllowed) {
  aclDataBuffer* buffer = aclCreateDataBuffer(nullptr, 0);
  ASSERT_NE(buffer, nullptr);
  EXPECT_EQ(aclGetDataBufferAddr(buffer), nullptr);
  EXPECT_EQ(aclGetDataBufferSizeV2(buffer), 0u);
  EXPECT_EQ(aclGetRecentErrMsg(), nullptr);
  EXPECT_EQ(aclDestroyDataBuffer(buffer), ACL_SUCCESS);
}

TEST_F(DataBuffer, CreateDoesNotNeedAnInitializedLibrary) {
  // Runs with the library never initialized (or finalized by an earlier test).
  aclDataBuffer* buffer = aclCreateDataBuffer(memory_, 8);
  ASSERT_NE(buffer, nullptr);
  EXPECT_EQ(aclDestroyDataBuffer(buffer), ACL_SUCCESS);
}

TEST_F(DataBuffer, UpdateReplacesAddressAndSize) {
  aclDataBuffer* buffer = aclCreateDataBuffer(nullptr, 0);
  ASSERT_NE(buffer, nullptr);
  ASSERT_EQ(aclUpdateDataBuffer(buffer, memory_ + 8, 16), ACL_SUCCESS);
  EXPECT_EQ(aclGetDataBufferAddr(buffer), static_cast<void*>(memory_ + 8));
  EXPECT_EQ(aclGetDataBufferSizeV2(buffer), 16u);
  EXPECT_EQ(aclDestroyDataBuffer(buffer), ACL_SUCCESS);
}

TEST_F(DataBuffer, UpdateToNullAndZeroIsAllowed) {
  aclDataBuffer* buffer = aclCreateDataBuffer(memory_, sizeof memory_);
  ASSERT_NE(buffer, nullptr);
  ASSERT_EQ(aclUpdateDataBuffer(buffer, nullptr, 0), ACL_SUCCESS);
  EXPECT_EQ(aclGetDataBufferAddr(buffer), nullptr);
  EXPECT_EQ(aclGetDataBufferSizeV2(buffer), 0u);
  EXPECT_EQ(aclDestroyDataBuffer(buffer), ACL_SUCCESS);
}

TEST_F(DataBuffer, SizeV2ReportsSizesBeyond32Bits) {
  const size_t size = size_t{1} << 33;  // the memory is never touched
  aclDataBuffer* buffer = aclCreateDataBuffer(memory_, size);
  ASSERT_NE(buffer, nullptr);
  EXPECT_EQ(aclGetDataBufferSizeV2(buffer), size);
  EXPECT_EQ(aclDestroyDataBuffer(buffer), ACL_SUCCESS);
}

TEST_F(DataBuffer, DeprecatedSizeOfASizeBeyond32BitsIsZeroWithAMessage) {
  aclDataBuffer* buffer = aclCreateDataBuffer(memory_, size_t{1} << 33);
  ASSERT_NE(buffer, nullptr);
  EXPECT_EQ(aclGetDataBufferSize(buffer), 0u);
  const std::string message = RecentMessage();
  EXPECT_NE(message.find("aclGetDataBufferSize"), std::string::npos) << message;
  EXPECT_NE(message.find("aclGetDataBufferSizeV2"), std::string::npos) << message;  // the advice
  EXPECT_EQ(aclDestroyDataBuffer(buffer), ACL_SUCCESS);
}

TEST_F(DataBuffer, DestroyDoesNotTouchTheWrappedMemory) {
  memory_[0] = 'x';
  aclDataBuffer* buffer = aclCreateDataBuffer(memory_, sizeof memory_);
  ASSERT_NE(buffer, nullptr);
  ASSERT_EQ(aclDestroyDataBuffer(buffer), ACL_SUCCESS);
  EXPECT_EQ(memory_[0], 'x');
}

TEST_F(DataBuffer, DestroyNullReturnsInvalidParam) {
  EXPECT_EQ(aclDestroyDataBuffer(nullptr), ACL_ERROR_INVALID_PARAM);
  ExpectNullHandleMessage("aclDestroyDataBuffer");
}

TEST_F(DataBuffer, UpdateNullReturnsInvalidParam) {
  EXPECT_EQ(aclUpdateDataBuffer(nullptr, memory_, sizeof memory_), ACL_ERROR_INVALID_PARAM);
  ExpectNullHandleMessage("aclUpdateDataBuffer");
}

TEST_F(DataBuffer, AddrOfNullIsNull) {
  EXPECT_EQ(aclGetDataBufferAddr(nullptr), nullptr);
  ExpectNullHandleMessage("aclGetDataBufferAddr");
}

TEST_F(DataBuffer, SizeV2OfNullIsZero) {
  EXPECT_EQ(aclGetDataBufferSizeV2(nullptr), 0u);
  ExpectNullHandleMessage("aclGetDataBufferSizeV2");
}

TEST_F(DataBuffer, DeprecatedSizeOfNullIsZero) {
  EXPECT_EQ(aclGetDataBufferSize(nullptr), 0u);
  ExpectNullHandleMessage("aclGetDataBufferSize");
}

TEST_F(DataBuffer, HandleOfAnotherKindReturnsInvalidParam) {
  const int64_t dims[] = {2};
  aclTensorDesc* desc = aclCreateTensorDesc(ACL_FLOAT, 1, dims, ACL_FORMAT_ND);
  ASSERT_NE(desc, nullptr);
  auto* not_a_buffer = reinterpret_cast<aclDataBuffer*>(desc);
  EXPECT_EQ(aclUpdateDataBuffer(not_a_buffer, memory_, sizeof memory_), ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentMessage();
  EXPECT_NE(message.find("aclDataBuffer"), std::string::npos) << message;
  EXPECT_EQ(aclGetTensorDescType(desc), ACL_FLOAT);  // and the descriptor is untouched
  aclDestroyTensorDesc(desc);
}

}  // namespace
