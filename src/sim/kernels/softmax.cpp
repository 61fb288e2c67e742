// SoftmaxV2 and LogSoftmaxV2 over one or more axes (default the last), and Hardmax (ONNX-13: 1 at
// the first maximum along one axis, 0 elsewhere; NaN counts as the maximum). Computed in ComputeType
// (float32 for the 16-bit floats, double for float64) with the group's maximum subtracted first,
// the exponentials summed pairwise, and rounded once when stored.
#include <cmath>
#include <limits>

#include "common/error.h"
#include "sim/kernels/axes.h"
#include "sim/kernels/families.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

std::vector<bool> SoftmaxMask(const char* op, const Shape& shape, const AttrReader& attrs) {
  const auto axes = NormalizeAxes(op, "axes", attrs.Ints("axes", {-1}), static_cast<int64_t>(shape.size()),
                                  ACL_ERROR_OP_ATTR_NOT_MATCH);
  return AxisMask(shape.size(), axes);
}

InferFn SoftmaxInfer(const char* op, bool has_half_to_float) {
  return [op, has_half_to_float](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
    RequireDType(op, "x", in[0], kFloatTypes);
    SoftmaxMask(op, in[0].shape, attrs);
    DType out = in[0].dtype;
    if (has_half_to_float && attrs.Bool("half_to_float", false) && out == DType::kFloat16) out = DType::kFloat32;
    return std::vector<TensorSpec>{{out, in[0].shape, in[0].format}};
  };
}

template <bool kLog, typename T, typename Out>
void RunSoftmax(const KernelArgs& args, const AxisSplit& split) {
  using C = typename ComputeType<T>::type;
  const T* x = args.inputs[0].As<T>();
  Out* y = args.outputs[0].As<Out>();
  const int64_t inner = split.inner();
  args.parallel.For(split.outer(), GrainFor(inner), [&](int64_t begin, int64_t end) {
    std::vector<C> v(static_cast<size_t>(inner));
    for (int64_t o = begin; o < end; ++o) {
      const int64_t base = split.Base(o);
      C max = -std::numeric_limits<C>::infinity();
      bool nan = false;
      split.ForInner(0, inner, [&](int64_t r, int64_t off) {
        const C value = static_cast<C>(x[base + off]);
        v[static_cast<size_t>(r)] = value;
        nan = nan || std::isnan(value);
        if (value > max) max = value;
      });
      if (nan) max = std::numeric_limits<C>::quiet_NaN();
      for (C& value : v) value = std::exp(value - max);
      const C sum = PairwiseSum(v.data(), inner);
      if constexpr (kLog) {
        const C log_sum = std::log(sum);
        split.ForInner(0, inner, [&](int64_t, int64_t off) {
          y[base + off] = static_cast<Out>(static_cast<C>(x[base + off]) - max - log_sum);
        });
      } else {
        split.ForInner(0, inner, [&](int64_t r, int64_t off) {
          y[base + off] = static_cast<Out>(v[static_cast<size_t>(r)] / sum);
        });
      }
    }
  });
}

template <bool kLog>
void SoftmaxKernel(const KernelArgs& args) {
  const TensorView& x = args.inputs[0];
  const AxisSplit split(x.shape(), SoftmaxMask(args.op, x.shape(), args.attrs));
  DispatchFloating(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if (args.outputs[0].dtype() == DType::kFloat32 && x.dtype() != DType::kFloat32) {
      RunSoftmax<kLog, T, float>(args, split);  // half_to_float
    } else {
      RunSoftmax<kLog, T, T>(args, split);
    }
  });
}

std::vector<TensorSpec> HardmaxInfer(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  RequireDType("Hardmax", "x", in[0], kFloatTypes);
  NormalizeOneAxis("Hardmax", "axis", attrs.Int("axis", -1), static_cast<int64_t>(in[0].shape.size()),
                   ACL_ERROR_OP_ATTR_NOT_MATCH);
  return {in[0]};
}

void HardmaxKernel(const KernelArgs& args) {
  const TensorView& x = args.inputs[0];
  const int64_t axis = NormalizeOneAxis(args.op, "axis", args.attrs.Int("axis", -1), x.rank(), ACL_ERROR_OP_ATTR_NOT_MATCH);
  std::vector<bool> mask(static_cast<size_t>(x.rank()), false);
  if (x.rank() > 0) mask[static_cast<size_t>(axis)] = true;
  const AxisSplit split(x.shape(), mask);
  DispatchFloating(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = typename ComputeType<T>::type;
    const T* px = x.As<T>();
    T* py = args.outputs[0].As<T>();
    const int64_t inner = split.inner();
    args.parallel.For(split.outer(), GrainFor(inner), [&](int64_t begin, int64_t end) {
      for (int64_t o = begin; o < end; ++o) {
        const int64_t base = split.Base(o);
        int64_t best_off = -1;
        C best = C(0);
        split.ForInner(0, inner, [&](int64_t, int64_t off) {
          const C v = static_cast<C>(px[base + off]);
          py[base + off] = static_cast<T>(C(0));
          if (best_off < 0 || (!std::isnan(best) && (std::isnan(v) || v > best))) {
            best = v;
            best_off = off;
          }
        });
        if (best_off >= 0) py[base + best_off] = static_cast<T>(C(1));
      }
    });
  });
}

}  // namespace

void RegisterSoftmax(Registry& registry) {
  registry.Add(OpDef{"SoftmaxV2", 1, 1, Describe(kFloatTypes),
                     {{"axes", "list_int", "[-1]"}, {"half_to_float", "bool", "false"}},
                     SoftmaxInfer("SoftmaxV2", true), SoftmaxKernel<false>});
  registry.Add(OpDef{"LogSoftmaxV2", 1, 1, Describe(kFloatTypes), {{"axes", "list_int", "[-1]"}},
                     SoftmaxInfer("LogSoftmaxV2", false), SoftmaxKernel<true>});
  // Not a CANN operator: ONNX's Hardmax (opset 13), one axis.
  registry.Add(OpDef{"Hardmax", 1, 1, Describe(kFloatTypes), {{"axis", "int", "-1"}}, HardmaxInfer, HardmaxKernel});
}

}  // namespace aclsim::sim
