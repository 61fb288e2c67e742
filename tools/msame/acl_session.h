// The AscendCL resources of one msame run: aclInit, the device, a context and a stream, opened in
// msame's order with its [INFO] lines, and released (with its closing lines) by the destructor,
// whether the run succeeded or not.
#pragma once

#include <cstdint>

#include "acl/acl.h"

namespace msame {

class AclSession {
 public:
  AclSession() = default;
  ~AclSession();
  AclSession(const AclSession&) = delete;
  AclSession& operator=(const AclSession&) = delete;

  // Throws Failure, leaving what was opened for the destructor to release.
  void Open(int32_t device);

  // True when the program runs on the device itself (ACL_DEVICE), where host buffers are device memory.
  bool on_device() const { return run_mode_ == ACL_DEVICE; }

 private:
  bool initialized_ = false;
  bool device_set_ = false;
  int32_t device_ = 0;
  aclrtContext context_ = nullptr;
  aclrtStream stream_ = nullptr;
  aclrtRunMode run_mode_ = ACL_HOST;
};

}  // namespace msame
