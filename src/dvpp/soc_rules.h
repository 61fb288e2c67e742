// The DVPP constraints that differ between the simulated SoCs (aclrtGetSocName): the CANN
// reference documents them per product, "Atlas 200/300/500 推理产品 / Atlas 训练系列产品"
// (Ascend310, Ascend910) and "Atlas 推理系列产品" (Ascend310P, aclsim's default).
#pragma once

#include <cstdint>

namespace aclsim::dvpp {

// Which DVPP generation the simulated SoC is: the CANN reference documents the first one,
// Ascend310 and Ascend910 (Ascend910A, Ascend910ProA ..), apart; Ascend310P is aclsim's default;
// later SoCs (Ascend910B..) follow the 310P rules unless a rule says otherwise.
enum class DvppGeneration { kAscend310And910, kAscend310P, kLater };
DvppGeneration CurrentDvppGeneration();

struct SocRules {
  bool roi_parity = false;           // crop/paste ROI: left, top even; right, bottom odd (310, 910)
  uint32_t paste_left_align = 16;    // paste ROI left offset alignment
  uint32_t jpegd_stride_align = 64;  // JPEGD output widthStride: 128 (310, 910), 64 (310P)
  bool tf_interpolation = false;     // resize interpolation 3 and 4 (TensorFlow style): not on 310P
  bool zero_is_high_order = false;   // interpolation 0 is Huawei's high-order filter (310, 910)
  bool jpege_level_zero = false;     // JPEGE level 0 accepted (as good as 100): 310, 910 only
  bool vpc_extras = true;   // convert colour, make border, histogram, equalise, LUT maps: not on 310, 910
  bool pyr_down = false;    // pyramid down: Atlas inference products (310P) only
  bool yuv400_converts_to_yuv400_only = false;  // convert colour of a YUV400 input (310P)
  uint32_t calc_hist_max_height = 8192;         // histogram input height: 4096 on 310P
};

SocRules CurrentSocRules();

}  // namespace aclsim::dvpp
