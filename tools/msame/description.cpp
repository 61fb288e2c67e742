#include "description.h"

#include <fmt/ranges.h>

#include <vector>

#include "console.h"

namespace msame {
namespace {

// msame prints dims as a bare line of values, each followed by a space.
std::string DimsLine(const std::vector<int64_t>& dims) {
  std::string line;
  for (int64_t d : dims) line += std::to_string(d) + " ";
  return line;
}

void PrintTensor(const char* kind, size_t index, const TensorInfo& info) {
  Debug("the size of {} {}: {}", index, kind, info.size);
  Debug("the dims of {} {}:", index, kind);
  PrintLine(DimsLine(info.dims));
  Debug("the name of {} {}: {}", index, kind, info.name);
  Debug("the Format of {} {}: {}", index, kind, static_cast<unsigned>(info.format));
  Debug("the DataType of {} {}: {}", index, kind, static_cast<unsigned>(info.type));
}

}  // namespace

void PrintDescription(const Model& model) {
  Debug("start print model description");
  Debug("NumInputs: {}", model.inputs().size());
  Debug("NumOutputs: {}", model.outputs().size());
  for (size_t i = 0; i < model.inputs().size(); ++i) PrintTensor("input", i, model.inputs()[i]);
  for (size_t i = 0; i < model.outputs().size(); ++i) PrintTensor("output", i, model.outputs()[i]);

  aclmdlBatch batch{};
  CheckAcl(aclmdlGetDynamicBatch(model.desc(), &batch), "get DynamicBatch failed");
  if (batch.batchCount != 0) {
    Debug("DynamicBatch:");
    std::string line;
    for (size_t i = 0; i < batch.batchCount; ++i) line += std::to_string(batch.batch[i]) + " ";
    PrintLine(line);
  }
  aclmdlHW hw{};
  CheckAcl(aclmdlGetDynamicHW(model.desc(), static_cast<size_t>(-1), &hw), "get DynamicHW failed");
  if (hw.hwCount != 0) {
    Debug("DynamicHW:");
    std::string line;
    for (size_t i = 0; i < hw.hwCount; ++i) line += fmt::format("{},{} ", hw.hw[i][0], hw.hw[i][1]);
    PrintLine(line);
  }
  // Not printed by msame: the gears of a model converted with --dynamic_dims, one "d,d,..." each.
  size_t gear_count = 0;
  CheckAcl(aclmdlGetInputDynamicGearCount(model.desc(), static_cast<size_t>(-1), &gear_count),
           "get input dynamic gear count failed");
  if (gear_count != 0) {
    std::vector<aclmdlIODims> gears(gear_count);
    CheckAcl(aclmdlGetInputDynamicDims(model.desc(), static_cast<size_t>(-1), gears.data(), gear_count),
             "get input dynamic dims failed");
    Debug("DynamicDims:");
    std::string line;
    for (const aclmdlIODims& gear : gears) {
      line += fmt::format("{} ", fmt::join(gear.dims, gear.dims + gear.dimCount, ","));
    }
    PrintLine(line);
  }
  Debug("end print model description");
}

}  // namespace msame
