// Shared pieces of the memory API tests: a fixture that brings the runtime up with chosen
// ACLSIM_* settings (device count, device memory, SoC) and down again around each test, and small
// helpers for free figures, byte patterns and recent error messages. Public API only.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "acl/acl.h"

namespace aclsim_memory_test {

inline constexpr size_t kMiB = size_t{1} << 20;
inline constexpr size_t kGiB = size_t{1} << 30;

// The text aclGetRecentErrMsg() returns now ("" for none); reading it clears it.
inline std::string RecentErrMsg() {
  const char* message = aclGetRecentErrMsg();
  return message == nullptr ? std::string() : std::string(message);
}

inline bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// aclrtGetMemInfo(ACL_DDR_MEM) of the current device (the default SoC, Ascend310P3, has DDR).
inline size_t FreeBytes() {
  size_t free = 0;
  size_t total = 0;
  EXPECT_EQ(aclrtGetMemInfo(ACL_DDR_MEM, &free, &total), ACL_SUCCESS);
  return free;
}

inline size_t TotalBytes() {
  size_t free = 0;
  size_t total = 0;
  EXPECT_EQ(aclrtGetMemInfo(ACL_DDR_MEM, &free, &total), ACL_SUCCESS);
  return total;
}

// `size` bytes whose value depends on the position and on `seed` (never a run of equal bytes).
inline std::vector<unsigned char> Pattern(size_t size, unsigned seed = 1) {
  std::vector<unsigned char> bytes(size);
  for (size_t i = 0; i < size; ++i) bytes[i] = static_cast<unsigned char>((i * 131 + seed * 7 + (i >> 8)) & 0xFF);
  return bytes;
}

// Brings up the runtime and device 0 for every test, with the ACLSIM_* variables `Settings()`
// names set only while aclInit reads them, and releases everything afterwards.
class MemoryTest : public ::testing::Test {
 protected:
  virtual std::vector<std::pair<std::string, std::string>> Settings() const { return {}; }

  void SetUp() override {
    const auto settings = Settings();
    for (const auto& [name, value] : settings) ASSERT_EQ(setenv(name.c_str(), value.c_str(), 1), 0);
    const aclError init = aclInit(nullptr);
    for (const auto& [name, value] : settings) unsetenv(name.c_str());
    ASSERT_EQ(init, ACL_SUCCESS);
    ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
    (void)aclGetRecentErrMsg();  // start each test with no unread message
  }
  void TearDown() override {
    EXPECT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
    EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
  }
};

// Device memory of 64 MiB, for tests that run out of it.
class SmallDeviceTest : public MemoryTest {
 protected:
  std::vector<std::pair<std::string, std::string>> Settings() const override {
    return {{"ACLSIM_DEVICE_MEMORY", "64M"}};
  }
};

// Two devices of 64 MiB each, each set once (one reference); device 0 is current after SetUp.
// Use(device) switches the current device through its default context, leaving the reference
// counts alone.
class TwoDeviceTest : public MemoryTest {
 protected:
  std::vector<std::pair<std::string, std::string>> Settings() const override {
    return {{"ACLSIM_DEVICE_COUNT", "2"}, {"ACLSIM_DEVICE_MEMORY", "64M"}};
  }
  void SetUp() override {
    MemoryTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_EQ(aclrtGetCurrentContext(&contexts_[0]), ACL_SUCCESS);
    ASSERT_EQ(aclrtSetDevice(1), ACL_SUCCESS);
    ASSERT_EQ(aclrtGetCurrentContext(&contexts_[1]), ACL_SUCCESS);
    Use(0);
    (void)aclGetRecentErrMsg();
  }
  void TearDown() override {
    EXPECT_EQ(aclrtResetDevice(1), ACL_SUCCESS);
    MemoryTest::TearDown();
  }
  void Use(int32_t device) {
    ASSERT_EQ(aclrtSetCurrentContext(contexts_[device]), ACL_SUCCESS);
    int32_t current = -1;
    ASSERT_EQ(aclrtGetDevice(&current), ACL_SUCCESS);
    ASSERT_EQ(current, device);
  }
  // Default contexts change when a device is reset and set again: call after that.
  void Refresh(int32_t device) { ASSERT_EQ(aclrtGetCurrentContext(&contexts_[device]), ACL_SUCCESS); }

  aclrtContext contexts_[2] = {nullptr, nullptr};
};

// A device allocation freed at the end of its scope (when still owned).
class DeviceBuffer {
 public:
  explicit DeviceBuffer(size_t size) : size_(size) {
    EXPECT_EQ(aclrtMalloc(&ptr_, size, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  }
  ~DeviceBuffer() {
    if (ptr_ != nullptr) {
      EXPECT_EQ(aclrtFree(ptr_), ACL_SUCCESS);
    }
  }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;

  void* get() const { return ptr_; }
  unsigned char* bytes() const { return static_cast<unsigned char*>(ptr_); }
  size_t size() const { return size_; }
  void* release() { return std::exchange(ptr_, nullptr); }

 private:
  void* ptr_ = nullptr;
  size_t size_ = 0;
};

// The device bytes [ptr, ptr + size), read back with aclrtMemcpy.
inline std::vector<unsigned char> ReadDevice(const void* ptr, size_t size) {
  std::vector<unsigned char> bytes(size);
  EXPECT_EQ(aclrtMemcpy(bytes.data(), size, ptr, size, ACL_MEMCPY_DEVICE_TO_HOST), ACL_SUCCESS);
  return bytes;
}

inline void WriteDevice(void* ptr, const std::vector<unsigned char>& bytes) {
  EXPECT_EQ(aclrtMemcpy(ptr, bytes.size(), bytes.data(), bytes.size(), ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
}

}  // namespace aclsim_memory_test
