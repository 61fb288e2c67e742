// Cast, ClipByValue, PRelu, Select and SelectV2 against naive double-precision references, over
// broadcasting, empty, odd and large (multi-threaded) shapes and every supported data type, plus
// the shape functions' error paths.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "sim/broadcast.h"
#include "tests/unit/sim/kernel_test_util.h"

namespace aclsim::sim {
namespace {

using testing::HostTensor;
using testing::RunOp;

const std::vector<DType> kEveryType = {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64,
                                       DType::kInt8,    DType::kUInt8,    DType::kInt16,   DType::kUInt16,
                                       DType::kInt32,   DType::kUInt32,   DType::kInt64,   DType::kUInt64,
                                       DType::kBool};
const std::vector<DType> kFloats = {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64};

const Parallel& Threads() {
  static const Parallel parallel(4);
  return parallel;
}

bool IsUnsigned(DType t) {
  return t == DType::kUInt8 || t == DType::kUInt16 || t == DType::kUInt32 || t == DType::kUInt64;
}

// Fills `t` with reproducible values its type holds: [-100, 100], [0, 200] if unsigned, 0/1 if bool.
void Fill(HostTensor& t, uint32_t seed) {
  if (t.spec().dtype == DType::kBool) t.FillRandom(seed, 0, 1);
  else if (IsUnsigned(t.spec().dtype)) t.FillRandom(seed, 0, 200);
  else t.FillRandom(seed, -100, 100);
}

// The element offset in a tensor of `in` shape that output element `i` of `out` shape reads.
int64_t BroadcastOffset(const Shape& in, const Shape& out, int64_t i) {
  const auto strides = BroadcastStrides(in, out);
  int64_t offset = 0;
  for (size_t d = out.size(); d-- > 0;) {
    offset += (i % out[d]) * strides[d];
    i /= out[d];
  }
  return offset;
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

HostTensor Make(DType dtype, const Shape& shape, const std::vector<double>& values) {
  HostTensor t(dtype, shape);
  for (size_t i = 0; i < values.size(); ++i) t.Set(static_cast<int64_t>(i), values[i]);
  return t;
}

// ---- Cast -----------------------------------------------------------------------------------------

int Bits(DType t) { return static_cast<int>(SizeOf(t)) * 8; }

// The value of `v` (held exactly by `src`) cast to `dst`, per the documented rules.
double CastReference(DType src, DType dst, double v) {
  if (dst == DType::kBool) return v != 0 ? 1 : 0;
  if (IsFloating(dst)) return testing::RoundTo(dst, v);
  const int bits = Bits(dst);
  const bool is_unsigned = IsUnsigned(dst);
  const double lo = is_unsigned ? 0 : -std::ldexp(1.0, bits - 1);
  const double hi = is_unsigned ? std::ldexp(1.0, bits) - 1 : std::ldexp(1.0, bits - 1) - 1;
  if (IsFloating(src)) {
    if (std::isnan(v)) return 0;
    return std::min(std::max(std::trunc(v), lo), hi);  // saturating truncation
  }
  // integer (or bool) to integer wraps modulo 2^bits; the test values are small.
  const double modulus = std::ldexp(1.0, bits);
  double w = std::fmod(v, modulus);
  if (w < lo) w += modulus;
  if (w > hi) w -= modulus;
  return w;
}

Attrs CastTo(DType dst) { return {{"dst_type", dst}}; }

TEST(ElementwiseMisc, CastBetweenEveryPairOfTypesMatchesReference) {
  for (DType src : kEveryType) {
    for (DType dst : kEveryType) {
      for (const Shape& shape : std::vector<Shape>{{}, {5}, {2, 3, 7}, {0, 4}}) {
        HostTensor x(src, shape);
        Fill(x, 11);
        auto out = RunOp("Cast", {&x}, CastTo(dst), Threads());
        ASSERT_EQ(out[0].spec().dtype, dst);
        ASSERT_EQ(out[0].spec().shape, shape);
        for (int64_t i = 0; i < x.size(); ++i) {
          ASSERT_EQ(out[0].Get(i), CastReference(src, dst, x.Get(i)))
              << Name(src) << " -> " << Name(dst) << " x=" << x.Get(i);
        }
      }
    }
  }
}

TEST(ElementwiseMisc, CastOfALargeTensorIsSplitOverThreads) {
  HostTensor x(DType::kFloat32, {3, 70001});
  Fill(x, 5);
  auto out = RunOp("Cast", {&x}, CastTo(DType::kInt16), Threads());
  for (int64_t i = 0; i < x.size(); ++i) ASSERT_EQ(out[0].Get(i), std::trunc(x.Get(i))) << i;
}

TEST(ElementwiseMisc, CastFloatToIntegerTruncatesTowardZero) {
  HostTensor x = Make(DType::kFloat32, {4}, {-3.9, 3.9, -0.5, 0.5});
  EXPECT_EQ(RunOp("Cast", {&x}, CastTo(DType::kInt32))[0].Values(), (std::vector<double>{-3, 3, 0, 0}));
}

TEST(ElementwiseMisc, CastOfNaNAndOutOfRangeFloatsSaturates) {
  const double inf = std::numeric_limits<double>::infinity();
  HostTensor x = Make(DType::kFloat32, {5}, {std::nan(""), inf, -inf, 1e10, -1e10});
  EXPECT_EQ(RunOp("Cast", {&x}, CastTo(DType::kInt32))[0].Values(),
            (std::vector<double>{0, 2147483647, -2147483648.0, 2147483647, -2147483648.0}));
  EXPECT_EQ(RunOp("Cast", {&x}, CastTo(DType::kUInt8))[0].Values(), (std::vector<double>{0, 255, 0, 255, 0}));
  HostTensor big = Make(DType::kFloat64, {3}, {1e19, 2e19, -1e19});
  const auto u64 = RunOp("Cast", {&big}, CastTo(DType::kUInt64))[0];
  EXPECT_EQ(u64.Get(0), 1e19);
  EXPECT_EQ(u64.Get(1), static_cast<double>(std::numeric_limits<uint64_t>::max()));
  EXPECT_EQ(u64.Get(2), 0);
  const auto i64 = RunOp("Cast", {&big}, CastTo(DType::kInt64))[0];
  EXPECT_EQ(i64.Get(0), static_cast<double>(std::numeric_limits<int64_t>::max()));
  EXPECT_EQ(i64.Get(2), static_cast<double>(std::numeric_limits<int64_t>::min()));
}

TEST(ElementwiseMisc, CastIntegerToNarrowerIntegerWraps) {
  HostTensor x = Make(DType::kInt32, {4}, {300, -1, 128, -129});
  EXPECT_EQ(RunOp("Cast", {&x}, CastTo(DType::kInt8))[0].Values(), (std::vector<double>{44, -1, -128, 127}));
  EXPECT_EQ(RunOp("Cast", {&x}, CastTo(DType::kUInt8))[0].Values(), (std::vector<double>{44, 255, 128, 127}));
}

TEST(ElementwiseMisc, CastToBoolIsNonZero) {
  HostTensor x = Make(DType::kFloat16, {5}, {0, -0.0, 0.5, std::nan(""), -2});
  EXPECT_EQ(RunOp("Cast", {&x}, CastTo(DType::kBool))[0].Values(), (std::vector<double>{0, 0, 1, 1, 1}));
}

TEST(ElementwiseMisc, CastFromBoolIsZeroOrOne) {
  HostTensor x = Make(DType::kBool, {2}, {1, 0});
  for (DType dst : kEveryType) {
    EXPECT_EQ(RunOp("Cast", {&x}, CastTo(dst))[0].Values(), (std::vector<double>{1, 0})) << Name(dst);
  }
}

TEST(ElementwiseMisc, CastAcceptsDstTypeAsANumber) {
  HostTensor x = Make(DType::kFloat32, {1}, {1.5});
  auto out = RunOp("Cast", {&x}, {{"dst_type", int64_t{1}}});  // aclDataType 1: float16
  EXPECT_EQ(out[0].spec().dtype, DType::kFloat16);
  EXPECT_EQ(out[0].Get(0), 1.5);
}

TEST(ElementwiseMisc, CastWithoutAValidDstTypeIsRejected) {
  const std::vector<TensorSpec> x = {{DType::kFloat32, {2}}};
  EXPECT_EQ(InferError("Cast", x), ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(InferError("Cast", x, {{"dst_type", int64_t{99}}}), ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(InferError("Cast", x, {{"dst_type", std::string("int8")}}), ACL_ERROR_OP_ATTR_NOT_MATCH);
}

// ---- ClipByValue ----------------------------------------------------------------------------------

TEST(ElementwiseMisc, ClipByValueMatchesReferenceWithBroadcasting) {
  struct Case {
    Shape x, lo, hi;
  };
  const std::vector<Case> cases = {
      {{7}, {}, {}},                 // scalar bounds
      {{2, 3, 4}, {4}, {2, 1, 1}},   // bounds broadcast differently
      {{3, 1}, {1, 5}, {3, 5}},      // x broadcast too
      {{0, 3}, {3}, {1}},            // empty
      {{2, 40000}, {1}, {2, 1}},     // large enough to be split over threads
  };
  for (DType t : kEveryType) {
    if (t == DType::kBool) continue;
    for (const Case& c : cases) {
      HostTensor x(t, c.x), lo(t, c.lo), hi(t, c.hi);
      if (IsUnsigned(t)) {
        x.FillRandom(1, 0, 10);
        lo.FillRandom(2, 0, 3);
        hi.FillRandom(3, 5, 8);
      } else {
        x.FillRandom(1, -8, 8);
        lo.FillRandom(2, -5, 0);
        hi.FillRandom(3, 1, 5);
      }
      auto out = RunOp("ClipByValue", {&x, &lo, &hi}, {}, Threads());
      const Shape shape = BroadcastShapes("test", {c.x, c.lo, c.hi});
      ASSERT_EQ(out[0].spec().shape, shape);
      ASSERT_EQ(out[0].spec().dtype, t);
      for (int64_t i = 0; i < out[0].size(); ++i) {
        const double v = x.Get(BroadcastOffset(c.x, shape, i));
        const double want = std::min(std::max(v, lo.Get(BroadcastOffset(c.lo, shape, i))),
                                     hi.Get(BroadcastOffset(c.hi, shape, i)));
        ASSERT_EQ(out[0].Get(i), want) << Name(t) << " " << ToString(c.x) << " at " << i;
      }
    }
  }
}

TEST(ElementwiseMisc, ClipByValueWithMinAboveMaxGivesMax) {
  HostTensor x = Make(DType::kFloat32, {3}, {-5, 0, 5}), lo = Make(DType::kFloat32, {}, {2}),
             hi = Make(DType::kFloat32, {}, {1});
  EXPECT_EQ(RunOp("ClipByValue", {&x, &lo, &hi})[0].Values(), (std::vector<double>{1, 1, 1}));
}

TEST(ElementwiseMisc, ClipByValueKeepsNaN) {
  HostTensor x = Make(DType::kFloat32, {1}, {std::nan("")}), lo = Make(DType::kFloat32, {}, {0}),
             hi = Make(DType::kFloat32, {}, {1});
  EXPECT_TRUE(std::isnan(RunOp("ClipByValue", {&x, &lo, &hi})[0].Get(0)));
}

TEST(ElementwiseMisc, ClipByValueRejectsMixedTypesBadShapesAndBool) {
  EXPECT_EQ(InferError("ClipByValue", {{DType::kFloat32, {3}}, {DType::kFloat16, {}}, {DType::kFloat32, {}}}),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(InferError("ClipByValue", {{DType::kFloat32, {3}}, {DType::kFloat32, {4}}, {DType::kFloat32, {}}}),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(InferError("ClipByValue", {{DType::kBool, {3}}, {DType::kBool, {}}, {DType::kBool, {}}}),
            ACL_ERROR_UNSUPPORTED_DATA_TYPE);
  EXPECT_EQ(InferError("ClipByValue", {{DType::kFloat32, {3}}, {DType::kFloat32, {}}}), ACL_ERROR_OP_INPUT_NOT_MATCH);
}

// ---- PRelu ----------------------------------------------------------------------------------------

// Checks PRelu on x of `shape` with `weight_shape`, the weight indexed by dim 1 unless it has one
// element.
void CheckPrelu(DType t, const Shape& shape, const Shape& weight_shape) {
  HostTensor x(t, shape), w(t, weight_shape);
  x.FillRandom(4, -5, 5);
  w.FillRandom(5, 0, 1);
  auto out = RunOp("PRelu", {&x, &w}, {}, Threads());
  ASSERT_EQ(out[0].spec().shape, shape);
  int64_t inner = 1;
  for (size_t d = 2; d < shape.size(); ++d) inner *= shape[d];
  const int64_t channels = shape.size() >= 2 ? shape[1] : 1;
  for (int64_t i = 0; i < x.size(); ++i) {
    const double v = x.Get(i);
    const double a = w.size() == 1 ? w.Get(0) : w.Get((i / inner) % channels);
    const double want = testing::RoundTo(t, v > 0 ? v : a * v);
    ASSERT_NEAR(out[0].Get(i), want, testing::Tolerance(t, want))
        << Name(t) << " " << ToString(shape) << " weight " << ToString(weight_shape) << " at " << i;
  }
}

TEST(ElementwiseMisc, PReluAppliesOneWeightPerChannel) {
  for (DType t : kFloats) {
    CheckPrelu(t, {2, 3, 4, 5}, {3});
    CheckPrelu(t, {4, 6}, {6});
    CheckPrelu(t, {0, 3, 2}, {3});
    CheckPrelu(t, {2, 3, 30001}, {3});  // split over threads mid-channel
  }
}

TEST(ElementwiseMisc, PReluSharesASingleWeight) {
  for (DType t : kFloats) {
    CheckPrelu(t, {7}, {1});
    CheckPrelu(t, {}, {});
    CheckPrelu(t, {2, 3, 4}, {});
    CheckPrelu(t, {2, 3, 4}, {1});
  }
}

TEST(ElementwiseMisc, PReluWeightWithAWrongCountIsRejected) {
  EXPECT_EQ(InferError("PRelu", {{DType::kFloat32, {2, 3, 4}}, {DType::kFloat32, {4}}}),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(InferError("PRelu", {{DType::kFloat32, {5}}, {DType::kFloat32, {5}}}), ACL_ERROR_OP_INPUT_NOT_MATCH);
}

TEST(ElementwiseMisc, PReluRejectsMixedAndIntegerTypes) {
  EXPECT_EQ(InferError("PRelu", {{DType::kFloat32, {2, 3}}, {DType::kFloat16, {3}}}), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(InferError("PRelu", {{DType::kInt32, {2, 3}}, {DType::kInt32, {3}}}), ACL_ERROR_UNSUPPORTED_DATA_TYPE);
}

// ---- Select ---------------------------------------------------------------------------------------

// Checks Select with a condition of `cond_shape` over x1/x2 of `shape`, for every type.
void CheckSelect(const Shape& cond_shape, const Shape& shape) {
  for (DType t : kEveryType) {
    HostTensor cond(DType::kBool, cond_shape), a(t, shape), b(t, shape);
    cond.FillRandom(6, 0, 1);
    Fill(a, 7);
    Fill(b, 8);
    auto out = RunOp("Select", {&cond, &a, &b}, {}, Threads());
    ASSERT_EQ(out[0].spec().shape, shape);
    ASSERT_EQ(out[0].spec().dtype, t);
    const int64_t rows = shape.empty() ? 1 : shape[0];
    const int64_t per_row = rows == 0 ? 0 : a.size() / rows;
    for (int64_t i = 0; i < a.size(); ++i) {
      const int64_t c = cond_shape.empty() ? 0 : (cond_shape == shape ? i : i / per_row);
      ASSERT_EQ(out[0].Get(i), cond.Get(c) != 0 ? a.Get(i) : b.Get(i))
          << Name(t) << " condition " << ToString(cond_shape) << " x " << ToString(shape) << " at " << i;
    }
  }
}

TEST(ElementwiseMisc, SelectWithAConditionOfTheSameShape) {
  CheckSelect({2, 3, 4}, {2, 3, 4});
  CheckSelect({7}, {7});
  CheckSelect({3, 40000}, {3, 40000});
}

TEST(ElementwiseMisc, SelectWithAScalarCondition) {
  CheckSelect({}, {2, 3, 5});
  CheckSelect({}, {});
}

TEST(ElementwiseMisc, SelectWithOneConditionPerRow) {
  CheckSelect({2}, {2, 3, 4});
  CheckSelect({70001}, {70001, 2});
  CheckSelect({0}, {0, 3});
}

TEST(ElementwiseMisc, SelectRejectsAConditionThatFitsNoRule) {
  EXPECT_EQ(InferError("Select", {{DType::kBool, {3}}, {DType::kFloat32, {2, 3}}, {DType::kFloat32, {2, 3}}}),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(InferError("Select", {{DType::kBool, {2, 1}}, {DType::kFloat32, {2, 3}}, {DType::kFloat32, {2, 3}}}),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
}

TEST(ElementwiseMisc, SelectRejectsDifferentShapesOrTypesOfX1AndX2) {
  EXPECT_EQ(InferError("Select", {{DType::kBool, {}}, {DType::kFloat32, {2, 3}}, {DType::kFloat32, {3}}}),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(InferError("Select", {{DType::kBool, {}}, {DType::kFloat32, {3}}, {DType::kInt32, {3}}}),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
}

TEST(ElementwiseMisc, SelectRejectsANonBoolCondition) {
  EXPECT_EQ(InferError("Select", {{DType::kInt32, {3}}, {DType::kFloat32, {3}}, {DType::kFloat32, {3}}}),
            ACL_ERROR_UNSUPPORTED_DATA_TYPE);
}

TEST(ElementwiseMisc, SelectV2BroadcastsAllThreeInputs) {
  struct Case {
    Shape cond, a, b;
  };
  const std::vector<Case> cases = {
      {{2, 1, 4}, {3, 1}, {4}},
      {{}, {5}, {1}},
      {{0, 1}, {1, 3}, {3}},
      {{7}, {7}, {7}},
      {{1, 60000}, {2, 1}, {1}},  // large enough to be split over threads
  };
  for (DType t : kEveryType) {
    for (const Case& c : cases) {
      HostTensor cond(DType::kBool, c.cond), a(t, c.a), b(t, c.b);
      cond.FillRandom(9, 0, 1);
      Fill(a, 10);
      Fill(b, 11);
      auto out = RunOp("SelectV2", {&cond, &a, &b}, {}, Threads());
      const Shape shape = BroadcastShapes("test", {c.cond, c.a, c.b});
      ASSERT_EQ(out[0].spec().shape, shape);
      ASSERT_EQ(out[0].spec().dtype, t);
      for (int64_t i = 0; i < out[0].size(); ++i) {
        const bool take_a = cond.Get(BroadcastOffset(c.cond, shape, i)) != 0;
        const double want = take_a ? a.Get(BroadcastOffset(c.a, shape, i)) : b.Get(BroadcastOffset(c.b, shape, i));
        ASSERT_EQ(out[0].Get(i), want) << Name(t) << " at " << i;
      }
    }
  }
}

TEST(ElementwiseMisc, SelectV2RejectsIncompatibleShapes) {
  EXPECT_EQ(InferError("SelectV2", {{DType::kBool, {3}}, {DType::kFloat32, {4}}, {DType::kFloat32, {1}}}),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
}

TEST(ElementwiseMisc, SelectV2RejectsANonBoolConditionAndMixedTypes) {
  EXPECT_EQ(InferError("SelectV2", {{DType::kFloat32, {3}}, {DType::kFloat32, {3}}, {DType::kFloat32, {3}}}),
            ACL_ERROR_UNSUPPORTED_DATA_TYPE);
  EXPECT_EQ(InferError("SelectV2", {{DType::kBool, {3}}, {DType::kFloat32, {3}}, {DType::kFloat16, {3}}}),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
}

}  // namespace
}  // namespace aclsim::sim
