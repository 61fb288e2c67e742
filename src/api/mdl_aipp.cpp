// Entry points for AIPP (acl_mdl.h, docs/aipp.md): the dynamic AIPP parameter set (aclmdlAIPP)
// and its setters with their documented ranges, aclmdlSetInputAIPP writing it into a model's
// dynamic AIPP input in CANN's kAippDynamicPara layout, and what a model's inputs are to AIPP.
// A setter checks its own arguments; what depends on several (crop inside the source, the output
// size matching the model's input) is checked when the set is applied to a model.
#include <cstring>

#include <fmt/format.h>

#include "acl/acl_mdl.h"
#include "api/api_guard.h"
#include "model/mdl_handles.h"
#include "model/model_store.h"
#include "runtime/buffer_check.h"
#include "sim/kernels/aipp_params.h"

namespace aipp = aclsim::sim::aipp;
using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;
using aclsim::model::AippKind;
using aclsim::model::InputAipp;
using aclsim::model::LoadedModel;
using aclsim::model::Model;
using aclsim::model::ModelStore;

struct aclmdlAIPP : aclsim::TaggedObject<0x4D416970u /* 'MAip' */> {
  static constexpr const char* kTypeName = "aclmdlAIPP";
  aipp::Params params;  // one BatchParams per batch, from aclmdlCreateAIPP
  bool format_set = false;
};

namespace {

aclmdlAIPP* Unwrap(const aclmdlAIPP* set) { return UnwrapHandle<aclmdlAIPP>(set, "aippParmsSet"); }

void CheckSwitch(int8_t value, const char* name) {
  ACLSIM_CHECK_ARG(value == 0 || value == 1, "{} is {}, it must be 0 (off) or 1 (on)", name, value);
}

template <typename T>
void CheckRange(T value, T low, T high, const char* name) {
  ACLSIM_CHECK_ARG(value >= low && value <= high, "{} is {}, out of its range [{}, {}]", name, value, low, high);
}

// A setter's four per-channel values (`name`0..3), each in [low, high], into `field`.
template <typename T, typename Field>
void SetChannels(const T (&values)[4], T low, T high, const char* name, Field& field) {
  for (int c = 0; c < 4; ++c) {
    ACLSIM_CHECK_ARG(values[c] >= low && values[c] <= high, "{}{} is {}, out of its range [{}, {}]", name, c, values[c],
                     low, high);
  }
  for (int c = 0; c < 4; ++c) field[c] = values[c];
}

aipp::BatchParams& Batch(aclmdlAIPP* set, uint64_t index) {
  ACLSIM_CHECK_ARG(index < set->params.batches.size(), "batchIndex {} is out of range: the set was created for {} batches",
                   index, set->params.batches.size());
  return set->params.batches[index];
}

const InputAipp& AippOf(const Model& model, size_t index) {
  ACLSIM_CHECK_ARG(index < model.inputs().size(), "index {} is out of range: the model has {} inputs", index,
                   model.inputs().size());
  return model.aipp()[index];
}

// Checks `set` against the dynamic AIPP image input `image` of `model` and writes it into the
// dataset's buffer `params_index`.
aclError Apply(const LoadedModel& loaded, aclmdlDataset* dataset, size_t image, size_t params_index,
               const aclmdlAIPP* parms) {
  const Model& model = loaded.model();
  const aclmdlAIPP* set = Unwrap(parms);
  aclmdlDataset* d = UnwrapHandle<aclmdlDataset>(dataset, "dataset");
  const InputAipp& info = model.aipp()[image];
  const int64_t n = info.output_dims[0], c = info.output_dims[1], h = info.output_dims[2], w = info.output_dims[3];
  const aipp::Params& p = set->params;
  ACLSIM_CHECK_ARG(static_cast<int64_t>(p.batches.size()) == n,
                   "aippParmsSet was created for {} batches, the model's input {} has batch {}", p.batches.size(), image, n);
  ACLSIM_CHECK_ARG(set->format_set, "aippParmsSet has no input format: set it with aclmdlSetAIPPInputFormat");
  aipp::CheckAgainst(p, w, h, ACL_ERROR_INVALID_PARAM);
  ACLSIM_CHECK_ARG(c <= aipp::Channels(p.format), "the model's input {} has {} channels, a {} image gives {}", image, c,
                   aipp::FormatName(p.format), aipp::Channels(p.format));
  for (size_t b = 0; b < p.batches.size(); ++b) {
    ACLSIM_CHECK_ARG(!p.batches[b].padding || p.OutputW(b) <= 1080,
                     "batch {}: the padded width {} is more than the documented 1080", b, p.OutputW(b));
  }
  const uint64_t needed = static_cast<uint64_t>(n) * aipp::ImageBytes(p.format, p.src_w, p.src_h);
  ACLSIM_CHECK_ARG(needed <= static_cast<uint64_t>(info.max_src_image_size),
                   "{} {} images of {}x{} take {} bytes, more than the input's max_src_image_size {}", n,
                   aipp::FormatName(p.format), p.src_w, p.src_h, needed, info.max_src_image_size);
  ACLSIM_CHECK_ARG(params_index < d->buffers.size(), "the dataset holds {} buffers, none at index {}", d->buffers.size(),
                   params_index);
  aclDataBuffer* buffer = UnwrapHandle<aclDataBuffer>(d->buffers[params_index], "the dataset's AIPP parameter buffer");
  const std::vector<uint8_t> bytes = aipp::Pack(p);
  aclsim::CheckDeviceBuffer(buffer->data, buffer->size, bytes.size(), false, loaded.device(),
                            fmt::format("the dataset's buffer {} ({})", params_index, model.inputs()[params_index].name));
  std::memcpy(buffer->data, bytes.data(), bytes.size());
  return ACL_SUCCESS;
}

void FillDims(aclmdlIODims& out, const std::string& name, const std::vector<int64_t>& dims) {
  std::memset(&out, 0, sizeof(out));
  std::strncpy(out.name, name.c_str(), sizeof(out.name) - 1);
  out.dimCount = dims.size();
  for (size_t i = 0; i < dims.size() && i < ACL_MAX_DIM_CNT; ++i) out.dims[i] = dims[i];
}

}  // namespace

extern "C" {

aclmdlAIPP* aclmdlCreateAIPP(uint64_t batchSize) {
  return ApiCall("aclmdlCreateAIPP", [&]() -> aclmdlAIPP* {
    CheckRange<uint64_t>(batchSize, 1, aipp::kMaxBatch, "batchSize");
    auto* set = new aclmdlAIPP();
    set->params.batches.resize(batchSize);
    return set;
  });
}

aclError aclmdlDestroyAIPP(const aclmdlAIPP* aippParmsSet) {
  return ApiCall("aclmdlDestroyAIPP", [&] {
    delete Unwrap(aippParmsSet);
    return ACL_SUCCESS;
  });
}

aclError aclmdlGetAippDataSize(uint64_t batchSize, size_t* size) {
  return ApiCall("aclmdlGetAippDataSize", [&] {
    ACLSIM_CHECK_NOT_NULL(size);
    CheckRange<uint64_t>(batchSize, 1, aipp::kMaxBatch, "batchSize");
    *size = aipp::DynamicDataBytes(batchSize);
    return ACL_SUCCESS;
  });
}

aclError aclmdlSetAIPPInputFormat(aclmdlAIPP* aippParmsSet, aclAippInputFormat inputFormat) {
  return ApiCall("aclmdlSetAIPPInputFormat", [&] {
    aclmdlAIPP* set = Unwrap(aippParmsSet);
    if (!aipp::IsSupportedFormat(inputFormat)) {
      if (inputFormat >= ACL_NC1HWC0DI_FP16 && inputFormat <= ACL_RAW24) {
        // NC1HWC0DI_FP16/S8 and RAW10..RAW24: no documented layout or conversion to reproduce.
        aclsim::Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "inputFormat {} is not converted by aclsim's AIPP (the 8-bit "
                     "image formats 1-4 and 7-10 are)", static_cast<int>(inputFormat));
      }
      aclsim::Fail(ACL_ERROR_INVALID_PARAM, "inputFormat {} is not an aclAippInputFormat", static_cast<int>(inputFormat));
    }
    ACLSIM_CHECK_ARG(!(set->params.csc && inputFormat == ACL_YUV400_U8),
                     "colour space conversion is on, which YUV400_U8 does not allow");
    set->params.format = static_cast<aipp::InputFormat>(inputFormat);
    set->format_set = true;
    return ACL_SUCCESS;
  });
}

aclError aclmdlSetAIPPCscParams(aclmdlAIPP* aippParmsSet, int8_t cscSwitch, int16_t cscMatrixR0C0, int16_t cscMatrixR0C1,
                                int16_t cscMatrixR0C2, int16_t cscMatrixR1C0, int16_t cscMatrixR1C1, int16_t cscMatrixR1C2,
                                int16_t cscMatrixR2C0, int16_t cscMatrixR2C1, int16_t cscMatrixR2C2,
                                uint8_t cscOutputBiasR0, uint8_t cscOutputBiasR1, uint8_t cscOutputBiasR2,
                                uint8_t cscInputBiasR0, uint8_t cscInputBiasR1, uint8_t cscInputBiasR2) {
  return ApiCall("aclmdlSetAIPPCscParams", [&] {
    aclmdlAIPP* set = Unwrap(aippParmsSet);
    CheckSwitch(cscSwitch, "cscSwitch");
    aipp::Params& p = set->params;
    if (cscSwitch == 0) {
      p.csc = false;  // the other arguments are documented as ignored
      return ACL_SUCCESS;
    }
    ACLSIM_CHECK_ARG(!(set->format_set && p.format == aipp::InputFormat::kYuv400),
                     "the input format is YUV400_U8, which has no colour space conversion");
    const int16_t matrix[9] = {cscMatrixR0C0, cscMatrixR0C1, cscMatrixR0C2, cscMatrixR1C0, cscMatrixR1C1,
                               cscMatrixR1C2, cscMatrixR2C0, cscMatrixR2C1, cscMatrixR2C2};
    for (int i = 0; i < 9; ++i) {
      // The documented range (CANN's reference says [-32677, 32676]).
      ACLSIM_CHECK_ARG(matrix[i] >= -32677 && matrix[i] <= 32676, "cscMatrixR{}C{} is {}, out of its range [-32677, 32676]",
                       i / 3, i % 3, matrix[i]);
    }
    p.csc = true;
    for (int i = 0; i < 9; ++i) p.matrix[i] = matrix[i];
    p.output_bias = {cscOutputBiasR0, cscOutputBiasR1, cscOutputBiasR2};
    p.input_bias = {cscInputBiasR0, cscInputBiasR1, cscInputBiasR2};
    return ACL_SUCCESS;
  });
}

aclError aclmdlSetAIPPRbuvSwapSwitch(aclmdlAIPP* aippParmsSet, int8_t rbuvSwapSwitch) {
  return ApiCall("aclmdlSetAIPPRbuvSwapSwitch", [&] {
    aclmdlAIPP* set = Unwrap(aippParmsSet);
    CheckSwitch(rbuvSwapSwitch, "rbuvSwapSwitch");
    set->params.rbuv_swap = rbuvSwapSwitch == 1;
    return ACL_SUCCESS;
  });
}

aclError aclmdlSetAIPPAxSwapSwitch(aclmdlAIPP* aippParmsSet, int8_t axSwapSwitch) {
  return ApiCall("aclmdlSetAIPPAxSwapSwitch", [&] {
    aclmdlAIPP* set = Unwrap(aippParmsSet);
    CheckSwitch(axSwapSwitch, "axSwapSwitch");
    set->params.ax_swap = axSwapSwitch == 1;
    return ACL_SUCCESS;
  });
}

aclError aclmdlSetAIPPSrcImageSize(aclmdlAIPP* aippParmsSet, int32_t srcImageSizeW, int32_t srcImageSizeH) {
  return ApiCall("aclmdlSetAIPPSrcImageSize", [&] {
    aclmdlAIPP* set = Unwrap(aippParmsSet);
    CheckRange<int32_t>(srcImageSizeW, 2, aipp::kMaxImageSide, "srcImageSizeW");
    CheckRange<int32_t>(srcImageSizeH, 1, aipp::kMaxImageSide, "srcImageSizeH");
    if (set->format_set) {
      // Documented: an even width for YUV420SP_U8, YUV422SP_U8 and YUYV_U8, an even height for YUV420SP_U8.
      const aipp::InputFormat format = set->params.format;
      ACLSIM_CHECK_ARG(srcImageSizeW % aipp::ChromaStepW(format) == 0, "a {} image needs an even srcImageSizeW, not {}",
                       aipp::FormatName(format), srcImageSizeW);
      ACLSIM_CHECK_ARG(srcImageSizeH % aipp::ChromaStepH(format) == 0, "a {} image needs an even srcImageSizeH, not {}",
                       aipp::FormatName(format), srcImageSizeH);
    }
    set->params.src_w = srcImageSizeW;
    set->params.src_h = srcImageSizeH;
    return ACL_SUCCESS;
  });
}

aclError aclmdlSetAIPPScfParams(aclmdlAIPP* aippParmsSet, int8_t scfSwitch, int32_t scfInputSizeW, int32_t scfInputSizeH,
                                int32_t scfOutputSizeW, int32_t scfOutputSizeH, uint64_t batchIndex) {
  return ApiCall("aclmdlSetAIPPScfParams", [&] {
    aclmdlAIPP* set = Unwrap(aippParmsSet);
    CheckSwitch(scfSwitch, "scfSwitch");
    aipp::BatchParams& b = Batch(set, batchIndex);
    if (scfSwitch == 1) {
      CheckRange<int32_t>(scfInputSizeW, 16, 4096, "scfInputSizeW");
      CheckRange<int32_t>(scfInputSizeH, 16, 4096, "scfInputSizeH");
      CheckRange<int32_t>(scfOutputSizeW, 16, 1920, "scfOutputSizeW");
      CheckRange<int32_t>(scfOutputSizeH, 16, 4096, "scfOutputSizeH");
      ACLSIM_CHECK_ARG(scfOutputSizeW * 16 >= scfInputSizeW && scfOutputSizeW <= scfInputSizeW * 16 &&
                           scfOutputSizeH * 16 >= scfInputSizeH && scfOutputSizeH <= scfInputSizeH * 16,
                       "the scaling {}x{} -> {}x{} is outside the documented [1/16, 16]", scfInputSizeW, scfInputSizeH,
                       scfOutputSizeW, scfOutputSizeH);
    }
    b.resize = scfSwitch == 1;
    b.resize_in_w = scfSwitch == 1 ? scfInputSizeW : 0;
    b.resize_in_h = scfSwitch == 1 ? scfInputSizeH : 0;
    b.resize_out_w = scfSwitch == 1 ? scfOutputSizeW : 0;
    b.resize_out_h = scfSwitch == 1 ? scfOutputSizeH : 0;
    return ACL_SUCCESS;
  });
}

aclError aclmdlSetAIPPCropParams(aclmdlAIPP* aippParmsSet, int8_t cropSwitch, int32_t cropStartPosW, int32_t cropStartPosH,
                                 int32_t cropSizeW, int32_t cropSizeH, uint64_t batchIndex) {
  return ApiCall("aclmdlSetAIPPCropParams", [&] {
    aclmdlAIPP* set = Unwrap(aippParmsSet);
    CheckSwitch(cropSwitch, "cropSwitch");
    aipp::BatchParams& b = Batch(set, batchIndex);
    if (cropSwitch == 1) {
      CheckRange<int32_t>(cropStartPosW, 0, 4095, "cropStartPosW");
      CheckRange<int32_t>(cropStartPosH, 0, 4095, "cropStartPosH");
      CheckRange<int32_t>(cropSizeW, 1, 4096, "cropSizeW");
      CheckRange<int32_t>(cropSizeH, 1, 4096, "cropSizeH");
    }
    b.crop = cropSwitch == 1;
    b.crop_x = b.crop ? cropStartPosW : 0;
    b.crop_y = b.crop ? cropStartPosH : 0;
    b.crop_w = b.crop ? cropSizeW : 0;
    b.crop_h = b.crop ? cropSizeH : 0;
    return ACL_SUCCESS;
  });
}

aclError aclmdlSetAIPPPaddingParams(aclmdlAIPP* aippParmsSet, int8_t paddingSwitch, int32_t paddingSizeTop,
                                    int32_t paddingSizeBottom, int32_t paddingSizeLeft, int32_t paddingSizeRight,
                                    uint64_t batchIndex) {
  return ApiCall("aclmdlSetAIPPPaddingParams", [&] {
    aclmdlAIPP* set = Unwrap(aippParmsSet);
    CheckSwitch(paddingSwitch, "paddingSwitch");
    aipp::BatchParams& b = Batch(set, batchIndex);
    if (paddingSwitch == 1) {
      CheckRange<int32_t>(paddingSizeTop, 0, 32, "paddingSizeTop");
      CheckRange<int32_t>(paddingSizeBottom, 0, 32, "paddingSizeBottom");
      CheckRange<int32_t>(paddingSizeLeft, 0, 32, "paddingSizeLeft");
      CheckRange<int32_t>(paddingSizeRight, 0, 32, "paddingSizeRight");
    }
    b.padding = paddingSwitch == 1;
    b.pad_top = b.padding ? paddingSizeTop : 0;
    b.pad_bottom = b.padding ? paddingSizeBottom : 0;
    b.pad_left = b.padding ? paddingSizeLeft : 0;
    b.pad_right = b.padding ? paddingSizeRight : 0;
    return ACL_SUCCESS;
  });
}

aclError aclmdlSetAIPPDtcPixelMean(aclmdlAIPP* aippParmsSet, int16_t dtcPixelMeanChn0, int16_t dtcPixelMeanChn1,
                                   int16_t dtcPixelMeanChn2, int16_t dtcPixelMeanChn3, uint64_t batchIndex) {
  return ApiCall("aclmdlSetAIPPDtcPixelMean", [&] {
    aipp::BatchParams& b = Batch(Unwrap(aippParmsSet), batchIndex);
    const int16_t mean[4] = {dtcPixelMeanChn0, dtcPixelMeanChn1, dtcPixelMeanChn2, dtcPixelMeanChn3};
    SetChannels<int16_t>(mean, 0, 255, "dtcPixelMeanChn", b.mean);
    return ACL_SUCCESS;
  });
}

aclError aclmdlSetAIPPDtcPixelMin(aclmdlAIPP* aippParmsSet, float dtcPixelMinChn0, float dtcPixelMinChn1,
                                  float dtcPixelMinChn2, float dtcPixelMinChn3, uint64_t batchIndex) {
  return ApiCall("aclmdlSetAIPPDtcPixelMin", [&] {
    aipp::BatchParams& b = Batch(Unwrap(aippParmsSet), batchIndex);
    const float min[4] = {dtcPixelMinChn0, dtcPixelMinChn1, dtcPixelMinChn2, dtcPixelMinChn3};
    SetChannels(min, 0.0f, 255.0f, "dtcPixelMinChn", b.min);
    return ACL_SUCCESS;
  });
}

aclError aclmdlSetAIPPPixelVarReci(aclmdlAIPP* aippParmsSet, float dtcPixelVarReciChn0, float dtcPixelVarReciChn1,
                                   float dtcPixelVarReciChn2, float dtcPixelVarReciChn3, uint64_t batchIndex) {
  return ApiCall("aclmdlSetAIPPPixelVarReci", [&] {
    aipp::BatchParams& b = Batch(Unwrap(aippParmsSet), batchIndex);
    const float var[4] = {dtcPixelVarReciChn0, dtcPixelVarReciChn1, dtcPixelVarReciChn2, dtcPixelVarReciChn3};
    SetChannels(var, -65504.0f, 65504.0f, "dtcPixelVarReciChn", b.var_reci);
    return ACL_SUCCESS;
  });
}

// `index` is the dynamic AIPP parameter input (ACL_DYNAMIC_AIPP_NODE).
aclError aclmdlSetInputAIPP(uint32_t modelId, aclmdlDataset* dataset, size_t index, const aclmdlAIPP* aippParmsSet) {
  return ApiCall("aclmdlSetInputAIPP", [&] {
    const std::shared_ptr<LoadedModel> loaded = ModelStore::Get().Find(modelId);
    const InputAipp& info = AippOf(loaded->model(), index);
    ACLSIM_CHECK_ARG(info.kind == AippKind::kParams, "input {} of model {} is not a dynamic AIPP parameter input ({})",
                     index, modelId, ACL_DYNAMIC_AIPP_NAME);
    return Apply(*loaded, dataset, static_cast<size_t>(info.linked), index, aippParmsSet);
  });
}

// `index` is the image input the parameters are for (ACL_DATA_WITH_DYNAMIC_AIPP).
aclError aclmdlSetAIPPByInputIndex(uint32_t modelId, aclmdlDataset* dataset, size_t index, const aclmdlAIPP* aippParmsSet) {
  return ApiCall("aclmdlSetAIPPByInputIndex", [&] {
    const std::shared_ptr<LoadedModel> loaded = ModelStore::Get().Find(modelId);
    const InputAipp& info = AippOf(loaded->model(), index);
    ACLSIM_CHECK_ARG(info.kind == AippKind::kDynamic, "input {} of model {} has no dynamic AIPP", index, modelId);
    return Apply(*loaded, dataset, index, static_cast<size_t>(info.linked), aippParmsSet);
  });
}

aclError aclmdlGetAippType(uint32_t modelId, size_t index, aclmdlInputAippType* type, size_t* dynamicAttachedDataIndex) {
  return ApiCall("aclmdlGetAippType", [&] {
    const std::shared_ptr<LoadedModel> loaded = ModelStore::Get().Find(modelId);
    ACLSIM_CHECK_NOT_NULL(type);
    ACLSIM_CHECK_NOT_NULL(dynamicAttachedDataIndex);
    const InputAipp& info = AippOf(loaded->model(), index);
    *type = static_cast<aclmdlInputAippType>(info.kind);
    *dynamicAttachedDataIndex = info.kind == AippKind::kDynamic ? static_cast<size_t>(info.linked) : 0xFFFFFFFFu;
    return ACL_SUCCESS;
  });
}

// Static AIPP: the configuration and the shapes; dynamic AIPP: only the shapes (srcFormat,
// srcDatatype, srcDimNum, shapeCount, outDims), as documented.
aclError aclmdlGetFirstAippInfo(uint32_t modelId, size_t index, aclAippInfo* aippInfo) {
  return ApiCall("aclmdlGetFirstAippInfo", [&] {
    const std::shared_ptr<LoadedModel> loaded = ModelStore::Get().Find(modelId);
    const Model& model = loaded->model();
    ACLSIM_CHECK_NOT_NULL(aippInfo);
    const InputAipp& info = AippOf(model, index);
    if (info.kind != AippKind::kStatic && info.kind != AippKind::kDynamic) {
      aclsim::Fail(ACL_ERROR_GE_AIPP_NOT_EXIST, "input {} of model {} has no AIPP", index, modelId);
    }
    std::memset(aippInfo, 0, sizeof(*aippInfo));
    const aclsim::model::IoDesc& io = model.inputs()[index];
    aippInfo->srcFormat = ACL_FORMAT_NCHW;
    aippInfo->srcDatatype = static_cast<aclDataType>(info.output_dtype);
    aippInfo->srcDimNum = info.output_dims.size();
    aippInfo->shapeCount = 1;
    aclAippDims& dims = aippInfo->outDims[0];
    FillDims(dims.srcDims, io.name, io.image_dims.empty() ? io.dims : io.image_dims);
    dims.srcSize = io.size;
    FillDims(dims.aippOutdims, io.name, info.output_dims);
    size_t elements = 1;
    for (int64_t d : info.output_dims) elements *= static_cast<size_t>(d);
    dims.aippOutSize = elements * aclsim::sim::SizeOf(info.output_dtype);
    if (info.kind == AippKind::kDynamic) return ACL_SUCCESS;

    const aipp::Params& p = info.params;
    const aipp::BatchParams& b = p.batches.at(0);
    aippInfo->inputFormat = static_cast<aclAippInputFormat>(p.format);
    aippInfo->srcImageSizeW = p.src_w;
    aippInfo->srcImageSizeH = p.src_h;
    aippInfo->cropSwitch = b.crop ? 1 : 0;
    aippInfo->loadStartPosW = b.crop_x;
    aippInfo->loadStartPosH = b.crop_y;
    aippInfo->cropSizeW = b.crop_w;
    aippInfo->cropSizeH = b.crop_h;
    aippInfo->paddingSwitch = b.padding ? 1 : 0;
    aippInfo->leftPaddingSize = b.pad_left;
    aippInfo->rightPaddingSize = b.pad_right;
    aippInfo->topPaddingSize = b.pad_top;
    aippInfo->bottomPaddingSize = b.pad_bottom;
    aippInfo->cscSwitch = p.csc ? 1 : 0;
    aippInfo->rbuvSwapSwitch = p.rbuv_swap ? 1 : 0;
    aippInfo->axSwapSwitch = p.ax_swap ? 1 : 0;
    int32_t* matrix[9] = {&aippInfo->matrixR0C0, &aippInfo->matrixR0C1, &aippInfo->matrixR0C2,
                          &aippInfo->matrixR1C0, &aippInfo->matrixR1C1, &aippInfo->matrixR1C2,
                          &aippInfo->matrixR2C0, &aippInfo->matrixR2C1, &aippInfo->matrixR2C2};
    for (int i = 0; i < 9; ++i) *matrix[i] = p.matrix[i];
    aippInfo->outputBias0 = p.output_bias[0];
    aippInfo->outputBias1 = p.output_bias[1];
    aippInfo->outputBias2 = p.output_bias[2];
    aippInfo->inputBias0 = p.input_bias[0];
    aippInfo->inputBias1 = p.input_bias[1];
    aippInfo->inputBias2 = p.input_bias[2];
    aippInfo->meanChn0 = b.mean[0];
    aippInfo->meanChn1 = b.mean[1];
    aippInfo->meanChn2 = b.mean[2];
    aippInfo->meanChn3 = b.mean[3];
    aippInfo->minChn0 = b.min[0];
    aippInfo->minChn1 = b.min[1];
    aippInfo->minChn2 = b.min[2];
    aippInfo->minChn3 = b.min[3];
    aippInfo->varReciChn0 = b.var_reci[0];
    aippInfo->varReciChn1 = b.var_reci[1];
    aippInfo->varReciChn2 = b.var_reci[2];
    aippInfo->varReciChn3 = b.var_reci[3];
    return ACL_SUCCESS;
  });
}

}  // extern "C"
