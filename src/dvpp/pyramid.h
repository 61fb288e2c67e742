// acldvppVpcPyrDownAsync: one level of a Gaussian pyramid of a YUV400 picture, half its width and
// height (5x5 kernel [1 4 6 4 1]^T [1 4 6 4 1] / 256 at every second pixel, edges mirrored
// without repeating the edge pixel, rounded to nearest).
#pragma once

#include "dvpp/planes.h"

namespace aclsim {
class Device;
}

namespace aclsim::dvpp {

struct PyrDownJob {
  Picture input, output;
};

PyrDownJob PreparePyrDown(const acldvppChannelDesc& channel, const acldvppPicDesc& input, const acldvppPicDesc& output,
                          const void* reserve, Device& device);
void RunPyrDown(const PyrDownJob& job);

}  // namespace aclsim::dvpp
