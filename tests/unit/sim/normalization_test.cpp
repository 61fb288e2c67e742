// BatchNorm, LayerNorm, InstanceNorm, GroupNorm and L2Normalize against naive double-precision
// references over several shapes, layouts and axes, every supported type, empty inputs, and the
// shape functions' errors.
#include <cmath>
#include <functional>
#include <limits>

#include "tests/unit/sim/kernel_test_util.h"

namespace aclsim::sim {
namespace {

using testing::HostTensor;
using testing::RoundTo;
using testing::RunOp;
using testing::Tolerance;

const std::vector<DType> kFloats = {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64};

const Parallel& Threads() {
  static const Parallel parallel(4);
  return parallel;
}

template <typename Fn>
void ExpectError(aclError code, Fn fn) {
  try {
    fn();
    ADD_FAILURE() << "expected an error with code " << code;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
  }
}

HostTensor Random(DType t, const Shape& shape, uint32_t seed, double lo, double hi) {
  HostTensor x(t, shape);
  x.FillRandom(seed, lo, hi);
  return x;
}

// Compares got[i] with want[i] rounded to the output's type (NaN matching NaN).
void ExpectClose(const HostTensor& got, const std::vector<double>& want, const std::string& what, double extra = 0) {
  ASSERT_EQ(static_cast<size_t>(got.size()), want.size()) << what;
  const DType t = got.spec().dtype;
  for (int64_t i = 0; i < got.size(); ++i) {
    const double w = want[static_cast<size_t>(i)];
    if (std::isnan(w)) {
      ASSERT_TRUE(std::isnan(got.Get(i))) << what << " at " << i;
      continue;
    }
    const double r = RoundTo(t, w);
    ASSERT_NEAR(got.Get(i), r, Tolerance(t, r) + extra * std::max(1.0, std::abs(r))) << what << " at " << i;
  }
}

// Mean and biased variance of x over the elements `group`.
std::pair<double, double> Moments(const HostTensor& x, const std::vector<int64_t>& group) {
  double mean = 0, var = 0;
  for (int64_t i : group) mean += x.Get(i);
  mean /= static_cast<double>(group.size());
  for (int64_t i : group) var += (x.Get(i) - mean) * (x.Get(i) - mean);
  return {mean, var / static_cast<double>(group.size())};
}

// Normalizes x over each group: y = (x - mean) / sqrt(var + eps) * gamma + beta, where
// gamma/beta are read at param_of(i). Returns the per-group means and variances.
void NormalizeGroups(const HostTensor& x, const std::vector<std::vector<int64_t>>& groups, double eps,
                     const std::function<double(int64_t)>& gamma, const std::function<double(int64_t)>& beta,
                     std::vector<double>& y, std::vector<double>& means, std::vector<double>& vars) {
  y.assign(static_cast<size_t>(x.size()), 0);
  means.clear();
  vars.clear();
  for (const auto& g : groups) {
    const auto [mean, var] = Moments(x, g);
    means.push_back(mean);
    vars.push_back(var);
    for (int64_t i : g) y[static_cast<size_t>(i)] = (x.Get(i) - mean) / std::sqrt(var + eps) * gamma(i) + beta(i);
  }
}

// Groups of the elements sharing their index in the dims where `kept` is true (row-major over
// the kept dims).
std::vector<std::vector<int64_t>> GroupsKeeping(const Shape& shape, const std::vector<bool>& kept) {
  int64_t outer = 1;
  for (size_t d = 0; d < shape.size(); ++d) {
    if (kept[d]) outer *= shape[d];
  }
  std::vector<std::vector<int64_t>> groups(static_cast<size_t>(outer));
  for (int64_t i = 0; i < NumElements(shape); ++i) {
    int64_t rest = i, g = 0, scale = 1;
    for (size_t d = shape.size(); d-- > 0;) {
      const int64_t k = rest % shape[d];
      rest /= shape[d];
      if (kept[d]) {
        g += k * scale;
        scale *= shape[d];
      }
    }
    groups[static_cast<size_t>(g)].push_back(i);
  }
  return groups;
}

// The channel of element i: `after` elements per step of the channel dim.
int64_t ChannelOf(int64_t i, int64_t after, int64_t channels) { return (i / after) % channels; }

// ---------------------------------------------------------------------------------------------
// BatchNorm.

struct BatchNormCase {
  Shape shape;
  std::string format;
  int64_t axis;  // the channel dim
};

const std::vector<BatchNormCase> kBatchNormCases = {
    {{2, 3, 4, 5}, "NHWC", 3},   {{2, 3, 4, 5}, "NCHW", 1},   {{2, 3, 2, 3, 4}, "NCDHW", 1},
    {{2, 2, 3, 2, 3}, "NDHWC", 4}, {{1, 1, 1, 7}, "NHWC", 3}, {{0, 2, 2, 3}, "NHWC", 3},
};

int64_t After(const Shape& shape, int64_t axis) {
  int64_t after = 1;
  for (size_t d = static_cast<size_t>(axis) + 1; d < shape.size(); ++d) after *= shape[d];
  return after;
}

TEST(BatchNorm, InferenceMatchesReferenceForEveryTypeAndLayout) {
  uint32_t seed = 1;
  for (DType t : {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64}) {
    for (const auto& c : kBatchNormCases) {
      const int64_t channels = c.shape[static_cast<size_t>(c.axis)], after = After(c.shape, c.axis);
      HostTensor x = Random(t, c.shape, seed++, -3, 3);
      HostTensor scale = Random(DType::kFloat32, {channels}, seed++, 0.5, 1.5);
      HostTensor offset = Random(DType::kFloat32, {channels}, seed++, -1, 1);
      HostTensor mean = Random(DType::kFloat32, {channels}, seed++, -1, 1);
      HostTensor var = Random(DType::kFloat32, {channels}, seed++, 0.5, 2);
      const double eps = 1e-3;
      auto out = RunOp("BatchNorm", {&x, &scale, &offset, &mean, &var},
                       {{"data_format", c.format}, {"is_training", false}, {"epsilon", static_cast<float>(eps)}});
      ASSERT_EQ(out.size(), 6u);
      ASSERT_EQ(out[0].spec().shape, c.shape);
      ASSERT_EQ(out[0].spec().dtype, t);
      std::vector<double> y(static_cast<size_t>(x.size()));
      for (int64_t i = 0; i < x.size(); ++i) {
        const int64_t ch = ChannelOf(i, after, channels);
        y[static_cast<size_t>(i)] =
            (x.Get(i) - mean.Get(ch)) / std::sqrt(var.Get(ch) + static_cast<float>(eps)) * scale.Get(ch) + offset.Get(ch);
      }
      ExpectClose(out[0], y, "BatchNorm y " + std::string(Name(t)) + " " + c.format);
      for (int k : {1, 3}) EXPECT_EQ(out[static_cast<size_t>(k)].Values(), mean.Values());
      for (int k : {2, 4}) EXPECT_EQ(out[static_cast<size_t>(k)].Values(), var.Values());
      EXPECT_EQ(out[5].spec().shape, Shape{1});
      EXPECT_EQ(out[5].spec().dtype, DType::kFloat32);
    }
  }
}

// Runs training-mode BatchNorm and checks y and the statistics outputs.
void CheckTraining(DType t, const BatchNormCase& c, double factor, bool with_running, uint32_t seed,
                   const Parallel& parallel = Parallel::Inline()) {
  const int64_t channels = c.shape[static_cast<size_t>(c.axis)], after = After(c.shape, c.axis);
  HostTensor x = Random(t, c.shape, seed, -3, 3);
  HostTensor scale = Random(DType::kFloat32, {channels}, seed + 1, 0.5, 1.5);
  HostTensor offset = Random(DType::kFloat32, {channels}, seed + 2, -1, 1);
  HostTensor running_mean = Random(DType::kFloat32, {channels}, seed + 3, -1, 1);
  HostTensor running_var = Random(DType::kFloat32, {channels}, seed + 4, 0.5, 2);
  const double eps = 1e-4;
  std::vector<HostTensor*> inputs = {&x, &scale, &offset};
  if (with_running) {
    inputs.push_back(&running_mean);
    inputs.push_back(&running_var);
  }
  auto out = RunOp("BatchNorm", inputs,
                   {{"data_format", c.format}, {"exponential_avg_factor", static_cast<float>(factor)}}, parallel);
  std::vector<bool> kept(c.shape.size(), false);
  kept[static_cast<size_t>(c.axis)] = true;
  std::vector<double> y, means, vars;
  NormalizeGroups(
      x, GroupsKeeping(c.shape, kept), static_cast<float>(eps),
      [&](int64_t i) { return scale.Get(ChannelOf(i, after, channels)); },
      [&](int64_t i) { return offset.Get(ChannelOf(i, after, channels)); }, y, means, vars);
  const double n = static_cast<double>(x.size() / std::max<int64_t>(channels, 1));
  std::vector<double> batch_mean, batch_var, rstd;
  for (int64_t ch = 0; ch < channels; ++ch) {
    double m = means[static_cast<size_t>(ch)], v = vars[static_cast<size_t>(ch)] * n / std::max(n - 1, 1.0);
    if (factor != 1.0) {
      const double old_m = with_running ? running_mean.Get(ch) : 0.0, old_v = with_running ? running_var.Get(ch) : 1.0;
      m = (1 - factor) * old_m + factor * m;
      v = (1 - factor) * old_v + factor * v;
    }
    batch_mean.push_back(m);
    batch_var.push_back(v);
    rstd.push_back(1 / std::sqrt(vars[static_cast<size_t>(ch)] + static_cast<float>(eps)));
  }
  const std::string what = std::string(Name(t)) + " " + c.format + " " + ToString(c.shape);
  ExpectClose(out[0], y, "y " + what);
  ExpectClose(out[1], batch_mean, "batch_mean " + what, 1e-5);
  ExpectClose(out[2], batch_var, "batch_variance " + what, 1e-5);
  ExpectClose(out[3], means, "reserve_space_1 " + what, 1e-5);
  ExpectClose(out[4], rstd, "reserve_space_2 " + what, 1e-5);
}

TEST(BatchNorm, TrainingNormalizesWithTheBatchStatistics) {
  uint32_t seed = 100;
  for (DType t : kFloats) {
    for (const auto& c : kBatchNormCases) {
      if (NumElements(c.shape) > 0) CheckTraining(t, c, 1.0, true, seed += 10);
    }
  }
}

TEST(BatchNorm, TrainingBlendsRunningStatisticsByTheFactor) {
  CheckTraining(DType::kFloat32, kBatchNormCases[1], 0.25, true, 7);
  CheckTraining(DType::kFloat32, kBatchNormCases[0], 0.5, false, 8);  // absent: mean 0, variance 1
}

TEST(BatchNorm, TrainingNeedsNoMeanOrVarianceInputs) {
  CheckTraining(DType::kFloat16, kBatchNormCases[0], 1.0, false, 9);
}

TEST(BatchNorm, LargeInputsOnManyThreads) {
  CheckTraining(DType::kFloat32, {{4, 8, 50, 50}, "NCHW", 1}, 1.0, true, 11, Threads());
  CheckTraining(DType::kFloat16, {{4, 50, 50, 8}, "NHWC", 3}, 1.0, true, 12, Threads());
}

TEST(BatchNorm, ShapeFunctionErrors) {
  const TensorSpec x{DType::kFloat32, {2, 3, 4, 5}}, c5{DType::kFloat32, {5}}, c3{DType::kFloat32, {3}};
  const Attrs inference = {{"is_training", false}};
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { Kernels().Infer("BatchNorm", {{DType::kFloat32, {5}}, c5, c5, c5, c5}, inference); });
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { Kernels().Infer("BatchNorm", {x, c3, c5, c5, c5}, inference); });
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE,
              [&] { Kernels().Infer("BatchNorm", {x, {DType::kFloat16, {5}}, c5, c5, c5}, inference); });
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { Kernels().Infer("BatchNorm", {x, c5, c5}, inference); });
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { Kernels().Infer("BatchNorm", {x, c5, c5, c5}, {}); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH,
              [&] { Kernels().Infer("BatchNorm", {x, c5, c5, c5, c5}, {{"data_format", std::string("NCWH")}}); });
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE,
              [&] { Kernels().Infer("BatchNorm", {{DType::kInt32, {2, 3, 4, 5}}, c5, c5, c5, c5}, {}); });
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { Kernels().Infer("BatchNorm", {x, c5}, {}); });
}

// ---------------------------------------------------------------------------------------------
// LayerNorm.

struct LayerNormCase {
  Shape shape;
  int64_t norm_axis, params_axis;
};

void CheckLayerNorm(DType t, const LayerNormCase& c, uint32_t seed, const Parallel& parallel = Parallel::Inline()) {
  const int64_t rank = static_cast<int64_t>(c.shape.size());
  const int64_t na = c.norm_axis < 0 ? c.norm_axis + rank : c.norm_axis;
  const int64_t pa = c.params_axis < 0 ? c.params_axis + rank : c.params_axis;
  const Shape params(c.shape.begin() + pa, c.shape.end());
  HostTensor x = Random(t, c.shape, seed, -3, 3);
  HostTensor gamma = Random(t, params, seed + 1, 0.5, 1.5);
  HostTensor beta = Random(t, params, seed + 2, -1, 1);
  const double eps = 1e-5;
  auto out = RunOp("LayerNorm", {&x, &gamma, &beta},
                   {{"begin_norm_axis", c.norm_axis}, {"begin_params_axis", c.params_axis}, {"epsilon", static_cast<float>(eps)}},
                   parallel);
  Shape stats = c.shape;
  for (int64_t d = na; d < rank; ++d) stats[static_cast<size_t>(d)] = 1;
  ASSERT_EQ(out[0].spec().shape, c.shape);
  ASSERT_EQ(out[1].spec().shape, stats);
  ASSERT_EQ(out[2].spec().shape, stats);
  ASSERT_EQ(out[1].spec().dtype, t);
  std::vector<bool> kept(c.shape.size(), false);
  for (int64_t d = 0; d < na; ++d) kept[static_cast<size_t>(d)] = true;
  const int64_t count = std::max<int64_t>(1, NumElements(params));
  std::vector<double> y, means, vars;
  NormalizeGroups(
      x, GroupsKeeping(c.shape, kept), static_cast<float>(eps), [&](int64_t i) { return gamma.Get(i % count); },
      [&](int64_t i) { return beta.Get(i % count); }, y, means, vars);
  const std::string what = std::string(Name(t)) + " " + ToString(c.shape);
  ExpectClose(out[0], y, "y " + what);
  ExpectClose(out[1], means, "mean " + what, 1e-6);
  ExpectClose(out[2], vars, "variance " + what, 1e-5);
}

TEST(LayerNorm, MatchesReferenceForEveryTypeAndAxes) {
  const std::vector<LayerNormCase> cases = {
      {{2, 3, 4}, 1, 1}, {{2, 3, 4}, 2, 2}, {{2, 3, 4}, -1, -1}, {{2, 3, 4}, 0, 0}, {{2, 3, 4}, 1, 2},
      {{5}, 0, 0},       {{3, 1, 5}, 1, 1}, {{0, 4}, 1, 1},      {{3, 0}, 1, 1},   {{2, 3, 4}, -2, -1},
      {{2, 3, 4}, 2, 1},  // gamma and beta span more dims than are normalized
  };
  uint32_t seed = 1;
  for (DType t : kFloats) {
    for (const auto& c : cases) CheckLayerNorm(t, c, seed += 3);
  }
}

TEST(LayerNorm, DefaultsNormalizeOverEverything) {
  HostTensor x = Random(DType::kFloat32, {2, 3}, 5, -2, 2);
  HostTensor gamma(DType::kFloat32, {2, 3}), beta(DType::kFloat32, {2, 3});
  for (int i = 0; i < 6; ++i) gamma.Set(i, 1);
  auto out = RunOp("LayerNorm", {&x, &gamma, &beta});
  EXPECT_EQ(out[1].spec().shape, (Shape{1, 1}));
  std::vector<int64_t> all = {0, 1, 2, 3, 4, 5};
  const auto [mean, var] = Moments(x, all);
  EXPECT_NEAR(out[1].Get(0), mean, 1e-6);
  EXPECT_NEAR(out[0].Get(4), (x.Get(4) - mean) / std::sqrt(var + 1e-7f), 1e-5);
}

TEST(LayerNorm, LargeInputOnManyThreads) {
  CheckLayerNorm(DType::kFloat32, {{512, 768}, 1, 1}, 3, Threads());
  CheckLayerNorm(DType::kBFloat16, {{64, 16, 96}, -1, -1}, 4, Threads());
}

TEST(LayerNorm, ShapeFunctionErrors) {
  const TensorSpec x{DType::kFloat32, {2, 3, 4}}, g4{DType::kFloat32, {4}};
  const Attrs last = {{"begin_norm_axis", int64_t{-1}}, {"begin_params_axis", int64_t{-1}}};
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { Kernels().Infer("LayerNorm", {x, {DType::kFloat32, {3}}, g4}, last); });
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { Kernels().Infer("LayerNorm", {x, g4, g4}, {}); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH,
              [&] { Kernels().Infer("LayerNorm", {x, g4, g4}, {{"begin_norm_axis", int64_t{3}}, {"begin_params_axis", int64_t{-1}}}); });
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { Kernels().Infer("LayerNorm", {x, {DType::kFloat16, {4}}, g4}, last); });
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE,
              [&] { Kernels().Infer("LayerNorm", {{DType::kInt32, {2, 3, 4}}, {DType::kInt32, {4}}, {DType::kInt32, {4}}}, last); });
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH,
              [&] { Kernels().Infer("LayerNorm", {{DType::kFloat32, {}}, {DType::kFloat32, {}}, {DType::kFloat32, {}}}, {}); });
}

// ---------------------------------------------------------------------------------------------
// InstanceNorm and GroupNorm.

struct ChannelCase {
  Shape shape;
  std::string format;
  int64_t axis;
};

void CheckInstanceNorm(DType t, const ChannelCase& c, const Shape& param_shape, uint32_t seed,
                       const Parallel& parallel = Parallel::Inline()) {
  const int64_t channels = c.shape[static_cast<size_t>(c.axis)], after = After(c.shape, c.axis);
  HostTensor x = Random(t, c.shape, seed, -3, 3);
  HostTensor gamma = Random(t, param_shape, seed + 1, 0.5, 1.5);
  HostTensor beta = Random(t, param_shape, seed + 2, -1, 1);
  const double eps = 1e-5;
  auto out = RunOp("InstanceNorm", {&x, &gamma, &beta}, {{"data_format", c.format}, {"epsilon", static_cast<float>(eps)}},
                   parallel);
  Shape stats(c.shape.size(), 1);
  stats[0] = c.shape[0];
  stats[static_cast<size_t>(c.axis)] = channels;
  ASSERT_EQ(out[1].spec().shape, stats);
  ASSERT_EQ(out[2].spec().shape, stats);
  std::vector<bool> kept(c.shape.size(), false);
  kept[0] = kept[static_cast<size_t>(c.axis)] = true;
  std::vector<double> y, means, vars;
  NormalizeGroups(
      x, GroupsKeeping(c.shape, kept), static_cast<float>(eps),
      [&](int64_t i) { return gamma.Get(ChannelOf(i, after, channels)); },
      [&](int64_t i) { return beta.Get(ChannelOf(i, after, channels)); }, y, means, vars);
  const std::string what = std::string(Name(t)) + " " + c.format + " " + ToString(c.shape);
  ExpectClose(out[0], y, "y " + what);
  ExpectClose(out[1], means, "mean " + what, 1e-6);
  ExpectClose(out[2], vars, "variance " + what, 1e-5);
}

TEST(InstanceNorm, MatchesReferenceForEveryTypeAndLayout) {
  const std::vector<ChannelCase> cases = {{{2, 3, 4, 5}, "NCHW", 1},      {{2, 4, 5, 3}, "NHWC", 3},
                                          {{2, 3, 2, 3, 4}, "NCDHW", 1}, {{2, 2, 3, 4, 3}, "NDHWC", 4},
                                          {{1, 3, 1, 1}, "NCHW", 1},     {{0, 3, 2, 2}, "NCHW", 1}};
  uint32_t seed = 1;
  for (DType t : kFloats) {
    for (const auto& c : cases) {
      CheckInstanceNorm(t, c, {c.shape[static_cast<size_t>(c.axis)]}, seed += 3);
    }
  }
}

TEST(InstanceNorm, AcceptsGammaShapedLikeTheStatistics) {
  CheckInstanceNorm(DType::kFloat32, {{2, 3, 4, 5}, "NCHW", 1}, {1, 3, 1, 1}, 5);
}

TEST(InstanceNorm, DefaultLayoutIsChannelLast) {
  HostTensor x = Random(DType::kFloat32, {1, 2, 2, 2, 3}, 6, -1, 1);
  HostTensor g = Random(DType::kFloat32, {3}, 7, 1, 2), b = Random(DType::kFloat32, {3}, 8, 0, 1);
  EXPECT_EQ(RunOp("InstanceNorm", {&x, &g, &b})[1].spec().shape, (Shape{1, 1, 1, 1, 3}));
}

TEST(InstanceNorm, LargeInputOnManyThreads) {
  CheckInstanceNorm(DType::kFloat32, {{4, 32, 40, 40}, "NCHW", 1}, {32}, 9, Threads());
}

TEST(InstanceNorm, ShapeFunctionErrors) {
  const TensorSpec c3{DType::kFloat32, {3}};
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH,
              [&] { Kernels().Infer("InstanceNorm", {{DType::kFloat32, {2, 3}}, c3, c3}, {{"data_format", std::string("NCHW")}}); });
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] {
    Kernels().Infer("InstanceNorm", {{DType::kFloat32, {2, 3, 4, 5}}, {DType::kFloat32, {4}}, c3}, {{"data_format", std::string("NCHW")}});
  });
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] {
    Kernels().Infer("InstanceNorm", {{DType::kFloat16, {2, 3, 4, 5}}, c3, c3}, {{"data_format", std::string("NCHW")}});
  });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] {
    Kernels().Infer("InstanceNorm", {{DType::kFloat32, {2, 3, 4, 5}}, c3, c3}, {{"data_format", std::string("CHWN")}});
  });
}

void CheckGroupNorm(DType t, const ChannelCase& c, int64_t groups, uint32_t seed,
                    const Parallel& parallel = Parallel::Inline()) {
  const int64_t channels = c.shape[static_cast<size_t>(c.axis)], after = After(c.shape, c.axis);
  HostTensor x = Random(t, c.shape, seed, -3, 3);
  HostTensor gamma = Random(t, {channels}, seed + 1, 0.5, 1.5);
  HostTensor beta = Random(t, {channels}, seed + 2, -1, 1);
  const double eps = 1e-4;
  auto out = RunOp("GroupNorm", {&x, &gamma, &beta}, {{"num_groups", groups}, {"data_format", c.format}}, parallel);
  ASSERT_EQ(out[1].spec().shape, (Shape{c.shape[0], groups}));
  ASSERT_EQ(out[2].spec().shape, (Shape{c.shape[0], groups}));
  const int64_t per_group = channels / groups;
  std::vector<std::vector<int64_t>> sets(static_cast<size_t>(c.shape[0] * groups));
  for (int64_t i = 0; i < x.size(); ++i) {
    const int64_t n = i / (x.size() / c.shape[0]), g = ChannelOf(i, after, channels) / per_group;
    sets[static_cast<size_t>(n * groups + g)].push_back(i);
  }
  std::vector<double> y, means, vars;
  NormalizeGroups(
      x, sets, static_cast<float>(eps), [&](int64_t i) { return gamma.Get(ChannelOf(i, after, channels)); },
      [&](int64_t i) { return beta.Get(ChannelOf(i, after, channels)); }, y, means, vars);
  const std::string what = std::string(Name(t)) + " " + c.format + " " + ToString(c.shape);
  ExpectClose(out[0], y, "y " + what);
  ExpectClose(out[1], means, "mean " + what, 1e-6);
  ExpectClose(out[2], vars, "variance " + what, 1e-5);
}

TEST(GroupNorm, MatchesReferenceForEveryTypeLayoutAndGroupCount) {
  uint32_t seed = 1;
  for (DType t : kFloats) {
    CheckGroupNorm(t, {{2, 6, 3, 4}, "NCHW", 1}, 3, seed += 3);
    CheckGroupNorm(t, {{2, 6, 3, 4}, "NCHW", 1}, 1, seed += 3);
    CheckGroupNorm(t, {{2, 3, 4, 6}, "NHWC", 3}, 2, seed += 3);
    CheckGroupNorm(t, {{2, 4, 5}, "NCHW", 1}, 4, seed += 3);
    CheckGroupNorm(t, {{3, 8}, "NCHW", 1}, 2, seed += 3);
    CheckGroupNorm(t, {{2, 2, 3, 2, 4}, "NDHWC", 4}, 2, seed += 3);
  }
}

TEST(GroupNorm, DefaultLayoutIsChannelLast) {
  HostTensor x = Random(DType::kFloat32, {2, 3, 4}, 3, -1, 1);
  HostTensor g = Random(DType::kFloat32, {4}, 4, 1, 2), b = Random(DType::kFloat32, {4}, 5, 0, 1);
  auto out = RunOp("GroupNorm", {&x, &g, &b}, {{"num_groups", int64_t{2}}});
  std::vector<int64_t> first;  // sample 0, channels 0 and 1
  for (int64_t i = 0; i < 12; ++i) {
    if (i % 4 < 2) first.push_back(i);
  }
  EXPECT_NEAR(out[1].Get(0), Moments(x, first).first, 1e-6);
}

TEST(GroupNorm, EmptyBatchGivesEmptyOutputs) {
  HostTensor x(DType::kFloat32, {0, 4, 3}), g(DType::kFloat32, {4}), b(DType::kFloat32, {4});
  auto out = RunOp("GroupNorm", {&x, &g, &b}, {{"num_groups", int64_t{2}}, {"data_format", std::string("NCHW")}});
  EXPECT_EQ(out[0].size(), 0);
  EXPECT_EQ(out[1].spec().shape, (Shape{0, 2}));
}

TEST(GroupNorm, LargeInputOnManyThreads) {
  CheckGroupNorm(DType::kFloat32, {{4, 32, 30, 30}, "NCHW", 1}, 8, 7, Threads());
  CheckGroupNorm(DType::kFloat16, {{4, 30, 30, 32}, "NHWC", 3}, 4, 8, Threads());
}

TEST(GroupNorm, ShapeFunctionErrors) {
  const TensorSpec x{DType::kFloat32, {2, 6, 3}}, c6{DType::kFloat32, {6}};
  const Attrs nchw = {{"data_format", std::string("NCHW")}};
  auto with_groups = [&](int64_t g) {
    Attrs a = nchw;
    a["num_groups"] = g;
    return a;
  };
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("GroupNorm", {x, c6, c6}, with_groups(4)); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("GroupNorm", {x, c6, c6}, with_groups(0)); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { Kernels().Infer("GroupNorm", {x, c6, c6}, nchw); });
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH,
              [&] { Kernels().Infer("GroupNorm", {x, {DType::kFloat32, {3}}, c6}, with_groups(3)); });
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { Kernels().Infer("GroupNorm", {{DType::kFloat32, {6}}, c6, c6}, with_groups(3)); });
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [&] {
    Kernels().Infer("GroupNorm", {{DType::kInt8, {2, 6, 3}}, {DType::kInt8, {6}}, {DType::kInt8, {6}}}, with_groups(3));
  });
}

// ---------------------------------------------------------------------------------------------
// L2Normalize.

void CheckL2Normalize(DType t, const Shape& shape, const std::vector<int64_t>& axes, uint32_t seed,
                      const Parallel& parallel = Parallel::Inline()) {
  HostTensor x = Random(t, shape, seed, -3, 3);
  const double eps = 1e-4;
  auto out = RunOp("L2Normalize", {&x}, {{"axis", axes}, {"eps", static_cast<float>(eps)}}, parallel);
  ASSERT_EQ(out[0].spec().shape, shape);
  std::vector<bool> kept(shape.size(), !axes.empty());
  for (int64_t a : axes) kept[static_cast<size_t>(a < 0 ? a + static_cast<int64_t>(shape.size()) : a)] = false;
  std::vector<double> y(static_cast<size_t>(x.size()));
  for (const auto& g : GroupsKeeping(shape, kept)) {
    double sum = 0;
    for (int64_t i : g) sum += x.Get(i) * x.Get(i);
    const double norm = std::sqrt(std::max(sum, static_cast<double>(static_cast<float>(eps))));
    for (int64_t i : g) y[static_cast<size_t>(i)] = x.Get(i) / norm;
  }
  ExpectClose(out[0], y, std::string("L2Normalize ") + Name(t) + " " + ToString(shape));
}

TEST(L2Normalize, MatchesReferenceForEveryTypeAndAxes) {
  uint32_t seed = 1;
  for (DType t : kFloats) {
    CheckL2Normalize(t, {3, 4}, {1}, seed++);
    CheckL2Normalize(t, {2, 3, 4}, {0, 2}, seed++);
    CheckL2Normalize(t, {2, 3, 4}, {-1}, seed++);
    CheckL2Normalize(t, {2, 3, 4}, {}, seed++);
    CheckL2Normalize(t, {7}, {0}, seed++);
    CheckL2Normalize(t, {0, 3}, {1}, seed++);
    CheckL2Normalize(t, {3, 0}, {1}, seed++);
  }
}

TEST(L2Normalize, EpsBoundsTheDivisor) {
  HostTensor x(DType::kFloat32, {2, 2});
  x.Set(0, 1e-4);
  x.Set(1, 0);
  x.Set(2, 0);
  x.Set(3, 0);
  auto out = RunOp("L2Normalize", {&x}, {{"axis", std::vector<int64_t>{1}}});
  EXPECT_NEAR(out[0].Get(0), 1e-4 / std::sqrt(1e-4), 1e-7);
  EXPECT_EQ(out[0].Get(2), 0.0);
}

TEST(L2Normalize, LargeInputOnManyThreads) {
  CheckL2Normalize(DType::kFloat32, {2000, 64}, {1}, 3, Threads());
  CheckL2Normalize(DType::kFloat32, {64, 2000}, {0}, 4, Threads());
}

TEST(L2Normalize, ShapeFunctionErrors) {
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH,
              [] { Kernels().Infer("L2Normalize", {{DType::kFloat32, {2, 3}}}, {{"axis", std::vector<int64_t>{2}}}); });
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [] { Kernels().Infer("L2Normalize", {{DType::kInt32, {2, 3}}}, {}); });
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH,
              [] { Kernels().Infer("L2Normalize", {{DType::kFloat32, {2, 3}}}, {{"eps", std::string("small")}}); });
}

}  // namespace
}  // namespace aclsim::sim
