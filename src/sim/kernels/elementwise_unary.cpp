// Unary elementwise operators: math (Sqrt, Rsqrt, Exp, Log, Abs, Neg, Reciprocal, Square, Floor,
// Ceil, Round, Sign, Erf, Sin, Cos, Tan, Asin, Acos, Atan, Sinh, Cosh, Asinh, Acosh, Atanh),
// activations (Tanh, Sigmoid, Relu, Relu6, LeakyRelu, Elu, Selu, Celu, Gelu, Swish, HardSwish,
// HardSigmoid, Softplus, Softsign, ThresholdedRelu, Shrink), LogicalNot, and the bool-valued
// tests IsNan and IsInf. The output has the input's type, shape
// and format. Floating types compute in ComputeType (float for float16/bfloat16) and round once
// when stored; integer types wrap as unsigned arithmetic does (Abs/Neg of the most negative value
// gives itself, Square wraps) instead of invoking signed-overflow undefined behaviour.
#include <cmath>
#include <functional>
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

// The type an operator computes in for elements of type T.
template <typename T>
using Compute = typename ComputeType<T>::type;

// Unsigned type wide enough that arithmetic on it never promotes to (signed) int.
template <typename T>
using WrapType = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, std::make_unsigned_t<T>>;

// v < 0, without a comparison that is always false for unsigned types.
template <typename C>
bool IsNegative(C v) {
  if constexpr (std::is_unsigned_v<C>) return false;
  else return v < C(0);
}

template <typename T>
T WrappingNegate(T v) {
  return static_cast<T>(WrapType<T>{0} - static_cast<WrapType<T>>(v));
}

template <typename T>
T WrappingMultiply(T a, T b) {
  return static_cast<T>(static_cast<WrapType<T>>(a) * static_cast<WrapType<T>>(b));
}

// Extra attribute checks of one operator, run by its shape function after the kinds are checked.
using AttrCheck = std::function<void(const char* op, const AttrReader& attrs)>;

// Checks that every documented attribute that is present has the documented kind.
void CheckAttrKinds(const std::vector<AttrDoc>& docs, const AttrReader& attrs) {
  for (const AttrDoc& doc : docs) {
    if (!attrs.Has(doc.name)) continue;
    if (doc.kind == "float") attrs.Float(doc.name);
    else if (doc.kind == "int") attrs.Int(doc.name);
  }
}

// Registers a unary operator. The kernel is instantiated for the floating types, and also for
// the integer types when kWithInts; the shape function admits exactly `types`.
// make_op(attrs, tag) returns the per-element function on Compute<decltype(tag)>.
template <bool kWithInts, typename MakeOp>
void AddUnary(Registry& registry, const char* type, std::initializer_list<DType> types, std::vector<AttrDoc> attrs,
              MakeOp make_op, AttrCheck check = nullptr) {
  std::vector<DType> allowed(types);
  std::vector<AttrDoc> docs = attrs;
  InferFn infer = [allowed, docs, type, check](const std::vector<TensorSpec>& in, const AttrReader& reader) {
    bool ok = false;
    for (DType t : allowed) ok = ok || t == in[0].dtype;
    if (!ok) {
      std::string names;
      for (DType t : allowed) names += (names.empty() ? "" : ", ") + std::string(Name(t));
      Fail(ACL_ERROR_UNSUPPORTED_DATA_TYPE, "{}: input x has data type {}; supported: {}", type, Name(in[0].dtype),
           names);
    }
    CheckAttrKinds(docs, reader);
    if (check) check(type, reader);
    return std::vector<TensorSpec>{TensorSpec(in[0].dtype, in[0].shape, in[0].format)};
  };
  KernelFn kernel = [make_op](const KernelArgs& args) {
    DispatchAll(args.inputs[0].dtype(), [&](auto tag) {
      using T = decltype(tag);
      if constexpr (kFloatLike<T> || (kWithInts && kIntegral<T>)) UnaryMap<T, T>(args, make_op(args.attrs, tag));
    });
  };
  registry.Add(OpDef{type, 1, 1, Describe(types), std::move(attrs), std::move(infer), std::move(kernel)});
}

// Exp and Log take "base" > 0, or -1 for e.
void CheckBase(const char* op, const AttrReader& attrs, bool log) {
  const float base = attrs.Float("base", -1.0f);
  if (base == -1.0f) return;
  if (!(base > 0.0f)) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: attribute \"base\" = {} must be greater than 0, or -1 for e", op, base);
  }
  if (log && base == 1.0f) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: attribute \"base\" must not be 1", op);
}

// Round half to even to `decimals` places of an integer: identity for decimals >= 0, otherwise to a
// multiple of 10^-decimals (computed on the magnitude in unsigned arithmetic, wrapping on overflow).
template <typename T>
T RoundInteger(T v, int64_t decimals) {
  if (decimals >= 0) return v;
  using U = std::make_unsigned_t<T>;
  U m = 1;
  for (int64_t k = 0; k < -decimals; ++k) {
    // The next power of ten would exceed twice any |v|: every value rounds to 0.
    if (m > std::numeric_limits<U>::max() / 10) return 0;
    m = static_cast<U>(m * 10u);
  }
  const bool negative = IsNegative(v);
  const U magnitude = negative ? static_cast<U>(U{0} - static_cast<U>(v)) : static_cast<U>(v);
  U q = magnitude / m;
  const U r = magnitude % m;
  if (r > m - r || (r == m - r && (q & 1u))) ++q;
  const U result = static_cast<U>(static_cast<WrapType<U>>(q) * static_cast<WrapType<U>>(m));
  return negative ? static_cast<T>(U{0} - result) : static_cast<T>(result);
}

// Round half to even of a floating value to `decimals` places. The device returns +0 for inputs in
// [-0.5, -0], so negative zero is cleared.
template <typename C>
C RoundFloat(C v, int64_t decimals) {
  if (!std::isfinite(v)) return v;
  if (decimals == 0) return std::nearbyint(v) + C(0);
  const C scale = std::pow(C(10), static_cast<C>(decimals));
  if (scale == C(0)) return C(0);
  const C scaled = v * scale;
  if (!std::isfinite(scale) || !std::isfinite(scaled)) return v;  // more decimals than the type holds
  return std::nearbyint(scaled) / scale + C(0);
}

// A flag that may be given as a bool or, as ONNX writes it, as an int (0 / non-zero).
bool Flag(const AttrReader& attrs, const char* name, bool fallback) {
  if (!attrs.Has(name)) return fallback;
  try {
    return attrs.Bool(name, fallback);
  } catch (const Error&) {
    return attrs.Int(name) != 0;  // throws naming the attribute when it is neither
  }
}

// Registers a test of floating values with a bool output of the input's shape.
template <typename Test>
void AddFloatTest(Registry& registry, const char* type, std::vector<AttrDoc> attrs, Test test) {
  InferFn infer = [type](const std::vector<TensorSpec>& in, const AttrReader& reader) {
    RequireDType(type, "input x", in[0], kFloatTypes);
    Flag(reader, "detect_positive", true);
    Flag(reader, "detect_negative", true);
    return std::vector<TensorSpec>{TensorSpec(DType::kBool, in[0].shape, in[0].format)};
  };
  KernelFn kernel = [test](const KernelArgs& args) {
    DispatchFloating(args.inputs[0].dtype(), [&](auto tag) {
      using T = decltype(tag);
      UnaryMap<T, bool>(args, test(args.attrs));
    });
  };
  registry.Add(OpDef{type, 1, 1, Describe(kFloatTypes), std::move(attrs), std::move(infer), std::move(kernel)});
}

}  // namespace

void RegisterElementwiseUnary(Registry& registry) {
  const auto& floats = kFloatTypes;
  using F = DType;

  // ---- math -------------------------------------------------------------------------------------
  AddUnary<false>(registry, "Sqrt", floats, {}, [](const AttrReader&, auto tag) {
    return [](Compute<decltype(tag)> v) { return std::sqrt(v); };
  });
  AddUnary<false>(registry, "Rsqrt", floats, {}, [](const AttrReader&, auto tag) {
    using C = Compute<decltype(tag)>;
    return [](C v) { return C(1) / std::sqrt(v); };
  });
  // y = base^(shift + scale * x), base -1 meaning e.
  AddUnary<false>(
      registry, "Exp", floats, {{"base", "float", "-1.0"}, {"scale", "float", "1.0"}, {"shift", "float", "0.0"}},
      [](const AttrReader& attrs, auto tag) {
        using C = Compute<decltype(tag)>;
        const float base = attrs.Float("base", -1.0f);
        const C scale = static_cast<C>(attrs.Float("scale", 1.0f));
        const C shift = static_cast<C>(attrs.Float("shift", 0.0f));
        const bool natural = base == -1.0f;
        const C log_base = natural ? C(1) : std::log(static_cast<C>(base));
        return [=](C v) {
          C t = shift + scale * v;
          if (!natural) t *= log_base;
          return std::exp(t);
        };
      },
      [](const char* op, const AttrReader& attrs) { CheckBase(op, attrs, false); });
  // y = log_base(shift + scale * x), base -1 meaning e.
  AddUnary<false>(
      registry, "Log", floats, {{"base", "float", "-1.0"}, {"scale", "float", "1.0"}, {"shift", "float", "0.0"}},
      [](const AttrReader& attrs, auto tag) {
        using C = Compute<decltype(tag)>;
        const float base = attrs.Float("base", -1.0f);
        const C scale = static_cast<C>(attrs.Float("scale", 1.0f));
        const C shift = static_cast<C>(attrs.Float("shift", 0.0f));
        const bool natural = base == -1.0f;
        const C log_base = natural ? C(1) : std::log(static_cast<C>(base));
        return [=](C v) {
          const C y = std::log(shift + scale * v);
          return natural ? y : y / log_base;
        };
      },
      [](const char* op, const AttrReader& attrs) { CheckBase(op, attrs, true); });
  AddUnary<true>(registry, "Abs", {F::kFloat16, F::kBFloat16, F::kFloat32, F::kFloat64, F::kInt8, F::kInt16,
                                   F::kInt32, F::kInt64},
                 {}, [](const AttrReader&, auto tag) {
                   using C = Compute<decltype(tag)>;
                   return [](C v) -> C {
                     if constexpr (kIntegral<C>) return IsNegative(v) ? WrappingNegate(v) : v;
                     else return std::abs(v);
                   };
                 });
  AddUnary<true>(registry, "Neg", {F::kFloat16, F::kBFloat16, F::kFloat32, F::kFloat64, F::kInt32, F::kInt64}, {},
                 [](const AttrReader&, auto tag) {
                   using C = Compute<decltype(tag)>;
                   return [](C v) -> C {
                     if constexpr (kIntegral<C>) return WrappingNegate(v);
                     else return -v;
                   };
                 });
  // Integer reciprocal truncates toward zero (so is 0 unless |x| == 1); 1/0 is an error.
  AddUnary<true>(registry, "Reciprocal",
                 {F::kFloat16, F::kBFloat16, F::kFloat32, F::kFloat64, F::kInt32, F::kInt64}, {},
                 [](const AttrReader&, auto tag) {
                   using C = Compute<decltype(tag)>;
                   return [](C v) -> C {
                     if constexpr (kIntegral<C>) {
                       if (v == 0) Fail(ACL_ERROR_INVALID_PARAM, "Reciprocal: integer division by zero");
                       return static_cast<C>(C(1) / v);
                     } else {
                       return C(1) / v;
                     }
                   };
                 });
  AddUnary<true>(registry, "Square", {F::kFloat16, F::kBFloat16, F::kFloat32, F::kFloat64, F::kInt32, F::kInt64},
                 {}, [](const AttrReader&, auto tag) {
                   using C = Compute<decltype(tag)>;
                   return [](C v) -> C {
                     if constexpr (kIntegral<C>) return WrappingMultiply(v, v);
                     else return v * v;
                   };
                 });
  AddUnary<false>(registry, "Floor", floats, {}, [](const AttrReader&, auto tag) {
    return [](Compute<decltype(tag)> v) { return std::floor(v); };
  });
  AddUnary<false>(registry, "Ceil", floats, {}, [](const AttrReader&, auto tag) {
    return [](Compute<decltype(tag)> v) { return std::ceil(v); };
  });
  // Round half to even; "decimals" places (negative: to tens, hundreds, ...).
  AddUnary<true>(registry, "Round", {F::kFloat16, F::kBFloat16, F::kFloat32, F::kFloat64, F::kInt32, F::kInt64},
                 {{"decimals", "int", "0"}}, [](const AttrReader& attrs, auto tag) {
                   using C = Compute<decltype(tag)>;
                   const int64_t decimals = attrs.Int("decimals", 0);
                   return [decimals](C v) -> C {
                     if constexpr (kIntegral<C>) return RoundInteger(v, decimals);
                     else return RoundFloat(v, decimals);
                   };
                 });
  // -1, 0 or 1; NaN stays NaN.
  AddUnary<true>(registry, "Sign", {F::kFloat16, F::kBFloat16, F::kFloat32, F::kFloat64, F::kInt32, F::kInt64}, {},
                 [](const AttrReader&, auto tag) {
                   using C = Compute<decltype(tag)>;
                   return [](C v) -> C {
                     if constexpr (!kIntegral<C>) {
                       if (std::isnan(v)) return v;
                     }
                     return static_cast<C>(static_cast<int>(C(0) < v) - static_cast<int>(IsNegative(v)));
                   };
                 });
  AddUnary<false>(registry, "Erf", floats, {}, [](const AttrReader&, auto tag) {
    return [](Compute<decltype(tag)> v) { return std::erf(v); };
  });
  AddUnary<false>(registry, "Sin", floats, {}, [](const AttrReader&, auto tag) {
    return [](Compute<decltype(tag)> v) { return std::sin(v); };
  });
  AddUnary<false>(registry, "Cos", floats, {}, [](const AttrReader&, auto tag) {
    return [](Compute<decltype(tag)> v) { return std::cos(v); };
  });

  AddUnary<false>(registry, "Tan", floats, {}, [](const AttrReader&, auto tag) {
    return [](Compute<decltype(tag)> v) { return std::tan(v); };
  });
  AddUnary<false>(registry, "Asin", floats, {}, [](const AttrReader&, auto tag) {
    return [](Compute<decltype(tag)> v) { return std::asin(v); };
  });
  AddUnary<false>(registry, "Acos", floats, {}, [](const AttrReader&, auto tag) {
    return [](Compute<decltype(tag)> v) { return std::acos(v); };
  });
  AddUnary<false>(registry, "Atan", floats, {}, [](const AttrReader&, auto tag) {
    return [](Compute<decltype(tag)> v) { return std::atan(v); };
  });
  AddUnary<false>(registry, "Sinh", floats, {}, [](const AttrReader&, auto tag) {
    return [](Compute<decltype(tag)> v) { return std::sinh(v); };
  });
  AddUnary<false>(registry, "Cosh", floats, {}, [](const AttrReader&, auto tag) {
    return [](Compute<decltype(tag)> v) { return std::cosh(v); };
  });
  AddUnary<false>(registry, "Asinh", floats, {}, [](const AttrReader&, auto tag) {
    return [](Compute<decltype(tag)> v) { return std::asinh(v); };
  });
  AddUnary<false>(registry, "Acosh", floats, {}, [](const AttrReader&, auto tag) {
    return [](Compute<decltype(tag)> v) { return std::acosh(v); };
  });
  AddUnary<false>(registry, "Atanh", floats, {}, [](const AttrReader&, auto tag) {
    return [](Compute<decltype(tag)> v) { return std::atanh(v); };
  });

  // ---- activations ------------------------------------------------------------------------------
  AddUnary<false>(registry, "Tanh", floats, {}, [](const AttrReader&, auto tag) {
    return [](Compute<decltype(tag)> v) { return std::tanh(v); };
  });
  AddUnary<false>(registry, "Sigmoid", floats, {}, [](const AttrReader&, auto tag) {
    using C = Compute<decltype(tag)>;
    return [](C v) { return C(1) / (C(1) + std::exp(-v)); };
  });
  // max(x, 0); NaN passes through.
  AddUnary<true>(registry, "Relu", {F::kFloat16, F::kBFloat16, F::kFloat32, F::kFloat64, F::kInt8, F::kInt16,
                                    F::kInt32, F::kInt64, F::kUInt8, F::kUInt16},
                 {}, [](const AttrReader&, auto tag) {
                   using C = Compute<decltype(tag)>;
                   return [](C v) -> C { return IsNegative(v) ? C(0) : v; };
                 });
  // min(max(x, 0), 6); NaN passes through.
  AddUnary<true>(registry, "Relu6", kNumericTypes, {}, [](const AttrReader&, auto tag) {
    using C = Compute<decltype(tag)>;
    return [](C v) -> C { return IsNegative(v) ? C(0) : (v > C(6) ? C(6) : v); };
  });
  // x if x > 0, negative_slope * x otherwise.
  AddUnary<false>(registry, "LeakyRelu", floats, {{"negative_slope", "float", "0.0"}},
                  [](const AttrReader& attrs, auto tag) {
                    using C = Compute<decltype(tag)>;
                    const C slope = static_cast<C>(attrs.Float("negative_slope", 0.0f));
                    return [slope](C v) { return v > C(0) ? v : slope * v; };
                  });
  // scale * x if x > 0, alpha * scale * (exp(input_scale * x) - 1) otherwise.
  AddUnary<false>(registry, "Elu", floats,
                  {{"alpha", "float", "1.0"}, {"scale", "float", "1.0"}, {"input_scale", "float", "1.0"}},
                  [](const AttrReader& attrs, auto tag) {
                    using C = Compute<decltype(tag)>;
                    const C alpha = static_cast<C>(attrs.Float("alpha", 1.0f));
                    const C scale = static_cast<C>(attrs.Float("scale", 1.0f));
                    const C input_scale = static_cast<C>(attrs.Float("input_scale", 1.0f));
                    return [=](C v) { return v > C(0) ? scale * v : alpha * scale * std::expm1(input_scale * v); };
                  });
  // CANN's Gelu is the tanh approximation: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
  AddUnary<false>(registry, "Gelu", floats, {}, [](const AttrReader&, auto tag) {
    using C = Compute<decltype(tag)>;
    return [](C v) {
      const C k = static_cast<C>(0.7978845608028654);  // sqrt(2 / pi)
      return C(0.5) * v * (C(1) + std::tanh(k * (v + static_cast<C>(0.044715) * v * v * v)));
    };
  });
  // x / (1 + exp(-scale * x)).
  AddUnary<false>(registry, "Swish", floats, {{"scale", "float", "1.0"}}, [](const AttrReader& attrs, auto tag) {
    using C = Compute<decltype(tag)>;
    const C scale = static_cast<C>(attrs.Float("scale", 1.0f));
    return [scale](C v) { return v / (C(1) + std::exp(-scale * v)); };
  });
  // x * relu6(x + 3) / 6.
  AddUnary<false>(registry, "HardSwish", floats, {}, [](const AttrReader&, auto tag) {
    using C = Compute<decltype(tag)>;
    return [](C v) {
      const C t = v + C(3);
      return v * (t < C(0) ? C(0) : (t > C(6) ? C(6) : t)) / C(6);
    };
  });
  // max(0, min(1, alpha * x + beta)).
  AddUnary<false>(registry, "HardSigmoid", floats, {{"alpha", "float", "0.16666666"}, {"beta", "float", "0.5"}},
                  [](const AttrReader& attrs, auto tag) {
                    using C = Compute<decltype(tag)>;
                    const C alpha = static_cast<C>(attrs.Float("alpha", 0.16666666f));
                    const C beta = static_cast<C>(attrs.Float("beta", 0.5f));
                    return [=](C v) {
                      const C t = alpha * v + beta;
                      return t < C(0) ? C(0) : (t > C(1) ? C(1) : t);
                    };
                  });
  // log(1 + exp(x)), computed without overflow for large x.
  AddUnary<false>(registry, "Softplus", floats, {}, [](const AttrReader&, auto tag) {
    using C = Compute<decltype(tag)>;
    return [](C v) { return v > C(0) ? v + std::log1p(std::exp(-v)) : std::log1p(std::exp(v)); };
  });

  // scale * x if x > 0, scale * alpha * (exp(x) - 1) otherwise. CANN's Selu fixes the constants;
  // they are attributes here so ONNX's alpha and gamma (named scale) map onto it.
  AddUnary<false>(registry, "Selu", floats,
                  {{"alpha", "float", "1.67326319"}, {"scale", "float", "1.05070102"}},
                  [](const AttrReader& attrs, auto tag) {
                    using C = Compute<decltype(tag)>;
                    const C alpha = static_cast<C>(attrs.Float("alpha", 1.67326319217681884765625f));
                    const C scale = static_cast<C>(attrs.Float("scale", 1.05070102214813232421875f));
                    return [=](C v) { return v > C(0) ? scale * v : scale * alpha * std::expm1(v); };
                  });
  // max(0, x) + min(0, alpha * (exp(x / alpha) - 1)).
  AddUnary<false>(
      registry, "Celu", floats, {{"alpha", "float", "1.0"}},
      [](const AttrReader& attrs, auto tag) {
        using C = Compute<decltype(tag)>;
        const C alpha = static_cast<C>(attrs.Float("alpha", 1.0f));
        return [=](C v) { return v > C(0) ? v : alpha * std::expm1(v / alpha); };
      },
      [](const char* op, const AttrReader& attrs) {
        if (attrs.Float("alpha", 1.0f) == 0.0f) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: attribute \"alpha\" must not be 0", op);
      });
  // x / (1 + |x|).
  AddUnary<false>(registry, "Softsign", floats, {}, [](const AttrReader&, auto tag) {
    using C = Compute<decltype(tag)>;
    return [](C v) { return v / (C(1) + std::abs(v)); };
  });
  // x if x > alpha, 0 otherwise.
  AddUnary<false>(registry, "ThresholdedRelu", floats, {{"alpha", "float", "1.0"}},
                  [](const AttrReader& attrs, auto tag) {
                    using C = Compute<decltype(tag)>;
                    const C alpha = static_cast<C>(attrs.Float("alpha", 1.0f));
                    return [=](C v) { return v > alpha ? v : C(0); };
                  });
  // x + bias if x < -lambd, x - bias if x > lambd, 0 otherwise.
  AddUnary<false>(registry, "Shrink", floats, {{"lambd", "float", "0.5"}, {"bias", "float", "0.0"}},
                  [](const AttrReader& attrs, auto tag) {
                    using C = Compute<decltype(tag)>;
                    const C lambd = static_cast<C>(attrs.Float("lambd", 0.5f));
                    const C bias = static_cast<C>(attrs.Float("bias", 0.0f));
                    return [=](C v) { return v < -lambd ? v + bias : (v > lambd ? v - bias : C(0)); };
                  });

  // ---- tests of floating values -----------------------------------------------------------------
  AddFloatTest(registry, "IsNan", {}, [](const AttrReader&) { return [](auto v) { return std::isnan(v); }; });
  // detect_positive / detect_negative (bool, or int as ONNX writes them) choose which infinities count.
  AddFloatTest(registry, "IsInf", {{"detect_positive", "bool", "true"}, {"detect_negative", "bool", "true"}},
               [](const AttrReader& attrs) {
                 const bool positive = Flag(attrs, "detect_positive", true);
                 const bool negative = Flag(attrs, "detect_negative", true);
                 return [=](auto v) { return std::isinf(v) && (v > 0 ? positive : negative); };
               });

  // ---- logic ------------------------------------------------------------------------------------
  registry.Add(OpDef{"LogicalNot", 1, 1, "bool", {},
                     [](const std::vector<TensorSpec>& in, const AttrReader&) {
                       RequireDType("LogicalNot", "input x", in[0], {DType::kBool});
                       return std::vector<TensorSpec>{TensorSpec(DType::kBool, in[0].shape, in[0].format)};
                     },
                     [](const KernelArgs& args) { UnaryMap<bool, bool>(args, [](bool v) { return !v; }); }});
}

}  // namespace aclsim::sim
