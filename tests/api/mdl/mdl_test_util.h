// Shared pieces of the aclmdl tests: the fixture that brings up device 0, the paths of the test
// models (written at build time by tests/data/make_test_models), device buffers filled from host
// vectors, and datasets that release themselves. Public API only.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "acl/acl.h"

namespace aclsim_mdl_test {

inline std::string ModelPath(const std::string& name) { return std::string(ACLSIM_TEST_MODELS_DIR) + "/" + name + ".om"; }

inline std::string RecentErrMsg() {
  const char* message = aclGetRecentErrMsg();
  return message == nullptr ? std::string() : std::string(message);
}

class MdlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
    ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  }
  void TearDown() override {
    for (uint32_t id : loaded_) aclmdlUnload(id);
    for (void* p : device_buffers_) aclrtFree(p);
    EXPECT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
    EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
  }

  uint32_t Load(const std::string& name) {
    uint32_t id = 0;
    EXPECT_EQ(aclmdlLoadFromFile(ModelPath(name).c_str(), &id), ACL_SUCCESS) << RecentErrMsg();
    loaded_.push_back(id);
    return id;
  }

  // Device memory holding `values` (released at tear-down).
  template <typename T>
  void* DeviceCopy(const std::vector<T>& values) {
    void* p = DeviceBuffer(values.size() * sizeof(T));
    if (!values.empty()) {
      EXPECT_EQ(aclrtMemcpy(p, values.size() * sizeof(T), values.data(), values.size() * sizeof(T),
                            ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
    }
    return p;
  }
  void* DeviceBuffer(size_t bytes) {
    void* p = nullptr;
    EXPECT_EQ(aclrtMalloc(&p, bytes == 0 ? 1 : bytes, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
    device_buffers_.push_back(p);
    return p;
  }
  template <typename T>
  std::vector<T> HostCopy(const void* device, size_t count) {
    std::vector<T> out(count);
    EXPECT_EQ(aclrtMemcpy(out.data(), count * sizeof(T), device, count * sizeof(T), ACL_MEMCPY_DEVICE_TO_HOST),
              ACL_SUCCESS);
    return out;
  }

  std::vector<uint32_t> loaded_;
  std::vector<void*> device_buffers_;
};

// A dataset of data buffers over (pointer, size) pairs, destroyed with its buffers.
class Dataset {
 public:
  Dataset() : dataset_(aclmdlCreateDataset()) {}
  Dataset(std::initializer_list<std::pair<void*, size_t>> buffers) : Dataset() {
    for (const auto& [data, size] : buffers) Add(data, size);
  }
  ~Dataset() {
    for (size_t i = 0; i < aclmdlGetDatasetNumBuffers(dataset_); ++i) aclDestroyDataBuffer(aclmdlGetDatasetBuffer(dataset_, i));
    aclmdlDestroyDataset(dataset_);
  }
  Dataset(const Dataset&) = delete;
  Dataset& operator=(const Dataset&) = delete;

  void Add(void* data, size_t size) { EXPECT_EQ(aclmdlAddDatasetBuffer(dataset_, aclCreateDataBuffer(data, size)), ACL_SUCCESS); }
  aclmdlDataset* get() const { return dataset_; }

 private:
  aclmdlDataset* dataset_;
};

// A model desc filled from a loaded model, destroyed at scope exit.
class Desc {
 public:
  explicit Desc(uint32_t model_id) : desc_(aclmdlCreateDesc()) { EXPECT_EQ(aclmdlGetDesc(desc_, model_id), ACL_SUCCESS); }
  ~Desc() { aclmdlDestroyDesc(desc_); }
  Desc(const Desc&) = delete;
  Desc& operator=(const Desc&) = delete;
  aclmdlDesc* get() const { return desc_; }

 private:
  aclmdlDesc* desc_;
};

}  // namespace aclsim_mdl_test
