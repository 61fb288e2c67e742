// Picture descriptors and batches of them (acl_dvpp.h): acldvppCreatePicDesc, the
// acldvppSetPicDesc* / acldvppGetPicDesc* accessors, acldvppCreateBatchPicDesc and friends.
#include <vector>

#include "api/api_guard.h"
#include "dvpp/descriptors.h"

using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;

namespace {

template <typename T>
aclError SetField(const char* api, acldvppPicDesc* desc, T acldvppPicDesc::*field, T value) {
  return ApiCall(api, [&] {
    UnwrapHandle<acldvppPicDesc>(desc, "picDesc")->*field = value;
    return ACL_SUCCESS;
  });
}

template <typename T>
T GetField(const char* api, const acldvppPicDesc* desc, T acldvppPicDesc::*field) {
  return ApiCall(api, [&] { return UnwrapHandle<acldvppPicDesc>(desc, "picDesc")->*field; });
}

}  // namespace

extern "C" {

acldvppPicDesc* acldvppCreatePicDesc() {
  return ApiCall("acldvppCreatePicDesc", [] { return new acldvppPicDesc(); });
}

aclError acldvppDestroyPicDesc(acldvppPicDesc* picDesc) {
  return ApiCall("acldvppDestroyPicDesc", [&] {
    acldvppPicDesc* desc = UnwrapHandle<acldvppPicDesc>(picDesc, "picDesc");
    ACLSIM_CHECK_ARG(!desc->owned_by_batch, "picDesc belongs to an acldvppBatchPicDesc; destroy the batch instead");
    delete desc;
    return ACL_SUCCESS;
  });
}

aclError acldvppSetPicDescData(acldvppPicDesc* picDesc, void* dataDev) {
  return SetField("acldvppSetPicDescData", picDesc, &acldvppPicDesc::data, dataDev);
}
aclError acldvppSetPicDescSize(acldvppPicDesc* picDesc, uint32_t size) {
  return SetField("acldvppSetPicDescSize", picDesc, &acldvppPicDesc::size, size);
}
aclError acldvppSetPicDescFormat(acldvppPicDesc* picDesc, acldvppPixelFormat format) {
  return SetField("acldvppSetPicDescFormat", picDesc, &acldvppPicDesc::format, format);
}
aclError acldvppSetPicDescWidth(acldvppPicDesc* picDesc, uint32_t width) {
  return SetField("acldvppSetPicDescWidth", picDesc, &acldvppPicDesc::width, width);
}
aclError acldvppSetPicDescHeight(acldvppPicDesc* picDesc, uint32_t height) {
  return SetField("acldvppSetPicDescHeight", picDesc, &acldvppPicDesc::height, height);
}
aclError acldvppSetPicDescWidthStride(acldvppPicDesc* picDesc, uint32_t widthStride) {
  return SetField("acldvppSetPicDescWidthStride", picDesc, &acldvppPicDesc::width_stride, widthStride);
}
aclError acldvppSetPicDescHeightStride(acldvppPicDesc* picDesc, uint32_t heightStride) {
  return SetField("acldvppSetPicDescHeightStride", picDesc, &acldvppPicDesc::height_stride, heightStride);
}
aclError acldvppSetPicDescRetCode(acldvppPicDesc* picDesc, uint32_t retCode) {
  return SetField("acldvppSetPicDescRetCode", picDesc, &acldvppPicDesc::ret_code, retCode);
}

void* acldvppGetPicDescData(const acldvppPicDesc* picDesc) {
  return GetField("acldvppGetPicDescData", picDesc, &acldvppPicDesc::data);
}
uint32_t acldvppGetPicDescSize(const acldvppPicDesc* picDesc) {
  return GetField("acldvppGetPicDescSize", picDesc, &acldvppPicDesc::size);
}
acldvppPixelFormat acldvppGetPicDescFormat(const acldvppPicDesc* picDesc) {
  // The header documents PIXEL_FORMAT_YUV_400 as the value for a null descriptor.
  if (picDesc == nullptr) {
    (void)GetField("acldvppGetPicDescFormat", picDesc, &acldvppPicDesc::format);  // records the error
    return PIXEL_FORMAT_YUV_400;
  }
  return GetField("acldvppGetPicDescFormat", picDesc, &acldvppPicDesc::format);
}
uint32_t acldvppGetPicDescWidth(const acldvppPicDesc* picDesc) {
  return GetField("acldvppGetPicDescWidth", picDesc, &acldvppPicDesc::width);
}
uint32_t acldvppGetPicDescHeight(const acldvppPicDesc* picDesc) {
  return GetField("acldvppGetPicDescHeight", picDesc, &acldvppPicDesc::height);
}
uint32_t acldvppGetPicDescWidthStride(const acldvppPicDesc* picDesc) {
  return GetField("acldvppGetPicDescWidthStride", picDesc, &acldvppPicDesc::width_stride);
}
uint32_t acldvppGetPicDescHeightStride(const acldvppPicDesc* picDesc) {
  return GetField("acldvppGetPicDescHeightStride", picDesc, &acldvppPicDesc::height_stride);
}
uint32_t acldvppGetPicDescRetCode(const acldvppPicDesc* picDesc) {
  return GetField("acldvppGetPicDescRetCode", picDesc, &acldvppPicDesc::ret_code);
}

acldvppBatchPicDesc* acldvppCreateBatchPicDesc(uint32_t batchSize) {
  return ApiCall("acldvppCreateBatchPicDesc", [&] {
    ACLSIM_CHECK_ARG(batchSize > 0, "batchSize must be > 0");
    auto* batch = new acldvppBatchPicDesc();
    batch->pictures.resize(batchSize);
    for (acldvppPicDesc& picture : batch->pictures) picture.owned_by_batch = true;
    return batch;
  });
}

acldvppPicDesc* acldvppGetPicDesc(acldvppBatchPicDesc* batchPicDesc, uint32_t index) {
  return ApiCall("acldvppGetPicDesc", [&] {
    acldvppBatchPicDesc* batch = UnwrapHandle<acldvppBatchPicDesc>(batchPicDesc, "batchPicDesc");
    ACLSIM_CHECK_ARG(index < batch->pictures.size(), "index {} must be below the batch size {}", index,
                     batch->pictures.size());
    return &batch->pictures[index];
  });
}

aclError acldvppDestroyBatchPicDesc(acldvppBatchPicDesc* batchPicDesc) {
  return ApiCall("acldvppDestroyBatchPicDesc", [&] {
    delete UnwrapHandle<acldvppBatchPicDesc>(batchPicDesc, "batchPicDesc");
    return ACL_SUCCESS;
  });
}

}  // extern "C"
