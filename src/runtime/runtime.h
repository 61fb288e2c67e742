// The process-wide runtime state between aclInit and aclFinalize.
// Thread-safe: `mutex_` guards every transition; `initialized_` is read without the lock by the
// many entry points that only need to know whether the runtime is up.
#pragma once

#include <atomic>
#include <mutex>

#include "runtime/config.h"

namespace aclsim {

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

 private:
  Runtime() = default;

  enum class Phase { kNeverInitialized, kInitialized, kFinalized };
  mutable std::mutex mutex_;
  Phase phase_ = Phase::kNeverInitialized;
  Config config_;
  std::atomic<bool> initialized_{false};
};

}  // namespace aclsim
