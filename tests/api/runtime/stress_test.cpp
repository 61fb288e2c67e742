// Many host threads driving many streams at once: 8 threads, 3 streams each, thousands of mixed
// tasks (callbacks, event records, cross-thread event waits, queries, synchronizations). Every
// result is checked: each stream's callbacks ran exactly once and in order, every cross-stream
// wait really waited for the work recorded before the event, and every call succeeded.
// Sized to finish well within 20 s on 2 cores under ThreadSanitizer.
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "runtime_test_util.h"

namespace aclsim_test {
namespace {

constexpr int kThreads = 8;
constexpr int kStreamsPerThread = 3;
constexpr int kOpsPerThread = 5000;

// One stream, its event, and what its callbacks have done.
struct StreamState;

// userData of a callback that appends `value` to its stream's log.
struct LogEntry {
  StreamState* state;
  uint64_t value;
  bool block;  // a blocking callback also advances the stream's progress
};

struct StreamState {
  aclrtStream stream = nullptr;
  aclrtEvent event = nullptr;
  // Written only by the owner thread's report thread; read after it has been joined.
  std::vector<uint64_t> log;
  std::atomic<uint64_t> delivered{0};
  // 1 + the value of the last blocking callback that ran on this stream. Blocking callbacks run
  // before the stream moves on, so once the stream passes a position, progress covers every
  // blocking callback before it.
  std::atomic<uint64_t> progress{0};
  // The progress the latest completed-or-pending record of `event` guarantees once complete.
  std::atomic<uint64_t> published{0};
  // Owner thread only.
  uint64_t next_value = 0;
  uint64_t last_block = 0;  // 1 + value of the last blocking callback launched
  bool recorded = false;
  std::deque<LogEntry> entries;  // stable addresses for userData
};

void AppendToLog(void* data) {
  auto* entry = static_cast<LogEntry*>(data);
  StreamState* state = entry->state;
  state->log.push_back(entry->value);
  if (entry->block) state->progress.store(entry->value + 1, std::memory_order_release);
  state->delivered.fetch_add(1, std::memory_order_release);
}

// userData of a callback launched on a stream right after it waited for another stream's event.
struct WaitCheck {
  const StreamState* waited_for;
  uint64_t required_progress;
  std::atomic<uint64_t>* violations;
  std::atomic<uint64_t>* done;
};

void CheckWaitedProgress(void* data) {
  auto* check = static_cast<WaitCheck*>(data);
  if (check->waited_for->progress.load(std::memory_order_acquire) < check->required_progress) {
    check->violations->fetch_add(1);
  }
  check->done->fetch_add(1, std::memory_order_release);
}

// A one-shot rendezvous of all worker threads.
class Barrier {
 public:
  explicit Barrier(int count) : remaining_(count) {}
  void ArriveAndWait() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (--remaining_ == 0) {
      cv_.notify_all();
      return;
    }
    cv_.wait(lock, [&] { return remaining_ == 0; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  int remaining_;
};

class RuntimeStress : public RuntimeTest {
 protected:
  // Records a failed expectation from any thread (gtest assertions stay on the main thread).
  void Expect(bool ok, const std::string& what) {
    if (ok) return;
    std::lock_guard<std::mutex> lock(failures_mutex_);
    if (failures_.size() < 20) failures_.push_back(what);
    ++failure_count_;
  }
  void ExpectSuccess(aclError result, const char* call, int thread) {
    Expect(result == ACL_SUCCESS, std::string(call) + " on thread " + std::to_string(thread) + " returned " +
                                      std::to_string(result));
  }

  void Worker(int t, aclrtContext context, ReportThread& reporter) {
    ExpectSuccess(aclrtSetCurrentContext(context), "aclrtSetCurrentContext", t);
    for (int k = 0; k < kStreamsPerThread; ++k) {
      StreamState& s = states_[t][k];
      ExpectSuccess(aclrtCreateStream(&s.stream), "aclrtCreateStream", t);
      ExpectSuccess(aclrtCreateEvent(&s.event), "aclrtCreateEvent", t);
      ExpectSuccess(reporter.Subscribe(s.stream), "aclrtSubscribeReport", t);
    }
    created_.ArriveAndWait();  // every thread's events exist before anyone waits on them

    std::mt19937 random(1000u + static_cast<unsigned>(t));
    std::deque<WaitCheck>& checks = checks_[t];
    uint64_t checks_launched = 0;
    for (int op = 0; op < kOpsPerThread; ++op) {
      const int k = static_cast<int>(random() % kStreamsPerThread);
      StreamState& s = states_[t][k];
      const unsigned choice = random() % 100;
      if (choice < 55) {  // a callback appending the stream's next value; about one in five blocks
        const bool block = choice < 10;
        s.entries.push_back(LogEntry{&s, s.next_value++, block});
        ExpectSuccess(aclrtLaunchCallback(AppendToLog, &s.entries.back(),
                                          block ? ACL_CALLBACK_BLOCK : ACL_CALLBACK_NO_BLOCK, s.stream),
                      "aclrtLaunchCallback", t);
        if (block) s.last_block = s.next_value;
      } else if (choice < 70) {  // record this stream's event and publish what it guarantees
        ExpectSuccess(aclrtRecordEvent(s.event, s.stream), "aclrtRecordEvent", t);
        s.published.store(s.last_block, std::memory_order_release);
        s.recorded = true;
      } else if (choice < 85) {  // wait for another thread's stream, then check it got there
        const int u = (t + 1 + static_cast<int>(random() % (kThreads - 1))) % kThreads;
        const StreamState& other = states_[u][random() % kStreamsPerThread];
        // Read before the wait: the wait covers the record this value was published for.
        const uint64_t required = other.published.load(std::memory_order_acquire);
        ExpectSuccess(aclrtStreamWaitEvent(s.stream, other.event), "aclrtStreamWaitEvent", t);
        checks.push_back(WaitCheck{&other, required, &violations_, &checks_done_[t]});
        ExpectSuccess(aclrtLaunchCallback(CheckWaitedProgress, &checks.back(), ACL_CALLBACK_NO_BLOCK, s.stream),
                      "aclrtLaunchCallback", t);
        ++checks_launched;
      } else if (choice < 90) {
        aclrtStreamStatus status = ACL_STREAM_STATUS_RESERVED;
        ExpectSuccess(aclrtStreamQuery(s.stream, &status), "aclrtStreamQuery", t);
        Expect(status == ACL_STREAM_STATUS_COMPLETE || status == ACL_STREAM_STATUS_NOT_READY,
               "aclrtStreamQuery gave status " + std::to_string(status));
      } else if (choice < 95) {
        ExpectSuccess(aclrtSynchronizeStream(s.stream), "aclrtSynchronizeStream", t);
        ExpectIdle(s, t);
      } else {  // a host thread waiting for another thread's event
        const int u = (t + 1 + static_cast<int>(random() % (kThreads - 1))) % kThreads;
        ExpectSuccess(aclrtSynchronizeEvent(states_[u][random() % kStreamsPerThread].event), "aclrtSynchronizeEvent",
                      t);
      }
    }
    for (int k = 0; k < kStreamsPerThread; ++k) {
      StreamState& s = states_[t][k];
      ExpectSuccess(aclrtSynchronizeStream(s.stream), "aclrtSynchronizeStream", t);
      ExpectIdle(s, t);
    }
    // Non-blocking callbacks may not have run yet, and destroying a stream drops those: wait.
    Expect(WaitFor(
               [&] {
                 for (const StreamState& s : states_[t]) {
                   if (s.delivered.load(std::memory_order_acquire) != s.next_value) return false;
                 }
                 return checks_done_[t].load(std::memory_order_acquire) == checks_launched;
               },
               20000ms),
           "callbacks of thread " + std::to_string(t) + " did not all run");
    checks_launched_.fetch_add(checks_launched);
    // Other threads may still be about to wait for these events: destroy nothing before all are done.
    finished_.ArriveAndWait();
    for (int k = 0; k < kStreamsPerThread; ++k) {
      ExpectSuccess(aclrtDestroyEvent(states_[t][k].event), "aclrtDestroyEvent", t);
      ExpectSuccess(aclrtDestroyStream(states_[t][k].stream), "aclrtDestroyStream", t);
    }
  }

  // Only the owner submits to its streams: after it synchronized one, the stream is idle and
  // the latest record of its event is complete.
  void ExpectIdle(const StreamState& s, int t) {
    aclrtStreamStatus status = ACL_STREAM_STATUS_NOT_READY;
    ExpectSuccess(aclrtStreamQuery(s.stream, &status), "aclrtStreamQuery", t);
    Expect(status == ACL_STREAM_STATUS_COMPLETE, "stream not idle after aclrtSynchronizeStream");
    if (s.recorded) {
      aclrtEventRecordedStatus recorded = ACL_EVENT_RECORDED_STATUS_NOT_READY;
      ExpectSuccess(aclrtQueryEventStatus(s.event, &recorded), "aclrtQueryEventStatus", t);
      Expect(recorded == ACL_EVENT_RECORDED_STATUS_COMPLETE, "event not complete after aclrtSynchronizeStream");
    }
  }

  StreamState states_[kThreads][kStreamsPerThread];
  Barrier created_{kThreads};
  Barrier finished_{kThreads};
  std::deque<WaitCheck> checks_[kThreads];  // userData of the wait checks, per thread
  std::atomic<uint64_t> checks_done_[kThreads] = {};
  std::atomic<uint64_t> checks_launched_{0};
  std::atomic<uint64_t> violations_{0};
  std::mutex failures_mutex_;
  std::vector<std::string> failures_;
  std::atomic<int> failure_count_{0};
};

TEST_F(RuntimeStress, ManyThreadsAndStreamsKeepEveryOrderingAndResult) {
  aclrtContext context = nullptr;
  ASSERT_EQ(aclrtGetCurrentContext(&context), ACL_SUCCESS);
  std::vector<std::unique_ptr<ReportThread>> reporters;
  for (int t = 0; t < kThreads; ++t) reporters.push_back(std::make_unique<ReportThread>());
  std::vector<std::thread> workers;
  for (int t = 0; t < kThreads; ++t) {
    workers.emplace_back([this, t, context, &reporters] { Worker(t, context, *reporters[t]); });
  }
  for (auto& worker : workers) worker.join();

  for (auto& reporter : reporters) reporter->Stop();

  {
    std::lock_guard<std::mutex> lock(failures_mutex_);
    EXPECT_EQ(failure_count_.load(), 0);
    for (const std::string& failure : failures_) ADD_FAILURE() << failure;
  }
  uint64_t total = 0;
  for (int t = 0; t < kThreads; ++t) {
    for (int k = 0; k < kStreamsPerThread; ++k) {
      const StreamState& s = states_[t][k];
      ASSERT_EQ(s.log.size(), s.next_value) << "thread " << t << " stream " << k;
      for (uint64_t i = 0; i < s.log.size(); ++i) {
        ASSERT_EQ(s.log[i], i) << "thread " << t << " stream " << k << ": callbacks out of order";
      }
      total += s.log.size();
    }
  }
  EXPECT_GT(total, 10000u);  // tens of thousands of callbacks in all, plus the other tasks
  EXPECT_GT(checks_launched_.load(), 100u);
  uint64_t checks_done = 0;
  for (const auto& done : checks_done_) checks_done += done.load();
  EXPECT_EQ(checks_done, checks_launched_.load());
  EXPECT_EQ(violations_.load(), 0u) << "a stream passed aclrtStreamWaitEvent before the recorded work was done";
}

}  // namespace
}  // namespace aclsim_test
