// Checking a buffer handed to a device operation (an operator's or a model's input or output)
// before anything is queued: not null, large enough, and memory of the device it runs on.
#pragma once

#include <cstddef>
#include <string>

namespace aclsim {

class Device;

// Throws Error(ACL_ERROR_INVALID_PARAM) naming `what` unless [data, data + needed) lies in one
// live allocation of `device` (or, with `host`, in memory that belongs to no device) and `size`,
// what the caller says the buffer holds, is at least `needed`. Nothing is checked for needed == 0.
void CheckDeviceBuffer(const void* data, size_t size, size_t needed, bool host, Device& device, const std::string& what);

}  // namespace aclsim
