// Elementwise operators that are neither plain unary nor binary maps: Cast (between every pair of
// the simulator's data types), ClipByValue (three broadcast inputs), PRelu (weight per channel,
// axis 1), Select (TensorFlow's condition rules: same shape, scalar, or one value per row) and
// SelectV2 (NumPy broadcasting of all three inputs).
#include <array>
#include <cmath>
#include <limits>
#include <type_traits>

#include "common/error.h"
#include "sim/kernels/elementwise.h"
#include "sim/kernels/families.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

template <typename T>
constexpr bool kFloatLike = std::is_floating_point_v<T> || std::is_same_v<T, half> || std::is_same_v<T, bfloat16>;

template <typename T>
constexpr bool kIntegral = std::is_integral_v<T> && !std::is_same_v<T, bool>;

template <typename T>
using Compute = typename ComputeType<T>::type;

// ---- Cast -----------------------------------------------------------------------------------------

// A floating value converted to the integer type To. In range, it truncates toward zero. Values
// C++ leaves undefined are saturated instead: NaN becomes 0, values (and infinities) above the
// type's range become its maximum, below it its minimum (0 for unsigned types).
template <typename To, typename C>
To SaturatingTruncate(C value) {
  const double v = static_cast<double>(value);
  if (std::isnan(v)) return To(0);
  // 2^digits is exactly representable and is one past the largest value of To.
  const double upper = std::ldexp(1.0, std::numeric_limits<To>::digits);
  const double lower = static_cast<double>(std::numeric_limits<To>::min());
  if (v >= upper) return std::numeric_limits<To>::max();
  if (v <= lower - 1.0) return std::numeric_limits<To>::min();
  return static_cast<To>(v);
}

// One element of type From converted to To: floats to integers truncate (saturating, see
// above), integers to narrower integers wrap modulo 2^bits, anything to bool is != 0, bool is
// 0 or 1, and conversions to floating types round to nearest (through float for float16/bfloat16).
template <typename To, typename From>
To Convert(From v) {
  if constexpr (std::is_same_v<From, bool>) {
    if constexpr (std::is_same_v<To, bool>) return v;
    else return static_cast<To>(static_cast<Compute<To>>(v ? 1 : 0));
  } else if constexpr (std::is_same_v<To, bool>) {
    return static_cast<Compute<From>>(v) != Compute<From>(0);
  } else if constexpr (kFloatLike<From> && kIntegral<To>) {
    return SaturatingTruncate<To>(static_cast<Compute<From>>(v));
  } else if constexpr (kFloatLike<To>) {
    return static_cast<To>(static_cast<Compute<To>>(static_cast<Compute<From>>(v)));
  } else {
    return static_cast<To>(v);  // integer to integer
  }
}

std::vector<TensorSpec> CastInfer(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  RequireDType("Cast", "input x", in[0], kAllTypes);
  const DType dst = attrs.Type("dst_type");
  if (!IsKnown(static_cast<int32_t>(dst))) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "Cast: attribute \"dst_type\" = {} is not a data type the simulator supports",
         static_cast<int>(dst));
  }
  return {TensorSpec(dst, in[0].shape, in[0].format)};
}

void CastKernel(const KernelArgs& args) {
  const TensorView& x = args.inputs[0];
  const TensorView& y = args.outputs[0];
  DispatchAll(x.dtype(), [&](auto from_tag) {
    using From = decltype(from_tag);
    DispatchAll(y.dtype(), [&](auto to_tag) {
      using To = decltype(to_tag);
      const From* in = x.As<From>();
      To* out = y.As<To>();
      args.parallel.For(y.NumElements(), kElementwiseGrain, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) out[i] = Convert<To, From>(in[i]);
      });
    });
  });
}

// ---- three-input broadcasting loop ----------------------------------------------------------------

// out[i] = op(a, b, c) over the output's elements, with the inputs read as `shapes` (each must
// broadcast to the output's shape; Select passes its row condition as [n, 1, ..., 1]).
template <typename A, typename B, typename C, typename Out, typename Op>
void TernaryMap(const KernelArgs& args, const std::array<Shape, 3>& shapes, Op op) {
  const A* pa = args.inputs[0].As<A>();
  const B* pb = args.inputs[1].As<B>();
  const C* pc = args.inputs[2].As<C>();
  const TensorView& z = args.outputs[0];
  Out* pz = z.As<Out>();
  const int64_t n = z.NumElements();
  if (shapes[0] == z.shape() && shapes[1] == z.shape() && shapes[2] == z.shape()) {
    args.parallel.For(n, kElementwiseGrain, [&](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) pz[i] = op(pa[i], pb[i], pc[i]);
    });
    return;
  }
  const auto sa = BroadcastStrides(shapes[0], z.shape());
  const auto sb = BroadcastStrides(shapes[1], z.shape());
  const auto sc = BroadcastStrides(shapes[2], z.shape());
  args.parallel.For(n, kElementwiseGrain, [&](int64_t begin, int64_t end) {
    ForEachBroadcast<3>(z.shape(), {&sa, &sb, &sc}, begin, end, [&](int64_t i, const std::array<int64_t, 3>& at) {
      pz[i] = op(pa[at[0]], pb[at[1]], pc[at[2]]);
    });
  });
}

std::array<Shape, 3> InputShapes(const KernelArgs& args) {
  return {args.inputs[0].shape(), args.inputs[1].shape(), args.inputs[2].shape()};
}

// ---- ClipByValue ----------------------------------------------------------------------------------

std::vector<TensorSpec> ClipInfer(const std::vector<TensorSpec>& in, const AttrReader&) {
  RequireSameDType("ClipByValue", in);
  RequireDType("ClipByValue", "input x", in[0], kNumericTypes);
  return {TensorSpec(in[0].dtype, BroadcastShapes("ClipByValue", {in[0].shape, in[1].shape, in[2].shape}),
                     in[0].format)};
}

// min(max(x, clip_value_min), clip_value_max): where min > max the result is max. NaN in x stays.
void ClipKernel(const KernelArgs& args) {
  DispatchNumeric(args.inputs[0].dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = Compute<T>;
    TernaryMap<T, T, T, T>(args, InputShapes(args), [](T x, T lo, T hi) {
      T v = static_cast<C>(x) < static_cast<C>(lo) ? lo : x;
      return static_cast<C>(v) > static_cast<C>(hi) ? hi : v;
    });
  });
}

// ---- PRelu ----------------------------------------------------------------------------------------

// Channels of x for PRelu: dim 1, or 1 for tensors of fewer than two dims.
int64_t PreluChannels(const Shape& x) { return x.size() >= 2 ? x[1] : 1; }

std::vector<TensorSpec> PreluInfer(const std::vector<TensorSpec>& in, const AttrReader&) {
  RequireDType("PRelu", "input x", in[0], kFloatTypes);
  RequireSameDType("PRelu", in);
  const int64_t channels = PreluChannels(in[0].shape);
  const int64_t weights = NumElements(in[1].shape);
  if (weights != 1 && weights != channels) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH,
         "PRelu: weight {} must have 1 element or one per channel of x {} (dim 1: {} channels)",
         ToString(in[1].shape), ToString(in[0].shape), channels);
  }
  return {TensorSpec(in[0].dtype, in[0].shape, in[0].format)};
}

// y = x if x > 0, weight[c] * x otherwise, c the index along dim 1.
void PreluKernel(const KernelArgs& args) {
  const TensorView& x = args.inputs[0];
  const TensorView& w = args.inputs[1];
  const int64_t channels = PreluChannels(x.shape());
  int64_t inner = 1;  // elements per channel of one outer index
  for (size_t d = 2; d < x.shape().size(); ++d) inner *= x.shape()[d];
  const bool shared = w.NumElements() == 1;
  DispatchFloating(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = Compute<T>;
    const T* px = x.As<T>();
    const T* pw = w.As<T>();
    T* py = args.outputs[0].As<T>();
    args.parallel.For(x.NumElements(), kElementwiseGrain, [&](int64_t begin, int64_t end) {
      if (begin >= end) return;
      int64_t c = shared ? 0 : (begin / inner) % channels;
      int64_t j = shared ? 0 : begin % inner;
      for (int64_t i = begin; i < end; ++i) {
        const C v = static_cast<C>(px[i]);
        py[i] = v > C(0) ? px[i] : static_cast<T>(static_cast<C>(pw[c]) * v);
        if (!shared && ++j == inner) {
          j = 0;
          if (++c == channels) c = 0;
        }
      }
    });
  });
}

// ---- Select and SelectV2 --------------------------------------------------------------------------

void RequireSameValueType(const char* op, const char* a, const TensorSpec& sa, const char* b, const TensorSpec& sb) {
  if (sa.dtype != sb.dtype) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: {} is {} but {} is {}; they must share a data type", op, a,
         Name(sa.dtype), b, Name(sb.dtype));
  }
}

std::vector<TensorSpec> SelectInfer(const std::vector<TensorSpec>& in, const AttrReader&) {
  RequireDType("Select", "input condition", in[0], {DType::kBool});
  RequireSameValueType("Select", "x1", in[1], "x2", in[2]);
  RequireDType("Select", "input x1", in[1], kAllTypes);
  const Shape& cond = in[0].shape;
  const Shape& x = in[1].shape;
  if (in[2].shape != x) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "Select: x1 {} and x2 {} must have the same shape", ToString(x),
         ToString(in[2].shape));
  }
  const bool rows = cond.size() == 1 && x.size() >= 1 && cond[0] == x[0];
  if (cond != x && !cond.empty() && !rows) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH,
         "Select: condition {} must have the shape of x1 {}, be a scalar, or be a vector of x1's first dim",
         ToString(cond), ToString(x));
  }
  return {TensorSpec(in[1].dtype, x, in[1].format)};
}

void SelectKernel(const KernelArgs& args) {
  const Shape& x = args.inputs[1].shape();
  Shape cond = args.inputs[0].shape();
  if (cond.size() == 1 && x.size() > 1) cond.resize(x.size(), 1);  // one value per row: [n, 1, ..., 1]
  DispatchAll(args.inputs[1].dtype(), [&](auto tag) {
    using T = decltype(tag);
    TernaryMap<bool, T, T, T>(args, {cond, x, x}, [](bool c, T a, T b) { return c ? a : b; });
  });
}

std::vector<TensorSpec> SelectV2Infer(const std::vector<TensorSpec>& in, const AttrReader&) {
  RequireDType("SelectV2", "input condition", in[0], {DType::kBool});
  RequireSameValueType("SelectV2", "then", in[1], "else", in[2]);
  RequireDType("SelectV2", "input then", in[1], kAllTypes);
  return {TensorSpec(in[1].dtype, BroadcastShapes("SelectV2", {in[0].shape, in[1].shape, in[2].shape}),
                     in[1].format)};
}

void SelectV2Kernel(const KernelArgs& args) {
  DispatchAll(args.inputs[1].dtype(), [&](auto tag) {
    using T = decltype(tag);
    TernaryMap<bool, T, T, T>(args, InputShapes(args), [](bool c, T a, T b) { return c ? a : b; });
  });
}

}  // namespace

void RegisterElementwiseMisc(Registry& registry) {
  registry.Add(OpDef{"Cast", 1, 1, Describe(kAllTypes), {{"dst_type", "int", ""}}, CastInfer, CastKernel});
  registry.Add(OpDef{"ClipByValue", 3, 3, Describe(kNumericTypes), {}, ClipInfer, ClipKernel});
  registry.Add(OpDef{"PRelu", 2, 2, Describe(kFloatTypes), {}, PreluInfer, PreluKernel});
  registry.Add(OpDef{"Select", 3, 3, Describe(kAllTypes), {}, SelectInfer, SelectKernel});
  registry.Add(OpDef{"SelectV2", 3, 3, Describe(kAllTypes), {}, SelectV2Infer, SelectV2Kernel});
}

}  // namespace aclsim::sim
