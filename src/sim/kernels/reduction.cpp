// Reductions over axes (ReduceSum, ReduceMean, ReduceMax, ReduceMin, ReduceProd with the axes as
// an input, their D variants with the axes as an attribute, ReduceL2, and ONNX's ReduceL1,
// ReduceSumSquare, ReduceLogSum and ReduceLogSumExp with the axes as an attribute), index reductions
// (ArgMaxV2, ArgMin, ArgMaxD, ArgMinD), TopK/TopKV2 and the cumulative sums Cumsum/CumsumD.
//
// Floating sums accumulate in ComputeType (float32 for the 16-bit floats and float32, double
// for float64) by pairwise halving within blocks of kBlock elements, the block sums again
// pairwise, and are rounded once when stored; the result does not depend on the thread count.
// Integer sums and products wrap modulo 2^bits (computed in unsigned arithmetic, never
// overflowing a signed type).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "common/error.h"
#include "sim/kernels/axes.h"
#include "sim/kernels/families.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

constexpr int64_t kBlock = 4096;  // reduced elements per partial sum

template <typename T>
constexpr bool kIntegral = std::is_integral_v<T> && !std::is_same_v<T, bool>;

const std::initializer_list<DType> kIndexTypes = {DType::kInt32, DType::kInt64};

// ---------------------------------------------------------------------------------------------
// Which axes an operator reduces.

enum class AxesFrom { kInput, kAttr };

struct ReduceSpec {
  AxesFrom axes_from;
  bool has_noop_attr;  // noop_with_empty_axes is an attribute of the operator
  bool noop_default;   // its default
  bool axes_optional = false;  // an absent axes attribute is an empty list
};

std::vector<int64_t> AxesAttr(const ReduceSpec& spec, const AttrReader& attrs) {
  return spec.axes_optional ? attrs.Ints("axes", {}) : attrs.Ints("axes");
}

// The reduction's dims: `reduced` flags them; `noop` says the output is the input unchanged
// (an empty or absent axes list with noop_with_empty_axes).
struct ReducePlan {
  std::vector<bool> reduced;
  bool noop = false;
};

ReducePlan PlanReduce(const char* op, const Shape& shape, const std::vector<int64_t>& raw_axes,
                      const ReduceSpec& spec, const AttrReader& attrs) {
  ReducePlan plan;
  const bool noop_empty = spec.has_noop_attr && attrs.Bool("noop_with_empty_axes", spec.noop_default);
  if (raw_axes.empty()) {
    if (noop_empty) {
      plan.noop = true;
      plan.reduced.assign(shape.size(), false);
    } else {
      plan.reduced.assign(shape.size(), true);  // an empty (or absent) axes list reduces every dim
    }
    return plan;
  }
  const aclError code = spec.axes_from == AxesFrom::kAttr ? ACL_ERROR_OP_ATTR_NOT_MATCH : ACL_ERROR_OP_INPUT_NOT_MATCH;
  const auto axes = NormalizeAxes(op, "axes", raw_axes, static_cast<int64_t>(shape.size()), code);
  plan.reduced = AxisMask(shape.size(), axes);
  return plan;
}

void RequireAxesInput(const char* op, const char* what, const TensorSpec& spec) {
  RequireDType(op, what, spec, kIndexTypes);
  if (spec.shape.size() > 1) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: {} must be a scalar or a 1-D tensor, has shape {}", op, what,
         ToString(spec.shape));
  }
}

InferFn ReduceInfer(const char* op, ReduceSpec spec, std::initializer_list<DType> types) {
  std::vector<DType> allowed(types);
  return [op, spec, allowed](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
    if (std::find(allowed.begin(), allowed.end(), in[0].dtype) == allowed.end()) {
      Fail(ACL_ERROR_UNSUPPORTED_DATA_TYPE, "{}: x has data type {}, which this operator does not support", op,
           Name(in[0].dtype));
    }
    std::vector<int64_t> axes;  // stays empty when an optional axes input is absent
    if (spec.axes_from == AxesFrom::kAttr) {
      axes = AxesAttr(spec, attrs);
    } else if (in.size() > 1) {
      RequireAxesInput(op, "axes", in[1]);
      axes = ConstInts(op, "axes", in[1]);
    }
    const ReducePlan plan = PlanReduce(op, in[0].shape, axes, spec, attrs);
    const bool keep_dims = attrs.Bool("keep_dims", false);
    return std::vector<TensorSpec>{{in[0].dtype, ReducedShape(in[0].shape, plan.reduced, keep_dims), in[0].format}};
  };
}

// ---------------------------------------------------------------------------------------------
// The reduction kernels.

enum class Reduce { kSum, kMean, kMax, kMin, kProd, kL2, kL1, kSumSquare, kLogSum, kLogSumExp };

// The reductions that sum a function of the elements (wrapping modulo 2^64 for integers).
template <Reduce K>
constexpr bool kSumLike = K == Reduce::kSum || K == Reduce::kMean || K == Reduce::kL2 || K == Reduce::kL1 ||
                          K == Reduce::kSumSquare || K == Reduce::kLogSum;

// What a reduction of T accumulates in: ComputeType for floats; for integers uint64_t modulo
// 2^64 for sums and products (the low bits are T's wrapped result), T itself for max/min.
template <Reduce K, typename T>
using AccOf = std::conditional_t<kIntegral<T> && (kSumLike<K> || K == Reduce::kProd), uint64_t,
                                 typename ComputeType<T>::type>;

// What element v contributes to a sum-like reduction: |v| for L1, v * v for L2 and SumSquare.
template <Reduce K, typename T, typename A>
A Term(T x) {
  using C = typename ComputeType<T>::type;
  const C v = static_cast<C>(x);
  if constexpr (std::is_same_v<A, uint64_t>) {  // integers: sign-extended, wrapping mod 2^64
    const uint64_t u = static_cast<uint64_t>(v);
    if constexpr (K == Reduce::kL1) {
      if constexpr (std::is_signed_v<C>) return v < 0 ? uint64_t{0} - u : u;
      else return u;
    } else if constexpr (K == Reduce::kSumSquare) {
      return u * u;
    } else {
      return u;
    }
  } else {
    const A a = static_cast<A>(v);
    if constexpr (K == Reduce::kL1) return std::abs(a);
    else if constexpr (K == Reduce::kL2 || K == Reduce::kSumSquare) return a * a;
    else return a;
  }
}

template <Reduce K, typename A>
A Identity() {
  if constexpr (K == Reduce::kProd) {
    return A(1);
  } else if constexpr (K == Reduce::kMax) {
    if constexpr (std::numeric_limits<A>::has_infinity) return -std::numeric_limits<A>::infinity();
    else return std::numeric_limits<A>::lowest();
  } else if constexpr (K == Reduce::kMin) {
    if constexpr (std::numeric_limits<A>::has_infinity) return std::numeric_limits<A>::infinity();
    else return std::numeric_limits<A>::max();
  } else {
    return A(0);
  }
}

// Folds b into a for the reductions that are not sums (NaN propagates through max and min).
template <Reduce K, typename A>
A Fold(A a, A b) {
  if constexpr (K == Reduce::kMax || K == Reduce::kMin) {
    if constexpr (std::is_floating_point_v<A>) {
      if (std::isnan(a) || std::isnan(b)) return std::numeric_limits<A>::quiet_NaN();
    }
    if constexpr (K == Reduce::kMax) return a < b ? b : a;
    else return b < a ? b : a;
  } else if constexpr (K == Reduce::kProd) {
    return a * b;  // uint64_t wraps
  } else {
    return a + b;  // sums; uint64_t wraps
  }
}

template <Reduce K, typename T>
void RunReduce(const KernelArgs& args, const AxisSplit& split) {
  using A = AccOf<K, T>;
  constexpr bool kPairwise = std::is_floating_point_v<A> && kSumLike<K>;
  const T* x = args.inputs[0].As<T>();
  T* y = args.outputs[0].As<T>();
  const int64_t outer = split.outer(), inner = split.inner();

  // The value of reduced positions [begin, end) of kept position o.
  auto reduce_range = [&](int64_t o, int64_t begin, int64_t end, std::vector<A>& buffer) -> A {
    const int64_t base = split.Base(o);
    if constexpr (kPairwise) {
      buffer.resize(static_cast<size_t>(end - begin));
      split.ForInner(begin, end, [&](int64_t r, int64_t off) {
        buffer[static_cast<size_t>(r - begin)] = Term<K, T, A>(x[base + off]);
      });
      return PairwiseSum(buffer.data(), end - begin);
    } else {
      A acc = Identity<K, A>();
      split.ForInner(begin, end, [&](int64_t, int64_t off) {
        acc = Fold<K, A>(acc, Term<K, T, A>(x[base + off]));
      });
      return acc;
    }
  };

  auto finish = [&](A acc) -> T {
    if constexpr (K == Reduce::kMean) {
      if constexpr (kIntegral<T>) {
        if (inner == 0) Fail(ACL_ERROR_INVALID_PARAM, "{}: the integer mean of an empty set of elements", args.op);
        if constexpr (std::is_signed_v<T>) return static_cast<T>(static_cast<int64_t>(acc) / inner);
        else return static_cast<T>(acc / static_cast<uint64_t>(inner));
      } else {
        return static_cast<T>(acc / static_cast<A>(inner));
      }
    } else if constexpr (K == Reduce::kL2) {
      return static_cast<T>(std::sqrt(acc));
    } else if constexpr (K == Reduce::kLogSum) {
      return static_cast<T>(std::log(acc));
    } else {
      return static_cast<T>(acc);
    }
  };

  const int64_t blocks = inner <= kBlock ? 1 : (inner + kBlock - 1) / kBlock;
  if (blocks == 1) {
    args.parallel.For(outer, GrainFor(inner), [&](int64_t begin, int64_t end) {
      std::vector<A> buffer;
      for (int64_t o = begin; o < end; ++o) y[o] = finish(reduce_range(o, 0, inner, buffer));
    });
    return;
  }
  // Long reductions: partial results of fixed blocks (in parallel), then each kept position's.
  std::vector<A> partial(static_cast<size_t>(outer * blocks));
  args.parallel.For(outer * blocks, 1, [&](int64_t begin, int64_t end) {
    std::vector<A> buffer;
    for (int64_t i = begin; i < end; ++i) {
      const int64_t o = i / blocks, b = i % blocks;
      partial[static_cast<size_t>(i)] = reduce_range(o, b * kBlock, std::min(inner, (b + 1) * kBlock), buffer);
    }
  });
  args.parallel.For(outer, GrainFor(blocks), [&](int64_t begin, int64_t end) {
    for (int64_t o = begin; o < end; ++o) {
      const A* p = partial.data() + o * blocks;
      A acc;
      if constexpr (kPairwise) {
        acc = PairwiseSum(p, blocks);
      } else {
        acc = p[0];
        for (int64_t b = 1; b < blocks; ++b) acc = Fold<K, A>(acc, p[b]);
      }
      y[o] = finish(acc);
    }
  });
}

// log(sum(exp(x))) computed as max + log(sum(exp(x - max))), so large values do not overflow; an
// empty set gives -inf, an infinite maximum gives itself.
template <typename T>
void RunLogSumExp(const KernelArgs& args, const AxisSplit& split) {
  using C = typename ComputeType<T>::type;
  const T* x = args.inputs[0].As<T>();
  T* y = args.outputs[0].As<T>();
  const int64_t inner = split.inner();
  args.parallel.For(split.outer(), GrainFor(inner), [&](int64_t begin, int64_t end) {
    std::vector<C> v(static_cast<size_t>(inner));
    for (int64_t o = begin; o < end; ++o) {
      const int64_t base = split.Base(o);
      C max = -std::numeric_limits<C>::infinity();
      split.ForInner(0, inner, [&](int64_t r, int64_t off) {
        v[static_cast<size_t>(r)] = static_cast<C>(x[base + off]);
        max = Fold<Reduce::kMax, C>(max, v[static_cast<size_t>(r)]);
      });
      if (!std::isfinite(max)) {
        y[o] = static_cast<T>(max);
        continue;
      }
      for (C& e : v) e = std::exp(e - max);
      y[o] = static_cast<T>(max + std::log(PairwiseSum(v.data(), inner)));
    }
  });
}

template <Reduce K>
KernelFn ReduceKernel(ReduceSpec spec) {
  return [spec](const KernelArgs& args) {
    const TensorView& x = args.inputs[0];
    std::vector<int64_t> axes;
    if (spec.axes_from == AxesFrom::kAttr) axes = AxesAttr(spec, args.attrs);
    else if (args.inputs.size() > 1) axes = IntsOf(args.inputs[1]);
    const ReducePlan plan = PlanReduce(args.op, x.shape(), axes, spec, args.attrs);
    if (plan.noop) {
      if (x.ByteSize() > 0) std::memcpy(args.outputs[0].data, x.data, x.ByteSize());
      return;
    }
    const AxisSplit split(x.shape(), plan.reduced);
    DispatchNumeric(x.dtype(), [&](auto tag) {
      using T = decltype(tag);
      constexpr bool kFloatOnly = K == Reduce::kL2 || K == Reduce::kLogSum || K == Reduce::kLogSumExp;
      if constexpr (std::is_same_v<T, bool> || (kFloatOnly && kIntegral<T>)) {
        Fail(ACL_ERROR_UNSUPPORTED_DATA_TYPE, "{}: data type {} is not supported", args.op, Name(x.dtype()));
      } else if constexpr (K == Reduce::kLogSumExp) {
        RunLogSumExp<T>(args, split);
      } else {
        RunReduce<K, T>(args, split);
      }
    });
  };
}

template <Reduce K>
void AddReduce(Registry& registry, const char* type, ReduceSpec spec, std::initializer_list<DType> types) {
  std::vector<AttrDoc> attrs;
  if (spec.axes_from == AxesFrom::kAttr) attrs.push_back({"axes", "list_int", spec.axes_optional ? "[]" : ""});
  attrs.push_back({"keep_dims", "bool", "false"});
  if (spec.has_noop_attr) attrs.push_back({"noop_with_empty_axes", "bool", spec.noop_default ? "true" : "false"});
  const int min_inputs = spec.axes_from == AxesFrom::kInput && K != Reduce::kL2 ? 2 : 1;
  const int max_inputs = spec.axes_from == AxesFrom::kInput ? 2 : 1;
  registry.Add(OpDef{type, min_inputs, max_inputs, Describe(types), attrs, ReduceInfer(type, spec, types),
                     ReduceKernel<K>(spec)});
}

// ---------------------------------------------------------------------------------------------
// ArgMaxV2, ArgMin (dimension as an input) and ArgMaxD, ArgMinD (dimension as an attribute).

// Whether candidate c beats the best b so far (strictly; ties keep the earlier index). NaN beats
// every number, and the first NaN wins.
template <bool kMax, typename C>
bool Beats(C c, C b) {
  if constexpr (std::is_floating_point_v<C>) {
    if (std::isnan(b)) return false;
    if (std::isnan(c)) return true;
  }
  return kMax ? b < c : c < b;
}

InferFn ArgInfer(const char* op, bool dimension_attr) {
  return [op, dimension_attr](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
    RequireDType(op, "x", in[0], kNumericTypes);
    int64_t dimension;
    if (dimension_attr) {
      dimension = attrs.Int("dimension");
    } else {
      RequireAxesInput(op, "dimension", in[1]);
      const auto values = ConstInts(op, "dimension", in[1]);
      if (values.size() != 1) {
        Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: dimension must hold one value, holds {}", op, values.size());
      }
      dimension = values[0];
    }
    const int64_t rank = static_cast<int64_t>(in[0].shape.size());
    const aclError code = dimension_attr ? ACL_ERROR_OP_ATTR_NOT_MATCH : ACL_ERROR_OP_INPUT_NOT_MATCH;
    const int64_t axis = NormalizeOneAxis(op, "dimension", dimension, rank, code);
    const DType out_type = attrs.Has("dtype") ? attrs.Type("dtype") : DType::kInt64;
    if (out_type != DType::kInt32 && out_type != DType::kInt64) {
      Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: dtype must be int32 or int64, is {}", op, Name(out_type));
    }
    Shape out;
    for (int64_t d = 0; d < rank; ++d) {
      if (d != axis) out.push_back(in[0].shape[static_cast<size_t>(d)]);
    }
    if (rank > 0 && in[0].shape[static_cast<size_t>(axis)] == 0 && NumElements(out) > 0) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: dimension {} of x {} is empty, so it has no extreme element", op, axis,
           ToString(in[0].shape));
    }
    if (out_type == DType::kInt32 && rank > 0 && in[0].shape[static_cast<size_t>(axis)] > std::numeric_limits<int32_t>::max()) {
      Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: dimension {} is too long for int32 indices", op, axis);
    }
    return std::vector<TensorSpec>{{out_type, out, in[0].format}};
  };
}

template <bool kMax>
KernelFn ArgKernel(bool dimension_attr) {
  return [dimension_attr](const KernelArgs& args) {
    const TensorView& x = args.inputs[0];
    const int64_t dimension = dimension_attr ? args.attrs.Int("dimension") : IntsOf(args.inputs[1]).at(0);
    const int64_t axis = NormalizeOneAxis(args.op, "dimension", dimension, x.rank(), ACL_ERROR_OP_INPUT_NOT_MATCH);
    std::vector<bool> mask(static_cast<size_t>(x.rank()), false);
    if (x.rank() > 0) mask[static_cast<size_t>(axis)] = true;
    const AxisSplit split(x.shape(), mask);
    const int64_t inner = split.inner();
    DispatchNumeric(x.dtype(), [&](auto tag) {
      using T = decltype(tag);
      using C = typename ComputeType<T>::type;
      const T* px = x.As<T>();
      auto store = [&](auto* out) {
        using I = std::remove_pointer_t<decltype(out)>;
        args.parallel.For(split.outer(), GrainFor(inner), [&](int64_t begin, int64_t end) {
          for (int64_t o = begin; o < end; ++o) {
            const int64_t base = split.Base(o);
            int64_t best_index = 0;
            C best{};
            split.ForInner(0, inner, [&](int64_t r, int64_t off) {
              const C v = static_cast<C>(px[base + off]);
              if (r == 0 || Beats<kMax>(v, best)) {
                best = v;
                best_index = r;
              }
            });
            out[o] = static_cast<I>(best_index);
          }
        });
      };
      if (args.outputs[0].dtype() == DType::kInt32) store(args.outputs[0].As<int32_t>());
      else store(args.outputs[0].As<int64_t>());
    });
  };
}

void AddArg(Registry& registry, const char* type, bool is_max, bool dimension_attr) {
  std::vector<AttrDoc> attrs;
  if (dimension_attr) attrs.push_back({"dimension", "int", ""});
  attrs.push_back({"dtype", "data_type", "int64"});
  const int inputs = dimension_attr ? 1 : 2;
  registry.Add(OpDef{type, inputs, inputs, Describe(kNumericTypes), attrs, ArgInfer(type, dimension_attr),
                     is_max ? ArgKernel<true>(dimension_attr) : ArgKernel<false>(dimension_attr)});
}

// ---------------------------------------------------------------------------------------------
// TopK and TopKV2: the k largest (or smallest) elements along `dim`, and their int32 indices.

struct TopKConfig {
  int64_t axis;
  int64_t k;
};

TopKConfig TopKParams(const char* op, const Shape& shape, int64_t k, const AttrReader& attrs, aclError k_code) {
  const int64_t rank = static_cast<int64_t>(shape.size());
  if (rank == 0) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must have at least one dim, is a scalar", op);
  const int64_t axis = NormalizeOneAxis(op, "dim", attrs.Int("dim", -1), rank, ACL_ERROR_OP_ATTR_NOT_MATCH);
  const int64_t length = shape[static_cast<size_t>(axis)];
  if (k < 0 || k > length) {
    Fail(k_code, "{}: k = {} must lie in [0, {}], the length of dim {} of x {}", op, k, length, axis, ToString(shape));
  }
  if (length > std::numeric_limits<int32_t>::max()) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: dim {} of x is too long for int32 indices", op, axis);
  }
  return {axis, k};
}

InferFn TopKInfer(const char* op) {
  return [op](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
    RequireDType(op, "x", in[0], kNumericTypes);
    RequireAxesInput(op, "k", in[1]);
    const auto k = ConstInts(op, "k", in[1]);
    if (k.size() != 1) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: k must hold one value, holds {}", op, k.size());
    const TopKConfig config = TopKParams(op, in[0].shape, k[0], attrs, ACL_ERROR_OP_INPUT_NOT_MATCH);
    attrs.Bool("sorted", true);  // the k are returned sorted either way
    attrs.Bool("largest", true);
    Shape out = in[0].shape;
    out[static_cast<size_t>(config.axis)] = config.k;
    return std::vector<TensorSpec>{{in[0].dtype, out, in[0].format}, {DType::kInt32, out, in[0].format}};
  };
}

void TopKKernel(const KernelArgs& args) {
  const TensorView& x = args.inputs[0];
  const TopKConfig config =
      TopKParams(args.op, x.shape(), IntsOf(args.inputs[1]).at(0), args.attrs, ACL_ERROR_OP_INPUT_NOT_MATCH);
  const bool largest = args.attrs.Bool("largest", true);
  std::vector<bool> mask(static_cast<size_t>(x.rank()), false);
  mask[static_cast<size_t>(config.axis)] = true;
  const AxisSplit in_split(x.shape(), mask);
  const AxisSplit out_split(args.outputs[0].shape(), mask);
  int64_t out_stride = 1;  // elements between neighbours along the axis (same in x and outputs)
  for (int64_t d = config.axis + 1; d < x.rank(); ++d) out_stride *= x.dim(d);
  const int64_t k = config.k, length = in_split.inner();
  if (k == 0 || args.outputs[0].NumElements() == 0) return;
  DispatchNumeric(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = typename ComputeType<T>::type;
    const T* px = x.As<T>();
    T* values = args.outputs[0].As<T>();
    int32_t* indices = args.outputs[1].As<int32_t>();
    // a comes before b: larger (smaller) value first, NaN counted as the largest; ties by index.
    auto before = [largest](const std::pair<C, int32_t>& a, const std::pair<C, int32_t>& b) {
      if constexpr (std::is_floating_point_v<C>) {
        const bool na = std::isnan(a.first), nb = std::isnan(b.first);
        if (na || nb) {
          if (na && nb) return a.second < b.second;
          return largest ? na : nb;
        }
      }
      if (a.first != b.first) return largest ? b.first < a.first : a.first < b.first;
      return a.second < b.second;
    };
    args.parallel.For(in_split.outer(), GrainFor(length), [&](int64_t begin, int64_t end) {
      std::vector<std::pair<C, int32_t>> row(static_cast<size_t>(length));
      for (int64_t o = begin; o < end; ++o) {
        const int64_t base = in_split.Base(o);
        in_split.ForInner(0, length, [&](int64_t r, int64_t off) {
          row[static_cast<size_t>(r)] = {static_cast<C>(px[base + off]), static_cast<int32_t>(r)};
        });
        std::partial_sort(row.begin(), row.begin() + k, row.end(), before);
        const int64_t out_base = out_split.Base(o);
        for (int64_t j = 0; j < k; ++j) {
          values[out_base + j * out_stride] = static_cast<T>(row[static_cast<size_t>(j)].first);
          indices[out_base + j * out_stride] = row[static_cast<size_t>(j)].second;
        }
      }
    });
  });
}

void AddTopK(Registry& registry, const char* type, std::vector<AttrDoc> attrs) {
  registry.Add(OpDef{type, 2, 2, Describe(kNumericTypes), std::move(attrs), TopKInfer(type), TopKKernel});
}

// ---------------------------------------------------------------------------------------------
// Cumsum (axis as an input) and CumsumD (axis as an attribute).

InferFn CumsumInfer(const char* op, bool axis_attr) {
  return [op, axis_attr](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
    RequireDType(op, "x", in[0], kNumericTypes);
    const int64_t rank = static_cast<int64_t>(in[0].shape.size());
    if (axis_attr) {
      NormalizeOneAxis(op, "axis", attrs.Int("axis"), rank, ACL_ERROR_OP_ATTR_NOT_MATCH);
    } else {
      RequireAxesInput(op, "axis", in[1]);
      if (auto known = KnownInts(in[1])) {  // otherwise checked when it runs
        if (known->size() != 1) {
          Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: axis must hold one value, holds {}", op, known->size());
        }
        NormalizeOneAxis(op, "axis", (*known)[0], rank, ACL_ERROR_OP_INPUT_NOT_MATCH);
      }
    }
    attrs.Bool("exclusive", false);
    attrs.Bool("reverse", false);
    return std::vector<TensorSpec>{in[0]};
  };
}

KernelFn CumsumKernel(bool axis_attr) {
  return [axis_attr](const KernelArgs& args) {
    const TensorView& x = args.inputs[0];
    int64_t axis;
    if (axis_attr) {
      axis = args.attrs.Int("axis");
    } else {
      const auto values = IntsOf(args.inputs[1]);
      if (values.size() != 1) {
        Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: axis must hold one value, holds {}", args.op, values.size());
      }
      axis = values[0];
    }
    axis = NormalizeOneAxis(args.op, "axis", axis, x.rank(),
                            axis_attr ? ACL_ERROR_OP_ATTR_NOT_MATCH : ACL_ERROR_OP_INPUT_NOT_MATCH);
    const bool exclusive = args.attrs.Bool("exclusive", false), reverse = args.attrs.Bool("reverse", false);
    std::vector<bool> mask(static_cast<size_t>(x.rank()), false);
    if (x.rank() > 0) mask[static_cast<size_t>(axis)] = true;
    const AxisSplit split(x.shape(), mask);
    const int64_t length = split.inner();
    int64_t stride = 1;
    for (int64_t d = axis + 1; d < x.rank(); ++d) stride *= x.dim(d);
    DispatchNumeric(x.dtype(), [&](auto tag) {
      using T = decltype(tag);
      using A = std::conditional_t<kIntegral<T> || std::is_same_v<T, bool>, uint64_t, typename ComputeType<T>::type>;
      const T* px = x.As<T>();
      T* py = args.outputs[0].As<T>();
      args.parallel.For(split.outer(), GrainFor(length), [&](int64_t begin, int64_t end) {
        for (int64_t o = begin; o < end; ++o) {
          const int64_t base = split.Base(o);
          A acc = 0;
          for (int64_t j = 0; j < length; ++j) {
            const int64_t at = base + (reverse ? length - 1 - j : j) * stride;
            const A v = static_cast<A>(px[at]);  // integers: sign-extended, mod 2^64
            if (exclusive) {
              py[at] = static_cast<T>(acc);
              acc += v;
            } else {
              acc += v;
              py[at] = static_cast<T>(acc);
            }
          }
        }
      });
    });
  };
}

}  // namespace

void RegisterReduction(Registry& registry) {
  const ReduceSpec with_input{AxesFrom::kInput, true, true};     // CANN: noop_with_empty_axes = true
  const ReduceSpec with_attr{AxesFrom::kAttr, false, false};     // an empty axes attribute reduces all
  const ReduceSpec mean_with_attr{AxesFrom::kAttr, true, false}; // ReduceMeanD: noop_with_empty_axes = false
  AddReduce<Reduce::kSum>(registry, "ReduceSum", with_input, kNumericTypes);
  AddReduce<Reduce::kMean>(registry, "ReduceMean", with_input, kNumericTypes);
  AddReduce<Reduce::kMax>(registry, "ReduceMax", with_input, kNumericTypes);
  AddReduce<Reduce::kMin>(registry, "ReduceMin", with_input, kNumericTypes);
  AddReduce<Reduce::kProd>(registry, "ReduceProd", with_input, kNumericTypes);
  AddReduce<Reduce::kSum>(registry, "ReduceSumD", with_attr, kNumericTypes);
  AddReduce<Reduce::kMean>(registry, "ReduceMeanD", mean_with_attr, kNumericTypes);
  AddReduce<Reduce::kMax>(registry, "ReduceMaxD", with_attr, kNumericTypes);
  AddReduce<Reduce::kMin>(registry, "ReduceMinD", with_attr, kNumericTypes);
  AddReduce<Reduce::kProd>(registry, "ReduceProdD", with_attr, kNumericTypes);
  // Not a CANN operator (CANN has LpNorm); ONNX's ReduceL2: sqrt of the sum of squares, axes an
  // optional input, an empty or absent one reducing everything unless noop_with_empty_axes
  // (default false, as in ONNX).
  AddReduce<Reduce::kL2>(registry, "ReduceL2", ReduceSpec{AxesFrom::kInput, true, false}, kFloatTypes);

  // ONNX's ReduceL1, ReduceSumSquare, ReduceLogSum and ReduceLogSumExp (not CANN operators), with
  // the axes as an attribute as the D variants take them; absent or empty axes reduce every dim
  // unless noop_with_empty_axes (default false, as in ONNX).
  const ReduceSpec onnx_attr{AxesFrom::kAttr, true, false, true};
  AddReduce<Reduce::kL1>(registry, "ReduceL1", onnx_attr, kNumericTypes);
  AddReduce<Reduce::kSumSquare>(registry, "ReduceSumSquare", onnx_attr, kNumericTypes);
  AddReduce<Reduce::kLogSum>(registry, "ReduceLogSum", onnx_attr, kFloatTypes);
  AddReduce<Reduce::kLogSumExp>(registry, "ReduceLogSumExp", onnx_attr, kFloatTypes);

  AddArg(registry, "ArgMaxV2", true, false);
  AddArg(registry, "ArgMin", false, false);
  AddArg(registry, "ArgMaxD", true, true);
  AddArg(registry, "ArgMinD", false, true);

  AddTopK(registry, "TopKV2", {{"sorted", "bool", "true"}, {"dim", "int", "-1"}, {"largest", "bool", "true"}});
  AddTopK(registry, "TopK", {{"sorted", "bool", "true"}, {"largest", "bool", "true"}, {"dim", "int", "-1"}});

  const std::vector<AttrDoc> cumsum_attrs = {{"exclusive", "bool", "false"}, {"reverse", "bool", "false"}};
  registry.Add(OpDef{"Cumsum", 2, 2, Describe(kNumericTypes), cumsum_attrs, CumsumInfer("Cumsum", false),
                     CumsumKernel(false)});
  std::vector<AttrDoc> cumsum_d_attrs = {{"axis", "int", ""}};
  cumsum_d_attrs.insert(cumsum_d_attrs.end(), cumsum_attrs.begin(), cumsum_attrs.end());
  registry.Add(OpDef{"CumsumD", 1, 1, Describe(kNumericTypes), cumsum_d_attrs, CumsumInfer("CumsumD", true),
                     CumsumKernel(true)});
}

}  // namespace aclsim::sim
