// Normalizations: BatchNorm (inference and training), LayerNorm, InstanceNorm, GroupNorm,
// L2Normalize and LRN. Statistics are computed in ComputeType (float32 for the 16-bit floats and float32,
// double for float64) in two passes (the mean, then the mean squared deviation), each summed
// pairwise; variances are the biased (population) ones unless stated. Results round once.
#include <algorithm>
#include <cmath>
#include <limits>

#include "common/error.h"
#include "sim/kernels/axes.h"
#include "sim/kernels/families.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

// The channel axis that data_format names for an input of `rank` dims: 1 for the channel-first
// formats, the last for the channel-last ones.
int64_t ChannelAxis(const char* op, const std::string& format, int64_t rank) {
  if (format == "NCHW" || format == "NCDHW" || format == "NCL" || format == "NC" || format == "ND") return 1;
  if (format == "NHWC" || format == "NDHWC" || format == "NLC") return rank - 1;
  Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: data_format \"{}\" is not supported (NCHW, NCDHW, NHWC or NDHWC)", op,
       format);
}

void RequireChannelParam(const char* op, const char* what, const TensorSpec& spec, int64_t channels) {
  if (NumElements(spec.shape) != channels) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: {} must hold one value per channel ({}), has shape {}", op, what, channels,
         ToString(spec.shape));
  }
}

// Mean and biased variance of the elements of kept position `o`, using `buffer` as scratch.
template <typename T, typename C>
void Moments(const T* x, const AxisSplit& split, int64_t o, std::vector<C>& buffer, C& mean, C& variance) {
  const int64_t n = split.inner(), base = split.Base(o);
  buffer.resize(static_cast<size_t>(n));
  split.ForInner(0, n, [&](int64_t r, int64_t off) { buffer[static_cast<size_t>(r)] = static_cast<C>(x[base + off]); });
  mean = PairwiseSum(buffer.data(), n) / static_cast<C>(n);
  for (C& v : buffer) v = (v - mean) * (v - mean);
  variance = PairwiseSum(buffer.data(), n) / static_cast<C>(n);
}

// ---------------------------------------------------------------------------------------------
// BatchNorm: x, scale, offset[, mean, variance] -> y, batch_mean, batch_variance,
// reserve_space_1, reserve_space_2, reserve_space_3.

std::vector<TensorSpec> BatchNormInfer(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  const char* op = "BatchNorm";
  RequireDType(op, "x", in[0], kFloatTypes);
  const int64_t rank = static_cast<int64_t>(in[0].shape.size());
  if (rank < 2) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must have 4 or 5 dims, has shape {}", op, ToString(in[0].shape));
  const int64_t axis = ChannelAxis(op, attrs.String("data_format", "NHWC"), rank);
  const int64_t channels = in[0].shape[static_cast<size_t>(axis)];
  const char* names[] = {"x", "scale", "offset", "mean", "variance"};
  for (size_t i = 1; i < in.size(); ++i) {
    RequireDType(op, names[i], in[i], {DType::kFloat32});
    RequireRank(op, names[i], in[i], 1);
    RequireChannelParam(op, names[i], in[i], channels);
  }
  const bool training = attrs.Bool("is_training", true);
  if (!training && in.size() != 5) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: inference (is_training = false) needs the mean and variance inputs", op);
  }
  if (in.size() == 4) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: mean is given without variance", op);
  const float epsilon = attrs.Float("epsilon", 1e-4f);
  if (!(epsilon >= 0)) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: epsilon must be >= 0, is {}", op, epsilon);
  attrs.Float("exponential_avg_factor", 1.0f);
  const TensorSpec stat{DType::kFloat32, {channels}};
  return {{in[0].dtype, in[0].shape, in[0].format}, stat, stat, stat, stat, {DType::kFloat32, {1}}};
}

void BatchNormKernel(const KernelArgs& args) {
  const TensorView& x = args.inputs[0];
  const int64_t rank = x.rank();
  const int64_t axis = ChannelAxis(args.op, args.attrs.String("data_format", "NHWC"), rank);
  const int64_t channels = x.dim(axis);
  int64_t after = 1;  // elements between channels
  for (int64_t d = axis + 1; d < rank; ++d) after *= x.dim(d);
  const bool training = args.attrs.Bool("is_training", true);
  const double epsilon = args.attrs.Float("epsilon", 1e-4f);
  const double factor = args.attrs.Float("exponential_avg_factor", 1.0f);
  const float* scale = args.inputs[1].As<float>();
  const float* offset = args.inputs[2].As<float>();
  const float* mean_in = args.inputs.size() > 3 ? args.inputs[3].As<float>() : nullptr;
  const float* var_in = args.inputs.size() > 4 ? args.inputs[4].As<float>() : nullptr;
  float* batch_mean = args.outputs[1].As<float>();
  float* batch_var = args.outputs[2].As<float>();
  float* reserve1 = args.outputs[3].As<float>();
  float* reserve2 = args.outputs[4].As<float>();
  args.outputs[5].As<float>()[0] = 0.0f;

  DispatchFloating(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = typename ComputeType<T>::type;
    const T* px = x.As<T>();
    T* py = args.outputs[0].As<T>();
    // y = (x - m) * a + b per channel: subtracting the mean first keeps a small variance (a
    // large a) from cancelling digits.
    std::vector<C> m(static_cast<size_t>(channels)), a(static_cast<size_t>(channels)), b(static_cast<size_t>(channels));
    if (!training) {
      for (int64_t c = 0; c < channels; ++c) {
        const C rstd = C(1) / std::sqrt(static_cast<C>(var_in[c]) + static_cast<C>(epsilon));
        m[static_cast<size_t>(c)] = static_cast<C>(mean_in[c]);
        a[static_cast<size_t>(c)] = static_cast<C>(scale[c]) * rstd;
        b[static_cast<size_t>(c)] = static_cast<C>(offset[c]);
        batch_mean[c] = reserve1[c] = mean_in[c];
        batch_var[c] = reserve2[c] = var_in[c];
      }
    } else {
      std::vector<bool> mask(static_cast<size_t>(rank), true);
      mask[static_cast<size_t>(axis)] = false;
      const AxisSplit split(x.shape(), mask);
      const int64_t n = split.inner();
      args.parallel.For(channels, GrainFor(n), [&](int64_t begin, int64_t end) {
        std::vector<C> buffer;
        for (int64_t c = begin; c < end; ++c) {
          C mean, variance;
          Moments(px, split, c, buffer, mean, variance);
          const C rstd = C(1) / std::sqrt(variance + static_cast<C>(epsilon));
          m[static_cast<size_t>(c)] = mean;
          a[static_cast<size_t>(c)] = static_cast<C>(scale[c]) * rstd;
          b[static_cast<size_t>(c)] = static_cast<C>(offset[c]);
          // The running statistics: the unbiased batch variance, blended with the given ones
          // when exponential_avg_factor is not 1 (absent ones count as mean 0, variance 1).
          double out_mean = static_cast<double>(mean);
          double out_var = static_cast<double>(variance) * static_cast<double>(n) / static_cast<double>(std::max<int64_t>(n - 1, 1));
          if (factor != 1.0) {
            const double old_mean = mean_in ? mean_in[c] : 0.0, old_var = var_in ? var_in[c] : 1.0;
            out_mean = (1.0 - factor) * old_mean + factor * out_mean;
            out_var = (1.0 - factor) * old_var + factor * out_var;
          }
          batch_mean[c] = static_cast<float>(out_mean);
          batch_var[c] = static_cast<float>(out_var);
          reserve1[c] = static_cast<float>(mean);
          reserve2[c] = static_cast<float>(rstd);  // the saved 1 / sqrt(variance + epsilon)
        }
      });
    }
    const int64_t total = x.NumElements();
    args.parallel.For(total, GrainFor(1), [&](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) {
        const size_t c = static_cast<size_t>((i / after) % channels);
        py[i] = static_cast<T>((static_cast<C>(px[i]) - m[c]) * a[c] + b[c]);
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// LayerNorm: x, gamma, beta -> y, mean, variance; normalizes over dims [begin_norm_axis, rank),
// gamma and beta of shape x.shape[begin_params_axis:] applied to the trailing dims.

struct LayerNormAxes {
  int64_t norm, params;
};

LayerNormAxes LayerNormParams(const char* op, const Shape& shape, const AttrReader& attrs) {
  const int64_t rank = static_cast<int64_t>(shape.size());
  return {NormalizeOneAxis(op, "begin_norm_axis", attrs.Int("begin_norm_axis", 0), rank, ACL_ERROR_OP_ATTR_NOT_MATCH),
          NormalizeOneAxis(op, "begin_params_axis", attrs.Int("begin_params_axis", 0), rank, ACL_ERROR_OP_ATTR_NOT_MATCH)};
}

std::vector<TensorSpec> LayerNormInfer(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  const char* op = "LayerNorm";
  RequireDType(op, "x", in[0], kFloatTypes);
  RequireSameDType(op, in);
  const Shape& shape = in[0].shape;
  if (shape.empty()) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must have at least one dim", op);
  const LayerNormAxes axes = LayerNormParams(op, shape, attrs);
  const Shape params(shape.begin() + axes.params, shape.end());
  for (size_t i = 1; i < 3; ++i) {
    if (in[i].shape != params) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: {} must have shape {} (x's dims from begin_params_axis = {}), has {}", op,
           i == 1 ? "gamma" : "beta", ToString(params), axes.params, ToString(in[i].shape));
    }
  }
  attrs.Float("epsilon", 1e-7f);
  Shape stats = shape;
  for (size_t d = static_cast<size_t>(axes.norm); d < stats.size(); ++d) stats[d] = 1;
  return {{in[0].dtype, shape, in[0].format}, {in[0].dtype, stats, in[0].format}, {in[0].dtype, stats, in[0].format}};
}

// y = (x - mean) / sqrt(variance + epsilon) * gamma + beta over each outer slice of `split`,
// writing the slice statistics to outputs 1 and 2; `param_of(element)` picks gamma/beta's index.
template <typename ChannelOf>
void NormalizeAndScale(const KernelArgs& args, const AxisSplit& split, double epsilon, ChannelOf param_of) {
  DispatchFloating(args.inputs[0].dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = typename ComputeType<T>::type;
    const T* px = args.inputs[0].As<T>();
    const T* gamma = args.inputs[1].As<T>();
    const T* beta = args.inputs[2].As<T>();
    T* py = args.outputs[0].As<T>();
    T* pmean = args.outputs[1].As<T>();
    T* pvar = args.outputs[2].As<T>();
    args.parallel.For(split.outer(), GrainFor(split.inner()), [&](int64_t begin, int64_t end) {
      std::vector<C> buffer;
      for (int64_t o = begin; o < end; ++o) {
        C mean, variance;
        Moments(px, split, o, buffer, mean, variance);
        pmean[o] = static_cast<T>(mean);
        pvar[o] = static_cast<T>(variance);
        const C rstd = C(1) / std::sqrt(variance + static_cast<C>(epsilon));
        const int64_t base = split.Base(o);
        split.ForInner(0, split.inner(), [&](int64_t, int64_t off) {
          const int64_t at = base + off, c = param_of(at);
          py[at] = static_cast<T>((static_cast<C>(px[at]) - mean) * rstd * static_cast<C>(gamma[c]) +
                                  static_cast<C>(beta[c]));
        });
      }
    });
  });
}

void LayerNormKernel(const KernelArgs& args) {
  const TensorView& x = args.inputs[0];
  const LayerNormAxes axes = LayerNormParams(args.op, x.shape(), args.attrs);
  const double epsilon = args.attrs.Float("epsilon", 1e-7f);
  std::vector<bool> mask(static_cast<size_t>(x.rank()), false);
  for (int64_t d = axes.norm; d < x.rank(); ++d) mask[static_cast<size_t>(d)] = true;
  const AxisSplit split(x.shape(), mask);
  const int64_t params = args.inputs[1].NumElements();
  NormalizeAndScale(args, split, epsilon, [params](int64_t at) { return at % params; });  // gamma/beta: trailing dims
}

// ---------------------------------------------------------------------------------------------
// InstanceNorm (x, gamma, beta -> y, mean, variance: statistics per sample and channel) and
// GroupNorm (statistics per sample and group of channels). Both scale by per-channel gamma and
// beta.

struct ChannelLayout {
  int64_t axis, channels, spatial;  // spatial: product of the dims other than 0 and axis
};

ChannelLayout Layout(const char* op, const Shape& shape, const std::string& format) {
  const int64_t rank = static_cast<int64_t>(shape.size());
  ChannelLayout layout{ChannelAxis(op, format, rank), 0, 1};
  layout.channels = shape[static_cast<size_t>(layout.axis)];
  for (int64_t d = 1; d < rank; ++d) {
    if (d != layout.axis) layout.spatial *= shape[static_cast<size_t>(d)];
  }
  return layout;
}

void RequireAffine(const char* op, const std::vector<TensorSpec>& in, int64_t channels) {
  RequireDType(op, "x", in[0], {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64});
  RequireSameDType(op, in);
  RequireChannelParam(op, "gamma", in[1], channels);
  RequireChannelParam(op, "beta", in[2], channels);
}

std::vector<TensorSpec> InstanceNormInfer(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  const char* op = "InstanceNorm";
  const Shape& shape = in[0].shape;
  if (shape.size() < 3) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must have 3 to 5 dims (4 or 5 usually), has shape {}", op, ToString(shape));
  }
  const ChannelLayout layout = Layout(op, shape, attrs.String("data_format", "NDHWC"));
  RequireAffine(op, in, layout.channels);
  attrs.Float("epsilon", 1e-6f);
  Shape stats(shape.size(), 1);
  stats[0] = shape[0];
  stats[static_cast<size_t>(layout.axis)] = layout.channels;
  return {{in[0].dtype, shape, in[0].format}, {in[0].dtype, stats, in[0].format}, {in[0].dtype, stats, in[0].format}};
}

std::vector<TensorSpec> GroupNormInfer(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  const char* op = "GroupNorm";
  const Shape& shape = in[0].shape;
  if (shape.size() < 2) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must have at least 2 dims, has shape {}", op, ToString(shape));
  const ChannelLayout layout = Layout(op, shape, attrs.String("data_format", "NHWC"));
  RequireAffine(op, in, layout.channels);
  const int64_t groups = attrs.Int("num_groups");
  if (groups < 1 || layout.channels % groups != 0) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: num_groups = {} must be positive and divide the {} channels", op, groups,
         layout.channels);
  }
  attrs.Float("eps", 1e-4f);
  attrs.Bool("is_training", true);
  const TensorSpec stats{in[0].dtype, {shape[0], groups}, in[0].format};
  return {{in[0].dtype, shape, in[0].format}, stats, stats};
}

// Normalizes x over the groups of `split` (kept position o = sample * groups + group), the
// element at offset i taking the channel channel_of(i).
void InstanceNormKernel(const KernelArgs& args) {
  const TensorView& x = args.inputs[0];
  const ChannelLayout layout = Layout(args.op, x.shape(), args.attrs.String("data_format", "NDHWC"));
  std::vector<bool> mask(static_cast<size_t>(x.rank()), true);
  mask[0] = false;
  mask[static_cast<size_t>(layout.axis)] = false;
  const AxisSplit split(x.shape(), mask);  // kept: (sample, channel)
  const int64_t channels = layout.channels, after = layout.axis == 1 ? layout.spatial : 1;
  NormalizeAndScale(args, split, args.attrs.Float("epsilon", 1e-6f),
              [channels, after](int64_t at) { return (at / after) % channels; });
}

void GroupNormKernel(const KernelArgs& args) {
  const TensorView& x = args.inputs[0];
  const ChannelLayout layout = Layout(args.op, x.shape(), args.attrs.String("data_format", "NHWC"));
  const int64_t groups = args.attrs.Int("num_groups"), channels = layout.channels;
  const int64_t per_group = channels / groups, spatial = layout.spatial;
  const bool channel_first = layout.axis == 1;
  // x seen as [N, G, C/G, S] (channel first) or [N, S, G, C/G] (channel last).
  const Shape view = channel_first ? Shape{x.dim(0), groups, per_group, spatial} : Shape{x.dim(0), spatial, groups, per_group};
  const std::vector<bool> mask = channel_first ? std::vector<bool>{false, false, true, true}
                                               : std::vector<bool>{false, true, false, true};
  const AxisSplit split(view, mask);
  const int64_t after = channel_first ? spatial : 1;
  NormalizeAndScale(args, split, args.attrs.Float("eps", 1e-4f),
              [channels, after](int64_t at) { return (at / after) % channels; });
}

// ---------------------------------------------------------------------------------------------
// L2Normalize: y = x / sqrt(max(sum(x^2 over axis), eps)); an empty axis list means every axis.

std::vector<bool> L2Mask(const char* op, const Shape& shape, const AttrReader& attrs) {
  const auto raw = attrs.Ints("axis", {});
  if (raw.empty()) return std::vector<bool>(shape.size(), true);
  return AxisMask(shape.size(),
                  NormalizeAxes(op, "axis", raw, static_cast<int64_t>(shape.size()), ACL_ERROR_OP_ATTR_NOT_MATCH));
}

std::vector<TensorSpec> L2NormalizeInfer(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  RequireDType("L2Normalize", "x", in[0], kFloatTypes);
  L2Mask("L2Normalize", in[0].shape, attrs);
  attrs.Float("eps", 1e-4f);
  return {in[0]};
}

void L2NormalizeKernel(const KernelArgs& args) {
  const TensorView& x = args.inputs[0];
  const AxisSplit split(x.shape(), L2Mask(args.op, x.shape(), args.attrs));
  const double eps = args.attrs.Float("eps", 1e-4f);
  DispatchFloating(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = typename ComputeType<T>::type;
    const T* px = x.As<T>();
    T* py = args.outputs[0].As<T>();
    args.parallel.For(split.outer(), GrainFor(split.inner()), [&](int64_t begin, int64_t end) {
      std::vector<C> buffer(static_cast<size_t>(split.inner()));
      for (int64_t o = begin; o < end; ++o) {
        const int64_t base = split.Base(o);
        split.ForInner(0, split.inner(), [&](int64_t r, int64_t off) {
          const C v = static_cast<C>(px[base + off]);
          buffer[static_cast<size_t>(r)] = v * v;
        });
        const C norm = std::sqrt(std::max(PairwiseSum(buffer.data(), split.inner()), static_cast<C>(eps)));
        split.ForInner(0, split.inner(), [&](int64_t, int64_t off) {
          py[base + off] = static_cast<T>(static_cast<C>(px[base + off]) / norm);
        });
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// LRN (local response normalization across channels, CANN's attribute names):
// y[n, c, ...] = x[n, c, ...] / (bias + alpha * sum of x[n, c', ...]^2 for |c' - c| <= depth_radius)^beta
// on (N, C, spatial...) with channel dim 1. alpha multiplies the plain sum (TensorFlow's and
// CANN's convention; ONNX's alpha / size is the converter's business).

struct LrnParams {
  int64_t radius;
  double bias, alpha, beta;
};

LrnParams ReadLrn(const char* op, const Shape& shape, const AttrReader& attrs) {
  if (shape.size() < 3) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must be (N, C, spatial...) with at least 3 dims, has shape {}", op,
         ToString(shape));
  }
  const std::string region = attrs.String("norm_region", "ACROSS_CHANNELS");
  if (region != "ACROSS_CHANNELS") {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: norm_region \"{}\" is not supported (only ACROSS_CHANNELS)", op, region);
  }
  const LrnParams p{attrs.Int("depth_radius", 5), attrs.Float("bias", 1.0f), attrs.Float("alpha", 1.0f),
                    attrs.Float("beta", 0.5f)};
  if (p.radius < 0) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: depth_radius must not be negative, is {}", op, p.radius);
  return p;
}

std::vector<TensorSpec> LrnInfer(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  RequireDType("LRN", "x", in[0], kFloatTypes);
  ReadLrn("LRN", in[0].shape, attrs);
  return {in[0]};
}

void LrnKernel(const KernelArgs& args) {
  const TensorView& x = args.inputs[0];
  const LrnParams p = ReadLrn(args.op, x.shape(), args.attrs);
  const int64_t channels = x.dim(1);
  int64_t inner = 1;
  for (int64_t d = 2; d < x.rank(); ++d) inner *= x.dim(d);
  DispatchFloating(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = typename ComputeType<T>::type;
    const T* px = x.As<T>();
    T* py = args.outputs[0].As<T>();
    const int64_t window = std::min(2 * p.radius + 1, std::max<int64_t>(channels, 1));
    args.parallel.For(x.dim(0) * channels, GrainFor(inner * window), [&](int64_t begin, int64_t end) {
      std::vector<C> sum(static_cast<size_t>(inner));
      for (int64_t plane = begin; plane < end; ++plane) {
        const int64_t n = plane / channels, c = plane % channels;
        const int64_t c0 = std::max<int64_t>(0, c - p.radius), c1 = std::min(channels - 1, c + p.radius);
        std::fill(sum.begin(), sum.end(), C{0});
        for (int64_t k = c0; k <= c1; ++k) {
          const T* src = px + (n * channels + k) * inner;
          for (int64_t i = 0; i < inner; ++i) {
            const C v = static_cast<C>(src[i]);
            sum[static_cast<size_t>(i)] += v * v;
          }
        }
        const T* src = px + plane * inner;
        T* dst = py + plane * inner;
        for (int64_t i = 0; i < inner; ++i) {
          const C scale = std::pow(static_cast<C>(p.bias) + static_cast<C>(p.alpha) * sum[static_cast<size_t>(i)],
                                   static_cast<C>(p.beta));
          dst[i] = static_cast<T>(static_cast<C>(src[i]) / scale);
        }
      }
    });
  });
}

}  // namespace

void RegisterNormalization(Registry& registry) {
  // x of these types; scale, offset, mean and variance float32.
  registry.Add(OpDef{"BatchNorm", 3, 5, Describe(kFloatTypes),
                     {{"epsilon", "float", "0.0001"},
                      {"data_format", "string", "\"NHWC\""},
                      {"is_training", "bool", "true"},
                      {"exponential_avg_factor", "float", "1"}},
                     BatchNormInfer, BatchNormKernel});
  registry.Add(OpDef{"LayerNorm", 3, 3, Describe(kFloatTypes),
                     {{"begin_norm_axis", "int", "0"}, {"begin_params_axis", "int", "0"}, {"epsilon", "float", "1e-07"}},
                     LayerNormInfer, LayerNormKernel});
  registry.Add(OpDef{"InstanceNorm", 3, 3, Describe(kFloatTypes),
                     {{"data_format", "string", "\"NDHWC\""}, {"epsilon", "float", "1e-06"}}, InstanceNormInfer,
                     InstanceNormKernel});
  registry.Add(OpDef{"GroupNorm", 3, 3, Describe(kFloatTypes),
                     {{"num_groups", "int", ""},
                      {"data_format", "string", "\"NHWC\""},
                      {"eps", "float", "0.0001"},
                      {"is_training", "bool", "true"}},
                     GroupNormInfer, GroupNormKernel});
  registry.Add(OpDef{"LRN", 1, 1, Describe(kFloatTypes),
                     {{"depth_radius", "int", "5"},
                      {"bias", "float", "1"},
                      {"alpha", "float", "1"},
                      {"beta", "float", "0.5"},
                      {"norm_region", "string", "\"ACROSS_CHANNELS\""}},
                     LrnInfer, LrnKernel});
  registry.Add(OpDef{"L2Normalize", 1, 1, Describe(kFloatTypes), {{"axis", "list_int", "[]"}, {"eps", "float", "0.0001"}},
                     L2NormalizeInfer, L2NormalizeKernel});
}

}  // namespace aclsim::sim
