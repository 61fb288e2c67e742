// The small configuration objects of acl_dvpp.h: ROI, resize, JPEG-encode and border configs,
// and video stream descriptors, with all their accessors.
#include "api/api_guard.h"
#include "dvpp/descriptors.h"

using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;

namespace {

template <typename Object, typename T>
aclError Set(const char* api, Object* object, const char* what, T Object::*field, T value) {
  return ApiCall(api, [&] {
    UnwrapHandle<Object>(object, what)->*field = value;
    return ACL_SUCCESS;
  });
}

template <typename Object, typename T>
T Get(const char* api, const Object* object, const char* what, T Object::*field) {
  return ApiCall(api, [&] { return UnwrapHandle<Object>(object, what)->*field; });
}

template <typename Object>
aclError Destroy(const char* api, Object* object, const char* what) {
  return ApiCall(api, [&] {
    delete UnwrapHandle<Object>(object, what);
    return ACL_SUCCESS;
  });
}

}  // namespace

extern "C" {

// ---- acldvppRoiConfig
acldvppRoiConfig* acldvppCreateRoiConfig(uint32_t left, uint32_t right, uint32_t top, uint32_t bottom) {
  return ApiCall("acldvppCreateRoiConfig", [&] {
    auto* roi = new acldvppRoiConfig();
    roi->left = left;
    roi->right = right;
    roi->top = top;
    roi->bottom = bottom;
    return roi;
  });
}
aclError acldvppDestroyRoiConfig(acldvppRoiConfig* roiConfig) {
  return Destroy("acldvppDestroyRoiConfig", roiConfig, "roiConfig");
}
aclError acldvppSetRoiConfigLeft(acldvppRoiConfig* config, uint32_t left) {
  return Set("acldvppSetRoiConfigLeft", config, "config", &acldvppRoiConfig::left, left);
}
aclError acldvppSetRoiConfigRight(acldvppRoiConfig* config, uint32_t right) {
  return Set("acldvppSetRoiConfigRight", config, "config", &acldvppRoiConfig::right, right);
}
aclError acldvppSetRoiConfigTop(acldvppRoiConfig* config, uint32_t top) {
  return Set("acldvppSetRoiConfigTop", config, "config", &acldvppRoiConfig::top, top);
}
aclError acldvppSetRoiConfigBottom(acldvppRoiConfig* config, uint32_t bottom) {
  return Set("acldvppSetRoiConfigBottom", config, "config", &acldvppRoiConfig::bottom, bottom);
}
aclError acldvppSetRoiConfig(acldvppRoiConfig* config, uint32_t left, uint32_t right, uint32_t top, uint32_t bottom) {
  return ApiCall("acldvppSetRoiConfig", [&] {
    acldvppRoiConfig* roi = UnwrapHandle<acldvppRoiConfig>(config, "config");
    roi->left = left;
    roi->right = right;
    roi->top = top;
    roi->bottom = bottom;
    return ACL_SUCCESS;
  });
}

// ---- acldvppResizeConfig
acldvppResizeConfig* acldvppCreateResizeConfig() {
  return ApiCall("acldvppCreateResizeConfig", [] { return new acldvppResizeConfig(); });
}
aclError acldvppDestroyResizeConfig(acldvppResizeConfig* resizeConfig) {
  return Destroy("acldvppDestroyResizeConfig", resizeConfig, "resizeConfig");
}
aclError acldvppSetResizeConfigInterpolation(acldvppResizeConfig* resizeConfig, uint32_t interpolation) {
  return ApiCall("acldvppSetResizeConfigInterpolation", [&] {
    acldvppResizeConfig* config = UnwrapHandle<acldvppResizeConfig>(resizeConfig, "resizeConfig");
    // 0..4 on every product (5, Huawei's high-order filter, only on products aclsim does not simulate).
    ACLSIM_CHECK_ARG(interpolation <= 4, "interpolation {} must be 0..4", interpolation);
    config->interpolation = interpolation;
    return ACL_SUCCESS;
  });
}
uint32_t acldvppGetResizeConfigInterpolation(const acldvppResizeConfig* resizeConfig) {
  return Get("acldvppGetResizeConfigInterpolation", resizeConfig, "resizeConfig", &acldvppResizeConfig::interpolation);
}

// ---- acldvppJpegeConfig
acldvppJpegeConfig* acldvppCreateJpegeConfig() {
  return ApiCall("acldvppCreateJpegeConfig", [] { return new acldvppJpegeConfig(); });
}
aclError acldvppDestroyJpegeConfig(acldvppJpegeConfig* jpegeConfig) {
  return Destroy("acldvppDestroyJpegeConfig", jpegeConfig, "jpegeConfig");
}
aclError acldvppSetJpegeConfigLevel(acldvppJpegeConfig* jpegeConfig, uint32_t level) {
  return ApiCall("acldvppSetJpegeConfigLevel", [&] {
    acldvppJpegeConfig* config = UnwrapHandle<acldvppJpegeConfig>(jpegeConfig, "jpegeConfig");
    ACLSIM_CHECK_ARG(level <= 100, "level {} must be in [0, 100]", level);
    config->level = level;
    return ACL_SUCCESS;
  });
}
uint32_t acldvppGetJpegeConfigLevel(const acldvppJpegeConfig* jpegeConfig) {
  return Get("acldvppGetJpegeConfigLevel", jpegeConfig, "jpegeConfig", &acldvppJpegeConfig::level);
}

// ---- acldvppBorderConfig
acldvppBorderConfig* acldvppCreateBorderConfig() {
  return ApiCall("acldvppCreateBorderConfig", [] { return new acldvppBorderConfig(); });
}
aclError acldvppDestroyBorderConfig(acldvppBorderConfig* borderConfig) {
  return Destroy("acldvppDestroyBorderConfig", borderConfig, "borderConfig");
}
aclError acldvppSetBorderConfigValue(acldvppBorderConfig* borderConfig, uint32_t index, double value) {
  return ApiCall("acldvppSetBorderConfigValue", [&] {
    acldvppBorderConfig* config = UnwrapHandle<acldvppBorderConfig>(borderConfig, "borderConfig");
    ACLSIM_CHECK_ARG(index < 4, "index {} must be below 4", index);
    config->value[index] = value;
    return ACL_SUCCESS;
  });
}
aclError acldvppSetBorderConfigBorderType(acldvppBorderConfig* borderConfig, acldvppBorderType borderType) {
  return ApiCall("acldvppSetBorderConfigBorderType", [&] {
    acldvppBorderConfig* config = UnwrapHandle<acldvppBorderConfig>(borderConfig, "borderConfig");
    ACLSIM_CHECK_ARG(borderType >= BORDER_CONSTANT && borderType <= BORDER_REFLECT_101,
                     "borderType {} is not an acldvppBorderType", static_cast<int>(borderType));
    config->type = borderType;
    return ACL_SUCCESS;
  });
}
aclError acldvppSetBorderConfigTop(acldvppBorderConfig* borderConfig, uint32_t top) {
  return Set("acldvppSetBorderConfigTop", borderConfig, "borderConfig", &acldvppBorderConfig::top, top);
}
aclError acldvppSetBorderConfigBottom(acldvppBorderConfig* borderConfig, uint32_t bottom) {
  return Set("acldvppSetBorderConfigBottom", borderConfig, "borderConfig", &acldvppBorderConfig::bottom, bottom);
}
aclError acldvppSetBorderConfigLeft(acldvppBorderConfig* borderConfig, uint32_t left) {
  return Set("acldvppSetBorderConfigLeft", borderConfig, "borderConfig", &acldvppBorderConfig::left, left);
}
aclError acldvppSetBorderConfigRight(acldvppBorderConfig* borderConfig, uint32_t right) {
  return Set("acldvppSetBorderConfigRight", borderConfig, "borderConfig", &acldvppBorderConfig::right, right);
}
double acldvppGetBorderConfigValue(const acldvppBorderConfig* borderConfig, uint32_t index) {
  return ApiCall("acldvppGetBorderConfigValue", [&] {
    const acldvppBorderConfig* config = UnwrapHandle<acldvppBorderConfig>(borderConfig, "borderConfig");
    ACLSIM_CHECK_ARG(index < 4, "index {} must be below 4", index);
    return config->value[index];
  });
}
acldvppBorderType acldvppGetBorderConfigBorderType(const acldvppBorderConfig* borderConfig) {
  return Get("acldvppGetBorderConfigBorderType", borderConfig, "borderConfig", &acldvppBorderConfig::type);
}
uint32_t acldvppGetBorderConfigTop(const acldvppBorderConfig* borderConfig) {
  return Get("acldvppGetBorderConfigTop", borderConfig, "borderConfig", &acldvppBorderConfig::top);
}
uint32_t acldvppGetBorderConfigBottom(const acldvppBorderConfig* borderConfig) {
  return Get("acldvppGetBorderConfigBottom", borderConfig, "borderConfig", &acldvppBorderConfig::bottom);
}
uint32_t acldvppGetBorderConfigLeft(const acldvppBorderConfig* borderConfig) {
  return Get("acldvppGetBorderConfigLeft", borderConfig, "borderConfig", &acldvppBorderConfig::left);
}
uint32_t acldvppGetBorderConfigRight(const acldvppBorderConfig* borderConfig) {
  return Get("acldvppGetBorderConfigRight", borderConfig, "borderConfig", &acldvppBorderConfig::right);
}

// ---- acldvppStreamDesc
acldvppStreamDesc* acldvppCreateStreamDesc() {
  return ApiCall("acldvppCreateStreamDesc", [] { return new acldvppStreamDesc(); });
}
aclError acldvppDestroyStreamDesc(acldvppStreamDesc* streamDesc) {
  return Destroy("acldvppDestroyStreamDesc", streamDesc, "streamDesc");
}
aclError acldvppSetStreamDescData(acldvppStreamDesc* streamDesc, void* dataDev) {
  return Set("acldvppSetStreamDescData", streamDesc, "streamDesc", &acldvppStreamDesc::data, dataDev);
}
aclError acldvppSetStreamDescSize(acldvppStreamDesc* streamDesc, uint32_t size) {
  return Set("acldvppSetStreamDescSize", streamDesc, "streamDesc", &acldvppStreamDesc::size, size);
}
aclError acldvppSetStreamDescFormat(acldvppStreamDesc* streamDesc, acldvppStreamFormat format) {
  return Set("acldvppSetStreamDescFormat", streamDesc, "streamDesc", &acldvppStreamDesc::format, format);
}
aclError acldvppSetStreamDescTimestamp(acldvppStreamDesc* streamDesc, uint64_t timestamp) {
  return Set("acldvppSetStreamDescTimestamp", streamDesc, "streamDesc", &acldvppStreamDesc::timestamp, timestamp);
}
aclError acldvppSetStreamDescRetCode(acldvppStreamDesc* streamDesc, uint32_t retCode) {
  return Set("acldvppSetStreamDescRetCode", streamDesc, "streamDesc", &acldvppStreamDesc::ret_code, retCode);
}
aclError acldvppSetStreamDescEos(acldvppStreamDesc* streamDesc, uint8_t eos) {
  return Set("acldvppSetStreamDescEos", streamDesc, "streamDesc", &acldvppStreamDesc::eos, eos);
}
void* acldvppGetStreamDescData(const acldvppStreamDesc* streamDesc) {
  return Get("acldvppGetStreamDescData", streamDesc, "streamDesc", &acldvppStreamDesc::data);
}
uint32_t acldvppGetStreamDescSize(const acldvppStreamDesc* streamDesc) {
  return Get("acldvppGetStreamDescSize", streamDesc, "streamDesc", &acldvppStreamDesc::size);
}
acldvppStreamFormat acldvppGetStreamDescFormat(const acldvppStreamDesc* streamDesc) {
  return Get("acldvppGetStreamDescFormat", streamDesc, "streamDesc", &acldvppStreamDesc::format);
}
uint64_t acldvppGetStreamDescTimestamp(const acldvppStreamDesc* streamDesc) {
  return Get("acldvppGetStreamDescTimestamp", streamDesc, "streamDesc", &acldvppStreamDesc::timestamp);
}
uint32_t acldvppGetStreamDescRetCode(const acldvppStreamDesc* streamDesc) {
  return Get("acldvppGetStreamDescRetCode", streamDesc, "streamDesc", &acldvppStreamDesc::ret_code);
}
uint8_t acldvppGetStreamDescEos(const acldvppStreamDesc* streamDesc) {
  return Get("acldvppGetStreamDescEos", streamDesc, "streamDesc", &acldvppStreamDesc::eos);
}

}  // extern "C"
