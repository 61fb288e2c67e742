// Entry points for aclmdlDesc (acl_mdl.h): what a model's inputs and outputs are.
#include <cstring>

#include "acl/acl_mdl.h"
#include "api/api_guard.h"
#include "api/mdl_described.h"
#include "model/mdl_handles.h"
#include "model/model_store.h"

using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;
using aclsim::api::Described;
using aclsim::model::IoDesc;
using aclsim::model::Model;
using aclsim::model::ModelStore;

namespace {

const IoDesc& Input(const aclmdlDesc* desc, size_t index) {
  const auto& inputs = Described(desc).inputs();
  ACLSIM_CHECK_ARG(index < inputs.size(), "index {} is out of range: the model has {} inputs", index, inputs.size());
  return inputs[index];
}

const IoDesc& Output(const aclmdlDesc* desc, size_t index) {
  const auto& outputs = Described(desc).outputs();
  ACLSIM_CHECK_ARG(index < outputs.size(), "index {} is out of range: the model has {} outputs", index, outputs.size());
  return outputs[index];
}

aclError FillDims(const std::string& name, const std::vector<int64_t>& dims, aclmdlIODims* out) {
  ACLSIM_CHECK_NOT_NULL(out);
  ACLSIM_CHECK_ARG(dims.size() <= ACL_MAX_DIM_CNT, "the tensor has {} dims, more than ACL_MAX_DIM_CNT", dims.size());
  std::memset(out->name, 0, sizeof(out->name));
  std::strncpy(out->name, name.c_str(), sizeof(out->name) - 1);
  out->dimCount = dims.size();
  for (size_t i = 0; i < dims.size(); ++i) out->dims[i] = dims[i];
  return ACL_SUCCESS;
}

size_t IndexByName(const std::vector<IoDesc>& list, const char* name, const char* what) {
  ACLSIM_CHECK_NOT_NULL(name);
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i].name == name) return i;
  }
  aclsim::Fail(ACL_ERROR_INVALID_PARAM, "the model has no {} named \"{}\"", what, name);
}

}  // namespace

extern "C" {

aclmdlDesc* aclmdlCreateDesc() {
  return ApiCall("aclmdlCreateDesc", [&] { return new aclmdlDesc(); });
}

aclError aclmdlDestroyDesc(aclmdlDesc* modelDesc) {
  return ApiCall("aclmdlDestroyDesc", [&] {
    delete UnwrapHandle<aclmdlDesc>(modelDesc, "modelDesc");
    return ACL_SUCCESS;
  });
}

aclError aclmdlGetDesc(aclmdlDesc* modelDesc, uint32_t modelId) {
  return ApiCall("aclmdlGetDesc", [&] {
    aclmdlDesc* d = UnwrapHandle<aclmdlDesc>(modelDesc, "modelDesc");
    d->model = ModelStore::Get().Find(modelId)->shared_model();
    d->model_id = modelId;
    return ACL_SUCCESS;
  });
}

aclError aclmdlGetDescFromFile(aclmdlDesc* modelDesc, const char* modelPath) {
  return ApiCall("aclmdlGetDescFromFile", [&] {
    aclmdlDesc* d = UnwrapHandle<aclmdlDesc>(modelDesc, "modelDesc");
    ACLSIM_CHECK_NOT_NULL(modelPath);
    d->model = Model::FromFile(modelPath);
    d->model_id = 0;
    return ACL_SUCCESS;
  });
}

aclError aclmdlGetDescFromMem(aclmdlDesc* modelDesc, const void* model, size_t modelSize) {
  return ApiCall("aclmdlGetDescFromMem", [&] {
    aclmdlDesc* d = UnwrapHandle<aclmdlDesc>(modelDesc, "modelDesc");
    ACLSIM_CHECK_NOT_NULL(model);
    ACLSIM_CHECK_ARG(modelSize > 0, "modelSize must be > 0");
    d->model = Model::FromMemory(model, modelSize);
    d->model_id = 0;
    return ACL_SUCCESS;
  });
}

size_t aclmdlGetNumInputs(aclmdlDesc* modelDesc) {
  return ApiCall("aclmdlGetNumInputs", [&] { return Described(modelDesc).inputs().size(); });
}

size_t aclmdlGetNumOutputs(aclmdlDesc* modelDesc) {
  return ApiCall("aclmdlGetNumOutputs", [&] { return Described(modelDesc).outputs().size(); });
}

size_t aclmdlGetInputSizeByIndex(aclmdlDesc* modelDesc, size_t index) {
  return ApiCall("aclmdlGetInputSizeByIndex", [&] { return static_cast<size_t>(Input(modelDesc, index).size); });
}

size_t aclmdlGetOutputSizeByIndex(aclmdlDesc* modelDesc, size_t index) {
  return ApiCall("aclmdlGetOutputSizeByIndex", [&] { return static_cast<size_t>(Output(modelDesc, index).size); });
}

// A static AIPP input reports the [n, h, w, c] of its images (docs/aipp.md).
aclError aclmdlGetInputDims(const aclmdlDesc* modelDesc, size_t index, aclmdlIODims* dims) {
  return ApiCall("aclmdlGetInputDims", [&] {
    const IoDesc& io = Input(modelDesc, index);
    return FillDims(io.name, io.image_dims.empty() ? io.dims : io.image_dims, dims);
  });
}

// The dims as stored: aclsim keeps every input in its original format, so they are
// aclmdlGetInputDims' but for a static AIPP input ([n, h * 1.5, w, 1] for YUV420SP_U8, ...).
aclError aclmdlGetInputDimsV2(const aclmdlDesc* modelDesc, size_t index, aclmdlIODims* dims) {
  return ApiCall("aclmdlGetInputDimsV2", [&] {
    const IoDesc& io = Input(modelDesc, index);
    return FillDims(io.name, io.dims, dims);
  });
}

aclError aclmdlGetInputDimsRange(const aclmdlDesc* modelDesc, size_t index, aclmdlIODimsRange* dimsRange) {
  return ApiCall("aclmdlGetInputDimsRange", [&] {
    const Model& model = Described(modelDesc);
    const IoDesc& io = Input(modelDesc, index);
    ACLSIM_CHECK_NOT_NULL(dimsRange);
    ACLSIM_CHECK_ARG(io.dims.size() <= ACL_MAX_DIM_CNT, "the input has more than ACL_MAX_DIM_CNT dims");
    // Each dim ranges over the values its gears give it (a static dim: [d, d]).
    dimsRange->rangeCount = io.dims.size();
    for (size_t d = 0; d < io.dims.size(); ++d) {
      int64_t low = io.dims[d], high = io.dims[d];
      for (const auto& plan : model.plans()) {
        const int64_t v = plan.specs[model.graph().inputs[index]].shape[d];
        if (low < 0 || v < low) low = v;
        if (high < 0 || v > high) high = v;
      }
      dimsRange->range[d][0] = low;
      dimsRange->range[d][1] = high;
    }
    return ACL_SUCCESS;
  });
}

aclError aclmdlGetOutputDims(const aclmdlDesc* modelDesc, size_t index, aclmdlIODims* dims) {
  return ApiCall("aclmdlGetOutputDims", [&] {
    const IoDesc& io = Output(modelDesc, index);
    return FillDims(io.name, io.dims, dims);
  });
}

aclError aclmdlGetCurOutputDims(const aclmdlDesc* modelDesc, size_t index, aclmdlIODims* dims) {
  return ApiCall("aclmdlGetCurOutputDims", [&] {
    const Model& model = Described(modelDesc);
    const IoDesc& io = Output(modelDesc, index);
    if (model.dynamic_input() < 0 || modelDesc->model_id == 0) return FillDims(io.name, io.dims, dims);
    // A dynamic model's outputs take the dims of the gear it was last set to.
    const std::vector<int64_t> gear = ModelStore::Get().Find(modelDesc->model_id)->current_gear();
    if (gear.empty()) return FillDims(io.name, io.dims, dims);
    return FillDims(io.name, model.OutputDims(model.PlanFor(gear), index), dims);
  });
}

const char* aclmdlGetInputNameByIndex(const aclmdlDesc* modelDesc, size_t index) {
  return ApiCall("aclmdlGetInputNameByIndex", [&] { return Input(modelDesc, index).name.c_str(); });
}

const char* aclmdlGetOutputNameByIndex(const aclmdlDesc* modelDesc, size_t index) {
  return ApiCall("aclmdlGetOutputNameByIndex", [&] { return Output(modelDesc, index).name.c_str(); });
}

aclFormat aclmdlGetInputFormat(const aclmdlDesc* modelDesc, size_t index) {
  return ApiCall("aclmdlGetInputFormat", [&] { return static_cast<aclFormat>(Input(modelDesc, index).format); });
}

aclFormat aclmdlGetOutputFormat(const aclmdlDesc* modelDesc, size_t index) {
  return ApiCall("aclmdlGetOutputFormat", [&] { return static_cast<aclFormat>(Output(modelDesc, index).format); });
}

aclDataType aclmdlGetInputDataType(const aclmdlDesc* modelDesc, size_t index) {
  return ApiCall("aclmdlGetInputDataType", [&] { return static_cast<aclDataType>(Input(modelDesc, index).dtype); });
}

aclDataType aclmdlGetOutputDataType(const aclmdlDesc* modelDesc, size_t index) {
  return ApiCall("aclmdlGetOutputDataType", [&] { return static_cast<aclDataType>(Output(modelDesc, index).dtype); });
}

aclError aclmdlGetInputIndexByName(const aclmdlDesc* modelDesc, const char* name, size_t* index) {
  return ApiCall("aclmdlGetInputIndexByName", [&] {
    const Model& model = Described(modelDesc);
    ACLSIM_CHECK_NOT_NULL(index);
    *index = IndexByName(model.inputs(), name, "input");
    return ACL_SUCCESS;
  });
}

aclError aclmdlGetOutputIndexByName(const aclmdlDesc* modelDesc, const char* name, size_t* index) {
  return ApiCall("aclmdlGetOutputIndexByName", [&] {
    const Model& model = Described(modelDesc);
    ACLSIM_CHECK_NOT_NULL(index);
    *index = IndexByName(model.outputs(), name, "output");
    return ACL_SUCCESS;
  });
}

// An attribute of one of the model's operators, as text; null when the node or attribute is absent.
const char* aclmdlGetOpAttr(aclmdlDesc* modelDesc, const char* opName, const char* attr) {
  return ApiCall("aclmdlGetOpAttr", [&]() -> const char* {
    const Model& model = Described(modelDesc);
    ACLSIM_CHECK_NOT_NULL(opName);
    ACLSIM_CHECK_NOT_NULL(attr);
    for (const auto& node : model.graph().nodes) {
      if (node.name != opName) continue;
      const auto it = node.attrs.find(attr);
      if (it == node.attrs.end()) return nullptr;
      std::string& text = modelDesc->op_attr_strings[std::string(opName) + '\n' + attr];
      text = aclsim::sim::ToString(it->second);
      return text.c_str();
    }
    return nullptr;
  });
}

// aclsim keeps the framework's tensor names, so a model input's or output's name is its real name.
const char* aclmdlGetTensorRealName(const aclmdlDesc* modelDesc, const char* name) {
  return ApiCall("aclmdlGetTensorRealName", [&]() -> const char* {
    const Model& model = Described(modelDesc);
    ACLSIM_CHECK_NOT_NULL(name);
    for (const auto* list : {&model.inputs(), &model.outputs()}) {
      for (const IoDesc& io : *list) {
        if (io.name == name) return io.name.c_str();
      }
    }
    aclsim::Fail(ACL_ERROR_INVALID_PARAM, "the model has no input or output named \"{}\"", name);
  });
}

}  // extern "C"
