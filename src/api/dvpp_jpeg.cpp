// JPEG decode entry points (acl_dvpp.h): acldvppJpegGetImageInfo(V2), acldvppJpegPredictDecSize
// and acldvppJpegDecodeAsync.
#include "api/api_guard.h"
#include "dvpp/channel.h"
#include "dvpp/jpeg_decode.h"
#include "runtime/context.h"
#include "runtime/current_context.h"
#include "runtime/stream.h"

using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;

namespace {

aclsim::dvpp::JpegInfo InfoOf(const void* data, uint32_t size) {
  ACLSIM_CHECK_NOT_NULL(data);
  ACLSIM_CHECK_ARG(size > 0, "size must be > 0");
  return aclsim::dvpp::ReadJpegInfo(data, size);
}

}  // namespace

extern "C" {

aclError acldvppJpegGetImageInfo(const void* data, uint32_t size, uint32_t* width, uint32_t* height,
                                 int32_t* components) {
  return ApiCall("acldvppJpegGetImageInfo", [&] {
    const aclsim::dvpp::JpegInfo info = InfoOf(data, size);
    if (width != nullptr) *width = info.width;
    if (height != nullptr) *height = info.height;
    if (components != nullptr) *components = info.components;
    return ACL_SUCCESS;
  });
}

aclError acldvppJpegGetImageInfoV2(const void* data, uint32_t size, uint32_t* width, uint32_t* height,
                                   int32_t* components, acldvppJpegFormat* format) {
  return ApiCall("acldvppJpegGetImageInfoV2", [&] {
    const aclsim::dvpp::JpegInfo info = InfoOf(data, size);
    if (width != nullptr) *width = info.width;
    if (height != nullptr) *height = info.height;
    if (components != nullptr) *components = info.components;
    if (format != nullptr) *format = info.css;
    return ACL_SUCCESS;
  });
}

aclError acldvppJpegPredictDecSize(const void* data, uint32_t dataSize, acldvppPixelFormat outputPixelFormat,
                                   uint32_t* decSize) {
  return ApiCall("acldvppJpegPredictDecSize", [&] {
    ACLSIM_CHECK_NOT_NULL(decSize);
    const aclsim::dvpp::JpegInfo info = InfoOf(data, dataSize);
    *decSize = static_cast<uint32_t>(aclsim::dvpp::JpegOutputFor(info, outputPixelFormat, 0).bytes);
    return ACL_SUCCESS;
  });
}

aclError acldvppJpegDecodeAsync(acldvppChannelDesc* channelDesc, const void* data, uint32_t size,
                                acldvppPicDesc* outputDesc, aclrtStream stream) {
  return ApiCall("acldvppJpegDecodeAsync", [&] {
    aclsim::Stream& target = aclsim::ResolveStream(stream);
    aclsim::Device& device = target.context().device();
    const acldvppChannelDesc* channel = UnwrapHandle<acldvppChannelDesc>(channelDesc, "channelDesc");
    acldvppPicDesc* out = UnwrapHandle<acldvppPicDesc>(outputDesc, "outputDesc");
    aclsim::dvpp::RequireChannel(*channel, DVPP_CHNMODE_JPEGD);
    aclsim::dvpp::CheckDecodeBuffers(data, size, *out, device);
    const acldvppPixelFormat f = out->format;
    ACLSIM_CHECK_ARG(f == PIXEL_FORMAT_UNKNOWN || f == PIXEL_FORMAT_YUV_400 ||
                         (f >= PIXEL_FORMAT_YUV_SEMIPLANAR_420 && f <= PIXEL_FORMAT_YVU_SEMIPLANAR_444) ||
                         f == PIXEL_FORMAT_YUV_SEMIPLANAR_440 || f == PIXEL_FORMAT_YVU_SEMIPLANAR_440,
                     "outputDesc.format {} is not a JPEGD output format (YUV400, YUV/YVU semi-planar 420, 422, 444, "
                     "440, or PIXEL_FORMAT_UNKNOWN for the source's own)", static_cast<int>(f));
    aclsim::dvpp::JpegDecodeJob job;
    job.data = static_cast<const uint8_t*>(data);
    job.size = size;
    job.desc = out;
    job.out_data = out->data;
    job.out_size = out->size;
    job.out_format = out->format;
    job.precision_mode = channel->jpegd_precision_mode;
    target.Submit(aclsim::Task{[job] {
                                 aclsim::dvpp::RunJpegDecode(job);
                                 return ACL_SUCCESS;
                               },
                               "dvpp jpeg decode"});
    return ACL_SUCCESS;
  });
}

}  // extern "C"
