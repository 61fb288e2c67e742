// The parameters of AIPP (AI pre-processing, CANN's Aipp operator, docs/aipp.md): what atc's
// --insert_op_conf puts into a model as attributes of an Aipp node (static AIPP), and the binary
// layout aclmdlSetInputAIPP writes into a model's dynamic AIPP input (CANN's documented
// kAippDynamicPara: a 64-byte header, then 96 bytes per batch). Shared by the Aipp kernel, atc
// and the aclmdl AIPP API, so that one description of the parameters exists.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/attr.h"

namespace aclsim::sim::aipp {

// aclAippInputFormat's values of the formats aclsim converts: the 8-bit ones (not NC1HWC0DI, RAW).
enum class InputFormat : int32_t {
  kYuv420sp = 1,
  kXrgb8888 = 2,
  kRgb888 = 3,
  kYuv400 = 4,
  kArgb8888 = 7,
  kYuyv = 8,
  kYuv422sp = 9,
  kAyuv444 = 10,
};

bool IsSupportedFormat(int64_t value);
const char* FormatName(InputFormat format);  // "YUV420SP_U8", ...
// Channels of a pixel once read (the YUV formats: Y, U, V; XRGB8888, ARGB8888, AYUV444: 4;
// RGB888: 3; YUV400: 1).
int Channels(InputFormat format);
// Whether the colour channels are Y U V (CSC subtracts input_bias) rather than R G B.
bool IsYuv(InputFormat format);
// Whether a pixel is 4 bytes with its X/A channel first (ax_swap_switch moves it last).
bool HasAlphaFirst(InputFormat format);
// Chroma subsampling: pixels per U/V sample across (2 for YUV420SP, YUV422SP, YUYV) and down
// (2 for YUV420SP); the source size and crop start must be multiples of them.
int ChromaStepW(InputFormat format);
int ChromaStepH(InputFormat format);
// Bytes of one source image of w x h pixels (YUV420SP: w * h * 3 / 2; YUYV, YUV422SP: w * h * 2).
uint64_t ImageBytes(InputFormat format, int64_t w, int64_t h);
// The NHWC dims of n source images as aclmdlGetInputDimsV2 documents them (YUV420SP
// [n, h * 1.5, w, 1], YUV422SP [n, h * 2, w, 1], YUYV [n, h, w, 2], ...): their product is
// n * ImageBytes.
std::vector<int64_t> SourceDims(InputFormat format, int64_t n, int64_t w, int64_t h);

// The per-image parameters (one kAippDynamicBatchPara).
struct BatchParams {
  bool crop = false;
  int32_t crop_x = 0, crop_y = 0, crop_w = 0, crop_h = 0;  // load_start_pos_w/h, crop_size_w/h
  bool resize = false;  // scf: accepted by aclmdlSetAIPPScfParams, refused when applied
  int32_t resize_in_w = 0, resize_in_h = 0, resize_out_w = 0, resize_out_h = 0;
  bool padding = false;
  int32_t pad_top = 0, pad_bottom = 0, pad_left = 0, pad_right = 0;
  std::array<int32_t, 4> mean{0, 0, 0, 0};
  std::array<float, 4> min{0, 0, 0, 0};
  std::array<float, 4> var_reci{1, 1, 1, 1};
};

struct Params {
  InputFormat format = InputFormat::kYuv420sp;
  bool csc = false;
  bool rbuv_swap = false;
  bool ax_swap = false;
  int32_t src_w = 0, src_h = 0;
  std::array<int32_t, 9> matrix{0, 0, 0, 0, 0, 0, 0, 0, 0};  // row-major r0c0 .. r2c2
  std::array<int32_t, 3> output_bias{0, 0, 0};  // RGB -> YUV
  std::array<int32_t, 3> input_bias{0, 0, 0};   // YUV -> RGB
  float padding_value = 0;
  std::vector<BatchParams> batches;  // static AIPP: one, shared by every image of the batch

  // The image size each batch's parameters produce: (crop or source) plus padding.
  int64_t OutputW(size_t batch) const;
  int64_t OutputH(size_t batch) const;
};

// CANN's dynamic AIPP data: sizeof(kAippDynamicPara) + (batch - 1) * sizeof(kAippDynamicBatchPara).
constexpr size_t kHeaderBytes = 64;
constexpr size_t kBatchBytes = 96;
constexpr uint64_t kMaxBatch = 127;  // batchNum is an int8_t of the header
constexpr int32_t kMaxImageSide = 4096;  // srcImageSizeW/H: [1, 4096]
inline uint64_t DynamicDataBytes(uint64_t batch) { return kHeaderBytes + batch * kBatchBytes; }

// The binary layout (little-endian; min and var_reci as float16 bits, as the device keeps them).
std::vector<uint8_t> Pack(const Params& params);
// Reads `size` bytes; throws Error(`code`) naming the field when the data is malformed (too short,
// an unknown format, a batch count other than `batch`).
Params Unpack(const uint8_t* data, size_t size, uint64_t batch, aclError code);

// Static AIPP as attributes of the Aipp node (names as the aipp_op configuration spells them).
void ToAttrs(const Params& params, Attrs& attrs);
Params FromAttrs(const AttrReader& attrs);

// Checks the combination (what a single setter cannot see): source size and crop start evenness
// for the subsampled formats, crop inside the source, CSC not on YUV400, and that every batch gives `out_w` x `out_h`.
// Throws Error(`code`) naming the parameter.
void CheckAgainst(const Params& params, int64_t out_w, int64_t out_h, aclError code);

}  // namespace aclsim::sim::aipp
