// The process-wide runtime state between aclInit and aclFinalize.
// Thread-safe: `mutex_` guards every transition; `initialized_` is read without the lock by the
// many entry points that only need to know whether the runtime is up.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "runtime/config.h"

namespace aclsim {

class Device;

class Runtime {
 public:
  static Runtime& Get();

  // aclInit: ACL_ERROR_REPEAT_INITIALIZE if already initialized. A failed Init changes nothing.
  void Init(const char* config_path);
  // aclFinalize: ACL_ERROR_REPEAT_FINALIZE after a finalize, ACL_ERROR_UNINITIALIZE before any
  // init. Releases everything still alive.
  void Finalize();

  bool IsInitialized() const { return initialized_.load(std::memory_order_acquire); }
  // Throws ACL_ERROR_UNINITIALIZE unless between aclInit and aclFinalize.
  void RequireInitialized() const;

  // The configuration read by aclInit (the defaults before it).
  Config config() const;
  // The configured SoC name; the pointer stays valid until the next aclInit.
  const char* soc_name() const;

  // aclrtSetOpWaitTimeout: how long a stream may wait for an event (-1: forever, the default).
  void set_op_wait_timeout_ms(int32_t ms) { op_wait_timeout_ms_.store(ms); }
  int32_t op_wait_timeout_ms() const { return op_wait_timeout_ms_.load(); }

  // aclrtSetOpExecuteTimeOut: how long one operator may run (-1: no limit, the default).
  void set_op_execute_timeout_ms(int32_t ms) { op_execute_timeout_ms_.store(ms); }
  int32_t op_execute_timeout_ms() const { return op_execute_timeout_ms_.load(); }

  // The simulated device `id`; throws ACL_ERROR_RT_INVALID_DEVICEID when out of range and
  // ACL_ERROR_UNINITIALIZE outside aclInit/aclFinalize.
  Device& device(int32_t id) const;
  int device_count() const;

 private:
  Runtime() = default;

  enum class Phase { kNeverInitialized, kInitialized, kFinalized };
  mutable std::mutex mutex_;
  Phase phase_ = Phase::kNeverInitialized;
  Config config_;
  std::vector<std::unique_ptr<Device>> devices_;  // created by Init, released by Finalize
  std::atomic<bool> initialized_{false};
  std::atomic<int32_t> op_wait_timeout_ms_{-1};
  std::atomic<int32_t> op_execute_timeout_ms_{-1};
};

}  // namespace aclsim
