// Shared pieces of the DVPP API tests: a device, a stream and an open channel per test, pictures
// in acldvppMalloc memory, and PSNR.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#define ENABLE_DVPP_INTERFACE
#include "acl/acl.h"
#include "acl/ops/acl_dvpp.h"

namespace aclsim_dvpp_test {

inline std::string RecentErrMsg() {
  const char* message = aclGetRecentErrMsg();
  return message == nullptr ? std::string() : std::string(message);
}

class DvppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
    ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
    ASSERT_EQ(aclrtCreateStream(&stream_), ACL_SUCCESS);
    channel_ = acldvppCreateChannelDesc();
    ASSERT_NE(channel_, nullptr);
    ASSERT_EQ(acldvppCreateChannel(channel_), ACL_SUCCESS);
  }
  void TearDown() override {
    for (acldvppPicDesc* desc : descs_) acldvppDestroyPicDesc(desc);
    for (void* p : buffers_) acldvppFree(p);
    acldvppDestroyChannel(channel_);
    acldvppDestroyChannelDesc(channel_);
    aclrtDestroyStream(stream_);
    aclrtResetDevice(0);
    aclFinalize();
  }

  // Device memory of `size` bytes holding `bytes` (zero-filled past them).
  void* Device(size_t size, const std::vector<uint8_t>& bytes = {}) {
    void* p = nullptr;
    EXPECT_EQ(acldvppMalloc(&p, size), ACL_SUCCESS);
    std::memset(p, 0, size);
    if (!bytes.empty()) std::memcpy(p, bytes.data(), std::min(size, bytes.size()));
    buffers_.push_back(p);
    return p;
  }

  acldvppPicDesc* Pic(acldvppPixelFormat format, uint32_t w, uint32_t h, uint32_t ws, uint32_t hs, void* data,
                      uint32_t size) {
    acldvppPicDesc* desc = acldvppCreatePicDesc();
    acldvppSetPicDescFormat(desc, format);
    acldvppSetPicDescWidth(desc, w);
    acldvppSetPicDescHeight(desc, h);
    acldvppSetPicDescWidthStride(desc, ws);
    acldvppSetPicDescHeightStride(desc, hs);
    acldvppSetPicDescData(desc, data);
    acldvppSetPicDescSize(desc, size);
    descs_.push_back(desc);
    return desc;
  }

  aclrtStream stream_ = nullptr;
  acldvppChannelDesc* channel_ = nullptr;
  std::vector<void*> buffers_;
  std::vector<acldvppPicDesc*> descs_;
};

inline double Psnr(const uint8_t* a, const uint8_t* b, size_t n) {
  double se = 0;
  for (size_t i = 0; i < n; ++i) se += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
  if (se == 0) return 99.0;
  return 10 * std::log10(255.0 * 255.0 * n / se);
}

// A smooth, varied test image: value of channel c at (x, y).
inline uint8_t Smooth(uint32_t x, uint32_t y, int c) {
  const double v = 128 + 90 * std::sin(x * 0.05 + c) * std::cos(y * 0.04 - c * 0.5);
  return static_cast<uint8_t>(std::lround(v));
}

}  // namespace aclsim_dvpp_test
