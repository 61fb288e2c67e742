#include "sim/parallel.h"

#define EIGEN_USE_THREADS
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include <unsupported/Eigen/CXX11/Tensor>
#include <unsupported/Eigen/CXX11/ThreadPool>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace aclsim::sim {
namespace {

inline void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#endif
}

// One round of polling: pause first, then give the core away when another thread wants it (on
// a busy machine the thread we wait for may be waiting for this core).
inline void Poll(int round) {
  if (round < 64) {
    CpuRelax();
  } else {
    std::this_thread::yield();
  }
}

// How long an idle team worker keeps polling for the next region before it sleeps. A model's
// kernels follow each other within microseconds; waking a sleeping thread costs ~10 us each time.
constexpr auto kWorkerSpin = std::chrono::microseconds(50);
// How long the caller of a For polls for the workers' pieces to end before it sleeps.
constexpr auto kCallerSpin = std::chrono::microseconds(30);

}  // namespace

// Two ways to run the pieces of a For on other threads:
//  - the team: threads() - 1 workers that poll (then sleep) for a region published through one
//    atomic word, so that a region starts in well under a microsecond while the kernels of a
//    model run back to back. One region at a time;
//  - Eigen's pool, for a For started while the team is busy (another stream's kernel, or a For
//    nested inside a piece), and for Eigen Tensor expressions.
struct Parallel::Pool {
  using Fn = std::function<void(int64_t, int64_t)>;

  explicit Pool(int threads) : pool(threads), device(&pool, threads) {
    // The team's piece count travels in one byte of its region word.
    for (int w = 1; w < std::min(threads, 255); ++w) workers.emplace_back([this, w] { WorkerLoop(w); });
  }
  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(sleep_mutex);
      stop = true;
    }
    wake.notify_all();
    for (std::thread& t : workers) t.join();
  }

  // Runs piece `p` of the current region, keeping the first exception.
  void RunPiece(int64_t p) {
    const int64_t begin = p * step, end = std::min(n, begin + step);
    try {
      (*fn)(begin, end);
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!error) error = std::current_exception();
    }
  }

  void WorkerLoop(int w) {
    uint64_t seen = 0;
    for (;;) {
      uint64_t word = region.load(std::memory_order_acquire);
      if (word == seen) {
        const auto until = std::chrono::steady_clock::now() + kWorkerSpin;
        for (int i = 1; (word = region.load(std::memory_order_acquire)) == seen; ++i) {
          Poll(i);
          if ((i & 15) == 0 && std::chrono::steady_clock::now() > until) break;
        }
      }
      if (word == seen) {
        std::unique_lock<std::mutex> lock(sleep_mutex);
        sleepers.fetch_add(1, std::memory_order_seq_cst);
        wake.wait(lock, [&] { return stop || region.load(std::memory_order_seq_cst) != seen; });
        sleepers.fetch_sub(1, std::memory_order_relaxed);
        if (stop) return;
        continue;
      }
      seen = word;
      // The word's low byte is the region's piece count; only its workers read the job.
      if (w < static_cast<int64_t>(word & 0xff)) {
        RunPiece(w);
        if (pending.fetch_sub(1, std::memory_order_seq_cst) == 1 && caller_sleeps.load(std::memory_order_seq_cst)) {
          std::lock_guard<std::mutex> lock(done_mutex);
          done.notify_one();
        }
      }
    }
  }

  // Runs `pieces` (2 .. workers + 1) pieces of `step` items over [0, n) on the team, the caller
  // taking piece 0. The caller must own `busy`.
  void RunOnTeam(int64_t n_items, int64_t step_items, int64_t pieces, const Fn& f) {
    fn = &f;
    n = n_items;
    step = step_items;
    error = nullptr;
    pending.store(static_cast<int>(pieces - 1), std::memory_order_relaxed);
    counter += 1;
    region.store((counter << 8) | static_cast<uint64_t>(pieces), std::memory_order_seq_cst);
    if (sleepers.load(std::memory_order_seq_cst) > 0) {
      std::lock_guard<std::mutex> lock(sleep_mutex);
      wake.notify_all();
    }
    RunPiece(0);
    // Poll briefly for the workers' pieces, then sleep: when the machine is busy a polling caller
    // would take the core a descheduled worker needs.
    const auto until = std::chrono::steady_clock::now() + kCallerSpin;
    for (int i = 1; pending.load(std::memory_order_acquire) != 0; ++i) {
      Poll(i);
      if ((i & 15) == 0 && std::chrono::steady_clock::now() > until) {
        std::unique_lock<std::mutex> lock(done_mutex);
        caller_sleeps.store(true, std::memory_order_seq_cst);
        done.wait(lock, [&] { return pending.load(std::memory_order_seq_cst) == 0; });
        caller_sleeps.store(false, std::memory_order_relaxed);
        break;
      }
    }
  }

  Eigen::ThreadPool pool;
  Eigen::ThreadPoolDevice device;

  std::atomic<bool> busy{false};  // a region is running on the team
  std::atomic<uint64_t> region{0};  // (region counter << 8) | pieces, published last
  uint64_t counter = 0;
  std::atomic<int> pending{0};  // the workers' pieces not finished yet
  const Fn* fn = nullptr;
  int64_t n = 0, step = 0;
  std::mutex error_mutex;
  std::exception_ptr error;

  std::mutex done_mutex;  // the caller sleeps on `done` until the last worker's piece ends
  std::condition_variable done;
  std::atomic<bool> caller_sleeps{false};

  std::mutex sleep_mutex;
  std::condition_variable wake;
  std::atomic<int> sleepers{0};
  bool stop = false;
  std::vector<std::thread> workers;
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
  bool expected = false;
  if (pieces <= static_cast<int64_t>(pool_->workers.size()) + 1 &&
      pool_->busy.compare_exchange_strong(expected, true, std::memory_order_acquire)) {
    pool_->RunOnTeam(n, step, pieces, fn);
    std::exception_ptr error = pool_->error;
    pool_->busy.store(false, std::memory_order_release);
    if (error) std::rethrow_exception(error);
    return;
  }
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
