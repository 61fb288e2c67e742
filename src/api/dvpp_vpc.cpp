// VPC entry points (acl_dvpp.h): resize, crop, crop-resize, crop-and-paste, crop-resize-paste and
// the batch crop forms. Each is checked completely at enqueue, then queued as one stream task.
#include <string>
#include <utility>
#include <vector>

#include "api/api_guard.h"
#include "api/dvpp_vpc_batch.h"
#include "dvpp/vpc.h"
#include "runtime/context.h"
#include "runtime/current_context.h"
#include "runtime/stream.h"

using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;
using aclsim::dvpp::VpcJob;
using aclsim::dvpp::VpcRequest;

namespace {

void Submit(aclsim::Stream& stream, std::vector<VpcJob> jobs) {
  stream.Submit(aclsim::Task{[jobs = std::move(jobs)] {
                               for (const VpcJob& job : jobs) aclsim::dvpp::RunVpc(job);
                               return ACL_SUCCESS;
                             },
                             "dvpp vpc"});
}

aclError RunOne(acldvppChannelDesc* channelDesc, acldvppPicDesc* inputDesc, acldvppPicDesc* outputDesc,
                acldvppRoiConfig* cropArea, acldvppRoiConfig* pasteArea, acldvppResizeConfig* resizeConfig,
                aclrtStream stream) {
  aclsim::Stream& target = aclsim::ResolveStream(stream);
  VpcRequest request;
  request.channel = UnwrapHandle<acldvppChannelDesc>(channelDesc, "channelDesc");
  request.input = UnwrapHandle<acldvppPicDesc>(inputDesc, "inputDesc");
  request.output = UnwrapHandle<acldvppPicDesc>(outputDesc, "outputDesc");
  if (cropArea != nullptr) request.crop = UnwrapHandle<acldvppRoiConfig>(cropArea, "cropArea");
  if (pasteArea != nullptr) request.paste = UnwrapHandle<acldvppRoiConfig>(pasteArea, "pasteArea");
  if (resizeConfig != nullptr) request.resize = UnwrapHandle<acldvppResizeConfig>(resizeConfig, "resizeConfig");
  std::vector<VpcJob> jobs{aclsim::dvpp::PrepareVpc(request, target.context().device())};
  Submit(target, std::move(jobs));
  return ACL_SUCCESS;
}

// The batch forms: one job per output picture, after the batch checks the forms share.
aclError RunBatch(acldvppChannelDesc* channelDesc, acldvppBatchPicDesc* srcBatchPicDescs, uint32_t* roiNums,
                  uint32_t size, acldvppBatchPicDesc* dstBatchPicDescs, acldvppRoiConfig* cropAreas[],
                  acldvppRoiConfig* pasteAreas[], bool with_paste, acldvppResizeConfig* resizeConfig,
                  aclrtStream stream) {
  aclsim::Stream& target = aclsim::ResolveStream(stream);
  const auto requests = aclsim::api::BatchRequests({channelDesc, srcBatchPicDescs, roiNums, size, dstBatchPicDescs,
                                                    cropAreas, pasteAreas, with_paste, resizeConfig});
  std::vector<VpcJob> jobs;
  for (const VpcRequest& request : requests) jobs.push_back(aclsim::dvpp::PrepareVpc(request, target.context().device()));
  Submit(target, std::move(jobs));
  return ACL_SUCCESS;
}

}  // namespace

extern "C" {

aclError acldvppVpcResizeAsync(acldvppChannelDesc* channelDesc, acldvppPicDesc* inputDesc, acldvppPicDesc* outputDesc,
                               acldvppResizeConfig* resizeConfig, aclrtStream stream) {
  return ApiCall("acldvppVpcResizeAsync", [&] {
    ACLSIM_CHECK_NOT_NULL(resizeConfig);
    return RunOne(channelDesc, inputDesc, outputDesc, nullptr, nullptr, resizeConfig, stream);
  });
}

aclError acldvppVpcCropAsync(acldvppChannelDesc* channelDesc, acldvppPicDesc* inputDesc, acldvppPicDesc* outputDesc,
                             acldvppRoiConfig* cropArea, aclrtStream stream) {
  return ApiCall("acldvppVpcCropAsync", [&] {
    ACLSIM_CHECK_NOT_NULL(cropArea);
    return RunOne(channelDesc, inputDesc, outputDesc, cropArea, nullptr, nullptr, stream);
  });
}

aclError acldvppVpcCropResizeAsync(acldvppChannelDesc* channelDesc, acldvppPicDesc* inputDesc,
                                   acldvppPicDesc* outputDesc, acldvppRoiConfig* cropArea,
                                   acldvppResizeConfig* resizeConfig, aclrtStream stream) {
  return ApiCall("acldvppVpcCropResizeAsync", [&] {
    ACLSIM_CHECK_NOT_NULL(cropArea);
    ACLSIM_CHECK_NOT_NULL(resizeConfig);
    return RunOne(channelDesc, inputDesc, outputDesc, cropArea, nullptr, resizeConfig, stream);
  });
}

aclError acldvppVpcCropAndPasteAsync(acldvppChannelDesc* channelDesc, acldvppPicDesc* inputDesc,
                                     acldvppPicDesc* outputDesc, acldvppRoiConfig* cropArea,
                                     acldvppRoiConfig* pasteArea, aclrtStream stream) {
  return ApiCall("acldvppVpcCropAndPasteAsync", [&] {
    ACLSIM_CHECK_NOT_NULL(cropArea);
    ACLSIM_CHECK_NOT_NULL(pasteArea);
    return RunOne(channelDesc, inputDesc, outputDesc, cropArea, pasteArea, nullptr, stream);
  });
}

aclError acldvppVpcCropResizePasteAsync(acldvppChannelDesc* channelDesc, acldvppPicDesc* inputDesc,
                                        acldvppPicDesc* outputDesc, acldvppRoiConfig* cropArea,
                                        acldvppRoiConfig* pasteArea, acldvppResizeConfig* resizeConfig,
                                        aclrtStream stream) {
  return ApiCall("acldvppVpcCropResizePasteAsync", [&] {
    ACLSIM_CHECK_NOT_NULL(cropArea);
    ACLSIM_CHECK_NOT_NULL(pasteArea);
    ACLSIM_CHECK_NOT_NULL(resizeConfig);
    return RunOne(channelDesc, inputDesc, outputDesc, cropArea, pasteArea, resizeConfig, stream);
  });
}

aclError acldvppVpcBatchCropAsync(acldvppChannelDesc* channelDesc, acldvppBatchPicDesc* srcBatchPicDescs,
                                  uint32_t* roiNums, uint32_t size, acldvppBatchPicDesc* dstBatchPicDescs,
                                  acldvppRoiConfig* cropAreas[], aclrtStream stream) {
  return ApiCall("acldvppVpcBatchCropAsync", [&] {
    return RunBatch(channelDesc, srcBatchPicDescs, roiNums, size, dstBatchPicDescs, cropAreas, nullptr, false, nullptr,
                    stream);
  });
}

aclError acldvppVpcBatchCropResizeAsync(acldvppChannelDesc* channelDesc, acldvppBatchPicDesc* srcBatchPicDescs,
                                        uint32_t* roiNums, uint32_t size, acldvppBatchPicDesc* dstBatchPicDescs,
                                        acldvppRoiConfig* cropAreas[], acldvppResizeConfig* resizeConfig,
                                        aclrtStream stream) {
  return ApiCall("acldvppVpcBatchCropResizeAsync", [&] {
    ACLSIM_CHECK_NOT_NULL(resizeConfig);
    return RunBatch(channelDesc, srcBatchPicDescs, roiNums, size, dstBatchPicDescs, cropAreas, nullptr, false,
                    resizeConfig, stream);
  });
}

aclError acldvppVpcBatchCropAndPasteAsync(acldvppChannelDesc* channelDesc, acldvppBatchPicDesc* srcBatchPicDescs,
                                          uint32_t* roiNums, uint32_t size, acldvppBatchPicDesc* dstBatchPicDescs,
                                          acldvppRoiConfig* cropAreas[], acldvppRoiConfig* pasteAreas[],
                                          aclrtStream stream) {
  return ApiCall("acldvppVpcBatchCropAndPasteAsync", [&] {
    return RunBatch(channelDesc, srcBatchPicDescs, roiNums, size, dstBatchPicDescs, cropAreas, pasteAreas, true,
                    nullptr, stream);
  });
}

aclError acldvppVpcBatchCropResizePasteAsync(acldvppChannelDesc* channelDesc, acldvppBatchPicDesc* srcBatchPicDescs,
                                             uint32_t* roiNums, uint32_t size, acldvppBatchPicDesc* dstBatchPicDescs,
                                             acldvppRoiConfig* cropAreas[], acldvppRoiConfig* pasteAreas[],
                                             acldvppResizeConfig* resizeConfig, aclrtStream stream) {
  return ApiCall("acldvppVpcBatchCropResizePasteAsync", [&] {
    ACLSIM_CHECK_NOT_NULL(resizeConfig);
    return RunBatch(channelDesc, srcBatchPicDescs, roiNums, size, dstBatchPicDescs, cropAreas, pasteAreas, true,
                    resizeConfig, stream);
  });
}

}  // extern "C"
