// Entry points for compiling single operators online (acl_op_compiler.h), the process-wide compile
// options, and the size of the operator-model cache (aclopSetMaxOpQueueNum).
//
// aclopCompile checks a call the way atc --singleop checks a JSON entry (ValidateOpModel) and
// registers the result in the OpStore exactly as a loaded .om, so aclopExecuteV2, handles and
// aclblas find it the same way. The compile and execute functions run the aclopExecuteV2 path.
#include <algorithm>
#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "acl/acl_op_compiler.h"
#include "api/api_guard.h"
#include "api/op_call.h"
#include "op/op_compile.h"
#include "op/op_store.h"
#include "runtime/runtime.h"

using aclsim::Fail;
using aclsim::OpModel;
using aclsim::OpTensorDesc;
using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;

namespace {

// aclopSetCompileFlag: ACL_OP_COMPILE_FUZZ makes aclopCompile register models with generalized
// (dynamic) shapes, so one compiled model serves calls of other sizes.
std::atomic<int> g_compile_flag{ACL_OP_COMPILE_DEFAULT};

// aclopSetMaxOpQueueNum; 20000 when never set (aclopSetMaxOpQueueNum reference page).
std::atomic<uint64_t> g_max_op_queue_num{20000};

// The names CANN gives the compile options in messages, by aclCompileOpt value.
constexpr std::array<const char*, 17> kOptionNames = {
    "ACL_PRECISION_MODE",       "ACL_AICORE_NUM",           "ACL_AUTO_TUNE_MODE",  "ACL_OP_SELECT_IMPL_MODE",
    "ACL_OPTYPELIST_FOR_IMPLMODE", "ACL_OP_DEBUG_LEVEL",    "ACL_DEBUG_DIR",       "ACL_OP_COMPILER_CACHE_MODE",
    "ACL_OP_COMPILER_CACHE_DIR", "ACL_OP_PERFORMANCE_MODE", "ACL_OP_JIT_COMPILE",  "ACL_OP_DETERMINISTIC",
    "ACL_CUSTOMIZE_DTYPES",     "ACL_OP_PRECISION_MODE",    "ACL_ALLOW_HF32",      "ACL_PRECISION_MODE_V2",
    "ACL_OP_DEBUG_OPTION"};

const char* OptionName(aclCompileOpt opt) {
  const auto index = static_cast<int>(opt);
  if (index < 0 || index >= static_cast<int>(kOptionNames.size())) {
    Fail(ACL_ERROR_INVALID_PARAM, "opt {} is not a compile option (aclCompileOpt has ACL_PRECISION_MODE (0) to "
         "ACL_OP_DEBUG_OPTION (16))", index);
  }
  return kOptionNames[static_cast<size_t>(index)];
}

// The compile options set by aclSetCompileopt: process-wide, guarded by `mutex`.
struct CompileOptions {
  std::mutex mutex;
  std::map<int, std::string> values;

  static CompileOptions& Get() {
    static auto* options = new CompileOptions();
    return *options;
  }
};

// The value aclGetCompileopt reports for an option never set: the documented default, or "" when
// the documentation gives none.
std::string DefaultValue(aclCompileOpt opt) {
  switch (opt) {
    case ACL_PRECISION_MODE: return "allow_fp32_to_fp16";  // aclCompileOpt reference page
    case ACL_OP_JIT_COMPILE: {
      // Online compilation is the default on the first-generation SoCs, binaries on the A2/A3 ones.
      const std::string soc = aclsim::Runtime::Get().soc_name();
      const bool binaries = soc.rfind("Ascend910B", 0) == 0 || soc.rfind("Ascend910_93", 0) == 0;
      return binaries ? "disable" : "enable";
    }
    default: return "";
  }
}

std::string CurrentValue(aclCompileOpt opt) {
  OptionName(opt);  // rejects values outside the enum
  CompileOptions& options = CompileOptions::Get();
  {
    std::lock_guard<std::mutex> lock(options.mutex);
    auto it = options.values.find(static_cast<int>(opt));
    if (it != options.values.end()) return it->second;
  }
  return DefaultValue(opt);
}

void CheckCompileFlag(aclopCompileType compileFlag, const char* opPath) {
  if (compileFlag != ACL_COMPILE_SYS && compileFlag != ACL_COMPILE_UNREGISTERED) {
    Fail(ACL_ERROR_API_NOT_SUPPORT, "compileFlag {} is not a compile type (ACL_COMPILE_SYS or ACL_COMPILE_UNREGISTERED)",
         static_cast<int>(compileFlag));
  }
  if (compileFlag == ACL_COMPILE_UNREGISTERED) {
    ACLSIM_CHECK_ARG(opPath != nullptr, "opPath must not be null when compileFlag is ACL_COMPILE_UNREGISTERED");
    // The documentation lists ACL_COMPILE_UNREGISTERED (building an operator from its .py sources)
    // as not supported currently; the simulator has only its built-in operators.
    Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "compileFlag ACL_COMPILE_UNREGISTERED (operator implementation files under "
         "'{}') is not supported: aclsim compiles only its built-in operators (ACL_COMPILE_SYS)", opPath);
  }
}

void CheckEngineType(aclopEngineType engineType) {
  ACLSIM_CHECK_ARG(engineType == ACL_ENGINE_SYS || engineType == ACL_ENGINE_AICORE || engineType == ACL_ENGINE_VECTOR,
                   "engineType {} is not ACL_ENGINE_SYS, ACL_ENGINE_AICORE or ACL_ENGINE_VECTOR",
                   static_cast<int>(engineType));
}

// One tensor of an operator to compile, as a model describes it.
OpTensorDesc ModelTensor(const aclTensorDesc* handle, const char* what, int index) {
  if (handle == nullptr) Fail(ACL_ERROR_INVALID_PARAM, "{}[{}] must not be null", what, index);
  const aclTensorDesc* d = UnwrapHandle<aclTensorDesc>(handle, what);
  if (d->placement != ACL_MEMTYPE_DEVICE) {
    Fail(ACL_ERROR_API_NOT_SUPPORT, "{}[{}] is placed in host memory; operators are compiled for device tensors only",
         what, index);
  }
  OpTensorDesc out;
  if (d->data_type == ACL_DT_UNDEFINED) {  // an optional input left out
    out.dtype = aclsim::sim::DType::kUndefined;
    out.dims = {0};
    return out;
  }
  if (!aclsim::sim::IsKnown(static_cast<int32_t>(d->data_type))) {
    Fail(ACL_ERROR_UNSUPPORTED_DATA_TYPE, "{}[{}] has data type {}, which the simulator does not compute with", what,
         index, static_cast<int>(d->data_type));
  }
  out.dtype = static_cast<aclsim::sim::DType>(d->data_type);
  out.format = static_cast<aclsim::sim::Format>(d->format);
  out.dims = d->unknown_rank ? std::vector<int64_t>{-2} : d->dims;
  out.shape_range = d->shape_range;
  out.name = d->name;
  if (d->is_const) {
    out.const_value = std::make_shared<const std::vector<unsigned char>>(d->const_value.begin(), d->const_value.end());
  }
  return out;
}

std::vector<OpTensorDesc> ModelTensors(int count, const char* count_name, const aclTensorDesc* const* descs,
                                       const char* what) {
  ACLSIM_CHECK_ARG(count >= 0, "{} is {}; it must not be negative", count_name, count);
  ACLSIM_CHECK_ARG(count == 0 || descs != nullptr, "{} is null while its count is {}", what, count);
  std::vector<OpTensorDesc> out;
  for (int i = 0; i < count; ++i) out.push_back(ModelTensor(descs[i], what, i));
  return out;
}

// Fuzzy compilation: every dim not fixed by a constant becomes -1, any size.
void Generalize(std::vector<OpTensorDesc>& descs) {
  for (OpTensorDesc& d : descs) {
    if (d.const_value || (d.dims.size() == 1 && d.dims[0] == -2)) continue;
    std::fill(d.dims.begin(), d.dims.end(), -1);
    d.shape_range.assign(d.dims.size(), {0, -1});
  }
}

// aclopCompile: validates the operator call and registers it as a single-operator model.
void CompileOp(const char* opType, int numInputs, const aclTensorDesc* const inputDesc[], int numOutputs,
               const aclTensorDesc* const outputDesc[], const aclopAttr* attr, aclopEngineType engineType,
               aclopCompileType compileFlag, const char* opPath) {
  aclsim::Runtime::Get().RequireInitialized();
  CheckCompileFlag(compileFlag, opPath);
  CheckEngineType(engineType);
  ACLSIM_CHECK_NOT_NULL(opType);
  auto model = std::make_shared<OpModel>();
  model->type = opType;
  model->inputs = ModelTensors(numInputs, "numInputs", inputDesc, "inputDesc");
  model->outputs = ModelTensors(numOutputs, "numOutputs", outputDesc, "outputDesc");
  model->attrs = aclsim::api::AttrsOf(attr);
  model->soc_version = aclsim::Runtime::Get().soc_name();
  aclsim::ValidateOpModel(*model, fmt::format("operator {}", model->type));
  if (g_compile_flag.load() == ACL_OP_COMPILE_FUZZ) {
    Generalize(model->inputs);
    Generalize(model->outputs);
  }
  // Compiling the same call again replaces the earlier model (the name follows from the model).
  const std::string text = aclsim::SerializeOpModel(*model);
  model->name = fmt::format("{}_{:016x}", model->type, std::hash<std::string>{}(text));
  aclsim::Log().info("aclopCompile registered single-operator model {}", model->name);
  aclsim::OpStore::Get().Add(std::move(model));
}

// Whether every output is empty (a 0 dim): then there is nothing to compute, and CANN returns at once.
bool AllOutputsEmpty(int numOutputs, const aclTensorDesc* const outputDesc[]) {
  if (numOutputs <= 0 || outputDesc == nullptr) return false;
  for (int i = 0; i < numOutputs; ++i) {
    const aclTensorDesc* d = UnwrapHandle<aclTensorDesc>(outputDesc[i], "outputDesc");
    if (std::find(d->dims.begin(), d->dims.end(), 0) == d->dims.end()) return false;
  }
  return true;
}

void CompileAndExecute(const char* opType, int numInputs, const aclTensorDesc* const inputDesc[],
                       const aclDataBuffer* const inputs[], int numOutputs, const aclTensorDesc* const outputDesc[],
                       aclDataBuffer* const outputs[], const aclopAttr* attr, aclopEngineType engineType,
                       aclopCompileType compileFlag, const char* opPath, aclrtStream stream,
                       aclTensorDesc** writable_output_descs) {
  aclsim::Runtime::Get().RequireInitialized();
  CheckCompileFlag(compileFlag, opPath);
  ACLSIM_CHECK_NOT_NULL(opType);
  ACLSIM_CHECK_ARG(numInputs >= 0, "numInputs is {}; it must not be negative", numInputs);
  ACLSIM_CHECK_ARG(numOutputs >= 0, "numOutputs is {}; it must not be negative", numOutputs);
  if (AllOutputsEmpty(numOutputs, outputDesc)) return;
  CompileOp(opType, numInputs, inputDesc, numOutputs, outputDesc, attr, engineType, compileFlag, opPath);
  aclsim::api::ExecuteOp(opType, numInputs, inputDesc, inputs, numOutputs, outputDesc, outputs, attr, stream,
                         writable_output_descs);
}

}  // namespace

extern "C" {

aclError aclopCompile(const char* opType, int numInputs, const aclTensorDesc* const inputDesc[], int numOutputs,
                      const aclTensorDesc* const outputDesc[], const aclopAttr* attr, aclopEngineType engineType,
                      aclopCompileType compileFlag, const char* opPath) {
  return ApiCall("aclopCompile", [&] {
    CompileOp(opType, numInputs, inputDesc, numOutputs, outputDesc, attr, engineType, compileFlag, opPath);
    return ACL_SUCCESS;
  });
}

aclError aclopCompileAndExecute(const char* opType, int numInputs, const aclTensorDesc* const inputDesc[],
                                const aclDataBuffer* const inputs[], int numOutputs,
                                const aclTensorDesc* const outputDesc[], aclDataBuffer* const outputs[],
                                const aclopAttr* attr, aclopEngineType engineType, aclopCompileType compileFlag,
                                const char* opPath, aclrtStream stream) {
  return ApiCall("aclopCompileAndExecute", [&] {
    CompileAndExecute(opType, numInputs, inputDesc, inputs, numOutputs, outputDesc, outputs, attr, engineType,
                      compileFlag, opPath, stream, nullptr);
    return ACL_SUCCESS;
  });
}

aclError aclopCompileAndExecuteV2(const char* opType, int numInputs, aclTensorDesc* inputDesc[], aclDataBuffer* inputs[],
                                  int numOutputs, aclTensorDesc* outputDesc[], aclDataBuffer* outputs[],
                                  aclopAttr* attr, aclopEngineType engineType, aclopCompileType compileFlag,
                                  const char* opPath, aclrtStream stream) {
  return ApiCall("aclopCompileAndExecuteV2", [&] {
    CompileAndExecute(opType, numInputs, inputDesc, inputs, numOutputs, outputDesc, outputs, attr, engineType,
                      compileFlag, opPath, stream, outputDesc);
    return ACL_SUCCESS;
  });
}

aclError aclSetCompileopt(aclCompileOpt opt, const char* value) {
  return ApiCall("aclSetCompileopt", [&] {
    ACLSIM_CHECK_NOT_NULL(value);
    const char* name = OptionName(opt);
    if (opt == ACL_AUTO_TUNE_MODE) {
      Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "{} has been discarded; tune operators with the AOE tool", name);
    }
    std::string stored = value;
    // CANN reads anything but "enable" as "disable" for this option.
    if (opt == ACL_OP_JIT_COMPILE && stored != "enable") stored = "disable";
    CompileOptions& options = CompileOptions::Get();
    std::lock_guard<std::mutex> lock(options.mutex);
    options.values[static_cast<int>(opt)] = stored;
    aclsim::Log().info("compile option {} = \"{}\"", name, stored);
    return ACL_SUCCESS;
  });
}

size_t aclGetCompileoptSize(aclCompileOpt opt) {
  return ApiCall("aclGetCompileoptSize", [&]() -> size_t {
    const std::string value = CurrentValue(opt);
    return value.empty() ? 0 : value.size() + 1;  // with the terminating NUL
  });
}

aclError aclGetCompileopt(aclCompileOpt opt, char* value, size_t length) {
  return ApiCall("aclGetCompileopt", [&] {
    ACLSIM_CHECK_NOT_NULL(value);
    const std::string current = CurrentValue(opt);
    if (current.empty() && length == 0) return ACL_SUCCESS;  // aclGetCompileoptSize said 0: nothing to write
    ACLSIM_CHECK_ARG(length >= current.size() + 1, "length is {}, the value of {} needs {} bytes (aclGetCompileoptSize)",
                     length, OptionName(opt), current.size() + 1);
    std::copy(current.begin(), current.end(), value);
    value[current.size()] = '\0';
    return ACL_SUCCESS;
  });
}

aclError aclopSetCompileFlag(aclOpCompileFlag flag) {
  return ApiCall("aclopSetCompileFlag", [&] {
    ACLSIM_CHECK_ARG(flag == ACL_OP_COMPILE_DEFAULT || flag == ACL_OP_COMPILE_FUZZ,
                     "flag {} is not ACL_OP_COMPILE_DEFAULT (0) or ACL_OP_COMPILE_FUZZ (1)", static_cast<int>(flag));
    g_compile_flag.store(flag);
    return ACL_SUCCESS;
  });
}

aclError aclopSetMaxOpQueueNum(uint64_t maxOpNum) {
  return ApiCall("aclopSetMaxOpQueueNum", [&] {
    ACLSIM_CHECK_ARG(maxOpNum > 0, "maxOpNum must be positive");
    // Stored only: the simulator keeps every model (a description of a few hundred bytes), so
    // aging models out of the cache would save nothing (see docs/compatibility.md).
    g_max_op_queue_num.store(maxOpNum);
    return ACL_SUCCESS;
  });
}

}  // extern "C"
