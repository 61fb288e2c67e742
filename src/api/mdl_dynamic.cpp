// Entry points for models converted with dynamic gears (acl_mdl.h): listing the gears, and
// choosing one for the next execution by writing it into the ACL_DYNAMIC_TENSOR_NAME input.
#include <cstring>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "acl/acl_mdl.h"
#include "api/api_guard.h"
#include "api/mdl_described.h"
#include "model/mdl_handles.h"
#include "model/model_store.h"
#include "runtime/buffer_check.h"

using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;
using aclsim::api::Described;
using aclsim::model::DynamicKind;
using aclsim::model::LoadedModel;
using aclsim::model::Model;
using aclsim::model::ModelStore;

namespace {

const char* KindName(DynamicKind kind) {
  switch (kind) {
    case DynamicKind::kBatch: return "dynamic batch (--dynamic_batch_size)";
    case DynamicKind::kImageSize: return "dynamic image size (--dynamic_image_size)";
    case DynamicKind::kDims: return "dynamic dims (--dynamic_dims)";
    case DynamicKind::kNone: break;
  }
  return "static";
}

// Checks that model `modelId` was converted with gears of `kind`, that `index` is its gear input
// and that `gear` is one of its gears, then writes the gear into that input's buffer.
aclError SetGear(uint32_t modelId, aclmdlDataset* dataset, size_t index, DynamicKind kind, std::vector<int64_t> gear) {
  const std::shared_ptr<LoadedModel> loaded = ModelStore::Get().Find(modelId);
  const Model& model = loaded->model();
  if (model.graph().dynamic.kind != kind) {
    aclsim::Fail(ACL_ERROR_INVALID_PARAM, "model {} is {}, not {}", modelId, KindName(model.graph().dynamic.kind),
                 KindName(kind));
  }
  aclmdlDataset* d = UnwrapHandle<aclmdlDataset>(dataset, "dataset");
  ACLSIM_CHECK_ARG(index == static_cast<size_t>(model.dynamic_input()),
                   "index {} is not the model's {} input, which is input {}", index, ACL_DYNAMIC_TENSOR_NAME,
                   model.dynamic_input());
  ACLSIM_CHECK_ARG(index < d->buffers.size(), "the dataset holds {} buffers, none at index {}", d->buffers.size(), index);
  model.PlanFor(gear);  // throws, listing the gears, for one the model does not have
  aclDataBuffer* buffer = UnwrapHandle<aclDataBuffer>(d->buffers[index], "the dataset's gear buffer");
  const size_t bytes = gear.size() * sizeof(int64_t);
  aclsim::CheckDeviceBuffer(buffer->data, buffer->size, bytes, false, loaded->device(),
                            fmt::format("the dataset's buffer {} ({})", index, ACL_DYNAMIC_TENSOR_NAME));
  std::memcpy(buffer->data, gear.data(), bytes);
  loaded->set_current_gear(std::move(gear));
  return ACL_SUCCESS;
}

}  // namespace

extern "C" {

aclError aclmdlGetDynamicBatch(const aclmdlDesc* modelDesc, aclmdlBatch* batch) {
  return ApiCall("aclmdlGetDynamicBatch", [&] {
    const Model& model = Described(modelDesc);
    ACLSIM_CHECK_NOT_NULL(batch);
    batch->batchCount = 0;
    if (model.graph().dynamic.kind != DynamicKind::kBatch) return ACL_SUCCESS;
    for (const auto& gear : model.graph().dynamic.gears) batch->batch[batch->batchCount++] = static_cast<uint64_t>(gear[0]);
    return ACL_SUCCESS;
  });
}

aclError aclmdlGetDynamicHW(const aclmdlDesc* modelDesc, size_t index, aclmdlHW* hw) {
  return ApiCall("aclmdlGetDynamicHW", [&] {
    (void)index;  // reserved: CANN documents -1
    const Model& model = Described(modelDesc);
    ACLSIM_CHECK_NOT_NULL(hw);
    hw->hwCount = 0;
    if (model.graph().dynamic.kind != DynamicKind::kImageSize) return ACL_SUCCESS;
    for (const auto& gear : model.graph().dynamic.gears) {
      hw->hw[hw->hwCount][0] = static_cast<uint64_t>(gear[0]);
      hw->hw[hw->hwCount][1] = static_cast<uint64_t>(gear[1]);
      ++hw->hwCount;
    }
    return ACL_SUCCESS;
  });
}

aclError aclmdlGetInputDynamicGearCount(const aclmdlDesc* modelDesc, size_t index, size_t* gearCount) {
  return ApiCall("aclmdlGetInputDynamicGearCount", [&] {
    (void)index;  // reserved: CANN documents -1
    const Model& model = Described(modelDesc);
    ACLSIM_CHECK_NOT_NULL(gearCount);
    *gearCount = model.graph().dynamic.kind == DynamicKind::kDims ? model.graph().dynamic.gears.size() : 0;
    return ACL_SUCCESS;
  });
}

// Each gear as the concatenated dims of every data input, as aclmdlSetInputDynamicDims takes it.
aclError aclmdlGetInputDynamicDims(const aclmdlDesc* modelDesc, size_t index, aclmdlIODims* dims, size_t gearCount) {
  return ApiCall("aclmdlGetInputDynamicDims", [&] {
    (void)index;  // reserved: CANN documents -1
    const Model& model = Described(modelDesc);
    ACLSIM_CHECK_NOT_NULL(dims);
    const auto& gears = model.graph().dynamic.gears;
    ACLSIM_CHECK_ARG(model.graph().dynamic.kind == DynamicKind::kDims, "the model has no dynamic dims (--dynamic_dims)");
    ACLSIM_CHECK_ARG(gearCount >= gears.size(), "gearCount {} is less than the model's {} gears", gearCount, gears.size());
    for (size_t g = 0; g < gears.size(); ++g) {
      aclmdlIODims& out = dims[g];
      std::memset(out.name, 0, sizeof(out.name));
      out.dimCount = 0;
      const auto per_input = aclsim::model::InputDimsForGear(model.graph(), gears[g]);
      for (size_t k = 0; k < per_input.size(); ++k) {
        if (static_cast<int32_t>(k) == model.dynamic_input()) continue;
        for (int64_t v : per_input[k]) {
          ACLSIM_CHECK_ARG(out.dimCount < ACL_MAX_DIM_CNT, "a gear has more than ACL_MAX_DIM_CNT dims");
          out.dims[out.dimCount++] = v;
        }
      }
    }
    return ACL_SUCCESS;
  });
}

aclError aclmdlSetDynamicBatchSize(uint32_t modelId, aclmdlDataset* dataset, size_t index, uint64_t batchSize) {
  return ApiCall("aclmdlSetDynamicBatchSize", [&] {
    return SetGear(modelId, dataset, index, DynamicKind::kBatch, {static_cast<int64_t>(batchSize)});
  });
}

aclError aclmdlSetDynamicHWSize(uint32_t modelId, aclmdlDataset* dataset, size_t index, uint64_t height, uint64_t width) {
  return ApiCall("aclmdlSetDynamicHWSize", [&] {
    return SetGear(modelId, dataset, index, DynamicKind::kImageSize,
                   {static_cast<int64_t>(height), static_cast<int64_t>(width)});
  });
}

// `dims` holds every data input's dims concatenated; the gear is the values at the -1 dims.
aclError aclmdlSetInputDynamicDims(uint32_t modelId, aclmdlDataset* dataset, size_t index, const aclmdlIODims* dims) {
  return ApiCall("aclmdlSetInputDynamicDims", [&] {
    ACLSIM_CHECK_NOT_NULL(dims);
    const Model& model = ModelStore::Get().Find(modelId)->model();
    std::vector<int64_t> gear;
    size_t position = 0;
    for (size_t k = 0; k < model.inputs().size(); ++k) {
      if (static_cast<int32_t>(k) == model.dynamic_input()) continue;
      for (int64_t d : model.inputs()[k].dims) {
        ACLSIM_CHECK_ARG(position < dims->dimCount && position < ACL_MAX_DIM_CNT,
                         "dims holds {} values; the model's data inputs have more dims than that", dims->dimCount);
        const int64_t given = dims->dims[position++];
        if (d < 0) {
          gear.push_back(given);
        } else if (given != d) {
          aclsim::Fail(ACL_ERROR_INVALID_PARAM, "dims[{}] is {}, but that dim of input {} (\"{}\") is fixed at {}",
                       position - 1, given, k, model.inputs()[k].name, d);
        }
      }
    }
    ACLSIM_CHECK_ARG(position == dims->dimCount, "dims holds {} values; the model's data inputs have {} dims",
                     dims->dimCount, position);
    return SetGear(modelId, dataset, index, DynamicKind::kDims, std::move(gear));
  });
}

}  // extern "C"
