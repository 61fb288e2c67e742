#include "acl_session.h"

#include <fstream>

#include "console.h"

namespace msame {

void AclSession::Open(int32_t device) {
  // As msame: an acl.json in the working directory configures aclInit.
  const char* config = std::ifstream("./acl.json").good() ? "./acl.json" : nullptr;
  CheckAcl(aclInit(config), "acl init failed");
  initialized_ = true;
  Info("acl init success");

  CheckAcl(aclrtSetDevice(device), fmt::format("acl open device {} failed", device));
  device_set_ = true;
  device_ = device;
  Info("open device {} success", device);

  CheckAcl(aclrtCreateContext(&context_, device), "acl create context failed");
  Info("create context success");
  CheckAcl(aclrtCreateStream(&stream_), "acl create stream failed");
  Info("create stream success");
  CheckAcl(aclrtGetRunMode(&run_mode_), "acl get run mode failed");
  Info("get run mode success");
}

AclSession::~AclSession() {
  if (!initialized_) return;
  if (stream_ != nullptr && aclrtDestroyStream(stream_) != ACL_SUCCESS) Error("destroy stream failed: {}", RecentAclError());
  Info("end to destroy stream");
  if (context_ != nullptr && aclrtDestroyContext(context_) != ACL_SUCCESS) {
    Error("destroy context failed: {}", RecentAclError());
  }
  Info("end to destroy context");
  if (device_set_) {
    if (aclrtResetDevice(device_) != ACL_SUCCESS) Error("reset device failed: {}", RecentAclError());
    Info("end to reset device is {}", device_);
  }
  if (aclFinalize() != ACL_SUCCESS) Error("finalize acl failed: {}", RecentAclError());
  Info("end to finalize acl");
}

}  // namespace msame
