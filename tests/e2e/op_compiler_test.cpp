// Online compilation (acl_op_compiler.h): aclopCompile registers a model without any file, so
// aclopExecuteV2 runs it; aclopCompileAndExecute(V2) does both; the compile options, the compile
// flag and the op-model cache size, with their documented errors.
#include "e2e_util.h"

namespace aclsim_e2e {
namespace {

class OpCompilerTest : public E2eTest {
 protected:
  void TearDown() override {
    EXPECT_EQ(aclopSetCompileFlag(ACL_OP_COMPILE_DEFAULT), ACL_SUCCESS);
    E2eTest::TearDown();
  }
};

TEST_F(OpCompilerTest, CompileThenExecuteV2RunsWithoutAnyModelFile) {
  Desc a_desc(ACL_INT32, {2, 2}), b_desc(ACL_INT32, {2, 2}), y_desc(ACL_INT32, {2, 2});
  const aclTensorDesc* compile_in[] = {a_desc.get(), b_desc.get()};
  const aclTensorDesc* compile_out[] = {y_desc.get()};
  ASSERT_EQ(aclopCompile("Mul", 2, compile_in, 1, compile_out, nullptr, ACL_ENGINE_SYS, ACL_COMPILE_SYS, nullptr),
            ACL_SUCCESS)
      << RecentErrMsg();
  EXPECT_TRUE(OmFiles(dir_.path()).empty());
  const std::vector<int32_t> a = {1, 2, 3, 4}, b = {5, 6, 7, 8};
  DeviceBuffer da(a), db(b), dy(4 * sizeof(int32_t));
  aclTensorDesc* inputs_desc[] = {a_desc.get(), b_desc.get()};
  aclDataBuffer* inputs[] = {da.buffer(), db.buffer()};
  aclTensorDesc* outputs_desc[] = {y_desc.get()};
  aclDataBuffer* outputs[] = {dy.buffer()};
  ASSERT_EQ(aclopExecuteV2("Mul", 2, inputs_desc, inputs, 1, outputs_desc, outputs, nullptr, stream_), ACL_SUCCESS)
      << RecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(dy.Read<int32_t>(), (std::vector<int32_t>{5, 12, 21, 32}));
}

TEST_F(OpCompilerTest, CompileAndExecuteV2ComputesAndUpdatesADynamicOutputDesc) {
  Desc a_desc(ACL_INT32, {3}), b_desc(ACL_INT32, {2, 1}), y_desc(ACL_INT32, {-1, -1});
  const std::vector<int32_t> a = {1, 2, 3}, b = {10, 100};
  DeviceBuffer da(a), db(b), dy(6 * sizeof(int32_t));
  aclTensorDesc* inputs_desc[] = {a_desc.get(), b_desc.get()};
  aclDataBuffer* inputs[] = {da.buffer(), db.buffer()};
  aclTensorDesc* outputs_desc[] = {y_desc.get()};
  aclDataBuffer* outputs[] = {dy.buffer()};
  ASSERT_EQ(aclopCompileAndExecuteV2("Add", 2, inputs_desc, inputs, 1, outputs_desc, outputs, nullptr,
                                     ACL_ENGINE_SYS, ACL_COMPILE_SYS, nullptr, stream_),
            ACL_SUCCESS)
      << RecentErrMsg();
  EXPECT_EQ(y_desc.dims(), (std::vector<int64_t>{2, 3}));
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(dy.Read<int32_t>(), (std::vector<int32_t>{11, 12, 13, 101, 102, 103}));
}

TEST_F(OpCompilerTest, CompileAndExecuteRunsACastWithItsAttribute) {
  Desc x_desc(ACL_INT32, {3}), y_desc(ACL_FLOAT16, {3});
  Attr attr;
  ASSERT_EQ(aclopSetAttrInt(attr.get(), "dst_type", ACL_FLOAT16), ACL_SUCCESS);
  const std::vector<int32_t> x = {1, -2, 2049};
  DeviceBuffer dx(x), dy(3 * sizeof(aclFloat16));
  const aclTensorDesc* inputs_desc[] = {x_desc.get()};
  const aclDataBuffer* inputs[] = {dx.buffer()};
  const aclTensorDesc* outputs_desc[] = {y_desc.get()};
  aclDataBuffer* outputs[] = {dy.buffer()};
  ASSERT_EQ(aclopCompileAndExecute("Cast", 1, inputs_desc, inputs, 1, outputs_desc, outputs, attr.get(),
                                   ACL_ENGINE_AICORE, ACL_COMPILE_SYS, nullptr, stream_),
            ACL_SUCCESS)
      << RecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(Bytes(dy.Read<aclFloat16>()), Bytes(ToHalf({1.0f, -2.0f, 2048.0f})));  // 2049 rounds to even
}

TEST_F(OpCompilerTest, CompileRejectsAnUnknownAttributeAndRegistersNothing) {
  Desc a_desc(ACL_FLOAT, {8}), y_desc(ACL_FLOAT, {8});
  Attr attr;
  ASSERT_EQ(aclopSetAttrFloat(attr.get(), "scale", 2.0f), ACL_SUCCESS);
  const aclTensorDesc* in[] = {a_desc.get(), a_desc.get()};
  const aclTensorDesc* out[] = {y_desc.get()};
  EXPECT_EQ(aclopCompile("Add", 2, in, 1, out, attr.get(), ACL_ENGINE_SYS, ACL_COMPILE_SYS, nullptr),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_NE(RecentErrMsg().find("\"scale\" is not an attribute of Add"), std::string::npos);
  aclopHandle* handle = nullptr;
  EXPECT_EQ(aclopCreateHandle("Add", 2, in, 1, out, attr.get(), &handle), ACL_ERROR_OP_NOT_FOUND);
}

TEST_F(OpCompilerTest, CompileRejectsShapesTheShapeFunctionRejects) {
  Desc a_desc(ACL_FLOAT, {2, 3}), b_desc(ACL_FLOAT, {4, 3}), y_desc(ACL_FLOAT, {2, 4});
  const aclTensorDesc* in[] = {a_desc.get(), b_desc.get()};
  const aclTensorDesc* out[] = {y_desc.get()};
  EXPECT_EQ(aclopCompile("MatMul", 2, in, 1, out, nullptr, ACL_ENGINE_SYS, ACL_COMPILE_SYS, nullptr),
            ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_NE(RecentErrMsg().find("inner dims differ"), std::string::npos);
}

TEST_F(OpCompilerTest, CompileRejectsAnUnknownOperatorType) {
  Desc a_desc(ACL_FLOAT, {2}), y_desc(ACL_FLOAT, {2});
  const aclTensorDesc* in[] = {a_desc.get()};
  const aclTensorDesc* out[] = {y_desc.get()};
  EXPECT_EQ(aclopCompile("NoSuchOperator", 1, in, 1, out, nullptr, ACL_ENGINE_SYS, ACL_COMPILE_SYS, nullptr),
            ACL_ERROR_OP_TYPE_NOT_MATCH);
  EXPECT_NE(RecentErrMsg().find("\"NoSuchOperator\""), std::string::npos);
}

TEST_F(OpCompilerTest, CompileFlagOutsideTheEnumIsApiNotSupport) {
  Desc a_desc(ACL_FLOAT, {2}), y_desc(ACL_FLOAT, {2});
  const aclTensorDesc* in[] = {a_desc.get()};
  const aclTensorDesc* out[] = {y_desc.get()};
  EXPECT_EQ(aclopCompile("Relu", 1, in, 1, out, nullptr, ACL_ENGINE_SYS, static_cast<aclopCompileType>(3), nullptr),
            ACL_ERROR_API_NOT_SUPPORT);
}

TEST_F(OpCompilerTest, CompileUnregisteredWithoutOpPathIsInvalidParam) {
  Desc a_desc(ACL_FLOAT, {2}), y_desc(ACL_FLOAT, {2});
  const aclTensorDesc* in[] = {a_desc.get()};
  const aclTensorDesc* out[] = {y_desc.get()};
  EXPECT_EQ(aclopCompile("Relu", 1, in, 1, out, nullptr, ACL_ENGINE_SYS, ACL_COMPILE_UNREGISTERED, nullptr),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("opPath"), std::string::npos);
}

TEST_F(OpCompilerTest, CompileUnregisteredFromOperatorSourcesIsUnsupported) {
  Desc a_desc(ACL_FLOAT, {2}), y_desc(ACL_FLOAT, {2});
  const aclTensorDesc* in[] = {a_desc.get()};
  const aclTensorDesc* out[] = {y_desc.get()};
  EXPECT_EQ(aclopCompile("Relu", 1, in, 1, out, nullptr, ACL_ENGINE_SYS, ACL_COMPILE_UNREGISTERED, "/opp/custom"),
            ACL_ERROR_FEATURE_UNSUPPORTED);
}

TEST_F(OpCompilerTest, CompileOfHostPlacedInputIsApiNotSupport) {
  Desc a_desc(ACL_FLOAT, {2}), y_desc(ACL_FLOAT, {2});
  ASSERT_EQ(aclSetTensorPlaceMent(a_desc.get(), ACL_MEMTYPE_HOST), ACL_SUCCESS);
  const aclTensorDesc* in[] = {a_desc.get()};
  const aclTensorDesc* out[] = {y_desc.get()};
  EXPECT_EQ(aclopCompile("Relu", 1, in, 1, out, nullptr, ACL_ENGINE_SYS, ACL_COMPILE_SYS, nullptr),
            ACL_ERROR_API_NOT_SUPPORT);
}

TEST_F(OpCompilerTest, FuzzyCompilationServesOtherShapesOfTheSameRank) {
  ASSERT_EQ(aclopSetCompileFlag(ACL_OP_COMPILE_FUZZ), ACL_SUCCESS);
  Desc small_a(ACL_INT32, {1, 2}), small_y(ACL_INT32, {1, 2});
  const aclTensorDesc* in[] = {small_a.get(), small_a.get()};
  const aclTensorDesc* out[] = {small_y.get()};
  ASSERT_EQ(aclopCompile("Maximum", 2, in, 1, out, nullptr, ACL_ENGINE_SYS, ACL_COMPILE_SYS, nullptr), ACL_SUCCESS)
      << RecentErrMsg();
  const std::vector<int32_t> a = {1, 9, 3, 7, 5, 5}, b = {4, 2, 6, 8, 0, 10};
  DeviceBuffer da(a), db(b), dy(6 * sizeof(int32_t));
  Desc a_desc(ACL_INT32, {3, 2}), b_desc(ACL_INT32, {3, 2}), y_desc(ACL_INT32, {3, 2});
  aclTensorDesc* inputs_desc[] = {a_desc.get(), b_desc.get()};
  aclDataBuffer* inputs[] = {da.buffer(), db.buffer()};
  aclTensorDesc* outputs_desc[] = {y_desc.get()};
  aclDataBuffer* outputs[] = {dy.buffer()};
  ASSERT_EQ(aclopExecuteV2("Maximum", 2, inputs_desc, inputs, 1, outputs_desc, outputs, nullptr, stream_), ACL_SUCCESS)
      << RecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(dy.Read<int32_t>(), (std::vector<int32_t>{4, 9, 6, 8, 5, 10}));
}

TEST_F(OpCompilerTest, ExactCompilationServesOnlyTheCompiledShape) {
  Desc small_a(ACL_INT32, {1, 3}), small_y(ACL_INT32, {1, 3});
  const aclTensorDesc* in[] = {small_a.get(), small_a.get()};
  const aclTensorDesc* out[] = {small_y.get()};
  ASSERT_EQ(aclopCompile("Minimum", 2, in, 1, out, nullptr, ACL_ENGINE_SYS, ACL_COMPILE_SYS, nullptr), ACL_SUCCESS);
  Desc a_desc(ACL_INT32, {2, 3}), y_desc(ACL_INT32, {2, 3});
  const aclTensorDesc* other_in[] = {a_desc.get(), a_desc.get()};
  const aclTensorDesc* other_out[] = {y_desc.get()};
  aclopHandle* handle = nullptr;
  EXPECT_EQ(aclopCreateHandle("Minimum", 2, other_in, 1, other_out, nullptr, &handle), ACL_ERROR_OP_NOT_FOUND);
}

TEST_F(OpCompilerTest, SetCompileFlagOutsideTheEnumIsInvalidParam) {
  EXPECT_EQ(aclopSetCompileFlag(static_cast<aclOpCompileFlag>(7)), ACL_ERROR_INVALID_PARAM);
}

class CompileOptionTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS); }
  void TearDown() override { EXPECT_EQ(aclFinalize(), ACL_SUCCESS); }

  std::string Get(aclCompileOpt opt) {
    const size_t size = aclGetCompileoptSize(opt);
    std::vector<char> value(size + 1, 'x');
    EXPECT_EQ(aclGetCompileopt(opt, value.data(), value.size()), ACL_SUCCESS) << RecentErrMsg();
    return std::string(value.data());
  }
};

TEST_F(CompileOptionTest, PrecisionModeDefaultsToAllowFp32ToFp16) {
  EXPECT_EQ(aclGetCompileoptSize(ACL_PRECISION_MODE), std::string("allow_fp32_to_fp16").size() + 1);
  EXPECT_EQ(Get(ACL_PRECISION_MODE), "allow_fp32_to_fp16");
}

TEST_F(CompileOptionTest, SetValueIsReturnedWithItsSize) {
  ASSERT_EQ(aclSetCompileopt(ACL_OP_COMPILER_CACHE_DIR, "/tmp/kernel_cache"), ACL_SUCCESS);
  EXPECT_EQ(aclGetCompileoptSize(ACL_OP_COMPILER_CACHE_DIR), 18u);
  EXPECT_EQ(Get(ACL_OP_COMPILER_CACHE_DIR), "/tmp/kernel_cache");
}

TEST_F(CompileOptionTest, OptionWithoutADefaultHasSizeZeroAndReadsAsNothing) {
  EXPECT_EQ(aclGetCompileoptSize(ACL_OP_DEBUG_OPTION), 0u);
  char value[4] = "abc";
  EXPECT_EQ(aclGetCompileopt(ACL_OP_DEBUG_OPTION, value, 0), ACL_SUCCESS);
  EXPECT_STREQ(value, "abc");
  EXPECT_EQ(aclGetCompileopt(ACL_OP_DEBUG_OPTION, value, sizeof value), ACL_SUCCESS);
  EXPECT_STREQ(value, "");
}

TEST_F(CompileOptionTest, JitCompileReadsAnythingButEnableAsDisable) {
  ASSERT_EQ(aclSetCompileopt(ACL_OP_JIT_COMPILE, "yes"), ACL_SUCCESS);
  EXPECT_EQ(Get(ACL_OP_JIT_COMPILE), "disable");
  ASSERT_EQ(aclSetCompileopt(ACL_OP_JIT_COMPILE, "enable"), ACL_SUCCESS);
  EXPECT_EQ(Get(ACL_OP_JIT_COMPILE), "enable");
}

TEST_F(CompileOptionTest, UnknownOptionIsInvalidParam) {
  EXPECT_EQ(aclSetCompileopt(static_cast<aclCompileOpt>(99), "1"), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentErrMsg().find("opt 99 is not a compile option"), std::string::npos);
  EXPECT_EQ(aclGetCompileoptSize(static_cast<aclCompileOpt>(99)), 0u);
}

TEST_F(CompileOptionTest, AutoTuneModeIsNoLongerSupported) {
  EXPECT_EQ(aclSetCompileopt(ACL_AUTO_TUNE_MODE, "GA"), ACL_ERROR_FEATURE_UNSUPPORTED);
}

TEST_F(CompileOptionTest, NullValueIsInvalidParam) {
  EXPECT_EQ(aclSetCompileopt(ACL_PRECISION_MODE, nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST_F(CompileOptionTest, GetIntoATooShortBufferIsInvalidParamAndWritesNothing) {
  ASSERT_EQ(aclSetCompileopt(ACL_OP_PRECISION_MODE, "high_precision"), ACL_SUCCESS);
  char value[8] = "unset";
  EXPECT_EQ(aclGetCompileopt(ACL_OP_PRECISION_MODE, value, sizeof value), ACL_ERROR_INVALID_PARAM);
  EXPECT_STREQ(value, "unset");
}

TEST_F(CompileOptionTest, SetMaxOpQueueNumTakesAPositiveCount) {
  EXPECT_EQ(aclopSetMaxOpQueueNum(0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetMaxOpQueueNum(100), ACL_SUCCESS);
  EXPECT_EQ(aclopSetMaxOpQueueNum(20000), ACL_SUCCESS);
}

}  // namespace
}  // namespace aclsim_e2e

namespace aclsim_e2e {
namespace {

// An optional input left out in the middle (CANN's ACL_DT_UNDEFINED desc with a null buffer):
// Resize(x, roi left out, scales) doubles a 2x2 image by nearest neighbour.
TEST_F(OpCompilerTest, AnOptionalInputLeftOutWithAnUndefinedDescIsSkipped) {
  Desc x_desc(ACL_FLOAT, {1, 1, 2, 2}), scales_desc(ACL_FLOAT, {4}), y_desc(ACL_FLOAT, {1, 1, 4, 4});
  aclTensorDesc* roi_desc = aclCreateTensorDesc(ACL_DT_UNDEFINED, 0, nullptr, ACL_FORMAT_UNDEFINED);
  ASSERT_NE(roi_desc, nullptr) << RecentErrMsg();
  std::vector<float> scales = {1, 1, 2, 2};
  ASSERT_EQ(aclSetTensorConst(scales_desc.get(), scales.data(), scales.size() * sizeof(float)), ACL_SUCCESS);
  const std::vector<float> x = {1, 2, 3, 4};
  DeviceBuffer dx(x), dscales(scales), dy(16 * sizeof(float));
  aclTensorDesc* inputs_desc[] = {x_desc.get(), roi_desc, scales_desc.get()};
  aclDataBuffer* inputs[] = {dx.buffer(), nullptr, dscales.buffer()};
  aclTensorDesc* outputs_desc[] = {y_desc.get()};
  aclDataBuffer* outputs[] = {dy.buffer()};
  ASSERT_EQ(aclopCompileAndExecuteV2("Resize", 3, inputs_desc, inputs, 1, outputs_desc, outputs, nullptr,
                                     ACL_ENGINE_SYS, ACL_COMPILE_SYS, nullptr, stream_),
            ACL_SUCCESS)
      << RecentErrMsg();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentErrMsg();
  EXPECT_EQ(dy.Read<float>(), (std::vector<float>{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}));
  aclDestroyTensorDesc(roi_desc);
}

}  // namespace
}  // namespace aclsim_e2e
