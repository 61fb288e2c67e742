// JPEG encode entry points (acl_dvpp.h): acldvppJpegPredictEncSize and acldvppJpegEncodeAsync.
#include "api/api_guard.h"
#include "dvpp/channel.h"
#include "dvpp/jpeg_encode.h"
#include "runtime/buffer_check.h"
#include "runtime/context.h"
#include "runtime/current_context.h"
#include "runtime/stream.h"

using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;

extern "C" {

aclError acldvppJpegPredictEncSize(const acldvppPicDesc* inputDesc, const acldvppJpegeConfig* config,
                                   uint32_t* size) {
  return ApiCall("acldvppJpegPredictEncSize", [&] {
    const acldvppPicDesc* in = UnwrapHandle<acldvppPicDesc>(inputDesc, "inputDesc");
    const acldvppJpegeConfig* cfg = UnwrapHandle<acldvppJpegeConfig>(config, "config");
    ACLSIM_CHECK_NOT_NULL(size);
    const aclsim::dvpp::FormatInfo format = aclsim::dvpp::CheckJpegeFormatAndSize(*in);
    aclsim::dvpp::JpegeQuality(cfg->level);
    *size = aclsim::dvpp::PredictJpegeSize(format, in->width, in->height);
    return ACL_SUCCESS;
  });
}

aclError acldvppJpegEncodeAsync(acldvppChannelDesc* channelDesc, acldvppPicDesc* inputDesc, const void* data,
                                uint32_t* size, acldvppJpegeConfig* config, aclrtStream stream) {
  return ApiCall("acldvppJpegEncodeAsync", [&] {
    aclsim::Stream& target = aclsim::ResolveStream(stream);
    aclsim::Device& device = target.context().device();
    const acldvppChannelDesc* channel = UnwrapHandle<acldvppChannelDesc>(channelDesc, "channelDesc");
    const acldvppPicDesc* in = UnwrapHandle<acldvppPicDesc>(inputDesc, "inputDesc");
    const acldvppJpegeConfig* cfg = UnwrapHandle<acldvppJpegeConfig>(config, "config");
    aclsim::dvpp::RequireChannel(*channel, DVPP_CHNMODE_JPEGE);
    aclsim::dvpp::JpegEncodeJob job;
    job.input = aclsim::dvpp::CheckJpegeInput(*in, device);
    job.quality = aclsim::dvpp::JpegeQuality(cfg->level);
    ACLSIM_CHECK_NOT_NULL(data);
    ACLSIM_CHECK_NOT_NULL(size);
    ACLSIM_CHECK_ARG(*size > 0, "*size (the output buffer's size) must be > 0");
    aclsim::CheckDeviceBuffer(data, *size, *size, false, device, "data");
    job.out = static_cast<uint8_t*>(const_cast<void*>(data));
    job.capacity = *size;
    job.size = size;
    target.Submit(aclsim::Task{[job] {
                                 aclsim::dvpp::RunJpegEncode(job);
                                 return ACL_SUCCESS;
                               },
                               "dvpp jpeg encode"});
    return ACL_SUCCESS;
  });
}

}  // extern "C"
