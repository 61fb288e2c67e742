// Aipp against a naive reference: the documented dynamic layout's offsets and a round trip,
// RGB -> YUV colour conversion with negative products (the shift rounds toward minus infinity)
// into float16, per-batch dynamic parameters, the shape function's refusals, and the formats
// ARGB8888_U8, YUYV_U8, YUV422SP_U8 and AYUV444_U8 (written here from known pixels, so that
// reading them back is checked) with crop, padding, both swaps and CSC.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "sim/kernels/aipp_params.h"
#include "tests/unit/sim/kernel_test_util.h"

namespace aclsim::sim::testing {
namespace {

namespace aipp = sim::aipp;

template <typename T>
T At(const std::vector<uint8_t>& bytes, size_t offset) {
  T v;
  std::memcpy(&v, bytes.data() + offset, sizeof(T));
  return v;
}

aipp::Params TwoBatches() {
  aipp::Params p;
  p.format = aipp::InputFormat::kRgb888;
  p.csc = true;
  p.rbuv_swap = true;
  p.src_w = 6;
  p.src_h = 4;
  p.matrix = {77, 150, 29, -43, -85, 128, 128, -107, -21};
  p.output_bias = {0, 128, 128};
  p.input_bias = {1, 2, 3};
  p.batches.resize(2);
  p.batches[0].crop = true;
  p.batches[0].crop_x = 1, p.batches[0].crop_y = 2, p.batches[0].crop_w = 4, p.batches[0].crop_h = 2;
  p.batches[1].padding = true;
  p.batches[1].pad_top = 0, p.batches[1].pad_bottom = 0, p.batches[1].pad_left = 0, p.batches[1].pad_right = 0;
  p.batches[1].crop = true;
  p.batches[1].crop_x = 2, p.batches[1].crop_y = 0, p.batches[1].crop_w = 4, p.batches[1].crop_h = 2;
  p.batches[1].mean = {1, 2, 3, 4};
  p.batches[1].min = {0.5f, 0, 0, 0};
  p.batches[1].var_reci = {0.25f, 2.0f, 1.0f, 1.0f};
  return p;
}

TEST(Aipp, DynamicLayoutHasTheDocumentedOffsetsAndRoundTrips) {
  const aipp::Params p = TwoBatches();
  const std::vector<uint8_t> bytes = aipp::Pack(p);
  ASSERT_EQ(bytes.size(), 64u + 2 * 96);
  EXPECT_EQ(aipp::DynamicDataBytes(1), 160u);
  EXPECT_EQ(At<uint8_t>(bytes, 0), 3);   // inputFormat: RGB888_U8
  EXPECT_EQ(At<int8_t>(bytes, 1), 1);    // cscSwitch
  EXPECT_EQ(At<int8_t>(bytes, 2), 1);    // rbuvSwapSwitch
  EXPECT_EQ(At<int8_t>(bytes, 4), 2);    // batchNum
  EXPECT_EQ(At<int32_t>(bytes, 8), 6);   // srcImageSizeW
  EXPECT_EQ(At<int32_t>(bytes, 12), 4);  // srcImageSizeH
  EXPECT_EQ(At<int16_t>(bytes, 16 + 2 * 4), -85);  // cscMatrixR1C1
  EXPECT_EQ(At<uint8_t>(bytes, 41), 128);          // cscOutputBiasR1
  EXPECT_EQ(At<uint8_t>(bytes, 45), 3);            // cscInputBiasR2
  const size_t b1 = 64 + 96;
  EXPECT_EQ(At<int8_t>(bytes, b1 + 0), 1);         // cropSwitch
  EXPECT_EQ(At<int8_t>(bytes, b1 + 2), 1);         // paddingSwitch
  EXPECT_EQ(At<int32_t>(bytes, b1 + 8), 2);        // cropStartPosW
  EXPECT_EQ(At<int16_t>(bytes, b1 + 56 + 2), 2);   // dtcPixelMeanChn1
  EXPECT_EQ(At<uint16_t>(bytes, b1 + 64), 0x3800);  // dtcPixelMinChn0 = 0.5 in float16
  EXPECT_EQ(At<uint16_t>(bytes, b1 + 72 + 2), 0x4000);  // dtcPixelVarReciChn1 = 2.0 in float16

  const aipp::Params back = aipp::Unpack(bytes.data(), bytes.size(), 2, ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aipp::Pack(back), bytes);
  EXPECT_EQ(back.batches[1].var_reci[0], 0.25f);
  try {
    aipp::Unpack(bytes.data(), bytes.size(), 3, ACL_ERROR_INVALID_PARAM);
    FAIL() << "a layout of 2 batches read as 3";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ACL_ERROR_INVALID_PARAM);
  }
}

// The reference: swap, crop, (M rgb) >> 8 (floor) + output bias clamped, (v - mean - min) * var.
std::vector<double> Reference(const aipp::Params& p, const std::vector<uint8_t>& images, int64_t n) {
  std::vector<double> out;
  for (int64_t b = 0; b < n; ++b) {
    const aipp::BatchParams& bp = p.batches[static_cast<size_t>(b)];
    std::vector<double> plane[3];
    for (int64_t y = 0; y < bp.crop_h; ++y) {
      for (int64_t x = 0; x < bp.crop_w; ++x) {
        const uint8_t* px = &images[static_cast<size_t>(((b * p.src_h + bp.crop_y + y) * p.src_w + bp.crop_x + x) * 3)];
        int rgb[3] = {px[0], px[1], px[2]};
        if (p.rbuv_swap) std::swap(rgb[0], rgb[2]);
        for (int k = 0; k < 3; ++k) {
          double sum = 0;
          for (int j = 0; j < 3; ++j) sum += p.matrix[k * 3 + j] * rgb[j];
          const double v = std::clamp(std::floor(sum / 256) + p.output_bias[k], 0.0, 255.0);
          plane[k].push_back((v - bp.mean[k] - bp.min[k]) * bp.var_reci[k]);
        }
      }
    }
    for (auto& c : plane) out.insert(out.end(), c.begin(), c.end());
  }
  return out;
}

TEST(Aipp, DynamicParametersApplyPerBatchAndRgbToYuvRoundsDown) {
  const aipp::Params p = TwoBatches();
  HostTensor images(DType::kUInt8, {2 * 6 * 4 * 3 + 10});  // room to spare, as max_src_image_size gives
  images.FillRandom(7, 0, 255);
  const std::vector<uint8_t> packed = aipp::Pack(p);
  HostTensor params(DType::kUInt8, {static_cast<int64_t>(packed.size())});
  for (size_t i = 0; i < packed.size(); ++i) params.Set(static_cast<int64_t>(i), packed[i]);
  const Attrs attrs = {{"aipp_mode", std::string("dynamic")},
                       {"output_shape", std::vector<int64_t>{2, 3, 2, 4}},
                       {"output_type", DType::kFloat16}};
  const std::vector<HostTensor> out = RunOp("Aipp", {&images, &params}, attrs);
  ASSERT_EQ(out[0].spec().dtype, DType::kFloat16);
  std::vector<uint8_t> bytes;
  for (double v : images.Values()) bytes.push_back(static_cast<uint8_t>(v));
  const std::vector<double> expected = Reference(p, bytes, 2);
  const std::vector<double> actual = out[0].Values();
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    EXPECT_EQ(actual[i], RoundTo(DType::kFloat16, expected[i])) << "element " << i;
  }
}

TEST(Aipp, StaticShapeFunctionRefusesWhatDoesNotFit) {
  Attrs attrs = {{"aipp_mode", std::string("static")}, {"output_shape", std::vector<int64_t>{1, 3, 4, 4}}};
  aipp::Params p;
  p.format = aipp::InputFormat::kYuv420sp;
  p.src_w = 4;
  p.src_h = 4;
  p.batches.resize(1);
  aipp::ToAttrs(p, attrs);
  const TensorSpec nv12(DType::kUInt8, {1, 6, 4, 1});
  EXPECT_EQ(Kernels().Infer("Aipp", {nv12}, attrs)[0].shape, (Shape{1, 3, 4, 4}));
  auto code_of = [&](const std::vector<TensorSpec>& in, const Attrs& a) {
    try {
      Kernels().Infer("Aipp", in, a);
    } catch (const Error& e) {
      return e.code();
    }
    return ACL_SUCCESS;
  };
  EXPECT_EQ(code_of({TensorSpec(DType::kUInt8, {1, 4, 4, 1})}, attrs), ACL_ERROR_OP_INPUT_NOT_MATCH);  // too few bytes
  EXPECT_EQ(code_of({TensorSpec(DType::kFloat32, {1, 6, 4, 1})}, attrs), ACL_ERROR_UNSUPPORTED_DATA_TYPE);
  Attrs wrong = attrs;
  wrong["output_shape"] = std::vector<int64_t>{1, 3, 4, 6};  // AIPP gives 4x4
  EXPECT_EQ(code_of({nv12}, wrong), ACL_ERROR_OP_ATTR_NOT_MATCH);
  Attrs odd = attrs;
  odd["src_image_size_w"] = int64_t{3};
  EXPECT_EQ(code_of({nv12}, odd), ACL_ERROR_OP_ATTR_NOT_MATCH);  // YUV420SP needs even sizes
  Attrs dynamic = {{"aipp_mode", std::string("dynamic")}, {"output_shape", std::vector<int64_t>{1, 3, 4, 4}}};
  EXPECT_EQ(code_of({nv12}, dynamic), ACL_ERROR_OP_INPUT_NOT_MATCH);  // no params input
}

// A dynamic parameter buffer may be written by hand: values that would overflow the index
// arithmetic are refused like any other misfit, never read past the image.
TEST(Aipp, HostileDynamicParametersAreRefusedWithoutOverflow) {
  auto code_of = [](const aipp::Params& p) {
    try {
      aipp::CheckAgainst(p, 4, 4, ACL_ERROR_INVALID_PARAM);
    } catch (const Error& e) {
      return e.code();
    }
    return ACL_SUCCESS;
  };
  aipp::Params p;
  p.format = aipp::InputFormat::kXrgb8888;
  p.src_w = 8;
  p.src_h = 8;
  p.batches.resize(1);
  p.batches[0].crop = true;
  p.batches[0].crop_x = 2, p.batches[0].crop_y = 2, p.batches[0].crop_w = 4, p.batches[0].crop_h = 4;
  EXPECT_EQ(code_of(p), ACL_SUCCESS);
  aipp::Params wrap = p;
  wrap.batches[0].crop_x = 2147483600;  // crop_x + crop_w wraps in 32 bits
  EXPECT_EQ(code_of(wrap), ACL_ERROR_INVALID_PARAM);
  aipp::Params huge = p;
  huge.src_w = huge.src_h = 1 << 30;  // n * image bytes would wrap to 0
  EXPECT_EQ(code_of(huge), ACL_ERROR_INVALID_PARAM);
  aipp::Params pads = p;
  pads.batches[0].padding = true;
  pads.batches[0].pad_left = pads.batches[0].pad_right = 2147483600;  // their sum wraps in 32 bits
  EXPECT_EQ(code_of(pads), ACL_ERROR_INVALID_PARAM);
}

// The pixels of an image as the format's channels: a (X/A, 4-byte formats only) and c[3] (Y U V
// or R G B as stored). The subsampled formats share U and V between the 2 pixels of a pair
// (YUYV, YUV422SP) or a 2x2 block (YUV420SP), so the pixels are made that way.
struct Pixels {
  aipp::InputFormat format;
  int64_t w, h;
  std::vector<int> a, c[3];
};

Pixels MakePixels(aipp::InputFormat format, int64_t w, int64_t h, int seed) {
  Pixels p{format, w, h, {}, {}};
  const int64_t sw = aipp::ChromaStepW(format), sh = aipp::ChromaStepH(format);
  for (int64_t y = 0; y < h; ++y) {
    for (int64_t x = 0; x < w; ++x) {
      const int64_t cx = x / sw, cy = y / sh;
      p.a.push_back(static_cast<int>((x * 29 + y * 7 + seed) % 256));
      p.c[0].push_back(static_cast<int>((x * 37 + y * 101 + seed * 13) % 256));
      p.c[1].push_back(static_cast<int>((cx * 53 + cy * 17 + seed * 5 + 40) % 256));
      p.c[2].push_back(static_cast<int>((cx * 71 + cy * 41 + seed * 3 + 90) % 256));
    }
  }
  return p;
}

// Stores `p` in its format's documented layout.
std::vector<uint8_t> Encode(const Pixels& p) {
  const int64_t w = p.w, h = p.h;
  std::vector<uint8_t> out(aipp::ImageBytes(p.format, w, h));
  auto at = [&](const std::vector<int>& plane, int64_t x, int64_t y) { return static_cast<uint8_t>(plane[y * w + x]); };
  for (int64_t y = 0; y < h; ++y) {
    for (int64_t x = 0; x < w; ++x) {
      switch (p.format) {
        case aipp::InputFormat::kArgb8888:
        case aipp::InputFormat::kAyuv444:
          out[(y * w + x) * 4 + 0] = at(p.a, x, y);
          for (int k = 0; k < 3; ++k) out[(y * w + x) * 4 + 1 + k] = at(p.c[k], x, y);
          break;
        case aipp::InputFormat::kYuyv:  // Y0 U Y1 V
          out[y * w * 2 + x * 2] = at(p.c[0], x, y);
          out[y * w * 2 + (x / 2) * 4 + 1] = at(p.c[1], x, y);
          out[y * w * 2 + (x / 2) * 4 + 3] = at(p.c[2], x, y);
          break;
        case aipp::InputFormat::kYuv422sp:  // Y plane, then a U V pair per 2 pixels of every row
          out[y * w + x] = at(p.c[0], x, y);
          out[w * h + y * w + (x / 2) * 2] = at(p.c[1], x, y);
          out[w * h + y * w + (x / 2) * 2 + 1] = at(p.c[2], x, y);
          break;
        default:
          ADD_FAILURE() << "no encoder for format " << static_cast<int>(p.format);
      }
    }
  }
  return out;
}

// The documented pipeline on known pixels: rbuv_swap exchanges U/V (YUV) or R/B (RGB), ax_swap
// moves A last, CSC floor((M (in - input_bias)) / 256) for YUV or floor(M in / 256) + output_bias
// for RGB clamped to [0, 255], then (v - mean - min) * var_reci; padding takes padding_value.
std::vector<double> ReferenceImage(const aipp::Params& p, const Pixels& px, int64_t channels, int64_t out_h,
                                   int64_t out_w) {
  const aipp::BatchParams& bp = p.batches[0];
  const bool yuv = p.format != aipp::InputFormat::kArgb8888;
  const bool four = p.format == aipp::InputFormat::kArgb8888 || p.format == aipp::InputFormat::kAyuv444;
  std::vector<double> out(static_cast<size_t>(channels * out_h * out_w));
  for (int64_t oy = 0; oy < out_h; ++oy) {
    for (int64_t ox = 0; ox < out_w; ++ox) {
      const int64_t ix = ox - (bp.padding ? bp.pad_left : 0), iy = oy - (bp.padding ? bp.pad_top : 0);
      const int64_t in_w = bp.crop ? bp.crop_w : p.src_w, in_h = bp.crop ? bp.crop_h : p.src_h;
      double value[4];
      if (ix < 0 || iy < 0 || ix >= in_w || iy >= in_h) {
        for (double& v : value) v = p.padding_value;
      } else {
        const int64_t i = (iy + (bp.crop ? bp.crop_y : 0)) * px.w + ix + (bp.crop ? bp.crop_x : 0);
        int c[3] = {px.c[0][i], px.c[1][i], px.c[2][i]};
        if (p.rbuv_swap) std::swap(c[yuv ? 1 : 0], c[2]);
        if (p.csc) {
          int converted[3];
          for (int k = 0; k < 3; ++k) {
            double sum = 0;
            for (int j = 0; j < 3; ++j) sum += p.matrix[k * 3 + j] * (yuv ? c[j] - p.input_bias[j] : c[j]);
            converted[k] = static_cast<int>(std::clamp(std::floor(sum / 256) + (yuv ? 0 : p.output_bias[k]), 0.0, 255.0));
          }
          std::copy(converted, converted + 3, c);
        }
        int v[4] = {c[0], c[1], c[2], four ? px.a[i] : 0};
        if (four && !p.ax_swap) v[0] = px.a[i], v[1] = c[0], v[2] = c[1], v[3] = c[2];
        for (int k = 0; k < 4; ++k) value[k] = (v[k] - bp.mean[k] - bp.min[k]) * bp.var_reci[k];
      }
      for (int64_t k = 0; k < channels; ++k) out[(k * out_h + oy) * out_w + ox] = value[k];
    }
  }
  return out;
}

struct FormatCase {
  const char* what;
  aipp::InputFormat format;
  int64_t src_w, src_h, channels;
  bool csc, rbuv_swap, ax_swap;
  int32_t crop_x, crop_y, crop_w, crop_h;  // crop_w 0: no crop
  int32_t pad_left, pad_top;               // 0: no padding
};

TEST(Aipp, NewFormatsMatchAReferenceWithCropSwapsAndCsc) {
  using F = aipp::InputFormat;
  const FormatCase cases[] = {
      {"YUYV crop at an even W offset, NV61-like U/V swap, BT.601 to RGB", F::kYuyv, 10, 5, 3, true, true, false, 4, 1, 5, 3, 1, 1},
      {"YUYV whole image, no CSC", F::kYuyv, 6, 3, 3, false, false, false, 0, 0, 0, 0, 0, 0},
      {"YUV422SP crop at an odd H offset (allowed), CSC", F::kYuv422sp, 8, 5, 3, true, false, false, 2, 1, 6, 3, 0, 0},
      {"YUV422SP U/V swap, padding", F::kYuv422sp, 6, 3, 3, false, true, false, 0, 0, 0, 0, 2, 1},
      {"ARGB8888 A last and R/B swapped, RGB to YUV", F::kArgb8888, 7, 4, 3, true, true, true, 1, 1, 5, 3, 0, 0},
      {"ARGB8888 A first, 4 channels, RGB to YUV on R G B", F::kArgb8888, 5, 3, 4, true, false, false, 0, 0, 0, 0, 1, 0},
      {"AYUV444 A last, U/V swapped, YUV to RGB", F::kAyuv444, 6, 4, 3, true, true, true, 1, 1, 4, 2, 0, 1},
      {"AYUV444 A first, 4 channels, odd crop", F::kAyuv444, 5, 5, 4, true, false, false, 1, 3, 3, 1, 0, 0},
  };
  int seed = 0;
  for (const FormatCase& t : cases) {
    SCOPED_TRACE(t.what);
    aipp::Params p;
    p.format = t.format;
    p.src_w = static_cast<int32_t>(t.src_w), p.src_h = static_cast<int32_t>(t.src_h);
    p.csc = t.csc, p.rbuv_swap = t.rbuv_swap, p.ax_swap = t.ax_swap;
    if (t.format == F::kArgb8888) {
      p.matrix = {77, 150, 29, -43, -85, 128, 128, -107, -21};  // RGB -> YUV, negative products
      p.output_bias = {0, 128, 128};
    } else {
      p.matrix = {298, 0, 409, 298, -100, -208, 298, 516, 0};  // BT.601 narrow YUV -> RGB
      p.input_bias = {16, 128, 128};
    }
    p.padding_value = -3.5f;
    aipp::BatchParams bp;
    bp.crop = t.crop_w != 0;
    bp.crop_x = t.crop_x, bp.crop_y = t.crop_y, bp.crop_w = t.crop_w, bp.crop_h = t.crop_h;
    bp.padding = t.pad_left != 0 || t.pad_top != 0;
    bp.pad_left = t.pad_left, bp.pad_top = t.pad_top;
    bp.mean = {10, 20, 30, 40};
    bp.min = {0.5f, 0, 1, 0};
    bp.var_reci = {0.5f, 2, 1, 0.25f};
    p.batches = {bp};
    const int64_t out_w = p.OutputW(0), out_h = p.OutputH(0);
    const Pixels pixels = MakePixels(t.format, t.src_w, t.src_h, ++seed);
    const std::vector<uint8_t> bytes = Encode(pixels);
    const std::vector<int64_t> dims = aipp::SourceDims(t.format, 1, t.src_w, t.src_h);
    ASSERT_EQ(static_cast<uint64_t>(dims[0] * dims[1] * dims[2] * dims[3]), bytes.size());
    HostTensor images(DType::kUInt8, dims);
    for (size_t i = 0; i < bytes.size(); ++i) images.Set(static_cast<int64_t>(i), bytes[i]);
    Attrs attrs = {{"aipp_mode", std::string("static")},
                   {"output_shape", std::vector<int64_t>{1, t.channels, out_h, out_w}}};
    aipp::ToAttrs(p, attrs);
    const std::vector<HostTensor> out = RunOp("Aipp", {&images}, attrs);
    const std::vector<double> expected = ReferenceImage(p, pixels, t.channels, out_h, out_w);
    const std::vector<double> actual = out[0].Values();
    ASSERT_EQ(actual.size(), expected.size());
    for (size_t i = 0; i < actual.size(); ++i) {
      ASSERT_EQ(actual[i], RoundTo(DType::kFloat32, expected[i])) << "element " << i;
    }
  }
}

// The documented sizes: YUYV and YUV422SP 2 bytes a pixel, ARGB8888 and AYUV444 4, with the
// aclmdlGetInputDimsV2 forms.
TEST(Aipp, NewFormatsHaveTheDocumentedSizesAndDims) {
  using F = aipp::InputFormat;
  EXPECT_EQ(aipp::ImageBytes(F::kYuyv, 6, 3), 36u);
  EXPECT_EQ(aipp::ImageBytes(F::kYuv422sp, 6, 3), 36u);
  EXPECT_EQ(aipp::ImageBytes(F::kArgb8888, 6, 3), 72u);
  EXPECT_EQ(aipp::ImageBytes(F::kAyuv444, 6, 3), 72u);
  EXPECT_EQ(aipp::SourceDims(F::kYuyv, 2, 6, 3), (std::vector<int64_t>{2, 3, 6, 2}));
  EXPECT_EQ(aipp::SourceDims(F::kYuv422sp, 2, 6, 3), (std::vector<int64_t>{2, 6, 6, 1}));
  EXPECT_EQ(aipp::SourceDims(F::kArgb8888, 2, 6, 3), (std::vector<int64_t>{2, 3, 6, 4}));
  EXPECT_EQ(aipp::SourceDims(F::kAyuv444, 2, 6, 3), (std::vector<int64_t>{2, 3, 6, 4}));
  EXPECT_EQ(aipp::Channels(F::kYuyv), 3);
  EXPECT_EQ(aipp::Channels(F::kAyuv444), 4);
  EXPECT_FALSE(aipp::IsSupportedFormat(5));   // NC1HWC0DI_FP16
  EXPECT_FALSE(aipp::IsSupportedFormat(11));  // RAW10
  EXPECT_TRUE(aipp::IsSupportedFormat(10));
}

// YUYV and YUV422SP share U/V between two pixels across: an odd source width or crop start in W
// is refused; YUV422SP's height and H start may be odd.
TEST(Aipp, SubsampledFormatsRefuseOddWidthsAndCropStartsInW) {
  auto code_of = [](aipp::InputFormat format, int32_t src_w, int32_t src_h, int32_t crop_x, int32_t crop_y) {
    aipp::Params p;
    p.format = format;
    p.src_w = src_w, p.src_h = src_h;
    aipp::BatchParams bp;
    bp.crop = true;
    bp.crop_x = crop_x, bp.crop_y = crop_y, bp.crop_w = 2, bp.crop_h = 2;
    p.batches = {bp};
    try {
      aipp::CheckAgainst(p, 2, 2, ACL_ERROR_INVALID_PARAM);
    } catch (const Error& e) {
      return e.code();
    }
    return ACL_SUCCESS;
  };
  for (aipp::InputFormat f : {aipp::InputFormat::kYuyv, aipp::InputFormat::kYuv422sp}) {
    SCOPED_TRACE(aipp::FormatName(f));
    EXPECT_EQ(code_of(f, 6, 5, 2, 1), ACL_SUCCESS);
    EXPECT_EQ(code_of(f, 7, 4, 2, 0), ACL_ERROR_INVALID_PARAM);  // odd width
    EXPECT_EQ(code_of(f, 6, 4, 1, 0), ACL_ERROR_INVALID_PARAM);  // odd crop start in W
  }
  EXPECT_EQ(code_of(aipp::InputFormat::kAyuv444, 7, 5, 1, 1), ACL_SUCCESS);
  EXPECT_EQ(code_of(aipp::InputFormat::kArgb8888, 7, 5, 3, 1), ACL_SUCCESS);
}

// Dynamic AIPP carries the new formats' values in the header and converts alike.
TEST(Aipp, DynamicLayoutCarriesTheNewFormats) {
  aipp::Params p;
  p.format = aipp::InputFormat::kYuv422sp;
  p.src_w = 4, p.src_h = 3;
  p.rbuv_swap = true;
  p.batches.resize(1);
  const std::vector<uint8_t> packed = aipp::Pack(p);
  EXPECT_EQ(At<uint8_t>(packed, 0), 9);  // inputFormat: YUV422SP_U8
  EXPECT_EQ(aipp::Unpack(packed.data(), packed.size(), 1, ACL_ERROR_INVALID_PARAM).format, p.format);
  const Pixels pixels = MakePixels(p.format, 4, 3, 9);
  const std::vector<uint8_t> bytes = Encode(pixels);
  HostTensor images(DType::kUInt8, {static_cast<int64_t>(bytes.size()) + 8});
  for (size_t i = 0; i < bytes.size(); ++i) images.Set(static_cast<int64_t>(i), bytes[i]);
  HostTensor params(DType::kUInt8, {static_cast<int64_t>(packed.size())});
  for (size_t i = 0; i < packed.size(); ++i) params.Set(static_cast<int64_t>(i), packed[i]);
  const Attrs attrs = {{"aipp_mode", std::string("dynamic")}, {"output_shape", std::vector<int64_t>{1, 3, 3, 4}}};
  const std::vector<HostTensor> out = RunOp("Aipp", {&images, &params}, attrs);
  EXPECT_EQ(out[0].Values(), ReferenceImage(p, pixels, 3, 3, 4));
}

}  // namespace
}  // namespace aclsim::sim::testing
