#include "sim/kernels/aipp_params.h"

#include <cstring>

#include "common/error.h"
#include "sim/dtype.h"

namespace aclsim::sim::aipp {
namespace {

// Offsets of the documented kAippDynamicPara header and of one kAippDynamicBatchPara.
namespace head {
constexpr size_t kInputFormat = 0, kCsc = 1, kRbuvSwap = 2, kAxSwap = 3, kBatchNum = 4, kSrcW = 8, kSrcH = 12,
                 kMatrix = 16, kOutputBias = 40, kInputBias = 43;
}
namespace batch {
// From kCropX, twelve int32: crop x, y, w, h (8..20), scf input w, h and output w, h (24..36),
// padding top, bottom, left, right (40..52).
constexpr size_t kCrop = 0, kScf = 1, kPadding = 2, kCropX = 8, kMean = 56, kMin = 64, kVarReci = 72;
}

template <typename T>
void Put(std::vector<uint8_t>& out, size_t offset, T value) {
  std::memcpy(out.data() + offset, &value, sizeof(T));
}
template <typename T>
T Get(const uint8_t* data, size_t offset) {
  T value;
  std::memcpy(&value, data + offset, sizeof(T));
  return value;
}

uint16_t HalfBits(float v) { return Eigen::numext::bit_cast<uint16_t>(half(v)); }
float FromHalfBits(uint16_t bits) { return static_cast<float>(Eigen::numext::bit_cast<half>(bits)); }

std::array<int32_t, 3> Ints3(const AttrReader& attrs, const char* name) {
  const std::vector<int64_t> v = attrs.Ints(name, {0, 0, 0});
  if (v.size() != 3) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "Aipp: attribute \"{}\" must hold 3 values", name);
  return {static_cast<int32_t>(v[0]), static_cast<int32_t>(v[1]), static_cast<int32_t>(v[2])};
}

}  // namespace

bool IsSupportedFormat(int64_t value) { return (value >= 1 && value <= 4) || (value >= 7 && value <= 10); }

const char* FormatName(InputFormat format) {
  switch (format) {
    case InputFormat::kYuv420sp: return "YUV420SP_U8";
    case InputFormat::kXrgb8888: return "XRGB8888_U8";
    case InputFormat::kRgb888: return "RGB888_U8";
    case InputFormat::kYuv400: return "YUV400_U8";
    case InputFormat::kArgb8888: return "ARGB8888_U8";
    case InputFormat::kYuyv: return "YUYV_U8";
    case InputFormat::kYuv422sp: return "YUV422SP_U8";
    case InputFormat::kAyuv444: return "AYUV444_U8";
  }
  return "?";
}

bool HasAlphaFirst(InputFormat format) {
  return format == InputFormat::kXrgb8888 || format == InputFormat::kArgb8888 || format == InputFormat::kAyuv444;
}

int Channels(InputFormat format) {
  if (HasAlphaFirst(format)) return 4;
  return format == InputFormat::kYuv400 ? 1 : 3;
}

bool IsYuv(InputFormat format) {
  return format == InputFormat::kYuv420sp || format == InputFormat::kYuyv || format == InputFormat::kYuv422sp ||
         format == InputFormat::kAyuv444 || format == InputFormat::kYuv400;
}

int ChromaStepW(InputFormat format) {
  return format == InputFormat::kYuv420sp || format == InputFormat::kYuv422sp || format == InputFormat::kYuyv ? 2 : 1;
}

int ChromaStepH(InputFormat format) { return format == InputFormat::kYuv420sp ? 2 : 1; }

uint64_t ImageBytes(InputFormat format, int64_t w, int64_t h) {
  const auto pixels = static_cast<uint64_t>(w * h);
  switch (format) {
    case InputFormat::kYuv420sp: return pixels * 3 / 2;
    case InputFormat::kRgb888: return pixels * 3;
    case InputFormat::kYuv400: return pixels;
    case InputFormat::kYuyv:
    case InputFormat::kYuv422sp: return pixels * 2;
    case InputFormat::kXrgb8888:
    case InputFormat::kArgb8888:
    case InputFormat::kAyuv444: return pixels * 4;
  }
  return 0;
}

std::vector<int64_t> SourceDims(InputFormat format, int64_t n, int64_t w, int64_t h) {
  switch (format) {
    case InputFormat::kYuv420sp: return {n, h * 3 / 2, w, 1};
    case InputFormat::kYuv422sp: return {n, h * 2, w, 1};
    case InputFormat::kYuyv: return {n, h, w, 2};
    case InputFormat::kRgb888: return {n, h, w, 3};
    case InputFormat::kYuv400: return {n, h, w, 1};
    case InputFormat::kXrgb8888:
    case InputFormat::kArgb8888:
    case InputFormat::kAyuv444: return {n, h, w, 4};
  }
  return {};
}

int64_t Params::OutputW(size_t b) const {
  const BatchParams& p = batches[b];
  const int64_t w = p.resize ? p.resize_out_w : p.crop ? p.crop_w : src_w;
  return w + (p.padding ? int64_t{p.pad_left} + p.pad_right : 0);
}

int64_t Params::OutputH(size_t b) const {
  const BatchParams& p = batches[b];
  const int64_t h = p.resize ? p.resize_out_h : p.crop ? p.crop_h : src_h;
  return h + (p.padding ? int64_t{p.pad_top} + p.pad_bottom : 0);
}

std::vector<uint8_t> Pack(const Params& params) {
  std::vector<uint8_t> out(DynamicDataBytes(params.batches.size()), 0);
  Put<uint8_t>(out, head::kInputFormat, static_cast<uint8_t>(params.format));
  Put<int8_t>(out, head::kCsc, params.csc ? 1 : 0);
  Put<int8_t>(out, head::kRbuvSwap, params.rbuv_swap ? 1 : 0);
  Put<int8_t>(out, head::kAxSwap, params.ax_swap ? 1 : 0);
  Put<int8_t>(out, head::kBatchNum, static_cast<int8_t>(params.batches.size()));
  Put<int32_t>(out, head::kSrcW, params.src_w);
  Put<int32_t>(out, head::kSrcH, params.src_h);
  for (size_t i = 0; i < 9; ++i) Put<int16_t>(out, head::kMatrix + 2 * i, static_cast<int16_t>(params.matrix[i]));
  for (size_t i = 0; i < 3; ++i) {
    Put<uint8_t>(out, head::kOutputBias + i, static_cast<uint8_t>(params.output_bias[i]));
    Put<uint8_t>(out, head::kInputBias + i, static_cast<uint8_t>(params.input_bias[i]));
  }
  for (size_t b = 0; b < params.batches.size(); ++b) {
    const BatchParams& p = params.batches[b];
    const size_t base = kHeaderBytes + b * kBatchBytes;
    Put<int8_t>(out, base + batch::kCrop, p.crop ? 1 : 0);
    Put<int8_t>(out, base + batch::kScf, p.resize ? 1 : 0);
    Put<int8_t>(out, base + batch::kPadding, p.padding ? 1 : 0);
    const int32_t ints[] = {p.crop_x,       p.crop_y,       p.crop_w,       p.crop_h,      p.resize_in_w,
                            p.resize_in_h,  p.resize_out_w, p.resize_out_h, p.pad_top,     p.pad_bottom,
                            p.pad_left,     p.pad_right};
    for (size_t i = 0; i < 12; ++i) Put<int32_t>(out, base + batch::kCropX + 4 * i, ints[i]);
    for (size_t c = 0; c < 4; ++c) {
      Put<int16_t>(out, base + batch::kMean + 2 * c, static_cast<int16_t>(p.mean[c]));
      Put<uint16_t>(out, base + batch::kMin + 2 * c, HalfBits(p.min[c]));
      Put<uint16_t>(out, base + batch::kVarReci + 2 * c, HalfBits(p.var_reci[c]));
    }
  }
  return out;
}

Params Unpack(const uint8_t* data, size_t size, uint64_t batch_count, aclError code) {
  if (size < DynamicDataBytes(batch_count)) {
    Fail(code, "the dynamic AIPP data holds {} bytes, {} batches need {}", size, batch_count,
         DynamicDataBytes(batch_count));
  }
  Params params;
  const uint8_t format = Get<uint8_t>(data, head::kInputFormat);
  if (!IsSupportedFormat(format)) {
    Fail(code, "the dynamic AIPP data's input format is {}, not one aclsim converts (set it with "
         "aclmdlSetAIPPInputFormat and aclmdlSetInputAIPP)", format);
  }
  params.format = static_cast<InputFormat>(format);
  params.csc = Get<int8_t>(data, head::kCsc) != 0;
  params.rbuv_swap = Get<int8_t>(data, head::kRbuvSwap) != 0;
  params.ax_swap = Get<int8_t>(data, head::kAxSwap) != 0;
  const int8_t batch_num = Get<int8_t>(data, head::kBatchNum);
  if (batch_num != static_cast<int8_t>(batch_count)) {
    Fail(code, "the dynamic AIPP data is for {} batches, the model has {}", batch_num, batch_count);
  }
  params.src_w = Get<int32_t>(data, head::kSrcW);
  params.src_h = Get<int32_t>(data, head::kSrcH);
  for (size_t i = 0; i < 9; ++i) params.matrix[i] = Get<int16_t>(data, head::kMatrix + 2 * i);
  for (size_t i = 0; i < 3; ++i) {
    params.output_bias[i] = Get<uint8_t>(data, head::kOutputBias + i);
    params.input_bias[i] = Get<uint8_t>(data, head::kInputBias + i);
  }
  for (uint64_t b = 0; b < batch_count; ++b) {
    const uint8_t* p = data + kHeaderBytes + b * kBatchBytes;
    BatchParams bp;
    bp.crop = Get<int8_t>(p, batch::kCrop) != 0;
    bp.resize = Get<int8_t>(p, batch::kScf) != 0;
    bp.padding = Get<int8_t>(p, batch::kPadding) != 0;
    int32_t* ints[] = {&bp.crop_x,       &bp.crop_y,       &bp.crop_w,   &bp.crop_h,     &bp.resize_in_w, &bp.resize_in_h,
                       &bp.resize_out_w, &bp.resize_out_h, &bp.pad_top,  &bp.pad_bottom, &bp.pad_left,    &bp.pad_right};
    for (size_t i = 0; i < 12; ++i) *ints[i] = Get<int32_t>(p, batch::kCropX + 4 * i);
    for (size_t c = 0; c < 4; ++c) {
      bp.mean[c] = Get<int16_t>(p, batch::kMean + 2 * c);
      bp.min[c] = FromHalfBits(Get<uint16_t>(p, batch::kMin + 2 * c));
      bp.var_reci[c] = FromHalfBits(Get<uint16_t>(p, batch::kVarReci + 2 * c));
    }
    params.batches.push_back(bp);
  }
  return params;
}

void ToAttrs(const Params& params, Attrs& attrs) {
  const BatchParams& p = params.batches.at(0);
  attrs["input_format"] = static_cast<int64_t>(params.format);
  attrs["src_image_size_w"] = static_cast<int64_t>(params.src_w);
  attrs["src_image_size_h"] = static_cast<int64_t>(params.src_h);
  attrs["csc_switch"] = params.csc;
  attrs["rbuv_swap_switch"] = params.rbuv_swap;
  attrs["ax_swap_switch"] = params.ax_swap;
  attrs["matrix"] = std::vector<int64_t>(params.matrix.begin(), params.matrix.end());
  attrs["output_bias"] = std::vector<int64_t>(params.output_bias.begin(), params.output_bias.end());
  attrs["input_bias"] = std::vector<int64_t>(params.input_bias.begin(), params.input_bias.end());
  attrs["crop"] = p.crop;
  attrs["crop_window"] = std::vector<int64_t>{p.crop_x, p.crop_y, p.crop_w, p.crop_h};
  attrs["padding"] = p.padding;
  attrs["padding_size"] = std::vector<int64_t>{p.pad_top, p.pad_bottom, p.pad_left, p.pad_right};
  attrs["padding_value"] = params.padding_value;
  attrs["mean_chn"] = std::vector<int64_t>(p.mean.begin(), p.mean.end());
  attrs["min_chn"] = std::vector<float>(p.min.begin(), p.min.end());
  attrs["var_reci_chn"] = std::vector<float>(p.var_reci.begin(), p.var_reci.end());
}

Params FromAttrs(const AttrReader& attrs) {
  Params params;
  const int64_t format = attrs.Int("input_format");
  if (!IsSupportedFormat(format)) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "Aipp: input_format {} is not one of the 8-bit formats (1-4, 7-10) aclsim "
         "converts", format);
  }
  params.format = static_cast<InputFormat>(format);
  params.src_w = static_cast<int32_t>(attrs.Int("src_image_size_w"));
  params.src_h = static_cast<int32_t>(attrs.Int("src_image_size_h"));
  params.csc = attrs.Bool("csc_switch", false);
  params.rbuv_swap = attrs.Bool("rbuv_swap_switch", false);
  params.ax_swap = attrs.Bool("ax_swap_switch", false);
  const std::vector<int64_t> matrix = attrs.Ints("matrix", std::vector<int64_t>(9, 0));
  if (matrix.size() != 9) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "Aipp: attribute \"matrix\" must hold 9 values");
  for (size_t i = 0; i < 9; ++i) params.matrix[i] = static_cast<int32_t>(matrix[i]);
  params.output_bias = Ints3(attrs, "output_bias");
  params.input_bias = Ints3(attrs, "input_bias");
  params.padding_value = attrs.Float("padding_value", 0.0f);
  BatchParams p;
  p.crop = attrs.Bool("crop", false);
  const std::vector<int64_t> window = attrs.Ints("crop_window", {0, 0, 0, 0});
  const std::vector<int64_t> pad = attrs.Ints("padding_size", {0, 0, 0, 0});
  const std::vector<int64_t> mean = attrs.Ints("mean_chn", {0, 0, 0, 0});
  const std::vector<float> min = attrs.Floats("min_chn", {0, 0, 0, 0});
  const std::vector<float> var = attrs.Floats("var_reci_chn", {1, 1, 1, 1});
  if (window.size() != 4 || pad.size() != 4 || mean.size() != 4 || min.size() != 4 || var.size() != 4) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "Aipp: crop_window, padding_size, mean_chn, min_chn and var_reci_chn hold 4 "
         "values each");
  }
  p.crop_x = static_cast<int32_t>(window[0]);
  p.crop_y = static_cast<int32_t>(window[1]);
  p.crop_w = static_cast<int32_t>(window[2]);
  p.crop_h = static_cast<int32_t>(window[3]);
  p.padding = attrs.Bool("padding", false);
  p.pad_top = static_cast<int32_t>(pad[0]);
  p.pad_bottom = static_cast<int32_t>(pad[1]);
  p.pad_left = static_cast<int32_t>(pad[2]);
  p.pad_right = static_cast<int32_t>(pad[3]);
  for (size_t c = 0; c < 4; ++c) {
    p.mean[c] = static_cast<int32_t>(mean[c]);
    p.min[c] = min[c];
    p.var_reci[c] = var[c];
  }
  params.batches.push_back(p);
  return params;
}

void CheckAgainst(const Params& params, int64_t out_w, int64_t out_h, aclError code) {
  const int step_w = ChromaStepW(params.format), step_h = ChromaStepH(params.format);
  const char* name = FormatName(params.format);
  if (params.src_w <= 0 || params.src_h <= 0) {
    Fail(code, "the source image size {}x{} is not set (aclmdlSetAIPPSrcImageSize / src_image_size_w, _h)",
         params.src_w, params.src_h);
  }
  // Checked again here, not only by the setters: a dynamic parameter buffer may be written by hand.
  if (params.src_w > kMaxImageSide || params.src_h > kMaxImageSide) {
    Fail(code, "the source image size {}x{} exceeds {} on a side", params.src_w, params.src_h, kMaxImageSide);
  }
  if (params.src_w % step_w != 0 || params.src_h % step_h != 0) {
    Fail(code, "a {} source image needs an even {}, not {}x{}", name, step_h == 2 ? "width and height" : "width",
         params.src_w, params.src_h);
  }
  if (params.csc && params.format == InputFormat::kYuv400) Fail(code, "colour space conversion (csc_switch) does not apply to YUV400_U8");
  for (size_t b = 0; b < params.batches.size(); ++b) {
    const BatchParams& p = params.batches[b];
    if (p.resize) {
      Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "batch {}: resizing (scf) is not supported by aclsim's AIPP, as by most "
           "devices", b);
    }
    if (p.crop) {
      if (p.crop_w <= 0 || p.crop_h <= 0) Fail(code, "batch {}: the crop size {}x{} is empty", b, p.crop_w, p.crop_h);
      if (p.crop_x < 0 || p.crop_y < 0 || int64_t{p.crop_x} + p.crop_w > params.src_w ||
          int64_t{p.crop_y} + p.crop_h > params.src_h) {
        Fail(code, "batch {}: the crop window {}x{} at ({}, {}) does not fit the {}x{} source image", b, p.crop_w, p.crop_h,
             p.crop_x, p.crop_y, params.src_w, params.src_h);
      }
      if (p.crop_x % step_w != 0 || p.crop_y % step_h != 0) {
        Fail(code, "batch {}: for {} the crop start ({}, {}) must be even{}", b, name, p.crop_x, p.crop_y,
             step_h == 2 ? "" : " in W (load_start_pos_w)");
      }
    }
    if (p.padding && (p.pad_top < 0 || p.pad_bottom < 0 || p.pad_left < 0 || p.pad_right < 0)) {
      Fail(code, "batch {}: padding sizes must not be negative", b);
    }
    if (params.OutputW(b) != out_w || params.OutputH(b) != out_h) {
      Fail(code, "batch {}: AIPP gives a {}x{} image (W x H, after crop and padding), the model's input takes {}x{}", b,
           params.OutputW(b), params.OutputH(b), out_w, out_h);
    }
  }
}

}  // namespace aclsim::sim::aipp
