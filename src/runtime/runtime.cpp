#include "runtime/runtime.h"

#include "common/error.h"
#include "common/log.h"

namespace aclsim {

Runtime& Runtime::Get() {
  // Never destroyed: entry points may still run from other threads during process exit.
  static Runtime* const runtime = new Runtime();
  return *runtime;
}

void Runtime::Init(const char* config_path) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (phase_ == Phase::kInitialized) {
    Fail(ACL_ERROR_REPEAT_INITIALIZE, "aclInit was already called; call aclFinalize first");
  }
  ReloadLogSettings();
  Config config = LoadConfig(config_path);  // may throw: nothing has changed yet
  config_ = std::move(config);
  phase_ = Phase::kInitialized;
  initialized_.store(true, std::memory_order_release);
  Log().info("initialized: {} device(s) of {} bytes, SoC {}", config_.device_count, config_.device_memory,
             config_.soc_name);
}

void Runtime::Finalize() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (phase_ == Phase::kNeverInitialized) Fail(ACL_ERROR_UNINITIALIZE, "aclInit has not been called");
  if (phase_ == Phase::kFinalized) Fail(ACL_ERROR_REPEAT_FINALIZE, "aclFinalize was already called");
  initialized_.store(false, std::memory_order_release);
  phase_ = Phase::kFinalized;
  Log().info("finalized");
}

void Runtime::RequireInitialized() const {
  if (!IsInitialized()) Fail(ACL_ERROR_UNINITIALIZE, "aclInit has not been called (or aclFinalize already was)");
}

const char* Runtime::soc_name() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return config_.soc_name.c_str();
}

Config Runtime::config() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return config_;
}

}  // namespace aclsim
