// LoadConfig: defaults, the "simulator" section of the aclInit file, environment overrides, and
// the aclError code of each kind of bad input.
#include "runtime/config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/error.h"

namespace aclsim {
namespace {

constexpr const char* kConfigVariables[] = {"ACLSIM_DEVICE_COUNT", "ACLSIM_DEVICE_MEMORY", "ACLSIM_SOC_NAME",
                                            "ACLSIM_AICORE_THREADS", "ACLSIM_EXECUTOR"};

// Runs each test with the ACLSIM_* variables unset (restored afterwards) and a temporary
// directory for config files.
class LoadConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : kConfigVariables) {
      const char* value = std::getenv(name);
      saved_.emplace_back(value == nullptr ? std::nullopt : std::optional<std::string>(value));
      unsetenv(name);
    }
    char pattern[] = "/tmp/aclsim_config_unit_XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }

  void TearDown() override {
    for (size_t i = 0; i < saved_.size(); ++i) {
      if (saved_[i]) {
        setenv(kConfigVariables[i], saved_[i]->c_str(), 1);
      } else {
        unsetenv(kConfigVariables[i]);
      }
    }
    for (const std::string& file : files_) std::remove(file.c_str());
    if (!dir_.empty()) rmdir(dir_.c_str());
  }

  std::string Write(const std::string& text) {
    const std::string path = dir_ + "/config" + std::to_string(files_.size()) + ".json";
    std::ofstream(path, std::ios::binary) << text;
    files_.push_back(path);
    return path;
  }

  Config Load(const std::string& text) { return LoadConfig(Write(text).c_str()); }

  // The code LoadConfig fails with, or ACL_SUCCESS.
  aclError CodeOf(const char* path) {
    try {
      LoadConfig(path);
    } catch (const Error& e) {
      message_ = e.what();
      return e.code();
    }
    return ACL_SUCCESS;
  }
  aclError CodeOfText(const std::string& text) { return CodeOf(Write(text).c_str()); }

  std::string dir_;
  std::vector<std::string> files_;
  std::vector<std::optional<std::string>> saved_;
  std::string message_;
};

// ---- defaults ----

TEST_F(LoadConfigTest, DefaultDeviceCountIsOne) { EXPECT_EQ(LoadConfig(nullptr).device_count, 1); }

TEST_F(LoadConfigTest, DefaultDeviceMemoryIs32GiB) {
  EXPECT_EQ(LoadConfig(nullptr).device_memory, 34359738368u);
}

TEST_F(LoadConfigTest, DefaultSocIsAscend310P3) { EXPECT_EQ(LoadConfig(nullptr).soc_name, "Ascend310P3"); }

TEST_F(LoadConfigTest, DefaultExecutorIsAsync) { EXPECT_EQ(LoadConfig(nullptr).executor, ExecutorKind::kAsync); }

TEST_F(LoadConfigTest, DefaultAicoreThreadsIsZero) { EXPECT_EQ(LoadConfig(nullptr).aicore_threads, 0); }

TEST_F(LoadConfigTest, DefaultMaxOpqueueNumIs20000) { EXPECT_EQ(LoadConfig(nullptr).max_opqueue_num, 20000); }

TEST_F(LoadConfigTest, EmptyPathMeansNoFile) { EXPECT_EQ(LoadConfig("").device_count, 1); }

TEST_F(LoadConfigTest, EmptyObjectKeepsTheDefaults) {
  const Config config = Load("{}");
  EXPECT_EQ(config.device_count, 1);
  EXPECT_EQ(config.device_memory, 32ull << 30);
  EXPECT_EQ(config.soc_name, "Ascend310P3");
}

// ---- the simulator section ----

TEST_F(LoadConfigTest, SimulatorDeviceCountIsRead) {
  EXPECT_EQ(Load(R"({"simulator": {"device_count": 4}})").device_count, 4);
}

TEST_F(LoadConfigTest, SimulatorDeviceCountAsStringIsRead) {
  EXPECT_EQ(Load(R"({"simulator": {"device_count": "8"}})").device_count, 8);
}

TEST_F(LoadConfigTest, SimulatorDeviceMemoryWithUnitIsRead) {
  EXPECT_EQ(Load(R"({"simulator": {"device_memory": "8G"}})").device_memory, 8ull << 30);
}

TEST_F(LoadConfigTest, SimulatorDeviceMemoryAsNumberIsRead) {
  EXPECT_EQ(Load(R"({"simulator": {"device_memory": 8589934592}})").device_memory, 8ull << 30);
}

TEST_F(LoadConfigTest, SimulatorSocNameIsRead) {
  EXPECT_EQ(Load(R"({"simulator": {"soc_name": "Ascend910B1"}})").soc_name, "Ascend910B1");
}

TEST_F(LoadConfigTest, SimulatorAicoreThreadsIsRead) {
  EXPECT_EQ(Load(R"({"simulator": {"aicore_threads": 6}})").aicore_threads, 6);
}

TEST_F(LoadConfigTest, SimulatorExecutorSyncIsRead) {
  EXPECT_EQ(Load(R"({"simulator": {"executor": "sync"}})").executor, ExecutorKind::kSync);
}

TEST_F(LoadConfigTest, MaxOpqueueNumAsStringIsRead) {
  EXPECT_EQ(Load(R"({"max_opqueue_num": "10000"})").max_opqueue_num, 10000);
}

TEST_F(LoadConfigTest, UnknownKeysAreIgnored) {
  const Config config = Load(R"({"dump": {"dump_path": "/tmp"}, "simulator": {"future": 1, "device_count": 2}})");
  EXPECT_EQ(config.device_count, 2);
}

// ---- environment overrides ----

TEST_F(LoadConfigTest, DeviceCountVariableOverridesTheFile) {
  ASSERT_EQ(setenv("ACLSIM_DEVICE_COUNT", "3", 1), 0);
  EXPECT_EQ(Load(R"({"simulator": {"device_count": 4}})").device_count, 3);
}

TEST_F(LoadConfigTest, ExecutorVariableOverridesTheFile) {
  ASSERT_EQ(setenv("ACLSIM_EXECUTOR", "sync", 1), 0);
  EXPECT_EQ(Load(R"({"simulator": {"executor": "async"}})").executor, ExecutorKind::kSync);
}

TEST_F(LoadConfigTest, ExecutorVariableAppliesWithoutAFile) {
  ASSERT_EQ(setenv("ACLSIM_EXECUTOR", "sync", 1), 0);
  EXPECT_EQ(LoadConfig(nullptr).executor, ExecutorKind::kSync);
}

TEST_F(LoadConfigTest, DeviceMemoryVariableOverridesTheFile) {
  ASSERT_EQ(setenv("ACLSIM_DEVICE_MEMORY", "512M", 1), 0);
  EXPECT_EQ(Load(R"({"simulator": {"device_memory": "8G"}})").device_memory, 512ull << 20);
}

TEST_F(LoadConfigTest, SocNameVariableOverridesTheFile) {
  ASSERT_EQ(setenv("ACLSIM_SOC_NAME", "Ascend310B4", 1), 0);
  EXPECT_EQ(Load(R"({"simulator": {"soc_name": "Ascend910B1"}})").soc_name, "Ascend310B4");
}

TEST_F(LoadConfigTest, AicoreThreadsVariableOverridesTheFile) {
  ASSERT_EQ(setenv("ACLSIM_AICORE_THREADS", "2", 1), 0);
  EXPECT_EQ(Load(R"({"simulator": {"aicore_threads": 6}})").aicore_threads, 2);
}

TEST_F(LoadConfigTest, EmptyVariableIsTreatedAsUnset) {
  ASSERT_EQ(setenv("ACLSIM_SOC_NAME", "", 1), 0);
  EXPECT_EQ(Load(R"({"simulator": {"soc_name": "Ascend910B1"}})").soc_name, "Ascend910B1");
}

// ---- error codes ----

TEST_F(LoadConfigTest, MissingFileIsInvalidFile) {
  const std::string path = dir_ + "/missing.json";
  EXPECT_EQ(CodeOf(path.c_str()), ACL_ERROR_INVALID_FILE);
  EXPECT_NE(message_.find(path), std::string::npos) << message_;
}

TEST_F(LoadConfigTest, DirectoryIsInvalidFile) {
  EXPECT_EQ(CodeOf(dir_.c_str()), ACL_ERROR_INVALID_FILE);
}

TEST_F(LoadConfigTest, MalformedJsonIsParseFile) {
  EXPECT_EQ(CodeOfText("{\"a\": 1,}"), ACL_ERROR_PARSE_FILE);
  EXPECT_NE(message_.find("byte"), std::string::npos) << message_;
}

TEST_F(LoadConfigTest, NonObjectRootIsParseFile) { EXPECT_EQ(CodeOfText("42"), ACL_ERROR_PARSE_FILE); }

TEST_F(LoadConfigTest, TenLevelsOfNestingAreAccepted) {
  EXPECT_EQ(CodeOfText(R"({"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{}}}}}}}}}})"), ACL_SUCCESS);
}

TEST_F(LoadConfigTest, ElevenLevelsOfNestingAreParseFile) {
  EXPECT_EQ(CodeOfText(R"({"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{}}}}}}}}}}})"), ACL_ERROR_PARSE_FILE);
}

TEST_F(LoadConfigTest, SimulatorNotAnObjectIsFileAttrInvalid) {
  EXPECT_EQ(CodeOfText(R"({"simulator": "fast"})"), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(LoadConfigTest, DeviceCountZeroIsFileAttrInvalid) {
  EXPECT_EQ(CodeOfText(R"({"simulator": {"device_count": 0}})"), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(LoadConfigTest, DeviceCount65IsFileAttrInvalid) {
  EXPECT_EQ(CodeOfText(R"({"simulator": {"device_count": 65}})"), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(LoadConfigTest, DeviceCountWithTrailingTextIsFileAttrInvalid) {
  EXPECT_EQ(CodeOfText(R"({"simulator": {"device_count": "4x"}})"), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(LoadConfigTest, DeviceCountAsFloatIsFileAttrInvalid) {
  EXPECT_EQ(CodeOfText(R"({"simulator": {"device_count": 1.5}})"), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(LoadConfigTest, ZeroDeviceMemoryIsFileAttrInvalid) {
  EXPECT_EQ(CodeOfText(R"({"simulator": {"device_memory": 0}})"), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(LoadConfigTest, NegativeDeviceMemoryIsFileAttrInvalid) {
  EXPECT_EQ(CodeOfText(R"({"simulator": {"device_memory": -1}})"), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(LoadConfigTest, MalformedDeviceMemoryIsFileAttrInvalid) {
  EXPECT_EQ(CodeOfText(R"({"simulator": {"device_memory": "8Q"}})"), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(LoadConfigTest, EmptySocNameIsFileAttrInvalid) {
  EXPECT_EQ(CodeOfText(R"({"simulator": {"soc_name": ""}})"), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(LoadConfigTest, NonStringSocNameIsFileAttrInvalid) {
  EXPECT_EQ(CodeOfText(R"({"simulator": {"soc_name": 910}})"), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(LoadConfigTest, AicoreThreadsAbove1024IsFileAttrInvalid) {
  EXPECT_EQ(CodeOfText(R"({"simulator": {"aicore_threads": 1025}})"), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(LoadConfigTest, UnknownExecutorIsFileAttrInvalid) {
  EXPECT_EQ(CodeOfText(R"({"simulator": {"executor": "fast"}})"), ACL_ERROR_FILE_ATTR_INVALID);
  EXPECT_NE(message_.find("executor"), std::string::npos) << message_;
}

TEST_F(LoadConfigTest, NonStringExecutorIsFileAttrInvalid) {
  EXPECT_EQ(CodeOfText(R"({"simulator": {"executor": 1}})"), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(LoadConfigTest, MaxOpqueueNumZeroIsFileAttrInvalid) {
  EXPECT_EQ(CodeOfText(R"({"max_opqueue_num": "0"})"), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(LoadConfigTest, MaxOpqueueNumNotANumberIsFileAttrInvalid) {
  EXPECT_EQ(CodeOfText(R"({"max_opqueue_num": "many"})"), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(LoadConfigTest, UnknownExecutorVariableIsFileAttrInvalid) {
  ASSERT_EQ(setenv("ACLSIM_EXECUTOR", "fast", 1), 0);
  EXPECT_EQ(CodeOf(nullptr), ACL_ERROR_FILE_ATTR_INVALID);
  EXPECT_NE(message_.find("ACLSIM_EXECUTOR"), std::string::npos) << message_;
}

TEST_F(LoadConfigTest, MalformedDeviceCountVariableIsFileAttrInvalid) {
  ASSERT_EQ(setenv("ACLSIM_DEVICE_COUNT", "lots", 1), 0);
  EXPECT_EQ(CodeOf(nullptr), ACL_ERROR_FILE_ATTR_INVALID);
  EXPECT_NE(message_.find("ACLSIM_DEVICE_COUNT"), std::string::npos) << message_;
}

TEST_F(LoadConfigTest, DeviceCountVariableOutOfRangeIsFileAttrInvalid) {
  ASSERT_EQ(setenv("ACLSIM_DEVICE_COUNT", "65", 1), 0);
  EXPECT_EQ(CodeOf(nullptr), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(LoadConfigTest, MalformedAicoreThreadsVariableIsFileAttrInvalid) {
  ASSERT_EQ(setenv("ACLSIM_AICORE_THREADS", "-1", 1), 0);
  EXPECT_EQ(CodeOf(nullptr), ACL_ERROR_FILE_ATTR_INVALID);
  EXPECT_NE(message_.find("ACLSIM_AICORE_THREADS"), std::string::npos) << message_;
}

TEST_F(LoadConfigTest, MalformedVariableFailsEvenWhenTheFileIsValid) {
  ASSERT_EQ(setenv("ACLSIM_DEVICE_COUNT", "4x", 1), 0);
  EXPECT_EQ(CodeOfText(R"({"simulator": {"device_count": 4}})"), ACL_ERROR_FILE_ATTR_INVALID);
}

TEST_F(LoadConfigTest, MalformedDeviceMemoryVariableIsFileAttrInvalid) {
  ASSERT_EQ(setenv("ACLSIM_DEVICE_MEMORY", "lots", 1), 0);
  EXPECT_EQ(CodeOf(nullptr), ACL_ERROR_FILE_ATTR_INVALID);
  EXPECT_NE(message_.find("ACLSIM_DEVICE_MEMORY"), std::string::npos) << message_;
}

// ---- EffectiveAicoreThreads ----

TEST_F(LoadConfigTest, EffectiveAicoreThreadsIsTheConfiguredCount) {
  Config config;
  config.aicore_threads = 5;
  EXPECT_EQ(EffectiveAicoreThreads(config), 5);
}

TEST_F(LoadConfigTest, EffectiveAicoreThreadsOfZeroIsTheHostCoreCount) {
  Config config;
  config.aicore_threads = 0;
  const unsigned host = std::thread::hardware_concurrency();
  EXPECT_EQ(EffectiveAicoreThreads(config), host == 0 ? 1 : static_cast<int>(host));
}

}  // namespace
}  // namespace aclsim
