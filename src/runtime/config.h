// aclsim's own settings: the "simulator" section of the aclInit JSON file, each overridable by an
// ACLSIM_* environment variable (the variable wins). Documented in docs/configuration.md.
#pragma once

#include <cstdint>
#include <string>

namespace aclsim {

enum class ExecutorKind { kAsync, kSync };

struct Config {
  int device_count = 1;                       // ACLSIM_DEVICE_COUNT, 1..64
  uint64_t device_memory = 32ULL << 30;       // ACLSIM_DEVICE_MEMORY, bytes per device
  std::string soc_name = "Ascend310P3";       // ACLSIM_SOC_NAME
  int aicore_threads = 0;                     // ACLSIM_AICORE_THREADS; 0 = one per host core
  ExecutorKind executor = ExecutorKind::kAsync;  // ACLSIM_EXECUTOR=async|sync
  int64_t max_opqueue_num = 20000;            // CANN's own key "max_opqueue_num"
  // ACLSIM_KERNEL_DELAY_MS: each operator launch takes at least this long, standing for a slower
  // device, so that programs can test their aclrtSetOpExecuteTimeOut handling.
  int64_t kernel_delay_ms = 0;
};

// Reads `path` (nullptr or "" for none) and the environment. Throws Error with
// ACL_ERROR_INVALID_FILE (missing/unreadable), ACL_ERROR_PARSE_FILE (malformed JSON, naming the
// byte position) or ACL_ERROR_FILE_ATTR_INVALID (a known key with a bad value).
Config LoadConfig(const char* path);

// What aclGetDeviceCapability reports as the simulated device's L2 cache.
constexpr int64_t kSimulatedL2CacheBytes = 64LL << 20;

// The AI-core thread count after resolving 0 to the host's core count.
int EffectiveAicoreThreads(const Config& config);

}  // namespace aclsim
