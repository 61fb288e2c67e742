// The VDEC/VENC constraints that differ between the simulated SoCs (CANN reference, "VDEC功能及约束
// 说明", "VENC功能及约束说明" and the aclvdec/aclvenc setters): Ascend310/910 ("Atlas 200/300/500
// 推理产品", "Atlas 训练系列产品") against Ascend310P ("Atlas 推理系列产品", aclsim's default) and
// the later SoCs (Atlas A2/A3 products), which the reference lists with the 310P for each of these.
#pragma once

#include <cstdint>

namespace aclsim::dvpp {

struct VideoRules {
  uint32_t vdec_channel_id_max = 255;    // [0, 31] on 310/910
  uint32_t vdec_stream_max_side = 8192;  // input stream resolution: 4096 on 310/910
  uint32_t vdec_output_max_side = 8192;  // output picture: 4096 on 310/910
  bool vdec_rgb_output = true;           // RGB888/BGR888 outputs: not on 310/910
  bool vdec_tunable = true;              // ref frame number and bit depth settable: not on 310/910
  bool venc = true;                      // VENC: reserved on 310, absent on 910
};

VideoRules CurrentVideoRules();

}  // namespace aclsim::dvpp
