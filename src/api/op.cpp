// Entry points for single operators (acl_op.h): loading single-operator models, executing them on
// a stream (directly or through a handle), and inferring output shapes.
#include <algorithm>

#include "acl/acl_op.h"
#include "api/api_guard.h"
#include "api/op_call.h"
#include "op/op_store.h"
#include "runtime/current_context.h"
#include "runtime/runtime.h"

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // aclopExecute is deprecated

using aclsim::Fail;
using aclsim::OpBuffer;
using aclsim::OpCallTensor;
using aclsim::OpInvocation;
using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;

namespace aclsim::api {

OpCallTensor CallTensor(const aclTensorDesc* desc, const char* what, int index) {
  if (desc == nullptr) Fail(ACL_ERROR_INVALID_PARAM, "{}[{}] must not be null", what, index);
  const aclTensorDesc* d = UnwrapHandle<aclTensorDesc>(desc, what);
  // ACL_DT_UNDEFINED is CANN's way of leaving out an optional input.
  if (d->data_type == ACL_DT_UNDEFINED) return OpCallTensor{aclsim::sim::DType::kUndefined, aclsim::sim::Format::kND, {0}};
  if (!aclsim::sim::IsKnown(static_cast<int32_t>(d->data_type))) {
    Fail(ACL_ERROR_UNSUPPORTED_DATA_TYPE, "{}[{}] has data type {}, which the simulator does not compute with", what,
         index, static_cast<int>(d->data_type));
  }
  return OpCallTensor{static_cast<aclsim::sim::DType>(d->data_type), static_cast<aclsim::sim::Format>(d->format),
                      d->unknown_rank ? std::vector<int64_t>{-2} : d->dims};
}

std::vector<OpCallTensor> CallTensors(int count, const aclTensorDesc* const* descs, const char* what) {
  ACLSIM_CHECK_ARG(count >= 0, "{} count is {}", what, count);
  ACLSIM_CHECK_ARG(count == 0 || descs != nullptr, "{} is null while its count is {}", what, count);
  std::vector<OpCallTensor> out;
  for (int i = 0; i < count; ++i) out.push_back(CallTensor(descs[i], what, i));
  return out;
}

std::vector<OpBuffer> Buffers(int count, const aclDataBuffer* const* buffers, const aclTensorDesc* const* descs,
                              const char* what) {
  ACLSIM_CHECK_ARG(count == 0 || buffers != nullptr, "{} is null while its count is {}", what, count);
  std::vector<OpBuffer> out;
  for (int i = 0; i < count; ++i) {
    const bool left_out = descs != nullptr && descs[i] != nullptr && descs[i]->HasValidTag() &&
                          descs[i]->data_type == ACL_DT_UNDEFINED;
    if (buffers[i] == nullptr && left_out) {
      out.push_back(OpBuffer{});  // an optional input left out needs no memory
      continue;
    }
    if (buffers[i] == nullptr) Fail(ACL_ERROR_INVALID_PARAM, "{}[{}] must not be null", what, i);
    const aclDataBuffer* b = UnwrapHandle<aclDataBuffer>(buffers[i], what);
    const bool host = descs != nullptr && descs[i] != nullptr && descs[i]->placement != ACL_MEMTYPE_DEVICE;
    out.push_back(OpBuffer{b->data, b->size, host});
  }
  return out;
}

const aclsim::sim::Attrs& AttrsOf(const aclopAttr* attr) {
  static const aclsim::sim::Attrs kNone;
  return attr == nullptr ? kNone : UnwrapHandle<aclopAttr>(attr, "attr")->values;
}

void ExecuteOp(const char* opType, int numInputs, const aclTensorDesc* const inputDesc[],
               const aclDataBuffer* const inputs[], int numOutputs, const aclTensorDesc* const outputDesc[],
               aclDataBuffer* const outputs[], const aclopAttr* attr, aclrtStream stream,
               aclTensorDesc** writable_output_descs) {
  aclsim::Runtime::Get().RequireInitialized();
  ACLSIM_CHECK_NOT_NULL(opType);
  OpInvocation call{opType,
                    CallTensors(numInputs, inputDesc, "inputDesc"),
                    Buffers(numInputs, inputs, inputDesc, "inputs"),
                    CallTensors(numOutputs, outputDesc, "outputDesc"),
                    Buffers(numOutputs, outputs, outputDesc, "outputs"),
                    AttrsOf(attr)};
  const auto specs = aclsim::LaunchOp(call, aclsim::ResolveStream(stream));
  if (writable_output_descs != nullptr) {
    // aclopExecuteV2 documents that output descs of dynamic shape are updated with the real shape.
    for (int i = 0; i < numOutputs; ++i) {
      aclTensorDesc* d = writable_output_descs[i];
      const bool dynamic = d->unknown_rank || std::any_of(d->dims.begin(), d->dims.end(), [](int64_t v) { return v < 0; });
      if (dynamic) {
        d->dims = specs[static_cast<size_t>(i)].shape;
        d->unknown_rank = false;
      }
    }
  }
}

aclopHandle* CreateOpHandle(std::string type, std::vector<OpCallTensor> input_descs,
                            std::vector<OpCallTensor> output_descs, sim::Attrs attrs) {
  auto created = std::make_unique<aclopHandle>();
  created->type = std::move(type);
  created->input_descs = std::move(input_descs);
  created->output_descs = std::move(output_descs);
  created->attrs = std::move(attrs);
  // The documented contract: a handle exists only for a call some loaded model matches.
  OpStore::Get().Match({created->type, created->input_descs, created->output_descs, created->attrs});
  return created.release();
}

}  // namespace aclsim::api

using aclsim::api::AttrsOf;
using aclsim::api::Buffers;
using aclsim::api::CallTensors;

extern "C" {

aclError aclopSetModelDir(const char* modelDir) {
  return ApiCall("aclopSetModelDir", [&] {
    aclsim::Runtime::Get().RequireInitialized();
    ACLSIM_CHECK_NOT_NULL(modelDir);
    aclsim::OpStore::Get().LoadDirectory(modelDir);
    return ACL_SUCCESS;
  });
}

aclError aclopLoad(const void* model, size_t modelSize) {
  return ApiCall("aclopLoad", [&] {
    aclsim::Runtime::Get().RequireInitialized();
    ACLSIM_CHECK_NOT_NULL(model);
    ACLSIM_CHECK_ARG(modelSize > 0, "modelSize must be > 0");
    aclsim::OpStore::Get().LoadFromMemory(model, modelSize);
    return ACL_SUCCESS;
  });
}

aclError aclopExecute(const char* opType, int numInputs, const aclTensorDesc* const inputDesc[],
                      const aclDataBuffer* const inputs[], int numOutputs, const aclTensorDesc* const outputDesc[],
                      aclDataBuffer* const outputs[], const aclopAttr* attr, aclrtStream stream) {
  return ApiCall("aclopExecute", [&] {
    aclsim::api::ExecuteOp(opType, numInputs, inputDesc, inputs, numOutputs, outputDesc, outputs, attr, stream, nullptr);
    return ACL_SUCCESS;
  });
}

aclError aclopExecuteV2(const char* opType, int numInputs, aclTensorDesc* inputDesc[], aclDataBuffer* inputs[],
                        int numOutputs, aclTensorDesc* outputDesc[], aclDataBuffer* outputs[], aclopAttr* attr,
                        aclrtStream stream) {
  return ApiCall("aclopExecuteV2", [&] {
    aclsim::api::ExecuteOp(opType, numInputs, inputDesc, inputs, numOutputs, outputDesc, outputs, attr, stream,
                           outputDesc);
    return ACL_SUCCESS;
  });
}

aclError aclopCreateHandle(const char* opType, int numInputs, const aclTensorDesc* const inputDesc[], int numOutputs,
                           const aclTensorDesc* const outputDesc[], const aclopAttr* opAttr, aclopHandle** handle) {
  return ApiCall("aclopCreateHandle", [&] {
    aclsim::Runtime::Get().RequireInitialized();
    ACLSIM_CHECK_NOT_NULL(opType);
    ACLSIM_CHECK_NOT_NULL(handle);
    *handle = aclsim::api::CreateOpHandle(opType, CallTensors(numInputs, inputDesc, "inputDesc"),
                                          CallTensors(numOutputs, outputDesc, "outputDesc"), AttrsOf(opAttr));
    return ACL_SUCCESS;
  });
}

void aclopDestroyHandle(aclopHandle* handle) {
  ApiCall("aclopDestroyHandle", [&] {
    if (handle != nullptr) delete UnwrapHandle<aclopHandle>(handle, "handle");
  });
}

aclError aclopExecWithHandle(aclopHandle* handle, int numInputs, const aclDataBuffer* const inputs[], int numOutputs,
                             aclDataBuffer* const outputs[], aclrtStream stream) {
  return ApiCall("aclopExecWithHandle", [&] {
    const aclopHandle* h = UnwrapHandle<aclopHandle>(handle, "handle");
    ACLSIM_CHECK_ARG(numInputs == static_cast<int>(h->input_descs.size()), "numInputs is {}, the handle was made for {}",
                     numInputs, h->input_descs.size());
    ACLSIM_CHECK_ARG(numOutputs == static_cast<int>(h->output_descs.size()),
                     "numOutputs is {}, the handle was made for {}", numOutputs, h->output_descs.size());
    OpInvocation call{h->type, h->input_descs, Buffers(numInputs, inputs, nullptr, "inputs"), h->output_descs,
                      Buffers(numOutputs, outputs, nullptr, "outputs"), h->attrs};
    aclsim::LaunchOp(call, aclsim::ResolveStream(stream));
    return ACL_SUCCESS;
  });
}

aclError aclopInferShape(const char* opType, int numInputs, aclTensorDesc* inputDesc[], aclDataBuffer* inputs[],
                         int numOutputs, aclTensorDesc* outputDesc[], aclopAttr* attr) {
  return ApiCall("aclopInferShape", [&] {
    ACLSIM_CHECK_NOT_NULL(opType);
    const auto descs = CallTensors(numInputs, inputDesc, "inputDesc");
    std::vector<OpBuffer> buffers;
    if (inputs != nullptr) buffers = Buffers(numInputs, inputs, inputDesc, "inputs");
    const auto specs = aclsim::InferOpOutputs(opType, descs, buffers, AttrsOf(attr));
    ACLSIM_CHECK_ARG(numOutputs == static_cast<int>(specs.size()), "numOutputs is {}, {} has {}", numOutputs, opType,
                     specs.size());
    ACLSIM_CHECK_ARG(numOutputs == 0 || outputDesc != nullptr, "outputDesc is null");
    for (int i = 0; i < numOutputs; ++i) {
      aclTensorDesc* d = UnwrapHandle<aclTensorDesc>(outputDesc[i], "outputDesc");
      d->data_type = static_cast<aclDataType>(specs[static_cast<size_t>(i)].dtype);
      d->dims = specs[static_cast<size_t>(i)].shape;
      d->unknown_rank = false;
    }
    return ACL_SUCCESS;
  });
}

}  // extern "C"
