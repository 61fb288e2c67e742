// The descriptors of acl_dvpp.h (images): plain value objects behind the public opaque handles.
// Each begins with its own magic (common/handle.h), so a stale or mistyped handle is reported.
// Not thread-safe: like CANN's, a descriptor belongs to the thread that fills it in; the async
// operations copy what they need at enqueue (src/dvpp/vpc.h, src/dvpp/jpeg.h).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#ifndef ENABLE_DVPP_INTERFACE
#define ENABLE_DVPP_INTERFACE
#endif
#include "acl/ops/acl_dvpp.h"
#include "common/handle.h"

struct acldvppPicDesc : aclsim::TaggedObject<0x44506963u /* 'DPic' */> {
  static constexpr const char* kTypeName = "acldvppPicDesc";
  void* data = nullptr;
  uint32_t size = 0;
  acldvppPixelFormat format = PIXEL_FORMAT_YUV_400;
  uint32_t width = 0;
  uint32_t height = 0;
  uint32_t width_stride = 0;
  uint32_t height_stride = 0;
  uint32_t ret_code = 0;
  bool owned_by_batch = false;  // an element of an acldvppBatchPicDesc: destroyed with it only
};

struct acldvppBatchPicDesc : aclsim::TaggedObject<0x44426174u /* 'DBat' */> {
  static constexpr const char* kTypeName = "acldvppBatchPicDesc";
  std::vector<acldvppPicDesc> pictures;
};

struct acldvppRoiConfig : aclsim::TaggedObject<0x44526F69u /* 'DRoi' */> {
  static constexpr const char* kTypeName = "acldvppRoiConfig";
  uint32_t left = 0, right = 0, top = 0, bottom = 0;
};

struct acldvppResizeConfig : aclsim::TaggedObject<0x4452737Au /* 'DRsz' */> {
  static constexpr const char* kTypeName = "acldvppResizeConfig";
  uint32_t interpolation = 0;
};

struct acldvppJpegeConfig : aclsim::TaggedObject<0x444A7065u /* 'DJpe' */> {
  static constexpr const char* kTypeName = "acldvppJpegeConfig";
  uint32_t level = 100;  // CANN: 100 unless set (the highest quality)
};

struct acldvppBorderConfig : aclsim::TaggedObject<0x44426472u /* 'DBdr' */> {
  static constexpr const char* kTypeName = "acldvppBorderConfig";
  double value[4] = {0, 0, 0, 0};
  acldvppBorderType type = BORDER_CONSTANT;
  uint32_t top = 0, bottom = 0, left = 0, right = 0;
};

struct acldvppStreamDesc : aclsim::TaggedObject<0x44537472u /* 'DStr' */> {
  static constexpr const char* kTypeName = "acldvppStreamDesc";
  void* data = nullptr;
  uint32_t size = 0;
  acldvppStreamFormat format = H265_MAIN_LEVEL;
  uint64_t timestamp = 0;
  uint32_t ret_code = 0;
  uint8_t eos = 0;
};

struct acldvppChannelDesc : aclsim::TaggedObject<0x4443686Eu /* 'DChn' */> {
  static constexpr const char* kTypeName = "acldvppChannelDesc";
  static constexpr uint32_t kAllModes = DVPP_CHNMODE_VPC | DVPP_CHNMODE_JPEGD | DVPP_CHNMODE_JPEGE | DVPP_CHNMODE_PNGD;
  uint32_t mode = kAllModes;  // CANN: a channel for every engine unless a mode is set
  uint32_t csc_matrix = 0;    // acldvppCscMatrix: BT601 wide unless set
  uint32_t channel_width = 0;
  uint32_t channel_height = 0;
  uint32_t jpegd_precision_mode = 0;
  uint64_t channel_id = 0;
  bool created = false;
  int32_t device_id = -1;
};
