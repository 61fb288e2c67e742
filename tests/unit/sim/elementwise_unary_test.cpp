// Unary elementwise operators against a naive double-precision reference, over empty, odd and
// large shapes (the large ones split over several threads) and every supported data type, plus
// the shape functions' error paths.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "tests/unit/sim/kernel_test_util.h"

namespace aclsim::sim {
namespace {

using testing::HostTensor;
using testing::RunOp;

const std::vector<DType> kFloats = {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64};

const std::vector<Shape> kShapes = {
    {},           // scalar
    {7},          // odd size
    {2, 3, 5},    // several dims
    {0, 3},       // empty
    {4, 0, 2},    // empty in the middle
    {1, 1, 1},    // all ones
    {3, 50001},   // large enough to be split over threads
};

const Parallel& Threads() {
  static const Parallel parallel(4);
  return parallel;
}

// Runs `op` on reproducible values in [lo, hi] of every type in `types` and every shape, and
// compares with `ref` applied in double to the stored inputs and rounded to the output type.
void CheckUnary(const std::string& op, const std::vector<DType>& types, const std::function<double(double)>& ref,
                double lo, double hi, const Attrs& attrs = {}) {
  for (DType dtype : types) {
    for (const Shape& shape : kShapes) {
      HostTensor x(dtype, shape);
      x.FillRandom(7, lo, hi);
      auto out = RunOp(op, {&x}, attrs, Threads());
      ASSERT_EQ(out.size(), 1u);
      ASSERT_EQ(out[0].spec().dtype, dtype) << op;
      ASSERT_EQ(out[0].spec().shape, shape) << op;
      for (int64_t i = 0; i < x.size(); ++i) {
        const double want = testing::RoundTo(dtype, ref(x.Get(i)));
        const double got = out[0].Get(i);
        if (std::isnan(want)) {
          ASSERT_TRUE(std::isnan(got)) << op << " " << Name(dtype) << " x=" << x.Get(i);
          continue;
        }
        ASSERT_NEAR(got, want, testing::Tolerance(dtype, want))
            << op << " " << Name(dtype) << " shape " << ToString(shape) << " at " << i << " x=" << x.Get(i);
      }
    }
  }
}

// The values of `op` on the float64 (or `dtype`) inputs `xs`.
std::vector<double> Apply(const std::string& op, DType dtype, const std::vector<double>& xs, const Attrs& attrs = {}) {
  HostTensor x(dtype, {static_cast<int64_t>(xs.size())});
  for (size_t i = 0; i < xs.size(); ++i) x.Set(static_cast<int64_t>(i), xs[i]);
  return RunOp(op, {&x}, attrs)[0].Values();
}

// The error code of inferring `op` on `inputs`, or ACL_SUCCESS.
aclError InferError(const std::string& op, const std::vector<TensorSpec>& inputs, const Attrs& attrs = {}) {
  try {
    Kernels().Infer(op, inputs, attrs);
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(op), std::string::npos) << "the message names the operator: " << e.what();
    return e.code();
  }
  return ACL_SUCCESS;
}

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// ---- math ---------------------------------------------------------------------------------------

TEST(ElementwiseUnary, SqrtMatchesReference) {
  CheckUnary("Sqrt", kFloats, [](double x) { return std::sqrt(x); }, 0, 9);
}

TEST(ElementwiseUnary, SqrtOfNegativeIsNaN) {
  EXPECT_TRUE(std::isnan(Apply("Sqrt", DType::kFloat32, {-1})[0]));
}

TEST(ElementwiseUnary, RsqrtMatchesReference) {
  CheckUnary("Rsqrt", kFloats, [](double x) { return 1.0 / std::sqrt(x); }, 0.1, 9);
}

TEST(ElementwiseUnary, ExpMatchesReference) {
  CheckUnary("Exp", kFloats, [](double x) { return std::exp(x); }, -5, 5);
}

TEST(ElementwiseUnary, ExpUsesBaseScaleAndShift) {
  const Attrs attrs = {{"base", 2.0f}, {"scale", 0.5f}, {"shift", 1.0f}};
  CheckUnary("Exp", kFloats, [](double x) { return std::pow(2.0, 1.0 + 0.5 * x); }, -6, 6, attrs);
}

TEST(ElementwiseUnary, LogMatchesReference) {
  CheckUnary("Log", kFloats, [](double x) { return std::log(x); }, 0.05, 9);
}

TEST(ElementwiseUnary, LogUsesBaseScaleAndShift) {
  const Attrs attrs = {{"base", 10.0f}, {"scale", 2.0f}, {"shift", 1.0f}};
  CheckUnary("Log", kFloats, [](double x) { return std::log10(1.0 + 2.0 * x); }, 0.1, 9, attrs);
}

TEST(ElementwiseUnary, LogOfZeroIsMinusInfinity) {
  EXPECT_EQ(Apply("Log", DType::kFloat32, {0})[0], -std::numeric_limits<double>::infinity());
}

TEST(ElementwiseUnary, AbsMatchesReferenceForFloatsAndSignedIntegers) {
  std::vector<DType> types = kFloats;
  types.insert(types.end(), {DType::kInt8, DType::kInt16, DType::kInt32, DType::kInt64});
  CheckUnary("Abs", types, [](double x) { return std::abs(x); }, -100, 100);
}

TEST(ElementwiseUnary, AbsOfMostNegativeIntegerWraps) {
  EXPECT_EQ(Apply("Abs", DType::kInt8, {-128, -127})[0], -128);
  const double int32_min = std::numeric_limits<int32_t>::min();
  EXPECT_EQ(Apply("Abs", DType::kInt32, {int32_min})[0], int32_min);
}

TEST(ElementwiseUnary, NegMatchesReference) {
  std::vector<DType> types = kFloats;
  types.insert(types.end(), {DType::kInt32, DType::kInt64});
  CheckUnary("Neg", types, [](double x) { return -x; }, -100, 100);
}

TEST(ElementwiseUnary, NegOfMostNegativeIntegerWraps) {
  const double int64_min = static_cast<double>(std::numeric_limits<int64_t>::min());
  EXPECT_EQ(Apply("Neg", DType::kInt64, {int64_min})[0], int64_min);
}

TEST(ElementwiseUnary, ReciprocalOfFloatsMatchesReference) {
  CheckUnary("Reciprocal", kFloats, [](double x) { return 1.0 / x; }, 0.25, 8);
}

TEST(ElementwiseUnary, ReciprocalOfIntegersTruncatesTowardZero) {
  for (DType t : {DType::kInt32, DType::kInt64}) {
    EXPECT_EQ(Apply("Reciprocal", t, {1, -1, 2, -2, 7, -100}), (std::vector<double>{1, -1, 0, 0, 0, 0})) << Name(t);
  }
}

TEST(ElementwiseUnary, ReciprocalOfIntegerZeroIsAnErrorNotACrash) {
  try {
    Apply("Reciprocal", DType::kInt32, {1, 0});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ACL_ERROR_INVALID_PARAM);
  }
}

TEST(ElementwiseUnary, SquareMatchesReference) {
  std::vector<DType> types = kFloats;
  types.insert(types.end(), {DType::kInt32, DType::kInt64});
  CheckUnary("Square", types, [](double x) { return x * x; }, -100, 100);
}

TEST(ElementwiseUnary, SquareOfIntegersWraps) {
  EXPECT_EQ(Apply("Square", DType::kInt32, {65536, 46341})[0], 0);
  EXPECT_EQ(Apply("Square", DType::kInt32, {46341})[0], static_cast<double>(static_cast<int32_t>(
                                                             static_cast<uint32_t>(46341u * 46341u))));
}

TEST(ElementwiseUnary, FloorMatchesReference) {
  CheckUnary("Floor", kFloats, [](double x) { return std::floor(x); }, -10, 10);
}

TEST(ElementwiseUnary, CeilMatchesReference) {
  CheckUnary("Ceil", kFloats, [](double x) { return std::ceil(x); }, -10, 10);
}

TEST(ElementwiseUnary, RoundMatchesReference) {
  CheckUnary("Round", kFloats, [](double x) { return std::nearbyint(x); }, -10, 10);
  CheckUnary("Round", {DType::kInt32, DType::kInt64}, [](double x) { return x; }, -1000, 1000);
}

TEST(ElementwiseUnary, RoundSendsHalvesToEven) {
  const std::vector<double> xs = {-3.5, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5};
  const std::vector<double> want = {-4, -2, -2, 0, 0, 2, 2, 4};
  for (DType t : kFloats) EXPECT_EQ(Apply("Round", t, xs), want) << Name(t);
}

TEST(ElementwiseUnary, RoundOfSmallNegativeIsPositiveZero) {
  EXPECT_FALSE(std::signbit(Apply("Round", DType::kFloat32, {-0.4})[0]));
  EXPECT_FALSE(std::signbit(Apply("Round", DType::kFloat64, {-0.5})[0]));
}

TEST(ElementwiseUnary, RoundToDecimalPlaces) {
  const Attrs two = {{"decimals", int64_t{2}}};
  EXPECT_EQ(Apply("Round", DType::kFloat64, {1.125, 1.375, -0.625, 3.0}, two),
            (std::vector<double>{1.12, 1.38, -0.62, 3.0}));
}

TEST(ElementwiseUnary, RoundToTensWithNegativeDecimals) {
  const Attrs tens = {{"decimals", int64_t{-1}}};
  const std::vector<double> xs = {25, 35, 14, -15, -16, 0};
  const std::vector<double> want = {20, 40, 10, -20, -20, 0};
  for (DType t : {DType::kFloat32, DType::kFloat64, DType::kInt32, DType::kInt64}) {
    EXPECT_EQ(Apply("Round", t, xs, tens), want) << Name(t);
  }
}

TEST(ElementwiseUnary, RoundToMoreTensThanTheTypeHoldsGivesZero) {
  const Attrs many = {{"decimals", int64_t{-40}}};
  EXPECT_EQ(Apply("Round", DType::kInt32, {2147483647, -5}, many), (std::vector<double>{0, 0}));
  EXPECT_EQ(Apply("Round", DType::kFloat32, {12345, -5}, many), (std::vector<double>{0, 0}));
}

TEST(ElementwiseUnary, RoundToMoreDecimalsThanTheTypeHoldsKeepsTheValue) {
  const Attrs many = {{"decimals", int64_t{60}}};
  EXPECT_EQ(Apply("Round", DType::kFloat32, {1.5, -2.25}, many), (std::vector<double>{1.5, -2.25}));
}

TEST(ElementwiseUnary, SignMatchesReference) {
  std::vector<DType> types = kFloats;
  types.insert(types.end(), {DType::kInt32, DType::kInt64});
  CheckUnary("Sign", types, [](double x) { return static_cast<double>((x > 0) - (x < 0)); }, -3, 3);
}

TEST(ElementwiseUnary, SignOfNaNIsNaN) {
  EXPECT_TRUE(std::isnan(Apply("Sign", DType::kFloat32, {std::nan("")})[0]));
}

TEST(ElementwiseUnary, ErfMatchesReference) {
  CheckUnary("Erf", kFloats, [](double x) { return std::erf(x); }, -3, 3);
}

TEST(ElementwiseUnary, SinMatchesReference) {
  CheckUnary("Sin", kFloats, [](double x) { return std::sin(x); }, -7, 7);
}

TEST(ElementwiseUnary, CosMatchesReference) {
  CheckUnary("Cos", kFloats, [](double x) { return std::cos(x); }, -7, 7);
}

// ---- activations --------------------------------------------------------------------------------

TEST(ElementwiseUnary, TanhMatchesReference) {
  CheckUnary("Tanh", kFloats, [](double x) { return std::tanh(x); }, -5, 5);
}

TEST(ElementwiseUnary, SigmoidMatchesReference) {
  CheckUnary("Sigmoid", kFloats, Sigmoid, -10, 10);
}

TEST(ElementwiseUnary, SigmoidSaturatesWithoutNaN) {
  EXPECT_EQ(Apply("Sigmoid", DType::kFloat32, {-200, 200}), (std::vector<double>{0, 1}));
}

TEST(ElementwiseUnary, ReluMatchesReferenceForEverySupportedType) {
  std::vector<DType> types = kFloats;
  types.insert(types.end(), {DType::kInt8, DType::kInt16, DType::kInt32, DType::kInt64});
  CheckUnary("Relu", types, [](double x) { return std::max(x, 0.0); }, -50, 50);
  CheckUnary("Relu", {DType::kUInt8, DType::kUInt16}, [](double x) { return x; }, 0, 200);
}

TEST(ElementwiseUnary, Relu6MatchesReferenceForEveryNumericType) {
  std::vector<DType> types = kFloats;
  types.insert(types.end(), {DType::kInt8, DType::kInt16, DType::kInt32, DType::kInt64});
  CheckUnary("Relu6", types, [](double x) { return std::min(std::max(x, 0.0), 6.0); }, -4, 10);
  CheckUnary("Relu6", {DType::kUInt8, DType::kUInt16, DType::kUInt32, DType::kUInt64},
             [](double x) { return std::min(x, 6.0); }, 0, 12);
}

TEST(ElementwiseUnary, ReluPropagatesNaN) {
  EXPECT_TRUE(std::isnan(Apply("Relu", DType::kFloat32, {std::nan("")})[0]));
  EXPECT_TRUE(std::isnan(Apply("Relu6", DType::kFloat32, {std::nan("")})[0]));
}

TEST(ElementwiseUnary, LeakyReluDefaultSlopeIsZero) {
  CheckUnary("LeakyRelu", kFloats, [](double x) { return x > 0 ? x : 0.0; }, -5, 5);
}

TEST(ElementwiseUnary, LeakyReluUsesNegativeSlope) {
  const double slope = static_cast<double>(0.2f);
  CheckUnary("LeakyRelu", kFloats, [slope](double x) { return x > 0 ? x : slope * x; }, -5, 5,
             {{"negative_slope", 0.2f}});
}

TEST(ElementwiseUnary, EluWithDefaultsMatchesReference) {
  CheckUnary("Elu", kFloats, [](double x) { return x > 0 ? x : std::expm1(x); }, -5, 5);
}

TEST(ElementwiseUnary, EluUsesAlphaScaleAndInputScale) {
  const double alpha = 1.5, scale = 2.0, input_scale = 0.5;
  CheckUnary("Elu", kFloats,
             [=](double x) { return x > 0 ? scale * x : alpha * scale * std::expm1(input_scale * x); }, -5, 5,
             {{"alpha", 1.5f}, {"scale", 2.0f}, {"input_scale", 0.5f}});
}

TEST(ElementwiseUnary, GeluIsTheTanhApproximation) {
  const auto gelu_tanh = [](double x) {
    return 0.5 * x * (1.0 + std::tanh(std::sqrt(2.0 / std::acos(-1.0)) * (x + 0.044715 * x * x * x)));
  };
  CheckUnary("Gelu", kFloats, gelu_tanh, -5, 5);
}

TEST(ElementwiseUnary, SwishWithDefaultScaleIsSiLU) {
  CheckUnary("Swish", kFloats, [](double x) { return x * Sigmoid(x); }, -8, 8);
}

TEST(ElementwiseUnary, SwishUsesScale) {
  const double scale = static_cast<double>(1.702f);
  CheckUnary("Swish", kFloats, [scale](double x) { return x / (1.0 + std::exp(-scale * x)); }, -8, 8,
             {{"scale", 1.702f}});
}

TEST(ElementwiseUnary, HardSwishMatchesReference) {
  CheckUnary("HardSwish", kFloats, [](double x) { return x * std::min(std::max(x + 3.0, 0.0), 6.0) / 6.0; }, -5, 5);
}

TEST(ElementwiseUnary, HardSigmoidUsesDefaultAlphaAndBeta) {
  const double alpha = static_cast<double>(0.16666666f);
  CheckUnary("HardSigmoid", kFloats, [alpha](double x) { return std::min(std::max(alpha * x + 0.5, 0.0), 1.0); },
             -5, 5);
}

TEST(ElementwiseUnary, HardSigmoidUsesAlphaAndBeta) {
  const double alpha = static_cast<double>(0.2f), beta = static_cast<double>(0.3f);
  CheckUnary("HardSigmoid", kFloats, [=](double x) { return std::min(std::max(alpha * x + beta, 0.0), 1.0); }, -5,
             5, {{"alpha", 0.2f}, {"beta", 0.3f}});
}

TEST(ElementwiseUnary, SoftplusMatchesReference) {
  CheckUnary("Softplus", kFloats, [](double x) { return std::log1p(std::exp(x)); }, -10, 10);
}

TEST(ElementwiseUnary, SoftplusDoesNotOverflowForLargeInputs) {
  EXPECT_EQ(Apply("Softplus", DType::kFloat32, {100, 1000}), (std::vector<double>{100, 1000}));
}

TEST(ElementwiseUnary, LogicalNotInvertsBools) {
  EXPECT_EQ(Apply("LogicalNot", DType::kBool, {0, 1, 1, 0}), (std::vector<double>{1, 0, 0, 1}));
  HostTensor big(DType::kBool, {2, 40000});
  big.FillRandom(3, 0, 1);
  auto out = RunOp("LogicalNot", {&big}, {}, Threads());
  for (int64_t i = 0; i < big.size(); ++i) ASSERT_EQ(out[0].Get(i), 1.0 - big.Get(i)) << i;
}

// ---- shape functions ----------------------------------------------------------------------------

TEST(ElementwiseUnary, OutputKeepsTheInputsShapeTypeAndFormat) {
  const auto out = Kernels().Infer("Tanh", {TensorSpec(DType::kFloat16, {2, 3, 4, 5}, Format::kNCHW)}, {});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].dtype, DType::kFloat16);
  EXPECT_EQ(out[0].shape, (Shape{2, 3, 4, 5}));
  EXPECT_EQ(out[0].format, Format::kNCHW);
}

TEST(ElementwiseUnary, FloatingOperatorsRejectIntegerInputs) {
  for (const char* op : {"Sqrt", "Exp", "Log", "Sigmoid", "Gelu", "Erf", "Softplus", "HardSigmoid"}) {
    EXPECT_EQ(InferError(op, {{DType::kInt32, {4}}}), ACL_ERROR_UNSUPPORTED_DATA_TYPE) << op;
  }
}

TEST(ElementwiseUnary, IntegerTypesOutsideCANNsListAreRejected) {
  EXPECT_EQ(InferError("Abs", {{DType::kUInt8, {4}}}), ACL_ERROR_UNSUPPORTED_DATA_TYPE);
  EXPECT_EQ(InferError("Neg", {{DType::kInt8, {4}}}), ACL_ERROR_UNSUPPORTED_DATA_TYPE);
  EXPECT_EQ(InferError("Relu", {{DType::kUInt32, {4}}}), ACL_ERROR_UNSUPPORTED_DATA_TYPE);
  EXPECT_EQ(InferError("Relu", {{DType::kBool, {4}}}), ACL_ERROR_UNSUPPORTED_DATA_TYPE);
}

TEST(ElementwiseUnary, LogicalNotRejectsNonBoolInputs) {
  EXPECT_EQ(InferError("LogicalNot", {{DType::kFloat32, {4}}}), ACL_ERROR_UNSUPPORTED_DATA_TYPE);
}

TEST(ElementwiseUnary, AttributeOfTheWrongKindIsRejected) {
  EXPECT_EQ(InferError("LeakyRelu", {{DType::kFloat32, {4}}}, {{"negative_slope", std::string("x")}}),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(InferError("Round", {{DType::kFloat32, {4}}}, {{"decimals", 1.5f}}), ACL_ERROR_OP_ATTR_NOT_MATCH);
}

TEST(ElementwiseUnary, NonPositiveBaseIsRejected) {
  EXPECT_EQ(InferError("Log", {{DType::kFloat32, {4}}}, {{"base", 0.0f}}), ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(InferError("Exp", {{DType::kFloat32, {4}}}, {{"base", -2.0f}}), ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(InferError("Log", {{DType::kFloat32, {4}}}, {{"base", 1.0f}}), ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(InferError("Exp", {{DType::kFloat32, {4}}}, {{"base", 2.0f}}), ACL_SUCCESS);
}

TEST(ElementwiseUnary, UnaryOperatorsTakeExactlyOneInput) {
  EXPECT_EQ(InferError("Relu", {{DType::kFloat32, {4}}, {DType::kFloat32, {4}}}), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(InferError("Relu", {}), ACL_ERROR_OP_INPUT_NOT_MATCH);
}

TEST(ElementwiseUnary, EveryOperatorIsRegisteredWithItsAttributes) {
  const std::vector<std::string> ops = {"Sqrt", "Rsqrt", "Exp", "Log", "Abs", "Neg", "Reciprocal", "Square",
                                        "Floor", "Ceil", "Round", "Sign", "Erf", "Sin", "Cos", "Tanh", "Sigmoid",
                                        "Relu", "Relu6", "LeakyRelu", "Elu", "Gelu", "Swish", "HardSwish",
                                        "HardSigmoid", "Softplus", "LogicalNot"};
  for (const auto& op : ops) EXPECT_NE(Kernels().Find(op), nullptr) << op;
  const auto& hard_sigmoid = Kernels().Get("HardSigmoid").attrs;
  ASSERT_EQ(hard_sigmoid.size(), 2u);
  EXPECT_EQ(hard_sigmoid[0].name, "alpha");
  EXPECT_EQ(hard_sigmoid[0].default_value, "0.16666666");
  EXPECT_EQ(Kernels().Get("Elu").attrs.size(), 3u);
  EXPECT_EQ(Kernels().Get("LeakyRelu").attrs[0].name, "negative_slope");
}

// ---- trigonometric and hyperbolic --------------------------------------------------------------

TEST(ElementwiseUnary, TanMatchesReference) { CheckUnary("Tan", kFloats, [](double x) { return std::tan(x); }, -1.2, 1.2); }
TEST(ElementwiseUnary, AsinMatchesReference) { CheckUnary("Asin", kFloats, [](double x) { return std::asin(x); }, -1, 1); }
TEST(ElementwiseUnary, AcosMatchesReference) { CheckUnary("Acos", kFloats, [](double x) { return std::acos(x); }, -1, 1); }
TEST(ElementwiseUnary, AtanMatchesReference) { CheckUnary("Atan", kFloats, [](double x) { return std::atan(x); }, -9, 9); }
TEST(ElementwiseUnary, SinhMatchesReference) { CheckUnary("Sinh", kFloats, [](double x) { return std::sinh(x); }, -4, 4); }
TEST(ElementwiseUnary, CoshMatchesReference) { CheckUnary("Cosh", kFloats, [](double x) { return std::cosh(x); }, -4, 4); }
TEST(ElementwiseUnary, AsinhMatchesReference) { CheckUnary("Asinh", kFloats, [](double x) { return std::asinh(x); }, -9, 9); }
TEST(ElementwiseUnary, AcoshMatchesReference) { CheckUnary("Acosh", kFloats, [](double x) { return std::acosh(x); }, 1, 9); }
TEST(ElementwiseUnary, AtanhMatchesReference) {
  CheckUnary("Atanh", kFloats, [](double x) { return std::atanh(x); }, -0.9, 0.9);
}

TEST(ElementwiseUnary, InverseFunctionsOutsideTheirDomainGiveNaN) {
  for (const char* op : {"Asin", "Acos"}) EXPECT_TRUE(std::isnan(Apply(op, DType::kFloat32, {2})[0])) << op;
  EXPECT_TRUE(std::isnan(Apply("Acosh", DType::kFloat32, {0.5})[0]));
  EXPECT_EQ(Apply("Atanh", DType::kFloat32, {1})[0], std::numeric_limits<double>::infinity());
}

// ---- the activations ONNX adds -----------------------------------------------------------------

TEST(ElementwiseUnary, SeluWithDefaultsUsesTheStandardConstants) {
  const double alpha = static_cast<double>(1.67326319217681884765625f);
  const double scale = static_cast<double>(1.05070102214813232421875f);
  CheckUnary("Selu", kFloats, [=](double x) { return x > 0 ? scale * x : scale * alpha * std::expm1(x); }, -5, 5);
}

TEST(ElementwiseUnary, SeluUsesAlphaAndScale) {
  CheckUnary("Selu", kFloats, [](double x) { return x > 0 ? 3.0 * x : 3.0 * 2.0 * std::expm1(x); }, -5, 5,
             {{"alpha", 2.0f}, {"scale", 3.0f}});
}

TEST(ElementwiseUnary, CeluUsesAlpha) {
  CheckUnary("Celu", kFloats, [](double x) { return x > 0 ? x : std::expm1(x); }, -5, 5);
  CheckUnary("Celu", kFloats, [](double x) { return x > 0 ? x : 2.0 * std::expm1(x / 2.0); }, -5, 5,
             {{"alpha", 2.0f}});
}

TEST(ElementwiseUnary, CeluRejectsZeroAlpha) {
  EXPECT_EQ(InferError("Celu", {{DType::kFloat32, {4}}}, {{"alpha", 0.0f}}), ACL_ERROR_OP_ATTR_NOT_MATCH);
}

TEST(ElementwiseUnary, SoftsignMatchesReference) {
  CheckUnary("Softsign", kFloats, [](double x) { return x / (1.0 + std::abs(x)); }, -9, 9);
}

TEST(ElementwiseUnary, ThresholdedReluKeepsValuesAboveAlpha) {
  CheckUnary("ThresholdedRelu", kFloats, [](double x) { return x > 1.0 ? x : 0.0; }, -3, 3);
  CheckUnary("ThresholdedRelu", kFloats, [](double x) { return x > 2.0 ? x : 0.0; }, -3, 3, {{"alpha", 2.0f}});
  EXPECT_EQ(Apply("ThresholdedRelu", DType::kFloat32, {1.0, 1.5}), (std::vector<double>{0.0, 1.5}));
}

TEST(ElementwiseUnary, ShrinkUsesLambdAndBias) {
  const double lambd = static_cast<double>(1.5f), bias = static_cast<double>(0.5f);
  CheckUnary("Shrink", kFloats, [=](double x) { return x < -lambd ? x + bias : (x > lambd ? x - bias : 0.0); }, -4,
             4, {{"lambd", 1.5f}, {"bias", 0.5f}});
  EXPECT_EQ(Apply("Shrink", DType::kFloat32, {-1, -0.25, 0.5, 2}), (std::vector<double>{-1, 0, 0, 2}));
}

// ---- IsNan and IsInf ------------------------------------------------------------------------------

TEST(ElementwiseUnary, IsNanAndIsInfGiveBoolsForEveryFloatType) {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  for (DType t : kFloats) {
    HostTensor x(t, {5});
    const std::vector<double> xs = {1.5, nan, inf, -inf, 0};
    for (int64_t i = 0; i < 5; ++i) x.Set(i, xs[static_cast<size_t>(i)]);
    auto is_nan = RunOp("IsNan", {&x});
    ASSERT_EQ(is_nan[0].spec().dtype, DType::kBool);
    EXPECT_EQ(is_nan[0].Values(), (std::vector<double>{0, 1, 0, 0, 0})) << Name(t);
    EXPECT_EQ(RunOp("IsInf", {&x})[0].Values(), (std::vector<double>{0, 0, 1, 1, 0})) << Name(t);
    EXPECT_EQ(RunOp("IsInf", {&x}, {{"detect_negative", false}})[0].Values(), (std::vector<double>{0, 0, 1, 0, 0}));
    // ONNX writes the flags as ints.
    EXPECT_EQ(RunOp("IsInf", {&x}, {{"detect_positive", int64_t{0}}})[0].Values(),
              (std::vector<double>{0, 0, 0, 1, 0}));
  }
}

TEST(ElementwiseUnary, IsNanOfLargeAndEmptyTensors) {
  HostTensor big(DType::kFloat32, {3, 50001});
  big.FillRandom(5, -1, 1);
  big.Set(77777, std::numeric_limits<double>::quiet_NaN());
  auto out = RunOp("IsNan", {&big}, {}, Threads());
  for (int64_t i = 0; i < big.size(); ++i) ASSERT_EQ(out[0].Get(i), i == 77777 ? 1.0 : 0.0) << i;
  HostTensor empty(DType::kFloat16, {0, 4});
  EXPECT_EQ(RunOp("IsInf", {&empty})[0].spec().shape, (Shape{0, 4}));
}

TEST(ElementwiseUnary, IsNanRejectsIntegers) {
  EXPECT_EQ(InferError("IsNan", {{DType::kInt32, {4}}}), ACL_ERROR_UNSUPPORTED_DATA_TYPE);
  EXPECT_EQ(InferError("IsInf", {{DType::kFloat32, {4}}}, {{"detect_positive", std::string("yes")}}),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
}

}  // namespace
}  // namespace aclsim::sim
