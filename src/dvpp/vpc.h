// VPC operations (crop, resize, crop-and-paste and their combinations): checked at enqueue into a
// self-contained VpcJob (descriptors copied, device memory referenced), run later on the stream.
#pragma once

#include <string>

#include "dvpp/descriptors.h"
#include "dvpp/planes.h"
#include "dvpp/resize.h"

namespace aclsim {
class Device;
namespace sim {
class Parallel;
}
}  // namespace aclsim

namespace aclsim::dvpp {

struct VpcJob {
  Picture input, output;
  Rect crop, paste;
  Interpolation interpolation = Interpolation::kBilinear;
  uint32_t csc_matrix = 0;
  const sim::Parallel* cores = nullptr;  // the device's worker team for rows; null: the calling thread
};

// What one VPC call asks for. A null crop means the whole input, a null paste the whole output,
// a null resize config the default interpolation. `paste_is_roi`: the paste area came from the
// caller (crop-and-paste), so its documented left-offset alignment applies.
struct VpcRequest {
  const acldvppChannelDesc* channel = nullptr;
  const acldvppPicDesc* input = nullptr;
  const acldvppPicDesc* output = nullptr;
  const acldvppRoiConfig* crop = nullptr;
  const acldvppRoiConfig* paste = nullptr;
  const acldvppResizeConfig* resize = nullptr;
  std::string suffix;  // appended to the argument names in messages ("[3]" in batch calls)
};

VpcJob PrepareVpc(const VpcRequest& request, Device& device);
// The documented scaling range [1/32, 16] per direction, from `from` to to_width x to_height.
void CheckVpcScale(const Rect& from, uint32_t to_width, uint32_t to_height, const std::string& suffix);
void RunVpc(const VpcJob& job);

}  // namespace aclsim::dvpp
