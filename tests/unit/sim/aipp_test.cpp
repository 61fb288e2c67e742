// Aipp against a naive reference: the documented dynamic layout's offsets and a round trip,
// RGB -> YUV colour conversion with negative products (the shift rounds toward minus infinity)
// into float16, per-batch dynamic parameters, and the shape function's refusals.
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

}  // namespace
}  // namespace aclsim::sim::testing
