#include "gears.h"

#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <string>

#include "console.h"

namespace msame {
namespace {

struct ModelGears {
  std::vector<uint64_t> batches;
  std::vector<std::pair<uint64_t, uint64_t>> image_sizes;
  std::vector<aclmdlIODims> dims;
};

ModelGears ReadGears(const Model& model) {
  ModelGears gears;
  aclmdlBatch batch{};
  CheckAcl(aclmdlGetDynamicBatch(model.desc(), &batch), "get DynamicBatch failed");
  gears.batches.assign(batch.batch, batch.batch + batch.batchCount);
  aclmdlHW hw{};
  CheckAcl(aclmdlGetDynamicHW(model.desc(), static_cast<size_t>(-1), &hw), "get DynamicHW failed");
  for (size_t i = 0; i < hw.hwCount; ++i) gears.image_sizes.emplace_back(hw.hw[i][0], hw.hw[i][1]);
  size_t count = 0;
  CheckAcl(aclmdlGetInputDynamicGearCount(model.desc(), static_cast<size_t>(-1), &count),
           "get input dynamic gear count failed");
  if (count > 0) {
    gears.dims.resize(count);
    CheckAcl(aclmdlGetInputDynamicDims(model.desc(), static_cast<size_t>(-1), gears.dims.data(), count),
             "get input dynamic dims failed");
  }
  return gears;
}

std::string BatchList(const ModelGears& gears) {
  std::string list;
  for (uint64_t b : gears.batches) list += fmt::format("[{}]", b);
  return list;
}

std::string ImageSizeList(const ModelGears& gears) {
  std::string list;
  for (const auto& [h, w] : gears.image_sizes) list += fmt::format("[{},{}]", h, w);
  return list;
}

// msame's listing of the dims gears, one [ERROR] line each.
void PrintDimsGears(const ModelGears& gears) {
  Error("model has {} gear of dims", gears.dims.size());
  for (size_t i = 0; i < gears.dims.size(); ++i) {
    std::string line = fmt::format("dims[{}]:", i);
    for (size_t j = 0; j < gears.dims[i].dimCount; ++j) line += fmt::format("[{}]", gears.dims[i].dims[j]);
    Error("{}", line);
  }
}

Gear ChooseBatch(const ModelGears& gears, uint64_t batch) {
  if (gears.batches.empty()) Fail("the dynamic_batch_size parameter is not specified for model conversion");
  if (std::find(gears.batches.begin(), gears.batches.end(), batch) == gears.batches.end()) {
    Error("the dymBatch parameter is not correct");
    Fail("model has dynamic batch size:{{{}}}, please set correct dynamic batch size", BatchList(gears));
  }
  Info("check dynamic batch success");
  Gear gear;
  gear.kind = GearKind::kBatch;
  gear.batch = batch;
  return gear;
}

Gear ChooseImageSize(const ModelGears& gears, std::pair<uint64_t, uint64_t> hw) {
  if (gears.image_sizes.empty()) Fail("the dynamic_image_size parameter is not specified for model conversion");
  if (std::find(gears.image_sizes.begin(), gears.image_sizes.end(), hw) == gears.image_sizes.end()) {
    Error("the dymHW parameter is not correct");
    Fail("model has dynamic image size:{{{}}}, please set correct dynamic image size", ImageSizeList(gears));
  }
  Info("check dynamic image size success.");
  Gear gear;
  gear.kind = GearKind::kImageSize;
  gear.height = hw.first;
  gear.width = hw.second;
  return gear;
}

// --dymDims names each input; the gear is their shapes concatenated in the model's input order.
Gear ChooseDims(const Model& model, const ModelGears& gears, const std::vector<NamedDims>& named) {
  if (gears.dims.empty()) Fail("the dynamic_dims parameter is not specified for model conversion");
  std::map<std::string, std::vector<int64_t>> by_name;
  for (const NamedDims& part : named) {
    if (!by_name.emplace(part.name, part.dims).second) Fail("--dymDims gives input {} twice", part.name);
  }
  Gear gear;
  gear.kind = GearKind::kDims;
  std::vector<std::string> names;
  for (size_t input : model.data_inputs()) {
    const TensorInfo& info = model.inputs()[input];
    names.push_back(info.name);
    const auto found = by_name.find(info.name);
    if (found == by_name.end()) continue;
    if (found->second.size() != info.dims.size()) {
      Fail("--dymDims gives input {} {} dims, but it has {} ({})", info.name, found->second.size(), info.dims.size(),
           fmt::join(info.dims, ","));
    }
    for (int64_t d : found->second) {
      if (gear.dims.dimCount >= ACL_MAX_DIM_CNT) Fail("--dymDims gives more than {} dims in all", ACL_MAX_DIM_CNT);
      gear.dims.dims[gear.dims.dimCount++] = d;
    }
    by_name.erase(found);
  }
  if (!by_name.empty()) {
    Fail("--dymDims names {}, which is not an input of the model (its inputs: {})", by_name.begin()->first,
         fmt::join(names, ", "));
  }
  if (named.size() != names.size()) {
    Fail("--dymDims gives {} of the model's {} inputs ({}): give a shape for each", named.size(), names.size(),
         fmt::join(names, ", "));
  }
  const bool known = std::any_of(gears.dims.begin(), gears.dims.end(), [&](const aclmdlIODims& g) {
    return g.dimCount == gear.dims.dimCount && std::equal(g.dims, g.dims + g.dimCount, gear.dims.dims);
  });
  if (!known) {
    Error("the dymDims parameter is not correct");
    PrintDimsGears(gears);
    Fail("check dynamic dims failed, please set correct dymDims paramenter");
  }
  Info("check dynamic dims success");
  Info("prepare dynamic dims successful");
  return gear;
}

}  // namespace

Gear ChooseGear(const Model& model, const Options& options) {
  const ModelGears gears = ReadGears(model);
  Gear gear;
  if (options.dym_batch) {
    gear = ChooseBatch(gears, *options.dym_batch);
  } else if (options.dym_hw) {
    gear = ChooseImageSize(gears, *options.dym_hw);
  } else if (options.dym_dims) {
    gear = ChooseDims(model, gears, *options.dym_dims);
  } else if (!gears.dims.empty()) {
    Fail("model has dynamic_dims, please add dymDims parameter");
  } else if (!gears.batches.empty()) {
    Fail("model has dynamic batch size:{{{}}}, please add dymBatch parameter", BatchList(gears));
  } else if (!gears.image_sizes.empty()) {
    Fail("model has dynamic image size:{{{}}}, please add dymHW parameter", ImageSizeList(gears));
  }
  if (gear.kind != GearKind::kNone) {
    if (!model.gear_input()) Fail("get input index by name failed: the model has no {} input", ACL_DYNAMIC_TENSOR_NAME);
    Info("get input index by name success");
  }
  return gear;
}

std::vector<int64_t> InputShapeAt(const Model& model, size_t input, const Gear& gear) {
  std::vector<int64_t> shape = model.inputs()[input].dims;
  switch (gear.kind) {
    case GearKind::kNone:
      break;
    case GearKind::kBatch:
      for (int64_t& d : shape) {
        if (d < 0) d = static_cast<int64_t>(gear.batch);
      }
      break;
    case GearKind::kImageSize: {
      int filled = 0;
      for (int64_t& d : shape) {
        if (d < 0) d = static_cast<int64_t>(filled++ == 0 ? gear.height : gear.width);
      }
      break;
    }
    case GearKind::kDims: {
      size_t offset = 0;
      for (size_t i : model.data_inputs()) {
        if (i == input) break;
        offset += model.inputs()[i].dims.size();
      }
      for (size_t j = 0; j < shape.size() && offset + j < gear.dims.dimCount; ++j) shape[j] = gear.dims.dims[offset + j];
      break;
    }
  }
  return shape;
}

size_t InputBytesAt(const Model& model, size_t input, const Gear& gear) {
  const TensorInfo& info = model.inputs()[input];
  size_t elements = 1;
  for (int64_t d : InputShapeAt(model, input, gear)) {
    if (d < 0) return info.size;  // still unknown: the largest gear's size
    elements *= static_cast<size_t>(d);
  }
  return elements * aclDataTypeSize(info.type);
}

void SetGear(const Model& model, aclmdlDataset* inputs, const Gear& gear) {
  switch (gear.kind) {
    case GearKind::kNone:
      return;
    case GearKind::kBatch:
      CheckAcl(aclmdlSetDynamicBatchSize(model.id(), inputs, *model.gear_input(), gear.batch),
               "set dynamic batch size failed");
      Info("set dynamic batch size success");
      return;
    case GearKind::kImageSize:
      CheckAcl(aclmdlSetDynamicHWSize(model.id(), inputs, *model.gear_input(), gear.height, gear.width),
               "set dynamic image size failed");
      Info("set Dynamic HW success");
      return;
    case GearKind::kDims:
      CheckAcl(aclmdlSetInputDynamicDims(model.id(), inputs, *model.gear_input(), &gear.dims), "set dynamic dims failed");
      Info("set dynamic dims success");
      return;
  }
}

}  // namespace msame
