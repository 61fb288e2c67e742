// The aclInit configuration file: errors with their documented codes and messages, CANN's own
// acl.json keys accepted, aclsim's "simulator" section and its environment overrides.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "acl/acl.h"

namespace {

class ConfigFile : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/aclsim_config_test_XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    ASSERT_EQ(unsetenv("ACLSIM_SOC_NAME"), 0);
    (void)aclGetRecentErrMsg();  // drop what earlier tests left on this thread
  }

  void TearDown() override {
    for (const std::string& file : files_) std::remove(file.c_str());
    if (!dir_.empty()) rmdir(dir_.c_str());
    unsetenv("ACLSIM_SOC_NAME");
  }

  // Writes `text` to a new file in the temporary directory and returns its path.
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    files_.push_back(path);
    return path;
  }

  std::string dir_;
  std::vector<std::string> files_;
};

std::string RecentMessage() {
  const char* message = aclGetRecentErrMsg();
  return message == nullptr ? std::string() : std::string(message);
}

// `levels` objects nested inside each other: {"a":{"a":{}}} for 3.
std::string NestedObjects(int levels) {
  std::string text;
  for (int i = 1; i < levels; ++i) text += "{\"a\":";
  text += "{}";
  for (int i = 1; i < levels; ++i) text += "}";
  return text;
}

TEST_F(ConfigFile, MissingFileReturnsInvalidFile) {
  const std::string path = dir_ + "/does_not_exist.json";
  EXPECT_EQ(aclInit(path.c_str()), ACL_ERROR_INVALID_FILE);
}

TEST_F(ConfigFile, MissingFileMessageNamesTheFile) {
  const std::string path = dir_ + "/does_not_exist.json";
  ASSERT_EQ(aclInit(path.c_str()), ACL_ERROR_INVALID_FILE);
  const std::string message = RecentMessage();
  EXPECT_NE(message.find("aclInit"), std::string::npos) << message;
  EXPECT_NE(message.find(path), std::string::npos) << message;
}

TEST_F(ConfigFile, MalformedJsonReturnsParseFile) {
  const std::string path = Write("bad.json", "{\"dump\": {\"dump_path\": }");
  EXPECT_EQ(aclInit(path.c_str()), ACL_ERROR_PARSE_FILE);
}

TEST_F(ConfigFile, MalformedJsonMessageNamesTheFileAndTheByte) {
  const std::string path = Write("bad.json", "{\"dump\": {\"dump_path\": }");
  ASSERT_EQ(aclInit(path.c_str()), ACL_ERROR_PARSE_FILE);
  const std::string message = RecentMessage();
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("byte"), std::string::npos) << message;
}

TEST_F(ConfigFile, EmptyFileReturnsParseFile) {
  const std::string path = Write("empty.json", "");
  EXPECT_EQ(aclInit(path.c_str()), ACL_ERROR_PARSE_FILE);
}

TEST_F(ConfigFile, TopLevelArrayReturnsParseFile) {
  const std::string path = Write("array.json", "[1, 2]");
  EXPECT_EQ(aclInit(path.c_str()), ACL_ERROR_PARSE_FILE);
}

TEST_F(ConfigFile, NestingOfTenLevelsIsAccepted) {
  const std::string path = Write("ten.json", NestedObjects(10));
  ASSERT_EQ(aclInit(path.c_str()), ACL_SUCCESS);
  EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
}

TEST_F(ConfigFile, NestingDeeperThanTenLevelsReturnsParseFile) {
  const std::string path = Write("eleven.json", NestedObjects(11));
  EXPECT_EQ(aclInit(path.c_str()), ACL_ERROR_PARSE_FILE);
}

TEST_F(ConfigFile, NestedArraysCountTowardTheDepth) {
  // One object holding ten nested arrays: eleven levels.
  const std::string path = Write("arrays.json", "{\"a\":[[[[[[[[[[1]]]]]]]]]]}");
  EXPECT_EQ(aclInit(path.c_str()), ACL_ERROR_PARSE_FILE);
}

TEST_F(ConfigFile, SimulatorThatIsNotAnObjectReturnsFileAttrInvalid) {
  const std::string path = Write("sim.json", "{\"simulator\": 5}");
  EXPECT_EQ(aclInit(path.c_str()), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(ConfigFile, UnknownExecutorReturnsFileAttrInvalid) {
  const std::string path = Write("sim.json", "{\"simulator\": {\"executor\": \"fast\"}}");
  EXPECT_EQ(aclInit(path.c_str()), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(ConfigFile, DeviceCountOutOfRangeReturnsFileAttrInvalid) {
  const std::string path = Write("sim.json", "{\"simulator\": {\"device_count\": 0}}");
  EXPECT_EQ(aclInit(path.c_str()), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(ConfigFile, MalformedDeviceMemoryReturnsFileAttrInvalid) {
  const std::string path = Write("sim.json", "{\"simulator\": {\"device_memory\": \"12X\"}}");
  EXPECT_EQ(aclInit(path.c_str()), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(ConfigFile, EmptySocNameReturnsFileAttrInvalid) {
  const std::string path = Write("sim.json", "{\"simulator\": {\"soc_name\": \"\"}}");
  EXPECT_EQ(aclInit(path.c_str()), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(ConfigFile, BadSimulatorValueMessageNamesTheKey) {
  const std::string path = Write("sim.json", "{\"simulator\": {\"executor\": \"fast\"}}");
  ASSERT_EQ(aclInit(path.c_str()), ACL_ERROR_FILE_ATTR_INVALID);
  const std::string message = RecentMessage();
  EXPECT_NE(message.find("executor"), std::string::npos) << message;
  EXPECT_NE(message.find(path), std::string::npos) << message;
}

TEST_F(ConfigFile, DirectoryReturnsInvalidFile) {
  EXPECT_EQ(aclInit(dir_.c_str()), ACL_ERROR_INVALID_FILE);
}

TEST_F(ConfigFile, MalformedEnvironmentVariableReturnsFileAttrInvalid) {
  ASSERT_EQ(setenv("ACLSIM_DEVICE_COUNT", "two", 1), 0);
  const aclError result = aclInit(nullptr);
  unsetenv("ACLSIM_DEVICE_COUNT");
  if (result == ACL_SUCCESS) aclFinalize();
  EXPECT_EQ(result, ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(ConfigFile, MalformedEnvironmentVariableMessageNamesTheVariable) {
  ASSERT_EQ(setenv("ACLSIM_EXECUTOR", "fast", 1), 0);
  const aclError result = aclInit(nullptr);
  unsetenv("ACLSIM_EXECUTOR");
  if (result == ACL_SUCCESS) aclFinalize();
  ASSERT_EQ(result, ACL_ERROR_FILE_ATTR_INVALID);
  const std::string message = RecentMessage();
  EXPECT_NE(message.find("ACLSIM_EXECUTOR"), std::string::npos) << message;
}

TEST_F(ConfigFile, NonNumericMaxOpqueueNumReturnsFileAttrInvalid) {
  const std::string path = Write("queue.json", "{\"max_opqueue_num\": \"many\"}");
  EXPECT_EQ(aclInit(path.c_str()), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(ConfigFile, UnknownKeysAreAccepted) {
  const std::string path =
      Write("unknown.json", "{\"no_such_key\": {\"x\": [1, 2]}, \"simulator\": {\"no_such_setting\": true}}");
  ASSERT_EQ(aclInit(path.c_str()), ACL_SUCCESS);
  EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
}

TEST_F(ConfigFile, EmptyObjectIsAccepted) {
  const std::string path = Write("empty_object.json", "{}");
  ASSERT_EQ(aclInit(path.c_str()), ACL_SUCCESS);
  EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
}

TEST_F(ConfigFile, RealAclJsonKeysAreAccepted) {
  const std::string path = Write("acl.json", R"({
  "dump": {
    "dump_list": [{"model_name": "resnet50", "layer": ["conv1", "pool1"]}],
    "dump_path": "/tmp/dump",
    "dump_mode": "output"
  },
  "profiler": {
    "switch": "on",
    "output": "/tmp/prof",
    "aicpu": "on",
    "aic_metrics": "PipeUtilization"
  },
  "max_opqueue_num": "10000",
  "err_msg_mode": "1"
})");
  ASSERT_EQ(aclInit(path.c_str()), ACL_SUCCESS);
  EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
}

TEST_F(ConfigFile, FailedInitLeavesTheLibraryUninitialized) {
  const std::string path = Write("bad.json", "{");
  ASSERT_EQ(aclInit(path.c_str()), ACL_ERROR_PARSE_FILE);
  EXPECT_EQ(aclrtGetSocName(), nullptr);
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
}

TEST_F(ConfigFile, SimulatorSocNameIsReportedBySocName) {
  const std::string path = Write("soc.json", "{\"simulator\": {\"soc_name\": \"Ascend910B1\"}}");
  ASSERT_EQ(aclInit(path.c_str()), ACL_SUCCESS);
  const char* name = aclrtGetSocName();
  EXPECT_STREQ(name, "Ascend910B1");
  EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
}

TEST_F(ConfigFile, SocNameEnvironmentVariableOverridesTheFile) {
  const std::string path = Write("soc.json", "{\"simulator\": {\"soc_name\": \"Ascend910B1\"}}");
  ASSERT_EQ(setenv("ACLSIM_SOC_NAME", "Ascend310B4", 1), 0);
  ASSERT_EQ(aclInit(path.c_str()), ACL_SUCCESS);
  const char* name = aclrtGetSocName();
  EXPECT_STREQ(name, "Ascend310B4");
  EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
}

TEST_F(ConfigFile, SocNameOfOneInitDoesNotOutliveTheNextInit) {
  const std::string path = Write("soc.json", "{\"simulator\": {\"soc_name\": \"Ascend910B1\"}}");
  ASSERT_EQ(aclInit(path.c_str()), ACL_SUCCESS);
  ASSERT_EQ(aclFinalize(), ACL_SUCCESS);
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  const char* name = aclrtGetSocName();
  EXPECT_STREQ(name, "Ascend310P3");
  EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
}

}  // namespace
