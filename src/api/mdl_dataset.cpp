// Entry points for aclmdlDataset (acl_mdl.h): the buffers of a model's inputs or outputs.
#include "acl/acl_mdl.h"
#include "api/api_guard.h"
#include "model/mdl_handles.h"

using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;

namespace {

aclmdlDataset* Unwrap(const aclmdlDataset* dataset) { return UnwrapHandle<aclmdlDataset>(dataset, "dataset"); }

void CheckIndex(const aclmdlDataset& dataset, size_t index) {
  ACLSIM_CHECK_ARG(index < dataset.buffers.size(), "index {} is out of range: the dataset holds {} buffers", index,
                   dataset.buffers.size());
}

}  // namespace

extern "C" {

aclmdlDataset* aclmdlCreateDataset() {
  return ApiCall("aclmdlCreateDataset", [&] { return new aclmdlDataset(); });
}

aclError aclmdlDestroyDataset(const aclmdlDataset* dataset) {
  return ApiCall("aclmdlDestroyDataset", [&] {
    delete Unwrap(dataset);  // the buffers it lists stay the caller's
    return ACL_SUCCESS;
  });
}

aclError aclmdlAddDatasetBuffer(aclmdlDataset* dataset, aclDataBuffer* dataBuffer) {
  return ApiCall("aclmdlAddDatasetBuffer", [&] {
    aclmdlDataset* d = Unwrap(dataset);
    UnwrapHandle<aclDataBuffer>(dataBuffer, "dataBuffer");
    d->buffers.push_back(dataBuffer);
    d->descs.emplace_back();
    return ACL_SUCCESS;
  });
}

size_t aclmdlGetDatasetNumBuffers(const aclmdlDataset* dataset) {
  return ApiCall("aclmdlGetDatasetNumBuffers", [&] { return Unwrap(dataset)->buffers.size(); });
}

aclDataBuffer* aclmdlGetDatasetBuffer(const aclmdlDataset* dataset, size_t index) {
  return ApiCall("aclmdlGetDatasetBuffer", [&] {
    aclmdlDataset* d = Unwrap(dataset);
    CheckIndex(*d, index);
    return d->buffers[index];
  });
}

aclError aclmdlSetDatasetTensorDesc(aclmdlDataset* dataset, aclTensorDesc* tensorDesc, size_t index) {
  return ApiCall("aclmdlSetDatasetTensorDesc", [&] {
    aclmdlDataset* d = Unwrap(dataset);
    const aclTensorDesc* desc = UnwrapHandle<aclTensorDesc>(tensorDesc, "tensorDesc");
    CheckIndex(*d, index);
    d->descs[index] = std::make_unique<aclTensorDesc>(*desc);  // a copy: the caller may destroy theirs
    return ACL_SUCCESS;
  });
}

aclTensorDesc* aclmdlGetDatasetTensorDesc(const aclmdlDataset* dataset, size_t index) {
  return ApiCall("aclmdlGetDatasetTensorDesc", [&]() -> aclTensorDesc* {
    aclmdlDataset* d = Unwrap(dataset);
    CheckIndex(*d, index);
    return d->descs[index].get();  // null where no desc was set
  });
}

}  // extern "C"
