// NLLLoss: the negative log-likelihood loss of log-probabilities x (N, C) or (N, C, d1, ..., dk)
// against class indices target (N) or (N, d1, ..., dk), with optional per-class weights (C), as
// ONNX's NegativeLogLikelihoodLoss defines it:
//   loss[n, d...] = -weight[t] * x[n, t, d...] with t = target[n, d...], and 0 where t == ignore_index;
//   "none" returns that tensor, "sum" its sum, "mean" its sum divided by the sum of the weights of
//   the targets not ignored (NaN when every target is ignored).
// Losses are computed in ComputeType; the sums accumulate in double and are rounded once.
#include <cmath>
#include <limits>
#include <string>

#include "common/error.h"
#include "sim/kernels/axes.h"
#include "sim/kernels/families.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/kernels/input_values.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

constexpr const char* kOp = "NLLLoss";

std::string Reduction(const AttrReader& attrs) {
  const std::string reduction = attrs.String("reduction", "mean");
  if (reduction != "none" && reduction != "mean" && reduction != "sum") {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: reduction must be \"none\", \"mean\" or \"sum\", is \"{}\"", kOp, reduction);
  }
  return reduction;
}

bool HasWeight(const std::vector<TensorSpec>& in) { return in.size() > 2 && !IsAbsent(in[2]); }

std::vector<TensorSpec> NLLLossInfer(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  const TensorSpec &x = in[0], &target = in[1];
  RequireDType(kOp, "x", x, kFloatTypes);
  RequireDType(kOp, "target", target, {DType::kInt32, DType::kInt64});
  if (x.shape.size() < 2) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must be (N, C) or (N, C, d1, ...), has shape {}", kOp, ToString(x.shape));
  }
  Shape expected = {x.shape[0]};
  expected.insert(expected.end(), x.shape.begin() + 2, x.shape.end());
  if (target.shape != expected) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: target must have shape {} for x {}, has {}", kOp, ToString(expected),
         ToString(x.shape), ToString(target.shape));
  }
  if (HasWeight(in)) {
    if (in[2].dtype != x.dtype) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: weight is {} but x is {}", kOp, Name(in[2].dtype), Name(x.dtype));
    }
    if (in[2].shape != Shape{x.shape[1]}) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: weight must have shape [{}] (one per class), has {}", kOp, x.shape[1],
           ToString(in[2].shape));
    }
  }
  attrs.Int("ignore_index", -100);
  const std::string reduction = Reduction(attrs);
  return {TensorSpec(x.dtype, reduction == "none" ? expected : Shape{}, x.format)};
}

void NLLLossKernel(const KernelArgs& args) {
  const TensorView &x = args.inputs[0], &target = args.inputs[1];
  const bool weighted = args.inputs.size() > 2 && !IsAbsent(args.inputs[2].spec);
  const std::string reduction = Reduction(args.attrs);
  const int64_t ignore = args.attrs.Int("ignore_index", -100);
  const int64_t n = x.dim(0), classes = x.dim(1), spatial = n == 0 || classes == 0 ? 0 : x.NumElements() / (n * classes);
  const int64_t count = n * spatial;
  const std::vector<int64_t> t = ReadInts(target);
  for (int64_t i = 0; i < count; ++i) {
    const int64_t c = t[static_cast<size_t>(i)];
    if (c != ignore && (c < 0 || c >= classes)) {
      Fail(ACL_ERROR_INVALID_PARAM, "{}: target {} at position {} is not a class in [0, {}) nor ignore_index {}", kOp, c,
           i, classes, ignore);
    }
  }
  DispatchFloating(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = typename ComputeType<T>::type;
    const T* px = x.As<T>();
    const T* pw = weighted ? args.inputs[2].As<T>() : nullptr;
    // The loss and the weight of position i = (b, s) of the target.
    auto term = [&](int64_t i, C& weight) -> C {
      const int64_t c = t[static_cast<size_t>(i)];
      if (c == ignore) {
        weight = C(0);
        return C(0);
      }
      weight = weighted ? static_cast<C>(pw[c]) : C(1);
      const int64_t b = i / spatial, s = i % spatial;
      return -static_cast<C>(px[(b * classes + c) * spatial + s]) * weight;
    };
    T* py = args.outputs[0].As<T>();
    if (reduction == "none") {
      args.parallel.For(count, 1 << 14, [&](int64_t begin, int64_t end) {
        C weight;
        for (int64_t i = begin; i < end; ++i) py[i] = static_cast<T>(term(i, weight));
      });
      return;
    }
    std::vector<double> losses(static_cast<size_t>(count)), weights(static_cast<size_t>(count));
    args.parallel.For(count, 1 << 14, [&](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) {
        C weight;
        losses[static_cast<size_t>(i)] = static_cast<double>(term(i, weight));
        weights[static_cast<size_t>(i)] = static_cast<double>(weight);
      }
    });
    const double sum = PairwiseSum(losses.data(), count);
    py[0] = static_cast<T>(static_cast<C>(reduction == "sum" ? sum : sum / PairwiseSum(weights.data(), count)));
  });
}

}  // namespace

void RegisterLoss(Registry& registry) {
  // CANN's NLLLoss names and defaults (reduction "mean", ignore_index -100); ONNX's
  // NegativeLogLikelihoodLoss semantics for any number of trailing dims.
  registry.Add(OpDef{kOp, 2, 3, Describe(kFloatTypes) + " (target: int32, int64)",
                     {{"reduction", "string", "\"mean\""}, {"ignore_index", "int", "-100"}}, NLLLossInfer,
                     NLLLossKernel});
}

}  // namespace aclsim::sim
