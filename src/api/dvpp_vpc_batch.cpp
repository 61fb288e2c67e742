#include "api/dvpp_vpc_batch.h"

#include <string>

#include "common/error.h"
#include "common/handle.h"

namespace aclsim::api {
namespace {

constexpr uint32_t kMaxRois = 256;  // documented: roiNums[0] + ... + roiNums[size - 1] <= 256

}  // namespace

std::vector<dvpp::VpcRequest> BatchRequests(const BatchArgs& a) {
  const acldvppChannelDesc* channel = UnwrapHandle<acldvppChannelDesc>(a.channel, "channelDesc");
  acldvppBatchPicDesc* src = UnwrapHandle<acldvppBatchPicDesc>(a.src, "srcBatchPicDescs");
  acldvppBatchPicDesc* dst = UnwrapHandle<acldvppBatchPicDesc>(a.dst, "dstBatchPicDescs");
  uint32_t* roiNums = a.roi_nums;
  acldvppRoiConfig** cropAreas = a.crop_areas;
  acldvppRoiConfig** pasteAreas = a.paste_areas;
  ACLSIM_CHECK_NOT_NULL(roiNums);
  ACLSIM_CHECK_NOT_NULL(cropAreas);
  if (a.with_paste) ACLSIM_CHECK_NOT_NULL(pasteAreas);
  ACLSIM_CHECK_ARG(a.size > 0 && a.size <= src->pictures.size(),
                   "size {} must be in [1, {}] (srcBatchPicDescs' batch size)", a.size, src->pictures.size());
  uint64_t total = 0;
  for (uint32_t i = 0; i < a.size; ++i) total += roiNums[i];
  ACLSIM_CHECK_ARG(total > 0 && total <= kMaxRois, "roiNums add up to {}, which must be in [1, {}]", total, kMaxRois);
  ACLSIM_CHECK_ARG(total == dst->pictures.size(), "roiNums add up to {} but dstBatchPicDescs holds {} pictures", total,
                   dst->pictures.size());
  const acldvppResizeConfig* resize = a.resize ? UnwrapHandle<acldvppResizeConfig>(a.resize, "resizeConfig") : nullptr;
  std::vector<dvpp::VpcRequest> requests;
  uint32_t k = 0;
  for (uint32_t i = 0; i < a.size; ++i) {
    for (uint32_t j = 0; j < roiNums[i]; ++j, ++k) {
      dvpp::VpcRequest request;
      request.channel = channel;
      request.input = &src->pictures[i];
      request.output = &dst->pictures[k];
      const std::string index = "[" + std::to_string(k) + "]";
      request.crop = UnwrapHandle<acldvppRoiConfig>(cropAreas[k], ("cropAreas" + index).c_str());
      if (a.with_paste) request.paste = UnwrapHandle<acldvppRoiConfig>(pasteAreas[k], ("pasteAreas" + index).c_str());
      request.resize = resize;
      request.suffix = index;
      requests.push_back(std::move(request));
    }
  }
  return requests;
}

}  // namespace aclsim::api
