// acldvppVpcConvertColorAsync: a picture re-laid out (and converted between YUV and RGB where
// the spaces differ) into another format of the same size.
#pragma once

#include "dvpp/vpc.h"

namespace aclsim {
class Device;
}

namespace aclsim::dvpp {

// `output` may leave width or height 0: the input's size is used, with strides aligned as the
// picture constraints require (CANN reference).
VpcJob PrepareConvertColour(const acldvppChannelDesc& channel, const acldvppPicDesc& input,
                            const acldvppPicDesc& output, Device& device);
void RunConvertColour(const VpcJob& job);

}  // namespace aclsim::dvpp
