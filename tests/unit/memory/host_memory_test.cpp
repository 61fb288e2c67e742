#include "memory/host_memory.h"

#include <gtest/gtest.h>

#include <cstring>

#include "memory/device_registry.h"
#include "test_support.h"

namespace aclsim {
namespace {

using test::FailsWith;

TEST(HostMemory, BlocksAre64ByteAlignedAndUsable) {
  HostMemory host;
  for (size_t size : {1, 63, 64, 1000, 1 << 20}) {
    auto* p = static_cast<unsigned char*>(host.Allocate(size));
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 64, 0u);
    std::memset(p, 0x5a, size);
    EXPECT_EQ(p[size - 1], 0x5a);
    host.Free(p);
  }
}

TEST(HostMemory, SizeZeroIsAnInvalidParameter) {
  HostMemory host;
  EXPECT_TRUE(FailsWith([&] { host.Allocate(0); }, ACL_ERROR_INVALID_PARAM, "size"));
}

TEST(HostMemory, ImpossibleSizeIsABadAlloc) {
  HostMemory host;
  EXPECT_TRUE(FailsWith([&] { host.Allocate(SIZE_MAX / 2); }, ACL_ERROR_BAD_ALLOC, "out of host memory"));
  EXPECT_TRUE(host.Leaks().empty());
}

TEST(HostMemory, FindTellsABlockFromArbitraryHostMemory) {
  HostMemory host;
  auto* p = static_cast<char*>(host.Allocate(100));
  int on_stack = 0;
  ASSERT_TRUE(host.Find(p + 99).has_value());
  EXPECT_EQ(host.Find(p + 99)->base, p);
  EXPECT_EQ(host.Find(p + 99)->size, 100u);
  EXPECT_FALSE(host.Find(p + 100).has_value());
  EXPECT_FALSE(host.Find(&on_stack).has_value());
  host.Free(p);
  EXPECT_FALSE(host.Find(p).has_value());
}

TEST(HostMemory, HostBlocksAreNotDeviceMemory) {
  HostMemory host;
  void* p = host.Allocate(100);
  EXPECT_EQ(FindDeviceOf(p), std::nullopt);
  host.Free(p);
}

TEST(HostMemory, FreeOfUnknownInteriorOrFreedPointerIsRejected) {
  HostMemory host;
  auto* p = static_cast<char*>(host.Allocate(100));
  int on_stack = 0;
  EXPECT_TRUE(FailsWith([&] { host.Free(&on_stack); }, ACL_ERROR_INVALID_PARAM, "not a live aclrtMallocHost block"));
  EXPECT_TRUE(FailsWith([&] { host.Free(p + 8); }, ACL_ERROR_INVALID_PARAM, "points 8 bytes into the host block"));
  host.Free(p);
  EXPECT_TRUE(FailsWith([&] { host.Free(p); }, ACL_ERROR_INVALID_PARAM, "freed already"));
  EXPECT_TRUE(FailsWith([&] { host.Free(nullptr); }, ACL_ERROR_INVALID_PARAM, "must not be null"));
}

}  // namespace
}  // namespace aclsim
