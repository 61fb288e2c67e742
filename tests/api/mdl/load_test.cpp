// Loading and unloading models, and querying their memory (aclmdlLoad*, aclmdlQuerySize*).
#include <fstream>
#include <iterator>

#include "mdl_test_util.h"

namespace aclsim_mdl_test {
namespace {

std::vector<char> FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<char>(std::istreambuf_iterator<char>(in), {});
}

using LoadTest = MdlTest;

TEST_F(LoadTest, LoadFromFileGivesDistinctIdsAndUnloadReleasesThem) {
  uint32_t first = 0, second = 0;
  ASSERT_EQ(aclmdlLoadFromFile(ModelPath("add_relu").c_str(), &first), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(aclmdlLoadFromFile(ModelPath("add_relu").c_str(), &second), ACL_SUCCESS);
  EXPECT_NE(first, second);
  EXPECT_EQ(aclmdlUnload(first), ACL_SUCCESS);
  EXPECT_EQ(aclmdlUnload(second), ACL_SUCCESS);
  EXPECT_EQ(aclmdlUnload(first), ACL_ERROR_INVALID_MODEL_ID);
  EXPECT_NE(RecentErrMsg().find("not loaded"), std::string::npos);
}

TEST_F(LoadTest, LoadFromMemCopiesTheModelSoTheCallerMayFreeIt) {
  uint32_t id = 0;
  {
    std::vector<char> bytes = FileBytes(ModelPath("const_mul"));
    ASSERT_EQ(aclmdlLoadFromMem(bytes.data(), bytes.size(), &id), ACL_SUCCESS) << RecentErrMsg();
    std::fill(bytes.begin(), bytes.end(), 0);
  }
  loaded_.push_back(id);
  std::vector<float> x = {1, 1, 1, 1};
  void* in = DeviceCopy(x);
  void* out = DeviceBuffer(16);
  Dataset input{{in, 16}}, output{{out, 16}};
  ASSERT_EQ(aclmdlExecute(id, input.get(), output.get()), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(HostCopy<float>(out, 4), (std::vector<float>{1, 2, 3, 4}));
}

TEST_F(LoadTest, QuerySizeReportsTheWeightsAndThePlannedWorkMemory) {
  size_t work = 0, weight = 0;
  ASSERT_EQ(aclmdlQuerySize(ModelPath("const_mul").c_str(), &work, &weight), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(weight, 16u);  // four float32 weights
  EXPECT_EQ(work, 0u);     // the only activation is the output, written in the caller's buffer
  ASSERT_EQ(aclmdlQuerySize(ModelPath("chain").c_str(), &work, &weight), ACL_SUCCESS);
  // Three 16 KiB intermediates, of which at most two are alive at once.
  EXPECT_EQ(work, 2u * 64 * 64 * 4);
  EXPECT_EQ(weight, 0u);
}

TEST_F(LoadTest, QuerySizeFromMemMatchesQuerySize) {
  const std::vector<char> bytes = FileBytes(ModelPath("chain"));
  size_t work = 0, weight = 0, file_work = 0, file_weight = 0;
  ASSERT_EQ(aclmdlQuerySizeFromMem(bytes.data(), bytes.size(), &work, &weight), ACL_SUCCESS);
  ASSERT_EQ(aclmdlQuerySize(ModelPath("chain").c_str(), &file_work, &file_weight), ACL_SUCCESS);
  EXPECT_EQ(work, file_work);
  EXPECT_EQ(weight, file_weight);
}

TEST_F(LoadTest, WithMemRunsInTheCallersWorkAndWeightMemory) {
  size_t work_size = 0, weight_size = 0;
  ASSERT_EQ(aclmdlQuerySize(ModelPath("const_mul").c_str(), &work_size, &weight_size), ACL_SUCCESS);
  void* work = DeviceBuffer(work_size);
  void* weights = DeviceBuffer(weight_size);
  uint32_t id = 0;
  ASSERT_EQ(aclmdlLoadFromFileWithMem(ModelPath("const_mul").c_str(), &id, work, work_size, weights, weight_size),
            ACL_SUCCESS) << RecentErrMsg();
  loaded_.push_back(id);
  EXPECT_EQ(HostCopy<float>(weights, 4), (std::vector<float>{1, 2, 3, 4}));  // the weights were copied there
  // The model reads its weights from the caller's memory: changing them changes the result.
  const std::vector<float> doubled = {2, 4, 6, 8};
  ASSERT_EQ(aclrtMemcpy(weights, 16, doubled.data(), 16, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  void* in = DeviceCopy(std::vector<float>{1, 1, 1, 1});
  void* out = DeviceBuffer(16);
  Dataset input{{in, 16}}, output{{out, 16}};
  ASSERT_EQ(aclmdlExecute(id, input.get(), output.get()), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(HostCopy<float>(out, 4), doubled);
}

TEST_F(LoadTest, FromMemWithMemUsesTheCallersWorkMemory) {
  const std::vector<char> bytes = FileBytes(ModelPath("chain"));
  size_t work_size = 0, weight_size = 0;
  ASSERT_EQ(aclmdlQuerySizeFromMem(bytes.data(), bytes.size(), &work_size, &weight_size), ACL_SUCCESS);
  void* work = DeviceBuffer(work_size);
  uint32_t id = 0;
  ASSERT_EQ(aclmdlLoadFromMemWithMem(bytes.data(), bytes.size(), &id, work, work_size, nullptr, 0), ACL_SUCCESS)
      << RecentErrMsg();
  loaded_.push_back(id);
  std::vector<float> x(64 * 64);
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(i % 7) - 3.0f;
  void* in = DeviceCopy(x);
  void* out = DeviceBuffer(x.size() * 4);
  Dataset input{{in, x.size() * 4}}, output{{out, x.size() * 4}};
  ASSERT_EQ(aclmdlExecute(id, input.get(), output.get()), ACL_SUCCESS) << RecentErrMsg();
  const auto y = HostCopy<float>(out, x.size());
  for (size_t i = 0; i < x.size(); ++i) ASSERT_EQ(y[i], -std::max(x[i], 0.0f)) << i;
}

TEST_F(LoadTest, WithMemRejectsWorkMemoryThatIsTooSmall) {
  void* work = DeviceBuffer(64);
  uint32_t id = 0;
  EXPECT_EQ(aclmdlLoadFromFileWithMem(ModelPath("chain").c_str(), &id, work, 64, nullptr, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("work memory"), std::string::npos);
}

TEST_F(LoadTest, WithMemRejectsHostMemory) {
  std::vector<uint8_t> host(1 << 16);
  uint32_t id = 0;
  EXPECT_EQ(aclmdlLoadFromFileWithMem(ModelPath("chain").c_str(), &id, host.data(), host.size(), nullptr, 0),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("not device memory"), std::string::npos);
}

TEST_F(LoadTest, LoadWithConfigLoadsFromFile) {
  aclmdlConfigHandle* config = aclmdlCreateConfigHandle();
  ASSERT_NE(config, nullptr);
  const size_t type = ACL_MDL_LOAD_FROM_FILE;
  const std::string path = ModelPath("add_relu");
  const char* path_ptr = path.c_str();
  ASSERT_EQ(aclmdlSetConfigOpt(config, ACL_MDL_LOAD_TYPE_SIZET, &type, sizeof(type)), ACL_SUCCESS);
  ASSERT_EQ(aclmdlSetConfigOpt(config, ACL_MDL_PATH_PTR, &path_ptr, sizeof(path_ptr)), ACL_SUCCESS);
  uint32_t id = 0;
  ASSERT_EQ(aclmdlLoadWithConfig(config, &id), ACL_SUCCESS) << RecentErrMsg();
  loaded_.push_back(id);
  Desc desc(id);
  EXPECT_EQ(aclmdlGetNumInputs(desc.get()), 2u);
  EXPECT_EQ(aclmdlDestroyConfigHandle(config), ACL_SUCCESS);
}

TEST_F(LoadTest, LoadWithConfigWithoutAPathNamesTheMissingOption) {
  aclmdlConfigHandle* config = aclmdlCreateConfigHandle();
  const size_t type = ACL_MDL_LOAD_FROM_FILE;
  ASSERT_EQ(aclmdlSetConfigOpt(config, ACL_MDL_LOAD_TYPE_SIZET, &type, sizeof(type)), ACL_SUCCESS);
  uint32_t id = 0;
  EXPECT_EQ(aclmdlLoadWithConfig(config, &id), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("ACL_MDL_PATH_PTR"), std::string::npos);
  aclmdlDestroyConfigHandle(config);
}

TEST_F(LoadTest, LoadingAMissingFileIsAReadFailure) {
  uint32_t id = 0;
  EXPECT_EQ(aclmdlLoadFromFile("/nonexistent/model.om", &id), ACL_ERROR_READ_MODEL_FAILURE);
  EXPECT_NE(RecentErrMsg().find("/nonexistent/model.om"), std::string::npos);
}

TEST_F(LoadTest, LoadingAHuaweiOmIsAParseErrorThatSaysSo) {
  std::vector<char> bytes(256, 0);
  std::memcpy(bytes.data(), "IMOD", 4);
  uint32_t id = 0;
  EXPECT_EQ(aclmdlLoadFromMem(bytes.data(), bytes.size(), &id), ACL_ERROR_PARSE_MODEL);
  EXPECT_NE(RecentErrMsg().find("Huawei"), std::string::npos);
}

TEST_F(LoadTest, LoadingATruncatedModelIsAParseError) {
  std::vector<char> bytes = FileBytes(ModelPath("add_relu"));
  bytes.resize(bytes.size() - 10);
  uint32_t id = 0;
  EXPECT_EQ(aclmdlLoadFromMem(bytes.data(), bytes.size(), &id), ACL_ERROR_PARSE_MODEL);
  EXPECT_NE(RecentErrMsg().find("truncated"), std::string::npos);
}

TEST_F(LoadTest, NullArgumentsAreInvalidParameters) {
  uint32_t id = 0;
  EXPECT_EQ(aclmdlLoadFromFile(nullptr, &id), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlLoadFromFile(ModelPath("add_relu").c_str(), nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlLoadFromMem(nullptr, 10, &id), ACL_ERROR_INVALID_PARAM);
  size_t work = 0;
  EXPECT_EQ(aclmdlQuerySize(ModelPath("add_relu").c_str(), &work, nullptr), ACL_ERROR_INVALID_PARAM);
}

}  // namespace
}  // namespace aclsim_mdl_test
