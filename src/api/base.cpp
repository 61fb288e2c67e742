// Entry points of acl.h and the system functions of acl_base.h: init/finalize, versions,
// recent error messages, logging, float16 conversion, data-type sizes, SoC and device facts.
#include <cstdarg>
#include <cstdio>

#include "acl/acl.h"
#include "api/api_guard.h"
#include "base/acl_float16.h"
#include "base/data_type.h"
#include "model/model_store.h"
#include "op/op_store.h"
#include "runtime/runtime.h"

using aclsim::Fail;
using aclsim::Runtime;
using aclsim::api::ApiCall;

extern "C" {

aclError aclInit(const char* configPath) {
  return ApiCall("aclInit", [&] {
    Runtime::Get().Init(configPath);
    return ACL_SUCCESS;
  });
}

aclError aclFinalize() {
  return ApiCall("aclFinalize", [&] {
    aclsim::model::ModelStore::Get().Clear();  // models hold their device: released before it
    Runtime::Get().Finalize();
    aclsim::OpStore::Get().Clear();  // loaded single-operator models do not outlive the runtime
    return ACL_SUCCESS;
  });
}

aclError aclrtGetVersion(int32_t* majorVersion, int32_t* minorVersion, int32_t* patchVersion) {
  return ApiCall("aclrtGetVersion", [&] {
    ACLSIM_CHECK_NOT_NULL(majorVersion);
    ACLSIM_CHECK_NOT_NULL(minorVersion);
    ACLSIM_CHECK_NOT_NULL(patchVersion);
    // The API version our headers declare.
    *majorVersion = ACL_MAJOR_VERSION;
    *minorVersion = ACL_MINOR_VERSION;
    *patchVersion = ACL_PATCH_VERSION;
    return ACL_SUCCESS;
  });
}

const char* aclGetRecentErrMsg() { return aclsim::TakeRecentErrorMessages(); }

float aclFloat16ToFloat(aclFloat16 value) { return aclsim::AclHalfToFloat(value); }

aclFloat16 aclFloatToFloat16(float value) { return aclsim::AclFloatToHalf(value); }

size_t aclDataTypeSize(aclDataType dataType) {
  return ApiCall("aclDataTypeSize", [&]() -> size_t {
    auto size = aclsim::DataTypeSize(dataType);
    if (!size) Fail(ACL_ERROR_INVALID_PARAM, "dataType {} is not an aclDataType", static_cast<int>(dataType));
    return *size;
  });
}

void aclAppLog(aclLogLevel logLevel, const char* func, const char* file, uint32_t line, const char* fmt, ...) {
  spdlog::level::level_enum level;
  switch (logLevel) {
    case ACL_DEBUG: level = spdlog::level::debug; break;
    case ACL_INFO: level = spdlog::level::info; break;
    case ACL_WARNING: level = spdlog::level::warn; break;
    default: level = spdlog::level::err; break;
  }
  if (fmt == nullptr || !aclsim::Log().should_log(level)) return;
  char message[1024];
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(message, sizeof message, fmt, args);
  va_end(args);
  aclsim::Log().log(level, "[app {}:{} {}] {}", file ? file : "?", line, func ? func : "?", message);
}

const char* aclrtGetSocName() {
  return ApiCall("aclrtGetSocName", [&]() -> const char* {
    Runtime::Get().RequireInitialized();
    return Runtime::Get().soc_name();
  });
}

aclError aclGetCannAttributeList(const aclCannAttr** cannAttrList, size_t* num) {
  return ApiCall("aclGetCannAttributeList", [&] {
    ACLSIM_CHECK_NOT_NULL(cannAttrList);
    ACLSIM_CHECK_NOT_NULL(num);
    static const aclCannAttr kAttributes[] = {ACL_CANN_ATTR_INF_NAN, ACL_CANN_ATTR_BF16};
    *cannAttrList = kAttributes;
    *num = sizeof kAttributes / sizeof kAttributes[0];
    return ACL_SUCCESS;
  });
}

aclError aclGetCannAttribute(aclCannAttr cannAttr, int32_t* value) {
  return ApiCall("aclGetCannAttribute", [&] {
    ACLSIM_CHECK_NOT_NULL(value);
    switch (cannAttr) {
      case ACL_CANN_ATTR_INF_NAN:  // the simulated device computes with IEEE Inf/NaN
      case ACL_CANN_ATTR_BF16:     // and has bfloat16 kernels
        *value = 1;
        break;
      case ACL_CANN_ATTR_JIT_COMPILE:  // no online operator compiler
        *value = 0;
        break;
      default:
        Fail(ACL_ERROR_INVALID_PARAM, "cannAttr {} is not an aclCannAttr", static_cast<int>(cannAttr));
    }
    return ACL_SUCCESS;
  });
}

aclError aclGetDeviceCapability(uint32_t deviceId, aclDeviceInfo deviceInfo, int64_t* value) {
  return ApiCall("aclGetDeviceCapability", [&] {
    Runtime::Get().RequireInitialized();
    ACLSIM_CHECK_NOT_NULL(value);
    const aclsim::Config config = Runtime::Get().config();
    ACLSIM_CHECK_ARG(deviceId < static_cast<uint32_t>(config.device_count),
                     "deviceId {} is out of range: {} simulated device(s)", deviceId, config.device_count);
    switch (deviceInfo) {
      case ACL_DEVICE_INFO_AI_CORE_NUM:
      case ACL_DEVICE_INFO_VECTOR_CORE_NUM:  // one pool of simulated cores does both kinds of work
        *value = aclsim::EffectiveAicoreThreads(config);
        break;
      case ACL_DEVICE_INFO_L2_SIZE:
        *value = aclsim::kSimulatedL2CacheBytes;
        break;
      default:
        Fail(ACL_ERROR_INVALID_PARAM, "deviceInfo {} is not an aclDeviceInfo", static_cast<int>(deviceInfo));
    }
    return ACL_SUCCESS;
  });
}

}  // extern "C"
