// Shared pieces of the end-to-end tests: a temporary directory, running the atc tool on a
// single-op JSON description, device buffers filled from and read back into host vectors, tensor
// descs and attributes that release themselves, and the fixture that brings up device 0 with a
// stream. Public API only (plus POSIX for files and processes).
#pragma once

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include "acl/acl.h"
#include "acl/acl_op_compiler.h"
#include "acl/ops/acl_cblas.h"

extern char** environ;

namespace aclsim_e2e {

// The text aclGetRecentErrMsg() returns now ("" for none); reading it clears it.
inline std::string RecentErrMsg() {
  const char* message = aclGetRecentErrMsg();
  return message == nullptr ? std::string() : std::string(message);
}

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/aclsim_e2e_XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (::mkdtemp(buffer.data()) != nullptr) path_ = buffer.data();
  }
  ~TempDir() {
    if (path_.empty()) return;
    ::nftw(path_.c_str(), [](const char* p, const struct stat*, int, struct FTW*) { return ::remove(p); }, 16,
           FTW_DEPTH | FTW_PHYS);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The names of the .om files in `dir` (none when it does not exist).
inline std::vector<std::string> OmFiles(const std::string& dir) {
  std::vector<std::string> names;
  DIR* handle = ::opendir(dir.c_str());
  if (handle == nullptr) return names;
  while (dirent* entry = ::readdir(handle)) {
    const std::string name = entry->d_name;
    if (name.size() > 3 && name.compare(name.size() - 3, 3, ".om") == 0) names.push_back(name);
  }
  ::closedir(handle);
  return names;
}

struct AtcResult {
  int exit_status = -1;  // -1: did not exit normally
  std::string output;    // stdout and stderr together
};

// Runs the atc binary with `options` and collects its output (stdout and stderr) through `log_path`.
inline AtcResult RunAtcWith(const std::vector<std::string>& options, const std::string& log_path) {
  std::vector<std::string> args = {ATC_PATH};
  args.insert(args.end(), options.begin(), options.end());
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  AtcResult result;
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, ATC_PATH, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    result.output = std::string("posix_spawn failed: ") + std::strerror(spawned);
    return result;
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
  result.output = ReadFile(log_path);
  return result;
}

// Runs `atc --singleop=<json> --output=<dir> --soc_version=Ascend310P3`.
inline AtcResult RunAtc(const std::string& json_path, const std::string& output_dir, const std::string& log_path) {
  return RunAtcWith({"--singleop=" + json_path, "--output=" + output_dir, "--soc_version=Ascend310P3"}, log_path);
}

// Writes `json` into `dir`/ops.json and compiles it into `dir`/out; expects success.
inline void CompileSingleOps(const TempDir& dir, const std::string& json) {
  WriteFile(dir / "ops.json", json);
  const AtcResult result = RunAtc(dir / "ops.json", dir / "out", dir / "atc.log");
  ASSERT_EQ(result.exit_status, 0) << result.output;
}

// An aclTensorDesc that destroys itself.
class Desc {
 public:
  Desc(aclDataType type, std::initializer_list<int64_t> dims, aclFormat format = ACL_FORMAT_ND)
      : Desc(type, std::vector<int64_t>(dims), format) {}
  Desc(aclDataType type, const std::vector<int64_t>& dims, aclFormat format = ACL_FORMAT_ND)
      : desc_(aclCreateTensorDesc(type, static_cast<int>(dims.size()), dims.empty() ? nullptr : dims.data(), format)) {}
  ~Desc() { aclDestroyTensorDesc(desc_); }
  Desc(const Desc&) = delete;
  Desc& operator=(const Desc&) = delete;
  aclTensorDesc* get() const { return desc_; }
  std::vector<int64_t> dims() const {
    std::vector<int64_t> out(aclGetTensorDescNumDims(desc_));
    for (size_t i = 0; i < out.size(); ++i) aclGetTensorDescDimV2(desc_, i, &out[i]);
    return out;
  }

 private:
  aclTensorDesc* desc_;
};

// An aclopAttr that destroys itself.
class Attr {
 public:
  Attr() : attr_(aclopCreateAttr()) {}
  ~Attr() { aclopDestroyAttr(attr_); }
  Attr(const Attr&) = delete;
  Attr& operator=(const Attr&) = delete;
  aclopAttr* get() const { return attr_; }

 private:
  aclopAttr* attr_;
};

// Device memory of `bytes` bytes with an aclDataBuffer over it; freed on destruction.
class DeviceBuffer {
 public:
  explicit DeviceBuffer(size_t bytes) : bytes_(bytes) {
    if (aclrtMalloc(&data_, bytes == 0 ? 1 : bytes, ACL_MEM_MALLOC_HUGE_FIRST) != ACL_SUCCESS) data_ = nullptr;
    buffer_ = aclCreateDataBuffer(data_, bytes);
  }
  template <typename T>
  explicit DeviceBuffer(const std::vector<T>& host) : DeviceBuffer(host.size() * sizeof(T)) {
    if (data_ != nullptr && !host.empty()) {
      aclrtMemcpy(data_, bytes_, host.data(), bytes_, ACL_MEMCPY_HOST_TO_DEVICE);
    }
  }
  ~DeviceBuffer() {
    aclDestroyDataBuffer(buffer_);
    if (data_ != nullptr) aclrtFree(data_);
  }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;

  void* data() const { return data_; }
  aclDataBuffer* buffer() const { return buffer_; }

  template <typename T>
  std::vector<T> Read() const {
    std::vector<T> host(bytes_ / sizeof(T));
    aclrtMemcpy(host.data(), bytes_, data_, bytes_, ACL_MEMCPY_DEVICE_TO_HOST);
    return host;
  }

 private:
  size_t bytes_;
  void* data_ = nullptr;
  aclDataBuffer* buffer_ = nullptr;
};

// The bytes of a vector, to compare results byte for byte.
template <typename T>
std::vector<uint8_t> Bytes(const std::vector<T>& values) {
  std::vector<uint8_t> out(values.size() * sizeof(T));
  if (!out.empty()) std::memcpy(out.data(), values.data(), out.size());
  return out;
}

inline std::vector<aclFloat16> ToHalf(const std::vector<float>& values) {
  std::vector<aclFloat16> out;
  for (float v : values) out.push_back(aclFloatToFloat16(v));
  return out;
}

// Brings up device 0 with one stream for every test and releases everything afterwards.
class E2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
    ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
    ASSERT_EQ(aclrtCreateStream(&stream_), ACL_SUCCESS);
    ASSERT_FALSE(dir_.path().empty());
    (void)aclGetRecentErrMsg();
  }
  void TearDown() override {
    EXPECT_EQ(aclrtDestroyStream(stream_), ACL_SUCCESS);
    EXPECT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
    EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
  }

  // Compiles `json` with atc and loads the models with aclopSetModelDir.
  void Load(const std::string& json) {
    CompileSingleOps(dir_, json);
    ASSERT_EQ(aclopSetModelDir((dir_ / "out").c_str()), ACL_SUCCESS) << RecentErrMsg();
  }

  TempDir dir_;
  aclrtStream stream_ = nullptr;
};

}  // namespace aclsim_e2e
