#include "sim/parallel.h"

#define EIGEN_USE_THREADS
#include <algorithm>
#include <exception>
#include <mutex>

#include <unsupported/Eigen/CXX11/Tensor>
#include <unsupported/Eigen/CXX11/ThreadPool>

namespace aclsim::sim {

struct Parallel::Pool {
  explicit Pool(int threads) : pool(threads), device(&pool, threads) {}
  Eigen::ThreadPool pool;
  Eigen::ThreadPoolDevice device;
};

Parallel::Parallel(int threads) : threads_(std::max(1, threads)) { pool_ = std::make_unique<Pool>(threads_); }

Parallel::~Parallel() = default;

void Parallel::For(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& fn) const {
  if (n <= 0) return;
  grain = std::max<int64_t>(1, grain);
  int64_t pieces = std::min<int64_t>(threads_, (n + grain - 1) / grain);
  if (pieces <= 1) {
    fn(0, n);
    return;
  }
  const int64_t step = (n + pieces - 1) / pieces;
  pieces = (n + step - 1) / step;  // no empty trailing piece
  Eigen::Barrier barrier(static_cast<unsigned>(pieces - 1));
  std::mutex error_mutex;
  std::exception_ptr error;
  auto run = [&](int64_t begin, int64_t end) {
    try {
      fn(begin, end);
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!error) error = std::current_exception();
    }
  };
  for (int64_t p = 1; p < pieces; ++p) {
    const int64_t begin = p * step, end = std::min(n, begin + step);
    pool_->pool.Schedule([&, begin, end] {
      run(begin, end);
      barrier.Notify();
    });
  }
  run(0, std::min(n, step));  // the calling thread does the first piece
  barrier.Wait();
  if (error) std::rethrow_exception(error);
}

const Eigen::ThreadPoolDevice& Parallel::eigen_device() const { return pool_->device; }

const Parallel& Parallel::Inline() {
  static const Parallel* inline_parallel = new Parallel(1);
  return *inline_parallel;
}

}  // namespace aclsim::sim
