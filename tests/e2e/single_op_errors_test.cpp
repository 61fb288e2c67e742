// The error paths of loading and running single-operator models: missing, empty and corrupted
// model directories; calls no loaded model matches; buffers that are host memory, too small or
// another device's; and a kernel failure reported by the stream.
#include "e2e_util.h"

namespace aclsim_e2e {
namespace {

class SingleOpErrorsTest : public E2eTest {
 protected:
  // An Add of two int32 [n] vectors, compiled and loaded.
  void LoadAdd(int n) {
    const std::string shape = "[" + std::to_string(n) + "]";
    Load(R"([{"op": "Add", "name": "add_int32_)" + std::to_string(n) + R"(",
      "input_desc": [{"format": "ND", "shape": )" + shape + R"(, "type": "int32"},
                     {"format": "ND", "shape": )" + shape + R"(, "type": "int32"}],
      "output_desc": [{"format": "ND", "shape": )" + shape + R"(, "type": "int32"}]}])");
  }

  // Runs Add on int32 [n] buffers.
  aclError RunAdd(int n, aclDataBuffer* a, aclDataBuffer* b, aclDataBuffer* y) {
    Desc a_desc(ACL_INT32, {n}), b_desc(ACL_INT32, {n}), y_desc(ACL_INT32, {n});
    aclTensorDesc* inputs_desc[] = {a_desc.get(), b_desc.get()};
    aclDataBuffer* inputs[] = {a, b};
    aclTensorDesc* outputs_desc[] = {y_desc.get()};
    aclDataBuffer* outputs[] = {y};
    return aclopExecuteV2("Add", 2, inputs_desc, inputs, 1, outputs_desc, outputs, nullptr, stream_);
  }
};

TEST_F(SingleOpErrorsTest, SetModelDirOnAMissingDirectoryIsInvalidFile) {
  EXPECT_EQ(aclopSetModelDir((dir_ / "does_not_exist").c_str()), ACL_ERROR_INVALID_FILE);
  EXPECT_EQ(ACL_ERROR_INVALID_FILE, 100003);
  EXPECT_NE(RecentErrMsg().find("does_not_exist"), std::string::npos);
}

TEST_F(SingleOpErrorsTest, SetModelDirOnADirectoryWithoutOmIsInvalidFile) {
  WriteFile(dir_ / "readme.txt", "no models here");
  EXPECT_EQ(aclopSetModelDir(dir_.path().c_str()), ACL_ERROR_INVALID_FILE);
  EXPECT_NE(RecentErrMsg().find("holds no .om"), std::string::npos);
}

TEST_F(SingleOpErrorsTest, SetModelDirWithACorruptedOmIsParseModelNamingTheFile) {
  LoadAdd(3);
  const std::string good = ReadFile(dir_ / "out/add_int32_3.om");
  ASSERT_GT(good.size(), 32u);
  WriteFile(dir_ / "out/broken.om", good.substr(0, good.size() / 2));
  EXPECT_EQ(aclopSetModelDir((dir_ / "out").c_str()), ACL_ERROR_PARSE_MODEL);
  EXPECT_NE(RecentErrMsg().find("broken.om"), std::string::npos);
}

TEST_F(SingleOpErrorsTest, ExecuteWithNoMatchingModelListsTheCandidatesAndWhyEachDiffers) {
  LoadAdd(3);
  DeviceBuffer a(4 * sizeof(int32_t)), b(4 * sizeof(int32_t)), y(4 * sizeof(int32_t));
  EXPECT_EQ(RunAdd(4, a.buffer(), b.buffer(), y.buffer()), ACL_ERROR_OP_NOT_FOUND);
  EXPECT_EQ(ACL_ERROR_OP_NOT_FOUND, 100024);
  const std::string message = RecentErrMsg();
  EXPECT_NE(message.find("add_int32_3"), std::string::npos) << message;
  EXPECT_NE(message.find("input 0: dim 0 is 4, the model's is 3"), std::string::npos) << message;
}

TEST_F(SingleOpErrorsTest, ExecuteWithAnInputInHostMemoryIsInvalidParam) {
  LoadAdd(5);
  std::vector<int32_t> host(5, 1);
  aclDataBuffer* host_buffer = aclCreateDataBuffer(host.data(), host.size() * sizeof(int32_t));
  DeviceBuffer b(5 * sizeof(int32_t)), y(5 * sizeof(int32_t));
  EXPECT_EQ(RunAdd(5, host_buffer, b.buffer(), y.buffer()), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("is not device memory"), std::string::npos);
  aclDestroyDataBuffer(host_buffer);
}

TEST_F(SingleOpErrorsTest, ExecuteWithATooSmallOutputBufferIsInvalidParam) {
  LoadAdd(6);
  DeviceBuffer a(6 * sizeof(int32_t)), b(6 * sizeof(int32_t)), y(5 * sizeof(int32_t));
  EXPECT_EQ(RunAdd(6, a.buffer(), b.buffer(), y.buffer()), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("holds 20 bytes, the tensor needs 24"), std::string::npos);
}

TEST_F(SingleOpErrorsTest, ExecuteWithAnotherDevicesMemoryIsInvalidParam) {
  // Device 1 exists only with ACLSIM_DEVICE_COUNT=2: bring the runtime up again with it.
  ASSERT_EQ(aclrtDestroyStream(stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  ASSERT_EQ(aclFinalize(), ACL_SUCCESS);
  ASSERT_EQ(setenv("ACLSIM_DEVICE_COUNT", "2", 1), 0);
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  unsetenv("ACLSIM_DEVICE_COUNT");
  ASSERT_EQ(aclrtSetDevice(1), ACL_SUCCESS);
  void* other = nullptr;
  ASSERT_EQ(aclrtMalloc(&other, 7 * sizeof(int32_t), ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  ASSERT_EQ(aclrtCreateStream(&stream_), ACL_SUCCESS);
  LoadAdd(7);
  aclDataBuffer* other_buffer = aclCreateDataBuffer(other, 7 * sizeof(int32_t));
  {
    DeviceBuffer a(7 * sizeof(int32_t)), y(7 * sizeof(int32_t));
    EXPECT_EQ(RunAdd(7, a.buffer(), other_buffer, y.buffer()), ACL_ERROR_INVALID_PARAM);
    EXPECT_NE(RecentErrMsg().find("is memory of device 1, the work runs on device 0"), std::string::npos);
  }
  aclDestroyDataBuffer(other_buffer);
  ASSERT_EQ(aclrtSetDevice(1), ACL_SUCCESS);
  EXPECT_EQ(aclrtFree(other), ACL_SUCCESS);
  EXPECT_EQ(aclrtResetDevice(1), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
}

TEST_F(SingleOpErrorsTest, IntegerDivisionByZeroFailsTheStreamWithTheKernelsMessage) {
  Load(R"([{"op": "Div",
    "input_desc": [{"format": "ND", "shape": [3], "type": "int32"}, {"format": "ND", "shape": [3], "type": "int32"}],
    "output_desc": [{"format": "ND", "shape": [3], "type": "int32"}]}])");
  const std::vector<int32_t> a = {6, 7, 8}, b = {2, 0, 4};
  DeviceBuffer da(a), db(b), dy(3 * sizeof(int32_t));
  Desc a_desc(ACL_INT32, {3}), b_desc(ACL_INT32, {3}), y_desc(ACL_INT32, {3});
  aclTensorDesc* inputs_desc[] = {a_desc.get(), b_desc.get()};
  aclDataBuffer* inputs[] = {da.buffer(), db.buffer()};
  aclTensorDesc* outputs_desc[] = {y_desc.get()};
  aclDataBuffer* outputs[] = {dy.buffer()};
  // The call is valid: it is queued, and the failure belongs to the stream.
  ASSERT_EQ(aclopExecuteV2("Div", 2, inputs_desc, inputs, 1, outputs_desc, outputs, nullptr, stream_), ACL_SUCCESS)
      << RecentErrMsg();
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("integer division by zero"), std::string::npos);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);  // reported once
}

}  // namespace
}  // namespace aclsim_e2e

namespace aclsim_e2e {
namespace {

// An operator that runs longer than aclrtSetOpExecuteTimeOut allows fails its stream with
// ACL_ERROR_RT_AICORE_TIMEOUT; the simulator is made slow enough with simulator.kernel_delay_ms.
TEST_F(SingleOpErrorsTest, AnOperatorRunningPastTheExecuteTimeoutFailsItsStream) {
  ASSERT_EQ(aclrtDestroyStream(stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  ASSERT_EQ(aclFinalize(), ACL_SUCCESS);
  WriteFile(dir_ / "slow.json", R"({"simulator": {"kernel_delay_ms": 1100}})");
  ASSERT_EQ(aclInit((dir_ / "slow.json").c_str()), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  ASSERT_EQ(aclrtCreateStream(&stream_), ACL_SUCCESS);
  LoadAdd(4);
  DeviceBuffer a(std::vector<int32_t>{1, 2, 3, 4}), b(std::vector<int32_t>{1, 1, 1, 1}), y(4 * sizeof(int32_t));
  ASSERT_EQ(aclrtSetOpExecuteTimeOut(1), ACL_SUCCESS);  // seconds
  ASSERT_EQ(RunAdd(4, a.buffer(), b.buffer(), y.buffer()), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_ERROR_RT_AICORE_TIMEOUT);
  EXPECT_NE(RecentErrMsg().find("aclrtSetOpExecuteTimeOut"), std::string::npos);
  EXPECT_EQ(aclrtSetOpExecuteTimeOut(0), ACL_SUCCESS);  // no limit again
}

}  // namespace
}  // namespace aclsim_e2e
