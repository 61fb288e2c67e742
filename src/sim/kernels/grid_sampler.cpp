// GridSampler2D: samples x (N, C, H, W) at the normalized locations of grid (N, Ho, Wo, 2), whose
// last dim is (x, y) in [-1, 1], giving (N, C, Ho, Wo). interpolation_mode bilinear, nearest
// (half to even) or bicubic (A = -0.75); padding_mode zeros, border or reflection; align_corners
// maps -1 and 1 to the centres of the corner pixels (true) or to their outer edges (false).
// A location outside the padded range is first clamped (border) or reflected (reflection), then
// every tap outside the image is read as 0, the nearest edge pixel or its reflection, as ONNX's
// GridSample defines it. Taps and weights are computed in ComputeType and each output rounds once.
#include <algorithm>
#include <cmath>

#include "common/error.h"
#include "sim/kernels/axes.h"
#include "sim/kernels/families.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

constexpr const char* kOp = "GridSampler2D";

enum class Interp { kBilinear, kNearest, kBicubic };
enum class Pad { kZeros, kBorder, kReflection };

struct Sampling {
  Interp interp;
  Pad pad;
  bool align_corners;
};

Sampling ReadSampling(const AttrReader& attrs) {
  Sampling s{};
  const std::string mode = attrs.String("interpolation_mode", "bilinear");
  if (mode == "bilinear") s.interp = Interp::kBilinear;
  else if (mode == "nearest") s.interp = Interp::kNearest;
  else if (mode == "bicubic") s.interp = Interp::kBicubic;
  else Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: interpolation_mode \"{}\" is not bilinear, nearest or bicubic", kOp, mode);
  const std::string pad = attrs.String("padding_mode", "zeros");
  if (pad == "zeros") s.pad = Pad::kZeros;
  else if (pad == "border") s.pad = Pad::kBorder;
  else if (pad == "reflection") s.pad = Pad::kReflection;
  else Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: padding_mode \"{}\" is not zeros, border or reflection", kOp, pad);
  s.align_corners = attrs.Bool("align_corners", false);
  return s;
}

std::vector<TensorSpec> GridSamplerInfer(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  RequireDType(kOp, "x", in[0], kFloatTypes);
  if (in[1].dtype != in[0].dtype) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: grid is {} but x is {}; they must share a data type", kOp,
         Name(in[1].dtype), Name(in[0].dtype));
  }
  RequireRank(kOp, "x", in[0], 4);
  RequireRank(kOp, "grid", in[1], 4);
  const Shape &x = in[0].shape, &g = in[1].shape;
  if (g[0] != x[0] || g[3] != 2) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: grid must be (N, Ho, Wo, 2) with x's N ({}), has shape {}", kOp, x[0],
         ToString(g));
  }
  if ((x[2] == 0 || x[3] == 0) && NumElements(g) > 0 && x[1] > 0) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x {} has an empty H or W, so there is nothing to sample", kOp,
         ToString(x));
  }
  ReadSampling(attrs);
  return {{in[0].dtype, Shape{x[0], x[1], g[1], g[2]}, in[0].format}};
}

// Reflects v into [lo, hi] (back and forth, as a mirror at each end).
template <typename C>
C Reflect(C v, C lo, C hi) {
  const C range = hi - lo;
  if (range <= C{0}) return lo;
  if (v < lo) {
    const C dist = lo - v;
    const int64_t flips = static_cast<int64_t>(dist / range);
    const C rest = dist - static_cast<C>(flips) * range;
    return flips % 2 == 0 ? lo + rest : hi - rest;
  }
  if (v > hi) {
    const C dist = v - hi;
    const int64_t flips = static_cast<int64_t>(dist / range);
    const C rest = dist - static_cast<C>(flips) * range;
    return flips % 2 == 0 ? hi - rest : lo + rest;
  }
  return v;
}

// One dim of the sampling: the pixel coordinate of a normalized one, and a tap's pixel index
// (or -1 for a zero).
template <typename C>
struct Axis {
  int64_t size;
  const Sampling& s;
  C lo() const { return s.align_corners ? C{0} : C{-0.5}; }
  C hi() const { return s.align_corners ? static_cast<C>(size - 1) : static_cast<C>(size) - C{0.5}; }
  C Coordinate(C g) const {
    C v = s.align_corners ? (g + 1) / 2 * static_cast<C>(size - 1) : ((g + 1) * static_cast<C>(size) - 1) / 2;
    if (s.interp == Interp::kNearest) v = std::nearbyint(v);
    if (v < lo() || v > hi()) {
      if (s.pad == Pad::kBorder) v = std::clamp(v, C{0}, static_cast<C>(size - 1));
      if (s.pad == Pad::kReflection) v = Reflect(v, lo(), hi());
    }
    return v;
  }
  int64_t Tap(int64_t i) const {
    if (i >= 0 && i < size) return i;
    switch (s.pad) {
      case Pad::kZeros: return -1;
      case Pad::kBorder: return std::clamp<int64_t>(i, 0, size - 1);
      case Pad::kReflection:
        return std::clamp<int64_t>(static_cast<int64_t>(Reflect(static_cast<C>(i), lo(), hi())), 0, size - 1);
    }
    return -1;
  }
};

// Up to 4 taps per dim: pixel indices (-1: zero) and weights.
template <typename C>
struct Taps {
  int count = 0;
  int64_t index[4];
  C weight[4];
};

template <typename C>
Taps<C> TapsFor(const Axis<C>& axis, C v) {
  Taps<C> t;
  if (axis.s.interp == Interp::kNearest) {
    t.count = 1;
    t.index[0] = axis.Tap(static_cast<int64_t>(v));
    t.weight[0] = 1;
    return t;
  }
  const C fl = std::floor(v);
  const C f = v - fl;
  const int64_t i0 = static_cast<int64_t>(fl);
  if (axis.s.interp == Interp::kBilinear) {
    t.count = 2;
    t.index[0] = axis.Tap(i0);
    t.index[1] = axis.Tap(i0 + 1);
    t.weight[0] = 1 - f;
    t.weight[1] = f;
    return t;
  }
  const C a = C{-0.75};  // cubic convolution coefficient
  const C x0 = f + 1, x1 = f, x2 = 1 - f;
  t.count = 4;
  t.weight[0] = ((a * x0 - 5 * a) * x0 + 8 * a) * x0 - 4 * a;
  t.weight[1] = ((a + 2) * x1 - (a + 3)) * x1 * x1 + 1;
  t.weight[2] = ((a + 2) * x2 - (a + 3)) * x2 * x2 + 1;
  t.weight[3] = 1 - t.weight[0] - t.weight[1] - t.weight[2];
  for (int k = 0; k < 4; ++k) t.index[k] = axis.Tap(i0 - 1 + k);
  return t;
}

void GridSamplerKernel(const KernelArgs& args) {
  const Sampling s = ReadSampling(args.attrs);
  const TensorView& x = args.inputs[0];
  const TensorView& grid = args.inputs[1];
  const int64_t n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
  const int64_t ho = grid.dim(1), wo = grid.dim(2);
  if (args.outputs[0].NumElements() == 0) return;
  DispatchFloating(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = typename ComputeType<T>::type;
    const T* px = x.As<T>();
    const T* pg = grid.As<T>();
    T* py = args.outputs[0].As<T>();
    const Axis<C> ax{w, s}, ay{h, s};
    args.parallel.For(n * ho, GrainFor(wo * c * 16), [&](int64_t begin, int64_t end) {
      for (int64_t row = begin; row < end; ++row) {
        const int64_t b = row / ho, oy = row % ho;
        for (int64_t ox = 0; ox < wo; ++ox) {
          const T* g = pg + (row * wo + ox) * 2;
          const Taps<C> tx = TapsFor(ax, ax.Coordinate(static_cast<C>(g[0])));
          const Taps<C> ty = TapsFor(ay, ay.Coordinate(static_cast<C>(g[1])));
          for (int64_t ch = 0; ch < c; ++ch) {
            const T* plane = px + (b * c + ch) * h * w;
            C sum = 0;
            for (int j = 0; j < ty.count; ++j) {
              if (ty.index[j] < 0) continue;
              C line = 0;
              for (int i = 0; i < tx.count; ++i) {
                if (tx.index[i] >= 0) line += tx.weight[i] * static_cast<C>(plane[ty.index[j] * w + tx.index[i]]);
              }
              sum += ty.weight[j] * line;
            }
            py[((b * c + ch) * ho + oy) * wo + ox] = static_cast<T>(sum);
          }
        }
      }
    });
  });
}

}  // namespace

void RegisterGridSampler(Registry& registry) {
  registry.Add(OpDef{kOp, 2, 2, Describe(kFloatTypes),
                     {{"interpolation_mode", "string", "\"bilinear\""},
                      {"padding_mode", "string", "\"zeros\""},
                      {"align_corners", "bool", "false"}},
                     GridSamplerInfer, GridSamplerKernel});
}

}  // namespace aclsim::sim
