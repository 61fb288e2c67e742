// acldvppVpcCalcHistAsync and acldvppVpcEqualizeHistAsync: per-component 256-bin histograms of a
// picture, and a picture remapped through a three-table LUT (one table per component).
#pragma once

#include <array>
#include <memory>

#include "dvpp/hist_descriptors.h"
#include "dvpp/planes.h"

namespace aclsim {
class Device;
}

namespace aclsim::dvpp {

struct CalcHistJob {
  Picture input;
  std::shared_ptr<HistState> hist;
};

// Every pixel adds one to the bin of each of its components (chroma shared by a subsampled block
// counts for each of its pixels; a YUV400 picture has only dimension 0). The counts add to what
// the histogram holds: acldvppClearHist empties it.
CalcHistJob PrepareCalcHist(const acldvppChannelDesc& channel, const acldvppPicDesc& input, acldvppHist& hist,
                            const void* reserve, Device& device);
void RunCalcHist(const CalcHistJob& job);

struct EqualizeHistJob {
  Picture input, output;
  std::array<std::array<uint8_t, kLevels>, kLutDims> map;  // copied at enqueue
};

// Output format and size are the input's; component k of every sample becomes map[k][value].
EqualizeHistJob PrepareEqualizeHist(const acldvppChannelDesc& channel, const acldvppPicDesc& input,
                                    const acldvppPicDesc& output, const acldvppLutMap& lut, Device& device);
void RunEqualizeHist(const EqualizeHistJob& job);

}  // namespace aclsim::dvpp
