// The argument checks the batch VPC forms share (acldvppVpcBatchCrop*Async and
// acldvppVpcBatchCropResizeMakeBorderAsync): roiNums[i] areas of source picture i, written to
// consecutive output pictures.
#pragma once

#include <cstdint>
#include <vector>

#include "dvpp/vpc.h"

namespace aclsim::api {

struct BatchArgs {
  acldvppChannelDesc* channel = nullptr;
  acldvppBatchPicDesc* src = nullptr;
  uint32_t* roi_nums = nullptr;
  uint32_t size = 0;
  acldvppBatchPicDesc* dst = nullptr;
  acldvppRoiConfig** crop_areas = nullptr;
  acldvppRoiConfig** paste_areas = nullptr;
  bool with_paste = false;  // the form takes paste areas (then paste_areas must not be null)
  acldvppResizeConfig* resize = nullptr;
};

// One request per output picture, in order, after checking the batch-level arguments (sizes,
// ROI counts, handles). The requests point into the callers' descriptors.
std::vector<dvpp::VpcRequest> BatchRequests(const BatchArgs& args);

}  // namespace aclsim::api
