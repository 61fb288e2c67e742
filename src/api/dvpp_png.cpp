// PNG decode entry points (acl_dvpp.h): acldvppPngGetImageInfo, acldvppPngPredictDecSize and
// acldvppPngDecodeAsync.
#include "api/api_guard.h"
#include "dvpp/channel.h"
#include "dvpp/png_decode.h"
#include "runtime/context.h"
#include "runtime/current_context.h"
#include "runtime/stream.h"

using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;

namespace {

aclsim::dvpp::PngInfo InfoOf(const void* data, uint32_t size) {
  ACLSIM_CHECK_NOT_NULL(data);
  ACLSIM_CHECK_ARG(size > 0, "size must be > 0");
  return aclsim::dvpp::ReadPngInfo(data, size);
}

}  // namespace

extern "C" {

aclError acldvppPngGetImageInfo(const void* data, uint32_t dataSize, uint32_t* width, uint32_t* height,
                                int32_t* components) {
  return ApiCall("acldvppPngGetImageInfo", [&] {
    const aclsim::dvpp::PngInfo info = InfoOf(data, dataSize);
    if (width != nullptr) *width = info.width;
    if (height != nullptr) *height = info.height;
    if (components != nullptr) *components = info.components;
    return ACL_SUCCESS;
  });
}

aclError acldvppPngPredictDecSize(const void* data, uint32_t dataSize, acldvppPixelFormat outputPixelFormat,
                                  uint32_t* decSize) {
  return ApiCall("acldvppPngPredictDecSize", [&] {
    ACLSIM_CHECK_NOT_NULL(decSize);
    const aclsim::dvpp::PngInfo info = InfoOf(data, dataSize);
    const uint64_t bytes = aclsim::dvpp::PredictPngBytes(info, outputPixelFormat);
    ACLSIM_CHECK_ARG(bytes <= UINT32_MAX, "the PNG image ({}x{}) is too large to decode", info.width, info.height);
    *decSize = static_cast<uint32_t>(bytes);
    return ACL_SUCCESS;
  });
}

aclError acldvppPngDecodeAsync(acldvppChannelDesc* channelDesc, const void* data, uint32_t size,
                               acldvppPicDesc* outputDesc, aclrtStream stream) {
  return ApiCall("acldvppPngDecodeAsync", [&] {
    aclsim::Stream& target = aclsim::ResolveStream(stream);
    aclsim::Device& device = target.context().device();
    const acldvppChannelDesc* channel = UnwrapHandle<acldvppChannelDesc>(channelDesc, "channelDesc");
    acldvppPicDesc* out = UnwrapHandle<acldvppPicDesc>(outputDesc, "outputDesc");
    aclsim::dvpp::RequireChannel(*channel, DVPP_CHNMODE_PNGD);
    aclsim::dvpp::CheckDecodeBuffers(data, size, *out, device);
    const acldvppPixelFormat f = out->format;
    aclsim::dvpp::RequirePngOutputFormat(f);
    aclsim::dvpp::PngDecodeJob job;
    job.data = static_cast<const uint8_t*>(data);
    job.size = size;
    job.desc = out;
    job.out_data = out->data;
    job.out_size = out->size;
    job.out_format = f;
    target.Submit(aclsim::Task{[job] {
                                 aclsim::dvpp::RunPngDecode(job);
                                 return ACL_SUCCESS;
                               },
                               "dvpp png decode"});
    return ACL_SUCCESS;
  });
}

}  // extern "C"
