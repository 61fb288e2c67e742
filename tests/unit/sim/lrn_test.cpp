// LRN (across channels) against a naive reference: radii wider and narrower than the channel
// count, every float type, 3-D to 5-D inputs, threads, empty shapes and the errors.
#include <cmath>

#include "tests/unit/sim/kernel_test_util.h"

namespace aclsim::sim {
namespace {

using testing::HostTensor;

const Parallel& Threads() {
  static const Parallel parallel(4);
  return parallel;
}

void Check(DType t, const Shape& shape, int64_t radius, double bias, double alpha, double beta,
           const Parallel& parallel = Parallel::Inline()) {
  SCOPED_TRACE(::testing::Message() << Name(t) << " " << ToString(shape) << " radius " << radius);
  HostTensor x(t, shape);
  x.FillRandom(5, -3, 3);
  const Attrs attrs = {{"depth_radius", radius}, {"bias", static_cast<float>(bias)}, {"alpha", static_cast<float>(alpha)},
                       {"beta", static_cast<float>(beta)}};
  const auto out = testing::RunOp("LRN", {&x}, attrs, parallel);
  ASSERT_EQ(out[0].spec().shape, shape);
  const int64_t c = shape[1];
  int64_t inner = 1;
  for (size_t d = 2; d < shape.size(); ++d) inner *= shape[d];
  for (int64_t i = 0; i < x.size(); ++i) {
    const int64_t ch = i / inner % c, base = i - ch * inner;
    double sum = 0;
    for (int64_t k = std::max<int64_t>(0, ch - radius); k <= std::min(c - 1, ch + radius); ++k) {
      const double v = x.Get(base + k * inner);
      sum += v * v;
    }
    const double expect = x.Get(i) / std::pow(static_cast<double>(static_cast<float>(bias)) +
                                                  static_cast<double>(static_cast<float>(alpha)) * sum,
                                              static_cast<double>(static_cast<float>(beta)));
    ASSERT_NEAR(out[0].Get(i), expect, testing::Tolerance(t, expect) * 4) << "element " << i;
  }
}

TEST(LRN, MatchesReferenceForEveryFloatType) {
  for (DType t : {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64}) {
    Check(t, {2, 5, 3, 4}, 1, 1.0, 1e-4 / 3, 0.75);
  }
}

TEST(LRN, RadiiWiderThanTheChannelsAndOtherRanks) {
  Check(DType::kFloat32, {1, 3, 4, 2}, 5, 2.0, 0.1, 0.5);
  Check(DType::kFloat32, {2, 6, 7}, 0, 1.0, 0.5, 1.0);
  Check(DType::kFloat32, {1, 4, 2, 3, 2}, 2, 1.5, 0.02, 0.75);
}

TEST(LRN, LargeInputOnManyThreadsAndEmptyInput) {
  Check(DType::kFloat32, {4, 32, 24, 24}, 2, 1.0, 1e-3, 0.75, Threads());
  Check(DType::kFloat32, {0, 3, 2, 2}, 1, 1.0, 1e-3, 0.75);
  Check(DType::kFloat32, {2, 0, 2, 2}, 1, 1.0, 1e-3, 0.75);
}

TEST(LRN, ErrorsNameTheProblem) {
  auto expect = [](Shape s, Attrs attrs, DType t, const std::string& fragment) {
    try {
      Kernels().Infer("LRN", {TensorSpec{t, s}}, attrs);
      ADD_FAILURE() << "expected an error mentioning " << fragment;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("LRN"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  };
  expect({2, 3}, {}, DType::kFloat32, "at least 3 dims");
  expect({1, 2, 3, 3}, {{"depth_radius", int64_t{-1}}}, DType::kFloat32, "depth_radius");
  expect({1, 2, 3, 3}, {{"norm_region", std::string("WITHIN_CHANNEL")}}, DType::kFloat32, "norm_region");
  expect({1, 2, 3, 3}, {}, DType::kInt32, "int32");
}

}  // namespace
}  // namespace aclsim::sim
