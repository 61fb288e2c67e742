#include "runtime/config.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/env.h"
#include "common/error.h"
#include "common/log.h"

namespace aclsim {
namespace {

using nlohmann::json;

// CANN documents that an aclInit file nests "{" and "[" at most 10 levels deep.
constexpr int kMaxJsonDepth = 10;

int Depth(const json& value) {
  int deepest = 0;
  if (value.is_structured()) {
    for (const auto& child : value) deepest = std::max(deepest, Depth(child));
    return deepest + 1;
  }
  return 0;
}

std::string ReadWholeFile(const std::string& path) {
  // A directory opens like a file but reads as nothing: report it as unreadable, not as bad JSON.
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    Fail(ACL_ERROR_INVALID_FILE, "cannot read config file '{}': it is a directory", path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) Fail(ACL_ERROR_INVALID_FILE, "cannot open config file '{}'", path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) Fail(ACL_ERROR_INVALID_FILE, "cannot read config file '{}'", path);
  return text.str();
}

[[noreturn]] void BadValue(const std::string& where, const std::string& key, const std::string& expected) {
  Fail(ACL_ERROR_FILE_ATTR_INVALID, "{}: \"{}\" must be {}", where, key, expected);
}

int64_t IntValue(const json& value, const std::string& where, const std::string& key, int64_t min, int64_t max) {
  int64_t number = 0;
  if (value.is_number_integer()) {
    number = value.get<int64_t>();
  } else if (value.is_string()) {  // CANN's own keys are strings, e.g. "max_opqueue_num": "10000"
    const std::string& text = value.get_ref<const std::string&>();
    const size_t digits_from = !text.empty() && text[0] == '-' ? 1 : 0;
    const bool well_formed = text.size() > digits_from && text.size() <= 18 &&
                             text.find_first_not_of("0123456789", digits_from) == std::string::npos;
    if (!well_formed) BadValue(where, key, "an integer");
    number = std::stoll(text);
  } else {
    BadValue(where, key, "an integer");
  }
  if (number < min || number > max) BadValue(where, key, fmt::format("in [{}, {}]", min, max));
  return number;
}

uint64_t ByteSizeValue(const json& value, const std::string& where, const std::string& key) {
  std::optional<uint64_t> bytes;
  if (value.is_number_unsigned()) bytes = value.get<uint64_t>();
  if (value.is_string()) bytes = ParseByteSize(value.get<std::string>());
  if (!bytes || *bytes == 0) BadValue(where, key, "a positive byte count such as 34359738368 or \"32G\"");
  return *bytes;
}

ExecutorKind ExecutorValue(const std::string& text, const std::string& where) {
  if (text == "async") return ExecutorKind::kAsync;
  if (text == "sync") return ExecutorKind::kSync;
  BadValue(where, "executor", "\"async\" or \"sync\"");
}

void ApplySimulatorSection(const json& section, const std::string& where, Config& config) {
  if (!section.is_object()) BadValue(where, "simulator", "an object");
  for (const auto& [key, value] : section.items()) {
    if (key == "device_count") {
      config.device_count = static_cast<int>(IntValue(value, where, key, 1, 64));
    } else if (key == "device_memory") {
      config.device_memory = ByteSizeValue(value, where, key);
    } else if (key == "soc_name") {
      if (!value.is_string() || value.get<std::string>().empty()) BadValue(where, key, "a non-empty string");
      config.soc_name = value.get<std::string>();
    } else if (key == "aicore_threads") {
      config.aicore_threads = static_cast<int>(IntValue(value, where, key, 0, 1024));
    } else if (key == "kernel_delay_ms") {
      config.kernel_delay_ms = IntValue(value, where, key, 0, 600000);
    } else if (key == "executor") {
      if (!value.is_string()) BadValue(where, key, "\"async\" or \"sync\"");
      config.executor = ExecutorValue(value.get<std::string>(), where);
    } else {
      Log().debug("{}: ignoring unknown key simulator.{}", where, key);
    }
  }
}

void ApplyFile(const std::string& path, Config& config) {
  const std::string text = ReadWholeFile(path);
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    Fail(ACL_ERROR_PARSE_FILE, "config file '{}' is not valid JSON: error at byte {}: {}", path, e.byte, e.what());
  }
  if (!root.is_object()) Fail(ACL_ERROR_PARSE_FILE, "config file '{}' must hold a JSON object", path);
  if (Depth(root) > kMaxJsonDepth) {
    Fail(ACL_ERROR_PARSE_FILE, "config file '{}' nests deeper than {} levels", path, kMaxJsonDepth);
  }
  for (const auto& [key, value] : root.items()) {
    if (key == "simulator") {
      ApplySimulatorSection(value, path, config);
    } else if (key == "max_opqueue_num") {
      config.max_opqueue_num = IntValue(value, path, key, 1, INT32_MAX);
    } else {
      // dump, profiler, err_msg_mode, ...: accepted so real acl.json files load.
      Log().debug("{}: ignoring key \"{}\"", path, key);
    }
  }
}

// The ACLSIM_* variables are read as strictly as the file: a typo fails aclInit, naming it.
void ApplyEnvironment(Config& config) {
  const char* where = "environment";
  if (auto text = EnvString("ACLSIM_DEVICE_COUNT")) {
    config.device_count = static_cast<int>(IntValue(json(*text), where, "ACLSIM_DEVICE_COUNT", 1, 64));
  }
  if (auto text = EnvString("ACLSIM_DEVICE_MEMORY")) {
    config.device_memory = ByteSizeValue(json(*text), where, "ACLSIM_DEVICE_MEMORY");
  }
  if (auto text = EnvString("ACLSIM_SOC_NAME")) config.soc_name = *text;
  if (auto text = EnvString("ACLSIM_AICORE_THREADS")) {
    config.aicore_threads = static_cast<int>(IntValue(json(*text), where, "ACLSIM_AICORE_THREADS", 0, 1024));
  }
  if (auto text = EnvString("ACLSIM_EXECUTOR")) config.executor = ExecutorValue(*text, "ACLSIM_EXECUTOR");
  if (auto text = EnvString("ACLSIM_KERNEL_DELAY_MS")) {
    config.kernel_delay_ms = IntValue(json(*text), where, "ACLSIM_KERNEL_DELAY_MS", 0, 600000);
  }
}

}  // namespace

Config LoadConfig(const char* path) {
  Config config;
  if (path != nullptr && *path != '\0') ApplyFile(path, config);
  ApplyEnvironment(config);
  return config;
}

int EffectiveAicoreThreads(const Config& config) {
  if (config.aicore_threads > 0) return config.aicore_threads;
  const unsigned host = std::thread::hardware_concurrency();
  return host == 0 ? 1 : static_cast<int>(host);
}

}  // namespace aclsim
