// Binary elementwise operators against a naive double-precision reference, over broadcasting,
// empty and odd shapes and every supported data type.
#include <cmath>
#include <functional>
#include <limits>

#include "sim/broadcast.h"
#include "tests/unit/sim/kernel_test_util.h"

namespace aclsim::sim {
namespace {

using testing::HostTensor;
using testing::RunOp;

struct ShapePair {
  Shape a, b;
};

const std::vector<ShapePair> kShapes = {
    {{}, {}},              // scalars
    {{7}, {7}},            // same shape, odd size
    {{2, 3, 5}, {5}},      // trailing broadcast
    {{4, 1, 3}, {1, 6, 1}},  // both sides broadcast
    {{3, 4}, {1}},         // scalar-like
    {{0, 3}, {3}},         // empty
    {{1}, {2, 70000}},     // large enough to be split over threads
};

// Reference: the broadcast of `a` and `b` under `op`, computed in double on the stored values.
std::vector<double> Reference(const HostTensor& a, const HostTensor& b, const Shape& out,
                              const std::function<double(double, double)>& op) {
  const auto sa = BroadcastStrides(a.spec().shape, out), sb = BroadcastStrides(b.spec().shape, out);
  std::vector<double> result(static_cast<size_t>(NumElements(out)));
  for (int64_t i = 0; i < NumElements(out); ++i) {
    int64_t rest = i, ia = 0, ib = 0;
    for (size_t d = out.size(); d-- > 0;) {
      const int64_t k = rest % out[d];
      rest /= out[d];
      ia += k * sa[d];
      ib += k * sb[d];
    }
    result[static_cast<size_t>(i)] = op(a.Get(ia), b.Get(ib));
  }
  return result;
}

void CheckArithmetic(const std::string& op, DType dtype, const std::function<double(double, double)>& ref,
                     double lo = -8, double hi = 8, bool nonzero_b = false) {
  static const Parallel parallel(4);
  for (const ShapePair& shapes : kShapes) {
    HostTensor a(dtype, shapes.a), b(dtype, shapes.b);
    a.FillRandom(1, lo, hi);
    b.FillRandom(2, lo, hi);
    if (nonzero_b) {
      for (int64_t i = 0; i < b.size(); ++i) {
        if (b.Get(i) == 0) b.Set(i, 3);
      }
    }
    auto out = RunOp(op, {&a, &b}, {}, parallel);
    const Shape expected_shape = BroadcastShapes("test", {shapes.a, shapes.b});
    ASSERT_EQ(out[0].spec().shape, expected_shape) << op;
    const auto expected = Reference(a, b, expected_shape, ref);
    for (int64_t i = 0; i < out[0].size(); ++i) {
      const double want = testing::RoundTo(out[0].spec().dtype, expected[static_cast<size_t>(i)]);
      ASSERT_NEAR(out[0].Get(i), want, testing::Tolerance(dtype, want))
          << op << " " << Name(dtype) << " shapes " << ToString(shapes.a) << " " << ToString(shapes.b) << " at " << i;
    }
  }
}

const std::vector<DType> kTypes = {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64,
                                   DType::kInt8,    DType::kUInt8,    DType::kInt16,   DType::kInt32,
                                   DType::kInt64,   DType::kUInt32};

TEST(ElementwiseBinary, AddMatchesReferenceForEveryTypeAndShape) {
  for (DType t : kTypes) CheckArithmetic("Add", t, [](double a, double b) { return a + b; }, 0, 8);
}

TEST(ElementwiseBinary, SubMatchesReference) {
  for (DType t : kTypes) CheckArithmetic("Sub", t, [](double a, double b) { return a - b; }, 4, 8);
}

TEST(ElementwiseBinary, MulMatchesReference) {
  for (DType t : kTypes) CheckArithmetic("Mul", t, [](double a, double b) { return a * b; }, 0, 7);
}

TEST(ElementwiseBinary, RealDivOfFloatsMatchesReference) {
  for (DType t : {DType::kFloat16, DType::kFloat32, DType::kFloat64}) {
    CheckArithmetic("RealDiv", t, [](double a, double b) { return a / b; }, 1, 9, true);
  }
}

TEST(ElementwiseBinary, IntegerDivTruncatesTowardZero) {
  CheckArithmetic("Div", DType::kInt32, [](double a, double b) { return std::trunc(a / b); }, -9, 9, true);
}

TEST(ElementwiseBinary, IntegerDivisionByZeroIsAnErrorNotACrash) {
  HostTensor a(DType::kInt32, {2}), b(DType::kInt32, {2});
  a.Set(0, 1);
  a.Set(1, 2);
  b.Set(0, 1);
  b.Set(1, 0);
  try {
    RunOp("Div", {&a, &b});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ACL_ERROR_INVALID_PARAM);
    EXPECT_NE(std::string(e.what()).find("division by zero"), std::string::npos);
  }
}

TEST(ElementwiseBinary, MaximumAndMinimumMatchReference) {
  for (DType t : kTypes) {
    CheckArithmetic("Maximum", t, [](double a, double b) { return std::max(a, b); });
    CheckArithmetic("Minimum", t, [](double a, double b) { return std::min(a, b); });
  }
}

TEST(ElementwiseBinary, MaximumPropagatesNaN) {
  HostTensor a(DType::kFloat32, {1}), b(DType::kFloat32, {1});
  a.Set(0, std::nan(""));
  b.Set(0, 1);
  EXPECT_TRUE(std::isnan(RunOp("Maximum", {&a, &b})[0].Get(0)));
}

TEST(ElementwiseBinary, PowMatchesReference) {
  CheckArithmetic("Pow", DType::kFloat32, [](double a, double b) { return std::pow(a, b); }, 0.5, 3);
  CheckArithmetic("Pow", DType::kInt32, [](double a, double b) { return std::pow(a, b); }, 0, 5);
}

TEST(ElementwiseBinary, ComparisonsProduceBool) {
  HostTensor a(DType::kFloat32, {3}), b(DType::kFloat32, {1});
  a.Set(0, 1);
  a.Set(1, 2);
  a.Set(2, 3);
  b.Set(0, 2);
  const std::vector<std::pair<std::string, std::vector<double>>> cases = {
      {"Equal", {0, 1, 0}}, {"NotEqual", {1, 0, 1}},     {"Less", {1, 0, 0}},
      {"LessEqual", {1, 1, 0}}, {"Greater", {0, 0, 1}}, {"GreaterEqual", {0, 1, 1}}};
  for (const auto& [op, want] : cases) {
    auto out = RunOp(op, {&a, &b});
    EXPECT_EQ(out[0].spec().dtype, DType::kBool) << op;
    EXPECT_EQ(out[0].Values(), want) << op;
  }
}

TEST(ElementwiseBinary, LogicalAndOr) {
  HostTensor a(DType::kBool, {4}), b(DType::kBool, {4});
  const double va[] = {0, 0, 1, 1}, vb[] = {0, 1, 0, 1};
  for (int i = 0; i < 4; ++i) {
    a.Set(i, va[i]);
    b.Set(i, vb[i]);
  }
  EXPECT_EQ(RunOp("LogicalAnd", {&a, &b})[0].Values(), (std::vector<double>{0, 0, 0, 1}));
  EXPECT_EQ(RunOp("LogicalOr", {&a, &b})[0].Values(), (std::vector<double>{0, 1, 1, 1}));
}

TEST(ElementwiseBinary, IncompatibleShapesAreRejectedByTheShapeFunction) {
  try {
    Kernels().Infer("Add", {{DType::kFloat32, {2, 3}}, {DType::kFloat32, {4}}}, {});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ACL_ERROR_OP_INPUT_NOT_MATCH);
  }
}

TEST(ElementwiseBinary, MixedInputTypesAreRejected) {
  try {
    Kernels().Infer("Add", {{DType::kFloat32, {2}}, {DType::kFloat16, {2}}}, {});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ACL_ERROR_OP_INPUT_NOT_MATCH);
  }
}

TEST(Registry, UnknownOperatorNamesTheClosestOnes) {
  try {
    Kernels().Get("Ad");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ACL_ERROR_OP_TYPE_NOT_MATCH);
    EXPECT_NE(std::string(e.what()).find("Add"), std::string::npos) << e.what();
  }
}

// ---- Mod, FloorMod, shifts, LogicalXor ---------------------------------------------------------

double TruncMod(double a, double b) { return std::fmod(a, b); }
double FloorModRef(double a, double b) {
  const double r = std::fmod(a, b);
  return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}

TEST(ElementwiseBinary, ModTakesTheSignOfTheDividend) {
  for (DType t : {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64, DType::kInt8, DType::kInt16,
                  DType::kInt32, DType::kInt64}) {
    CheckArithmetic("Mod", t, TruncMod, -9, 9, true);
  }
  for (DType t : {DType::kUInt8, DType::kUInt32}) CheckArithmetic("Mod", t, TruncMod, 0, 9, true);
}

TEST(ElementwiseBinary, FloorModTakesTheSignOfTheDivisor) {
  for (DType t : {DType::kFloat16, DType::kFloat32, DType::kFloat64, DType::kInt8, DType::kInt32, DType::kInt64}) {
    CheckArithmetic("FloorMod", t, FloorModRef, -9, 9, true);
  }
  CheckArithmetic("FloorMod", DType::kUInt16, FloorModRef, 0, 9, true);
  HostTensor a(DType::kInt32, {4}), b(DType::kInt32, {4});
  const double va[] = {-7, 7, -7, 7}, vb[] = {3, -3, -3, 3};
  for (int i = 0; i < 4; ++i) {
    a.Set(i, va[i]);
    b.Set(i, vb[i]);
  }
  EXPECT_EQ(RunOp("FloorMod", {&a, &b})[0].Values(), (std::vector<double>{2, -2, -1, 1}));
  EXPECT_EQ(RunOp("Mod", {&a, &b})[0].Values(), (std::vector<double>{-1, 1, -1, 1}));
}

TEST(ElementwiseBinary, ModOfTheMostNegativeIntegerByMinusOneIsZero) {
  HostTensor a(DType::kInt32, {1}), b(DType::kInt32, {1});
  a.Set(0, static_cast<double>(std::numeric_limits<int32_t>::min()));
  b.Set(0, -1);
  EXPECT_EQ(RunOp("Mod", {&a, &b})[0].Get(0), 0.0);
  EXPECT_EQ(RunOp("FloorMod", {&a, &b})[0].Get(0), 0.0);
}

TEST(ElementwiseBinary, IntegerModByZeroIsAnError) {
  HostTensor a(DType::kInt64, {2}), b(DType::kInt64, {1});
  a.Set(0, 5);
  for (const char* op : {"Mod", "FloorMod"}) {
    try {
      RunOp(op, {&a, &b});
      FAIL() << "expected an error from " << op;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ACL_ERROR_INVALID_PARAM);
      EXPECT_NE(std::string(e.what()).find(op), std::string::npos) << e.what();
    }
  }
}

TEST(ElementwiseBinary, ShiftsOfUnsignedIntegersBroadcast) {
  for (DType t : {DType::kUInt8, DType::kUInt16, DType::kUInt32, DType::kUInt64}) {
    const double bits = static_cast<double>(SizeOf(t) * 8);
    CheckArithmetic("LeftShift", t, [bits](double a, double b) {
      return b >= bits ? 0.0 : std::fmod(a * std::pow(2.0, b), std::pow(2.0, bits));
    }, 0, 7);
    CheckArithmetic("RightShift", t, [](double a, double b) { return std::floor(a / std::pow(2.0, b)); }, 0, 100);
  }
  HostTensor a(DType::kUInt8, {3}), b(DType::kUInt8, {3});
  const double va[] = {255, 16, 1}, vb[] = {1, 8, 200};
  for (int i = 0; i < 3; ++i) {
    a.Set(i, va[i]);
    b.Set(i, vb[i]);
  }
  EXPECT_EQ(RunOp("LeftShift", {&a, &b})[0].Values(), (std::vector<double>{254, 0, 0}));
  EXPECT_EQ(RunOp("RightShift", {&a, &b})[0].Values(), (std::vector<double>{127, 0, 0}));
}

TEST(ElementwiseBinary, ShiftsRejectSignedAndFloatingTypes) {
  for (DType t : {DType::kInt32, DType::kFloat32}) {
    try {
      Kernels().Infer("LeftShift", {{t, {2}}, {t, {2}}}, {});
      FAIL() << "expected an error";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ACL_ERROR_UNSUPPORTED_DATA_TYPE);
      EXPECT_NE(std::string(e.what()).find("LeftShift"), std::string::npos) << e.what();
    }
  }
}

TEST(ElementwiseBinary, LogicalXorBroadcasts) {
  HostTensor a(DType::kBool, {2, 1}), b(DType::kBool, {2});
  a.Set(0, 0);
  a.Set(1, 1);
  b.Set(0, 0);
  b.Set(1, 1);
  auto out = RunOp("LogicalXor", {&a, &b});
  EXPECT_EQ(out[0].spec().shape, (Shape{2, 2}));
  EXPECT_EQ(out[0].Values(), (std::vector<double>{0, 1, 1, 0}));
  HostTensor empty(DType::kBool, {0, 2});
  EXPECT_EQ(RunOp("LogicalXor", {&empty, &b})[0].spec().shape, (Shape{0, 2}));
}

}  // namespace
}  // namespace aclsim::sim
