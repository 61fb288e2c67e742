#include "common/env.h"

#include <gtest/gtest.h>

namespace aclsim {
namespace {

TEST(ParseByteSize, AcceptsPlainBytesAndBinaryUnits) {
  EXPECT_EQ(ParseByteSize("4096"), 4096u);
  EXPECT_EQ(ParseByteSize("512M"), 512ull << 20);
  EXPECT_EQ(ParseByteSize("32G"), 32ull << 30);
  EXPECT_EQ(ParseByteSize("32GiB"), 32ull << 30);
  EXPECT_EQ(ParseByteSize("1T"), 1ull << 40);
}

TEST(ParseByteSize, RejectsMalformedText) {
  EXPECT_FALSE(ParseByteSize(""));
  EXPECT_FALSE(ParseByteSize("-1"));
  EXPECT_FALSE(ParseByteSize("12X"));
  EXPECT_FALSE(ParseByteSize("G"));
  EXPECT_FALSE(ParseByteSize("99999999999999T"));
}

TEST(EnvInt, FallsBackWhenUnsetMalformedOrOutOfRange) {
  unsetenv("ACLSIM_TEST_INT");
  EXPECT_EQ(EnvInt("ACLSIM_TEST_INT", 7, 0, 10), 7);
  setenv("ACLSIM_TEST_INT", "3", 1);
  EXPECT_EQ(EnvInt("ACLSIM_TEST_INT", 7, 0, 10), 3);
  setenv("ACLSIM_TEST_INT", "3x", 1);
  EXPECT_EQ(EnvInt("ACLSIM_TEST_INT", 7, 0, 10), 7);
  setenv("ACLSIM_TEST_INT", "11", 1);
  EXPECT_EQ(EnvInt("ACLSIM_TEST_INT", 7, 0, 10), 7);
  unsetenv("ACLSIM_TEST_INT");
}

}  // namespace
}  // namespace aclsim
