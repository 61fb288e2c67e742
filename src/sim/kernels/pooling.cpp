// 2-D pooling over the H and W dims of an NCHW or NHWC tensor: MaxPool and AvgPool (TensorFlow's
// SAME/VALID padding), MaxPoolV3 and AvgPoolV2 (also explicit pads with floor or ceil output
// sizes, global pooling, and for the average whether padding counts), GlobalAveragePool and
// GlobalMaxPool (mean / maximum over every dim after N and C) and AdaptiveAvgPool2d.
//
// Padded positions never win a max. Averages sum in ComputeType and round once.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <tuple>

#include "common/error.h"
#include "sim/kernels/axes.h"
#include "sim/kernels/families.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

// One spatial dim of a pooling: input size, window, stride, padding and output size. The
// window of output position o covers input positions [o * stride - pad_before, ... + window).
struct PoolDim {
  int64_t in = 0, window = 1, stride = 1, pad_before = 0, pad_after = 0, out = 0;
};

struct PoolGeometry {
  bool channel_last = false;
  int64_t n = 0, c = 0;
  PoolDim h, w;
  bool global = false;
};

enum class Padding { kSame, kValid, kCalculated };

Padding ParsePadding(const char* op, const char* attr, const std::string& text) {
  if (text == "SAME") return Padding::kSame;
  if (text == "VALID") return Padding::kValid;
  if (text == "CALCULATED") return Padding::kCalculated;
  Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: {} = \"{}\" must be SAME, VALID or CALCULATED", op, attr, text);
}

bool ChannelLast(const char* op, const std::string& format) {
  if (format == "NCHW") return false;
  if (format == "NHWC") return true;
  Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: data_format = \"{}\" must be NCHW or NHWC", op, format);
}

// The H and W entries of a 4-entry ksize/strides in data_format order; the N and C ones must be 1.
std::pair<int64_t, int64_t> SpatialPair(const char* op, const char* attr, const std::vector<int64_t>& values,
                                        bool channel_last) {
  if (values.size() != 4) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: {} must have 4 entries (in data_format order), has {}", op, attr,
         values.size());
  }
  const size_t hi = channel_last ? 1 : 2, wi = channel_last ? 2 : 3, ci = channel_last ? 3 : 1;
  if (values[0] != 1 || values[ci] != 1) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: {} must be 1 in the N and C dims", op, attr);
  }
  if (values[hi] < 1 || values[wi] < 1) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: {} must be positive in the H and W dims, is [{}, {}]", op, attr, values[hi],
         values[wi]);
  }
  return {values[hi], values[wi]};
}

// Fills d.out (and the pads for SAME); throws when a window does not fit a non-empty input.
void SizeDim(const char* op, const char* name, PoolDim& d, Padding padding, bool ceil_mode) {
  switch (padding) {
    case Padding::kSame: {
      d.out = (d.in + d.stride - 1) / d.stride;
      const int64_t total = std::max<int64_t>((d.out - 1) * d.stride + d.window - d.in, 0);
      d.pad_before = d.in == 0 ? 0 : total / 2;
      d.pad_after = d.in == 0 ? 0 : total - total / 2;
      return;
    }
    case Padding::kValid:
      d.pad_before = d.pad_after = 0;
      break;
    case Padding::kCalculated:
      if (d.pad_before >= d.window || d.pad_after >= d.window) {
        Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: the {} pads ({}, {}) must be smaller than the window ({})", op, name,
             d.pad_before, d.pad_after, d.window);
      }
      break;
  }
  const int64_t span = d.in + d.pad_before + d.pad_after - d.window;
  if (d.in == 0 && span < 0) {
    d.out = 0;
    return;
  }
  if (span < 0) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: the window ({}) is larger than the padded input {} ({})", op, d.window, name,
         d.in + d.pad_before + d.pad_after);
  }
  d.out = (ceil_mode && padding == Padding::kCalculated ? (span + d.stride - 1) / d.stride : span / d.stride) + 1;
  // With ceil_mode, a last window that starts in the bottom/right padding is dropped.
  if (ceil_mode && padding == Padding::kCalculated && (d.out - 1) * d.stride >= d.in + d.pad_before) --d.out;
}

// The geometry of MaxPool/AvgPool (TF padding) or, with `v2`, MaxPoolV3/AvgPoolV2.
PoolGeometry Geometry(const char* op, const Shape& shape, const AttrReader& attrs, bool v2) {
  if (shape.size() != 4) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must have 4 dims (NCHW or NHWC), has shape {}", op, ToString(shape));
  }
  PoolGeometry g;
  g.channel_last = ChannelLast(op, attrs.String("data_format", v2 ? "NCHW" : "NHWC"));
  g.n = shape[0];
  g.c = shape[g.channel_last ? 3 : 1];
  g.h.in = shape[g.channel_last ? 1 : 2];
  g.w.in = shape[g.channel_last ? 2 : 3];
  std::tie(g.h.window, g.w.window) = SpatialPair(op, "ksize", attrs.Ints("ksize"), g.channel_last);
  std::tie(g.h.stride, g.w.stride) = SpatialPair(op, "strides", attrs.Ints("strides"), g.channel_last);
  Padding padding;
  bool ceil_mode = false;
  if (v2) {
    padding = ParsePadding(op, "padding_mode", attrs.String("padding_mode", "CALCULATED"));
    const auto pads = attrs.Ints("pads", {0, 0, 0, 0});
    if (pads.size() != 4) {
      Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: pads must have 4 entries [top, bottom, left, right], has {}", op,
           pads.size());
    }
    for (int64_t p : pads) {
      if (p < 0) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: pads must not be negative", op);
    }
    g.h.pad_before = pads[0];
    g.h.pad_after = pads[1];
    g.w.pad_before = pads[2];
    g.w.pad_after = pads[3];
    ceil_mode = attrs.Bool("ceil_mode", false);
    g.global = attrs.Bool("global_pooling", false);
  } else {
    padding = ParsePadding(op, "padding", attrs.String("padding"));
    if (padding == Padding::kCalculated) {
      Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: padding must be SAME or VALID", op);
    }
  }
  if (g.global) {  // one window over the whole of H and W
    for (PoolDim* d : {&g.h, &g.w}) *d = PoolDim{d->in, d->in, 1, 0, 0, 1};
    return g;
  }
  SizeDim(op, "H", g.h, padding, ceil_mode);
  SizeDim(op, "W", g.w, padding, ceil_mode);
  return g;
}

Shape OutputShape(const PoolGeometry& g) {
  return g.channel_last ? Shape{g.n, g.h.out, g.w.out, g.c} : Shape{g.n, g.c, g.h.out, g.w.out};
}

// Element strides of (n, c, h, w) in a tensor of `g`'s layout with spatial sizes h, w.
std::array<int64_t, 4> Strides(const PoolGeometry& g, int64_t h, int64_t w) {
  if (g.channel_last) return {h * w * g.c, 1, w * g.c, g.c};
  return {g.c * h * w, h * w, w, 1};
}

// Calls fn(oh, in_base, out_base, in_strides, out_strides) for every output row (n, c, oh),
// split over the threads; in_base is the offset of x[n, c, 0, 0], out_base that of y[n, c, oh, 0].
template <typename Fn>
void ForEachRow(const KernelArgs& args, const PoolGeometry& g, int64_t work_per_row, Fn fn) {
  const auto si = Strides(g, g.h.in, g.w.in), so = Strides(g, g.h.out, g.w.out);
  args.parallel.For(g.n * g.c * g.h.out, GrainFor(work_per_row), [&](int64_t begin, int64_t end) {
    for (int64_t row = begin; row < end; ++row) {
      const int64_t oh = row % g.h.out, nc = row / g.h.out, c = nc % g.c, n = nc / g.c;
      fn(oh, n * si[0] + c * si[1], n * so[0] + c * so[1] + oh * so[2], si, so);
    }
  });
}

template <typename C>
C MaxOf(C a, C b) {
  if constexpr (std::is_floating_point_v<C>) {
    if (std::isnan(a) || std::isnan(b)) return std::numeric_limits<C>::quiet_NaN();
  }
  return a < b ? b : a;
}

void MaxPoolKernel(const KernelArgs& args, const PoolGeometry& g) {
  DispatchNumeric(args.inputs[0].dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = typename ComputeType<T>::type;
    const T* x = args.inputs[0].As<T>();
    T* y = args.outputs[0].As<T>();
    ForEachRow(args, g, g.w.out * g.h.window * g.w.window, [&](int64_t oh, int64_t in_base, int64_t out_base,
                                                               const auto& si, const auto& so) {
      const int64_t hs = oh * g.h.stride - g.h.pad_before;
      const int64_t h0 = std::max<int64_t>(hs, 0), h1 = std::min(hs + g.h.window, g.h.in);
      for (int64_t ow = 0; ow < g.w.out; ++ow) {
        const int64_t ws = ow * g.w.stride - g.w.pad_before;
        const int64_t w0 = std::max<int64_t>(ws, 0), w1 = std::min(ws + g.w.window, g.w.in);
        C best = std::numeric_limits<C>::has_infinity ? -std::numeric_limits<C>::infinity()
                                                      : std::numeric_limits<C>::lowest();
        for (int64_t h = h0; h < h1; ++h) {
          for (int64_t w = w0; w < w1; ++w) best = MaxOf(best, static_cast<C>(x[in_base + h * si[2] + w * si[3]]));
        }
        y[out_base + ow * so[3]] = static_cast<T>(best);
      }
    });
  });
}

// Average pooling. Divisor: divisor_override when positive; else with `exclusive` the number of
// input elements in the window, without it the window's size clipped to the padded input.
void AvgPoolKernel(const KernelArgs& args, const PoolGeometry& g, bool exclusive, int64_t divisor_override) {
  DispatchFloating(args.inputs[0].dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = typename ComputeType<T>::type;
    const T* x = args.inputs[0].As<T>();
    T* y = args.outputs[0].As<T>();
    ForEachRow(args, g, g.w.out * g.h.window * g.w.window, [&](int64_t oh, int64_t in_base, int64_t out_base,
                                                               const auto& si, const auto& so) {
      const int64_t hs = oh * g.h.stride - g.h.pad_before;
      const int64_t h0 = std::max<int64_t>(hs, 0), h1 = std::min(hs + g.h.window, g.h.in);
      const int64_t h_padded = std::min(hs + g.h.window, g.h.in + g.h.pad_after) - hs;
      for (int64_t ow = 0; ow < g.w.out; ++ow) {
        const int64_t ws = ow * g.w.stride - g.w.pad_before;
        const int64_t w0 = std::max<int64_t>(ws, 0), w1 = std::min(ws + g.w.window, g.w.in);
        const int64_t w_padded = std::min(ws + g.w.window, g.w.in + g.w.pad_after) - ws;
        C sum = 0;
        for (int64_t h = h0; h < h1; ++h) {
          for (int64_t w = w0; w < w1; ++w) sum += static_cast<C>(x[in_base + h * si[2] + w * si[3]]);
        }
        int64_t divisor = divisor_override;
        if (divisor <= 0) {
          divisor = exclusive ? std::max<int64_t>(h1 - h0, 0) * std::max<int64_t>(w1 - w0, 0) : h_padded * w_padded;
        }
        y[out_base + ow * so[3]] = static_cast<T>(sum / static_cast<C>(divisor));  // 0/0: NaN
      }
    });
  });
}

// Registers a pooling operator whose geometry Geometry() gives.
void AddPool(Registry& registry, const char* type, bool v2, bool is_max, std::initializer_list<DType> types,
             std::vector<AttrDoc> attrs) {
  std::vector<DType> allowed(types);
  InferFn infer = [type, v2, is_max, allowed](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
    if (std::find(allowed.begin(), allowed.end(), in[0].dtype) == allowed.end()) {
      Fail(ACL_ERROR_UNSUPPORTED_DATA_TYPE, "{}: x has data type {}, which this operator does not support", type,
           Name(in[0].dtype));
    }
    const PoolGeometry g = Geometry(type, in[0].shape, attrs, v2);
    if (!is_max && v2) {
      attrs.Bool("exclusive", true);
      if (attrs.Int("divisor_override", 0) < 0) {
        Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: divisor_override must not be negative", type);
      }
    }
    return std::vector<TensorSpec>{{in[0].dtype, OutputShape(g), in[0].format}};
  };
  KernelFn kernel = [v2, is_max](const KernelArgs& args) {
    const PoolGeometry g = Geometry(args.op, args.inputs[0].shape(), args.attrs, v2);
    if (is_max) {
      MaxPoolKernel(args, g);
    } else if (v2) {
      AvgPoolKernel(args, g, args.attrs.Bool("exclusive", true), args.attrs.Int("divisor_override", 0));
    } else {
      AvgPoolKernel(args, g, true, 0);  // TensorFlow's AvgPool averages over the real elements only
    }
  };
  registry.Add(OpDef{type, 1, 1, Describe(types), std::move(attrs), infer, kernel});
}

// ---------------------------------------------------------------------------------------------
// GlobalAveragePool: (N, C, D1, ..., Dn) -> (N, C, 1, ..., 1), the mean over D1..Dn.

std::vector<TensorSpec> GlobalAveragePoolInfer(const std::vector<TensorSpec>& in, const AttrReader&) {
  RequireDType("GlobalAveragePool", "x", in[0], kFloatTypes);
  if (in[0].shape.size() < 3) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "GlobalAveragePool: x must be (N, C, D1, ...) with at least 3 dims, has shape {}",
         ToString(in[0].shape));
  }
  Shape out = in[0].shape;
  for (size_t d = 2; d < out.size(); ++d) out[d] = 1;
  return {{in[0].dtype, out, in[0].format}};
}

// GlobalMaxPool: (N, C, D1, ..., Dn) -> (N, C, 1, ..., 1), the maximum over D1..Dn (NaN wins).
std::vector<TensorSpec> GlobalMaxPoolInfer(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  const char* op = "GlobalMaxPool";
  RequireDType(op, "x", in[0], kFloatTypes);
  if (in[0].shape.size() < 3) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must be (N, C, D1, ...) with at least 3 dims, has shape {}", op,
         ToString(in[0].shape));
  }
  const Shape& s = in[0].shape;
  if (s[0] * s[1] > 0 && NumElements(s) == 0) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x {} has an empty spatial dim, so no maximum", op, ToString(s));
  }
  Shape out = s;
  for (size_t d = 2; d < out.size(); ++d) out[d] = 1;
  (void)attrs;
  return {{in[0].dtype, out, in[0].format}};
}

void GlobalMaxPoolKernel(const KernelArgs& args) {
  const TensorView& x = args.inputs[0];
  std::vector<bool> mask(static_cast<size_t>(x.rank()), true);
  mask[0] = mask[1] = false;
  const AxisSplit split(x.shape(), mask);
  DispatchFloating(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = typename ComputeType<T>::type;
    const T* px = x.As<T>();
    T* py = args.outputs[0].As<T>();
    const int64_t inner = split.inner();
    args.parallel.For(split.outer(), GrainFor(inner), [&](int64_t begin, int64_t end) {
      for (int64_t o = begin; o < end; ++o) {
        const int64_t base = split.Base(o);
        C best = -std::numeric_limits<C>::infinity();
        split.ForInner(0, inner, [&](int64_t, int64_t off) {
          const C v = static_cast<C>(px[base + off]);
          if (!std::isnan(best) && (std::isnan(v) || v > best)) best = v;
        });
        py[o] = static_cast<T>(best);
      }
    });
  });
}

void GlobalAveragePoolKernel(const KernelArgs& args) {
  const TensorView& x = args.inputs[0];
  std::vector<bool> mask(static_cast<size_t>(x.rank()), true);
  mask[0] = mask[1] = false;
  const AxisSplit split(x.shape(), mask);
  DispatchFloating(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = typename ComputeType<T>::type;
    const T* px = x.As<T>();
    T* py = args.outputs[0].As<T>();
    const int64_t inner = split.inner();
    args.parallel.For(split.outer(), GrainFor(inner), [&](int64_t begin, int64_t end) {
      std::vector<C> buffer(static_cast<size_t>(inner));
      for (int64_t o = begin; o < end; ++o) {
        const int64_t base = split.Base(o);
        split.ForInner(0, inner, [&](int64_t r, int64_t off) { buffer[static_cast<size_t>(r)] = static_cast<C>(px[base + off]); });
        py[o] = static_cast<T>(PairwiseSum(buffer.data(), inner) / static_cast<C>(inner));
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// AdaptiveAvgPool2d: (N, C, H, W) or (C, H, W) -> output_size (OH, OW); output position o of a
// dim of size `in` averages [floor(o * in / out), ceil((o + 1) * in / out)).

std::pair<int64_t, int64_t> AdaptiveSize(const char* op, const Shape& shape, const AttrReader& attrs) {
  if (shape.size() != 3 && shape.size() != 4) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must be (N, C, H, W) or (C, H, W), has shape {}", op, ToString(shape));
  }
  const auto size = attrs.Ints("output_size");
  if (size.size() != 2 || size[0] < 1 || size[1] < 1) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: output_size must be 2 positive ints (H, W)", op);
  }
  if (shape[shape.size() - 2] == 0 || shape[shape.size() - 1] == 0) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x {} has an empty H or W, so no window has elements", op, ToString(shape));
  }
  return {size[0], size[1]};
}

std::vector<TensorSpec> AdaptiveAvgPool2dInfer(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  RequireDType("AdaptiveAvgPool2d", "x", in[0], kFloatTypes);
  const auto [oh, ow] = AdaptiveSize("AdaptiveAvgPool2d", in[0].shape, attrs);
  Shape out = in[0].shape;
  out[out.size() - 2] = oh;
  out[out.size() - 1] = ow;
  return {{in[0].dtype, out, in[0].format}};
}

void AdaptiveAvgPool2dKernel(const KernelArgs& args) {
  const TensorView& x = args.inputs[0];
  // Plain variables, not a structured binding: the lambda below captures them (C++17).
  const std::pair<int64_t, int64_t> out_size = AdaptiveSize(args.op, x.shape(), args.attrs);
  const int64_t oh_size = out_size.first, ow_size = out_size.second;
  const int64_t rank = x.rank(), h_in = x.dim(rank - 2), w_in = x.dim(rank - 1);
  const int64_t planes = x.NumElements() / (h_in * w_in);
  DispatchFloating(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = typename ComputeType<T>::type;
    const T* px = x.As<T>();
    T* py = args.outputs[0].As<T>();
    const int64_t work = ow_size * ((h_in + oh_size - 1) / oh_size + 1) * ((w_in + ow_size - 1) / ow_size + 1);
    args.parallel.For(planes * oh_size, GrainFor(work), [&](int64_t begin, int64_t end) {
      for (int64_t row = begin; row < end; ++row) {
        const int64_t plane = row / oh_size, oh = row % oh_size;
        const int64_t h0 = oh * h_in / oh_size, h1 = ((oh + 1) * h_in + oh_size - 1) / oh_size;
        const T* in = px + plane * h_in * w_in;
        for (int64_t ow = 0; ow < ow_size; ++ow) {
          const int64_t w0 = ow * w_in / ow_size, w1 = ((ow + 1) * w_in + ow_size - 1) / ow_size;
          C sum = 0;
          for (int64_t h = h0; h < h1; ++h) {
            for (int64_t w = w0; w < w1; ++w) sum += static_cast<C>(in[h * w_in + w]);
          }
          py[row * ow_size + ow] = static_cast<T>(sum / static_cast<C>((h1 - h0) * (w1 - w0)));
        }
      }
    });
  });
}

}  // namespace

void RegisterPooling(Registry& registry) {
  const std::vector<AttrDoc> tf_attrs = {{"ksize", "list_int", ""},
                                         {"strides", "list_int", ""},
                                         {"padding", "string", ""},
                                         {"data_format", "string", "\"NHWC\""}};
  const std::vector<AttrDoc> v2_attrs = {{"ksize", "list_int", ""},
                                         {"strides", "list_int", ""},
                                         {"padding_mode", "string", "\"CALCULATED\""},
                                         {"pads", "list_int", "[0, 0, 0, 0]"},
                                         {"data_format", "string", "\"NCHW\""},
                                         {"global_pooling", "bool", "false"},
                                         {"ceil_mode", "bool", "false"}};
  std::vector<AttrDoc> avg_v2_attrs = v2_attrs;
  avg_v2_attrs.push_back({"exclusive", "bool", "true"});
  avg_v2_attrs.push_back({"divisor_override", "int", "0"});

  AddPool(registry, "MaxPool", false, true, kNumericTypes, tf_attrs);
  AddPool(registry, "MaxPoolV3", true, true, kNumericTypes, v2_attrs);
  AddPool(registry, "AvgPool", false, false, kFloatTypes, tf_attrs);
  AddPool(registry, "AvgPoolV2", true, false, kFloatTypes, avg_v2_attrs);
  registry.Add(OpDef{"GlobalAveragePool", 1, 1, Describe(kFloatTypes), {}, GlobalAveragePoolInfer,
                     GlobalAveragePoolKernel});
  registry.Add(OpDef{"GlobalMaxPool", 1, 1, Describe(kFloatTypes), {}, GlobalMaxPoolInfer, GlobalMaxPoolKernel});
  registry.Add(OpDef{"AdaptiveAvgPool2d", 1, 1, Describe(kFloatTypes), {{"output_size", "list_int", ""}},
                     AdaptiveAvgPool2dInfer, AdaptiveAvgPool2dKernel});
}

}  // namespace aclsim::sim
