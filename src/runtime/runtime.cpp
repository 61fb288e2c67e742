#include "runtime/runtime.h"

#include "common/error.h"
#include "common/log.h"
#include "memory/host_memory.h"
#include "memory/virtual_memory.h"
#include "runtime/current_context.h"
#include "runtime/device.h"

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
  devices_.clear();
  for (int id = 0; id < config_.device_count; ++id) devices_.push_back(std::make_unique<Device>(id, config_));
  phase_ = Phase::kInitialized;
  initialized_.store(true, std::memory_order_release);
  Log().info("initialized: {} device(s) of {} bytes, SoC {}", config_.device_count, config_.device_memory,
             config_.soc_name);
}

void Runtime::Finalize() {
  std::vector<std::unique_ptr<Device>> devices;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (phase_ == Phase::kNeverInitialized) Fail(ACL_ERROR_UNINITIALIZE, "aclInit has not been called");
    if (phase_ == Phase::kFinalized) Fail(ACL_ERROR_REPEAT_FINALIZE, "aclFinalize was already called");
    initialized_.store(false, std::memory_order_release);
    phase_ = Phase::kFinalized;
    devices = std::move(devices_);
    devices_.clear();
  }
  // Releasing a device waits for its streams' tasks, so it happens outside the runtime's lock;
  // each device warns about the contexts, streams and events it still had.
  devices.clear();
  // Process-wide memory that outlives devices: host blocks and address reservations.
  const LeakReport host = HostMemory::Instance().Leaks();
  if (!host.empty()) Log().warn("aclFinalize: {} of aclrtMallocHost memory still allocated; freeing it", host.Summary());
  HostMemory::Instance().ReleaseAll();
  VirtualMemory::Instance().ReleaseAll();
  SetCurrentContext(nullptr);
  Log().info("finalized");
}

Device& Runtime::device(int32_t id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (phase_ != Phase::kInitialized) Fail(ACL_ERROR_UNINITIALIZE, "aclInit has not been called (or aclFinalize already was)");
  if (id < 0 || id >= static_cast<int32_t>(devices_.size())) {
    Fail(ACL_ERROR_RT_INVALID_DEVICEID, "deviceId {} is out of range: {} simulated device(s) (ACLSIM_DEVICE_COUNT)",
         id, devices_.size());
  }
  return *devices_[static_cast<size_t>(id)];
}

int Runtime::device_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return static_cast<int>(devices_.size());
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
