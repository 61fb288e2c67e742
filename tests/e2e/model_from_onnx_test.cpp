// ONNX models through atc and aclmdl end to end: dynamic gears (--dynamic_batch_size,
// --dynamic_image_size, --dynamic_dims) selected with the aclmdlSetDynamic* calls, the I/O types
// of --input_fp16_nodes and --output_type, and --precision_mode changing what the executor
// computes in.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "e2e_util.h"
#include "onnx_builder.h"

namespace aclsim_e2e {
namespace {

class ModelFromOnnxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
    ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  }
  void TearDown() override {
    for (void* p : buffers_) aclrtFree(p);
    if (model_id_ != 0) {
      EXPECT_EQ(aclmdlUnload(model_id_), ACL_SUCCESS);
    }
    if (desc_ != nullptr) aclmdlDestroyDesc(desc_);
    EXPECT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
    EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
  }

  AtcResult Convert(const onnx::ModelProto& model, const std::vector<std::string>& options) {
    EXPECT_TRUE(SaveModel(model, dir_ / "m.onnx"));
    std::vector<std::string> args = {"--framework=5", "--model=" + (dir_ / "m.onnx"), "--output=" + (dir_ / "m"),
                                     "--soc_version=Ascend310"};
    args.insert(args.end(), options.begin(), options.end());
    return RunAtcWith(args, dir_ / "atc.log");
  }
  void Load() {
    ASSERT_EQ(aclmdlLoadFromFile((dir_ / "m.om").c_str(), &model_id_), ACL_SUCCESS) << RecentErrMsg();
    desc_ = aclmdlCreateDesc();
    ASSERT_EQ(aclmdlGetDesc(desc_, model_id_), ACL_SUCCESS);
  }
  void* Buffer(size_t bytes) {
    void* p = nullptr;
    EXPECT_EQ(aclrtMalloc(&p, bytes, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
    buffers_.push_back(p);
    return p;
  }
  // Datasets over fresh device buffers of each input's and output's (largest-gear) size.
  void MakeDatasets() {
    inputs_ = aclmdlCreateDataset();
    outputs_ = aclmdlCreateDataset();
    for (size_t i = 0; i < aclmdlGetNumInputs(desc_); ++i) {
      const size_t size = aclmdlGetInputSizeByIndex(desc_, i);
      aclmdlAddDatasetBuffer(inputs_, aclCreateDataBuffer(Buffer(size), size));
    }
    for (size_t i = 0; i < aclmdlGetNumOutputs(desc_); ++i) {
      const size_t size = aclmdlGetOutputSizeByIndex(desc_, i);
      aclmdlAddDatasetBuffer(outputs_, aclCreateDataBuffer(Buffer(size), size));
    }
  }
  void DestroyDatasets() {
    for (aclmdlDataset* d : {inputs_, outputs_}) {
      for (size_t i = 0; i < aclmdlGetDatasetNumBuffers(d); ++i) aclDestroyDataBuffer(aclmdlGetDatasetBuffer(d, i));
      aclmdlDestroyDataset(d);
    }
  }
  void SetInput(size_t index, const std::vector<float>& values) {
    void* data = aclGetDataBufferAddr(aclmdlGetDatasetBuffer(inputs_, index));
    ASSERT_EQ(aclrtMemcpy(data, values.size() * 4, values.data(), values.size() * 4, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  }
  std::vector<float> Output(size_t index, size_t count) {
    std::vector<float> out(count);
    void* data = aclGetDataBufferAddr(aclmdlGetDatasetBuffer(outputs_, index));
    EXPECT_EQ(aclrtMemcpy(out.data(), count * 4, data, count * 4, ACL_MEMCPY_DEVICE_TO_HOST), ACL_SUCCESS);
    return out;
  }
  size_t GearIndex() {
    size_t index = 0;
    EXPECT_EQ(aclmdlGetInputIndexByName(desc_, ACL_DYNAMIC_TENSOR_NAME, &index), ACL_SUCCESS);
    return index;
  }

  TempDir dir_;
  uint32_t model_id_ = 0;
  aclmdlDesc* desc_ = nullptr;
  aclmdlDataset* inputs_ = nullptr;
  aclmdlDataset* outputs_ = nullptr;
  std::vector<void*> buffers_;
};

std::vector<float> Ramp(size_t count) {
  std::vector<float> v(count);
  for (size_t i = 0; i < count; ++i) v[i] = static_cast<float>(i % 5) - 2.0f;
  return v;
}

TEST_F(ModelFromOnnxTest, DynamicBatchModelRunsTheBatchItIsSetTo) {
  const AtcResult atc = Convert(ReluTimesTwo(), {"--input_shape=x:-1,2,3,3", "--dynamic_batch_size=1,2,4",
                                                 "--precision_mode=force_fp32"});
  ASSERT_EQ(atc.exit_status, 0) << atc.output;
  Load();
  aclmdlBatch batch{};
  ASSERT_EQ(aclmdlGetDynamicBatch(desc_, &batch), ACL_SUCCESS);
  ASSERT_EQ(batch.batchCount, 3u);
  EXPECT_EQ(aclmdlGetInputSizeByIndex(desc_, 0), 4u * 2 * 3 * 3 * 4);
  MakeDatasets();
  const std::vector<float> x = Ramp(2 * 2 * 3 * 3);
  SetInput(0, x);
  ASSERT_EQ(aclmdlSetDynamicBatchSize(model_id_, inputs_, GearIndex(), 2), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(aclmdlExecute(model_id_, inputs_, outputs_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(Output(0, x.size()), ReluTimesTwoOf(x));
  aclmdlIODims dims{};
  ASSERT_EQ(aclmdlGetCurOutputDims(desc_, 0, &dims), ACL_SUCCESS);
  EXPECT_EQ(dims.dims[0], 2);
  EXPECT_EQ(aclmdlSetDynamicBatchSize(model_id_, inputs_, GearIndex(), 3), ACL_ERROR_INVALID_PARAM);
  DestroyDatasets();
}

TEST_F(ModelFromOnnxTest, DynamicImageSizeModelRunsTheSizeItIsSetTo) {
  const AtcResult atc = Convert(ReluTimesTwo(), {"--input_shape=x:1,2,-1,-1", "--dynamic_image_size=2,2;3,4",
                                                 "--precision_mode=force_fp32"});
  ASSERT_EQ(atc.exit_status, 0) << atc.output;
  Load();
  aclmdlHW hw{};
  ASSERT_EQ(aclmdlGetDynamicHW(desc_, static_cast<size_t>(-1), &hw), ACL_SUCCESS);
  ASSERT_EQ(hw.hwCount, 2u);
  EXPECT_EQ(hw.hw[1][1], 4u);
  MakeDatasets();
  const std::vector<float> x = Ramp(1 * 2 * 3 * 4);
  SetInput(0, x);
  ASSERT_EQ(aclmdlSetDynamicHWSize(model_id_, inputs_, GearIndex(), 3, 4), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(aclmdlExecute(model_id_, inputs_, outputs_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(Output(0, x.size()), ReluTimesTwoOf(x));
  DestroyDatasets();
}

TEST_F(ModelFromOnnxTest, DynamicDimsModelRunsTheDimsItIsSetTo) {
  const AtcResult atc = Convert(ReluTimesTwo(), {"--input_shape=x:-1,2,-1,3", "--dynamic_dims=1,2;2,5",
                                                 "--precision_mode=force_fp32"});
  ASSERT_EQ(atc.exit_status, 0) << atc.output;
  Load();
  size_t count = 0;
  ASSERT_EQ(aclmdlGetInputDynamicGearCount(desc_, static_cast<size_t>(-1), &count), ACL_SUCCESS);
  ASSERT_EQ(count, 2u);
  std::vector<aclmdlIODims> gears(count);
  ASSERT_EQ(aclmdlGetInputDynamicDims(desc_, static_cast<size_t>(-1), gears.data(), count), ACL_SUCCESS);
  EXPECT_EQ(gears[1].dimCount, 4u);
  EXPECT_EQ(gears[1].dims[0], 2);
  EXPECT_EQ(gears[1].dims[2], 5);
  MakeDatasets();
  const std::vector<float> x = Ramp(2 * 2 * 5 * 3);
  SetInput(0, x);
  ASSERT_EQ(aclmdlSetInputDynamicDims(model_id_, inputs_, GearIndex(), &gears[1]), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(aclmdlExecute(model_id_, inputs_, outputs_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(Output(0, x.size()), ReluTimesTwoOf(x));
  DestroyDatasets();
}

TEST_F(ModelFromOnnxTest, AGearCountThatDoesNotFitTheMinusOnesIsAConversionError) {
  const AtcResult atc = Convert(ReluTimesTwo(), {"--input_shape=x:-1,2,-1,3", "--dynamic_dims=1;2"});
  EXPECT_EQ(atc.exit_status, 1);
  EXPECT_NE(atc.output.find("each gear needs 2"), std::string::npos) << atc.output;
}

TEST_F(ModelFromOnnxTest, MinusOneWithoutGearsIsAConversionError) {
  const AtcResult atc = Convert(ReluTimesTwo(), {"--input_shape=x:-1,2,3,3"});
  EXPECT_EQ(atc.exit_status, 1);
  EXPECT_NE(atc.output.find("--dynamic_batch_size"), std::string::npos) << atc.output;
}

TEST_F(ModelFromOnnxTest, AGraphWhoseConstantsDependOnTheGearIsRefused) {
  // The shape of x, folded to a constant at conversion, differs from gear to gear.
  onnx::ModelProto model = NewModel();
  onnx::GraphProto* g = model.mutable_graph();
  AddValueInfo(g->mutable_input(), "x", {-1, 3}, onnx::TensorProto::FLOAT, "N");
  AddNode(g, "Shape", {"x"}, {"s"});
  AddValueInfo(g->mutable_output(), "s", {2}, onnx::TensorProto::INT64);
  const AtcResult atc = Convert(model, {"--input_shape=x:-1,3", "--dynamic_batch_size=1,2"});
  EXPECT_EQ(atc.exit_status, 1);
  EXPECT_NE(atc.output.find("cannot take dynamic gears"), std::string::npos) << atc.output;
}

TEST_F(ModelFromOnnxTest, InputFp16NodesAndOutputTypeMakeTheModelTakeAndGiveFloat16) {
  const AtcResult atc = Convert(ReluTimesTwo(), {"--input_shape=x:1,2,3,3", "--precision_mode=force_fp32",
                                                 "--input_fp16_nodes=x", "--output_type=FP16"});
  ASSERT_EQ(atc.exit_status, 0) << atc.output;
  Load();
  EXPECT_EQ(aclmdlGetInputDataType(desc_, 0), ACL_FLOAT16);
  EXPECT_EQ(aclmdlGetOutputDataType(desc_, 0), ACL_FLOAT16);
  EXPECT_EQ(aclmdlGetInputSizeByIndex(desc_, 0), 18u * 2);
  EXPECT_STREQ(aclmdlGetInputNameByIndex(desc_, 0), "x");
  MakeDatasets();
  const std::vector<float> x = Ramp(18);
  const std::vector<aclFloat16> half = ToHalf(x);
  void* in = aclGetDataBufferAddr(aclmdlGetDatasetBuffer(inputs_, 0));
  ASSERT_EQ(aclrtMemcpy(in, 36, half.data(), 36, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  ASSERT_EQ(aclmdlExecute(model_id_, inputs_, outputs_), ACL_SUCCESS) << RecentErrMsg();
  std::vector<aclFloat16> y(18);
  ASSERT_EQ(aclrtMemcpy(y.data(), 36, aclGetDataBufferAddr(aclmdlGetDatasetBuffer(outputs_, 0)), 36,
                        ACL_MEMCPY_DEVICE_TO_HOST), ACL_SUCCESS);
  const std::vector<float> expected = ReluTimesTwoOf(x);
  for (size_t i = 0; i < y.size(); ++i) EXPECT_EQ(aclFloat16ToFloat(y[i]), expected[i]) << i;
  DestroyDatasets();
}

TEST_F(ModelFromOnnxTest, InputFp16NodesNamingNoInputIsAConversionError) {
  const AtcResult atc = Convert(ReluTimesTwo(), {"--input_shape=x:1,2,3,3", "--input_fp16_nodes=nope"});
  EXPECT_EQ(atc.exit_status, 1);
  EXPECT_NE(atc.output.find("no input \"nope\""), std::string::npos) << atc.output;
}

// The bundled example model, converted twice: force_fp32 reproduces the float32 reference
// closely; force_fp16 computes in float16 (rounded at every operator), so it lands near the
// reference but not on it — the executor really uses the precision atc chose.
TEST_F(ModelFromOnnxTest, Fp16PrecisionChangesTheNumericsAndFp32KeepsThem) {
  const std::string base = std::string(ACLSIM_EXAMPLE_MODELS) + "/tiny_cnn";
  const std::string input_bytes = ReadFile(base + "_input.bin"), expected_bytes = ReadFile(base + "_output.bin");
  ASSERT_EQ(input_bytes.size(), 784u * 4);
  std::vector<float> x(784), expected(10);
  std::memcpy(x.data(), input_bytes.data(), input_bytes.size());
  std::memcpy(expected.data(), expected_bytes.data(), expected_bytes.size());
  std::vector<std::vector<float>> results;
  for (const char* precision : {"force_fp32", "force_fp16"}) {
    const AtcResult atc = RunAtcWith({"--framework=5", "--model=" + base + ".onnx", "--output=" + (dir_ / "m"),
                                      "--soc_version=Ascend310", std::string("--precision_mode=") + precision},
                                     dir_ / "atc.log");
    ASSERT_EQ(atc.exit_status, 0) << atc.output;
    Load();
    EXPECT_EQ(aclmdlGetInputDataType(desc_, 0), ACL_FLOAT);  // the model's I/O keep the ONNX types
    MakeDatasets();
    SetInput(0, x);
    ASSERT_EQ(aclmdlExecute(model_id_, inputs_, outputs_), ACL_SUCCESS) << RecentErrMsg();
    results.push_back(Output(0, 10));
    DestroyDatasets();
    ASSERT_EQ(aclmdlUnload(model_id_), ACL_SUCCESS);
    model_id_ = 0;
    aclmdlDestroyDesc(desc_);
    desc_ = nullptr;
  }
  double fp32_error = 0, fp16_error = 0;
  for (size_t i = 0; i < 10; ++i) {
    fp32_error = std::max(fp32_error, std::fabs(static_cast<double>(results[0][i]) - expected[i]));
    fp16_error = std::max(fp16_error, std::fabs(static_cast<double>(results[1][i]) - expected[i]));
  }
  EXPECT_LT(fp32_error, 1e-5);
  EXPECT_LT(fp16_error, 5e-3);
  EXPECT_GT(fp16_error, fp32_error);  // float16 rounding shows
}

}  // namespace
}  // namespace aclsim_e2e
