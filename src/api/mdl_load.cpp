// Entry points that load and unload models, query their memory needs, and configure loading
// (acl_mdl.h). A model is loaded on the calling thread's current device.
#include "acl/acl_mdl.h"
#include "api/api_guard.h"
#include "model/mdl_handles.h"
#include "model/model_store.h"
#include "runtime/context.h"
#include "runtime/current_context.h"

using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;
using aclsim::model::LoadedModel;
using aclsim::model::Model;
using aclsim::model::ModelMemory;
using aclsim::model::ModelStore;

namespace {

aclError Load(std::shared_ptr<const Model> model, const ModelMemory& memory, uint32_t* modelId) {
  ACLSIM_CHECK_NOT_NULL(modelId);
  auto loaded = std::make_shared<LoadedModel>(std::move(model), aclsim::CurrentContext().device(), memory);
  *modelId = ModelStore::Get().Add(std::move(loaded));
  return ACL_SUCCESS;
}

std::shared_ptr<const Model> FromFile(const char* modelPath) {
  ACLSIM_CHECK_NOT_NULL(modelPath);
  return Model::FromFile(modelPath);
}

std::shared_ptr<const Model> FromMemory(const void* model, size_t modelSize) {
  ACLSIM_CHECK_NOT_NULL(model);
  ACLSIM_CHECK_ARG(modelSize > 0, "modelSize must be > 0");
  return Model::FromMemory(model, modelSize);
}

aclError QuerySizes(const Model& model, size_t* workSize, size_t* weightSize) {
  ACLSIM_CHECK_NOT_NULL(workSize);
  ACLSIM_CHECK_NOT_NULL(weightSize);
  *workSize = model.work_size();
  *weightSize = model.weight_size();
  return ACL_SUCCESS;
}

template <typename T>
T ConfigValue(const aclmdlConfigHandle& handle, aclmdlConfigAttr attr, const char* name) {
  if constexpr (std::is_pointer_v<T>) {
    const auto it = handle.pointers.find(attr);
    if (it == handle.pointers.end()) aclsim::Fail(ACL_ERROR_INVALID_PARAM, "the config handle does not set {}", name);
    return static_cast<T>(const_cast<void*>(it->second));
  } else {
    const auto it = handle.sizes.find(attr);
    if (it == handle.sizes.end()) aclsim::Fail(ACL_ERROR_INVALID_PARAM, "the config handle does not set {}", name);
    return static_cast<T>(it->second);
  }
}

}  // namespace

extern "C" {

aclError aclmdlLoadFromFile(const char* modelPath, uint32_t* modelId) {
  return ApiCall("aclmdlLoadFromFile", [&] { return Load(FromFile(modelPath), {}, modelId); });
}

aclError aclmdlLoadFromMem(const void* model, size_t modelSize, uint32_t* modelId) {
  return ApiCall("aclmdlLoadFromMem", [&] { return Load(FromMemory(model, modelSize), {}, modelId); });
}

aclError aclmdlLoadFromFileWithMem(const char* modelPath, uint32_t* modelId, void* workPtr, size_t workSize,
                                   void* weightPtr, size_t weightSize) {
  return ApiCall("aclmdlLoadFromFileWithMem", [&] {
    return Load(FromFile(modelPath), ModelMemory{workPtr, workSize, weightPtr, weightSize}, modelId);
  });
}

aclError aclmdlLoadFromMemWithMem(const void* model, size_t modelSize, uint32_t* modelId, void* workPtr,
                                  size_t workSize, void* weightPtr, size_t weightSize) {
  return ApiCall("aclmdlLoadFromMemWithMem", [&] {
    return Load(FromMemory(model, modelSize), ModelMemory{workPtr, workSize, weightPtr, weightSize}, modelId);
  });
}

aclError aclmdlUnload(uint32_t modelId) {
  return ApiCall("aclmdlUnload", [&] {
    ModelStore::Get().Remove(modelId);  // a queued execution keeps the model until it has run
    return ACL_SUCCESS;
  });
}

aclError aclmdlQuerySize(const char* fileName, size_t* workSize, size_t* weightSize) {
  return ApiCall("aclmdlQuerySize", [&] { return QuerySizes(*FromFile(fileName), workSize, weightSize); });
}

aclError aclmdlQuerySizeFromMem(const void* model, size_t modelSize, size_t* workSize, size_t* weightSize) {
  return ApiCall("aclmdlQuerySizeFromMem",
                 [&] { return QuerySizes(*FromMemory(model, modelSize), workSize, weightSize); });
}

aclmdlConfigHandle* aclmdlCreateConfigHandle() {
  return ApiCall("aclmdlCreateConfigHandle", [&] { return new aclmdlConfigHandle(); });
}

aclError aclmdlDestroyConfigHandle(aclmdlConfigHandle* handle) {
  return ApiCall("aclmdlDestroyConfigHandle", [&] {
    delete UnwrapHandle<aclmdlConfigHandle>(handle, "handle");
    return ACL_SUCCESS;
  });
}

aclError aclmdlSetConfigOpt(aclmdlConfigHandle* handle, aclmdlConfigAttr attr, const void* attrValue,
                            size_t valueSize) {
  return ApiCall("aclmdlSetConfigOpt", [&] {
    aclmdlConfigHandle* h = UnwrapHandle<aclmdlConfigHandle>(handle, "handle");
    ACLSIM_CHECK_NOT_NULL(attrValue);
    switch (attr) {
      case ACL_MDL_PRIORITY_INT32:
        ACLSIM_CHECK_ARG(valueSize == sizeof(int32_t), "ACL_MDL_PRIORITY_INT32 takes an int32_t, valueSize is {}", valueSize);
        h->priority = *static_cast<const int32_t*>(attrValue);
        return ACL_SUCCESS;
      case ACL_MDL_LOAD_TYPE_SIZET:
      case ACL_MDL_MEM_SIZET:
      case ACL_MDL_WEIGHT_SIZET:
      case ACL_MDL_WORKSPACE_SIZET:
        ACLSIM_CHECK_ARG(valueSize == sizeof(size_t), "attribute {} takes a size_t, valueSize is {}", static_cast<int>(attr), valueSize);
        h->sizes[attr] = *static_cast<const size_t*>(attrValue);
        return ACL_SUCCESS;
      case ACL_MDL_PATH_PTR:
      case ACL_MDL_MEM_ADDR_PTR:
      case ACL_MDL_WEIGHT_ADDR_PTR:
      case ACL_MDL_WORKSPACE_ADDR_PTR:
        ACLSIM_CHECK_ARG(valueSize == sizeof(void*), "attribute {} takes a pointer, valueSize is {}", static_cast<int>(attr), valueSize);
        h->pointers[attr] = *static_cast<const void* const*>(attrValue);
        return ACL_SUCCESS;
      default:
        aclsim::Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "load option {} is not supported by aclsim (queues, "
                     "external weights and kernels are not)", static_cast<int>(attr));
    }
  });
}

aclError aclmdlLoadWithConfig(const aclmdlConfigHandle* handle, uint32_t* modelId) {
  return ApiCall("aclmdlLoadWithConfig", [&] {
    const aclmdlConfigHandle* h = UnwrapHandle<aclmdlConfigHandle>(handle, "handle");
    const auto type = ConfigValue<size_t>(*h, ACL_MDL_LOAD_TYPE_SIZET, "ACL_MDL_LOAD_TYPE_SIZET");
    ModelMemory memory;
    if (type == ACL_MDL_LOAD_FROM_FILE_WITH_MEM || type == ACL_MDL_LOAD_FROM_MEM_WITH_MEM) {
      memory.work = ConfigValue<void*>(*h, ACL_MDL_WORKSPACE_ADDR_PTR, "ACL_MDL_WORKSPACE_ADDR_PTR");
      memory.work_size = ConfigValue<size_t>(*h, ACL_MDL_WORKSPACE_SIZET, "ACL_MDL_WORKSPACE_SIZET");
      memory.weights = ConfigValue<void*>(*h, ACL_MDL_WEIGHT_ADDR_PTR, "ACL_MDL_WEIGHT_ADDR_PTR");
      memory.weight_size = ConfigValue<size_t>(*h, ACL_MDL_WEIGHT_SIZET, "ACL_MDL_WEIGHT_SIZET");
    }
    switch (type) {
      case ACL_MDL_LOAD_FROM_FILE:
      case ACL_MDL_LOAD_FROM_FILE_WITH_MEM:
        return Load(FromFile(ConfigValue<const char*>(*h, ACL_MDL_PATH_PTR, "ACL_MDL_PATH_PTR")), memory, modelId);
      case ACL_MDL_LOAD_FROM_MEM:
      case ACL_MDL_LOAD_FROM_MEM_WITH_MEM:
        return Load(FromMemory(ConfigValue<const void*>(*h, ACL_MDL_MEM_ADDR_PTR, "ACL_MDL_MEM_ADDR_PTR"),
                               ConfigValue<size_t>(*h, ACL_MDL_MEM_SIZET, "ACL_MDL_MEM_SIZET")),
                    memory, modelId);
      case ACL_MDL_LOAD_FROM_FILE_WITH_Q:
      case ACL_MDL_LOAD_FROM_MEM_WITH_Q:
        aclsim::Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "loading with queues (load type {}) is not supported by aclsim", type);
      default:
        aclsim::Fail(ACL_ERROR_INVALID_PARAM, "ACL_MDL_LOAD_TYPE_SIZET is {}, not a load type (1-6)", type);
    }
  });
}

}  // extern "C"
