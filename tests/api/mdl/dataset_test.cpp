// aclmdlDataset: buffers and tensor descs of a model's inputs or outputs.
#include "mdl_test_util.h"

namespace aclsim_mdl_test {
namespace {

TEST(DatasetTest, HoldsTheBuffersInTheOrderAdded) {
  aclmdlDataset* dataset = aclmdlCreateDataset();
  ASSERT_NE(dataset, nullptr);
  int a = 0, b = 0;
  aclDataBuffer* first = aclCreateDataBuffer(&a, sizeof(a));
  aclDataBuffer* second = aclCreateDataBuffer(&b, sizeof(b));
  ASSERT_EQ(aclmdlAddDatasetBuffer(dataset, first), ACL_SUCCESS);
  ASSERT_EQ(aclmdlAddDatasetBuffer(dataset, second), ACL_SUCCESS);
  EXPECT_EQ(aclmdlGetDatasetNumBuffers(dataset), 2u);
  EXPECT_EQ(aclmdlGetDatasetBuffer(dataset, 0), first);
  EXPECT_EQ(aclmdlGetDatasetBuffer(dataset, 1), second);
  EXPECT_EQ(aclmdlGetDatasetBuffer(dataset, 2), nullptr);
  EXPECT_EQ(aclmdlDestroyDataset(dataset), ACL_SUCCESS);
  // The buffers stay the caller's.
  EXPECT_EQ(aclDestroyDataBuffer(first), ACL_SUCCESS);
  EXPECT_EQ(aclDestroyDataBuffer(second), ACL_SUCCESS);
}

TEST(DatasetTest, TensorDescsAreCopiesTheDatasetOwns) {
  aclmdlDataset* dataset = aclmdlCreateDataset();
  aclDataBuffer* buffer = aclCreateDataBuffer(nullptr, 0);
  ASSERT_EQ(aclmdlAddDatasetBuffer(dataset, buffer), ACL_SUCCESS);
  EXPECT_EQ(aclmdlGetDatasetTensorDesc(dataset, 0), nullptr);
  const int64_t dims[] = {2, 5};
  aclTensorDesc* desc = aclCreateTensorDesc(ACL_FLOAT16, 2, dims, ACL_FORMAT_ND);
  ASSERT_EQ(aclmdlSetDatasetTensorDesc(dataset, desc, 0), ACL_SUCCESS);
  aclDestroyTensorDesc(desc);
  const aclTensorDesc* stored = aclmdlGetDatasetTensorDesc(dataset, 0);
  ASSERT_NE(stored, nullptr);
  EXPECT_EQ(aclGetTensorDescType(stored), ACL_FLOAT16);
  EXPECT_EQ(aclGetTensorDescNumDims(stored), 2u);
  aclTensorDesc* scalar = aclCreateTensorDesc(ACL_FLOAT, 0, nullptr, ACL_FORMAT_ND);
  EXPECT_EQ(aclmdlSetDatasetTensorDesc(dataset, scalar, 3), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("index 3 is out of range"), std::string::npos);
  aclDestroyTensorDesc(scalar);
  aclmdlDestroyDataset(dataset);
  aclDestroyDataBuffer(buffer);
}

TEST(DatasetTest, NullAndDestroyedHandlesAreRejected) {
  EXPECT_EQ(aclmdlAddDatasetBuffer(nullptr, nullptr), ACL_ERROR_INVALID_PARAM);
  aclmdlDataset* dataset = aclmdlCreateDataset();
  EXPECT_EQ(aclmdlAddDatasetBuffer(dataset, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("dataBuffer"), std::string::npos);
  EXPECT_EQ(aclmdlGetDatasetNumBuffers(nullptr), 0u);
  EXPECT_EQ(aclmdlDestroyDataset(dataset), ACL_SUCCESS);
}

}  // namespace
}  // namespace aclsim_mdl_test
