// The descriptors of acl_dvpp.h's video half (VDEC/VENC): channel descriptors and per-frame
// configs, plain values behind the public handles. A channel descriptor also holds the open
// channel (vdec_channel.h / venc_channel.h) between aclv*CreateChannel and aclv*DestroyChannel.
// Not thread-safe, like CANN's: a channel belongs to the thread that drives it.
#pragma once

#include <cstdint>
#include <memory>

#include "dvpp/descriptors.h"

namespace aclsim::dvpp {
class VdecChannel;
class VencChannel;
}  // namespace aclsim::dvpp

struct aclvdecChannelDesc : aclsim::TaggedObject<0x56446563u /* 'VDec' */> {
  static constexpr const char* kTypeName = "aclvdecChannelDesc";
  static constexpr const char* kCreateApi = "aclvdecCreateChannel";
  aclvdecChannelDesc();
  ~aclvdecChannelDesc();
  uint32_t channel_id = 0;
  uint64_t thread_id = 0;
  aclvdecCallback callback = nullptr;
  acldvppStreamFormat en_type = H265_MAIN_LEVEL;
  acldvppPixelFormat out_format = PIXEL_FORMAT_YUV_SEMIPLANAR_420;  // CANN: NV12 unless set
  uint32_t max_width = 0;   // ACL_VDEC_OUT_PIC_WIDTH: the largest stream width (0: not set)
  uint32_t max_height = 0;  // ACL_VDEC_OUT_PIC_HEIGHT
  uint32_t ref_frame_num = 0;
  uint32_t bit_depth = 1;   // 0: 8 bits, 1: 10 bits (documented default)
  uint32_t out_mode = 0;    // 0: default (the decoder may hold frames back), 1: fast output
  uint32_t csc_matrix = 0;  // acldvppCscMatrix, for RGB outputs
  std::unique_ptr<aclsim::dvpp::VdecChannel> channel;  // set while created
};

struct aclvdecFrameConfig : aclsim::TaggedObject<0x56446346u /* 'VDcF' */> {
  static constexpr const char* kTypeName = "aclvdecFrameConfig";
};

struct aclvencChannelDesc : aclsim::TaggedObject<0x56456e63u /* 'VEnc' */> {
  static constexpr const char* kTypeName = "aclvencChannelDesc";
  static constexpr const char* kCreateApi = "aclvencCreateChannel";
  aclvencChannelDesc();
  ~aclvencChannelDesc();
  uint64_t thread_id = 0;
  aclvencCallback callback = nullptr;
  acldvppStreamFormat en_type = H265_MAIN_LEVEL;
  acldvppPixelFormat pic_format = PIXEL_FORMAT_YUV_SEMIPLANAR_420;
  uint32_t pic_width = 0;
  uint32_t pic_height = 0;
  uint32_t key_frame_interval = 16;
  void* buf_addr = nullptr;              // encoder output buffer (null: the channel allocates one)
  uint32_t buf_size = 8 * 1024 * 1024;   // documented default 8 MiB
  uint32_t rc_mode = 0;                  // 0: default (VBR), 1: VBR, 2: CBR
  uint32_t src_rate = 30;                // fps; 0 also means the documented default 30
  uint32_t max_bit_rate = 2000;          // kbps; 0 also means the documented default 2000
  uint32_t max_ip_prop = 0;              // I/P bits ratio; 0: default
  uint32_t channel_id = 0;   // assigned by aclvencCreateChannel
  std::unique_ptr<aclsim::dvpp::VencChannel> channel;  // set while created
};

struct aclvencFrameConfig : aclsim::TaggedObject<0x56456346u /* 'VEcF' */> {
  static constexpr const char* kTypeName = "aclvencFrameConfig";
  uint8_t force_i_frame = 0;
  uint8_t eos = 0;
};
