// VPC entry points (acl_dvpp.h): resize, crop, crop-resize, crop-and-paste, crop-resize-paste and
// the batch crop forms. Each is checked completely at enqueue, then queued as one stream task.
#include <string>
#include <utility>
#include <vector>

#include "api/api_guard.h"
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

constexpr uint32_t kMaxRois = 256;  // documented: roiNums[0] + ... + roiNums[size - 1] <= 256

// The batch forms: roiNums[i] areas of source picture i, written to consecutive output pictures.
aclError RunBatch(acldvppChannelDesc* channelDesc, acldvppBatchPicDesc* srcBatchPicDescs, uint32_t* roiNums,
                  uint32_t size, acldvppBatchPicDesc* dstBatchPicDescs, acldvppRoiConfig* cropAreas[],
                  acldvppRoiConfig* pasteAreas[], bool with_paste, acldvppResizeConfig* resizeConfig,
                  aclrtStream stream) {
  aclsim::Stream& target = aclsim::ResolveStream(stream);
  const acldvppChannelDesc* channel = UnwrapHandle<acldvppChannelDesc>(channelDesc, "channelDesc");
  acldvppBatchPicDesc* src = UnwrapHandle<acldvppBatchPicDesc>(srcBatchPicDescs, "srcBatchPicDescs");
  acldvppBatchPicDesc* dst = UnwrapHandle<acldvppBatchPicDesc>(dstBatchPicDescs, "dstBatchPicDescs");
  ACLSIM_CHECK_NOT_NULL(roiNums);
  ACLSIM_CHECK_NOT_NULL(cropAreas);
  if (with_paste) ACLSIM_CHECK_NOT_NULL(pasteAreas);
  ACLSIM_CHECK_ARG(size > 0 && size <= src->pictures.size(), "size {} must be in [1, {}] (srcBatchPicDescs' batch size)",
                   size, src->pictures.size());
  uint64_t total = 0;
  for (uint32_t i = 0; i < size; ++i) total += roiNums[i];
  ACLSIM_CHECK_ARG(total > 0 && total <= kMaxRois, "roiNums add up to {}, which must be in [1, {}]", total, kMaxRois);
  ACLSIM_CHECK_ARG(total == dst->pictures.size(), "roiNums add up to {} but dstBatchPicDescs holds {} pictures", total,
                   dst->pictures.size());
  const acldvppResizeConfig* resize =
      resizeConfig ? UnwrapHandle<acldvppResizeConfig>(resizeConfig, "resizeConfig") : nullptr;
  std::vector<VpcJob> jobs;
  uint32_t k = 0;
  for (uint32_t i = 0; i < size; ++i) {
    for (uint32_t j = 0; j < roiNums[i]; ++j, ++k) {
      VpcRequest request;
      request.channel = channel;
      request.input = &src->pictures[i];
      request.output = &dst->pictures[k];
      const std::string index = "[" + std::to_string(k) + "]";
      request.crop = UnwrapHandle<acldvppRoiConfig>(cropAreas[k], ("cropAreas" + index).c_str());
      if (with_paste) request.paste = UnwrapHandle<acldvppRoiConfig>(pasteAreas[k], ("pasteAreas" + index).c_str());
      request.resize = resize;
      request.suffix = index;
      jobs.push_back(aclsim::dvpp::PrepareVpc(request, target.context().device()));
    }
  }
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
