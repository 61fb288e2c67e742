// The simulated device's AI cores: a pool of worker threads that kernels split their work over.
// One per device. Thread-safe: several streams' kernels may call For at the same time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

namespace Eigen {
class ThreadPoolDevice;
}

namespace aclsim::sim {

class Parallel {
 public:
  // `threads` <= 1 runs everything on the calling thread.
  explicit Parallel(int threads);
  ~Parallel();
  Parallel(const Parallel&) = delete;
  Parallel& operator=(const Parallel&) = delete;

  int threads() const { return threads_; }

  // Runs fn(begin, end) over [0, n) in at most threads() pieces of at least `grain` items each,
  // the calling thread taking one, and returns when all are done. Exceptions propagate (the first).
  void For(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& fn) const;

  // For Eigen Tensor expressions (contractions, convolutions) evaluated on the same threads.
  const Eigen::ThreadPoolDevice& eigen_device() const;

  // A pool that runs everything inline: for tests and tools that have no device.
  static const Parallel& Inline();

 private:
  struct Pool;
  const int threads_;
  std::unique_ptr<Pool> pool_;
};

}  // namespace aclsim::sim
