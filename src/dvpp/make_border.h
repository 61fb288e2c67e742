// Make-border (acldvppVpcMakeBorderAsync) and the batch crop-resize-make-border form: the input
// (or a crop of it, resized to the output less its border) surrounded by a border, checked at
// enqueue into a self-contained BorderJob.
#pragma once

#include "dvpp/border.h"
#include "dvpp/vpc.h"

namespace aclsim {
class Device;
}

namespace aclsim::dvpp {

struct BorderJob {
  VpcJob vpc;  // input, crop, output; vpc.paste is where the crop lands inside the output
  Border border;
};

BorderJob PrepareMakeBorder(const acldvppChannelDesc& channel, const acldvppPicDesc& input,
                            const acldvppPicDesc& output, const acldvppBorderConfig& border, Device& device);

// One output of the batch form: `request` (crop, resize, no paste) as the batch crop forms check
// it, with `border` (CONSTANT or REPLICATE) around the resized crop.
BorderJob PrepareCropResizeBorder(const VpcRequest& request, const acldvppBorderConfig& border, Device& device);

void RunBorderJob(const BorderJob& job);

}  // namespace aclsim::dvpp
