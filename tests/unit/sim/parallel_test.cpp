// sim::Parallel::For: every item once, exceptions reach the caller, and regions started while
// the worker team is busy (nested, or from another thread) still complete.
#include "sim/parallel.h"

#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace aclsim::sim {
namespace {

std::vector<int> CountVisits(const Parallel& parallel, int64_t n, int64_t grain) {
  std::vector<std::atomic<int>> hits(static_cast<size_t>(n));
  parallel.For(n, grain, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) hits[static_cast<size_t>(i)].fetch_add(1);
  });
  std::vector<int> out;
  for (auto& h : hits) out.push_back(h.load());
  return out;
}

TEST(ParallelFor, VisitsEveryItemOnceOverManyRegions) {
  for (int threads : {1, 2, 3, 8}) {
    const Parallel parallel(threads);
    for (int round = 0; round < 200; ++round) {
      const int64_t n = 1 + round * 7 % 97;
      EXPECT_EQ(CountVisits(parallel, n, 1), std::vector<int>(static_cast<size_t>(n), 1)) << threads << " threads";
    }
  }
}

TEST(ParallelFor, ExceptionOfAnyPieceReachesTheCaller) {
  const Parallel parallel(4);
  for (int64_t bad : {0, 5, 9}) {
    EXPECT_THROW(parallel.For(10, 1,
                              [&](int64_t begin, int64_t end) {
                                if (begin <= bad && bad < end) throw std::runtime_error("piece failed");
                              }),
                 std::runtime_error);
  }
  EXPECT_EQ(CountVisits(parallel, 10, 1), std::vector<int>(10, 1));  // still usable afterwards
}

TEST(ParallelFor, NestedRegionsComplete) {
  const Parallel parallel(2);
  std::atomic<int64_t> sum{0};
  parallel.For(4, 1, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      parallel.For(100, 1, [&](int64_t b, int64_t e) {
        for (int64_t j = b; j < e; ++j) sum.fetch_add(j);
      });
    }
  });
  EXPECT_EQ(sum.load(), 4 * 4950);
}

TEST(ParallelFor, RegionsFromSeveralThreadsAtOnceComplete) {
  const Parallel parallel(2);
  std::atomic<int64_t> sum{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < 4; ++c) {
    callers.emplace_back([&] {
      for (int round = 0; round < 300; ++round) {
        parallel.For(64, 1, [&](int64_t begin, int64_t end) { sum.fetch_add(end - begin); });
      }
    });
  }
  for (auto& t : callers) t.join();
  EXPECT_EQ(sum.load(), 4 * 300 * 64);
}

}  // namespace
}  // namespace aclsim::sim
