#include "runtime/buffer_check.h"

#include "common/error.h"
#include "memory/device_registry.h"
#include "runtime/device.h"

namespace aclsim {

void CheckDeviceBuffer(const void* data, size_t size, size_t needed, bool host, Device& device, const std::string& what) {
  if (needed == 0) return;
  if (data == nullptr) Fail(ACL_ERROR_INVALID_PARAM, "{}: the data buffer's address is null", what);
  if (size < needed) Fail(ACL_ERROR_INVALID_PARAM, "{}: the data buffer holds {} bytes, the tensor needs {}", what, size, needed);
  const auto owner = FindDeviceOf(data);
  if (host) {
    if (owner) Fail(ACL_ERROR_INVALID_PARAM, "{}: placed in host memory, but {} is memory of device {}", what, data, *owner);
    return;
  }
  const auto info = device.memory().Lookup(data);
  if (!info) {
    if (owner && *owner == device.id()) {
      Fail(ACL_ERROR_INVALID_PARAM, "{}: {} is not device memory in use: no live allocation of device {} holds it "
           "(freed already?)", what, data, device.id());
    }
    if (owner) Fail(ACL_ERROR_INVALID_PARAM, "{}: {} is memory of device {}, the work runs on device {}", what, data, *owner, device.id());
    Fail(ACL_ERROR_INVALID_PARAM, "{}: {} is not device memory (allocate it with aclrtMalloc, or place the tensor in "
         "host memory with aclSetTensorPlaceMent)", what, data);
  }
  const auto offset = static_cast<size_t>(static_cast<const char*>(data) - static_cast<const char*>(info->base));
  if (offset + needed > info->rounded_size) {
    Fail(ACL_ERROR_INVALID_PARAM, "{}: {} bytes from {} run past the end of its allocation ({} bytes from {})", what,
         needed, data, info->rounded_size, info->base);
  }
}

}  // namespace aclsim
