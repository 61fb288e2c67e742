// The conformance driver's pure parts: test tensors to bytes, the comparison rules, causes.
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "compare.h"
#include "report.h"
#include "tensor_file.h"

namespace conformance {
namespace {

using TP = onnx::TensorProto;

template <typename T>
std::vector<uint8_t> Bytes(std::initializer_list<T> values) {
  std::vector<uint8_t> bytes(values.size() * sizeof(T));
  std::memcpy(bytes.data(), values.begin(), bytes.size());
  return bytes;
}

TP Proto(int32_t type, std::vector<int64_t> dims) {
  TP proto;
  proto.set_data_type(type);
  for (const int64_t d : dims) proto.add_dims(d);
  return proto;
}

TP WithRaw(TP proto, const std::vector<uint8_t>& bytes) {
  proto.set_raw_data(std::string(bytes.begin(), bytes.end()));
  return proto;
}

// ---- tensors --------------------------------------------------------------------------------

TEST(TensorFile, FloatFromTypedFieldAndRawDataGiveTheSameBytes) {
  TP typed = Proto(TP::FLOAT, {2});
  typed.add_float_data(1.5f);
  typed.add_float_data(-2.0f);
  const auto expected = Bytes<float>({1.5f, -2.0f});
  EXPECT_EQ(FromProto(typed).bytes, expected);
  EXPECT_EQ(FromProto(WithRaw(Proto(TP::FLOAT, {2}), expected)).bytes, expected);
}

TEST(TensorFile, DoubleAndComplexUseDoubleAndFloatPairs) {
  TP d = Proto(TP::DOUBLE, {1});
  d.add_double_data(0.25);
  EXPECT_EQ(FromProto(d).bytes, Bytes<double>({0.25}));
  TP c64 = Proto(TP::COMPLEX64, {1});
  c64.add_float_data(1.0f);
  c64.add_float_data(-1.0f);
  EXPECT_EQ(FromProto(c64).bytes, Bytes<float>({1.0f, -1.0f}));
  TP c128 = Proto(TP::COMPLEX128, {1});
  c128.add_double_data(3.0);
  c128.add_double_data(4.0);
  EXPECT_EQ(FromProto(c128).bytes, Bytes<double>({3.0, 4.0}));
}

TEST(TensorFile, NarrowIntegersAreNarrowedFromInt32Data) {
  TP i8 = Proto(TP::INT8, {2});
  i8.add_int32_data(-128);
  i8.add_int32_data(127);
  EXPECT_EQ(FromProto(i8).bytes, Bytes<int8_t>({-128, 127}));
  TP u8 = Proto(TP::UINT8, {1});
  u8.add_int32_data(255);
  EXPECT_EQ(FromProto(u8).bytes, Bytes<uint8_t>({255}));
  TP i16 = Proto(TP::INT16, {1});
  i16.add_int32_data(-30000);
  EXPECT_EQ(FromProto(i16).bytes, Bytes<int16_t>({-30000}));
  TP u16 = Proto(TP::UINT16, {1});
  u16.add_int32_data(65535);
  EXPECT_EQ(FromProto(u16).bytes, Bytes<uint16_t>({65535}));
  TP i32 = Proto(TP::INT32, {1});
  i32.add_int32_data(-7);
  EXPECT_EQ(FromProto(i32).bytes, Bytes<int32_t>({-7}));
}

TEST(TensorFile, WideIntegersComeFromInt64AndUint64Data) {
  TP i64 = Proto(TP::INT64, {1});
  i64.add_int64_data(-(int64_t{1} << 40));
  EXPECT_EQ(FromProto(i64).bytes, Bytes<int64_t>({-(int64_t{1} << 40)}));
  TP u32 = Proto(TP::UINT32, {1});
  u32.add_uint64_data(4000000000u);
  EXPECT_EQ(FromProto(u32).bytes, Bytes<uint32_t>({4000000000u}));
  TP u64 = Proto(TP::UINT64, {1});
  u64.add_uint64_data(std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(FromProto(u64).bytes, Bytes<uint64_t>({std::numeric_limits<uint64_t>::max()}));
}

TEST(TensorFile, HalfAndBfloat16BitPatternsComeFromInt32Data) {
  TP half = Proto(TP::FLOAT16, {2});
  half.add_int32_data(0x3c00);  // 1.0
  half.add_int32_data(0xc000);  // -2.0
  EXPECT_EQ(FromProto(half).bytes, Bytes<uint16_t>({0x3c00, 0xc000}));
  TP bf = Proto(TP::BFLOAT16, {1});
  bf.add_int32_data(0x3f80);
  EXPECT_EQ(FromProto(bf).bytes, Bytes<uint16_t>({0x3f80}));
  EXPECT_EQ(FromProto(WithRaw(Proto(TP::FLOAT16, {1}), Bytes<uint16_t>({0x7bff}))).bytes, Bytes<uint16_t>({0x7bff}));
}

TEST(TensorFile, BoolIsOneByteZeroOrOneFromEitherField) {
  TP typed = Proto(TP::BOOL, {3});
  typed.add_int32_data(1);
  typed.add_int32_data(0);
  typed.add_int32_data(1);
  EXPECT_EQ(FromProto(typed).bytes, Bytes<uint8_t>({1, 0, 1}));
  EXPECT_EQ(FromProto(WithRaw(Proto(TP::BOOL, {3}), Bytes<uint8_t>({1, 0, 1}))).bytes, Bytes<uint8_t>({1, 0, 1}));
}

TEST(TensorFile, ScalarAndEmptyTensorsHaveOneAndZeroElements) {
  TP scalar = Proto(TP::INT64, {});
  scalar.add_int64_data(5);
  const HostTensor s = FromProto(scalar);
  EXPECT_TRUE(s.dims.empty());
  EXPECT_EQ(s.bytes.size(), 8u);
  const HostTensor empty = FromProto(Proto(TP::FLOAT, {3, 0}));
  EXPECT_EQ(empty.dims, (std::vector<int64_t>{3, 0}));
  EXPECT_TRUE(empty.bytes.empty());
}

TEST(TensorFile, DataThatDisagreesWithTheDimsIsRejected) {
  TP proto = Proto(TP::FLOAT, {3});
  proto.add_float_data(1.0f);
  EXPECT_THROW(FromProto(proto), std::runtime_error);
  EXPECT_THROW(FromProto(WithRaw(Proto(TP::INT32, {2}), Bytes<int32_t>({1}))), std::runtime_error);
}

TEST(TensorFile, StringAndExternalTensorsAreRejected) {
  TP text = Proto(TP::STRING, {1});
  text.add_string_data("a");
  EXPECT_THROW(FromProto(text), std::runtime_error);
  TP external = Proto(TP::FLOAT, {1});
  external.set_data_location(TP::EXTERNAL);
  EXPECT_THROW(FromProto(external), std::runtime_error);
}

TEST(TensorFile, TypesMapToTheirAclDataTypes) {
  EXPECT_EQ(OnnxToAclType(TP::FLOAT), ACL_FLOAT);
  EXPECT_EQ(OnnxToAclType(TP::FLOAT16), ACL_FLOAT16);
  EXPECT_EQ(OnnxToAclType(TP::BFLOAT16), ACL_BF16);
  EXPECT_EQ(OnnxToAclType(TP::BOOL), ACL_BOOL);
  EXPECT_EQ(OnnxToAclType(TP::UINT64), ACL_UINT64);
  EXPECT_EQ(OnnxToAclType(TP::UNDEFINED), ACL_DT_UNDEFINED);
}

// The suites' own files: test_abs holds a float input and its absolute value.
TEST(TensorFile, ReadsTheSuitesFiles) {
  const std::string dir = "/usr/share/libonnx-testdata/data/node/test_abs/test_data_set_0/";
  const HostTensor in = ReadTensorFile(dir + "input_0.pb");
  const HostTensor out = ReadTensorFile(dir + "output_0.pb");
  EXPECT_EQ(in.onnx_type, TP::FLOAT);
  EXPECT_EQ(in.dims, (std::vector<int64_t>{3, 4, 5}));
  ASSERT_EQ(in.bytes.size(), 60 * sizeof(float));
  ASSERT_EQ(out.bytes.size(), in.bytes.size());
  std::vector<float> x(60), y(60);
  std::memcpy(x.data(), in.bytes.data(), in.bytes.size());
  std::memcpy(y.data(), out.bytes.data(), out.bytes.size());
  for (size_t i = 0; i < 60; ++i) EXPECT_EQ(y[i], std::fabs(x[i])) << i;
  EXPECT_THROW(ReadTensorFile(dir + "missing.pb"), std::runtime_error);
}

// ---- comparison -----------------------------------------------------------------------------

TEST(Compare, FloatWithinRtolPlusAtolIsEqualJustOutsideIsNot) {
  const float expected[] = {100.0f, 0.0f};
  const float close[] = {100.09f, 5e-8f};
  const float far[] = {100.2f, 0.0f};
  EXPECT_TRUE(CompareValues(TP::FLOAT, close, expected, 2).equal());
  const Comparison c = CompareValues(TP::FLOAT, far, expected, 2);
  EXPECT_EQ(c.mismatches, 1u);
  EXPECT_EQ(c.first_mismatch, 0u);
  EXPECT_NEAR(c.max_abs_err, 0.2, 1e-5);
  const float tiny_expected[] = {0.0f};
  const float tiny_off[] = {1e-6f};
  EXPECT_FALSE(CompareValues(TP::FLOAT, tiny_off, tiny_expected, 1).equal());  // atol is 1e-7
}

TEST(Compare, NanEqualsNanAndNothingElse) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_TRUE(Close(nan, nan, ToleranceFor(TP::DOUBLE)));
  EXPECT_FALSE(Close(nan, 1.0, ToleranceFor(TP::DOUBLE)));
  EXPECT_FALSE(Close(1.0, nan, ToleranceFor(TP::DOUBLE)));
  const double expected[] = {nan, 1.0};
  const double actual[] = {nan, nan};
  const Comparison c = CompareValues(TP::DOUBLE, actual, expected, 2);
  EXPECT_EQ(c.mismatches, 1u);
  EXPECT_EQ(c.first_mismatch, 1u);
  EXPECT_TRUE(std::isinf(c.max_abs_err));
}

TEST(Compare, InfinitiesEqualOnlyThemselves) {
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_TRUE(Close(inf, inf, ToleranceFor(TP::FLOAT)));
  EXPECT_FALSE(Close(-inf, inf, ToleranceFor(TP::FLOAT)));
  EXPECT_FALSE(Close(1e38, inf, ToleranceFor(TP::FLOAT)));
}

TEST(Compare, HalfUsesRelaxedAtolOnDecodedValues) {
  EXPECT_EQ(HalfToFloat(0x3c00), 1.0f);
  EXPECT_EQ(HalfToFloat(0xc000), -2.0f);
  EXPECT_EQ(HalfToFloat(0x7bff), 65504.0f);
  EXPECT_EQ(HalfToFloat(0x0001), std::ldexp(1.0f, -24));
  EXPECT_TRUE(std::isinf(HalfToFloat(0x7c00)));
  EXPECT_TRUE(std::isnan(HalfToFloat(0x7e00)));
  EXPECT_EQ(Bfloat16ToFloat(0x3f80), 1.0f);
  EXPECT_EQ(Bfloat16ToFloat(0xc040), -3.0f);
  // 0x1400 is 2^-10 ~ 0.000977: within atol 1e-3 of 0 for float16, not for float32.
  const uint16_t expected[] = {0x0000};
  const uint16_t actual[] = {0x1400};
  EXPECT_TRUE(CompareValues(TP::FLOAT16, actual, expected, 1).equal());
  const uint16_t off[] = {0x1c00};  // 2^-8
  EXPECT_FALSE(CompareValues(TP::FLOAT16, off, expected, 1).equal());
  EXPECT_EQ(ToleranceFor(TP::FLOAT).atol, 1e-7);
  EXPECT_EQ(ToleranceFor(TP::FLOAT16).atol, 1e-3);
}

TEST(Compare, IntegersAndBoolsAreExact) {
  const int64_t a[] = {1, 2, 3};
  const int64_t e[] = {1, 2, 4};
  const Comparison c = CompareValues(TP::INT64, a, e, 3);
  EXPECT_EQ(c.mismatches, 1u);
  EXPECT_EQ(c.first_mismatch, 2u);
  EXPECT_EQ(c.max_abs_err, 1.0);
  EXPECT_TRUE(CompareValues(TP::INT64, a, a, 3).equal());
  const uint8_t b1[] = {1, 0};
  const uint8_t b2[] = {1, 1};
  EXPECT_FALSE(CompareValues(TP::BOOL, b1, b2, 2).equal());
  const uint8_t b3[] = {2, 0};  // any non-zero byte is true
  EXPECT_TRUE(CompareValues(TP::BOOL, b3, b1, 2).equal());
}

TEST(Compare, ComplexComparesBothParts) {
  const float e[] = {1.0f, 2.0f};
  const float a[] = {1.0f, 2.5f};
  const Comparison c = CompareValues(TP::COMPLEX64, a, e, 1);
  EXPECT_EQ(c.mismatches, 1u);
  EXPECT_EQ(c.first_mismatch, 1u);
}

TEST(Compare, DescribeNamesTheErrorAndTheFirstMismatch) {
  const float e[] = {1.0f, 1.0f};
  const float a[] = {1.0f, 1.5f};
  EXPECT_EQ(CompareValues(TP::FLOAT, a, e, 2).Describe(2), "max abs err 0.5, 1 of 2 values differ, first at 1 (got 1.5, expected 1)");
}

// ---- causes ---------------------------------------------------------------------------------

TEST(Causes, AtcCauseStripsThePrefixQuotedNamesAndPaths) {
  Specifics s;
  s.names = {"node_17", "X", "test_loop"};
  s.replace = {{"/tmp/w/node.test_loop", "<output>"}};
  EXPECT_EQ(AtcCause("ATC run failed (error 207000): unsupported ONNX operator Loop (node 'node_17')\nusage...\n", s),
            "atc: unsupported ONNX operator Loop (node '…')");
  EXPECT_EQ(AtcCause("ATC run failed: cannot write /tmp/w/node.test_loop.om\n", s), "atc: cannot write <output>.om");
  EXPECT_EQ(AtcCause("[warn] something\nATC run failed: input \"X\" has shape [1, 3, 224, 224]\n", s),
            "atc: input \"…\" has shape […]");
}

TEST(Causes, SameProblemOnDifferentNodesGivesOneCause) {
  Specifics a;
  a.names = {"conv_1", "onnx::Conv_5"};
  Specifics b;
  b.names = {"conv_99", "onnx::Conv_12"};
  EXPECT_EQ(Normalize("Conv conv_1: input onnx::Conv_5 has rank 5", a),
            Normalize("Conv conv_99: input onnx::Conv_12 has rank 5", b));
  EXPECT_EQ(Normalize("Conv conv_1: input onnx::Conv_5 has rank 5", a), "Conv …: input … has rank 5");
}

TEST(Causes, NodeReferencesBecomeTheOperatorType) {
  Specifics s;
  s.names = {"loop_3"};
  EXPECT_EQ(AtcCause("ATC run failed: node 8 \"\" (Loop): op Loop is not supported\n", s),
            AtcCause("ATC run failed: node 0 \"loop_3\" (Loop): op Loop is not supported\n", s));
  EXPECT_EQ(AtcCause("ATC run failed: node 8 \"\" (Loop): op Loop is not supported\n", s),
            "atc: Loop: op Loop is not supported");
}

TEST(Causes, WordsAndNumbersThatAreNotGeneratedNamesStay) {
  Specifics s;
  s.names = {"x", "2", "Loop"};
  EXPECT_EQ(Normalize("  unsupported   x rank 2 Loop  ", s), "unsupported x rank 2 Loop");
}

TEST(Causes, AtcWithoutAnErrorLineUsesTheFirstLineAndNeverReturnsEmpty) {
  EXPECT_EQ(AtcCause("\n  something broke\nmore\n", {}), "atc: something broke");
  EXPECT_EQ(AtcCause("", {}), "atc: failed without a message");
}

TEST(Causes, SummarizeGroupsByCauseMostCasesFirst) {
  const std::vector<CaseResult> results = {
      {"node", "test_b", false, "load: x", "d1"}, {"node", "test_a", false, "load: x", "d2"},
      {"node", "test_c", true, "", ""},           {"node", "test_d", false, "atc: y", ""},
      {"simple", "test_e", true, "", ""},
  };
  const auto summaries = Summarize(results, {"node", "simple", "pytorch-operator"});
  ASSERT_EQ(summaries.size(), 3u);
  EXPECT_EQ(summaries[0].total, 4u);
  EXPECT_EQ(summaries[0].passing, (std::vector<std::string>{"test_c"}));
  ASSERT_EQ(summaries[0].causes.size(), 2u);
  EXPECT_EQ(summaries[0].causes[0].first, "load: x");
  EXPECT_EQ(summaries[0].causes[0].second, (std::vector<std::string>{"test_a", "test_b"}));
  EXPECT_EQ(summaries[0].causes[1].first, "atc: y");
  EXPECT_DOUBLE_EQ(summaries[0].rate(), 0.25);
  EXPECT_FALSE(summaries[0].target_met());
  EXPECT_TRUE(summaries[1].target_met());  // simple has no target
  EXPECT_EQ(summaries[2].total, 0u);
}

TEST(Causes, MarkdownHasTheTableTheGroupsAndThePassingCases) {
  const std::vector<CaseResult> results = {
      {"node", "test_a", false, "load: x", ""}, {"node", "test_b", true, "", ""}, {"node", "test_c", true, "", ""}};
  const std::string md = RenderMarkdown(Summarize(results, {"node"}), "");
  EXPECT_NE(md.find("do not edit"), std::string::npos);
  EXPECT_NE(md.find("| node | 2 | 3 | 66.7% | 60.0% (met) |"), std::string::npos);
  EXPECT_NE(md.find("- `load: x` (1): test_a\n"), std::string::npos);
  EXPECT_NE(md.find("### Passing (2)\n\ntest_b, test_c\n"), std::string::npos);
  EXPECT_EQ(md.find("Partial run"), std::string::npos);
  EXPECT_NE(RenderMarkdown(Summarize(results, {"node"}), "suites node").find("**Partial run:** suites node"),
            std::string::npos);
}

}  // namespace
}  // namespace conformance
