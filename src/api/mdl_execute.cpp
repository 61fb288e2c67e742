// Entry points that execute a loaded model (acl_mdl.h): synchronously on the calling thread,
// or queued on a stream.
#include <vector>

#include "acl/acl_mdl.h"
#include "acl/error_codes/rt_error_codes.h"
#include "api/api_guard.h"
#include "model/mdl_handles.h"
#include "model/model_store.h"
#include "runtime/current_context.h"
#include "runtime/stream.h"

using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;
using aclsim::model::IoBuffer;
using aclsim::model::LoadedModel;
using aclsim::model::ModelStore;

namespace {

// The dataset's buffers, copied: the caller may change the dataset once the call returns.
std::vector<IoBuffer> Buffers(const aclmdlDataset* dataset, const char* what) {
  const aclmdlDataset* d = UnwrapHandle<aclmdlDataset>(dataset, what);
  std::vector<IoBuffer> buffers;
  for (size_t i = 0; i < d->buffers.size(); ++i) {
    const aclDataBuffer* b = d->buffers[i];
    if (!b->HasValidTag()) {
      aclsim::Fail(ACL_ERROR_INVALID_PARAM, "{} buffer {} was destroyed (aclDestroyDataBuffer) while still in the dataset",
                   what, i);
    }
    buffers.push_back(IoBuffer{b->data, b->size});
  }
  return buffers;
}

// The stream-synchronize limit an exec config handle sets, in ms (-1: wait forever).
int32_t SyncTimeout(const aclmdlExecConfigHandle* handle) {
  if (handle == nullptr) return -1;
  const aclmdlExecConfigHandle* h = UnwrapHandle<aclmdlExecConfigHandle>(handle, "handle");
  const auto it = h->values.find(ACL_MDL_STREAM_SYNC_TIMEOUT);
  return it == h->values.end() ? -1 : static_cast<int32_t>(it->second);
}

aclError ExecuteOnStream(uint32_t modelId, const aclmdlDataset* input, aclmdlDataset* output, aclrtStream stream,
                         const aclmdlExecConfigHandle* handle, bool wait) {
  const auto model = ModelStore::Get().Find(modelId);
  aclsim::Stream& target = aclsim::ResolveStream(stream);
  const int32_t timeout = SyncTimeout(handle);
  model->ExecuteAsync(Buffers(input, "input"), Buffers(output, "output"), target);
  if (wait && !target.Synchronize(timeout)) {
    aclsim::Fail(ACL_ERROR_RT_STREAM_SYNC_TIMEOUT, "the model did not finish within the {} ms that "
                 "ACL_MDL_STREAM_SYNC_TIMEOUT allows", timeout);
  }
  return ACL_SUCCESS;
}

}  // namespace

extern "C" {

aclError aclmdlExecute(uint32_t modelId, const aclmdlDataset* input, aclmdlDataset* output) {
  return ApiCall("aclmdlExecute", [&] {
    const std::shared_ptr<LoadedModel> model = ModelStore::Get().Find(modelId);
    model->Execute(Buffers(input, "input"), Buffers(output, "output"));
    return ACL_SUCCESS;
  });
}

aclError aclmdlExecuteAsync(uint32_t modelId, const aclmdlDataset* input, aclmdlDataset* output, aclrtStream stream) {
  return ApiCall("aclmdlExecuteAsync", [&] { return ExecuteOnStream(modelId, input, output, stream, nullptr, false); });
}

aclError aclmdlExecuteV2(uint32_t modelId, const aclmdlDataset* input, aclmdlDataset* output, aclrtStream stream,
                         const aclmdlExecConfigHandle* handle) {
  return ApiCall("aclmdlExecuteV2", [&] { return ExecuteOnStream(modelId, input, output, stream, handle, true); });
}

aclError aclmdlExecuteAsyncV2(uint32_t modelId, const aclmdlDataset* input, aclmdlDataset* output,
                              aclrtStream stream, const aclmdlExecConfigHandle* handle) {
  return ApiCall("aclmdlExecuteAsyncV2", [&] {
    if (handle != nullptr) UnwrapHandle<aclmdlExecConfigHandle>(handle, "handle");
    return ExecuteOnStream(modelId, input, output, stream, handle, false);
  });
}

aclmdlExecConfigHandle* aclmdlCreateExecConfigHandle() {
  return ApiCall("aclmdlCreateExecConfigHandle", [&] { return new aclmdlExecConfigHandle(); });
}

aclError aclmdlDestroyExecConfigHandle(const aclmdlExecConfigHandle* handle) {
  return ApiCall("aclmdlDestroyExecConfigHandle", [&] {
    delete UnwrapHandle<aclmdlExecConfigHandle>(handle, "handle");
    return ACL_SUCCESS;
  });
}

aclError aclmdlSetExecConfigOpt(aclmdlExecConfigHandle* handle, aclmdlExecConfigAttr attr, const void* attrValue,
                                size_t valueSize) {
  return ApiCall("aclmdlSetExecConfigOpt", [&] {
    aclmdlExecConfigHandle* h = UnwrapHandle<aclmdlExecConfigHandle>(handle, "handle");
    ACLSIM_CHECK_NOT_NULL(attrValue);
    switch (attr) {
      case ACL_MDL_STREAM_SYNC_TIMEOUT:
      case ACL_MDL_EVENT_SYNC_TIMEOUT:
        ACLSIM_CHECK_ARG(valueSize == sizeof(int32_t), "a timeout is an int32_t in ms, valueSize is {}", valueSize);
        h->values[attr] = static_cast<size_t>(*static_cast<const int32_t*>(attrValue));
        return ACL_SUCCESS;
      default:
        aclsim::Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "execution option {} is not supported by aclsim (per-execution "
                     "work memory and QoS settings are not)", static_cast<int>(attr));
    }
  });
}

}  // extern "C"
