#include "op/op_compile.h"

#include <algorithm>

#include <fmt/format.h>

#include "common/error.h"
#include "sim/registry.h"

namespace aclsim {
namespace {

// A static stand-in for a dynamic description, to run the shape function on: each -1 dim takes
// the low end of its range (at least 1).
sim::TensorSpec SpecForChecking(const OpTensorDesc& desc) {
  sim::TensorSpec spec(desc.dtype, desc.dims, desc.format);
  for (size_t i = 0; i < spec.shape.size(); ++i) {
    if (spec.shape[i] == -1) spec.shape[i] = i < desc.shape_range.size() ? std::max<int64_t>(1, desc.shape_range[i][0]) : 1;
  }
  spec.value = desc.const_value;
  return spec;
}

bool HasUnknownRank(const std::vector<OpTensorDesc>& descs) {
  return std::any_of(descs.begin(), descs.end(), [](const OpTensorDesc& d) { return d.dims.size() == 1 && d.dims[0] == -2; });
}

}  // namespace

void ValidateOpModel(const OpModel& model, const std::string& where) {
  const sim::OpDef* def = sim::Kernels().Find(model.type);
  if (def == nullptr) {
    try {
      sim::Kernels().Get(model.type);  // throws, naming the closest operator types
    } catch (const Error& e) {
      Fail(ACL_ERROR_OP_TYPE_NOT_MATCH, "{}.op: {}", where, e.what());
    }
  }
  for (const auto& [name, value] : model.attrs) {
    const bool known = std::any_of(def->attrs.begin(), def->attrs.end(), [&](const auto& a) { return a.name == name; });
    if (!known) {
      std::string names;
      for (const auto& a : def->attrs) names += (names.empty() ? "" : ", ") + a.name;
      Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}.attr: \"{}\" is not an attribute of {} (its attributes: {})", where, name,
           model.type, names.empty() ? "none" : names);
    }
  }
  if (HasUnknownRank(model.inputs) || HasUnknownRank(model.outputs)) return;  // checked per call
  std::vector<sim::TensorSpec> inputs;
  for (const auto& d : model.inputs) inputs.push_back(SpecForChecking(d));
  std::vector<sim::TensorSpec> outputs;
  try {
    outputs = sim::Kernels().Infer(model.type, inputs, model.attrs);
  } catch (const Error& e) {
    throw Error(e.code(), fmt::format("{}: {}", where, e.what()));
  }
  if (outputs.size() != model.outputs.size()) {
    Fail(ACL_ERROR_OP_OUTPUT_NOT_MATCH, "{}.output_desc: {} has {} output(s), {} described", where, model.type,
         outputs.size(), model.outputs.size());
  }
  if (model.IsDynamic()) return;  // output shapes are only comparable for static inputs
  for (size_t i = 0; i < outputs.size(); ++i) {
    const OpTensorDesc& d = model.outputs[i];
    if (outputs[i].dtype != d.dtype || outputs[i].shape != d.dims) {
      Fail(ACL_ERROR_OP_OUTPUT_NOT_MATCH, "{}.output_desc[{}]: {} computes {}, the description says {}{}", where, i,
           model.type, sim::ToString(outputs[i]), sim::Name(d.dtype), sim::ToString(d.dims));
    }
  }
}

}  // namespace aclsim
