// Concurrent use: the accounting stays exact and no block is ever handed to two owners.
#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <thread>
#include <vector>

#include "memory/device_memory.h"
#include "test_support.h"

namespace aclsim {
namespace {

using test::kMiB;

constexpr size_t kCapacity = 256 * kMiB;

TEST(DeviceMemoryThreads, ConcurrentAllocateAndFreeKeepAccountingExact) {
  DeviceMemory memory(0, kCapacity);
  std::vector<std::thread> threads;
  std::atomic<int> corrupted{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&memory, &corrupted, t] {
      std::vector<std::pair<unsigned char*, size_t>> live;
      for (int i = 0; i < 20000; ++i) {
        const size_t size = static_cast<size_t>((i * 131 + t * 17) % 5000 + 1);
        auto* p = static_cast<unsigned char*>(memory.Allocate(size));
        std::memset(p, t + 1, size);  // a block shared with another thread would be overwritten
        live.emplace_back(p, size);
        if (live.size() > 32) {
          auto [q, n] = live.front();
          for (size_t k = 0; k < n; ++k) {
            if (q[k] != t + 1) {
              corrupted.fetch_add(1);
              break;
            }
          }
          memory.Free(q);
          live.erase(live.begin());
        }
      }
      for (auto [q, n] : live) memory.Free(q);
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(corrupted.load(), 0);
  EXPECT_EQ(memory.Info().free, kCapacity);
  EXPECT_EQ(memory.Leaks().count, 0u);
}

TEST(DeviceMemoryThreads, BlocksFreedByOtherThreadsAreAccountedOnce) {
  DeviceMemory memory(0, kCapacity);
  std::vector<void*> blocks(10000);
  for (void*& p : blocks) p = memory.Allocate(700);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (size_t i = t; i < blocks.size(); i += 4) memory.Free(blocks[i]);
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(memory.Info().free, kCapacity);
}

TEST(DeviceMemoryThreads, ConcurrentDoubleFreeSucceedsExactlyOnce) {
  DeviceMemory memory(0, kCapacity);
  for (int round = 0; round < 200; ++round) {
    void* p = memory.Allocate(100);
    std::atomic<int> succeeded{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        try {
          memory.Free(p);
          succeeded.fetch_add(1);
        } catch (const Error&) {
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
    ASSERT_EQ(succeeded.load(), 1);
  }
  EXPECT_EQ(memory.Info().free, kCapacity);
}

TEST(DeviceMemoryThreads, OutOfMemoryUnderContentionIsDecidedExactly) {
  DeviceMemory memory(0, 64 * kMiB);
  // 8 threads each want 16 blocks of 1 MiB: 128 MiB requested, 64 MiB available.
  std::atomic<int> granted{0};
  std::vector<std::thread> threads;
  std::vector<std::vector<void*>> held(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 16; ++i) {
        try {
          held[t].push_back(memory.Allocate(kMiB - 32));  // exactly 1 MiB each
          granted.fetch_add(1);
        } catch (const Error&) {
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(granted.load(), 64);
  EXPECT_EQ(memory.Info().free, 0u);
  for (auto& list : held) {
    for (void* p : list) memory.Free(p);
  }
  EXPECT_EQ(memory.Info().free, 64 * kMiB);
}

}  // namespace
}  // namespace aclsim
