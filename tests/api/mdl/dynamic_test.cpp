// Models converted with gears: dynamic batch, dynamic image size and dynamic dims, each chosen
// through the ACL_DYNAMIC_TENSOR_NAME input and checked against the model's gears.
#include "mdl_test_util.h"

namespace aclsim_mdl_test {
namespace {

class DynamicTest : public MdlTest {
 protected:
  size_t GearIndex(aclmdlDesc* desc) {
    size_t index = 99;
    EXPECT_EQ(aclmdlGetInputIndexByName(desc, ACL_DYNAMIC_TENSOR_NAME, &index), ACL_SUCCESS);
    return index;
  }
};

TEST_F(DynamicTest, BatchGearsAreListedAndTheInputSizeIsTheLargestGears) {
  Desc desc(Load("dyn_batch"));
  aclmdlBatch batch{};
  ASSERT_EQ(aclmdlGetDynamicBatch(desc.get(), &batch), ACL_SUCCESS);
  ASSERT_EQ(batch.batchCount, 3u);
  EXPECT_EQ(batch.batch[0], 1u);
  EXPECT_EQ(batch.batch[2], 4u);
  EXPECT_EQ(aclmdlGetInputSizeByIndex(desc.get(), 0), 4u * 3 * 4);
  aclmdlIODims dims{};
  ASSERT_EQ(aclmdlGetInputDims(desc.get(), 0, &dims), ACL_SUCCESS);
  EXPECT_EQ(dims.dims[0], -1);
  aclmdlIODimsRange range{};
  ASSERT_EQ(aclmdlGetInputDimsRange(desc.get(), 0, &range), ACL_SUCCESS);
  EXPECT_EQ(range.range[0][0], 1);
  EXPECT_EQ(range.range[0][1], 4);
}

TEST_F(DynamicTest, SetDynamicBatchSizeRunsThatBatchOnly) {
  const uint32_t id = Load("dyn_batch");
  Desc desc(id);
  const size_t gear_index = GearIndex(desc.get());
  void* x = DeviceCopy(std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
  void* gear = DeviceBuffer(aclmdlGetInputSizeByIndex(desc.get(), gear_index));
  void* y = DeviceCopy(std::vector<float>(12, 100.0f));
  Dataset input{{x, 48}, {gear, 8}}, output{{y, 48}};
  ASSERT_EQ(aclmdlSetDynamicBatchSize(id, input.get(), gear_index, 2), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(aclmdlExecute(id, input.get(), output.get()), ACL_SUCCESS) << RecentErrMsg();
  const auto out = HostCopy<float>(y, 12);
  EXPECT_EQ(std::vector<float>(out.begin(), out.begin() + 6), (std::vector<float>{-1, -2, -3, -4, -5, -6}));
  EXPECT_EQ(out[6], 100.0f);  // beyond batch 2: untouched
  aclmdlIODims dims{};
  ASSERT_EQ(aclmdlGetCurOutputDims(desc.get(), 0, &dims), ACL_SUCCESS);
  EXPECT_EQ(dims.dims[0], 2);
}

TEST_F(DynamicTest, ABatchThatIsNotAGearIsRejectedWithTheGears) {
  const uint32_t id = Load("dyn_batch");
  void* gear = DeviceBuffer(8);
  void* x = DeviceBuffer(48);
  Dataset input{{x, 48}, {gear, 8}};
  EXPECT_EQ(aclmdlSetDynamicBatchSize(id, input.get(), 1, 3), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("[1] [2] [4]"), std::string::npos);
  EXPECT_EQ(aclmdlSetDynamicBatchSize(id, input.get(), 0, 2), ACL_ERROR_INVALID_PARAM);  // not the gear input
}

TEST_F(DynamicTest, AGearBufferInHostMemoryIsRejected) {
  const uint32_t id = Load("dyn_batch");
  std::vector<int64_t> host_gear(1);
  Dataset input{{DeviceBuffer(48), 48}, {host_gear.data(), 8}};
  EXPECT_EQ(aclmdlSetDynamicBatchSize(id, input.get(), 1, 2), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("not device memory"), std::string::npos);
  EXPECT_EQ(host_gear[0], 0);
}

TEST_F(DynamicTest, ExecutingWithoutChoosingAGearIsRejected) {
  const uint32_t id = Load("dyn_batch");
  void* gear = DeviceCopy(std::vector<int64_t>{0});
  void* x = DeviceBuffer(48);
  void* y = DeviceBuffer(48);
  Dataset input{{x, 48}, {gear, 8}}, output{{y, 48}};
  EXPECT_EQ(aclmdlExecute(id, input.get(), output.get()), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("aclmdlSetDynamicBatchSize"), std::string::npos);
}

TEST_F(DynamicTest, StaticAndBatchSettersRejectTheWrongKindOfModel) {
  const uint32_t id = Load("add_relu");
  Dataset input{{DeviceBuffer(24), 24}, {DeviceBuffer(24), 24}};
  EXPECT_EQ(aclmdlSetDynamicBatchSize(id, input.get(), 1, 2), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("is static"), std::string::npos);
  const uint32_t hw = Load("dyn_hw");
  EXPECT_EQ(aclmdlSetDynamicBatchSize(hw, input.get(), 1, 2), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("dynamic image size"), std::string::npos);
}

TEST_F(DynamicTest, ImageSizeGearsAreListedAndSetDynamicHWSizeRunsThatSize) {
  const uint32_t id = Load("dyn_hw");
  Desc desc(id);
  aclmdlHW hw{};
  ASSERT_EQ(aclmdlGetDynamicHW(desc.get(), static_cast<size_t>(-1), &hw), ACL_SUCCESS);
  ASSERT_EQ(hw.hwCount, 2u);
  EXPECT_EQ(hw.hw[1][0], 4u);
  EXPECT_EQ(hw.hw[1][1], 3u);
  const size_t gear_index = GearIndex(desc.get());
  void* x = DeviceCopy(std::vector<float>{-1, 2, -3, 4, -5, 6, -7, 8, -9, 10, -11, 12});
  void* gear = DeviceBuffer(16);
  void* y = DeviceBuffer(48);
  Dataset input{{x, 48}, {gear, 16}}, output{{y, 48}};
  ASSERT_EQ(aclmdlSetDynamicHWSize(id, input.get(), gear_index, 2, 2), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(aclmdlExecute(id, input.get(), output.get()), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(HostCopy<float>(y, 4), (std::vector<float>{0, 2, 0, 4}));
  EXPECT_EQ(aclmdlSetDynamicHWSize(id, input.get(), gear_index, 3, 3), ACL_ERROR_INVALID_PARAM);
}

TEST_F(DynamicTest, DimsGearsAreListedAsWholeInputShapesAndSetInputDynamicDimsRunsOne) {
  const uint32_t id = Load("dyn_dims");
  Desc desc(id);
  size_t count = 0;
  ASSERT_EQ(aclmdlGetInputDynamicGearCount(desc.get(), static_cast<size_t>(-1), &count), ACL_SUCCESS);
  ASSERT_EQ(count, 2u);
  std::vector<aclmdlIODims> gears(count);
  ASSERT_EQ(aclmdlGetInputDynamicDims(desc.get(), static_cast<size_t>(-1), gears.data(), count), ACL_SUCCESS);
  ASSERT_EQ(gears[1].dimCount, 4u);  // a [2, 2] and b [3, 5]
  EXPECT_EQ(gears[1].dims[0], 2);
  EXPECT_EQ(gears[1].dims[3], 5);

  const size_t gear_index = GearIndex(desc.get());
  void* a = DeviceCopy(std::vector<float>{1, 2, 3, 4});
  void* b = DeviceCopy(std::vector<float>{-1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6, -7, 7, -8});
  void* gear = DeviceBuffer(16);
  void* na = DeviceBuffer(16);
  void* rb = DeviceBuffer(60);
  Dataset input{{a, 16}, {b, 60}, {gear, 16}}, output{{na, 16}, {rb, 60}};
  ASSERT_EQ(aclmdlSetInputDynamicDims(id, input.get(), gear_index, &gears[1]), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(aclmdlExecute(id, input.get(), output.get()), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(HostCopy<float>(na, 4), (std::vector<float>{-1, -2, -3, -4}));
  EXPECT_EQ(HostCopy<float>(rb, 3), (std::vector<float>{0, 1, 0}));
  aclmdlIODims dims{};
  ASSERT_EQ(aclmdlGetCurOutputDims(desc.get(), 1, &dims), ACL_SUCCESS);
  EXPECT_EQ(dims.dims[1], 5);

  aclmdlIODims wrong = gears[1];
  wrong.dims[2] = 4;  // b's first dim is fixed at 3
  EXPECT_EQ(aclmdlSetInputDynamicDims(id, input.get(), gear_index, &wrong), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("fixed at 3"), std::string::npos);
}

}  // namespace
}  // namespace aclsim_mdl_test
