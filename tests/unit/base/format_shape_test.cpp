// ShapeInFormat: the shape half of aclTransTensorDescFormat, and BlockC0.
#include "base/format_shape.h"

#include <gtest/gtest.h>

#include <vector>

#include "common/error.h"

namespace aclsim {
namespace {

using Dims = std::vector<int64_t>;

// The code ShapeInFormat fails with, or ACL_SUCCESS.
aclError CodeOf(const Dims& dims, aclFormat from, aclFormat to, aclDataType type = ACL_FLOAT16) {
  try {
    ShapeInFormat(dims, from, to, type);
  } catch (const Error& e) {
    return e.code();
  }
  return ACL_SUCCESS;
}

// ---- BlockC0 ----

TEST(BlockC0, Float16Is16) { EXPECT_EQ(BlockC0(ACL_FLOAT16), 16); }
TEST(BlockC0, FloatIs16) { EXPECT_EQ(BlockC0(ACL_FLOAT), 16); }
TEST(BlockC0, Int8Is32) { EXPECT_EQ(BlockC0(ACL_INT8), 32); }
TEST(BlockC0, Uint8Is32) { EXPECT_EQ(BlockC0(ACL_UINT8), 32); }

// ---- plain layouts among themselves ----

TEST(ShapeInFormat, SameFormatKeepsTheShape) {
  EXPECT_EQ(ShapeInFormat({1, 1, 8, 8, 16}, ACL_FORMAT_NC1HWC0, ACL_FORMAT_NC1HWC0, ACL_FLOAT16),
            (Dims{1, 1, 8, 8, 16}));
}

TEST(ShapeInFormat, NchwToNhwcPermutes) {
  EXPECT_EQ(ShapeInFormat({1, 3, 224, 220}, ACL_FORMAT_NCHW, ACL_FORMAT_NHWC, ACL_FLOAT), (Dims{1, 224, 220, 3}));
}

TEST(ShapeInFormat, NhwcToNchwPermutes) {
  EXPECT_EQ(ShapeInFormat({1, 224, 220, 3}, ACL_FORMAT_NHWC, ACL_FORMAT_NCHW, ACL_FLOAT), (Dims{1, 3, 224, 220}));
}

TEST(ShapeInFormat, NchwToNdKeepsTheDims) {
  EXPECT_EQ(ShapeInFormat({1, 3, 4, 5}, ACL_FORMAT_NCHW, ACL_FORMAT_ND, ACL_FLOAT), (Dims{1, 3, 4, 5}));
}

TEST(ShapeInFormat, NdToNhwcKeepsTheDims) {
  EXPECT_EQ(ShapeInFormat({1, 3, 4, 5}, ACL_FORMAT_ND, ACL_FORMAT_NHWC, ACL_FLOAT), (Dims{1, 3, 4, 5}));
}

TEST(ShapeInFormat, NdOfRankThreeToNchwIsInvalidParam) {
  EXPECT_EQ(CodeOf({3, 4, 5}, ACL_FORMAT_ND, ACL_FORMAT_NCHW), ACL_ERROR_INVALID_PARAM);
}

TEST(ShapeInFormat, NchwOfRankThreeToNhwcIsInvalidParam) {
  EXPECT_EQ(CodeOf({3, 4, 5}, ACL_FORMAT_NCHW, ACL_FORMAT_NHWC), ACL_ERROR_INVALID_PARAM);
}

TEST(ShapeInFormat, NhwcOfRankFiveToNchwIsInvalidParam) {
  EXPECT_EQ(CodeOf({1, 2, 3, 4, 5}, ACL_FORMAT_NHWC, ACL_FORMAT_NCHW), ACL_ERROR_INVALID_PARAM);
}

// ---- to NC1HWC0 ----

TEST(ShapeInFormat, NchwFloat16ToNc1hwc0) {
  EXPECT_EQ(ShapeInFormat({1, 3, 224, 224}, ACL_FORMAT_NCHW, ACL_FORMAT_NC1HWC0, ACL_FLOAT16),
            (Dims{1, 1, 224, 224, 16}));
}

TEST(ShapeInFormat, NchwInt8WithC33ToNc1hwc0) {
  EXPECT_EQ(ShapeInFormat({1, 33, 7, 7}, ACL_FORMAT_NCHW, ACL_FORMAT_NC1HWC0, ACL_INT8), (Dims{1, 2, 7, 7, 32}));
}

TEST(ShapeInFormat, NchwFloat16WithC32ToNc1hwc0HasNoPartialBlock) {
  EXPECT_EQ(ShapeInFormat({2, 32, 7, 7}, ACL_FORMAT_NCHW, ACL_FORMAT_NC1HWC0, ACL_FLOAT16), (Dims{2, 2, 7, 7, 16}));
}

TEST(ShapeInFormat, NhwcToNc1hwc0ReadsCLast) {
  EXPECT_EQ(ShapeInFormat({2, 5, 6, 17}, ACL_FORMAT_NHWC, ACL_FORMAT_NC1HWC0, ACL_FLOAT16), (Dims{2, 2, 5, 6, 16}));
}

TEST(ShapeInFormat, NdOfRankFourToNc1hwc0ReadsNchw) {
  EXPECT_EQ(ShapeInFormat({2, 17, 5, 6}, ACL_FORMAT_ND, ACL_FORMAT_NC1HWC0, ACL_FLOAT16), (Dims{2, 2, 5, 6, 16}));
}

TEST(ShapeInFormat, DynamicChannelStaysDynamicInNc1hwc0) {
  EXPECT_EQ(ShapeInFormat({1, -1, 5, 6}, ACL_FORMAT_NCHW, ACL_FORMAT_NC1HWC0, ACL_FLOAT16), (Dims{1, -1, 5, 6, 16}));
}

TEST(ShapeInFormat, NchwOfRankThreeToNc1hwc0IsInvalidParam) {
  EXPECT_EQ(CodeOf({3, 224, 224}, ACL_FORMAT_NCHW, ACL_FORMAT_NC1HWC0), ACL_ERROR_INVALID_PARAM);
}

TEST(ShapeInFormat, NdOfRankTwoToNc1hwc0IsInvalidParam) {
  EXPECT_EQ(CodeOf({5, 17}, ACL_FORMAT_ND, ACL_FORMAT_NC1HWC0), ACL_ERROR_INVALID_PARAM);
}

// ---- to FRACTAL_NZ ----

TEST(ShapeInFormat, NdFloatMatrixToFractalNz) {
  EXPECT_EQ(ShapeInFormat({5, 17}, ACL_FORMAT_ND, ACL_FORMAT_FRACTAL_NZ, ACL_FLOAT), (Dims{2, 1, 16, 16}));
}

TEST(ShapeInFormat, NdInt8MatrixToFractalNzUsesC0Of32) {
  EXPECT_EQ(ShapeInFormat({5, 33}, ACL_FORMAT_ND, ACL_FORMAT_FRACTAL_NZ, ACL_INT8), (Dims{2, 1, 16, 32}));
}

TEST(ShapeInFormat, FractalNzKeepsBatchDims) {
  EXPECT_EQ(ShapeInFormat({4, 7, 33, 16}, ACL_FORMAT_ND, ACL_FORMAT_FRACTAL_NZ, ACL_FLOAT16),
            (Dims{4, 7, 1, 3, 16, 16}));
}

TEST(ShapeInFormat, VectorToFractalNzIsOneRow) {
  EXPECT_EQ(ShapeInFormat({17}, ACL_FORMAT_ND, ACL_FORMAT_FRACTAL_NZ, ACL_FLOAT16), (Dims{2, 1, 16, 16}));
}

TEST(ShapeInFormat, NchwToFractalNzUsesTheLastTwoDims) {
  EXPECT_EQ(ShapeInFormat({1, 3, 20, 40}, ACL_FORMAT_NCHW, ACL_FORMAT_FRACTAL_NZ, ACL_FLOAT16),
            (Dims{1, 3, 3, 2, 16, 16}));
}

TEST(ShapeInFormat, ScalarToFractalNzIsInvalidParam) {
  EXPECT_EQ(CodeOf({}, ACL_FORMAT_ND, ACL_FORMAT_FRACTAL_NZ), ACL_ERROR_INVALID_PARAM);
}

// ---- unsupported pairs ----

TEST(ShapeInFormat, Nc1hwc0ToNchwIsFeatureUnsupported) {
  EXPECT_EQ(CodeOf({1, 1, 8, 8, 16}, ACL_FORMAT_NC1HWC0, ACL_FORMAT_NCHW), ACL_ERROR_FEATURE_UNSUPPORTED);
}

TEST(ShapeInFormat, FractalNzToNdIsFeatureUnsupported) {
  EXPECT_EQ(CodeOf({2, 1, 16, 16}, ACL_FORMAT_FRACTAL_NZ, ACL_FORMAT_ND), ACL_ERROR_FEATURE_UNSUPPORTED);
}

TEST(ShapeInFormat, NchwToFractalZIsFeatureUnsupported) {
  EXPECT_EQ(CodeOf({16, 3, 3, 3}, ACL_FORMAT_NCHW, ACL_FORMAT_FRACTAL_Z), ACL_ERROR_FEATURE_UNSUPPORTED);
}

TEST(ShapeInFormat, NchwToHwcnIsFeatureUnsupported) {
  EXPECT_EQ(CodeOf({16, 3, 3, 3}, ACL_FORMAT_NCHW, ACL_FORMAT_HWCN), ACL_ERROR_FEATURE_UNSUPPORTED);
}

}  // namespace
}  // namespace aclsim
