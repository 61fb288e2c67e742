// Entry points for aclDataBuffer (acl_base.h).
#include "acl/acl_base.h"
#include "api/api_guard.h"
#include "base/data_buffer.h"

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // aclGetDataBufferSize is deprecated

using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;

extern "C" {

aclDataBuffer* aclCreateDataBuffer(void* data, size_t size) {
  // A null/zero buffer is allowed: it stands for an output whose size is known only later.
  return ApiCall("aclCreateDataBuffer", [&] { return new aclDataBuffer(data, size); });
}

aclError aclDestroyDataBuffer(const aclDataBuffer* dataBuffer) {
  return ApiCall("aclDestroyDataBuffer", [&] {
    delete UnwrapHandle<aclDataBuffer>(dataBuffer, "dataBuffer");  // the memory it names is the caller's
    return ACL_SUCCESS;
  });
}

aclError aclUpdateDataBuffer(aclDataBuffer* dataBuffer, void* data, size_t size) {
  return ApiCall("aclUpdateDataBuffer", [&] {
    aclDataBuffer* buffer = UnwrapHandle<aclDataBuffer>(dataBuffer, "dataBuffer");
    buffer->data = data;
    buffer->size = size;
    return ACL_SUCCESS;
  });
}

void* aclGetDataBufferAddr(const aclDataBuffer* dataBuffer) {
  return ApiCall("aclGetDataBufferAddr",
                 [&] { return UnwrapHandle<aclDataBuffer>(dataBuffer, "dataBuffer")->data; });
}

uint32_t aclGetDataBufferSize(const aclDataBuffer* dataBuffer) {
  return ApiCall("aclGetDataBufferSize", [&] {
    const size_t size = UnwrapHandle<aclDataBuffer>(dataBuffer, "dataBuffer")->size;
    ACLSIM_CHECK_ARG(size <= UINT32_MAX, "buffer size {} does not fit the deprecated 32-bit result; "
                     "use aclGetDataBufferSizeV2", size);
    return static_cast<uint32_t>(size);
  });
}

size_t aclGetDataBufferSizeV2(const aclDataBuffer* dataBuffer) {
  return ApiCall("aclGetDataBufferSizeV2",
                 [&] { return UnwrapHandle<aclDataBuffer>(dataBuffer, "dataBuffer")->size; });
}

}  // extern "C"
