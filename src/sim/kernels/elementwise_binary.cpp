// Binary elementwise operators with NumPy broadcasting: arithmetic (Add, Sub, Mul, RealDiv, Div,
// Maximum, Minimum, Pow, Mod, FloorMod), bit shifts (LeftShift, RightShift), comparisons (Equal ...
// GreaterEqual) and logic (LogicalAnd, LogicalOr, LogicalXor).
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
InferFn BinaryInfer(const char* op, std::initializer_list<DType> allowed, std::optional<DType> out = std::nullopt) {
  std::vector<DType> types(allowed);
  return [op, types, out](const std::vector<TensorSpec>& in, const AttrReader&) {
    RequireSameDType(op, in);
    bool ok = false;
    for (DType t : types) ok = ok || t == in[0].dtype;
    if (!ok) {
      Fail(ACL_ERROR_UNSUPPORTED_DATA_TYPE, "{}: the inputs' data type {} is not supported by this operator", op,
           Name(in[0].dtype));
    }
    return std::vector<TensorSpec>{{out.value_or(in[0].dtype), BroadcastShapes(op, {in[0].shape, in[1].shape}),
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

// The remainder of a / b with the quotient truncated toward zero: its sign is a's (C's fmod).
template <typename C>
C TruncatedMod(C a, C b) {
  if constexpr (kIntegral<C>) {
    if (b == 0) Fail(ACL_ERROR_INVALID_PARAM, "Mod: integer division by zero");
    if constexpr (std::is_signed_v<C>) {
      if (b == static_cast<C>(-1)) return 0;  // INT_MIN % -1 overflows in C++
    }
    return static_cast<C>(a % b);
  } else {
    return std::fmod(a, b);
  }
}

// The remainder of a / b with the quotient rounded down: its sign is b's (Python's %).
template <typename C>
C FlooredMod(C a, C b) {
  if constexpr (kIntegral<C>) {
    if (b == 0) Fail(ACL_ERROR_INVALID_PARAM, "FloorMod: integer division by zero");
    if constexpr (std::is_signed_v<C>) {
      if (b == static_cast<C>(-1)) return 0;
      const C r = static_cast<C>(a % b);
      return (r != 0 && ((r < 0) != (b < 0))) ? static_cast<C>(r + b) : r;
    } else {
      return static_cast<C>(a % b);
    }
  } else {
    const C r = std::fmod(a, b);
    return (r != C(0) && ((r < C(0)) != (b < C(0)))) ? r + b : r;
  }
}

// Shifts of unsigned values; a shift by the width of the type or more gives 0.
template <bool kLeft, typename C>
C Shift(C a, C b) {
  if (b >= static_cast<C>(sizeof(C) * 8)) return 0;
  return kLeft ? static_cast<C>(a << b) : static_cast<C>(a >> b);
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
  registry.Add(OpDef{type, 2, 2, Describe(types), {}, BinaryInfer(type, types), [make_op](const KernelArgs& args) {
                       DispatchAll(args.inputs[0].dtype(), [&](auto tag) {
                         using T = decltype(tag);
                         if constexpr (!std::is_same_v<T, bool>) BinaryMap<T, T>(args, make_op(tag));
                       });
                     }});
}

// Registers a comparison: inputs of any numeric type, bool output.
template <typename Compare>
void AddComparison(Registry& registry, const char* type, Compare compare) {
  registry.Add(OpDef{type, 2, 2, Describe(kAllTypes), {}, BinaryInfer(type, kAllTypes, DType::kBool),
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

  // Mod truncates like C's fmod (the result has the dividend's sign), FloorMod floors like
  // Python's % (the divisor's sign); integer division by zero is an error.
  AddArithmetic(registry, "Mod", kNumericTypes, [](auto) { return [](auto a, auto b) { return TruncatedMod(a, b); }; });
  AddArithmetic(registry, "FloorMod", kNumericTypes,
                [](auto) { return [](auto a, auto b) { return FlooredMod(a, b); }; });
  const std::initializer_list<DType> unsigned_types = {DType::kUInt8, DType::kUInt16, DType::kUInt32, DType::kUInt64};
  const auto add_shift = [&](const char* type, auto left) {
    registry.Add(OpDef{type, 2, 2, Describe(unsigned_types), {}, BinaryInfer(type, unsigned_types), [](const KernelArgs& args) {
                         DispatchAll(args.inputs[0].dtype(), [&](auto tag) {
                           using T = decltype(tag);
                           if constexpr (std::is_unsigned_v<T> && !std::is_same_v<T, bool>) {
                             BinaryMap<T, T>(args, [](T a, T b) { return Shift<decltype(left)::value>(a, b); });
                           }
                         });
                       }});
  };
  add_shift("LeftShift", std::true_type{});
  add_shift("RightShift", std::false_type{});

  AddComparison(registry, "Equal", [](auto a, auto b) { return a == b; });
  AddComparison(registry, "NotEqual", [](auto a, auto b) { return a != b; });
  AddComparison(registry, "Less", [](auto a, auto b) { return a < b; });
  AddComparison(registry, "LessEqual", [](auto a, auto b) { return a <= b; });
  AddComparison(registry, "Greater", [](auto a, auto b) { return a > b; });
  AddComparison(registry, "GreaterEqual", [](auto a, auto b) { return a >= b; });

  const std::initializer_list<DType> bools = {DType::kBool};
  registry.Add(OpDef{"LogicalAnd", 2, 2, "bool", {}, BinaryInfer("LogicalAnd", bools),
                     [](const KernelArgs& args) { BinaryMap<bool, bool>(args, [](bool a, bool b) { return a && b; }); }});
  registry.Add(OpDef{"LogicalOr", 2, 2, "bool", {}, BinaryInfer("LogicalOr", bools),
                     [](const KernelArgs& args) { BinaryMap<bool, bool>(args, [](bool a, bool b) { return a || b; }); }});
  registry.Add(OpDef{"LogicalXor", 2, 2, "bool", {}, BinaryInfer("LogicalXor", bools),
                     [](const KernelArgs& args) { BinaryMap<bool, bool>(args, [](bool a, bool b) { return a != b; }); }});
}

}  // namespace aclsim::sim
