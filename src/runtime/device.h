// A simulated device: its reference count (aclrtSetDevice / aclrtResetDevice), its default
// context and the contexts created explicitly on it, its memory, its AI cores (the thread pool
// kernels run on) and the peers it may copy with.
//
// `mutex_` guards the reference count, the context lists and the peer set. Releasing contexts
// (which waits for their streams' tasks) happens after they have been taken out of the lists,
// without the lock. DeviceMemory and Parallel are thread-safe on their own.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

#include "memory/device_memory.h"
#include "runtime/config.h"
#include "sim/parallel.h"

namespace aclsim {

class Context;

class Device {
 public:
  Device(int id, const Config& config);
  ~Device();  // releases whatever is still alive, with leak warnings
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  int id() const { return id_; }
  const Config& config() const { return config_; }

  // aclrtSetDevice: one more reference; the first creates the default context (and stream).
  Context& Retain();
  // aclrtResetDevice (force = false) drops one reference and releases the device's resources at
  // zero; aclrtResetDeviceForce releases them whatever the count. Throws when the device holds
  // no reference (never set, or already released).
  void Release(bool force, const char* api);
  int references() const;

  // aclrtCreateContext / aclrtDestroyContext.
  Context& CreateContext();
  void DestroyContext(Context& context);

  // aclrtSynchronizeDevice: waits for every stream of every context of the device.
  void Synchronize();

  // The share (0-100) of the device's streams that are running or holding a task right now.
  int BusyStreamPercent() const;

  uint32_t NextStreamId() { return next_stream_id_.fetch_add(1); }

  DeviceMemory& memory() { return memory_; }
  const sim::Parallel& cores() const { return cores_; }

  // aclrtDeviceEnablePeerAccess / aclrtDeviceDisablePeerAccess, from this device to `peer`.
  void EnablePeer(int peer);
  void DisablePeer(int peer);
  bool PeerEnabled(int peer) const;

 private:
  // Takes every context out of the lists (under the lock) so they can be released without it.
  std::vector<std::unique_ptr<Context>> TakeAllContexts();
  static void ReleaseContexts(std::vector<std::unique_ptr<Context>> contexts, const char* why);
  // Frees the memory still allocated on the device, with one warning saying how much.
  void ReleaseMemory(const char* why);

  const int id_;
  const Config config_;
  mutable std::mutex mutex_;
  int references_ = 0;
  std::unique_ptr<Context> default_context_;
  std::vector<std::unique_ptr<Context>> contexts_;  // explicit ones
  std::atomic<uint32_t> next_stream_id_{0};
  std::set<int> peers_;
  DeviceMemory memory_;
  sim::Parallel cores_;
};

}  // namespace aclsim
