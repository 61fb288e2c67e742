#include "dvpp/resize.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "dvpp/pixel_io.h"

namespace aclsim::dvpp {
namespace {

// Bilinear in fixed point with 11-bit weights, rows first: two source rows blend into one row of
// int16 with 7 fractional bits (at most 255 << 7), whose neighbours then blend in int32 and round
// once. Integer arithmetic: the SIMD and the plain loops give the same bytes. Rows first because
// the row blend is a SIMD pass over contiguous bytes, leaving the per-pixel gather only for the
// output's pixels.
constexpr int kWeightBits = 11, kFractionBits = 7;
constexpr int32_t kOne = 1 << kWeightBits;
constexpr int kRowShift = kWeightBits - kFractionBits, kPixelShift = kWeightBits + kFractionBits;

// For each output coordinate: the two source indices and the weight of the second (0..kOne).
struct Tap {
  uint32_t i0, i1;
  int32_t w1;
};

std::vector<Tap> Taps(uint32_t in, uint32_t out, Interpolation mode) {
  std::vector<Tap> taps(out);
  const double scale = static_cast<double>(in) / out;
  const bool half_pixel = mode == Interpolation::kBilinear || mode == Interpolation::kNearest;
  const bool nearest = mode == Interpolation::kNearest || mode == Interpolation::kNearestTf;
  for (uint32_t o = 0; o < out; ++o) {
    if (nearest) {
      const auto i = std::min<uint32_t>(static_cast<uint32_t>(std::floor(o * scale)), in - 1);
      taps[o] = Tap{i, i, 0};
      continue;
    }
    double s = half_pixel ? (o + 0.5) * scale - 0.5 : o * scale;
    s = std::clamp(s, 0.0, static_cast<double>(in - 1));
    const auto i0 = static_cast<uint32_t>(s);
    taps[o] = Tap{i0, std::min(i0 + 1, in - 1), static_cast<int32_t>(std::lround((s - i0) * kOne))};
  }
  return taps;
}

// r[i] = a[i] * (1 - w) + b[i] * w, kept to kFractionBits.
void BlendRows(const uint8_t* a, const uint8_t* b, int32_t w1, int16_t* r, size_t n) {
  const int32_t w0 = kOne - w1;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i weights = _mm_set1_epi32(static_cast<int32_t>((static_cast<uint32_t>(w1) << 16) | w0));
  const __m128i round = _mm_set1_epi32(1 << (kRowShift - 1));
  const __m128i zero = _mm_setzero_si128();
  auto blend4 = [&](__m128i pairs) {
    return _mm_srai_epi32(_mm_add_epi32(_mm_madd_epi16(pairs, weights), round), kRowShift);
  };
  for (; i + 16 <= n; i += 16) {
    const __m128i va = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + i));
    const __m128i vb = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i));
    const __m128i a0 = _mm_unpacklo_epi8(va, zero), a1 = _mm_unpackhi_epi8(va, zero);
    const __m128i b0 = _mm_unpacklo_epi8(vb, zero), b1 = _mm_unpackhi_epi8(vb, zero);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(r + i),
                     _mm_packs_epi32(blend4(_mm_unpacklo_epi16(a0, b0)), blend4(_mm_unpackhi_epi16(a0, b0))));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(r + i + 8),
                     _mm_packs_epi32(blend4(_mm_unpacklo_epi16(a1, b1)), blend4(_mm_unpackhi_epi16(a1, b1))));
  }
#endif
  for (; i < n; ++i) r[i] = static_cast<int16_t>((a[i] * w0 + b[i] * w1 + (1 << (kRowShift - 1))) >> kRowShift);
}

// The column taps as the pixel pass reads them: output pixel x blends blended-row columns
// index[x] and index[x] + 1 (counted from `first`); its weights, packed as the int16 pair
// (1 - w, w), are repeated for each of its C channels. A tap whose two columns coincide gets the
// next column at weight 0 (the same value), so every tap reads a neighbouring pair.
struct ColumnTaps {
  uint32_t first = 0, columns = 0;
  std::vector<uint32_t> index;
  std::vector<int32_t> weights;
};

ColumnTaps PairTaps(const std::vector<Tap>& xs, int channels) {
  ColumnTaps taps;
  taps.first = xs.front().i0;
  taps.columns = xs.back().i1 - taps.first + 1;
  for (const Tap& t : xs) {
    const int32_t w1 = t.i1 == t.i0 ? 0 : t.w1;
    taps.index.push_back(t.i0 - taps.first);
    for (int c = 0; c < channels; ++c) {
      taps.weights.push_back(static_cast<int32_t>((static_cast<uint32_t>(w1) << 16) | static_cast<uint32_t>(kOne - w1)));
    }
  }
  return taps;
}

// One output row from a blended row `r` (C interleaved channels, one zero column of padding).
template <int C, bool kSwap>
void BlendPixels(const int16_t* r, const ColumnTaps& taps, uint8_t* d) {
  const size_t n = taps.index.size() * C;  // output bytes
  const uint32_t* index = taps.index.data();
  const int32_t* weights = taps.weights.data();
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i round = _mm_set1_epi32(1 << (kPixelShift - 1));
  auto pair32 = [&](uint32_t column) {  // (r[column], r[column + 1]) of a one-channel row
    int32_t v;
    std::memcpy(&v, r + column, sizeof v);
    return v;
  };
  auto pairs2 = [&](uint32_t a, uint32_t b) {  // (u0, u1, v0, v1) of two taps of a two-channel row
    const __m128i both = _mm_unpacklo_epi64(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(r + size_t{a} * 2)),
                                            _mm_loadl_epi64(reinterpret_cast<const __m128i*>(r + size_t{b} * 2)));
    constexpr int kOrder = kSwap ? _MM_SHUFFLE(2, 0, 3, 1) : _MM_SHUFFLE(3, 1, 2, 0);
    return _mm_shufflehi_epi16(_mm_shufflelo_epi16(both, kOrder), kOrder);
  };
  for (; i + 8 <= n; i += 8) {
    const size_t x = i / C;
    __m128i p0, p1;
    if constexpr (C == 1) {
      p0 = _mm_setr_epi32(pair32(index[x]), pair32(index[x + 1]), pair32(index[x + 2]), pair32(index[x + 3]));
      p1 = _mm_setr_epi32(pair32(index[x + 4]), pair32(index[x + 5]), pair32(index[x + 6]), pair32(index[x + 7]));
    } else {
      p0 = pairs2(index[x], index[x + 1]);
      p1 = pairs2(index[x + 2], index[x + 3]);
    }
    const __m128i w0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(weights + i));
    const __m128i w1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(weights + i + 4));
    const __m128i s0 = _mm_srai_epi32(_mm_add_epi32(_mm_madd_epi16(p0, w0), round), kPixelShift);
    const __m128i s1 = _mm_srai_epi32(_mm_add_epi32(_mm_madd_epi16(p1, w1), round), kPixelShift);
    const __m128i words = _mm_packs_epi32(s0, s1);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(d + i), _mm_packus_epi16(words, words));
  }
#endif
  for (; i < n; ++i) {
    const size_t x = i / C, c = kSwap ? C - 1 - i % C : i % C;
    const int32_t p = r[size_t{index[x]} * C + c], q = r[size_t{index[x] + 1} * C + c];
    const int32_t w1 = static_cast<int32_t>(static_cast<uint32_t>(weights[i]) >> 16), w0 = weights[i] & 0xFFFF;
    d[i] = static_cast<uint8_t>((p * w0 + q * w1 + (1 << (kPixelShift - 1))) >> kPixelShift);
  }
}

// Resizes output rows [y_begin, y_end) of a plane of C interleaved channels: source pixel i of a
// row is at src_row + i * C, output row y at dst + y * dst_pitch. kSwap exchanges the two
// channels of a pair (NV12 <-> NV21).
template <int C, bool kSwap>
void ResizeRows(const uint8_t* src, size_t src_pitch, uint8_t* dst, size_t dst_pitch, const std::vector<Tap>& xs,
                const std::vector<Tap>& ys, int64_t y_begin, int64_t y_end) {
  const ColumnTaps taps = PairTaps(xs, C);
  // Only the source columns the taps reach are blended, plus one zero column of padding.
  std::vector<int16_t> row(size_t{taps.columns + 1} * C, 0);
  for (int64_t y = y_begin; y < y_end; ++y) {
    const Tap& ty = ys[static_cast<size_t>(y)];
    const uint8_t* a = src + size_t{ty.i0} * src_pitch + size_t{taps.first} * C;
    const uint8_t* b = src + size_t{ty.i1} * src_pitch + size_t{taps.first} * C;
    BlendRows(a, b, ty.w1, row.data(), size_t{taps.columns} * C);
    BlendPixels<C, kSwap>(row.data(), taps, dst + static_cast<size_t>(y) * dst_pitch);
  }
}

// Shifts taps computed inside a crop to the source picture's own coordinates, divided by the
// chroma subsampling `sub` (1 for luma).
void Place(std::vector<Tap>& taps, uint32_t offset, uint32_t sub) {
  for (Tap& t : taps) t = Tap{(offset + t.i0) / sub, (offset + t.i1) / sub, t.w1};
}

// The taps of the output chroma samples of a paste area along one direction: the luma taps of
// the pixels that carry them (every `sub`-th absolute position), in source chroma units. `first`
// receives the first output chroma index.
std::vector<Tap> ChromaTaps(const std::vector<Tap>& luma, uint32_t crop_offset, uint32_t in_sub, uint32_t paste_offset,
                            uint32_t out_sub, uint32_t& first) {
  first = (paste_offset + out_sub - 1) / out_sub;
  const uint32_t last = (paste_offset + static_cast<uint32_t>(luma.size()) - 1) / out_sub;
  std::vector<Tap> taps;
  for (uint32_t c = first; c <= last; ++c) taps.push_back(luma[c * out_sub - paste_offset]);
  Place(taps, crop_offset, in_sub);
  return taps;
}

}  // namespace

Planes Resize(const Planes& in, uint32_t width, uint32_t height, Interpolation mode) {
  if (in.width == width && in.height == height) return in;
  Planes out(width, height, in.space);
  const std::vector<Tap> xs = Taps(in.width, width, mode), ys = Taps(in.height, height, mode);
  for (int c = 0; c < 4; ++c) {
    ResizeRows<1, false>(in.c[c].data(), in.width, out.c[c].data(), width, xs, ys, 0, height);
  }
  return out;
}

void ResizeSemiPlanar(const Picture& in, const Rect& crop, const Picture& out, const Rect& paste,
                      Interpolation mode, const RowRunner& run_rows) {
  std::vector<Tap> xs = Taps(crop.width, paste.width, mode), ys = Taps(crop.height, paste.height, mode);
  const bool chroma = out.info.layout == Layout::kSemiPlanar;
  uint32_t cx0 = 0, cy0 = 0;
  std::vector<Tap> cxs, cys;
  if (chroma) {
    cxs = ChromaTaps(xs, crop.left, in.info.sub_x, paste.left, out.info.sub_x, cx0);
    cys = ChromaTaps(ys, crop.top, in.info.sub_y, paste.top, out.info.sub_y, cy0);
  }
  Place(xs, crop.left, 1);
  Place(ys, crop.top, 1);
  uint8_t* luma = out.data + size_t{paste.top} * out.width_stride + paste.left;
  uint8_t* pairs = chroma ? ChromaPlane(out) + size_t{cy0} * ChromaPitch(out) + size_t{cx0} * 2 : nullptr;
  const bool swap = chroma && in.info.v_first != out.info.v_first;
  // One range of work items: the luma rows, then the chroma rows.
  const int64_t luma_rows = ys.size(), rows = luma_rows + static_cast<int64_t>(cys.size());
  run_rows(rows, [&](int64_t begin, int64_t end) {
    if (begin < luma_rows) {
      ResizeRows<1, false>(in.data, in.width_stride, luma, out.width_stride, xs, ys, begin,
                           std::min(end, luma_rows));
    }
    if (end > luma_rows) {
      const int64_t b = std::max(begin, luma_rows) - luma_rows, e = end - luma_rows;
      auto resize = swap ? ResizeRows<2, true> : ResizeRows<2, false>;
      resize(ChromaPlane(in), ChromaPitch(in), pairs, ChromaPitch(out), cxs, cys, b, e);
    }
  });
}

}  // namespace aclsim::dvpp
