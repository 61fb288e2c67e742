// Single operators end to end, as AscendCL users run them: a CANN single-op JSON file compiled
// by atc, loaded with aclopSetModelDir, inputs copied to device memory, aclopExecuteV2 on a
// stream, and the outputs compared byte for byte with a reference computed here. The inputs are
// small integers, so every float result is exact whatever the summation order.
#include "e2e_util.h"

namespace aclsim_e2e {
namespace {

class SingleOpExecuteTest : public E2eTest {};

TEST_F(SingleOpExecuteTest, AddBroadcastsARowOverAMatrix) {
  Load(R"([{"op": "Add",
    "input_desc": [{"format": "ND", "shape": [2, 3], "type": "float"}, {"format": "ND", "shape": [3], "type": "float"}],
    "output_desc": [{"format": "ND", "shape": [2, 3], "type": "float"}]}])");
  const std::vector<float> a = {1, 2, 3, 4, 5, 6};
  const std::vector<float> b = {10, 20, 30};
  DeviceBuffer da(a), db(b), dy(6 * sizeof(float));
  Desc a_desc(ACL_FLOAT, {2, 3}), b_desc(ACL_FLOAT, {3}), y_desc(ACL_FLOAT, {2, 3});
  aclTensorDesc* inputs_desc[] = {a_desc.get(), b_desc.get()};
  aclDataBuffer* inputs[] = {da.buffer(), db.buffer()};
  aclTensorDesc* outputs_desc[] = {y_desc.get()};
  aclDataBuffer* outputs[] = {dy.buffer()};
  ASSERT_EQ(aclopExecuteV2("Add", 2, inputs_desc, inputs, 1, outputs_desc, outputs, nullptr, stream_), ACL_SUCCESS)
      << RecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(Bytes(dy.Read<float>()), Bytes(std::vector<float>{11, 22, 33, 14, 25, 36}));
}

TEST_F(SingleOpExecuteTest, CastFloatToFloat16RoundsLikeAclFloatToFloat16) {
  Load(R"([{"op": "Cast",
    "input_desc": [{"format": "ND", "shape": [5], "type": "float"}],
    "output_desc": [{"format": "ND", "shape": [5], "type": "float16"}],
    "attr": [{"name": "dst_type", "type": "int", "value": 1}]}])");
  const std::vector<float> x = {0.1f, -2.5f, 65504.0f, 1e-8f, 3.14159f};
  DeviceBuffer dx(x), dy(5 * sizeof(aclFloat16));
  Desc x_desc(ACL_FLOAT, {5}), y_desc(ACL_FLOAT16, {5});
  Attr attr;
  ASSERT_EQ(aclopSetAttrInt(attr.get(), "dst_type", ACL_FLOAT16), ACL_SUCCESS);
  aclTensorDesc* inputs_desc[] = {x_desc.get()};
  aclDataBuffer* inputs[] = {dx.buffer()};
  aclTensorDesc* outputs_desc[] = {y_desc.get()};
  aclDataBuffer* outputs[] = {dy.buffer()};
  ASSERT_EQ(aclopExecuteV2("Cast", 1, inputs_desc, inputs, 1, outputs_desc, outputs, attr.get(), stream_), ACL_SUCCESS)
      << RecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(Bytes(dy.Read<aclFloat16>()), Bytes(ToHalf(x)));
}

TEST_F(SingleOpExecuteTest, AclopCastRunsTheLoadedCastModel) {
  Load(R"([{"op": "Cast",
    "input_desc": [{"format": "ND", "shape": [4], "type": "float"}],
    "output_desc": [{"format": "ND", "shape": [4], "type": "int32"}],
    "attr": [{"name": "dst_type", "type": "int", "value": 3}]}])");
  const std::vector<float> x = {1.9f, -1.9f, 7.0f, 0.0f};
  DeviceBuffer dx(x), dy(4 * sizeof(int32_t));
  Desc x_desc(ACL_FLOAT, {4}), y_desc(ACL_INT32, {4});
  ASSERT_EQ(aclopCast(x_desc.get(), dx.buffer(), y_desc.get(), dy.buffer(), 0, stream_), ACL_SUCCESS)
      << RecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(dy.Read<int32_t>(), (std::vector<int32_t>{1, -1, 7, 0}));  // toward zero, as C++ converts
}

TEST_F(SingleOpExecuteTest, AclopCreateHandleForCastRunsThroughExecWithHandle) {
  Load(R"([{"op": "Cast",
    "input_desc": [{"format": "ND", "shape": [3], "type": "int32"}],
    "output_desc": [{"format": "ND", "shape": [3], "type": "float"}],
    "attr": [{"name": "dst_type", "type": "int", "value": 0}]}])");
  const std::vector<int32_t> x = {-3, 0, 123456};
  DeviceBuffer dx(x), dy(3 * sizeof(float));
  Desc x_desc(ACL_INT32, {3}), y_desc(ACL_FLOAT, {3});
  aclopHandle* handle = nullptr;
  ASSERT_EQ(aclopCreateHandleForCast(x_desc.get(), y_desc.get(), 1, &handle), ACL_SUCCESS) << RecentErrMsg();
  const aclDataBuffer* inputs[] = {dx.buffer()};
  aclDataBuffer* outputs[] = {dy.buffer()};
  ASSERT_EQ(aclopExecWithHandle(handle, 1, inputs, 1, outputs, stream_), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg();
  aclopDestroyHandle(handle);
  EXPECT_EQ(Bytes(dy.Read<float>()), Bytes(std::vector<float>{-3.0f, 0.0f, 123456.0f}));
}

TEST_F(SingleOpExecuteTest, DynamicShapeModelRunsAnySizeInRangeAndUpdatesTheOutputDesc) {
  Load(R"([{"op": "Mul",
    "input_desc": [{"format": "ND", "shape": [-1, 2], "shape_range": [[1, 8], [2, 2]], "type": "int32"},
                   {"format": "ND", "shape": [-1, 2], "shape_range": [[1, 8], [2, 2]], "type": "int32"}],
    "output_desc": [{"format": "ND", "shape": [-1, 2], "shape_range": [[1, 8], [2, 2]], "type": "int32"}]}])");
  const std::vector<int32_t> a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const std::vector<int32_t> b = {2, 2, 3, 3, 4, 4, 5, 5, 6, 6};
  DeviceBuffer da(a), db(b), dy(10 * sizeof(int32_t));
  Desc a_desc(ACL_INT32, {5, 2}), b_desc(ACL_INT32, {5, 2}), y_desc(ACL_INT32, {-1, 2});
  aclTensorDesc* inputs_desc[] = {a_desc.get(), b_desc.get()};
  aclDataBuffer* inputs[] = {da.buffer(), db.buffer()};
  aclTensorDesc* outputs_desc[] = {y_desc.get()};
  aclDataBuffer* outputs[] = {dy.buffer()};
  ASSERT_EQ(aclopExecuteV2("Mul", 2, inputs_desc, inputs, 1, outputs_desc, outputs, nullptr, stream_), ACL_SUCCESS)
      << RecentErrMsg();
  EXPECT_EQ(y_desc.dims(), (std::vector<int64_t>{5, 2}));
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(dy.Read<int32_t>(), (std::vector<int32_t>{2, 4, 9, 12, 20, 24, 35, 40, 54, 60}));
}

TEST_F(SingleOpExecuteTest, DynamicShapeModelRejectsASizeOutsideItsRange) {
  Load(R"([{"op": "Mul",
    "input_desc": [{"format": "ND", "shape": [-1], "shape_range": [[1, 4]], "type": "int32"},
                   {"format": "ND", "shape": [-1], "shape_range": [[1, 4]], "type": "int32"}],
    "output_desc": [{"format": "ND", "shape": [-1], "shape_range": [[1, 4]], "type": "int32"}]}])");
  DeviceBuffer da(5 * sizeof(int32_t)), db(5 * sizeof(int32_t)), dy(5 * sizeof(int32_t));
  Desc a_desc(ACL_INT32, {5}), b_desc(ACL_INT32, {5}), y_desc(ACL_INT32, {-1});
  aclTensorDesc* inputs_desc[] = {a_desc.get(), b_desc.get()};
  aclDataBuffer* inputs[] = {da.buffer(), db.buffer()};
  aclTensorDesc* outputs_desc[] = {y_desc.get()};
  aclDataBuffer* outputs[] = {dy.buffer()};
  EXPECT_EQ(aclopExecuteV2("Mul", 2, inputs_desc, inputs, 1, outputs_desc, outputs, nullptr, stream_),
            ACL_ERROR_OP_NOT_FOUND);
  EXPECT_NE(RecentErrMsg().find("outside the model's range [1, 4]"), std::string::npos);
}

TEST_F(SingleOpExecuteTest, MatMulV2TransposesBothOperands) {
  Load(R"([{"op": "MatMulV2",
    "input_desc": [{"format": "ND", "shape": [3, 2], "type": "float"}, {"format": "ND", "shape": [4, 3], "type": "float"}],
    "output_desc": [{"format": "ND", "shape": [2, 4], "type": "float"}],
    "attr": [{"name": "transpose_x1", "type": "bool", "value": true},
             {"name": "transpose_x2", "type": "bool", "value": true}]}])");
  const int m = 2, n = 4, k = 3;
  std::vector<float> x1(k * m), x2(n * k);  // stored [k, m] and [n, k]
  for (int i = 0; i < k * m; ++i) x1[i] = static_cast<float>(i % 5 - 2);
  for (int i = 0; i < n * k; ++i) x2[i] = static_cast<float>(i % 7 - 3);
  std::vector<float> expected(m * n, 0.0f);
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j < n; ++j) {
      for (int p = 0; p < k; ++p) expected[i * n + j] += x1[p * m + i] * x2[j * k + p];
    }
  }
  DeviceBuffer d1(x1), d2(x2), dy(m * n * sizeof(float));
  Desc x1_desc(ACL_FLOAT, {3, 2}), x2_desc(ACL_FLOAT, {4, 3}), y_desc(ACL_FLOAT, {2, 4});
  Attr attr;
  ASSERT_EQ(aclopSetAttrBool(attr.get(), "transpose_x1", 1), ACL_SUCCESS);
  ASSERT_EQ(aclopSetAttrBool(attr.get(), "transpose_x2", 1), ACL_SUCCESS);
  aclTensorDesc* inputs_desc[] = {x1_desc.get(), x2_desc.get()};
  aclDataBuffer* inputs[] = {d1.buffer(), d2.buffer()};
  aclTensorDesc* outputs_desc[] = {y_desc.get()};
  aclDataBuffer* outputs[] = {dy.buffer()};
  ASSERT_EQ(aclopExecuteV2("MatMulV2", 2, inputs_desc, inputs, 1, outputs_desc, outputs, attr.get(), stream_),
            ACL_SUCCESS)
      << RecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(Bytes(dy.Read<float>()), Bytes(expected));
}

TEST_F(SingleOpExecuteTest, Conv2DWithStridesAndPadsMatchesADirectConvolution) {
  Load(R"([{"op": "Conv2D",
    "input_desc": [{"format": "NCHW", "shape": [1, 2, 5, 5], "type": "float"},
                   {"format": "NCHW", "shape": [3, 2, 3, 3], "type": "float"}],
    "output_desc": [{"format": "NCHW", "shape": [1, 3, 3, 3], "type": "float"}],
    "attr": [{"name": "strides", "type": "list_int", "value": [1, 1, 2, 2]},
             {"name": "pads", "type": "list_int", "value": [1, 1, 1, 1]},
             {"name": "dilations", "type": "list_int", "value": [1, 1, 1, 1]},
             {"name": "data_format", "type": "string", "value": "NCHW"}]}])");
  const int C = 2, H = 5, W = 5, O = 3, K = 3, S = 2, P = 1, OH = 3, OW = 3;
  std::vector<float> x(C * H * W), w(O * C * K * K);
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(static_cast<int>(i % 4) - 1);
  for (size_t i = 0; i < w.size(); ++i) w[i] = static_cast<float>(static_cast<int>(i % 3) - 1);
  std::vector<float> expected(O * OH * OW, 0.0f);
  for (int o = 0; o < O; ++o) {
    for (int oy = 0; oy < OH; ++oy) {
      for (int ox = 0; ox < OW; ++ox) {
        float sum = 0.0f;
        for (int c = 0; c < C; ++c) {
          for (int ky = 0; ky < K; ++ky) {
            for (int kx = 0; kx < K; ++kx) {
              const int iy = oy * S - P + ky, ix = ox * S - P + kx;
              if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
              sum += x[(c * H + iy) * W + ix] * w[((o * C + c) * K + ky) * K + kx];
            }
          }
        }
        expected[(o * OH + oy) * OW + ox] = sum;
      }
    }
  }
  DeviceBuffer dx(x), dw(w), dy(expected.size() * sizeof(float));
  Desc x_desc(ACL_FLOAT, {1, 2, 5, 5}, ACL_FORMAT_NCHW), w_desc(ACL_FLOAT, {3, 2, 3, 3}, ACL_FORMAT_NCHW);
  Desc y_desc(ACL_FLOAT, {1, 3, 3, 3}, ACL_FORMAT_NCHW);
  Attr attr;
  const int64_t strides[] = {1, 1, 2, 2}, pads[] = {1, 1, 1, 1}, dilations[] = {1, 1, 1, 1};
  ASSERT_EQ(aclopSetAttrListInt(attr.get(), "strides", 4, strides), ACL_SUCCESS);
  ASSERT_EQ(aclopSetAttrListInt(attr.get(), "pads", 4, pads), ACL_SUCCESS);
  ASSERT_EQ(aclopSetAttrListInt(attr.get(), "dilations", 4, dilations), ACL_SUCCESS);
  ASSERT_EQ(aclopSetAttrString(attr.get(), "data_format", "NCHW"), ACL_SUCCESS);
  aclTensorDesc* inputs_desc[] = {x_desc.get(), w_desc.get()};
  aclDataBuffer* inputs[] = {dx.buffer(), dw.buffer()};
  aclTensorDesc* outputs_desc[] = {y_desc.get()};
  aclDataBuffer* outputs[] = {dy.buffer()};
  ASSERT_EQ(aclopExecuteV2("Conv2D", 2, inputs_desc, inputs, 1, outputs_desc, outputs, attr.get(), stream_),
            ACL_SUCCESS)
      << RecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(Bytes(dy.Read<float>()), Bytes(expected));
}

TEST_F(SingleOpExecuteTest, CreateHandleThenExecWithHandleRunsTheMatchedModel) {
  Load(R"([{"op": "Sub",
    "input_desc": [{"format": "ND", "shape": [4], "type": "int32"}, {"format": "ND", "shape": [4], "type": "int32"}],
    "output_desc": [{"format": "ND", "shape": [4], "type": "int32"}]}])");
  const std::vector<int32_t> a = {10, 20, 30, 40}, b = {1, 2, 3, 50};
  DeviceBuffer da(a), db(b), dy(4 * sizeof(int32_t));
  Desc a_desc(ACL_INT32, {4}), b_desc(ACL_INT32, {4}), y_desc(ACL_INT32, {4});
  const aclTensorDesc* inputs_desc[] = {a_desc.get(), b_desc.get()};
  const aclTensorDesc* outputs_desc[] = {y_desc.get()};
  aclopHandle* handle = nullptr;
  ASSERT_EQ(aclopCreateHandle("Sub", 2, inputs_desc, 1, outputs_desc, nullptr, &handle), ACL_SUCCESS)
      << RecentErrMsg();
  const aclDataBuffer* inputs[] = {da.buffer(), db.buffer()};
  aclDataBuffer* outputs[] = {dy.buffer()};
  ASSERT_EQ(aclopExecWithHandle(handle, 2, inputs, 1, outputs, stream_), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg();
  aclopDestroyHandle(handle);
  EXPECT_EQ(dy.Read<int32_t>(), (std::vector<int32_t>{9, 18, 27, -10}));
}

TEST_F(SingleOpExecuteTest, CreateHandleWithoutAMatchingModelIsOpNotFound) {
  Desc a_desc(ACL_INT64, {7}), y_desc(ACL_INT64, {7});
  const aclTensorDesc* inputs_desc[] = {a_desc.get(), a_desc.get()};
  const aclTensorDesc* outputs_desc[] = {y_desc.get()};
  aclopHandle* handle = nullptr;
  EXPECT_EQ(aclopCreateHandle("Maximum", 2, inputs_desc, 1, outputs_desc, nullptr, &handle), ACL_ERROR_OP_NOT_FOUND);
  EXPECT_EQ(handle, nullptr);
}

TEST_F(SingleOpExecuteTest, InferShapeGivesTheBroadcastOutputShapeWithoutAnyModel) {
  Desc a_desc(ACL_FLOAT, {4, 1, 3}), b_desc(ACL_FLOAT, {2, 1}), y_desc(ACL_FLOAT, {-2});
  aclTensorDesc* inputs_desc[] = {a_desc.get(), b_desc.get()};
  aclTensorDesc* outputs_desc[] = {y_desc.get()};
  ASSERT_EQ(aclopInferShape("Add", 2, inputs_desc, nullptr, 1, outputs_desc, nullptr), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(y_desc.dims(), (std::vector<int64_t>{4, 2, 3}));
}

}  // namespace
}  // namespace aclsim_e2e
