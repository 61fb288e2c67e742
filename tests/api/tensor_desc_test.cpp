// aclTensorDesc: every getter and setter of acl_base.h.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "acl/acl.h"

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // aclGetTensorDescDim, aclSetTensorStorage*

namespace {

class TensorDesc : public ::testing::Test {
 protected:
  void SetUp() override { (void)aclGetRecentErrMsg(); }  // drop what earlier tests left

  void TearDown() override {
    for (aclTensorDesc* desc : owned_) aclDestroyTensorDesc(desc);
  }

  // Creates a descriptor destroyed at the end of the test (nullptr if creation failed).
  aclTensorDesc* Make(aclDataType type, const std::vector<int64_t>& dims, aclFormat format = ACL_FORMAT_ND) {
    aclTensorDesc* desc = aclCreateTensorDesc(type, static_cast<int>(dims.size()), dims.data(), format);
    if (desc != nullptr) owned_.push_back(desc);
    return desc;
  }

  // Takes ownership of a descriptor made elsewhere (aclTransTensorDescFormat).
  aclTensorDesc* Own(aclTensorDesc* desc) {
    if (desc != nullptr) owned_.push_back(desc);
    return desc;
  }

  // The shape through the public getters.
  static std::vector<int64_t> Dims(const aclTensorDesc* desc) {
    std::vector<int64_t> dims;
    const size_t count = aclGetTensorDescNumDims(desc);
    for (size_t i = 0; i < count && count != ACL_UNKNOWN_RANK; ++i) {
      int64_t dim = 0;
      EXPECT_EQ(aclGetTensorDescDimV2(desc, i, &dim), ACL_SUCCESS);
      dims.push_back(dim);
    }
    return dims;
  }

  static std::vector<int64_t> Range(const aclTensorDesc* desc, size_t index) {
    int64_t range[2] = {-100, -100};
    EXPECT_EQ(aclGetTensorDescDimRange(desc, index, 2, range), ACL_SUCCESS);
    return {range[0], range[1]};
  }

  static std::string RecentMessage() {
    const char* message = aclGetRecentErrMsg();
    return message == nullptr ? std::string() : std::string(message);
  }

  // Expects a recorded failure of `api` whose message contains `needle`.
  static void ExpectMessage(const char* api, const char* needle) {
    const std::string message = RecentMessage();
    EXPECT_NE(message.find(api), std::string::npos) << message;
    EXPECT_NE(message.find(needle), std::string::npos) << message;
  }

  std::vector<aclTensorDesc*> owned_;
};

using Dims64 = std::vector<int64_t>;

// ---- creation and the basic getters ----

TEST_F(TensorDesc, TypeIsTheCreatedType) {
  aclTensorDesc* desc = Make(ACL_FLOAT16, {2, 3});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescType(desc), ACL_FLOAT16);
}

TEST_F(TensorDesc, FormatIsTheCreatedFormat) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {1, 3, 8, 8}, ACL_FORMAT_NCHW);
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescFormat(desc), ACL_FORMAT_NCHW);
}

TEST_F(TensorDesc, DimsAreTheCreatedDims) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2, 3, 4});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(Dims(desc), (Dims64{2, 3, 4}));
}

TEST_F(TensorDesc, CreateCopiesTheDims) {
  int64_t dims[] = {2, 3};
  aclTensorDesc* desc = Own(aclCreateTensorDesc(ACL_FLOAT, 2, dims, ACL_FORMAT_ND));
  ASSERT_NE(desc, nullptr);
  dims[0] = 9;
  EXPECT_EQ(Dims(desc), (Dims64{2, 3}));
}

TEST_F(TensorDesc, SizeOfFloat16TwoByThreeByFourIs48Bytes) {
  aclTensorDesc* desc = Make(ACL_FLOAT16, {2, 3, 4});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescSize(desc), 48u);
}

TEST_F(TensorDesc, ElementCountOfTwoByThreeByFourIs24) {
  aclTensorDesc* desc = Make(ACL_FLOAT16, {2, 3, 4});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescElementCount(desc), 24u);
}

TEST_F(TensorDesc, SizeOfThreeInt4IsTwoBytes) {
  aclTensorDesc* desc = Make(ACL_INT4, {3});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescSize(desc), 2u);
}

TEST_F(TensorDesc, SizeOfNineUint1IsTwoBytes) {
  aclTensorDesc* desc = Make(ACL_UINT1, {9});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescSize(desc), 2u);
}

TEST_F(TensorDesc, SizeOfComplex128PairIs32Bytes) {
  aclTensorDesc* desc = Make(ACL_COMPLEX128, {2});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescSize(desc), 32u);
}

TEST_F(TensorDesc, SizeWithADynamicDimIsZero) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {-1, 4});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescSize(desc), 0u);
}

TEST_F(TensorDesc, ElementCountWithADynamicDimIsZero) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {-1, 4});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescElementCount(desc), 0u);
}

TEST_F(TensorDesc, ElementCountWithAZeroDimIsZero) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {0, 4});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescElementCount(desc), 0u);
}

TEST_F(TensorDesc, ScalarHasZeroDims) {
  aclTensorDesc* desc = Own(aclCreateTensorDesc(ACL_FLOAT, 0, nullptr, ACL_FORMAT_ND));
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescNumDims(desc), 0u);
}

TEST_F(TensorDesc, ScalarHoldsOneElement) {
  aclTensorDesc* desc = Own(aclCreateTensorDesc(ACL_FLOAT, 0, nullptr, ACL_FORMAT_ND));
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescElementCount(desc), 1u);
  EXPECT_EQ(aclGetTensorDescSize(desc), 4u);
}

TEST_F(TensorDesc, NumDimsOfTwoByThreeByFourIsThree) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2, 3, 4});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescNumDims(desc), 3u);
}

TEST_F(TensorDesc, NumDimsOfUnknownRankIsAclUnknownRank) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {-2});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescNumDims(desc), static_cast<size_t>(ACL_UNKNOWN_RANK));
  EXPECT_EQ(static_cast<size_t>(ACL_UNKNOWN_RANK), static_cast<size_t>(0xFFFFFFFFFFFFFFFEull));
}

TEST_F(TensorDesc, SizeOfUnknownRankIsZero) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {-2});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescSize(desc), 0u);
  EXPECT_EQ(aclGetTensorDescElementCount(desc), 0u);
}

TEST_F(TensorDesc, UndefinedTypeAndFormatAreAcceptedForAnOmittedOptionalInput) {
  aclTensorDesc* desc = Own(aclCreateTensorDesc(ACL_DT_UNDEFINED, 0, nullptr, ACL_FORMAT_UNDEFINED));
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescType(desc), ACL_DT_UNDEFINED);
  EXPECT_EQ(aclGetTensorDescFormat(desc), ACL_FORMAT_UNDEFINED);
}

TEST_F(TensorDesc, CreateDoesNotNeedAnInitializedLibrary) {
  EXPECT_NE(Make(ACL_FLOAT, {2}), nullptr);
  EXPECT_EQ(aclGetRecentErrMsg(), nullptr);
}

// ---- creation with bad arguments ----

TEST_F(TensorDesc, CreateWithNegativeNumDimsFails) {
  const int64_t dims[] = {2};
  EXPECT_EQ(Own(aclCreateTensorDesc(ACL_FLOAT, -1, dims, ACL_FORMAT_ND)), nullptr);
  ExpectMessage("aclCreateTensorDesc", "numDims");
}

TEST_F(TensorDesc, CreateWithMoreThan128DimsFails) {
  const std::vector<int64_t> dims(129, 1);
  EXPECT_EQ(Make(ACL_FLOAT, dims), nullptr);
  ExpectMessage("aclCreateTensorDesc", "numDims");
}

TEST_F(TensorDesc, CreateWithNullDimsAndTwoNumDimsFails) {
  EXPECT_EQ(Own(aclCreateTensorDesc(ACL_FLOAT, 2, nullptr, ACL_FORMAT_ND)), nullptr);
  ExpectMessage("aclCreateTensorDesc", "dims");
}

TEST_F(TensorDesc, CreateWithDimMinusThreeFails) {
  EXPECT_EQ(Make(ACL_FLOAT, {2, -3}), nullptr);
  ExpectMessage("aclCreateTensorDesc", "-3");
}

TEST_F(TensorDesc, CreateWithMinusTwoBesideOtherDimsFails) {
  EXPECT_EQ(Make(ACL_FLOAT, {-2, 3}), nullptr);
  ExpectMessage("aclCreateTensorDesc", "dims[0]");
}

TEST_F(TensorDesc, CreateWithUnknownDataTypeFails) {
  EXPECT_EQ(Make(static_cast<aclDataType>(99), {2}), nullptr);
  ExpectMessage("aclCreateTensorDesc", "dataType 99");
}

TEST_F(TensorDesc, CreateWithUnknownFormatFails) {
  EXPECT_EQ(Make(ACL_FLOAT, {2}, static_cast<aclFormat>(99)), nullptr);
  ExpectMessage("aclCreateTensorDesc", "format 99");
}

// ---- destroy and null handles ----

TEST_F(TensorDesc, DestroyNullDoesNothing) {
  aclDestroyTensorDesc(nullptr);
  EXPECT_EQ(aclGetRecentErrMsg(), nullptr);
}

TEST_F(TensorDesc, TypeOfNullIsUndefined) {
  EXPECT_EQ(aclGetTensorDescType(nullptr), ACL_DT_UNDEFINED);
  ExpectMessage("aclGetTensorDescType", "desc");
}

TEST_F(TensorDesc, FormatOfNullIsUndefined) {
  EXPECT_EQ(aclGetTensorDescFormat(nullptr), ACL_FORMAT_UNDEFINED);
  ExpectMessage("aclGetTensorDescFormat", "desc");
}

TEST_F(TensorDesc, SizeOfNullIsZero) {
  EXPECT_EQ(aclGetTensorDescSize(nullptr), 0u);
  ExpectMessage("aclGetTensorDescSize", "desc");
}

TEST_F(TensorDesc, ElementCountOfNullIsZero) {
  EXPECT_EQ(aclGetTensorDescElementCount(nullptr), 0u);
  ExpectMessage("aclGetTensorDescElementCount", "desc");
}

TEST_F(TensorDesc, NumDimsOfNullIsZero) {
  EXPECT_EQ(aclGetTensorDescNumDims(nullptr), 0u);
  ExpectMessage("aclGetTensorDescNumDims", "desc");
}

// ---- one dim ----

TEST_F(TensorDesc, DeprecatedDimReturnsTheDim) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2, 3, 4});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescDim(desc, 2), 4);
}

TEST_F(TensorDesc, DeprecatedDimOutOfRangeIsMinusOne) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2, 3, 4});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescDim(desc, 3), -1);
}

TEST_F(TensorDesc, DeprecatedDimOfNullIsMinusOne) {
  EXPECT_EQ(aclGetTensorDescDim(nullptr, 0), -1);
  ExpectMessage("aclGetTensorDescDim", "desc");
}

TEST_F(TensorDesc, DimV2ReturnsTheDim) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2, -1, 4});
  ASSERT_NE(desc, nullptr);
  int64_t dim = 0;
  ASSERT_EQ(aclGetTensorDescDimV2(desc, 1, &dim), ACL_SUCCESS);
  EXPECT_EQ(dim, -1);
}

TEST_F(TensorDesc, DimV2OutOfRangeReturnsInvalidParam) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2, 3, 4});
  ASSERT_NE(desc, nullptr);
  int64_t dim = 77;
  EXPECT_EQ(aclGetTensorDescDimV2(desc, 3, &dim), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(dim, 77);
  ExpectMessage("aclGetTensorDescDimV2", "index 3");
}

TEST_F(TensorDesc, DimV2WithNullResultReturnsInvalidParam) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescDimV2(desc, 0, nullptr), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclGetTensorDescDimV2", "dimSize");
}

TEST_F(TensorDesc, DimV2OfUnknownRankReturnsInvalidParam) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {-2});
  ASSERT_NE(desc, nullptr);
  int64_t dim = 0;
  EXPECT_EQ(aclGetTensorDescDimV2(desc, 0, &dim), ACL_ERROR_INVALID_PARAM);
}

// ---- shape ranges ----

TEST_F(TensorDesc, ShapeRangeReadsBackAsSet) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {-1, -1});
  ASSERT_NE(desc, nullptr);
  int64_t ranges[2][ACL_TENSOR_SHAPE_RANGE_NUM] = {{1, 4}, {2, -1}};
  ASSERT_EQ(aclSetTensorShapeRange(desc, 2, ranges), ACL_SUCCESS);
  EXPECT_EQ(Range(desc, 0), (Dims64{1, 4}));
  EXPECT_EQ(Range(desc, 1), (Dims64{2, -1}));
}

TEST_F(TensorDesc, ShapeRangeCountDifferentFromRankIsRejected) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {-1, -1});
  ASSERT_NE(desc, nullptr);
  int64_t ranges[3][ACL_TENSOR_SHAPE_RANGE_NUM] = {{1, 4}, {1, 4}, {1, 4}};
  EXPECT_EQ(aclSetTensorShapeRange(desc, 3, ranges), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclSetTensorShapeRange", "dimsCount");
}

TEST_F(TensorDesc, ShapeRangeWithMinAboveMaxIsRejected) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {-1});
  ASSERT_NE(desc, nullptr);
  int64_t ranges[1][ACL_TENSOR_SHAPE_RANGE_NUM] = {{5, 4}};
  EXPECT_EQ(aclSetTensorShapeRange(desc, 1, ranges), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclSetTensorShapeRange", "dimsRange[0]");
}

TEST_F(TensorDesc, ShapeRangeWithNegativeMinIsRejected) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {-1});
  ASSERT_NE(desc, nullptr);
  int64_t ranges[1][ACL_TENSOR_SHAPE_RANGE_NUM] = {{-1, 4}};
  EXPECT_EQ(aclSetTensorShapeRange(desc, 1, ranges), ACL_ERROR_INVALID_PARAM);
}

TEST_F(TensorDesc, ShapeRangeNullWithNonZeroCountIsRejected) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {-1});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclSetTensorShapeRange(desc, 1, nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST_F(TensorDesc, RejectedShapeRangeKeepsThePreviousOne) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {-1});
  ASSERT_NE(desc, nullptr);
  int64_t good[1][ACL_TENSOR_SHAPE_RANGE_NUM] = {{1, 8}};
  int64_t bad[1][ACL_TENSOR_SHAPE_RANGE_NUM] = {{9, 8}};
  ASSERT_EQ(aclSetTensorShapeRange(desc, 1, good), ACL_SUCCESS);
  ASSERT_EQ(aclSetTensorShapeRange(desc, 1, bad), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(Range(desc, 0), (Dims64{1, 8}));
}

TEST_F(TensorDesc, ShapeRangeOfUnknownRankAcceptsAnyCount) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {-2});
  ASSERT_NE(desc, nullptr);
  int64_t ranges[3][ACL_TENSOR_SHAPE_RANGE_NUM] = {{1, 2}, {3, 4}, {5, 6}};
  ASSERT_EQ(aclSetTensorShapeRange(desc, 3, ranges), ACL_SUCCESS);
  EXPECT_EQ(Range(desc, 2), (Dims64{5, 6}));
}

TEST_F(TensorDesc, StaticDimWithoutARangeReadsBackAsItself) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {7, -1});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(Range(desc, 0), (Dims64{7, 7}));
}

TEST_F(TensorDesc, DynamicDimWithoutARangeReadsBackUnbounded) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {7, -1});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(Range(desc, 1), (Dims64{0, -1}));
}

TEST_F(TensorDesc, DimRangeIndexOutOfRangeReturnsInvalidParam) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {7});
  ASSERT_NE(desc, nullptr);
  int64_t range[2] = {0, 0};
  EXPECT_EQ(aclGetTensorDescDimRange(desc, 1, 2, range), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclGetTensorDescDimRange", "index 1");
}

TEST_F(TensorDesc, DimRangeWithRoomForOneValueReturnsInvalidParam) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {7});
  ASSERT_NE(desc, nullptr);
  int64_t range[2] = {0, 0};
  EXPECT_EQ(aclGetTensorDescDimRange(desc, 0, 1, range), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclGetTensorDescDimRange", "dimRangeNum");
}

TEST_F(TensorDesc, DimRangeIntoNullReturnsInvalidParam) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {7});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescDimRange(desc, 0, 2, nullptr), ACL_ERROR_INVALID_PARAM);
}

// ---- value ranges (write-only in the public API) ----

TEST_F(TensorDesc, ValueRangeIsAccepted) {
  aclTensorDesc* desc = Make(ACL_INT64, {2});
  ASSERT_NE(desc, nullptr);
  int64_t ranges[2][ACL_TENSOR_VALUE_RANGE_NUM] = {{0, 10}, {-5, -5}};
  EXPECT_EQ(aclSetTensorValueRange(desc, 2, ranges), ACL_SUCCESS);
}

TEST_F(TensorDesc, ValueRangeWithMinAboveMaxIsRejected) {
  aclTensorDesc* desc = Make(ACL_INT64, {2});
  ASSERT_NE(desc, nullptr);
  int64_t ranges[1][ACL_TENSOR_VALUE_RANGE_NUM] = {{3, 2}};
  EXPECT_EQ(aclSetTensorValueRange(desc, 1, ranges), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclSetTensorValueRange", "valueRange[0]");
}

TEST_F(TensorDesc, ValueRangeNullWithNonZeroCountIsRejected) {
  aclTensorDesc* desc = Make(ACL_INT64, {2});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclSetTensorValueRange(desc, 1, nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST_F(TensorDesc, ValueRangeOnNullDescReturnsInvalidParam) {
  int64_t ranges[1][ACL_TENSOR_VALUE_RANGE_NUM] = {{0, 1}};
  EXPECT_EQ(aclSetTensorValueRange(nullptr, 1, ranges), ACL_ERROR_INVALID_PARAM);
}

// ---- name ----

TEST_F(TensorDesc, NameIsEmptyByDefault) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2});
  ASSERT_NE(desc, nullptr);
  const char* name = aclGetTensorDescName(desc);
  ASSERT_NE(name, nullptr);
  EXPECT_STREQ(name, "");
}

TEST_F(TensorDesc, NameReadsBackAsSet) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2});
  ASSERT_NE(desc, nullptr);
  char name[] = "input_0";
  aclSetTensorDescName(desc, name);
  name[0] = 'X';  // the descriptor keeps its own copy
  EXPECT_STREQ(aclGetTensorDescName(desc), "input_0");
}

TEST_F(TensorDesc, NullNameClearsTheName) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2});
  ASSERT_NE(desc, nullptr);
  aclSetTensorDescName(desc, "x");
  aclSetTensorDescName(desc, nullptr);
  EXPECT_STREQ(aclGetTensorDescName(desc), "");
}

TEST_F(TensorDesc, NameOfNullDescIsNull) {
  EXPECT_EQ(aclGetTensorDescName(nullptr), nullptr);
  ExpectMessage("aclGetTensorDescName", "desc");
}

// ---- aclTransTensorDescFormat ----

TEST_F(TensorDesc, TransNchwFloat16ToNc1hwc0UsesC0Of16) {
  aclTensorDesc* src = Make(ACL_FLOAT16, {1, 3, 224, 224}, ACL_FORMAT_NCHW);
  ASSERT_NE(src, nullptr);
  aclTensorDesc* dst = nullptr;
  ASSERT_EQ(aclTransTensorDescFormat(src, ACL_FORMAT_NC1HWC0, &dst), ACL_SUCCESS);
  Own(dst);
  EXPECT_EQ(Dims(dst), (Dims64{1, 1, 224, 224, 16}));
}

TEST_F(TensorDesc, TransInt8WithC33ToNc1hwc0UsesC0Of32) {
  aclTensorDesc* src = Make(ACL_INT8, {1, 33, 4, 4}, ACL_FORMAT_NCHW);
  ASSERT_NE(src, nullptr);
  aclTensorDesc* dst = nullptr;
  ASSERT_EQ(aclTransTensorDescFormat(src, ACL_FORMAT_NC1HWC0, &dst), ACL_SUCCESS);
  Own(dst);
  EXPECT_EQ(Dims(dst), (Dims64{1, 2, 4, 4, 32}));
}

TEST_F(TensorDesc, TransNhwcToNc1hwc0ReadsCLast) {
  aclTensorDesc* src = Make(ACL_FLOAT16, {2, 5, 6, 17}, ACL_FORMAT_NHWC);
  ASSERT_NE(src, nullptr);
  aclTensorDesc* dst = nullptr;
  ASSERT_EQ(aclTransTensorDescFormat(src, ACL_FORMAT_NC1HWC0, &dst), ACL_SUCCESS);
  Own(dst);
  EXPECT_EQ(Dims(dst), (Dims64{2, 2, 5, 6, 16}));
}

TEST_F(TensorDesc, TransNdFloatToFractalNz) {
  aclTensorDesc* src = Make(ACL_FLOAT, {5, 17}, ACL_FORMAT_ND);
  ASSERT_NE(src, nullptr);
  aclTensorDesc* dst = nullptr;
  ASSERT_EQ(aclTransTensorDescFormat(src, ACL_FORMAT_FRACTAL_NZ, &dst), ACL_SUCCESS);
  Own(dst);
  EXPECT_EQ(Dims(dst), (Dims64{2, 1, 16, 16}));
}

TEST_F(TensorDesc, TransToFractalNzKeepsBatchDims) {
  aclTensorDesc* src = Make(ACL_FLOAT16, {7, 33, 16}, ACL_FORMAT_ND);
  ASSERT_NE(src, nullptr);
  aclTensorDesc* dst = nullptr;
  ASSERT_EQ(aclTransTensorDescFormat(src, ACL_FORMAT_FRACTAL_NZ, &dst), ACL_SUCCESS);
  Own(dst);
  EXPECT_EQ(Dims(dst), (Dims64{7, 1, 3, 16, 16}));
}

TEST_F(TensorDesc, TransNchwToNhwcPermutes) {
  aclTensorDesc* src = Make(ACL_FLOAT, {1, 3, 224, 220}, ACL_FORMAT_NCHW);
  ASSERT_NE(src, nullptr);
  aclTensorDesc* dst = nullptr;
  ASSERT_EQ(aclTransTensorDescFormat(src, ACL_FORMAT_NHWC, &dst), ACL_SUCCESS);
  Own(dst);
  EXPECT_EQ(Dims(dst), (Dims64{1, 224, 220, 3}));
}

TEST_F(TensorDesc, TransResultHasTheDestinationFormat) {
  aclTensorDesc* src = Make(ACL_FLOAT, {1, 3, 8, 8}, ACL_FORMAT_NCHW);
  ASSERT_NE(src, nullptr);
  aclTensorDesc* dst = nullptr;
  ASSERT_EQ(aclTransTensorDescFormat(src, ACL_FORMAT_NHWC, &dst), ACL_SUCCESS);
  Own(dst);
  EXPECT_EQ(aclGetTensorDescFormat(dst), ACL_FORMAT_NHWC);
}

TEST_F(TensorDesc, TransResultKeepsTheDataType) {
  aclTensorDesc* src = Make(ACL_INT8, {1, 3, 8, 8}, ACL_FORMAT_NCHW);
  ASSERT_NE(src, nullptr);
  aclTensorDesc* dst = nullptr;
  ASSERT_EQ(aclTransTensorDescFormat(src, ACL_FORMAT_NC1HWC0, &dst), ACL_SUCCESS);
  Own(dst);
  EXPECT_EQ(aclGetTensorDescType(dst), ACL_INT8);
}

TEST_F(TensorDesc, TransResultIsANewDescriptor) {
  aclTensorDesc* src = Make(ACL_FLOAT, {1, 3, 8, 8}, ACL_FORMAT_NCHW);
  ASSERT_NE(src, nullptr);
  aclTensorDesc* dst = nullptr;
  ASSERT_EQ(aclTransTensorDescFormat(src, ACL_FORMAT_NHWC, &dst), ACL_SUCCESS);
  Own(dst);
  EXPECT_NE(dst, src);
  EXPECT_EQ(aclGetTensorDescByIndex(dst, 0), dst);  // a lone descriptor, destroyable on its own
}

TEST_F(TensorDesc, TransLeavesTheSourceUntouched) {
  aclTensorDesc* src = Make(ACL_FLOAT, {1, 3, 8, 8}, ACL_FORMAT_NCHW);
  ASSERT_NE(src, nullptr);
  aclTensorDesc* dst = nullptr;
  ASSERT_EQ(aclTransTensorDescFormat(src, ACL_FORMAT_NHWC, &dst), ACL_SUCCESS);
  Own(dst);
  EXPECT_EQ(aclGetTensorDescFormat(src), ACL_FORMAT_NCHW);
  EXPECT_EQ(Dims(src), (Dims64{1, 3, 8, 8}));
}

TEST_F(TensorDesc, TransOfAnUnsupportedPairReturnsFeatureUnsupported) {
  aclTensorDesc* src = Make(ACL_FLOAT16, {1, 1, 8, 8, 16}, ACL_FORMAT_NC1HWC0);
  ASSERT_NE(src, nullptr);
  aclTensorDesc* dst = nullptr;
  EXPECT_EQ(aclTransTensorDescFormat(src, ACL_FORMAT_NCHW, &dst), ACL_ERROR_FEATURE_UNSUPPORTED);
  EXPECT_EQ(dst, nullptr);
  ExpectMessage("aclTransTensorDescFormat", "not supported");
}

TEST_F(TensorDesc, TransOfAWrongRankReturnsInvalidParam) {
  aclTensorDesc* src = Make(ACL_FLOAT, {3, 8, 8}, ACL_FORMAT_NCHW);
  ASSERT_NE(src, nullptr);
  aclTensorDesc* dst = nullptr;
  EXPECT_EQ(aclTransTensorDescFormat(src, ACL_FORMAT_NC1HWC0, &dst), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(dst, nullptr);
}

TEST_F(TensorDesc, TransToUnknownFormatReturnsInvalidParam) {
  aclTensorDesc* src = Make(ACL_FLOAT, {1, 3, 8, 8}, ACL_FORMAT_NCHW);
  ASSERT_NE(src, nullptr);
  aclTensorDesc* dst = nullptr;
  EXPECT_EQ(aclTransTensorDescFormat(src, static_cast<aclFormat>(99), &dst), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclTransTensorDescFormat", "dstFormat 99");
}

TEST_F(TensorDesc, TransOfUnknownRankReturnsInvalidParam) {
  aclTensorDesc* src = Make(ACL_FLOAT, {-2}, ACL_FORMAT_ND);
  ASSERT_NE(src, nullptr);
  aclTensorDesc* dst = nullptr;
  EXPECT_EQ(aclTransTensorDescFormat(src, ACL_FORMAT_FRACTAL_NZ, &dst), ACL_ERROR_INVALID_PARAM);
}

TEST_F(TensorDesc, TransIntoNullReturnsInvalidParam) {
  aclTensorDesc* src = Make(ACL_FLOAT, {1, 3, 8, 8}, ACL_FORMAT_NCHW);
  ASSERT_NE(src, nullptr);
  EXPECT_EQ(aclTransTensorDescFormat(src, ACL_FORMAT_NHWC, nullptr), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclTransTensorDescFormat", "dstDesc");
}

TEST_F(TensorDesc, TransOfNullSourceReturnsInvalidParam) {
  aclTensorDesc* dst = nullptr;
  EXPECT_EQ(aclTransTensorDescFormat(nullptr, ACL_FORMAT_NHWC, &dst), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclTransTensorDescFormat", "srcDesc");
}

// ---- format and shape setters ----

TEST_F(TensorDesc, SetFormatChangesTheFormat) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {1, 3, 8, 8}, ACL_FORMAT_NCHW);
  ASSERT_NE(desc, nullptr);
  ASSERT_EQ(aclSetTensorFormat(desc, ACL_FORMAT_NHWC), ACL_SUCCESS);
  EXPECT_EQ(aclGetTensorDescFormat(desc), ACL_FORMAT_NHWC);
}

TEST_F(TensorDesc, SetFormatRejectsAnUnknownFormat) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2}, ACL_FORMAT_ND);
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclSetTensorFormat(desc, static_cast<aclFormat>(99)), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclGetTensorDescFormat(desc), ACL_FORMAT_ND);
}

TEST_F(TensorDesc, DeprecatedSetStorageFormatChangesTheFormat) {
  aclTensorDesc* desc = Make(ACL_FLOAT16, {1, 3, 8, 8}, ACL_FORMAT_NCHW);
  ASSERT_NE(desc, nullptr);
  ASSERT_EQ(aclSetTensorStorageFormat(desc, ACL_FORMAT_NC1HWC0), ACL_SUCCESS);
  EXPECT_EQ(aclGetTensorDescFormat(desc), ACL_FORMAT_NC1HWC0);
}

TEST_F(TensorDesc, SetShapeChangesTheShape) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2, 3});
  ASSERT_NE(desc, nullptr);
  const int64_t dims[] = {4, 5, 6};
  ASSERT_EQ(aclSetTensorShape(desc, 3, dims), ACL_SUCCESS);
  EXPECT_EQ(Dims(desc), (Dims64{4, 5, 6}));
  EXPECT_EQ(aclGetTensorDescSize(desc), 480u);
}

TEST_F(TensorDesc, SetShapeToMinusTwoMakesTheRankUnknown) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2, 3});
  ASSERT_NE(desc, nullptr);
  const int64_t dims[] = {-2};
  ASSERT_EQ(aclSetTensorShape(desc, 1, dims), ACL_SUCCESS);
  EXPECT_EQ(aclGetTensorDescNumDims(desc), static_cast<size_t>(ACL_UNKNOWN_RANK));
}

TEST_F(TensorDesc, SetShapeFromUnknownRankMakesTheRankKnown) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {-2});
  ASSERT_NE(desc, nullptr);
  const int64_t dims[] = {2, 3};
  ASSERT_EQ(aclSetTensorShape(desc, 2, dims), ACL_SUCCESS);
  EXPECT_EQ(aclGetTensorDescNumDims(desc), 2u);
}

TEST_F(TensorDesc, SetShapeRejectsABadDimAndKeepsTheShape) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2, 3});
  ASSERT_NE(desc, nullptr);
  const int64_t dims[] = {4, -3};
  EXPECT_EQ(aclSetTensorShape(desc, 2, dims), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(Dims(desc), (Dims64{2, 3}));
}

TEST_F(TensorDesc, DeprecatedSetStorageShapeChangesTheShape) {
  aclTensorDesc* desc = Make(ACL_FLOAT16, {1, 3, 8, 8}, ACL_FORMAT_NCHW);
  ASSERT_NE(desc, nullptr);
  const int64_t dims[] = {1, 1, 8, 8, 16};
  ASSERT_EQ(aclSetTensorStorageShape(desc, 5, dims), ACL_SUCCESS);
  EXPECT_EQ(Dims(desc), (Dims64{1, 1, 8, 8, 16}));
}

TEST_F(TensorDesc, DeprecatedSetStorageShapeRejectsNullDims) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclSetTensorStorageShape(desc, 2, nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST_F(TensorDesc, SetOriginFormatLeavesTheStorageFormat) {
  aclTensorDesc* desc = Make(ACL_FLOAT16, {1, 1, 8, 8, 16}, ACL_FORMAT_NC1HWC0);
  ASSERT_NE(desc, nullptr);
  ASSERT_EQ(aclSetTensorOriginFormat(desc, ACL_FORMAT_NCHW), ACL_SUCCESS);
  EXPECT_EQ(aclGetTensorDescFormat(desc), ACL_FORMAT_NC1HWC0);
}

TEST_F(TensorDesc, SetOriginFormatRejectsAnUnknownFormat) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclSetTensorOriginFormat(desc, static_cast<aclFormat>(99)), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclSetTensorOriginFormat", "format 99");
}

TEST_F(TensorDesc, SetOriginShapeLeavesTheStorageShape) {
  aclTensorDesc* desc = Make(ACL_FLOAT16, {1, 1, 8, 8, 16}, ACL_FORMAT_NC1HWC0);
  ASSERT_NE(desc, nullptr);
  const int64_t dims[] = {1, 3, 8, 8};
  ASSERT_EQ(aclSetTensorOriginShape(desc, 4, dims), ACL_SUCCESS);
  EXPECT_EQ(Dims(desc), (Dims64{1, 1, 8, 8, 16}));
}

TEST_F(TensorDesc, SetOriginShapeRejectsABadDim) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2});
  ASSERT_NE(desc, nullptr);
  const int64_t dims[] = {-3};
  EXPECT_EQ(aclSetTensorOriginShape(desc, 1, dims), ACL_ERROR_INVALID_PARAM);
}

// ---- constant value, placement, dynamic input ----

TEST_F(TensorDesc, AddressIsNullWithoutAConstValue) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescAddress(desc), nullptr);
}

TEST_F(TensorDesc, ConstAddressHoldsTheSameBytes) {
  aclTensorDesc* desc = Make(ACL_INT32, {3});
  ASSERT_NE(desc, nullptr);
  int32_t values[3] = {7, -8, 9};
  ASSERT_EQ(aclSetTensorConst(desc, values, sizeof values), ACL_SUCCESS);
  const void* address = aclGetTensorDescAddress(desc);
  ASSERT_NE(address, nullptr);
  const int32_t expected[3] = {7, -8, 9};
  EXPECT_EQ(std::memcmp(address, expected, sizeof expected), 0);
}

TEST_F(TensorDesc, ConstAddressIsACopyOfTheCallersBuffer) {
  aclTensorDesc* desc = Make(ACL_INT32, {3});
  ASSERT_NE(desc, nullptr);
  int32_t values[3] = {7, -8, 9};
  ASSERT_EQ(aclSetTensorConst(desc, values, sizeof values), ACL_SUCCESS);
  const void* address = aclGetTensorDescAddress(desc);
  ASSERT_NE(address, nullptr);
  EXPECT_NE(address, static_cast<void*>(values));
  values[0] = 100;
  values[2] = 300;
  const int32_t expected[3] = {7, -8, 9};
  EXPECT_EQ(std::memcmp(address, expected, sizeof expected), 0);
}

TEST_F(TensorDesc, ConstWithNullBufferIsRejected) {
  aclTensorDesc* desc = Make(ACL_INT32, {3});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclSetTensorConst(desc, nullptr, 12), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclGetTensorDescAddress(desc), nullptr);
  ExpectMessage("aclSetTensorConst", "dataBuffer");
}

TEST_F(TensorDesc, ConstWithZeroLengthIsRejected) {
  aclTensorDesc* desc = Make(ACL_INT32, {3});
  ASSERT_NE(desc, nullptr);
  int32_t value = 1;
  EXPECT_EQ(aclSetTensorConst(desc, &value, 0), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclSetTensorConst", "length");
}

TEST_F(TensorDesc, PlacementOnHostIsAccepted) {
  aclTensorDesc* desc = Make(ACL_INT32, {3});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclSetTensorPlaceMent(desc, ACL_MEMTYPE_HOST), ACL_SUCCESS);
}

TEST_F(TensorDesc, PlacementRejectsAnInvalidMemType) {
  aclTensorDesc* desc = Make(ACL_INT32, {3});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclSetTensorPlaceMent(desc, static_cast<aclMemType>(7)), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclSetTensorPlaceMent", "memType 7");
}

TEST_F(TensorDesc, DynamicInputNameIsAccepted) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclSetTensorDynamicInput(desc, "x"), ACL_SUCCESS);
}

TEST_F(TensorDesc, NullDynamicInputNameIsRejected) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclSetTensorDynamicInput(desc, nullptr), ACL_ERROR_INVALID_PARAM);
  ExpectMessage("aclSetTensorDynamicInput", "dynamicInputName");
}

// ---- aclGetTensorDescByIndex ----

TEST_F(TensorDesc, ByIndexZeroIsTheDescItself) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescByIndex(desc, 0), desc);
}

TEST_F(TensorDesc, ByIndexOnePastALoneDescIsNull) {
  aclTensorDesc* desc = Make(ACL_FLOAT, {2});
  ASSERT_NE(desc, nullptr);
  EXPECT_EQ(aclGetTensorDescByIndex(desc, 1), nullptr);
  ExpectMessage("aclGetTensorDescByIndex", "index 1");
}

TEST_F(TensorDesc, ByIndexOfNullIsNull) {
  EXPECT_EQ(aclGetTensorDescByIndex(nullptr, 0), nullptr);
  ExpectMessage("aclGetTensorDescByIndex", "desc");
}

}  // namespace
