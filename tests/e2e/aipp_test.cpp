// AIPP end to end (docs/aipp.md): ONNX models converted by atc with and without
// --insert_op_conf, run through aclmdl. A YUV420SP image through a static or dynamic AIPP model
// gives the logits of its RGB conversion through the plain model, as do YUYV, YUV422SP and
// AYUV444 images (static) and a cropped YUYV image (dynamic); crop, padding and channel
// swaps against a reference written here; the configuration parser's errors; the dynamic AIPP
// setters' range checks; aclmdlGetAippType, aclmdlGetFirstAippInfo and aclmdlGetAippDataSize.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "e2e_util.h"
#include "onnx_builder.h"

namespace aclsim_e2e {
namespace {

constexpr int64_t kW = 8, kH = 8;

// A small CNN whose logits depend on every pixel's position and channel:
// x [n, 3, 8, 8] -> Conv 3x3 (4 filters, pad 1) -> Relu -> Flatten -> MatMul -> y [n, 5].
onnx::ModelProto TinyCnn(int64_t batch = 1) {
  onnx::ModelProto model = NewModel();
  onnx::GraphProto* g = model.mutable_graph();
  AddValueInfo(g->mutable_input(), "x", {batch, 3, kH, kW});
  std::vector<float> w(4 * 3 * 3 * 3), b(4), m(4 * kH * kW * 5);
  for (size_t i = 0; i < w.size(); ++i) w[i] = static_cast<float>((i * 7) % 11) / 11.0f - 0.45f;
  for (size_t i = 0; i < b.size(); ++i) b[i] = 0.1f * static_cast<float>(i) - 0.15f;
  for (size_t i = 0; i < m.size(); ++i) m[i] = static_cast<float>((i * 13) % 17) / 17.0f - 0.5f;
  AddFloats(g, "w", {4, 3, 3, 3}, w);
  AddFloats(g, "b", {4}, b);
  AddFloats(g, "m", {4 * kH * kW, 5}, m);
  AddIntsAttr(AddNode(g, "Conv", {"x", "w", "b"}, {"c"}), "pads", {1, 1, 1, 1});
  AddNode(g, "Relu", {"c"}, {"r"});
  AddIntAttr(AddNode(g, "Flatten", {"r"}, {"f"}), "axis", 1);
  AddNode(g, "MatMul", {"f", "m"}, {"y"});
  AddValueInfo(g->mutable_output(), "y", {batch, 5});
  return model;
}

// y = x * 1 with x [1, c, h, w]: the model's output is what AIPP gave it.
onnx::ModelProto Identity(int64_t c, int64_t h, int64_t w) {
  onnx::ModelProto model = NewModel();
  onnx::GraphProto* g = model.mutable_graph();
  AddValueInfo(g->mutable_input(), "x", {1, c, h, w});
  AddFloats(g, "one", {}, {1.0f});
  AddNode(g, "Mul", {"x", "one"}, {"y"});
  AddValueInfo(g->mutable_output(), "y", {1, c, h, w});
  return model;
}

// An NV12 image with chroma that varies per 2x2 block, deterministic.
std::vector<uint8_t> Nv12(int64_t w, int64_t h, int seed) {
  std::vector<uint8_t> image(static_cast<size_t>(w * h * 3 / 2));
  for (int64_t i = 0; i < w * h; ++i) image[i] = static_cast<uint8_t>(16 + (i * 37 + seed * 11) % 220);
  for (int64_t i = w * h; i < static_cast<int64_t>(image.size()); ++i) {
    image[i] = static_cast<uint8_t>(40 + (i * 53 + seed * 7) % 180);
  }
  return image;
}

// The BT.601 narrow-range YUV -> RGB conversion of the ATC guide's CSC table, done here with
// the documented formula (M (yuv - bias)) / 256 rounded down, clamped to [0, 255].
const int kBt601[9] = {298, 0, 409, 298, -100, -208, 298, 516, 0};
const int kBias[3] = {16, 128, 128};

std::vector<float> ReferenceRgb(const std::vector<uint8_t>& nv12, int64_t w, int64_t h, const float mean[3],
                                const float var_reci[3]) {
  std::vector<float> out(static_cast<size_t>(3 * w * h));
  for (int64_t y = 0; y < h; ++y) {
    for (int64_t x = 0; x < w; ++x) {
      const int yuv[3] = {nv12[y * w + x], nv12[w * h + (y / 2) * w + (x / 2) * 2],
                          nv12[w * h + (y / 2) * w + (x / 2) * 2 + 1]};
      for (int k = 0; k < 3; ++k) {
        double sum = 0;
        for (int j = 0; j < 3; ++j) sum += kBt601[k * 3 + j] * (yuv[j] - kBias[j]);
        const double rgb = std::clamp(std::floor(sum / 256.0), 0.0, 255.0);
        out[(k * h + y) * w + x] = (static_cast<float>(rgb) - mean[k]) * var_reci[k];
      }
    }
  }
  return out;
}

const char kBt601Csc[] =
    "  csc_switch : true\n"
    "  matrix_r0c0 : 298\n  matrix_r0c1 : 0\n  matrix_r0c2 : 409\n"
    "  matrix_r1c0 : 298\n  matrix_r1c1 : -100\n  matrix_r1c2 : -208\n"
    "  matrix_r2c0 : 298\n  matrix_r2c1 : 516\n  matrix_r2c2 : 0\n"
    "  input_bias_0 : 16\n  input_bias_1 : 128\n  input_bias_2 : 128\n";

class AippTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
    ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
    (void)aclGetRecentErrMsg();
  }
  void TearDown() override {
    for (Loaded& m : models_) {
      for (aclmdlDataset* d : {m.inputs, m.outputs}) {
        for (size_t i = 0; i < aclmdlGetDatasetNumBuffers(d); ++i) {
          aclDataBuffer* b = aclmdlGetDatasetBuffer(d, i);
          aclrtFree(aclGetDataBufferAddr(b));
          aclDestroyDataBuffer(b);
        }
        aclmdlDestroyDataset(d);
      }
      aclmdlDestroyDesc(m.desc);
      EXPECT_EQ(aclmdlUnload(m.id), ACL_SUCCESS);
    }
    EXPECT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
    EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
  }

  struct Loaded {
    uint32_t id = 0;
    aclmdlDesc* desc = nullptr;
    aclmdlDataset* inputs = nullptr;
    aclmdlDataset* outputs = nullptr;
  };

  // Converts `model` (force_fp32, so both variants compute alike) with the AIPP configuration
  // `config` (none when empty).
  AtcResult Convert(const onnx::ModelProto& model, const std::string& name, const std::string& config) {
    EXPECT_TRUE(SaveModel(model, dir_ / (name + ".onnx")));
    std::vector<std::string> args = {"--framework=5", "--model=" + (dir_ / (name + ".onnx")), "--output=" + (dir_ / name),
                                     "--soc_version=Ascend310", "--precision_mode=force_fp32"};
    if (!config.empty()) {
      WriteFile(dir_ / (name + ".cfg"), config);
      args.push_back("--insert_op_conf=" + (dir_ / (name + ".cfg")));
    }
    return RunAtcWith(args, dir_ / "atc.log");
  }

  // Converts and loads, with datasets over device buffers of each input's and output's size.
  Loaded Load(const onnx::ModelProto& model, const std::string& name, const std::string& config) {
    const AtcResult atc = Convert(model, name, config);
    EXPECT_EQ(atc.exit_status, 0) << atc.output;
    Loaded m;
    EXPECT_EQ(aclmdlLoadFromFile((dir_ / (name + ".om")).c_str(), &m.id), ACL_SUCCESS) << RecentErrMsg();
    m.desc = aclmdlCreateDesc();
    EXPECT_EQ(aclmdlGetDesc(m.desc, m.id), ACL_SUCCESS);
    m.inputs = aclmdlCreateDataset();
    m.outputs = aclmdlCreateDataset();
    for (size_t i = 0; i < aclmdlGetNumInputs(m.desc); ++i) Add(m.inputs, aclmdlGetInputSizeByIndex(m.desc, i));
    for (size_t i = 0; i < aclmdlGetNumOutputs(m.desc); ++i) Add(m.outputs, aclmdlGetOutputSizeByIndex(m.desc, i));
    models_.push_back(m);
    return m;
  }
  static void Add(aclmdlDataset* d, size_t bytes) {
    void* p = nullptr;
    EXPECT_EQ(aclrtMalloc(&p, bytes, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
    aclmdlAddDatasetBuffer(d, aclCreateDataBuffer(p, bytes));
  }
  template <typename T>
  static void SetInput(const Loaded& m, size_t index, const std::vector<T>& values) {
    aclDataBuffer* b = aclmdlGetDatasetBuffer(m.inputs, index);
    ASSERT_EQ(aclrtMemcpy(aclGetDataBufferAddr(b), aclGetDataBufferSizeV2(b), values.data(), values.size() * sizeof(T),
                          ACL_MEMCPY_HOST_TO_DEVICE),
              ACL_SUCCESS);
  }
  static std::vector<float> Run(const Loaded& m) {
    EXPECT_EQ(aclmdlExecute(m.id, m.inputs, m.outputs), ACL_SUCCESS) << RecentErrMsg();
    aclDataBuffer* b = aclmdlGetDatasetBuffer(m.outputs, 0);
    std::vector<float> out(aclGetDataBufferSizeV2(b) / sizeof(float));
    aclrtMemcpy(out.data(), out.size() * 4, aclGetDataBufferAddr(b), out.size() * 4, ACL_MEMCPY_DEVICE_TO_HOST);
    return out;
  }

  TempDir dir_;
  std::vector<Loaded> models_;
};

// Both models see the same float pixels (AIPP's integer CSC matches the reference exactly, and
// (v - mean) * var_reci is one float expression in both), so the logits may differ only by the
// summation order of identical kernels: none. 1e-5 relative leaves room for nothing else.
void ExpectSameLogits(const std::vector<float>& actual, const std::vector<float>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    EXPECT_NEAR(actual[i], expected[i], 1e-5f * std::max(1.0f, std::fabs(expected[i]))) << "logit " << i;
  }
}

TEST_F(AippTest, StaticYuv420spGivesTheLogitsOfItsRgbThroughThePlainModel) {
  const std::string config = std::string("aipp_op {\n  aipp_mode : static  # the whole pipeline below\n"
                                         "  input_format : YUV420SP_U8\n  src_image_size_w : 8\n  src_image_size_h : 8\n") +
                             kBt601Csc +
                             "  mean_chn_0 : 104\n  mean_chn_1 : 117\n  mean_chn_2 : 123\n"
                             "  var_reci_chn_0 : 0.017\n  var_reci_chn_1 : 0.0175\n  var_reci_chn_2 : 0.0174\n}\n";
  const Loaded plain = Load(TinyCnn(), "plain", "");
  const Loaded aipp = Load(TinyCnn(), "aipp", config);

  // The AIPP input: uint8 NV12, as the docs give its size and dims.
  EXPECT_EQ(aclmdlGetInputSizeByIndex(aipp.desc, 0), static_cast<size_t>(kW * kH * 3 / 2));
  EXPECT_EQ(aclmdlGetInputDataType(aipp.desc, 0), ACL_UINT8);
  EXPECT_EQ(aclmdlGetInputFormat(aipp.desc, 0), ACL_FORMAT_NHWC);
  aclmdlIODims dims{};
  ASSERT_EQ(aclmdlGetInputDims(aipp.desc, 0, &dims), ACL_SUCCESS);
  EXPECT_EQ(std::vector<int64_t>(dims.dims, dims.dims + dims.dimCount), (std::vector<int64_t>{1, kH, kW, 3}));
  EXPECT_STREQ(dims.name, "x");
  ASSERT_EQ(aclmdlGetInputDimsV2(aipp.desc, 0, &dims), ACL_SUCCESS);
  EXPECT_EQ(std::vector<int64_t>(dims.dims, dims.dims + dims.dimCount), (std::vector<int64_t>{1, kH * 3 / 2, kW, 1}));

  const float mean[3] = {104, 117, 123}, var[3] = {0.017f, 0.0175f, 0.0174f};
  std::vector<std::vector<float>> logits;
  for (int seed = 0; seed < 3; ++seed) {
    const std::vector<uint8_t> nv12 = Nv12(kW, kH, seed);
    SetInput(plain, 0, ReferenceRgb(nv12, kW, kH, mean, var));
    SetInput(aipp, 0, nv12);
    logits.push_back(Run(plain));
    ExpectSameLogits(Run(aipp), logits.back());
  }
  EXPECT_NE(logits[0], logits[1]);  // the images make a difference: the comparison is not vacuous
}

// Batch 2: the input holds the two NV12 images one after the other, each converted alike.
TEST_F(AippTest, StaticAippTakesABatchOfImagesOneAfterTheOther) {
  const std::string config = std::string("aipp_op {\n aipp_mode: static\n input_format: YUV420SP_U8\n") + kBt601Csc +
                             " mean_chn_0: 16\n mean_chn_1: 16\n mean_chn_2: 16\n var_reci_chn_0: 0.0078125\n"
                             " var_reci_chn_1: 0.0078125\n var_reci_chn_2: 0.0078125\n}\n";
  const Loaded plain = Load(TinyCnn(2), "plain2", "");
  const Loaded aipp = Load(TinyCnn(2), "aipp2", config);
  EXPECT_EQ(aclmdlGetInputSizeByIndex(aipp.desc, 0), static_cast<size_t>(2 * kW * kH * 3 / 2));
  aclmdlIODims dims{};
  ASSERT_EQ(aclmdlGetInputDims(aipp.desc, 0, &dims), ACL_SUCCESS);
  EXPECT_EQ(std::vector<int64_t>(dims.dims, dims.dims + dims.dimCount), (std::vector<int64_t>{2, kH, kW, 3}));
  const float mean[3] = {16, 16, 16}, var[3] = {0.0078125f, 0.0078125f, 0.0078125f};
  std::vector<uint8_t> both = Nv12(kW, kH, 1);
  const std::vector<uint8_t> second = Nv12(kW, kH, 2);
  both.insert(both.end(), second.begin(), second.end());
  std::vector<float> rgb = ReferenceRgb(Nv12(kW, kH, 1), kW, kH, mean, var);
  const std::vector<float> rgb2 = ReferenceRgb(second, kW, kH, mean, var);
  rgb.insert(rgb.end(), rgb2.begin(), rgb2.end());
  SetInput(plain, 0, rgb);
  SetInput(aipp, 0, both);
  const std::vector<float> expected = Run(plain);
  const std::vector<float> actual = Run(aipp);
  ExpectSameLogits(actual, expected);
  EXPECT_NE(std::vector<float>(actual.begin(), actual.begin() + 5), std::vector<float>(actual.begin() + 5, actual.end()));
}

// A 4:2:2 image as its pixels: Y per pixel, U and V per 2 pixels across (the same U V for
// AYUV444's pixel pairs), A per pixel; deterministic.
struct Yuv422 {
  int64_t w, h;
  std::vector<int> y, u, v, a;
};

Yuv422 MakeYuv422(int64_t w, int64_t h, int seed) {
  Yuv422 p{w, h, {}, {}, {}, {}};
  for (int64_t i = 0; i < w * h; ++i) {
    const int64_t x = i % w, row = i / w;
    p.y.push_back(static_cast<int>(16 + (i * 37 + seed * 11) % 220));
    p.u.push_back(static_cast<int>(40 + ((x / 2) * 53 + row * 29 + seed * 7) % 180));
    p.v.push_back(static_cast<int>(40 + ((x / 2) * 31 + row * 67 + seed * 5) % 180));
    p.a.push_back(static_cast<int>((i * 13 + seed) % 256));
  }
  return p;
}

// The documented layouts: YUYV (Y0 U Y1 V), YUV422SP (Y plane, then U V pairs for every row),
// AYUV444 (A Y U V per pixel).
std::vector<uint8_t> Store(const Yuv422& p, const std::string& format) {
  const int64_t w = p.w, h = p.h;
  std::vector<uint8_t> out(static_cast<size_t>(w * h * (format == "AYUV444_U8" ? 4 : 2)));
  for (int64_t i = 0; i < w * h; ++i) {
    const int64_t x = i % w, row = i / w;
    if (format == "YUYV_U8") {
      out[row * w * 2 + x * 2] = static_cast<uint8_t>(p.y[i]);
      out[row * w * 2 + (x / 2) * 4 + 1] = static_cast<uint8_t>(p.u[i]);
      out[row * w * 2 + (x / 2) * 4 + 3] = static_cast<uint8_t>(p.v[i]);
    } else if (format == "YUV422SP_U8") {
      out[i] = static_cast<uint8_t>(p.y[i]);
      out[w * h + row * w + (x / 2) * 2] = static_cast<uint8_t>(p.u[i]);
      out[w * h + row * w + (x / 2) * 2 + 1] = static_cast<uint8_t>(p.v[i]);
    } else {
      const int values[4] = {p.a[i], p.y[i], p.u[i], p.v[i]};
      for (int k = 0; k < 4; ++k) out[i * 4 + k] = static_cast<uint8_t>(values[k]);
    }
  }
  return out;
}

// BT.601 narrow to RGB of the pixels (x0, y0) + [kW x kH], normalised, NCHW.
std::vector<float> ReferenceRgb(const Yuv422& p, int64_t x0, int64_t y0, const float mean[3], const float var_reci[3]) {
  std::vector<float> out(static_cast<size_t>(3 * kW * kH));
  for (int64_t y = 0; y < kH; ++y) {
    for (int64_t x = 0; x < kW; ++x) {
      const int64_t i = (y0 + y) * p.w + x0 + x;
      const int yuv[3] = {p.y[i], p.u[i], p.v[i]};
      for (int k = 0; k < 3; ++k) {
        double sum = 0;
        for (int j = 0; j < 3; ++j) sum += kBt601[k * 3 + j] * (yuv[j] - kBias[j]);
        const double rgb = std::clamp(std::floor(sum / 256.0), 0.0, 255.0);
        out[(k * kH + y) * kW + x] = (static_cast<float>(rgb) - mean[k]) * var_reci[k];
      }
    }
  }
  return out;
}

TEST_F(AippTest, StaticYuyvYuv422spAndAyuv444GiveTheLogitsOfTheirRgbThroughThePlainModel) {
  struct Format {
    const char* name;
    aclAippInputFormat value;
    size_t bytes;                 // documented: w * h * 2 (YUYV, YUV422SP), * 4 (AYUV444)
    std::vector<int64_t> dims_v2;  // aclmdlGetInputDimsV2
    const char* extra;             // AYUV444: A moved last so that channels 0-2 are the colours
  };
  const Format formats[] = {{"YUYV_U8", ACL_YUYV_U8, kW * kH * 2, {1, kH, kW, 2}, ""},
                            {"YUV422SP_U8", ACL_YUV422SP_U8, kW * kH * 2, {1, kH * 2, kW, 1}, ""},
                            {"AYUV444_U8", ACL_AYUV444_U8, kW * kH * 4, {1, kH, kW, 4}, "  ax_swap_switch : true\n"}};
  const Loaded plain = Load(TinyCnn(), "plain", "");
  const float mean[3] = {104, 117, 123}, var[3] = {0.017f, 0.0175f, 0.0174f};
  for (const Format& f : formats) {
    SCOPED_TRACE(f.name);
    const std::string config = std::string("aipp_op {\n  aipp_mode : static\n  input_format : ") + f.name +
                               "\n  src_image_size_w : 8\n  src_image_size_h : 8\n" + kBt601Csc + f.extra +
                               "  mean_chn_0 : 104\n  mean_chn_1 : 117\n  mean_chn_2 : 123\n"
                               "  var_reci_chn_0 : 0.017\n  var_reci_chn_1 : 0.0175\n  var_reci_chn_2 : 0.0174\n}\n";
    const Loaded aipp = Load(TinyCnn(), std::string("aipp_") + f.name, config);
    EXPECT_EQ(aclmdlGetInputSizeByIndex(aipp.desc, 0), f.bytes);
    EXPECT_EQ(aclmdlGetInputDataType(aipp.desc, 0), ACL_UINT8);
    aclmdlIODims dims{};
    ASSERT_EQ(aclmdlGetInputDimsV2(aipp.desc, 0, &dims), ACL_SUCCESS);
    EXPECT_EQ(std::vector<int64_t>(dims.dims, dims.dims + dims.dimCount), f.dims_v2);
    auto info = std::make_unique<aclAippInfo>();
    ASSERT_EQ(aclmdlGetFirstAippInfo(aipp.id, 0, info.get()), ACL_SUCCESS) << RecentErrMsg();
    EXPECT_EQ(info->inputFormat, f.value);
    std::vector<std::vector<float>> logits;
    for (int seed = 0; seed < 2; ++seed) {
      const Yuv422 image = MakeYuv422(kW, kH, seed);
      SetInput(plain, 0, ReferenceRgb(image, 0, 0, mean, var));
      SetInput(aipp, 0, Store(image, f.name));
      logits.push_back(Run(plain));
      ExpectSameLogits(Run(aipp), logits.back());
    }
    EXPECT_NE(logits[0], logits[1]);  // the images make a difference
  }
}

// Dynamic AIPP with aclmdlSetAIPPInputFormat(ACL_YUYV_U8): a 12x9 image cropped at (4, 1).
TEST_F(AippTest, DynamicYuyvWithACropGivesTheLogitsOfItsRgb) {
  const Loaded plain = Load(TinyCnn(), "plain", "");
  const Loaded m = Load(TinyCnn(), "dyn", "aipp_op {\n aipp_mode: dynamic\n max_src_image_size: 256\n}\n");
  const int64_t src_w = 12, src_h = 9;
  aclmdlAIPP* set = aclmdlCreateAIPP(1);
  ASSERT_NE(set, nullptr);
  ASSERT_EQ(aclmdlSetAIPPInputFormat(set, ACL_YUYV_U8), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(aclmdlSetAIPPSrcImageSize(set, 11, src_h), ACL_ERROR_INVALID_PARAM);  // documented: even width
  ASSERT_EQ(aclmdlSetAIPPSrcImageSize(set, src_w, src_h), ACL_SUCCESS);          // an odd height is fine
  ASSERT_EQ(aclmdlSetAIPPCscParams(set, 1, 298, 0, 409, 298, -100, -208, 298, 516, 0, 0, 0, 0, 16, 128, 128), ACL_SUCCESS);
  ASSERT_EQ(aclmdlSetAIPPDtcPixelMean(set, 100, 110, 120, 0, 0), ACL_SUCCESS);
  ASSERT_EQ(aclmdlSetAIPPPixelVarReci(set, 0.015625f, 0.0078125f, 0.03125f, 1.0f, 0), ACL_SUCCESS);
  ASSERT_EQ(aclmdlSetAIPPCropParams(set, 1, 3, 1, kW, kH, 0), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetInputAIPP(m.id, m.inputs, 1, set), ACL_ERROR_INVALID_PARAM);  // odd crop start in W
  EXPECT_NE(RecentErrMsg().find("must be even in W"), std::string::npos);
  ASSERT_EQ(aclmdlSetAIPPCropParams(set, 1, 4, 1, kW, kH, 0), ACL_SUCCESS);
  ASSERT_EQ(aclmdlSetInputAIPP(m.id, m.inputs, 1, set), ACL_SUCCESS) << RecentErrMsg();
  const Yuv422 image = MakeYuv422(src_w, src_h, 3);
  std::vector<uint8_t> bytes = Store(image, "YUYV_U8");
  bytes.resize(256, 0);
  SetInput(m, 0, bytes);
  const float mean[3] = {100, 110, 120}, var[3] = {0.015625f, 0.0078125f, 0.03125f};
  SetInput(plain, 0, ReferenceRgb(image, 4, 1, mean, var));
  ExpectSameLogits(Run(m), Run(plain));
  EXPECT_EQ(aclmdlDestroyAIPP(set), ACL_SUCCESS);
}

TEST_F(AippTest, StaticAippIsDescribedByGetAippTypeAndGetFirstAippInfo) {
  const Loaded m = Load(Identity(3, 6, 6), "m",
                        "aipp_op {\n aipp_mode: static\n input_format: RGB888_U8\n src_image_size_w: 10\n"
                        " src_image_size_h: 8\n crop: true\n load_start_pos_w: 2\n load_start_pos_h: 1\n"
                        " crop_size_w: 6\n crop_size_h: 4\n padding: true\n top_padding_size: 1\n"
                        " bottom_padding_size: 1\n mean_chn_1: 7\n min_chn_2: 0.5\n var_reci_chn_0: 2.0\n}\n");
  aclmdlInputAippType type{};
  size_t attached = 0;
  ASSERT_EQ(aclmdlGetAippType(m.id, 0, &type, &attached), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(type, ACL_DATA_WITH_STATIC_AIPP);
  EXPECT_EQ(attached, 0xFFFFFFFFu);
  EXPECT_EQ(aclmdlGetAippType(m.id, 1, &type, &attached), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlGetInputSizeByIndex(m.desc, 0), 10u * 8 * 3);

  auto info = std::make_unique<aclAippInfo>();
  ASSERT_EQ(aclmdlGetFirstAippInfo(m.id, 0, info.get()), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(info->inputFormat, ACL_RGB888_U8);
  EXPECT_EQ(info->srcImageSizeW, 10);
  EXPECT_EQ(info->srcImageSizeH, 8);
  EXPECT_EQ(info->cropSwitch, 1);
  EXPECT_EQ(info->loadStartPosW, 2);
  EXPECT_EQ(info->loadStartPosH, 1);
  EXPECT_EQ(info->cropSizeW, 6);
  EXPECT_EQ(info->cropSizeH, 4);
  EXPECT_EQ(info->paddingSwitch, 1);
  EXPECT_EQ(info->topPaddingSize, 1);
  EXPECT_EQ(info->bottomPaddingSize, 1);
  EXPECT_EQ(info->leftPaddingSize, 0);
  EXPECT_EQ(info->cscSwitch, 0);
  EXPECT_EQ(info->meanChn1, 7);
  EXPECT_FLOAT_EQ(info->minChn2, 0.5f);
  EXPECT_FLOAT_EQ(info->varReciChn0, 2.0f);
  EXPECT_FLOAT_EQ(info->varReciChn1, 1.0f);
  EXPECT_EQ(info->srcFormat, ACL_FORMAT_NCHW);
  EXPECT_EQ(info->srcDatatype, ACL_FLOAT);
  EXPECT_EQ(info->srcDimNum, 4u);
  EXPECT_EQ(info->shapeCount, 1u);
  const aclAippDims& d = info->outDims[0];
  EXPECT_EQ(std::vector<int64_t>(d.srcDims.dims, d.srcDims.dims + d.srcDims.dimCount), (std::vector<int64_t>{1, 8, 10, 3}));
  EXPECT_EQ(d.srcSize, 10u * 8 * 3);
  EXPECT_EQ(std::vector<int64_t>(d.aippOutdims.dims, d.aippOutdims.dims + d.aippOutdims.dimCount),
            (std::vector<int64_t>{1, 3, 6, 6}));
  EXPECT_EQ(d.aippOutSize, 3u * 6 * 6 * 4);

  // A model without AIPP: no AIPP info.
  const Loaded plain = Load(Identity(3, 6, 6), "plain", "");
  ASSERT_EQ(aclmdlGetAippType(plain.id, 0, &type, &attached), ACL_SUCCESS);
  EXPECT_EQ(type, ACL_DATA_WITHOUT_AIPP);
  EXPECT_EQ(aclmdlGetFirstAippInfo(plain.id, 0, info.get()), ACL_ERROR_GE_AIPP_NOT_EXIST);
}

// One pixel of a packed RGB/XRGB image after the configured swaps, as the reference sees it.
struct Case {
  const char* name;
  const char* format;  // input_format
  int channels;        // bytes per pixel
  bool rbuv_swap, ax_swap;
  int model_channels;
};

TEST_F(AippTest, CropPaddingAndSwapsMatchAReference) {
  const Case cases[] = {{"rgb", "RGB888_U8", 3, false, false, 3},
                        {"bgr", "RGB888_U8", 3, true, false, 3},
                        {"xrgb_ax", "XRGB8888_U8", 4, false, true, 3},
                        {"xbgr_ax", "XRGB8888_U8", 4, true, true, 3},
                        {"xrgb", "XRGB8888_U8", 4, false, false, 4},
                        {"argb_ax", "ARGB8888_U8", 4, false, true, 3},
                        {"abgr_ax", "ARGB8888_U8", 4, true, true, 3},
                        {"argb", "ARGB8888_U8", 4, true, false, 4},
                        {"gray", "YUV400_U8", 1, false, false, 1}};
  const int64_t src_w = 10, src_h = 8, x0 = 2, y0 = 1, cw = 6, ch = 4, top = 1, bottom = 2, left = 3, right = 1;
  const int64_t out_w = cw + left + right, out_h = ch + top + bottom;
  const float mean[4] = {10, 20, 30, 40}, min[4] = {0.5f, 1.5f, 2.5f, 3.5f}, var[4] = {2.0f, 0.5f, 0.25f, 1.0f};
  const float pad_value = -3.0f;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::string config = std::string("aipp_op {\n aipp_mode: static\n input_format: ") + c.format +
                         "\n src_image_size_w: 10\n src_image_size_h: 8\n crop: true\n load_start_pos_w: 2\n"
                         " load_start_pos_h: 1\n crop_size_w: 6\n crop_size_h: 4\n padding: true\n"
                         " top_padding_size: 1\n bottom_padding_size: 2\n left_padding_size: 3\n"
                         " right_padding_size: 1\n padding_value: -3\n rbuv_swap_switch: " +
                         (c.rbuv_swap ? "true" : "false") + "\n ax_swap_switch: " + (c.ax_swap ? "true" : "false") +
                         "\n mean_chn_0: 10\n mean_chn_1: 20\n mean_chn_2: 30\n mean_chn_3: 40\n"
                         " min_chn_0: 0.5\n min_chn_1: 1.5\n min_chn_2: 2.5\n min_chn_3: 3.5\n"
                         " var_reci_chn_0: 2\n var_reci_chn_1: 0.5\n var_reci_chn_2: 0.25\n}\n";
    const Loaded m = Load(Identity(c.model_channels, out_h, out_w), c.name, config);
    std::vector<uint8_t> image(static_cast<size_t>(src_w * src_h * c.channels));
    for (size_t i = 0; i < image.size(); ++i) image[i] = static_cast<uint8_t>((i * 29 + 3) % 256);
    SetInput(m, 0, image);
    const std::vector<float> out = Run(m);
    ASSERT_EQ(out.size(), static_cast<size_t>(c.model_channels * out_h * out_w));
    for (int64_t k = 0; k < c.model_channels; ++k) {
      for (int64_t y = 0; y < out_h; ++y) {
        for (int64_t x = 0; x < out_w; ++x) {
          float expected = pad_value;
          const int64_t sx = x - left + x0, sy = y - top + y0;
          if (x >= left && x < left + cw && y >= top && y < top + ch) {
            const uint8_t* px = &image[static_cast<size_t>((sy * src_w + sx) * c.channels)];
            // Memory order R G B / X R G B / A R G B; rbuv_swap exchanges R and B, ax_swap moves X/A last.
            std::vector<int> v(px, px + c.channels);
            if (c.channels >= 3) {
              const size_t r = c.channels == 4 ? 1 : 0;
              if (c.rbuv_swap) std::swap(v[r], v[r + 2]);
              if (c.ax_swap) std::rotate(v.begin(), v.begin() + 1, v.end());
            }
            expected = (static_cast<float>(v[k]) - mean[k] - min[k]) * var[k];
          }
          ASSERT_EQ(out[(k * out_h + y) * out_w + x], expected) << "channel " << k << " at (" << x << ", " << y << ")";
        }
      }
    }
  }
}

TEST_F(AippTest, DynamicAippTakesItsParametersFromTheDataset) {
  const Loaded plain = Load(TinyCnn(), "plain", "");
  const Loaded m = Load(TinyCnn(), "dyn", "aipp_op {\n aipp_mode: dynamic\n max_src_image_size: 200\n}\n");
  ASSERT_EQ(aclmdlGetNumInputs(m.desc), 2u);
  size_t index = 0;
  ASSERT_EQ(aclmdlGetInputIndexByName(m.desc, ACL_DYNAMIC_AIPP_NAME, &index), ACL_SUCCESS);
  EXPECT_EQ(index, 1u);
  size_t size = 0;
  ASSERT_EQ(aclmdlGetAippDataSize(1, &size), ACL_SUCCESS);
  EXPECT_EQ(size, 160u);  // sizeof(kAippDynamicPara)
  EXPECT_EQ(aclmdlGetInputSizeByIndex(m.desc, 1), size);
  ASSERT_EQ(aclmdlGetAippDataSize(3, &size), ACL_SUCCESS);
  EXPECT_EQ(size, 160u + 2 * 96);
  EXPECT_EQ(aclmdlGetInputSizeByIndex(m.desc, 0), 200u);
  aclmdlInputAippType type{};
  size_t attached = 0;
  ASSERT_EQ(aclmdlGetAippType(m.id, 0, &type, &attached), ACL_SUCCESS);
  EXPECT_EQ(type, ACL_DATA_WITH_DYNAMIC_AIPP);
  EXPECT_EQ(attached, 1u);
  ASSERT_EQ(aclmdlGetAippType(m.id, 1, &type, &attached), ACL_SUCCESS);
  EXPECT_EQ(type, ACL_DYNAMIC_AIPP_NODE);
  EXPECT_EQ(attached, 0xFFFFFFFFu);
  auto info = std::make_unique<aclAippInfo>();
  ASSERT_EQ(aclmdlGetFirstAippInfo(m.id, 0, info.get()), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(info->shapeCount, 1u);
  EXPECT_EQ(info->srcDimNum, 4u);
  EXPECT_EQ(info->outDims[0].aippOutSize, 3u * kH * kW * 4);

  // A 10x8 NV12 image cropped to the model's 8x8, with BT.601 and a normalisation whose
  // var_reci values are exact in float16 (the dynamic layout's type).
  const int64_t src_w = 10, src_h = 8;
  aclmdlAIPP* set = aclmdlCreateAIPP(1);
  ASSERT_NE(set, nullptr) << RecentErrMsg();
  ASSERT_EQ(aclmdlSetAIPPInputFormat(set, ACL_YUV420SP_U8), ACL_SUCCESS);
  ASSERT_EQ(aclmdlSetAIPPCscParams(set, 1, 298, 0, 409, 298, -100, -208, 298, 516, 0, 0, 0, 0, 16, 128, 128), ACL_SUCCESS);
  ASSERT_EQ(aclmdlSetAIPPSrcImageSize(set, src_w, src_h), ACL_SUCCESS);
  ASSERT_EQ(aclmdlSetAIPPCropParams(set, 1, 2, 0, kW, kH, 0), ACL_SUCCESS);
  ASSERT_EQ(aclmdlSetAIPPDtcPixelMean(set, 100, 110, 120, 0, 0), ACL_SUCCESS);
  ASSERT_EQ(aclmdlSetAIPPPixelVarReci(set, 0.015625f, 0.0078125f, 0.03125f, 1.0f, 0), ACL_SUCCESS);
  // The parameter input is index 1; the image input (0) is refused by aclmdlSetInputAIPP.
  EXPECT_EQ(aclmdlSetInputAIPP(m.id, m.inputs, 0, set), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclmdlSetInputAIPP(m.id, m.inputs, 1, set), ACL_SUCCESS) << RecentErrMsg();

  const std::vector<uint8_t> nv12 = Nv12(src_w, src_h, 5);
  std::vector<uint8_t> padded = nv12;
  padded.resize(200, 0);
  SetInput(m, 0, padded);
  // The reference: the same crop of the reference conversion.
  const float mean[3] = {100, 110, 120}, var[3] = {0.015625f, 0.0078125f, 0.03125f};
  const std::vector<float> full = ReferenceRgb(nv12, src_w, src_h, mean, var);
  std::vector<float> cropped;
  for (int k = 0; k < 3; ++k) {
    for (int64_t y = 0; y < kH; ++y) {
      for (int64_t x = 0; x < kW; ++x) cropped.push_back(full[(k * src_h + y) * src_w + x + 2]);
    }
  }
  SetInput(plain, 0, cropped);
  const std::vector<float> expected = Run(plain);
  ExpectSameLogits(Run(m), expected);

  // aclmdlSetAIPPByInputIndex takes the image input's index and writes the same place.
  ASSERT_EQ(aclmdlSetAIPPCropParams(set, 1, 0, 0, kW, kH, 0), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetAIPPByInputIndex(m.id, m.inputs, 1, set), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclmdlSetAIPPByInputIndex(m.id, m.inputs, 0, set), ACL_SUCCESS) << RecentErrMsg();
  cropped.clear();
  for (int k = 0; k < 3; ++k) {
    for (int64_t y = 0; y < kH; ++y) {
      for (int64_t x = 0; x < kW; ++x) cropped.push_back(full[(k * src_h + y) * src_w + x]);
    }
  }
  SetInput(plain, 0, cropped);
  ExpectSameLogits(Run(m), Run(plain));

  // A set that does not give the model's 8x8, or has no format, is refused and writes nothing.
  ASSERT_EQ(aclmdlSetAIPPCropParams(set, 0, 0, 0, 0, 0, 0), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetInputAIPP(m.id, m.inputs, 1, set), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("10x8"), std::string::npos);
  ExpectSameLogits(Run(m), Run(plain));
  // Parameters written by hand that do not fit fail the execution, not the process.
  std::vector<uint8_t> garbage(160, 0);
  SetInput(m, 1, garbage);
  EXPECT_EQ(aclmdlExecute(m.id, m.inputs, m.outputs), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("input format is 0"), std::string::npos);
  aclmdlAIPP* two = aclmdlCreateAIPP(2);
  EXPECT_EQ(aclmdlSetInputAIPP(m.id, m.inputs, 1, two), ACL_ERROR_INVALID_PARAM);  // batch 2 for a batch-1 model
  aclmdlAIPP* unformatted = aclmdlCreateAIPP(1);
  ASSERT_EQ(aclmdlSetAIPPSrcImageSize(unformatted, kW, kH), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetInputAIPP(m.id, m.inputs, 1, unformatted), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlDestroyAIPP(unformatted), ACL_SUCCESS);
  EXPECT_EQ(aclmdlDestroyAIPP(two), ACL_SUCCESS);
  EXPECT_EQ(aclmdlDestroyAIPP(set), ACL_SUCCESS);
}

TEST_F(AippTest, DynamicAippSettersCheckTheirDocumentedRanges) {
  EXPECT_EQ(aclmdlCreateAIPP(0), nullptr);
  EXPECT_EQ(aclmdlCreateAIPP(128), nullptr);
  size_t size = 0;
  EXPECT_EQ(aclmdlGetAippDataSize(0, &size), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlGetAippDataSize(1, nullptr), ACL_ERROR_INVALID_PARAM);
  aclmdlAIPP* set = aclmdlCreateAIPP(2);
  ASSERT_NE(set, nullptr);
  struct Expect {
    const char* what;
    aclError actual;
    aclError expected;
  };
  const Expect cases[] = {
      {"format 0", aclmdlSetAIPPInputFormat(set, static_cast<aclAippInputFormat>(0)), ACL_ERROR_INVALID_PARAM},
      {"format RAW10", aclmdlSetAIPPInputFormat(set, ACL_RAW10), ACL_ERROR_FEATURE_UNSUPPORTED},
      {"format NC1HWC0DI", aclmdlSetAIPPInputFormat(set, ACL_NC1HWC0DI_FP16), ACL_ERROR_FEATURE_UNSUPPORTED},
      {"format 15", aclmdlSetAIPPInputFormat(set, static_cast<aclAippInputFormat>(15)), ACL_ERROR_INVALID_PARAM},
      {"csc switch 2", aclmdlSetAIPPCscParams(set, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), ACL_ERROR_INVALID_PARAM},
      {"csc matrix", aclmdlSetAIPPCscParams(set, 1, -32678, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), ACL_ERROR_INVALID_PARAM},
      {"rbuv 2", aclmdlSetAIPPRbuvSwapSwitch(set, 2), ACL_ERROR_INVALID_PARAM},
      {"ax -1", aclmdlSetAIPPAxSwapSwitch(set, -1), ACL_ERROR_INVALID_PARAM},
      {"src w 1", aclmdlSetAIPPSrcImageSize(set, 1, 8), ACL_ERROR_INVALID_PARAM},
      {"src w 4097", aclmdlSetAIPPSrcImageSize(set, 4097, 8), ACL_ERROR_INVALID_PARAM},
      {"src h 0", aclmdlSetAIPPSrcImageSize(set, 8, 0), ACL_ERROR_INVALID_PARAM},
      {"scf in w 15", aclmdlSetAIPPScfParams(set, 1, 15, 16, 16, 16, 0), ACL_ERROR_INVALID_PARAM},
      {"scf out w 1921", aclmdlSetAIPPScfParams(set, 1, 1000, 16, 1921, 16, 0), ACL_ERROR_INVALID_PARAM},
      {"scf ratio", aclmdlSetAIPPScfParams(set, 1, 4096, 16, 16, 16, 0), ACL_ERROR_INVALID_PARAM},
      {"scf batch", aclmdlSetAIPPScfParams(set, 0, 0, 0, 0, 0, 2), ACL_ERROR_INVALID_PARAM},
      {"crop x 4096", aclmdlSetAIPPCropParams(set, 1, 4096, 0, 8, 8, 0), ACL_ERROR_INVALID_PARAM},
      {"crop w 0", aclmdlSetAIPPCropParams(set, 1, 0, 0, 0, 8, 0), ACL_ERROR_INVALID_PARAM},
      {"crop h 4097", aclmdlSetAIPPCropParams(set, 1, 0, 0, 8, 4097, 0), ACL_ERROR_INVALID_PARAM},
      {"crop batch", aclmdlSetAIPPCropParams(set, 1, 0, 0, 8, 8, 2), ACL_ERROR_INVALID_PARAM},
      {"crop switch", aclmdlSetAIPPCropParams(set, 3, 0, 0, 8, 8, 0), ACL_ERROR_INVALID_PARAM},
      {"padding 33", aclmdlSetAIPPPaddingParams(set, 1, 33, 0, 0, 0, 0), ACL_ERROR_INVALID_PARAM},
      {"padding -1", aclmdlSetAIPPPaddingParams(set, 1, 0, 0, -1, 0, 1), ACL_ERROR_INVALID_PARAM},
      {"padding batch", aclmdlSetAIPPPaddingParams(set, 1, 0, 0, 0, 0, 5), ACL_ERROR_INVALID_PARAM},
      {"mean 256", aclmdlSetAIPPDtcPixelMean(set, 256, 0, 0, 0, 0), ACL_ERROR_INVALID_PARAM},
      {"mean -1", aclmdlSetAIPPDtcPixelMean(set, 0, 0, 0, -1, 1), ACL_ERROR_INVALID_PARAM},
      {"min 255.5", aclmdlSetAIPPDtcPixelMin(set, 0, 255.5f, 0, 0, 0), ACL_ERROR_INVALID_PARAM},
      {"min -0.1", aclmdlSetAIPPDtcPixelMin(set, 0, 0, -0.1f, 0, 0), ACL_ERROR_INVALID_PARAM},
      {"var 65505", aclmdlSetAIPPPixelVarReci(set, 65505.0f, 1, 1, 1, 0), ACL_ERROR_INVALID_PARAM},
      {"var batch", aclmdlSetAIPPPixelVarReci(set, 1, 1, 1, 1, 2), ACL_ERROR_INVALID_PARAM},
      {"null set", aclmdlSetAIPPRbuvSwapSwitch(nullptr, 0), ACL_ERROR_INVALID_PARAM},
  };
  for (const Expect& e : cases) EXPECT_EQ(e.actual, e.expected) << e.what;
  // The limits themselves are accepted.
  EXPECT_EQ(aclmdlSetAIPPSrcImageSize(set, 4096, 1), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetAIPPCropParams(set, 1, 4095, 4095, 4096, 4096, 1), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetAIPPPaddingParams(set, 1, 32, 32, 32, 32, 1), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetAIPPDtcPixelMin(set, 255, 255, 255, 255, 1), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetAIPPPixelVarReci(set, -65504, 65504, 0, 1, 1), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetAIPPScfParams(set, 1, 256, 256, 16, 4096, 1), ACL_SUCCESS);
  // YUV420SP needs an even source size; YUV400 has no colour space conversion.
  EXPECT_EQ(aclmdlSetAIPPInputFormat(set, ACL_YUV420SP_U8), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetAIPPSrcImageSize(set, 9, 8), ACL_ERROR_INVALID_PARAM);
  // YUV422SP and YUYV need an even width only.
  EXPECT_EQ(aclmdlSetAIPPInputFormat(set, ACL_YUV422SP_U8), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetAIPPSrcImageSize(set, 9, 8), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlSetAIPPSrcImageSize(set, 8, 9), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetAIPPInputFormat(set, ACL_AYUV444_U8), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetAIPPSrcImageSize(set, 9, 9), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetAIPPInputFormat(set, ACL_YUV400_U8), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetAIPPCscParams(set, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlDestroyAIPP(set), ACL_SUCCESS);
  EXPECT_EQ(aclmdlDestroyAIPP(set), ACL_ERROR_INVALID_PARAM);  // a stale handle
}

TEST_F(AippTest, ConfigurationErrorsFailAtcNamingTheLineAndKey) {
  struct Bad {
    const char* config;
    const char* message;  // a part of atc's output
  };
  const Bad cases[] = {
      {"aipp_op {\n aipp_mode: static\n input_format: RGB888_U8\n colour: 1\n}\n", "bad.cfg:4: unknown key \"colour\""},
      {"aipp_op {\n aipp_mode: static\n input_format: RGB888_U8\n mean_chn_0: 256\n}\n",
       "bad.cfg:4: mean_chn_0: 256 is out of range [0, 255]"},
      {"aipp_op {\n aipp_mode: static\n input_format: RGB888_U8\n csc_switch: maybe\n}\n",
       "bad.cfg:4: csc_switch: \"maybe\" is not true or false"},
      {"aipp_op {\n aipp_mode: static\n input_format: RGB888_U8\n left_padding_size: 2.5\n}\n",
       "bad.cfg:4: left_padding_size: \"2.5\" is not an integer"},
      {"aipp_op {\n aipp_mode: static\n input_format: RGB565\n}\n", "bad.cfg:3: input_format: \"RGB565\" is not an AIPP"},
      {"# no format\naipp_op {\n aipp_mode: static\n}\n", "bad.cfg:2: a static aipp_op needs input_format"},
      {"aipp_op {\n input_format: RGB888_U8\n}\n", "bad.cfg:1: aipp_op needs aipp_mode"},
      {"aipp_op {\n aipp_mode: dynamic\n}\n", "bad.cfg:1: a dynamic aipp_op needs max_src_image_size"},
      {"aipp_op {\n aipp_mode: static\n input_format: RGB888_U8\n", "expected a key or }"},
      {"aipp_op {\n aipp_mode: static\n input_format: RGB888_U8\n related_input_rank: 1\n}\n",
       "related_input_rank 1 is out of range"},
      {"aipp_op {\n aipp_mode: static\n input_format: YUV420SP_U8\n src_image_size_w: 7\n src_image_size_h: 6\n}\n",
       "even width and height"},
      {"aipp_op {\n aipp_mode: static\n input_format: RGB888_U8\n src_image_size_w: 10\n src_image_size_h: 6\n}\n",
       "AIPP gives a 10x6 image"},
      {"aipp_op {\n aipp_mode: static\n input_format: YUV400_U8\n}\n", "has 3 channels, a YUV400_U8 image gives 1"},
      {"aipp_op {\n aipp_mode: static\n input_format: RAW10\n}\n", "input_format RAW10 is not supported by aclsim"},
      {"aipp_op {\n aipp_mode: static\n input_format: YUYV_U8\n src_image_size_w: 7\n src_image_size_h: 6\n}\n",
       "a YUYV_U8 source image needs an even width, not 7x6"},
      {"aipp_op {\n aipp_mode: static\n input_format: YUV422SP_U8\n src_image_size_w: 8\n src_image_size_h: 7\n"
       " crop: true\n load_start_pos_w: 1\n load_start_pos_h: 1\n crop_size_w: 6\n crop_size_h: 6\n}\n",
       "for YUV422SP_U8 the crop start (1, 1) must be even in W"},
      {"aipp_op {\n aipp_mode: static\n input_format: AYUV444_U8\n ax_swap_switch: true\n src_image_size_w: 7\n"
       " src_image_size_h: 6\n}\n", "AIPP gives a 7x6 image"},
  };
  for (const Bad& b : cases) {
    SCOPED_TRACE(b.config);
    WriteFile(dir_ / "bad.cfg", b.config);
    ASSERT_TRUE(SaveModel(Identity(3, 6, 6), dir_ / "bad.onnx"));
    const AtcResult atc = RunAtcWith({"--framework=5", "--model=" + (dir_ / "bad.onnx"), "--output=" + (dir_ / "bad"),
                                      "--soc_version=Ascend310", "--insert_op_conf=" + (dir_ / "bad.cfg")},
                                     dir_ / "atc.log");
    EXPECT_NE(atc.exit_status, 0);
    EXPECT_NE(atc.output.find(b.message), std::string::npos) << atc.output;
  }
}

}  // namespace
}  // namespace aclsim_e2e
