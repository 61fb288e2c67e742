#include "dvpp/decoded_output.h"

#include "common/error.h"
#include "runtime/buffer_check.h"

namespace aclsim::dvpp {

void CheckDecodeBuffers(const void* data, uint32_t size, const acldvppPicDesc& out, Device& device) {
  if (data == nullptr) Fail(ACL_ERROR_INVALID_PARAM, "data is null");
  if (size == 0) Fail(ACL_ERROR_INVALID_PARAM, "size must be > 0");
  CheckDeviceBuffer(data, size, size, false, device, "data");
  if (out.data == nullptr) Fail(ACL_ERROR_INVALID_PARAM, "outputDesc.data is null (set it with acldvppSetPicDescData)");
  if (out.size == 0) Fail(ACL_ERROR_INVALID_PARAM, "outputDesc.size must be > 0");
  CheckDeviceBuffer(out.data, out.size, out.size, false, device, "outputDesc.data");
}

}  // namespace aclsim::dvpp
