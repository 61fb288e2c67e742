// Binary elementwise operators with NumPy broadcasting: arithmetic (Add, Sub, Mul, RealDiv, Div,
// Maximum, Minimum, Pow), comparisons (Equal ... GreaterEqual) and logic (LogicalAnd, LogicalOr).
#include <cmath>
#include <limits>

#include "common/error.h"
#include "sim/kernels/elementwise.h"
#include "sim/kernels/families.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

// Shape function of every binary operator: same input types, broadcast shapes; the output has
// `out` as its type, or the inputs' type when `out` is not given.
InferFn BinaryInfer(std::initializer_list<DType> allowed, std::optional<DType> out = std::nullopt) {
  std::vector<DType> types(allowed);
  return [types, out](const std::vector<TensorSpec>& in, const AttrReader&) {
    RequireSameDType("binary operator", in);
    bool ok = false;
    for (DType t : types) ok = ok || t == in[0].dtype;
    if (!ok) {
      Fail(ACL_ERROR_UNSUPPORTED_DATA_TYPE, "the inputs' data type {} is not supported by this operator",
           Name(in[0].dtype));
    }
    return std::vector<TensorSpec>{{out.value_or(in[0].dtype), BroadcastShapes("binary operator", {in[0].shape, in[1].shape}),
                                    in[0].format}};
  };
}

template <typename T>
constexpr bool kIntegral = std::is_integral_v<T> && !std::is_same_v<T, bool>;

// Integer division the way the device's scalar unit rounds it: toward zero. Division by zero and
// INT_MIN / -1 are errors here instead of a crash of the host process.
template <typename T>
T CheckedDivide(T a, T b) {
  if (b == 0) Fail(ACL_ERROR_INVALID_PARAM, "integer division by zero");
  if constexpr (std::is_signed_v<T>) {
    if (a == std::numeric_limits<T>::min() && b == static_cast<T>(-1)) {
      Fail(ACL_ERROR_INVALID_PARAM, "integer division overflows ({} / -1)", static_cast<int64_t>(a));
    }
  }
  return static_cast<T>(a / b);
}

template <typename T>
T IntegerPower(T base, T exponent) {
  if constexpr (std::is_signed_v<T>) {
    if (exponent < 0) return base == 1 ? 1 : (base == -1 ? ((exponent % 2) ? -1 : 1) : 0);
  }
  T result = 1;
  while (exponent != 0) {
    if (exponent & 1) result = static_cast<T>(result * base);
    base = static_cast<T>(base * base);
    exponent = static_cast<T>(exponent >> 1);
  }
  return result;
}

template <typename C>
C Max(C a, C b) {
  if constexpr (std::is_floating_point_v<C>) {
    if (std::isnan(a) || std::isnan(b)) return std::numeric_limits<C>::quiet_NaN();
  }
  return a < b ? b : a;
}

template <typename C>
C Min(C a, C b) {
  if constexpr (std::is_floating_point_v<C>) {
    if (std::isnan(a) || std::isnan(b)) return std::numeric_limits<C>::quiet_NaN();
  }
  return b < a ? b : a;
}

// Registers an arithmetic operator whose output has the inputs' type.
template <typename MakeOp>
void AddArithmetic(Registry& registry, const char* type, std::initializer_list<DType> types, MakeOp make_op) {
  registry.Add(OpDef{type, 2, 2, Describe(types), {}, BinaryInfer(types), [make_op](const KernelArgs& args) {
                       DispatchAll(args.inputs[0].dtype(), [&](auto tag) {
                         using T = decltype(tag);
                         if constexpr (!std::is_same_v<T, bool>) BinaryMap<T, T>(args, make_op(tag));
                       });
                     }});
}

// Registers a comparison: inputs of any numeric type, bool output.
template <typename Compare>
void AddComparison(Registry& registry, const char* type, Compare compare) {
  registry.Add(OpDef{type, 2, 2, Describe(kAllTypes), {}, BinaryInfer(kAllTypes, DType::kBool),
                     [compare](const KernelArgs& args) {
                       DispatchAll(args.inputs[0].dtype(), [&](auto tag) {
                         using T = decltype(tag);
                         BinaryMap<T, bool>(args, compare);
                       });
                     }});
}

}  // namespace

void RegisterElementwiseBinary(Registry& registry) {
  AddArithmetic(registry, "Add", kNumericTypes, [](auto) { return [](auto a, auto b) { return a + b; }; });
  AddArithmetic(registry, "Sub", kNumericTypes, [](auto) { return [](auto a, auto b) { return a - b; }; });
  AddArithmetic(registry, "Mul", kNumericTypes, [](auto) { return [](auto a, auto b) { return a * b; }; });
  AddArithmetic(registry, "RealDiv", kNumericTypes, [](auto tag) {
    return [](auto a, auto b) {
      if constexpr (kIntegral<decltype(tag)>) return CheckedDivide(a, b);
      else return a / b;
    };
  });
  AddArithmetic(registry, "Div", kNumericTypes, [](auto tag) {
    return [](auto a, auto b) {
      if constexpr (kIntegral<decltype(tag)>) return CheckedDivide(a, b);
      else return a / b;
    };
  });
  AddArithmetic(registry, "Maximum", kNumericTypes, [](auto) { return [](auto a, auto b) { return Max(a, b); }; });
  AddArithmetic(registry, "Minimum", kNumericTypes, [](auto) { return [](auto a, auto b) { return Min(a, b); }; });
  AddArithmetic(registry, "Pow", kNumericTypes, [](auto tag) {
    return [](auto a, auto b) {
      if constexpr (kIntegral<decltype(tag)>) return IntegerPower(a, b);
      else return std::pow(a, b);
    };
  });

  AddComparison(registry, "Equal", [](auto a, auto b) { return a == b; });
  AddComparison(registry, "NotEqual", [](auto a, auto b) { return a != b; });
  AddComparison(registry, "Less", [](auto a, auto b) { return a < b; });
  AddComparison(registry, "LessEqual", [](auto a, auto b) { return a <= b; });
  AddComparison(registry, "Greater", [](auto a, auto b) { return a > b; });
  AddComparison(registry, "GreaterEqual", [](auto a, auto b) { return a >= b; });

  const std::initializer_list<DType> bools = {DType::kBool};
  registry.Add(OpDef{"LogicalAnd", 2, 2, "bool", {}, BinaryInfer(bools),
                     [](const KernelArgs& args) { BinaryMap<bool, bool>(args, [](bool a, bool b) { return a && b; }); }});
  registry.Add(OpDef{"LogicalOr", 2, 2, "bool", {}, BinaryInfer(bools),
                     [](const KernelArgs& args) { BinaryMap<bool, bool>(args, [](bool a, bool b) { return a || b; }); }});
}

}  // namespace aclsim::sim
