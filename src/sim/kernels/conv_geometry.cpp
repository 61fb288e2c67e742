#include "sim/kernels/conv_geometry.h"

#include <algorithm>
#include <string>

#include "common/error.h"
#include "sim/kernels/infer_helpers.h"

namespace aclsim::sim::conv {

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

namespace {

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

}  // namespace

ConvGeometry Plan(const char* op, ConvKind kind, const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  return kind == ConvKind::kConv3D ? PlanConv3D(in, attrs) : PlanForward(op, kind, in, attrs);
}

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

}  // namespace aclsim::sim::conv
