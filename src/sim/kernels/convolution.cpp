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
// Reading and checking all this is conv_geometry.h's; this file holds the kernels.
// Computation: im2col + GEMM (gemm.h) split over (batch, group, output tile); a direct kernel for
// depthwise convolutions (one input channel per group); GEMM + col2im for Conv2DTranspose.
// float16/bfloat16 accumulate in float32 and are rounded once; int8 x int8 accumulates in int32
// (wrapping), with offset_x as the value of padded input elements.
#include <algorithm>
#include <memory>
#include <string>

#include "common/error.h"
#include "sim/kernels/conv_geometry.h"
#include "sim/kernels/elementwise.h"
#include "sim/kernels/families.h"
#include "sim/kernels/gemm.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

using conv::CeilDiv;
using conv::ConvGeometry;
using conv::ConvKind;
using conv::FilterLayout;
using conv::FloorDiv;
using conv::PadValue;
using conv::Plan;
using conv::PlanTranspose;
using conv::ProductDType;
using conv::kConvTypes;

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
