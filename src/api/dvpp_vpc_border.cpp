// acldvppVpcMakeBorderAsync and acldvppVpcBatchCropResizeMakeBorderAsync: checked completely at
// enqueue, then queued as one stream task.
#include <string>
#include <utility>
#include <vector>

#include "api/api_guard.h"
#include "api/dvpp_vpc_batch.h"
#include "dvpp/make_border.h"
#include "runtime/context.h"
#include "runtime/current_context.h"
#include "runtime/stream.h"

using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;
using aclsim::dvpp::BorderJob;

namespace {

void Submit(aclsim::Stream& stream, std::vector<BorderJob> jobs) {
  stream.Submit(aclsim::Task{[jobs = std::move(jobs)] {
                               for (const BorderJob& job : jobs) aclsim::dvpp::RunBorderJob(job);
                               return ACL_SUCCESS;
                             },
                             "dvpp vpc make border"});
}

}  // namespace

extern "C" {

aclError acldvppVpcMakeBorderAsync(const acldvppChannelDesc* channelDesc, const acldvppPicDesc* inputDesc,
                                   acldvppPicDesc* outputDesc, const acldvppBorderConfig* borderConfig,
                                   aclrtStream stream) {
  return ApiCall("acldvppVpcMakeBorderAsync", [&] {
    aclsim::Stream& target = aclsim::ResolveStream(stream);
    std::vector<BorderJob> jobs{aclsim::dvpp::PrepareMakeBorder(
        *UnwrapHandle<acldvppChannelDesc>(channelDesc, "channelDesc"),
        *UnwrapHandle<acldvppPicDesc>(inputDesc, "inputDesc"), *UnwrapHandle<acldvppPicDesc>(outputDesc, "outputDesc"),
        *UnwrapHandle<acldvppBorderConfig>(borderConfig, "borderConfig"), target.context().device())};
    Submit(target, std::move(jobs));
    return ACL_SUCCESS;
  });
}

aclError acldvppVpcBatchCropResizeMakeBorderAsync(acldvppChannelDesc* channelDesc,
                                                  acldvppBatchPicDesc* srcBatchPicDescs, uint32_t* roiNums,
                                                  uint32_t size, acldvppBatchPicDesc* dstBatchPicDescs,
                                                  acldvppRoiConfig* cropAreas[], acldvppBorderConfig* borderCfgs[],
                                                  acldvppResizeConfig* resizeConfig, aclrtStream stream) {
  return ApiCall("acldvppVpcBatchCropResizeMakeBorderAsync", [&] {
    aclsim::Stream& target = aclsim::ResolveStream(stream);
    ACLSIM_CHECK_NOT_NULL(borderCfgs);
    ACLSIM_CHECK_NOT_NULL(resizeConfig);
    const auto requests = aclsim::api::BatchRequests({channelDesc, srcBatchPicDescs, roiNums, size, dstBatchPicDescs,
                                                      cropAreas, nullptr, false, resizeConfig});
    std::vector<BorderJob> jobs;
    for (size_t k = 0; k < requests.size(); ++k) {
      const std::string name = "borderCfgs[" + std::to_string(k) + "]";
      const acldvppBorderConfig* border = UnwrapHandle<acldvppBorderConfig>(borderCfgs[k], name.c_str());
      jobs.push_back(aclsim::dvpp::PrepareCropResizeBorder(requests[k], *border, target.context().device()));
    }
    Submit(target, std::move(jobs));
    return ACL_SUCCESS;
  });
}

}  // extern "C"
