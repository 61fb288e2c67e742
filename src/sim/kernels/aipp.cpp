// Aipp: CANN's AI pre-processing operator, which atc inserts after a model input configured with
// --insert_op_conf (docs/aipp.md). It turns uint8 images (the 8-bit formats YUV420SP_U8,
// XRGB8888_U8, RGB888_U8, YUV400_U8, ARGB8888_U8, YUYV_U8, YUV422SP_U8, AYUV444_U8; N images
// one after the other) into the model's float NCHW input, in the documented
// order: channel swap -> crop -> colour space conversion -> mean/min/var_reci -> padding.
//   images: uint8, the source images (static: N x the image size; dynamic: up to max_src_image_size)
//   params: uint8, dynamic AIPP only: kAippDynamicPara as aclmdlSetInputAIPP writes it
// Static AIPP reads its parameters from the attributes (aipp_params.h); dynamic AIPP from params,
// checked on every execution since the caller may write that buffer by hand.
#include <algorithm>
#include <cstring>
#include <utility>

#include "common/error.h"
#include "sim/kernels/aipp_params.h"
#include "sim/kernels/families.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

constexpr const char* kOp = "Aipp";

struct Output {
  DType dtype;
  Shape shape;  // N, C, H, W
};

bool IsDynamic(const AttrReader& attrs) {
  const std::string mode = attrs.String("aipp_mode", "static");
  if (mode != "static" && mode != "dynamic") {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: aipp_mode \"{}\" is not static or dynamic", kOp, mode);
  }
  return mode == "dynamic";
}

Output ReadOutput(const AttrReader& attrs) {
  Output out{attrs.Has("output_type") ? attrs.Type("output_type") : DType::kFloat32, attrs.Ints("output_shape")};
  if (out.dtype != DType::kFloat32 && out.dtype != DType::kFloat16) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: output_type must be float32 or float16, not {}", kOp, Name(out.dtype));
  }
  if (out.shape.size() != 4 || *std::min_element(out.shape.begin(), out.shape.end()) <= 0) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: output_shape {} is not an NCHW shape", kOp, ToString(out.shape));
  }
  return out;
}

void CheckChannels(const aipp::Params& params, int64_t channels, aclError code) {
  if (channels > aipp::Channels(params.format)) {
    Fail(code, "{}: the model's input has {} channels, a {} image gives {}", kOp, channels,
         aipp::FormatName(params.format), aipp::Channels(params.format));
  }
}

std::vector<TensorSpec> AippInfer(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  RequireDType(kOp, "images", in[0], {DType::kUInt8});
  const Output out = ReadOutput(attrs);
  const auto bytes = static_cast<uint64_t>(NumElements(in[0].shape));
  const uint64_t n = static_cast<uint64_t>(out.shape[0]);
  if (IsDynamic(attrs)) {
    if (in.size() < 2) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: dynamic AIPP needs its params input", kOp);
    RequireDType(kOp, "params", in[1], {DType::kUInt8});
    if (static_cast<uint64_t>(NumElements(in[1].shape)) < aipp::DynamicDataBytes(n)) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: params holds {} bytes, {} batches need {}", kOp, NumElements(in[1].shape),
           n, aipp::DynamicDataBytes(n));
    }
  } else {
    const aipp::Params params = aipp::FromAttrs(attrs);
    aipp::CheckAgainst(params, out.shape[3], out.shape[2], ACL_ERROR_OP_ATTR_NOT_MATCH);
    CheckChannels(params, out.shape[1], ACL_ERROR_OP_ATTR_NOT_MATCH);
    if (bytes != n * aipp::ImageBytes(params.format, params.src_w, params.src_h)) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: images holds {} bytes, {} {} images of {}x{} take {}", kOp, bytes, n,
           aipp::FormatName(params.format), params.src_w, params.src_h,
           n * aipp::ImageBytes(params.format, params.src_w, params.src_h));
    }
  }
  return {TensorSpec(out.dtype, out.shape, Format::kNCHW)};
}

// One source image: reads pixel (x, y) as up to 4 channels after the channel swaps.
struct Source {
  const uint8_t* data;
  const aipp::Params& p;

  void Read(int64_t x, int64_t y, int32_t v[4]) const {
    const int64_t w = p.src_w;
    int32_t c[3] = {0, 0, 0};  // Y U V or R G B, as stored
    int32_t alpha = 0;         // X or A of the 4-byte formats
    switch (p.format) {
      case aipp::InputFormat::kYuv420sp: {
        const uint8_t* uv = data + w * p.src_h + (y / 2) * w + (x / 2) * 2;
        c[0] = data[y * w + x], c[1] = uv[0], c[2] = uv[1];
        break;
      }
      case aipp::InputFormat::kYuv422sp: {  // a full-height plane of U V pairs, one per 2 pixels of a row
        const uint8_t* uv = data + w * p.src_h + y * w + (x / 2) * 2;
        c[0] = data[y * w + x], c[1] = uv[0], c[2] = uv[1];
        break;
      }
      case aipp::InputFormat::kYuyv: {  // Y0 U Y1 V for each 2 pixels
        const uint8_t* pair = data + y * w * 2 + (x / 2) * 4;
        c[0] = pair[(x % 2) * 2], c[1] = pair[1], c[2] = pair[3];
        break;
      }
      case aipp::InputFormat::kRgb888: {
        const uint8_t* px = data + (y * w + x) * 3;
        c[0] = px[0], c[1] = px[1], c[2] = px[2];
        break;
      }
      case aipp::InputFormat::kXrgb8888:
      case aipp::InputFormat::kArgb8888:
      case aipp::InputFormat::kAyuv444: {  // X R G B, A R G B, A Y U V
        const uint8_t* px = data + (y * w + x) * 4;
        alpha = px[0], c[0] = px[1], c[1] = px[2], c[2] = px[3];
        break;
      }
      case aipp::InputFormat::kYuv400:
        c[0] = data[y * w + x];
        break;
    }
    // rbuv_swap exchanges U and V, or R and B.
    if (p.rbuv_swap) std::swap(c[aipp::IsYuv(p.format) ? 1 : 0], c[2]);
    if (aipp::HasAlphaFirst(p.format) && !p.ax_swap) {
      v[0] = alpha, v[1] = c[0], v[2] = c[1], v[3] = c[2];
    } else {  // ax_swap moves X/A last
      v[0] = c[0], v[1] = c[1], v[2] = c[2], v[3] = alpha;
    }
  }
};

// The documented integer conversion, results clamped to [0, 255]: YUV input (out = M (in -
// input_bias) >> 8), RGB input (out = (M in >> 8) + output_bias). The X/A channel passes through.
void ConvertColour(const aipp::Params& p, int32_t v[4]) {
  const bool yuv_input = aipp::IsYuv(p.format);
  const bool alpha_first = aipp::HasAlphaFirst(p.format) && !p.ax_swap;
  int32_t* c = alpha_first ? v + 1 : v;  // the three colour channels
  int32_t in[3];
  for (int k = 0; k < 3; ++k) in[k] = yuv_input ? c[k] - p.input_bias[k] : c[k];
  for (int k = 0; k < 3; ++k) {
    int32_t sum = 0;
    for (int j = 0; j < 3; ++j) sum += p.matrix[k * 3 + j] * in[j];
    int32_t value = sum >> 8;  // arithmetic shift: rounds toward minus infinity
    if (!yuv_input) value += p.output_bias[k];
    c[k] = std::clamp(value, 0, 255);
  }
}

template <typename T>
void Process(const KernelArgs& args, const aipp::Params& p, const Output& out) {
  const int64_t n = out.shape[0], channels = out.shape[1], h = out.shape[2], w = out.shape[3];
  const uint64_t image_bytes = aipp::ImageBytes(p.format, p.src_w, p.src_h);
  const auto* images = args.inputs[0].As<const uint8_t>();
  T* dst = args.outputs[0].As<T>();
  args.parallel.For(n * h, 4, [&](int64_t begin, int64_t end) {
    for (int64_t row = begin; row < end; ++row) {
      const int64_t b = row / h, oy = row % h;
      const aipp::BatchParams& bp = p.batches[p.batches.size() == 1 ? 0 : b];
      const Source source{images + b * image_bytes, p};
      const int64_t top = bp.padding ? bp.pad_top : 0, left = bp.padding ? bp.pad_left : 0;
      const int64_t inner_w = bp.crop ? bp.crop_w : p.src_w, inner_h = bp.crop ? bp.crop_h : p.src_h;
      const int64_t x0 = bp.crop ? bp.crop_x : 0, y0 = bp.crop ? bp.crop_y : 0;
      for (int64_t ox = 0; ox < w; ++ox) {
        const int64_t ix = ox - left, iy = oy - top;
        float value[4];
        if (ix < 0 || iy < 0 || ix >= inner_w || iy >= inner_h) {
          for (float& v : value) v = p.padding_value;
        } else {
          int32_t v[4];
          source.Read(x0 + ix, y0 + iy, v);
          if (p.csc) ConvertColour(p, v);
          for (int c = 0; c < 4; ++c) {
            value[c] = (static_cast<float>(v[c]) - static_cast<float>(bp.mean[c]) - bp.min[c]) * bp.var_reci[c];
          }
        }
        for (int64_t c = 0; c < channels; ++c) dst[((b * channels + c) * h + oy) * w + ox] = static_cast<T>(value[c]);
      }
    }
  });
}

void AippKernel(const KernelArgs& args) {
  const Output out = ReadOutput(args.attrs);
  aipp::Params params;
  if (IsDynamic(args.attrs)) {
    const TensorView& data = args.inputs[1];
    const auto n = static_cast<uint64_t>(out.shape[0]);
    params = aipp::Unpack(data.As<const uint8_t>(), data.ByteSize(), n, ACL_ERROR_INVALID_PARAM);
    aipp::CheckAgainst(params, out.shape[3], out.shape[2], ACL_ERROR_INVALID_PARAM);
    CheckChannels(params, out.shape[1], ACL_ERROR_INVALID_PARAM);
    const uint64_t needed = n * aipp::ImageBytes(params.format, params.src_w, params.src_h);
    if (needed > args.inputs[0].ByteSize()) {
      Fail(ACL_ERROR_INVALID_PARAM, "{}: {} {} images of {}x{} take {} bytes, more than the input's {} "
           "(max_src_image_size)", kOp, n, aipp::FormatName(params.format), params.src_w, params.src_h, needed,
           args.inputs[0].ByteSize());
    }
  } else {
    params = aipp::FromAttrs(args.attrs);
  }
  if (out.dtype == DType::kFloat16) {
    Process<half>(args, params, out);
  } else {
    Process<float>(args, params, out);
  }
}

}  // namespace

void RegisterAipp(Registry& registry) {
  registry.Add(OpDef{kOp, 1, 2, "uint8 in; float32, float16 out",
                     {{"aipp_mode", "string", "\"static\""},
                      {"related_input_rank", "int", "0"},
                      {"max_src_image_size", "int", "0"},
                      {"output_shape", "list_int", ""},
                      {"output_type", "data_type", "float32"},
                      {"input_format", "int", "1"},
                      {"src_image_size_w", "int", "0"},
                      {"src_image_size_h", "int", "0"},
                      {"csc_switch", "bool", "false"},
                      {"rbuv_swap_switch", "bool", "false"},
                      {"ax_swap_switch", "bool", "false"},
                      {"matrix", "list_int", "0 x 9"},
                      {"output_bias", "list_int", "[0, 0, 0]"},
                      {"input_bias", "list_int", "[0, 0, 0]"},
                      {"crop", "bool", "false"},
                      {"crop_window", "list_int", "[0, 0, 0, 0]"},
                      {"padding", "bool", "false"},
                      {"padding_size", "list_int", "[0, 0, 0, 0]"},
                      {"padding_value", "float", "0"},
                      {"mean_chn", "list_int", "[0, 0, 0, 0]"},
                      {"min_chn", "list_float", "[0, 0, 0, 0]"},
                      {"var_reci_chn", "list_float", "[1, 1, 1, 1]"}},
                     AippInfer, AippKernel});
}

}  // namespace aclsim::sim
