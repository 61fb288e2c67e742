// Stream callbacks: subscribing a report thread, launching blocking and non-blocking callbacks,
// processing them on the subscribed thread, and the errors of each step.
#include <future>
#include <thread>

#include "runtime_test_util.h"

namespace aclsim_test {
namespace {

class RuntimeCallback : public RuntimeTest {
 protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    ASSERT_EQ(aclrtCreateStream(&stream_), ACL_SUCCESS);
  }
  void TearDown() override {
    EXPECT_EQ(aclrtDestroyStream(stream_), ACL_SUCCESS);
    RuntimeTest::TearDown();
  }
  aclrtStream stream_ = nullptr;
};

TEST_F(RuntimeCallback, BlockingCallbackHoldsTheStreamUntilItReturns) {
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  static std::atomic<bool> returned{false};
  returned = false;
  ASSERT_EQ(aclrtLaunchCallback(
                [](void*) {
                  std::this_thread::sleep_for(30ms);
                  returned = true;
                },
                nullptr, ACL_CALLBACK_BLOCK, stream_),
            ACL_SUCCESS);
  aclrtEvent after = nullptr;
  ASSERT_EQ(aclrtCreateEvent(&after), ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(after, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeEvent(after), ACL_SUCCESS);
  EXPECT_TRUE(returned.load());  // the record behind the callback waited for it
  EXPECT_EQ(aclrtDestroyEvent(after), ACL_SUCCESS);
}

TEST_F(RuntimeCallback, NonBlockingCallbackDoesNotHoldTheStream) {
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> returned{false};
  struct Data {
    std::shared_future<void>* released;
    std::atomic<bool>* returned;
  } data{&released, &returned};
  ASSERT_EQ(aclrtLaunchCallback(
                [](void* p) {
                  auto* d = static_cast<Data*>(p);
                  d->released->wait();
                  d->returned->store(true);
                },
                &data, ACL_CALLBACK_NO_BLOCK, stream_),
            ACL_SUCCESS);
  // The stream finishes while the callback is still waiting.
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(stream_, 5000), ACL_SUCCESS);
  EXPECT_FALSE(returned.load());
  release.set_value();
  EXPECT_TRUE(WaitFor([&] { return returned.load(); }));
}

TEST_F(RuntimeCallback, CallbackRunsOnTheSubscribedThread) {
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  static std::thread::id ran_on;
  ran_on = std::thread::id();
  ASSERT_EQ(aclrtLaunchCallback([](void*) { ran_on = std::this_thread::get_id(); }, nullptr, ACL_CALLBACK_BLOCK,
                                stream_),
            ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  EXPECT_EQ(ran_on, reporter.std_id());
  EXPECT_NE(ran_on, std::this_thread::get_id());
}

TEST_F(RuntimeCallback, CallbackGetsItsUserData) {
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  int value = 0;
  ASSERT_EQ(aclrtLaunchCallback([](void* p) { *static_cast<int*>(p) = 1234; }, &value, ACL_CALLBACK_BLOCK, stream_),
            ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  EXPECT_EQ(value, 1234);
}

TEST_F(RuntimeCallback, ProcessReportOnTheCallingThreadRunsItsCallbacks) {
  ASSERT_EQ(aclrtSubscribeReport(ThisThreadReportId(), stream_), ACL_SUCCESS);
  static std::thread::id ran_on;
  ran_on = std::thread::id();
  ASSERT_EQ(aclrtLaunchCallback([](void*) { ran_on = std::this_thread::get_id(); }, nullptr, ACL_CALLBACK_NO_BLOCK,
                                stream_),
            ACL_SUCCESS);
  EXPECT_EQ(aclrtProcessReport(5000), ACL_SUCCESS);
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  EXPECT_EQ(aclrtUnSubscribeReport(ThisThreadReportId(), stream_), ACL_SUCCESS);
}

TEST_F(RuntimeCallback, OneThreadServesSeveralStreams) {
  ReportThread reporter;
  aclrtStream second = nullptr;
  ASSERT_EQ(aclrtCreateStream(&second), ACL_SUCCESS);
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  ASSERT_EQ(reporter.Subscribe(second), ACL_SUCCESS);
  std::atomic<bool> first_ran{false};
  std::atomic<bool> second_ran{false};
  ASSERT_EQ(aclrtLaunchCallback(SetFlagCallback, &first_ran, ACL_CALLBACK_BLOCK, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtLaunchCallback(SetFlagCallback, &second_ran, ACL_CALLBACK_BLOCK, second), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(second), ACL_SUCCESS);
  EXPECT_TRUE(first_ran.load());
  EXPECT_TRUE(second_ran.load());
  EXPECT_EQ(aclrtDestroyStream(second), ACL_SUCCESS);
}

TEST_F(RuntimeCallback, ProcessReportWithNothingToDoReturnsReportTimeout) {
  ASSERT_EQ(aclrtSubscribeReport(ThisThreadReportId(), stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtProcessReport(10), ACL_ERROR_RT_REPORT_TIMEOUT);
  EXPECT_EQ(aclrtUnSubscribeReport(ThisThreadReportId(), stream_), ACL_SUCCESS);
}

TEST_F(RuntimeCallback, ProcessReportOnUnsubscribedThreadReturnsThreadNotSubscribe) {
  EXPECT_EQ(aclrtProcessReport(10), ACL_ERROR_THREAD_NOT_SUBSCRIBE);
  EXPECT_EQ(aclrtProcessReport(-1), ACL_ERROR_THREAD_NOT_SUBSCRIBE);  // at once, even "forever"
}

TEST_F(RuntimeCallback, ProcessReportRejectsZeroAndNegativeTimeouts) {
  ASSERT_EQ(aclrtSubscribeReport(ThisThreadReportId(), stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtProcessReport(0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtProcessReport(-2), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtUnSubscribeReport(ThisThreadReportId(), stream_), ACL_SUCCESS);
}

TEST_F(RuntimeCallback, LaunchOnUnsubscribedStreamReturnsStreamNotSubscribe) {
  std::atomic<bool> ran{false};
  EXPECT_EQ(aclrtLaunchCallback(SetFlagCallback, &ran, ACL_CALLBACK_NO_BLOCK, stream_), ACL_ERROR_STREAM_NOT_SUBSCRIBE);
  EXPECT_EQ(aclrtLaunchCallback(SetFlagCallback, &ran, ACL_CALLBACK_BLOCK, stream_), ACL_ERROR_STREAM_NOT_SUBSCRIBE);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);  // nothing was queued
  EXPECT_FALSE(ran.load());
}

TEST_F(RuntimeCallback, SubscribingASubscribedStreamReturnsRepeatSubscribe) {
  ReportThread reporter;
  ReportThread another;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  EXPECT_EQ(reporter.Subscribe(stream_), ACL_ERROR_REPEAT_SUBSCRIBE);
  EXPECT_EQ(another.Subscribe(stream_), ACL_ERROR_REPEAT_SUBSCRIBE);
  EXPECT_EQ(reporter.Unsubscribe(stream_), ACL_SUCCESS);
}

TEST_F(RuntimeCallback, UnsubscribeTwiceFails) {
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  ASSERT_EQ(reporter.Unsubscribe(stream_), ACL_SUCCESS);
  EXPECT_EQ(reporter.Unsubscribe(stream_), ACL_ERROR_STREAM_NOT_SUBSCRIBE);
}

TEST_F(RuntimeCallback, UnsubscribeByAnotherThreadIdFails) {
  ReportThread reporter;
  ReportThread another;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  EXPECT_EQ(another.Unsubscribe(stream_), ACL_ERROR_STREAM_NOT_SUBSCRIBE);
  EXPECT_EQ(reporter.Unsubscribe(stream_), ACL_SUCCESS);
}

TEST_F(RuntimeCallback, AfterUnsubscribeLaunchReturnsStreamNotSubscribe) {
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  ASSERT_EQ(reporter.Unsubscribe(stream_), ACL_SUCCESS);
  std::atomic<bool> ran{false};
  EXPECT_EQ(aclrtLaunchCallback(SetFlagCallback, &ran, ACL_CALLBACK_NO_BLOCK, stream_), ACL_ERROR_STREAM_NOT_SUBSCRIBE);
}

TEST_F(RuntimeCallback, ResubscribingAfterUnsubscribeWorks) {
  ReportThread reporter;
  ReportThread another;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  ASSERT_EQ(reporter.Unsubscribe(stream_), ACL_SUCCESS);
  ASSERT_EQ(another.Subscribe(stream_), ACL_SUCCESS);
  static std::thread::id ran_on;
  ran_on = std::thread::id();
  ASSERT_EQ(aclrtLaunchCallback([](void*) { ran_on = std::this_thread::get_id(); }, nullptr, ACL_CALLBACK_BLOCK,
                                stream_),
            ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  EXPECT_EQ(ran_on, another.std_id());
}

TEST_F(RuntimeCallback, LaunchCallbackRejectsNullFunctionAndUnknownBlockType) {
  ReportThread reporter;
  ASSERT_EQ(reporter.Subscribe(stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtLaunchCallback(nullptr, nullptr, ACL_CALLBACK_BLOCK, stream_), ACL_ERROR_INVALID_PARAM);
  std::atomic<bool> ran{false};
  EXPECT_EQ(aclrtLaunchCallback(SetFlagCallback, &ran, static_cast<aclrtCallbackBlockType>(2), stream_),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  EXPECT_FALSE(ran.load());
}

TEST_F(RuntimeCallback, SubscribeRejectsStaleStream) {
  aclrtStream gone = nullptr;
  ASSERT_EQ(aclrtCreateStream(&gone), ACL_SUCCESS);
  ASSERT_EQ(aclrtDestroyStream(gone), ACL_SUCCESS);
  EXPECT_EQ(aclrtSubscribeReport(ThisThreadReportId(), gone), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtUnSubscribeReport(ThisThreadReportId(), gone), ACL_ERROR_INVALID_PARAM);
}

TEST_F(RuntimeCallback, DestroyingAStreamEndsItsSubscription) {
  aclrtStream temporary = nullptr;
  ASSERT_EQ(aclrtCreateStream(&temporary), ACL_SUCCESS);
  ASSERT_EQ(aclrtSubscribeReport(ThisThreadReportId(), temporary), ACL_SUCCESS);
  ASSERT_EQ(aclrtProcessReport(5), ACL_ERROR_RT_REPORT_TIMEOUT);  // subscribed, nothing to do
  ASSERT_EQ(aclrtDestroyStream(temporary), ACL_SUCCESS);
  EXPECT_EQ(aclrtProcessReport(5), ACL_ERROR_THREAD_NOT_SUBSCRIBE);
}

}  // namespace
}  // namespace aclsim_test
