// Convolutions: Conv2D and Conv3D (groups, dilations, asymmetric pads), DepthwiseConv2D and
// Conv2DTranspose (the gradient of Conv2D with respect to its input, input_size given).
//
// Layouts. data_format ("NCHW" or "NHWC"; when the attribute is absent, x's format if it is one
// of these, else CANN's default "NHWC") gives the order of x's and y's dims and of the 4-value
// strides, dilations and output_padding. The filter's layout is its tensor format: NCHW means
// [out_channels, in_channels / groups, kh, kw] (OIHW), HWCN [kh, kw, in_channels / groups,
// out_channels], NHWC [out_channels, kh, kw, in_channels / groups]; ND (or unset) means OIHW with
// NCHW data and HWCN with NHWC data. DepthwiseConv2D's filter is HWCN [kh, kw, C, M] or NCHW
// [M, C, kh, kw] (output channel c * M + m). Conv2DTranspose's filter is that of the forward
// Conv2D: its out_channels are x's channels, its in_channels y's.
// Conv3D is Conv2D with a depth dim: data_format NCDHW or NDHWC (5-value strides and
// dilations, 6 pads [front, back, top, bottom, left, right]), filter NCDHW [out, in / groups,
// kd, kh, kw], NDHWC [out, kd, kh, kw, in / groups] or DHWCN; a 2-D convolution is a 3-D one
// with a depth of 1, so both share the im2col + GEMM path.
//
// Computation: im2col + GEMM (gemm.h) split over (batch, group, output tile); a direct kernel for
// depthwise convolutions (one input channel per group); GEMM + col2im for Conv2DTranspose.
// float16/bfloat16 accumulate in float32 and are rounded once; int8 x int8 accumulates in int32
// (wrapping), with offset_x as the value of padded input elements.
#include <algorithm>
#include <memory>
#include <string>

#include "common/error.h"
#include "sim/kernels/elementwise.h"
#include "sim/kernels/families.h"
#include "sim/kernels/gemm.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

const std::initializer_list<DType> kConvTypes = {DType::kFloat16, DType::kBFloat16, DType::kFloat32,
                                                 DType::kFloat64, DType::kInt8};

DType ProductDType(DType in) { return in == DType::kInt8 ? DType::kInt32 : in; }

// Attribute values beyond this are rejected: they would only overflow index arithmetic.
constexpr int64_t kMaxWindowValue = int64_t{1} << 30;

enum class FilterLayout {
  kOIHW,           // [out, in / groups, kh, kw]   (format NCHW)
  kHWCN,           // [kh, kw, in / groups, out]   (format HWCN; DepthwiseConv2D's [kh, kw, C, M])
  kOHWI,           // [out, kh, kw, in / groups]   (format NHWC)
  kDepthwiseMCHW,  // DepthwiseConv2D's NCHW filter [M, C, kh, kw]
};

enum class ConvKind { kConv2D, kDepthwise, kTranspose, kConv3D };

// A convolution in forward terms: the image (Conv2D's x, Conv2DTranspose's y) convolved with the
// filter gives the response (Conv2D's y, Conv2DTranspose's x).
// The depth fields keep their defaults (1 or 0) unless three_d.
struct ConvGeometry {
  bool nhwc = false;    // channels last (NHWC or NDHWC)
  bool three_d = false;  // Conv3D: 5-D tensors with a depth dim
  int64_t batch = 0, in_c = 0, in_d = 1, in_h = 0, in_w = 0;  // image
  int64_t out_c = 0, out_d = 1, out_h = 0, out_w = 0;         // response
  int64_t groups = 1, in_c_g = 0, out_c_g = 0;                // channels per group
  int64_t kd = 1, kh = 0, kw = 0;
  int64_t stride_d = 1, stride_h = 1, stride_w = 1, dil_d = 1, dil_h = 1, dil_w = 1;
  int64_t pad_f = 0, pad_bk = 0, pad_t = 0, pad_b = 0, pad_l = 0, pad_r = 0;
  FilterLayout filter = FilterLayout::kOIHW;
  int64_t multiplier = 1;  // DepthwiseConv2D's M

  Shape ImageShape() const { return Dims(in_c, in_d, in_h, in_w); }
  Shape ResponseShape() const { return Dims(out_c, out_d, out_h, out_w); }
  Shape Dims(int64_t c, int64_t d, int64_t h, int64_t w) const {
    if (three_d) return nhwc ? Shape{batch, d, h, w, c} : Shape{batch, c, d, h, w};
    return nhwc ? Shape{batch, h, w, c} : Shape{batch, c, h, w};
  }
  Format DataFormat() const {
    if (three_d) return nhwc ? Format::kNDHWC : Format::kNCDHW;
    return nhwc ? Format::kNHWC : Format::kNCHW;
  }
  int64_t ImagePixels() const { return in_d * in_h * in_w; }
  int64_t ResponsePixels() const { return out_d * out_h * out_w; }
  int64_t Window() const { return kd * kh * kw; }
  // The filter's element (output channel o, input channel i of its group, kz, ky, kx).
  int64_t FilterIndex(int64_t o, int64_t i, int64_t kz, int64_t ky, int64_t kx) const {
    switch (filter) {
      case FilterLayout::kOIHW: return (((o * in_c_g + i) * kd + kz) * kh + ky) * kw + kx;
      case FilterLayout::kHWCN: return (((kz * kh + ky) * kw + kx) * in_c_g + i) * out_c + o;
      case FilterLayout::kOHWI: return (((o * kd + kz) * kh + ky) * kw + kx) * in_c_g + i;
      case FilterLayout::kDepthwiseMCHW:
        return (((o % multiplier) * groups + o / multiplier) * kh + ky) * kw + kx;
    }
    return 0;
  }
};

int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
int64_t CeilDiv(int64_t a, int64_t b) { return -FloorDiv(-a, b); }

bool DataIsNhwc(const char* op, const TensorSpec& x, const AttrReader& attrs) {
  if (!attrs.Has("data_format")) return x.format != Format::kNCHW;
  const std::string format = attrs.String("data_format");
  if (format == "NHWC") return true;
  if (format == "NCHW") return false;
  Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: data_format \"{}\" is not supported (NCHW or NHWC)", op, format);
}

// A `rank`-value attribute in data_format order (channels first or last): its spatial values
// ((h, w) or (d, h, w)), with n and c required to be `nc` and the spatial ones at least `min`.
std::vector<int64_t> SpatialOf(const char* op, const char* name, const std::vector<int64_t>& values, size_t rank,
                               bool channels_last, int64_t nc, int64_t min) {
  if (values.size() != rank) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: {} must have {} values in data_format order, has {}", op, name, rank,
         values.size());
  }
  const size_t c = channels_last ? rank - 1 : 1, first = channels_last ? 1 : 2;
  if (values[0] != nc || values[c] != nc) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: {} must be {} for the N and C dims, is {}", op, name, nc,
         ToString(values));
  }
  std::vector<int64_t> spatial(values.begin() + static_cast<std::ptrdiff_t>(first),
                               values.begin() + static_cast<std::ptrdiff_t>(first + rank - 2));
  for (int64_t v : spatial) {
    if (v < min || v > kMaxWindowValue) {
      Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: {} for the spatial dims must be in [{}, {}], is {}", op, name, min,
           kMaxWindowValue, ToString(values));
    }
  }
  return spatial;
}

std::pair<int64_t, int64_t> HeightWidth(const char* op, const char* name, const std::vector<int64_t>& values,
                                        bool nhwc, int64_t nc, int64_t min) {
  const auto hw = SpatialOf(op, name, values, 4, nhwc, nc, min);
  return {hw[0], hw[1]};
}

void ReadWindow(const char* op, const AttrReader& attrs, ConvGeometry& g) {
  std::tie(g.stride_h, g.stride_w) = HeightWidth(op, "strides", attrs.Ints("strides"), g.nhwc, 1, 1);
  std::tie(g.dil_h, g.dil_w) = HeightWidth(op, "dilations", attrs.Ints("dilations", {1, 1, 1, 1}), g.nhwc, 1, 1);
  const std::vector<int64_t> pads = attrs.Ints("pads");
  if (pads.size() != 4) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: pads must have 4 values [top, bottom, left, right], has {}", op,
         pads.size());
  }
  for (int64_t p : pads) {
    if (p < 0 || p > kMaxWindowValue) {
      Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: pads must be in [0, {}], are [{}, {}, {}, {}]", op, kMaxWindowValue,
           pads[0], pads[1], pads[2], pads[3]);
    }
  }
  g.pad_t = pads[0];
  g.pad_b = pads[1];
  g.pad_l = pads[2];
  g.pad_r = pads[3];
}

// Reads (n, c, h, w) of a 4-D tensor in the data layout.
void ImageDims(const ConvGeometry& g, const Shape& s, int64_t& n, int64_t& c, int64_t& h, int64_t& w) {
  n = s[0];
  c = g.nhwc ? s[3] : s[1];
  h = g.nhwc ? s[1] : s[2];
  w = g.nhwc ? s[2] : s[3];
}

// The filter's layout and dims; fills g.filter, out_c, in_c_g, kh, kw (and multiplier).
void ReadFilter(const char* op, ConvKind kind, const TensorSpec& filter, ConvGeometry& g) {
  RequireRank(op, "filter", filter, 4);
  const Shape& s = filter.shape;
  if (kind == ConvKind::kDepthwise) {
    const bool hwcn = filter.format == Format::kHWCN || (filter.format != Format::kNCHW && g.nhwc);
    g.filter = hwcn ? FilterLayout::kHWCN : FilterLayout::kDepthwiseMCHW;
    const int64_t channels = hwcn ? s[2] : s[1];
    g.multiplier = hwcn ? s[3] : s[0];
    g.kh = hwcn ? s[0] : s[2];
    g.kw = hwcn ? s[1] : s[3];
    if (channels != g.in_c) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: filter {} ({}) is for {} input channels, x has {}", op,
           ToString(s), hwcn ? "HWCN [kh, kw, C, M]" : "NCHW [M, C, kh, kw]", channels, g.in_c);
    }
    g.groups = g.in_c;
    g.in_c_g = 1;
    g.out_c = g.in_c * g.multiplier;
    g.out_c_g = g.multiplier;
    return;
  }
  switch (filter.format) {
    case Format::kNCHW: g.filter = FilterLayout::kOIHW; break;
    case Format::kHWCN: g.filter = FilterLayout::kHWCN; break;
    case Format::kNHWC: g.filter = FilterLayout::kOHWI; break;
    case Format::kND:
    case Format::kUndefined: g.filter = g.nhwc ? FilterLayout::kHWCN : FilterLayout::kOIHW; break;
    default:
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: filter format {} is not supported (NCHW, HWCN, NHWC or ND)", op,
           static_cast<int>(filter.format));
  }
  switch (g.filter) {
    case FilterLayout::kHWCN: g.kh = s[0], g.kw = s[1], g.in_c_g = s[2], g.out_c = s[3]; break;
    case FilterLayout::kOHWI: g.out_c = s[0], g.kh = s[1], g.kw = s[2], g.in_c_g = s[3]; break;
    default: g.out_c = s[0], g.in_c_g = s[1], g.kh = s[2], g.kw = s[3]; break;
  }
}

// Filter-derived channel checks for Conv2D and Conv2DTranspose (groups split both sides).
void CheckGroups(const char* op, const char* image_name, ConvGeometry& g) {
  if (g.groups < 1) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: groups must be at least 1, is {}", op, g.groups);
  if (g.in_c % g.groups != 0 || g.out_c % g.groups != 0) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: groups = {} must divide the input channels ({}) and the output "
         "channels ({})", op, g.groups, g.in_c, g.out_c);
  }
  if (g.in_c_g != g.in_c / g.groups) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: the filter has {} input channels per group, {} has {} channels in {} "
         "group(s)", op, g.in_c_g, image_name, g.in_c, g.groups);
  }
  g.out_c_g = g.out_c / g.groups;
}

// The response's extent along one dim, or -1 when the padded image is smaller than the window.
int64_t ResponseExtent(int64_t image, int64_t pad_before, int64_t pad_after, int64_t k, int64_t dilation,
                       int64_t stride, int64_t trim = 0) {
  const int64_t span = image + pad_before + pad_after - (dilation * (k - 1) + 1) - trim;
  return span < 0 ? -1 : span / stride + 1;
}

void CheckFilterSize(const char* op, const ConvGeometry& g) {
  if (g.kh < 1 || g.kw < 1) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: the filter's kh and kw must be at least 1, are {} and {}", op, g.kh,
         g.kw);
  }
}

void CheckBias(const char* op, const std::vector<TensorSpec>& in, size_t index, DType x, int64_t channels) {
  if (in.size() <= index) return;
  const TensorSpec& bias = in[index];
  switch (x) {
    case DType::kFloat16:
    case DType::kBFloat16: RequireDType(op, "bias", bias, {x, DType::kFloat32}); break;
    case DType::kInt8: RequireDType(op, "bias", bias, {DType::kInt32}); break;
    default: RequireDType(op, "bias", bias, {x}); break;
  }
  if (bias.shape != Shape{channels}) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: bias must have shape [{}] (the output channels), has {}", op, channels,
         ToString(bias.shape));
  }
  if (in.size() > index + 1) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: input offset_w (quantization offsets of the filter) is reserved and "
         "not supported; pass at most {} inputs", op, index + 1);
  }
}

// offset_x: the value of padded input elements of int8 convolutions; 0 for floating types.
int64_t PadValue(const char* op, const AttrReader& attrs, DType x, bool allowed) {
  const int64_t offset_x = attrs.Int("offset_x", 0);
  if (offset_x == 0) return 0;
  if (!allowed || x != DType::kInt8) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: offset_x = {} is only supported for int8 {}", op, offset_x,
         allowed ? "x" : "(and not by this operator)");
  }
  if (offset_x < -128 || offset_x > 127) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: offset_x = {} is outside int8's range [-128, 127]", op, offset_x);
  }
  return offset_x;
}

void CheckTypes(const char* op, const TensorSpec& x, const TensorSpec& filter) {
  RequireDType(op, "x", x, kConvTypes);
  if (filter.dtype != x.dtype) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: filter is {} but x is {}; they must share a data type", op,
         Name(filter.dtype), Name(x.dtype));
  }
}

// Conv2D and DepthwiseConv2D: x, filter[, bias[, offset_w]].
ConvGeometry PlanForward(const char* op, ConvKind kind, const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  const TensorSpec& x = in[0];
  const TensorSpec& filter = in[1];
  CheckTypes(op, x, filter);
  RequireRank(op, "x", x, 4);
  ConvGeometry g;
  g.nhwc = DataIsNhwc(op, x, attrs);
  ReadWindow(op, attrs, g);
  ImageDims(g, x.shape, g.batch, g.in_c, g.in_h, g.in_w);
  ReadFilter(op, kind, filter, g);
  if (kind == ConvKind::kConv2D) {
    g.groups = attrs.Int("groups", 1);
    CheckGroups(op, "x", g);
  }
  CheckFilterSize(op, g);
  g.out_h = ResponseExtent(g.in_h, g.pad_t, g.pad_b, g.kh, g.dil_h, g.stride_h);
  g.out_w = ResponseExtent(g.in_w, g.pad_l, g.pad_r, g.kw, g.dil_w, g.stride_w);
  if (g.out_h < 0 || g.out_w < 0) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: the padded input ({} x {}) is smaller than the dilated filter ({} x {})",
         op, g.in_h + g.pad_t + g.pad_b, g.in_w + g.pad_l + g.pad_r, g.dil_h * (g.kh - 1) + 1,
         g.dil_w * (g.kw - 1) + 1);
  }
  CheckBias(op, in, 2, x.dtype, g.out_c);
  PadValue(op, attrs, x.dtype, true);
  return g;
}

// Conv3D: x, filter[, bias[, offset_w]] on NCDHW or NDHWC data (CANN's default NDHWC).
ConvGeometry PlanConv3D(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  const char* op = "Conv3D";
  const TensorSpec& x = in[0];
  const TensorSpec& filter = in[1];
  CheckTypes(op, x, filter);
  RequireRank(op, "x", x, 5);
  RequireRank(op, "filter", filter, 5);
  ConvGeometry g;
  g.three_d = true;
  if (!attrs.Has("data_format")) {
    g.nhwc = x.format != Format::kNCDHW;
  } else {
    const std::string format = attrs.String("data_format");
    if (format != "NCDHW" && format != "NDHWC") {
      Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: data_format \"{}\" is not supported (NCDHW or NDHWC)", op, format);
    }
    g.nhwc = format == "NDHWC";
  }
  const auto strides = SpatialOf(op, "strides", attrs.Ints("strides"), 5, g.nhwc, 1, 1);
  const auto dilations = SpatialOf(op, "dilations", attrs.Ints("dilations", {1, 1, 1, 1, 1}), 5, g.nhwc, 1, 1);
  g.stride_d = strides[0], g.stride_h = strides[1], g.stride_w = strides[2];
  g.dil_d = dilations[0], g.dil_h = dilations[1], g.dil_w = dilations[2];
  const std::vector<int64_t> pads = attrs.Ints("pads");
  if (pads.size() != 6) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: pads must have 6 values [front, back, top, bottom, left, right], has {}",
         op, pads.size());
  }
  for (int64_t p : pads) {
    if (p < 0 || p > kMaxWindowValue) {
      Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: pads must be in [0, {}], are {}", op, kMaxWindowValue, ToString(pads));
    }
  }
  g.pad_f = pads[0], g.pad_bk = pads[1], g.pad_t = pads[2], g.pad_b = pads[3], g.pad_l = pads[4], g.pad_r = pads[5];
  const Shape& xs = x.shape;
  g.batch = xs[0];
  g.in_c = g.nhwc ? xs[4] : xs[1];
  g.in_d = g.nhwc ? xs[1] : xs[2];
  g.in_h = g.nhwc ? xs[2] : xs[3];
  g.in_w = g.nhwc ? xs[3] : xs[4];
  switch (filter.format) {
    case Format::kNCDHW: g.filter = FilterLayout::kOIHW; break;  // [out, in / groups, kd, kh, kw]
    case Format::kNDHWC: g.filter = FilterLayout::kOHWI; break;  // [out, kd, kh, kw, in / groups]
    case Format::kND:
    case Format::kUndefined: g.filter = g.nhwc ? FilterLayout::kHWCN : FilterLayout::kOIHW; break;
    default:
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: filter format {} is not supported (NCDHW, NDHWC or ND)", op,
           static_cast<int>(filter.format));
  }
  const Shape& s = filter.shape;
  switch (g.filter) {
    case FilterLayout::kHWCN: g.kd = s[0], g.kh = s[1], g.kw = s[2], g.in_c_g = s[3], g.out_c = s[4]; break;
    case FilterLayout::kOHWI: g.out_c = s[0], g.kd = s[1], g.kh = s[2], g.kw = s[3], g.in_c_g = s[4]; break;
    default: g.out_c = s[0], g.in_c_g = s[1], g.kd = s[2], g.kh = s[3], g.kw = s[4]; break;
  }
  g.groups = attrs.Int("groups", 1);
  CheckGroups(op, "x", g);
  if (g.kd < 1 || g.kh < 1 || g.kw < 1) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: the filter {} has an empty window", op, ToString(s));
  }
  g.out_d = ResponseExtent(g.in_d, g.pad_f, g.pad_bk, g.kd, g.dil_d, g.stride_d);
  g.out_h = ResponseExtent(g.in_h, g.pad_t, g.pad_b, g.kh, g.dil_h, g.stride_h);
  g.out_w = ResponseExtent(g.in_w, g.pad_l, g.pad_r, g.kw, g.dil_w, g.stride_w);
  if (g.out_d < 0 || g.out_h < 0 || g.out_w < 0) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH,
         "{}: the padded input ({} x {} x {}) is smaller than the dilated filter ({} x {} x {})", op,
         g.in_d + g.pad_f + g.pad_bk, g.in_h + g.pad_t + g.pad_b, g.in_w + g.pad_l + g.pad_r,
         g.dil_d * (g.kd - 1) + 1, g.dil_h * (g.kh - 1) + 1, g.dil_w * (g.kw - 1) + 1);
  }
  CheckBias(op, in, 2, x.dtype, g.out_c);
  PadValue(op, attrs, x.dtype, true);
  return g;
}

// Conv2D, DepthwiseConv2D or Conv3D.
ConvGeometry Plan(const char* op, ConvKind kind, const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  return kind == ConvKind::kConv3D ? PlanConv3D(in, attrs) : PlanForward(op, kind, in, attrs);
}

// Conv2DTranspose: input_size, x, filter[, bias[, offset_w]].
ConvGeometry PlanTranspose(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  const char* op = "Conv2DTranspose";
  const TensorSpec& x = in[1];
  const TensorSpec& filter = in[2];
  CheckTypes(op, x, filter);
  RequireRank(op, "x", x, 4);
  ConvGeometry g;
  g.nhwc = DataIsNhwc(op, x, attrs);
  ReadWindow(op, attrs, g);
  const std::vector<int64_t> size = ConstInts(op, "input_size", in[0]);
  if (size.size() != 4) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: input_size must have 4 values (y's shape in data_format order), has {}",
         op, size.size());
  }
  for (int64_t v : size) {
    if (v < 0) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: input_size {} has a negative dim", op, ToString(size));
  }
  ImageDims(g, size, g.batch, g.in_c, g.in_h, g.in_w);
  int64_t x_n = 0;
  ImageDims(g, x.shape, x_n, g.out_c, g.out_h, g.out_w);
  const int64_t x_c = g.out_c;
  ReadFilter(op, ConvKind::kTranspose, filter, g);
  if (g.out_c != x_c) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: the filter {} has {} output channels (the forward convolution's), x "
         "has {} channels", op, ToString(filter.shape), g.out_c, x_c);
  }
  g.groups = attrs.Int("groups", 1);
  CheckGroups(op, "y (input_size)", g);
  CheckFilterSize(op, g);
  const auto [op_h, op_w] =
      HeightWidth(op, "output_padding", attrs.Ints("output_padding", {0, 0, 0, 0}), g.nhwc, 0, 0);
  if (op_h >= std::max(g.stride_h, g.dil_h) || op_w >= std::max(g.stride_w, g.dil_w)) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: output_padding ({}, {}) must be smaller than the stride or the dilation",
         op, op_h, op_w);
  }
  const int64_t expect_h = ResponseExtent(g.in_h, g.pad_t, g.pad_b, g.kh, g.dil_h, g.stride_h, op_h);
  const int64_t expect_w = ResponseExtent(g.in_w, g.pad_l, g.pad_r, g.kw, g.dil_w, g.stride_w, op_w);
  if (x_n != g.batch || expect_h != g.out_h || expect_w != g.out_w) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x {} does not match input_size {}: a convolution of that size with "
         "these strides, pads, dilations and output_padding gives batch {} and H x W {} x {}", op,
         ToString(x.shape), ToString(size), g.batch, expect_h, expect_w);
  }
  CheckBias(op, in, 3, x.dtype, g.in_c);
  PadValue(op, attrs, x.dtype, false);
  return g;
}

// --- kernels --------------------------------------------------------------------------------

// The filter as C, [out_c][K] with K ordered (i, kz, ky, kx) (`channels_last` false) or
// (kz, ky, kx, i).
template <typename C, typename T>
std::vector<C> CanonicalFilter(const ConvGeometry& g, const T* w, bool channels_last) {
  const int64_t window = g.Window(), k = g.in_c_g * window;
  std::vector<C> out(static_cast<size_t>(g.out_c * k));
  for (int64_t o = 0; o < g.out_c; ++o) {
    for (int64_t i = 0; i < g.in_c_g; ++i) {
      for (int64_t kz = 0; kz < g.kd; ++kz) {
        for (int64_t ky = 0; ky < g.kh; ++ky) {
          for (int64_t kx = 0; kx < g.kw; ++kx) {
            const int64_t tap = (kz * g.kh + ky) * g.kw + kx;
            const int64_t at = channels_last ? tap * g.in_c_g + i : i * window + tap;
            out[static_cast<size_t>(o * k + at)] =
                static_cast<C>(static_cast<typename ComputeType<T>::type>(w[g.FilterIndex(o, i, kz, ky, kx)]));
          }
        }
      }
    }
  }
  return out;
}

// The response columns [lo, hi) whose input column (ox * stride - pad + kx * dilation) is
// inside the image, for one kx.
struct ValidRange {
  int64_t lo, hi;
};
ValidRange ValidColumns(int64_t out_w, int64_t in_w, int64_t stride, int64_t pad, int64_t offset) {
  // ix = ox * stride + (offset - pad) in [0, in_w)
  const int64_t shift = offset - pad;
  const int64_t lo = std::max<int64_t>(0, CeilDiv(-shift, stride));
  const int64_t hi = std::min<int64_t>(out_w, FloorDiv(in_w - 1 - shift, stride) + 1);
  return {lo, std::max(lo, hi)};
}

// NCHW / NCDHW im2col of response pixels [p0, p1) of image n, group gi:
// col[(i, kz, ky, kx)][p - p0], for the group's input channels i in [i0, i1) (-1: all).
template <typename C, typename T>
void Im2colNchw(const ConvGeometry& g, const T* x, int64_t n, int64_t gi, int64_t p0, int64_t p1, C pad, C* col,
                int64_t i0 = 0, int64_t i1 = -1) {
  const int64_t width = p1 - p0, plane_size = g.in_h * g.in_w, out_plane = g.out_h * g.out_w;
  // Small 2-D planes with stride 1 (the deep layers: rows of 7 to 28 pixels), all of them: copy
  // each channel once into a padded plane (a fraction of the window's copies), then every tap's
  // rows are plain copies with no edge tests.
  const int64_t span_h = (g.out_h - 1) * g.stride_h + (g.kh - 1) * g.dil_h + 1;  // padded rows read
  const int64_t span_w = (g.out_w - 1) * g.stride_w + (g.kw - 1) * g.dil_w + 1;
  if (g.kd == 1 && g.in_d == 1 && g.stride_h == 1 && g.stride_w == 1 && p0 == 0 && p1 == out_plane &&
      g.out_w <= 32 && span_h * span_w <= 4096) {
    C padded[4096];
    for (int64_t i = i0; i < (i1 < 0 ? g.in_c_g : i1); ++i) {
      const T* plane = x + (n * g.in_c + gi * g.in_c_g + i) * plane_size;
      for (int64_t r = 0; r < span_h; ++r) {
        const int64_t iy = r - g.pad_t;
        C* row = padded + r * span_w;
        for (int64_t c = 0; c < span_w; ++c) {
          const int64_t ix = c - g.pad_l;
          row[c] = iy >= 0 && iy < g.in_h && ix >= 0 && ix < g.in_w
                       ? static_cast<C>(static_cast<typename ComputeType<T>::type>(plane[iy * g.in_w + ix]))
                       : pad;
        }
      }
      for (int64_t ky = 0; ky < g.kh; ++ky) {
        for (int64_t kx = 0; kx < g.kw; ++kx) {
          C* d = col + ((i * g.kh + ky) * g.kw + kx) * width;
          for (int64_t oy = 0; oy < g.out_h; ++oy, d += g.out_w) {
            const C* src = padded + (oy * g.stride_h + ky * g.dil_h) * span_w + kx * g.dil_w;
            for (int64_t ox = 0; ox < g.out_w; ++ox) d[ox] = src[ox];
          }
        }
      }
    }
    return;
  }
  for (int64_t i = i0; i < (i1 < 0 ? g.in_c_g : i1); ++i) {
    const T* volume = x + (n * g.in_c + gi * g.in_c_g + i) * g.ImagePixels();
    for (int64_t kz = 0; kz < g.kd; ++kz) {
     for (int64_t ky = 0; ky < g.kh; ++ky) {
      for (int64_t kx = 0; kx < g.kw; ++kx) {
        C* dst = col + (((i * g.kd + kz) * g.kh + ky) * g.kw + kx) * width;
        const ValidRange valid = ValidColumns(g.out_w, g.in_w, g.stride_w, g.pad_l, kx * g.dil_w);
        // The response row of p0, then row after row: no divisions per row (deep layers have
        // rows of 7 or 14 pixels).
        int64_t oz = p0 / out_plane, oy = p0 % out_plane / g.out_w, ox0 = p0 % g.out_w;
        for (int64_t p = p0; p < p1;) {
          const int64_t ox1 = std::min(g.out_w, ox0 + (p1 - p));
          const int64_t iz = oz * g.stride_d - g.pad_f + kz * g.dil_d;
          const int64_t iy = oy * g.stride_h - g.pad_t + ky * g.dil_h;
          C* d = dst + (p - p0);  // d[ox - ox0]
          if (iz < 0 || iz >= g.in_d || iy < 0 || iy >= g.in_h) {
            std::fill(d, d + (ox1 - ox0), pad);
          } else {
            const T* plane = volume + iz * plane_size;
            const int64_t base = iy * g.in_w - g.pad_l + kx * g.dil_w;  // plane[base + ox * stride_w]
            const int64_t lo = std::clamp(valid.lo, ox0, ox1), hi = std::clamp(valid.hi, lo, ox1);
            std::fill(d, d + (lo - ox0), pad);
            if (g.stride_w == 1) {  // a contiguous run: let the compiler vectorise the copy
              const T* src = plane + base;
              for (int64_t ox = lo; ox < hi; ++ox) {
                d[ox - ox0] = static_cast<C>(static_cast<typename ComputeType<T>::type>(src[ox]));
              }
            } else if (g.stride_w == 2 && hi - lo >= 16) {  // a constant stride the compiler vectorises (stems)
              const T* src = plane + base;
              for (int64_t ox = lo; ox < hi; ++ox) {
                d[ox - ox0] = static_cast<C>(static_cast<typename ComputeType<T>::type>(src[2 * ox]));
              }
            } else {
              for (int64_t ox = lo; ox < hi; ++ox) {
                d[ox - ox0] = static_cast<C>(static_cast<typename ComputeType<T>::type>(plane[base + ox * g.stride_w]));
              }
            }
            std::fill(d + (hi - ox0), d + (ox1 - ox0), pad);
          }
          p += ox1 - ox0;
          ox0 = 0;
          if (++oy == g.out_h) {
            oy = 0;
            ++oz;
          }
        }
      }
     }
    }
  }
}

// NHWC / NDHWC im2col of response pixels [p0, p1) of image n, group gi:
// col[p - p0][(kz, ky, kx, i)].
template <typename C, typename T>
void Im2colNhwc(const ConvGeometry& g, const T* x, int64_t n, int64_t gi, int64_t p0, int64_t p1, C pad, C* col) {
  const int64_t k = g.Window() * g.in_c_g, out_plane = g.out_h * g.out_w;
  for (int64_t p = p0; p < p1; ++p) {
    const int64_t oz = p / out_plane, oy = p % out_plane / g.out_w, ox = p % g.out_w;
    C* dst = col + (p - p0) * k;
    for (int64_t kz = 0; kz < g.kd; ++kz) {
      const int64_t iz = oz * g.stride_d - g.pad_f + kz * g.dil_d;
      for (int64_t ky = 0; ky < g.kh; ++ky) {
        const int64_t iy = oy * g.stride_h - g.pad_t + ky * g.dil_h;
        for (int64_t kx = 0; kx < g.kw; ++kx) {
          const int64_t ix = ox * g.stride_w - g.pad_l + kx * g.dil_w;
          C* d = dst + ((kz * g.kh + ky) * g.kw + kx) * g.in_c_g;
          if (iz < 0 || iz >= g.in_d || iy < 0 || iy >= g.in_h || ix < 0 || ix >= g.in_w) {
            std::fill(d, d + g.in_c_g, pad);
          } else {
            const T* s = x + (((n * g.in_d + iz) * g.in_h + iy) * g.in_w + ix) * g.in_c + gi * g.in_c_g;
            for (int64_t i = 0; i < g.in_c_g; ++i) d[i] = static_cast<C>(static_cast<typename ComputeType<T>::type>(s[i]));
          }
        }
      }
    }
  }
}

// A per-thread column buffer of at least `size` elements, kept between calls: im2col runs for
// every convolution of every model execution, and a fresh vector would be allocated and zeroed
// each time. It holds at most ConvolveGemm's kMaxColumn elements per thread and element type.
template <typename C>
C* ColumnBuffer(int64_t size) {
  thread_local std::unique_ptr<C[]> buffer;
  thread_local int64_t capacity = 0;
  if (size > capacity) {
    buffer.reset(new C[static_cast<size_t>(size)]);
    capacity = size;
  }
  return buffer.get();
}

// Conv2D by im2col + GEMM into acc (the response in the data layout), over (n, group, tile).
// `bias` (null: none) is [out_c], added by the GEMM to each product's block while it is in cache.
template <typename C, typename T>
void ConvolveGemm(const Parallel& parallel, const ConvGeometry& g, const T* x, const C* w, const C* bias, C pad,
                  C* acc) {
  const int64_t pixels = g.ResponsePixels();
  const int64_t k = g.in_c_g * g.Window();
  // A 1x1(x1) window with stride 1 and no pads reads x itself as the column matrix.
  [[maybe_unused]] const bool pointwise =
      std::is_same_v<C, T> && g.Window() == 1 && g.stride_d == 1 && g.stride_h == 1 && g.stride_w == 1 &&
      g.pad_f == 0 && g.pad_bk == 0 && g.pad_t == 0 && g.pad_b == 0 && g.pad_l == 0 && g.pad_r == 0;
  // Tiles of response pixels: a column buffer of at most ~2M elements.
  constexpr int64_t kMaxColumn = int64_t{1} << 21;
  int64_t tile = std::max<int64_t>(1, pixels);
  if (k * tile > kMaxColumn) tile = std::max<int64_t>(16, kMaxColumn / std::max<int64_t>(k, 1));
  const int64_t units = g.batch * g.groups;
  const int64_t threads = parallel.threads();

  // The product of image n, group gi, response pixels [p0, p1), its columns in `col` (null: x
  // itself, pointwise) — to be filled by Im2col* before the GEMM runs.
  auto product = [&](int64_t n, int64_t gi, int64_t p0, int64_t p1, C* col) {
    const int64_t width = p1 - p0;
    GemmCall<C> call;
    if (!g.nhwc) {  // y[n, group's channels, p0:p1] = W_g [out_c_g x K] * col [K x width]
      call.m = g.out_c_g;
      call.n = width;
      call.k = k;
      call.a = w + gi * g.out_c_g * k;
      call.lda = k;
      if constexpr (std::is_same_v<C, T>) {
        if (col == nullptr) {
          call.b = x + (n * g.in_c + gi * g.in_c_g) * pixels + p0;
          call.ldb = pixels;
        }
      }
      if (col != nullptr) {
        call.b = col;
        call.ldb = width;
      }
      call.c = acc + (n * g.out_c + gi * g.out_c_g) * pixels + p0;
      call.ldc = pixels;
      if (bias != nullptr) call.row_bias = bias + gi * g.out_c_g;
    } else {  // y[n, p0:p1, group's channels] = col [width x K] * W_g^T
      call.trans_b = true;
      call.m = width;
      call.n = g.out_c_g;
      call.k = k;
      if constexpr (std::is_same_v<C, T>) {
        if (col == nullptr) {
          call.a = x + (n * pixels + p0) * g.in_c + gi * g.in_c_g;
          call.lda = g.in_c;
        }
      }
      if (col != nullptr) {
        call.a = col;
        call.lda = k;
      }
      call.b = w + gi * g.out_c_g * k;
      call.ldb = k;
      call.c = acc + (n * pixels + p0) * g.out_c + gi * g.out_c_g;
      call.ldc = g.out_c;
      if (bias != nullptr) call.col_bias = bias + gi * g.out_c_g;
    }
    return call;
  };

  if (units < threads) {
    // Fewer images x groups than threads (batch 1): each product over all threads — im2col split
    // over channels (NCHW) or pixels (NHWC), then the GEMM split along C's longer side. Splitting
    // pixels alone would make every thread stream the whole filter for a sliver of pixels, which
    // the deep layers of a network (7 x 7 pixels, millions of weights) cannot afford.
    for (int64_t u = 0; u < units; ++u) {
      const int64_t n = u / g.groups, gi = u % g.groups;
      for (int64_t p0 = 0; p0 < pixels; p0 += tile) {
        const int64_t p1 = std::min(pixels, p0 + tile), width = p1 - p0;
        if (!pointwise && !g.nhwc && width > g.out_c_g) {
          // More pixels than filters (the early layers; the filter is small): each thread takes a
          // slice of the pixels and fills its own columns for its own product, so no thread
          // reads columns another core wrote, and one parallel region does both steps.
          parallel.For(width, std::max<int64_t>(16, (1 << 16) / std::max<int64_t>(1, k)), [&](int64_t a, int64_t b) {
            C* own = ColumnBuffer<C>(k * (b - a));
            Im2colNchw(g, x, n, gi, p0 + a, p0 + b, pad, own);
            Gemm(product(n, gi, p0 + a, p0 + b, own));
          });
          continue;
        }
        C* col = nullptr;
        if (!pointwise) {
          col = ColumnBuffer<C>(k * width);
          if (!g.nhwc) {
            parallel.For(g.in_c_g, std::max<int64_t>(1, (1 << 14) / std::max<int64_t>(1, g.Window() * width)),
                         [&](int64_t i0, int64_t i1) { Im2colNchw(g, x, n, gi, p0, p1, pad, col, i0, i1); });
          } else {
            parallel.For(width, std::max<int64_t>(1, (1 << 14) / k), [&](int64_t a, int64_t b) {
              Im2colNhwc(g, x, n, gi, p0 + a, p0 + b, pad, col + a * k);
            });
          }
        }
        ParallelGemm(parallel, product(n, gi, p0, p1, col));
      }
    }
    return;
  }
  // Enough units for every thread: whole tiles per thread, each product single-threaded.
  const int64_t tiles = CeilDiv(pixels, tile);
  const double work = static_cast<double>(g.out_c_g) * static_cast<double>(std::max<int64_t>(k, 1)) *
                      static_cast<double>(tile);
  const int64_t grain = std::max<int64_t>(1, static_cast<int64_t>((1 << 18) / work));
  parallel.For(units * tiles, grain, [&](int64_t begin, int64_t end) {
    for (int64_t item = begin; item < end; ++item) {
      const int64_t n = item / (g.groups * tiles), gi = item / tiles % g.groups, t = item % tiles;
      const int64_t p0 = t * tile, p1 = std::min(pixels, p0 + tile), width = p1 - p0;
      C* col = nullptr;
      if (!pointwise) {
        col = ColumnBuffer<C>(k * width);
        if (!g.nhwc) {
          Im2colNchw(g, x, n, gi, p0, p1, pad, col);
        } else {
          Im2colNhwc(g, x, n, gi, p0, p1, pad, col);
        }
      }
      Gemm(product(n, gi, p0, p1, col));
    }
  });
}

// Depthwise convolution (one input channel per group), directly. `w` is [out_c][kh][kw]
// (NCHW) or [kh][kw][out_c] (NHWC); output channel o reads input channel o / out_c_g.
template <typename C, typename T>
void ConvolveDepthwise(const Parallel& parallel, const ConvGeometry& g, const T* x, const std::vector<C>& w, C pad,
                       C* acc) {
  using X = typename ComputeType<T>::type;
  const int64_t m = g.out_c_g;
  const int64_t window = g.kh * g.kw;
  if (!g.nhwc) {
    const int64_t pixels = g.out_h * g.out_w;
    std::vector<ValidRange> valid(static_cast<size_t>(g.kw));
    for (int64_t kx = 0; kx < g.kw; ++kx) {
      valid[static_cast<size_t>(kx)] = ValidColumns(g.out_w, g.in_w, g.stride_w, g.pad_l, kx * g.dil_w);
    }
    const int64_t grain = std::max<int64_t>(1, (1 << 16) / std::max<int64_t>(1, pixels * window));
    parallel.For(g.batch * g.out_c, grain, [&](int64_t begin, int64_t end) {
      for (int64_t plane = begin; plane < end; ++plane) {
        const int64_t n = plane / g.out_c, o = plane % g.out_c;
        const T* src = x + (n * g.in_c + o / m) * g.in_h * g.in_w;
        const C* wo = w.data() + o * window;
        C* dst = acc + plane * pixels;
        std::fill(dst, dst + pixels, C{0});
        for (int64_t oy = 0; oy < g.out_h; ++oy) {
          C* d = dst + oy * g.out_w;
          for (int64_t ky = 0; ky < g.kh; ++ky) {
            const int64_t iy = oy * g.stride_h - g.pad_t + ky * g.dil_h;
            const bool row_inside = iy >= 0 && iy < g.in_h;
            for (int64_t kx = 0; kx < g.kw; ++kx) {
              const C wv = wo[ky * g.kw + kx];
              const ValidRange r = row_inside ? valid[static_cast<size_t>(kx)] : ValidRange{0, 0};
              if (pad != C{0}) {
                for (int64_t ox = 0; ox < r.lo; ++ox) d[ox] = WrapMulAdd(d[ox], wv, pad);
                for (int64_t ox = r.hi; ox < g.out_w; ++ox) d[ox] = WrapMulAdd(d[ox], wv, pad);
              }
              if (r.lo >= r.hi) continue;
              const int64_t base = iy * g.in_w - g.pad_l + kx * g.dil_w;  // src[base + ox * stride_w]
              for (int64_t ox = r.lo; ox < r.hi; ++ox) {
                d[ox] = WrapMulAdd(d[ox], wv, static_cast<C>(static_cast<X>(src[base + ox * g.stride_w])));
              }
            }
          }
        }
      }
    });
    return;
  }
  const int64_t grain = std::max<int64_t>(1, (1 << 16) / std::max<int64_t>(1, g.out_w * g.out_c * window));
  parallel.For(g.batch * g.out_h, grain, [&](int64_t begin, int64_t end) {
    for (int64_t row = begin; row < end; ++row) {
      const int64_t n = row / g.out_h, oy = row % g.out_h;
      for (int64_t ox = 0; ox < g.out_w; ++ox) {
        C* d = acc + (row * g.out_w + ox) * g.out_c;
        std::fill(d, d + g.out_c, C{0});
        for (int64_t ky = 0; ky < g.kh; ++ky) {
          const int64_t iy = oy * g.stride_h - g.pad_t + ky * g.dil_h;
          for (int64_t kx = 0; kx < g.kw; ++kx) {
            const int64_t ix = ox * g.stride_w - g.pad_l + kx * g.dil_w;
            const C* wk = w.data() + (ky * g.kw + kx) * g.out_c;
            if (iy < 0 || iy >= g.in_h || ix < 0 || ix >= g.in_w) {
              if (pad != C{0}) {
                for (int64_t o = 0; o < g.out_c; ++o) d[o] = WrapMulAdd(d[o], wk[o], pad);
              }
              continue;
            }
            const T* s = x + ((n * g.in_h + iy) * g.in_w + ix) * g.in_c;
            if (m == 1) {
              for (int64_t c = 0; c < g.out_c; ++c) d[c] = WrapMulAdd(d[c], wk[c], static_cast<C>(static_cast<X>(s[c])));
            } else {
              for (int64_t c = 0; c < g.in_c; ++c) {
                const C xv = static_cast<C>(static_cast<X>(s[c]));
                for (int64_t j = 0; j < m; ++j) d[c * m + j] = WrapMulAdd(d[c * m + j], wk[c * m + j], xv);
              }
            }
          }
        }
      }
    }
  });
}

// The bias's `channels` values as C.
template <typename C>
std::vector<C> BiasAs(const TensorView& bias, int64_t channels) {
  std::vector<C> b(static_cast<size_t>(channels));
  DispatchAll(bias.dtype(), [&](auto tag) {
    using B = decltype(tag);
    if constexpr (!std::is_same_v<B, bool>) {
      for (int64_t c = 0; c < channels; ++c) {
        b[static_cast<size_t>(c)] = static_cast<C>(static_cast<typename ComputeType<B>::type>(bias.As<B>()[c]));
      }
    }
  });
  return b;
}

// y = acc + bias[channel], rounded once to O. `channels` is the tensor's channel count and
// `pixels` its H * W.
template <typename O, typename C>
void StoreConv(const Parallel& parallel, const ConvGeometry& g, const C* acc, const TensorView* bias,
               const TensorView& y, int64_t channels, int64_t pixels) {
  O* out = y.As<O>();
  const int64_t count = y.NumElements();
  if (!bias) {
    if constexpr (!std::is_same_v<O, C>) {
      parallel.For(count, kElementwiseGrain, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) out[i] = static_cast<O>(acc[i]);
      });
    }
    return;
  }
  const std::vector<C> b = BiasAs<C>(*bias, channels);
  // Contiguous runs sharing one channel (a plane, NCHW) or one bias vector (a pixel, NHWC): no
  // division per element.
  const int64_t run = g.nhwc ? channels : pixels;
  if (run == 0) return;
  const int64_t runs = count / run;
  parallel.For(runs, std::max<int64_t>(1, kElementwiseGrain / run), [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r) {
      const C* a = acc + r * run;
      O* o = out + r * run;
      if (g.nhwc) {
        for (int64_t c = 0; c < run; ++c) o[c] = static_cast<O>(WrapAdd(a[c], b[static_cast<size_t>(c)]));
      } else {
        const C bc = b[static_cast<size_t>(r % channels)];
        for (int64_t i = 0; i < run; ++i) o[i] = static_cast<O>(WrapAdd(a[i], bc));
      }
    }
  });
}

template <typename Fn>
void DispatchConvTypes(DType type, Fn&& fn) {
  switch (type) {
    case DType::kFloat16: return fn(half{});
    case DType::kBFloat16: return fn(bfloat16{});
    case DType::kFloat32: return fn(float{});
    case DType::kFloat64: return fn(double{});
    case DType::kInt8: return fn(int8_t{});
    default: break;
  }
  Fail(ACL_ERROR_UNSUPPORTED_DATA_TYPE, "data type {} is not supported by convolutions", Name(type));
}

// The output's elements in the GEMM type: y itself when it has that type.
template <typename C, typename O>
C* Accumulator(const TensorView& y, std::vector<C>& storage) {
  if constexpr (std::is_same_v<C, O>) {
    return y.As<C>();
  } else {
    storage.resize(static_cast<size_t>(y.NumElements()));
    return storage.data();
  }
}

KernelFn ForwardKernel(ConvKind kind) {
  return [kind](const KernelArgs& args) {
    std::vector<TensorSpec> specs;
    for (const TensorView& v : args.inputs) specs.push_back(v.spec);
    const ConvGeometry g = Plan(args.op, kind, specs, args.attrs);
    const TensorView& y = args.outputs[0];
    if (y.NumElements() == 0) return;
    const TensorView* bias = args.inputs.size() > 2 ? &args.inputs[2] : nullptr;
    const int64_t pad_value = PadValue(args.op, args.attrs, args.inputs[0].dtype(), true);
    DispatchConvTypes(args.inputs[0].dtype(), [&](auto tag) {
      using T = decltype(tag);
      using C = GemmType<T>;
      using O = ProductOutputType<T>;
      const T* x = args.inputs[0].As<T>();
      const T* filter = args.inputs[1].As<T>();
      std::vector<C> storage;
      C* acc = Accumulator<C, O>(y, storage);
      const bool depthwise = g.in_c_g == 1 && g.groups > 1 && !g.three_d;
      // Depthwise weights are [o][ky][kx] (NCHW) or [ky][kx][o] (NHWC): the canonical
      // [o][(i, ky, kx)] with in_c_g = 1, transposed for NHWC.
      // A filter already in the GEMM's layout and type is read in place (OIHW with NCHW data,
      // OHWI with NHWC data): no per-call copy of the weights.
      const bool in_place = std::is_same_v<C, T> && !depthwise &&
                            g.filter == (g.nhwc ? FilterLayout::kOHWI : FilterLayout::kOIHW);
      std::vector<C> w;
      if (!in_place) w = CanonicalFilter<C>(g, filter, g.nhwc && !depthwise);
      if (depthwise && g.nhwc) {
        std::vector<C> t(w.size());
        const int64_t window = g.kh * g.kw;
        for (int64_t o = 0; o < g.out_c; ++o) {
          for (int64_t r = 0; r < window; ++r) t[static_cast<size_t>(r * g.out_c + o)] = w[static_cast<size_t>(o * window + r)];
        }
        w.swap(t);
      }
      const C pad = static_cast<C>(pad_value);
      if (depthwise) {
        ConvolveDepthwise(args.parallel, g, x, w, pad, acc);
      } else {
        // The GEMM adds the bias; StoreConv only rounds to O when O is not C.
        std::vector<C> b;
        if (bias != nullptr) b = BiasAs<C>(*bias, g.out_c);
        ConvolveGemm(args.parallel, g, x, in_place ? reinterpret_cast<const C*>(filter) : w.data(),
                     bias != nullptr ? b.data() : nullptr, pad, acc);
        bias = nullptr;
      }
      StoreConv<O>(args.parallel, g, acc, bias, y, g.out_c, g.ResponsePixels());
    });
  };
}

InferFn ForwardInfer(const char* op, ConvKind kind) {
  return [op, kind](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
    const ConvGeometry g = Plan(op, kind, in, attrs);
    return std::vector<TensorSpec>{{ProductDType(in[0].dtype), g.ResponseShape(), g.DataFormat()}};
  };
}

// --- Conv2DTranspose --------------------------------------------------------------------------

// Conv2DTranspose of x into acc (the image, y), for image n and group gi: col = W_g^T x_g, then
// each image element gathers the col entries that the forward convolution would read it into.
template <typename C>
void TransposeUnit(const Parallel& parallel, const ConvGeometry& g, const C* x, const std::vector<C>& w, int64_t n,
                   int64_t gi, std::vector<C>& col, C* acc) {
  const int64_t pixels = g.out_h * g.out_w;
  const int64_t k = g.in_c_g * g.kh * g.kw;
  col.resize(static_cast<size_t>(k * pixels));
  GemmCall<C> call;
  if (!g.nhwc) {  // col [K x pixels] = W_g^T [K x out_c_g] * x_g [out_c_g x pixels]
    call.trans_a = true;
    call.m = k;
    call.n = pixels;
    call.k = g.out_c_g;
    call.a = w.data() + gi * g.out_c_g * k;
    call.lda = k;
    call.b = x + (n * g.out_c + gi * g.out_c_g) * pixels;
    call.ldb = pixels;
    call.ldc = pixels;
  } else {  // col [pixels x K] = x_g [pixels x out_c_g] * W_g [out_c_g x K]
    call.m = pixels;
    call.n = k;
    call.k = g.out_c_g;
    call.a = x + n * pixels * g.out_c + gi * g.out_c_g;
    call.lda = g.out_c;
    call.b = w.data() + gi * g.out_c_g * k;
    call.ldb = k;
    call.ldc = k;
  }
  call.c = col.data();
  ParallelGemm(parallel, call);
  // The response pixel (oy, ox) tap (ky, kx) reads image (oy * s - pad + ky * d, ...): invert it.
  auto source = [](int64_t image, int64_t pad, int64_t tap, int64_t dilation, int64_t stride, int64_t extent) {
    const int64_t t = image + pad - tap * dilation;
    if (t < 0 || t % stride != 0 || t / stride >= extent) return int64_t{-1};
    return t / stride;
  };
  const int64_t rows = g.nhwc ? g.in_h : g.in_c_g * g.in_h;
  const int64_t grain = std::max<int64_t>(1, 4096 / std::max<int64_t>(1, g.in_w * g.kh * g.kw));
  parallel.For(rows, grain, [&](int64_t begin, int64_t end) {
    std::vector<C> sum(static_cast<size_t>(g.in_c_g));
    for (int64_t row = begin; row < end; ++row) {
      const int64_t iy = row % g.in_h;
      if (!g.nhwc) {
        const int64_t i = row / g.in_h;
        C* dst = acc + ((n * g.in_c + gi * g.in_c_g + i) * g.in_h + iy) * g.in_w;
        for (int64_t ix = 0; ix < g.in_w; ++ix) {
          C total{0};
          for (int64_t ky = 0; ky < g.kh; ++ky) {
            const int64_t oy = source(iy, g.pad_t, ky, g.dil_h, g.stride_h, g.out_h);
            if (oy < 0) continue;
            for (int64_t kx = 0; kx < g.kw; ++kx) {
              const int64_t ox = source(ix, g.pad_l, kx, g.dil_w, g.stride_w, g.out_w);
              if (ox < 0) continue;
              total = WrapAdd(total, col[static_cast<size_t>(((i * g.kh + ky) * g.kw + kx) * pixels + oy * g.out_w + ox)]);
            }
          }
          dst[ix] = total;
        }
      } else {
        for (int64_t ix = 0; ix < g.in_w; ++ix) {
          std::fill(sum.begin(), sum.end(), C{0});
          for (int64_t ky = 0; ky < g.kh; ++ky) {
            const int64_t oy = source(iy, g.pad_t, ky, g.dil_h, g.stride_h, g.out_h);
            if (oy < 0) continue;
            for (int64_t kx = 0; kx < g.kw; ++kx) {
              const int64_t ox = source(ix, g.pad_l, kx, g.dil_w, g.stride_w, g.out_w);
              if (ox < 0) continue;
              const C* s = col.data() + (oy * g.out_w + ox) * k + (ky * g.kw + kx) * g.in_c_g;
              for (int64_t i = 0; i < g.in_c_g; ++i) sum[static_cast<size_t>(i)] = WrapAdd(sum[static_cast<size_t>(i)], s[i]);
            }
          }
          std::copy(sum.begin(), sum.end(), acc + ((n * g.in_h + iy) * g.in_w + ix) * g.in_c + gi * g.in_c_g);
        }
      }
    }
  });
}

void TransposeKernel(const KernelArgs& args) {
  std::vector<TensorSpec> specs;
  for (const TensorView& v : args.inputs) specs.push_back(v.spec);
  const ConvGeometry g = PlanTranspose(specs, args.attrs);
  const TensorView& y = args.outputs[0];
  if (y.NumElements() == 0) return;
  const TensorView* bias = args.inputs.size() > 3 ? &args.inputs[3] : nullptr;
  DispatchConvTypes(args.inputs[1].dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = GemmType<T>;
    using O = ProductOutputType<T>;
    std::vector<C> x_storage, storage;
    const C* x = AsGemmOperand<C>(args.parallel, args.inputs[1].As<T>(), args.inputs[1].NumElements(), x_storage);
    C* acc = Accumulator<C, O>(y, storage);
    const std::vector<C> w = CanonicalFilter<C>(g, args.inputs[2].As<T>(), g.nhwc);
    const int64_t units = g.batch * g.groups;
    if (units >= args.parallel.threads()) {  // whole units per thread
      args.parallel.For(units, 1, [&](int64_t begin, int64_t end) {
        std::vector<C> col;
        for (int64_t u = begin; u < end; ++u) {
          TransposeUnit(Parallel::Inline(), g, x, w, u / g.groups, u % g.groups, col, acc);
        }
      });
    } else {  // each unit over all threads
      std::vector<C> col;
      for (int64_t u = 0; u < units; ++u) TransposeUnit(args.parallel, g, x, w, u / g.groups, u % g.groups, col, acc);
    }
    StoreConv<O>(args.parallel, g, acc, bias, y, g.in_c, g.in_h * g.in_w);
  });
}

std::vector<TensorSpec> TransposeInfer(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  const ConvGeometry g = PlanTranspose(in, attrs);
  return {{ProductDType(in[1].dtype), g.ImageShape(), g.DataFormat()}};
}

std::vector<AttrDoc> WindowAttrs(bool groups, bool three_d = false) {
  std::vector<AttrDoc> attrs = {{"strides", "list_int", ""},
                                {"pads", "list_int", ""},
                                {"dilations", "list_int", three_d ? "[1, 1, 1, 1, 1]" : "[1, 1, 1, 1]"}};
  if (groups) attrs.push_back({"groups", "int", "1"});
  attrs.push_back({"data_format", "string", three_d ? "\"NDHWC\"" : "\"NHWC\""});
  attrs.push_back({"offset_x", "int", "0"});
  return attrs;
}

}  // namespace

void RegisterConvolution(Registry& registry) {
  const std::string types = Describe(kConvTypes) + " (int8 -> int32)";
  registry.Add(OpDef{"Conv2D", 2, 4, types, WindowAttrs(true), ForwardInfer("Conv2D", ConvKind::kConv2D),
                     ForwardKernel(ConvKind::kConv2D)});
  registry.Add(OpDef{"DepthwiseConv2D", 2, 4, types, WindowAttrs(false),
                     ForwardInfer("DepthwiseConv2D", ConvKind::kDepthwise), ForwardKernel(ConvKind::kDepthwise)});
  registry.Add(OpDef{"Conv3D", 2, 4, types, WindowAttrs(true, true), ForwardInfer("Conv3D", ConvKind::kConv3D),
                     ForwardKernel(ConvKind::kConv3D)});
  std::vector<AttrDoc> transpose_attrs = WindowAttrs(true);
  transpose_attrs.insert(transpose_attrs.end() - 1, {"output_padding", "list_int", "[0, 0, 0, 0]"});
  registry.Add(OpDef{"Conv2DTranspose", 3, 5, types, transpose_attrs, TransposeInfer, TransposeKernel});
}

}  // namespace aclsim::sim
