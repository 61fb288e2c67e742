// Windowed pooling over the spatial dims of an NCHW/NHWC or NCDHW/NDHWC tensor: MaxPool and
// AvgPool (TensorFlow's SAME/VALID padding), MaxPoolV3 and AvgPoolV2 (also explicit pads with
// floor or ceil output sizes, global pooling, and for the average whether padding counts),
// MaxPool3D (also dilated windows) and AvgPool3D; GlobalAveragePool and GlobalMaxPool (mean /
// maximum over every dim after N and C) and AdaptiveAvgPool2d.
//
// The windowed operators share one 3-D path: a 2-D pooling is a 3-D one with a depth of 1.
// Padded positions never win a max. Averages sum in ComputeType and round once.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <tuple>
#include <type_traits>

#include "common/error.h"
#include "sim/kernels/axes.h"
#include "sim/kernels/families.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

// One spatial dim of a pooling: input size, window, stride, dilation, padding and output size.
// The window of output position o covers input positions o * stride - pad_before + j * dilation
// for j in [0, window).
struct PoolDim {
  int64_t in = 1, window = 1, stride = 1, dilation = 1, pad_before = 0, pad_after = 0, out = 1;
  int64_t Extent() const { return (window - 1) * dilation + 1; }
};

struct PoolGeometry {
  bool channel_last = false;
  bool three_d = false;
  int64_t n = 0, c = 0;
  std::array<PoolDim, 3> dims;  // D, H, W; D is 1 for the 2-D operators
  bool global = false;
};

enum class Padding { kSame, kValid, kCalculated };

// Which family an operator belongs to: its attribute names, defaults and rank.
enum class PoolKind {
  kTf,     // MaxPool, AvgPool: ksize/strides (4), padding SAME/VALID, data_format NHWC
  kV2,     // MaxPoolV3, AvgPoolV2: padding_mode, pads (4), global_pooling, ceil_mode, NCHW
  kMax3D,  // MaxPool3D: padding_mode, pads (6), dilation, ceil_mode (int), NDHWC
  kAvg3D,  // AvgPool3D: pads (6), ceil_mode, count_include_pad, divisor_override, NDHWC
};

bool Is3D(PoolKind kind) { return kind == PoolKind::kMax3D || kind == PoolKind::kAvg3D; }

Padding ParsePadding(const char* op, const char* attr, const std::string& text) {
  if (text == "SAME") return Padding::kSame;
  if (text == "VALID") return Padding::kValid;
  if (text == "CALCULATED") return Padding::kCalculated;
  Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: {} = \"{}\" must be SAME, VALID or CALCULATED", op, attr, text);
}

bool ChannelLast(const char* op, const std::string& format, bool three_d) {
  if (format == (three_d ? "NCDHW" : "NCHW")) return false;
  if (format == (three_d ? "NDHWC" : "NHWC")) return true;
  Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: data_format = \"{}\" must be {}", op, format,
       three_d ? "NCDHW or NDHWC" : "NCHW or NHWC");
}

// The spatial entries (D, H, W; or H, W) of ksize/strides/dilation. 2-D operators take 4 entries
// in data_format order with N and C 1; 3-D ones 5 entries likewise, 3 (D, H, W) or 1 (all three).
std::vector<int64_t> SpatialValues(const char* op, const char* attr, const std::vector<int64_t>& values,
                                   bool channel_last, bool three_d) {
  const size_t rank = three_d ? 5 : 4, spatial = rank - 2;
  std::vector<int64_t> out;
  if (values.size() == rank) {
    const size_t ci = channel_last ? rank - 1 : 1;
    if (values[0] != 1 || values[ci] != 1) {
      Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: {} must be 1 in the N and C dims", op, attr);
    }
    const size_t first = channel_last ? 1 : 2;
    out.assign(values.begin() + static_cast<std::ptrdiff_t>(first),
               values.begin() + static_cast<std::ptrdiff_t>(first + spatial));
  } else if (three_d && values.size() == 3) {
    out = values;
  } else if (three_d && values.size() == 1) {
    out.assign(3, values[0]);
  } else {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: {} must have {}, has {}", op, attr,
         three_d ? "1, 3 or 5 entries" : "4 entries (in data_format order)", values.size());
  }
  for (int64_t v : out) {
    if (v < 1) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: {} must be positive in the spatial dims", op, attr);
  }
  return out;
}

// Fills d.out (and the pads for SAME); throws when a window does not fit a non-empty input.
void SizeDim(const char* op, const char* name, PoolDim& d, Padding padding, bool ceil_mode) {
  const int64_t extent = d.Extent();
  switch (padding) {
    case Padding::kSame: {
      d.out = (d.in + d.stride - 1) / d.stride;
      const int64_t total = std::max<int64_t>((d.out - 1) * d.stride + extent - d.in, 0);
      d.pad_before = d.in == 0 ? 0 : total / 2;
      d.pad_after = d.in == 0 ? 0 : total - total / 2;
      return;
    }
    case Padding::kValid:
      d.pad_before = d.pad_after = 0;
      break;
    case Padding::kCalculated:
      if (d.pad_before >= extent || d.pad_after >= extent) {
        Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: the {} pads ({}, {}) must be smaller than the window ({})", op, name,
             d.pad_before, d.pad_after, extent);
      }
      break;
  }
  const int64_t span = d.in + d.pad_before + d.pad_after - extent;
  if (d.in == 0 && span < 0) {
    d.out = 0;
    return;
  }
  if (span < 0) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: the window ({}) is larger than the padded input {} ({})", op, extent, name,
         d.in + d.pad_before + d.pad_after);
  }
  d.out = (ceil_mode && padding == Padding::kCalculated ? (span + d.stride - 1) / d.stride : span / d.stride) + 1;
  // With ceil_mode, a last window that starts in the trailing padding is dropped.
  if (ceil_mode && padding == Padding::kCalculated && (d.out - 1) * d.stride >= d.in + d.pad_before) --d.out;
}

// Explicit pads: 4 [top, bottom, left, right] for 2-D, 6 [front, back, top, bottom, left, right]
// for 3-D, into the spatial dims from `first`.
void ReadPads(const char* op, const std::vector<int64_t>& pads, PoolGeometry& g, size_t first) {
  const size_t count = 2 * (3 - first);
  if (pads.size() != count) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: pads must have {} entries {}, has {}", op, count,
         count == 4 ? "[top, bottom, left, right]" : "[front, back, top, bottom, left, right]", pads.size());
  }
  for (int64_t p : pads) {
    if (p < 0) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: pads must not be negative", op);
  }
  for (size_t i = first; i < 3; ++i) {
    g.dims[i].pad_before = pads[2 * (i - first)];
    g.dims[i].pad_after = pads[2 * (i - first) + 1];
  }
}

// The geometry of a windowed pooling of `kind`.
PoolGeometry Geometry(const char* op, const Shape& shape, const AttrReader& attrs, PoolKind kind) {
  PoolGeometry g;
  g.three_d = Is3D(kind);
  const size_t rank = g.three_d ? 5 : 4, first = g.three_d ? 0 : 1;
  if (shape.size() != rank) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must have {} dims ({}), has shape {}", op, rank,
         g.three_d ? "NCDHW or NDHWC" : "NCHW or NHWC", ToString(shape));
  }
  g.channel_last = ChannelLast(op, attrs.String("data_format", kind == PoolKind::kV2 ? "NCHW" : g.three_d ? "NDHWC" : "NHWC"),
                               g.three_d);
  g.n = shape[0];
  g.c = shape[g.channel_last ? rank - 1 : 1];
  const size_t spatial0 = g.channel_last ? 1 : 2;
  const auto ksize = SpatialValues(op, "ksize", attrs.Ints("ksize"), g.channel_last, g.three_d);
  const auto strides = SpatialValues(op, "strides", attrs.Ints("strides"), g.channel_last, g.three_d);
  std::vector<int64_t> dilation(rank - 2, 1);
  if (kind == PoolKind::kMax3D) {
    dilation = SpatialValues(op, "dilation", attrs.Ints("dilation", {1, 1, 1}), g.channel_last, true);
  }
  for (size_t i = first; i < 3; ++i) {
    PoolDim& d = g.dims[i];
    d.in = shape[spatial0 + i - first];
    d.window = ksize[i - first];
    d.stride = strides[i - first];
    d.dilation = dilation[i - first];
  }
  Padding padding = Padding::kCalculated;
  bool ceil_mode = false;
  switch (kind) {
    case PoolKind::kTf:
      padding = ParsePadding(op, "padding", attrs.String("padding"));
      if (padding == Padding::kCalculated) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: padding must be SAME or VALID", op);
      break;
    case PoolKind::kV2:
      padding = ParsePadding(op, "padding_mode", attrs.String("padding_mode", "CALCULATED"));
      ReadPads(op, attrs.Ints("pads", {0, 0, 0, 0}), g, first);
      ceil_mode = attrs.Bool("ceil_mode", false);
      g.global = attrs.Bool("global_pooling", false);
      break;
    case PoolKind::kMax3D:
      padding = ParsePadding(op, "padding_mode", attrs.String("padding_mode", "CALCULATED"));
      ReadPads(op, attrs.Ints("pads", {0, 0, 0, 0, 0, 0}), g, first);
      ceil_mode = attrs.Int("ceil_mode", 0) != 0;
      break;
    case PoolKind::kAvg3D:
      ReadPads(op, attrs.Ints("pads"), g, first);
      ceil_mode = attrs.Bool("ceil_mode", false);
      break;
  }
  if (g.global) {  // one window over the whole of every spatial dim
    for (size_t i = first; i < 3; ++i) g.dims[i] = PoolDim{g.dims[i].in, g.dims[i].in, 1, 1, 0, 0, 1};
    return g;
  }
  static const char* const kNames[] = {"D", "H", "W"};
  for (size_t i = first; i < 3; ++i) SizeDim(op, kNames[i], g.dims[i], padding, ceil_mode);
  return g;
}

Shape OutputShape(const PoolGeometry& g) {
  Shape out = {g.n};
  if (!g.channel_last) out.push_back(g.c);
  for (size_t i = g.three_d ? 0 : 1; i < 3; ++i) out.push_back(g.dims[i].out);
  if (g.channel_last) out.push_back(g.c);
  return out;
}

// Element strides of (n, c, d, h, w) in a tensor of `g`'s layout with spatial sizes d, h, w.
std::array<int64_t, 5> Strides(const PoolGeometry& g, int64_t d, int64_t h, int64_t w) {
  if (g.channel_last) return {d * h * w * g.c, 1, h * w * g.c, w * g.c, g.c};
  return {g.c * d * h * w, d * h * w, h * w, w, 1};
}

// The taps [j0, j1) of dim `d`'s window at output position o that fall inside the input, and the
// first input position (o * stride - pad_before).
struct Taps {
  int64_t start, j0, j1;
};
Taps TapsOf(const PoolDim& d, int64_t o) {
  const int64_t start = o * d.stride - d.pad_before;
  // start + j * dilation in [0, in)
  const int64_t j0 = start >= 0 ? 0 : (-start + d.dilation - 1) / d.dilation;
  const int64_t j1 = start >= d.in ? 0 : std::min(d.window, (d.in - 1 - start) / d.dilation + 1);
  return {start, j0, std::max(j0, j1)};
}

// Calls fn(od, oh, in_base, out_base, si, so) for every output row (n, c, od, oh), split over the
// threads; in_base is the offset of x[n, c, 0, 0, 0], out_base that of y[n, c, od, oh, 0].
template <typename Fn>
void ForEachRow(const KernelArgs& args, const PoolGeometry& g, int64_t work_per_row, Fn fn) {
  const PoolDim &dd = g.dims[0], &dh = g.dims[1], &dw = g.dims[2];
  const auto si = Strides(g, dd.in, dh.in, dw.in), so = Strides(g, dd.out, dh.out, dw.out);
  args.parallel.For(g.n * g.c * dd.out * dh.out, GrainFor(work_per_row), [&](int64_t begin, int64_t end) {
    for (int64_t row = begin; row < end; ++row) {
      const int64_t oh = row % dh.out, od = row / dh.out % dd.out, nc = row / (dh.out * dd.out);
      const int64_t c = nc % g.c, n = nc / g.c;
      fn(od, oh, n * si[0] + c * si[1], n * so[0] + c * so[1] + od * so[2] + oh * so[3], si, so);
    }
  });
}

int64_t WindowWork(const PoolGeometry& g) {
  return g.dims[2].out * g.dims[0].window * g.dims[1].window * g.dims[2].window;
}

template <typename C>
C MaxOf(C a, C b) {
  if constexpr (std::is_floating_point_v<C>) {
    if (std::isnan(a) || std::isnan(b)) return std::numeric_limits<C>::quiet_NaN();
  }
  return a < b ? b : a;
}

int64_t FloorDivide(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
int64_t CeilDivide(int64_t a, int64_t b) { return -FloorDivide(-a, b); }

// The maximum of an empty window: below every value.
template <typename C>
C NoValue() {
  return std::numeric_limits<C>::has_infinity ? -std::numeric_limits<C>::infinity() : std::numeric_limits<C>::lowest();
}

// MaxOf without branches the compiler cannot vectorise: a NaN in either operand wins, and once
// in the running maximum stays there.
template <typename C>
inline C MaxKeepingNaN(C acc, C v) {
  if constexpr (std::is_floating_point_v<C>) {
    return (acc < v || v != v) ? v : acc;
  } else {
    return acc < v ? v : acc;
  }
}

void MaxPoolKernel(const KernelArgs& args, const PoolGeometry& g) {
  const PoolDim &dd = g.dims[0], &dh = g.dims[1], &dw = g.dims[2];
  DispatchNumeric(args.inputs[0].dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = typename ComputeType<T>::type;
    const T* x = args.inputs[0].As<T>();
    T* y = args.outputs[0].As<T>();
    if (!g.channel_last) {
      // Rows are contiguous: first the maximum down the window's valid rows, element by element
      // (vectorised), then across each output's window of that one row (ResNet's 3x3/2 pool
      // reads each input row once instead of once per tap).
      ForEachRow(args, g, WindowWork(g), [&](int64_t od, int64_t oh, int64_t in_base, int64_t out_base,
                                             const auto& si, const auto&) {
        const Taps td = TapsOf(dd, od), th = TapsOf(dh, oh);
        thread_local std::unique_ptr<C[]> column_max;
        thread_local int64_t capacity = 0;
        if (capacity < dw.in + dw.out) {  // the rows' maximum, then the interior outputs
          column_max.reset(new C[static_cast<size_t>(dw.in + dw.out)]);
          capacity = dw.in + dw.out;
        }
        C* m = column_max.get();
        std::fill(m, m + dw.in, NoValue<C>());
        for (int64_t jd = td.j0; jd < td.j1; ++jd) {
          const int64_t zd = in_base + (td.start + jd * dd.dilation) * si[2];
          for (int64_t jh = th.j0; jh < th.j1; ++jh) {
            const T* row = x + zd + (th.start + jh * dh.dilation) * si[3];
            for (int64_t i = 0; i < dw.in; ++i) m[i] = MaxKeepingNaN(m[i], static_cast<C>(row[i]));
          }
        }
        // Outputs [lo, hi) have their whole window inside the row; the others clip it.
        const int64_t span = (dw.window - 1) * dw.dilation;
        const int64_t lo = std::min(dw.out, CeilDivide(dw.pad_before, dw.stride));
        const int64_t hi = std::max(lo, std::min(dw.out, FloorDivide(dw.in - 1 - span + dw.pad_before, dw.stride) + 1));
        auto clipped = [&](int64_t ow) {
          const Taps tw = TapsOf(dw, ow);
          C best = NoValue<C>();
          for (int64_t jw = tw.j0; jw < tw.j1; ++jw) best = MaxKeepingNaN(best, m[tw.start + jw * dw.dilation]);
          y[out_base + ow] = static_cast<T>(best);
        };
        for (int64_t ow = 0; ow < lo; ++ow) clipped(ow);
        // Tap by tap over all interior outputs: no data-dependent branches, vectorisable.
        C* o = m + dw.in;
        const C* first = m - dw.pad_before;
        for (int64_t ow = lo; ow < hi; ++ow) o[ow] = first[ow * dw.stride];
        for (int64_t jw = 1; jw < dw.window; ++jw) {
          const C* tap = first + jw * dw.dilation;
          for (int64_t ow = lo; ow < hi; ++ow) o[ow] = MaxKeepingNaN(o[ow], tap[ow * dw.stride]);
        }
        for (int64_t ow = lo; ow < hi; ++ow) y[out_base + ow] = static_cast<T>(o[ow]);
        for (int64_t ow = hi; ow < dw.out; ++ow) clipped(ow);
      });
      return;
    }
    ForEachRow(args, g, WindowWork(g), [&](int64_t od, int64_t oh, int64_t in_base, int64_t out_base,
                                           const auto& si, const auto& so) {
      const Taps td = TapsOf(dd, od), th = TapsOf(dh, oh);
      for (int64_t ow = 0; ow < dw.out; ++ow) {
        const Taps tw = TapsOf(dw, ow);
        C best = std::numeric_limits<C>::has_infinity ? -std::numeric_limits<C>::infinity()
                                                      : std::numeric_limits<C>::lowest();
        for (int64_t jd = td.j0; jd < td.j1; ++jd) {
          const int64_t zd = in_base + (td.start + jd * dd.dilation) * si[2];
          for (int64_t jh = th.j0; jh < th.j1; ++jh) {
            const int64_t zh = zd + (th.start + jh * dh.dilation) * si[3];
            for (int64_t jw = tw.j0; jw < tw.j1; ++jw) {
              best = MaxOf(best, static_cast<C>(x[zh + (tw.start + jw * dw.dilation) * si[4]]));
            }
          }
        }
        y[out_base + ow * so[4]] = static_cast<T>(best);
      }
    });
  });
}

// Average pooling (never dilated). Divisor: divisor_override when positive; else with
// `exclusive` the number of input elements in the window, without it the window's size clipped
// to the padded input.
void AvgPoolKernel(const KernelArgs& args, const PoolGeometry& g, bool exclusive, int64_t divisor_override) {
  const PoolDim &dd = g.dims[0], &dh = g.dims[1], &dw = g.dims[2];
  auto padded = [](const PoolDim& d, int64_t start) {
    return std::min(start + d.window, d.in + d.pad_after) - start;
  };
  DispatchFloating(args.inputs[0].dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = typename ComputeType<T>::type;
    const T* x = args.inputs[0].As<T>();
    T* y = args.outputs[0].As<T>();
    ForEachRow(args, g, WindowWork(g), [&](int64_t od, int64_t oh, int64_t in_base, int64_t out_base,
                                           const auto& si, const auto& so) {
      const Taps td = TapsOf(dd, od), th = TapsOf(dh, oh);
      const int64_t dh_padded = padded(dd, td.start) * padded(dh, th.start);
      for (int64_t ow = 0; ow < dw.out; ++ow) {
        const Taps tw = TapsOf(dw, ow);
        C sum = 0;
        for (int64_t jd = td.j0; jd < td.j1; ++jd) {
          const int64_t zd = in_base + (td.start + jd) * si[2];
          for (int64_t jh = th.j0; jh < th.j1; ++jh) {
            const int64_t zh = zd + (th.start + jh) * si[3];
            for (int64_t jw = tw.j0; jw < tw.j1; ++jw) sum += static_cast<C>(x[zh + (tw.start + jw) * si[4]]);
          }
        }
        int64_t divisor = divisor_override;
        if (divisor <= 0) {
          divisor = exclusive ? (td.j1 - td.j0) * (th.j1 - th.j0) * (tw.j1 - tw.j0)
                              : dh_padded * padded(dw, tw.start);
        }
        y[out_base + ow * so[4]] = static_cast<T>(sum / static_cast<C>(divisor));  // 0/0: NaN
      }
    });
  });
}

// Registers a windowed pooling operator of `kind`.
void AddPool(Registry& registry, const char* type, PoolKind kind, bool is_max, std::initializer_list<DType> types,
             std::vector<AttrDoc> attrs) {
  std::vector<DType> allowed(types);
  InferFn infer = [type, kind, is_max, allowed](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
    if (std::find(allowed.begin(), allowed.end(), in[0].dtype) == allowed.end()) {
      Fail(ACL_ERROR_UNSUPPORTED_DATA_TYPE, "{}: x has data type {}, which this operator does not support", type,
           Name(in[0].dtype));
    }
    const PoolGeometry g = Geometry(type, in[0].shape, attrs, kind);
    if (kind == PoolKind::kV2 && !is_max) attrs.Bool("exclusive", true);
    if (kind == PoolKind::kAvg3D) attrs.Bool("count_include_pad", true);
    if ((kind == PoolKind::kV2 || kind == PoolKind::kAvg3D) && !is_max && attrs.Int("divisor_override", 0) < 0) {
      Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: divisor_override must not be negative", type);
    }
    return std::vector<TensorSpec>{{in[0].dtype, OutputShape(g), in[0].format}};
  };
  KernelFn kernel = [kind, is_max](const KernelArgs& args) {
    const PoolGeometry g = Geometry(args.op, args.inputs[0].shape(), args.attrs, kind);
    if (is_max) {
      MaxPoolKernel(args, g);
    } else if (kind == PoolKind::kV2) {
      AvgPoolKernel(args, g, args.attrs.Bool("exclusive", true), args.attrs.Int("divisor_override", 0));
    } else if (kind == PoolKind::kAvg3D) {
      AvgPoolKernel(args, g, !args.attrs.Bool("count_include_pad", true), args.attrs.Int("divisor_override", 0));
    } else {
      AvgPoolKernel(args, g, true, 0);  // TensorFlow's AvgPool averages over the real elements only
    }
  };
  registry.Add(OpDef{type, 1, 1, Describe(types), std::move(attrs), infer, kernel});
}

// ---------------------------------------------------------------------------------------------
// GlobalAveragePool and GlobalMaxPool: (N, C, D1, ..., Dn) -> (N, C, 1, ..., 1), the mean or the
// maximum (NaN wins) over D1..Dn.

std::vector<TensorSpec> GlobalPoolInfer(const char* op, const std::vector<TensorSpec>& in, bool needs_elements) {
  RequireDType(op, "x", in[0], kFloatTypes);
  const Shape& s = in[0].shape;
  if (s.size() < 3) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must be (N, C, D1, ...) with at least 3 dims, has shape {}", op,
         ToString(s));
  }
  if (needs_elements && s[0] * s[1] > 0 && NumElements(s) == 0) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x {} has an empty spatial dim, so no maximum", op, ToString(s));
  }
  Shape out = s;
  for (size_t d = 2; d < out.size(); ++d) out[d] = 1;
  return {{in[0].dtype, out, in[0].format}};
}

// y[n, c] = reduce(values, count) over the spatial elements of x[n, c], gathered in order.
template <typename Reduce>
void GlobalPoolKernel(const KernelArgs& args, Reduce reduce) {
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
      std::vector<C> values(static_cast<size_t>(inner));
      for (int64_t o = begin; o < end; ++o) {
        const int64_t base = split.Base(o);
        split.ForInner(0, inner, [&](int64_t r, int64_t off) { values[static_cast<size_t>(r)] = static_cast<C>(px[base + off]); });
        py[o] = static_cast<T>(reduce(values.data(), inner));
      }
    });
  });
}

std::vector<TensorSpec> GlobalAveragePoolInfer(const std::vector<TensorSpec>& in, const AttrReader&) {
  return GlobalPoolInfer("GlobalAveragePool", in, false);
}

std::vector<TensorSpec> GlobalMaxPoolInfer(const std::vector<TensorSpec>& in, const AttrReader&) {
  return GlobalPoolInfer("GlobalMaxPool", in, true);
}

void GlobalAveragePoolKernel(const KernelArgs& args) {
  GlobalPoolKernel(args, [](const auto* values, int64_t count) {
    using C = std::remove_cv_t<std::remove_pointer_t<decltype(values)>>;
    return PairwiseSum(values, count) / static_cast<C>(count);
  });
}

void GlobalMaxPoolKernel(const KernelArgs& args) {
  GlobalPoolKernel(args, [](const auto* values, int64_t count) {
    using C = std::remove_cv_t<std::remove_pointer_t<decltype(values)>>;
    C best = -std::numeric_limits<C>::infinity();
    for (int64_t i = 0; i < count && !std::isnan(best); ++i) {
      if (std::isnan(values[i]) || values[i] > best) best = values[i];
    }
    return best;
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

  // MaxPool3D and AvgPool3D as CANN's operator prototypes name their attributes (nn_pooling_ops.h).
  const std::vector<AttrDoc> max3d_attrs = {{"ksize", "list_int", ""},
                                            {"strides", "list_int", ""},
                                            {"padding_mode", "string", "\"CALCULATED\""},
                                            {"pads", "list_int", "[0, 0, 0, 0, 0, 0]"},
                                            {"dilation", "list_int", "[1, 1, 1]"},
                                            {"ceil_mode", "int", "0"},
                                            {"data_format", "string", "\"NDHWC\""}};
  const std::vector<AttrDoc> avg3d_attrs = {{"ksize", "list_int", ""},
                                            {"strides", "list_int", ""},
                                            {"pads", "list_int", ""},
                                            {"ceil_mode", "bool", "false"},
                                            {"count_include_pad", "bool", "true"},
                                            {"divisor_override", "int", "0"},
                                            {"data_format", "string", "\"NDHWC\""}};

  AddPool(registry, "MaxPool", PoolKind::kTf, true, kNumericTypes, tf_attrs);
  AddPool(registry, "MaxPoolV3", PoolKind::kV2, true, kNumericTypes, v2_attrs);
  AddPool(registry, "MaxPool3D", PoolKind::kMax3D, true, kNumericTypes, max3d_attrs);
  AddPool(registry, "AvgPool", PoolKind::kTf, false, kFloatTypes, tf_attrs);
  AddPool(registry, "AvgPoolV2", PoolKind::kV2, false, kFloatTypes, avg_v2_attrs);
  AddPool(registry, "AvgPool3D", PoolKind::kAvg3D, false, kFloatTypes, avg3d_attrs);
  registry.Add(OpDef{"GlobalAveragePool", 1, 1, Describe(kFloatTypes), {}, GlobalAveragePoolInfer,
                     GlobalAveragePoolKernel});
  registry.Add(OpDef{"GlobalMaxPool", 1, 1, Describe(kFloatTypes), {}, GlobalMaxPoolInfer, GlobalMaxPoolKernel});
  registry.Add(OpDef{"AdaptiveAvgPool2d", 1, 1, Describe(kFloatTypes), {{"output_size", "list_int", ""}},
                     AdaptiveAvgPool2dInfer, AdaptiveAvgPool2dKernel});
}

}  // namespace aclsim::sim
