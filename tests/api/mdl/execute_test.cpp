// Executing loaded models: synchronously, on streams, from several threads, and every way a
// call can be wrong (aclmdlExecute*, aclmdlUnload while queued).
#include <thread>

#include "mdl_test_util.h"

namespace aclsim_mdl_test {
namespace {

class ExecuteTest : public MdlTest {
 protected:
  void SetUp() override {
    MdlTest::SetUp();
    id_ = Load("add_relu");
    x_ = DeviceCopy(std::vector<float>{1, -2, 3, -4, 5, -6});
    y_ = DeviceCopy(std::vector<float>{1, 1, 1, 1, 1, 1});
    sum_ = DeviceBuffer(24);
    relu_ = DeviceBuffer(24);
  }
  uint32_t id_ = 0;
  void *x_ = nullptr, *y_ = nullptr, *sum_ = nullptr, *relu_ = nullptr;
};

TEST_F(ExecuteTest, ExecuteWritesEveryOutputInTheCallersBuffers) {
  Dataset input{{x_, 24}, {y_, 24}}, output{{sum_, 24}, {relu_, 24}};
  ASSERT_EQ(aclmdlExecute(id_, input.get(), output.get()), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(HostCopy<float>(sum_, 6), (std::vector<float>{2, -1, 4, -3, 6, -5}));
  EXPECT_EQ(HostCopy<float>(relu_, 6), (std::vector<float>{2, 0, 4, 0, 6, 0}));
}

TEST_F(ExecuteTest, ExecuteAsyncRunsInStreamOrder) {
  aclrtStream stream = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);
  const std::vector<float> ones(6, 1.0f), threes(6, 3.0f);
  // The copy queued before the execution is what the model sees.
  ASSERT_EQ(aclrtMemcpyAsync(y_, 24, threes.data(), 24, ACL_MEMCPY_HOST_TO_DEVICE, stream), ACL_SUCCESS);
  Dataset input{{x_, 24}, {y_, 24}}, output{{sum_, 24}, {relu_, 24}};
  ASSERT_EQ(aclmdlExecuteAsync(id_, input.get(), output.get(), stream), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream), ACL_SUCCESS);
  EXPECT_EQ(HostCopy<float>(sum_, 6), (std::vector<float>{4, 1, 6, -1, 8, -3}));
  EXPECT_EQ(aclrtDestroyStream(stream), ACL_SUCCESS);
}

TEST_F(ExecuteTest, ExecuteV2WaitsForTheExecutionOnItsStream) {
  aclrtStream stream = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);
  aclmdlExecConfigHandle* config = aclmdlCreateExecConfigHandle();
  const int32_t timeout_ms = 10000;
  ASSERT_EQ(aclmdlSetExecConfigOpt(config, ACL_MDL_STREAM_SYNC_TIMEOUT, &timeout_ms, sizeof(timeout_ms)), ACL_SUCCESS);
  Dataset input{{x_, 24}, {y_, 24}}, output{{sum_, 24}, {relu_, 24}};
  ASSERT_EQ(aclmdlExecuteV2(id_, input.get(), output.get(), stream, config), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(HostCopy<float>(relu_, 6), (std::vector<float>{2, 0, 4, 0, 6, 0}));
  EXPECT_EQ(aclmdlDestroyExecConfigHandle(config), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyStream(stream), ACL_SUCCESS);
}

TEST_F(ExecuteTest, ExecuteAsyncV2OnTheDefaultStream) {
  Dataset input{{x_, 24}, {y_, 24}}, output{{sum_, 24}, {relu_, 24}};
  ASSERT_EQ(aclmdlExecuteAsyncV2(id_, input.get(), output.get(), nullptr, nullptr), ACL_SUCCESS) << RecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(nullptr), ACL_SUCCESS);
  EXPECT_EQ(HostCopy<float>(sum_, 6), (std::vector<float>{2, -1, 4, -3, 6, -5}));
}

TEST_F(ExecuteTest, UnloadWhileAnExecutionIsQueuedLetsItFinish) {
  aclrtStream stream = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);
  Dataset input{{x_, 24}, {y_, 24}}, output{{sum_, 24}, {relu_, 24}};
  ASSERT_EQ(aclmdlExecuteAsync(id_, input.get(), output.get(), stream), ACL_SUCCESS);
  ASSERT_EQ(aclmdlUnload(id_), ACL_SUCCESS);
  loaded_.clear();
  ASSERT_EQ(aclrtSynchronizeStream(stream), ACL_SUCCESS);
  EXPECT_EQ(HostCopy<float>(sum_, 6), (std::vector<float>{2, -1, 4, -3, 6, -5}));
  EXPECT_EQ(aclrtDestroyStream(stream), ACL_SUCCESS);
}

TEST_F(ExecuteTest, ConcurrentExecutionsFromSeveralThreadsEachGetTheirOwnResult) {
  const uint32_t chain = Load("chain");
  constexpr int kThreads = 4, kRuns = 20;
  std::vector<std::thread> threads;
  std::vector<int> failures(kThreads, 0);
  aclrtContext context = nullptr;
  ASSERT_EQ(aclrtGetCurrentContext(&context), ACL_SUCCESS);
  std::vector<void*> ins, outs;
  for (int t = 0; t < kThreads; ++t) {
    ins.push_back(DeviceCopy(std::vector<float>(64 * 64, static_cast<float>(t + 1))));
    outs.push_back(DeviceBuffer(64 * 64 * 4));
  }
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      aclrtSetCurrentContext(context);
      for (int r = 0; r < kRuns; ++r) {
        Dataset input{{ins[t], 64 * 64 * 4}}, output{{outs[t], 64 * 64 * 4}};
        if (aclmdlExecute(chain, input.get(), output.get()) != ACL_SUCCESS) ++failures[t];
        std::vector<float> y(64 * 64);
        aclrtMemcpy(y.data(), y.size() * 4, outs[t], y.size() * 4, ACL_MEMCPY_DEVICE_TO_HOST);
        for (float v : y) {
          if (v != -static_cast<float>(t + 1)) {
            ++failures[t];
            break;
          }
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, std::vector<int>(kThreads, 0));
}

TEST_F(ExecuteTest, AnUnknownModelIdIsInvalidModelId) {
  Dataset input{{x_, 24}, {y_, 24}}, output{{sum_, 24}, {relu_, 24}};
  EXPECT_EQ(aclmdlExecute(999999, input.get(), output.get()), ACL_ERROR_INVALID_MODEL_ID);
  EXPECT_NE(RecentErrMsg().find("999999"), std::string::npos);
}

TEST_F(ExecuteTest, TheWrongNumberOfInputsIsRejectedAndNothingRuns) {
  const std::vector<float> marker(6, 42.0f);
  ASSERT_EQ(aclrtMemcpy(sum_, 24, marker.data(), 24, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  Dataset input{{x_, 24}}, output{{sum_, 24}, {relu_, 24}};
  EXPECT_EQ(aclmdlExecute(id_, input.get(), output.get()), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("1 buffers, the model has 2 inputs"), std::string::npos);
  EXPECT_EQ(HostCopy<float>(sum_, 6), marker);
}

TEST_F(ExecuteTest, AnInputBufferSmallerThanTheInputIsRejected) {
  Dataset input{{x_, 24}, {y_, 20}}, output{{sum_, 24}, {relu_, 24}};
  EXPECT_EQ(aclmdlExecute(id_, input.get(), output.get()), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("input 1 (\"y\"): the data buffer holds 20 bytes, the tensor needs 24"), std::string::npos);
}

TEST_F(ExecuteTest, AnOutputInHostMemoryIsRejected) {
  std::vector<float> host(6);
  Dataset input{{x_, 24}, {y_, 24}}, output{{sum_, 24}, {host.data(), 24}};
  EXPECT_EQ(aclmdlExecute(id_, input.get(), output.get()), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("output 1 (\"relu\")"), std::string::npos);
}

TEST_F(ExecuteTest, AFreedDeviceBufferIsRejected) {
  void* gone = nullptr;
  ASSERT_EQ(aclrtMalloc(&gone, 24, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtFree(gone), ACL_SUCCESS);
  Dataset input{{gone, 24}, {y_, 24}}, output{{sum_, 24}, {relu_, 24}};
  EXPECT_EQ(aclmdlExecute(id_, input.get(), output.get()), ACL_ERROR_INVALID_PARAM);
  const std::string message = RecentErrMsg();
  EXPECT_NE(message.find("no live allocation of device 0"), std::string::npos) << message;
}

TEST_F(ExecuteTest, NullDatasetsAreInvalidParameters) {
  Dataset output{{sum_, 24}, {relu_, 24}};
  EXPECT_EQ(aclmdlExecute(id_, nullptr, output.get()), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlExecuteAsync(id_, nullptr, output.get(), nullptr), ACL_ERROR_INVALID_PARAM);
}

}  // namespace
}  // namespace aclsim_mdl_test
