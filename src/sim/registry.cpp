#include "sim/registry.h"

#include <algorithm>

#include "common/error.h"
#include "sim/kernels/families.h"

namespace aclsim::sim {
namespace {

// Edit distance, to suggest the intended operator for a misspelt type.
size_t Distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) == std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

void Registry::Add(OpDef def) {
  const std::string type = def.type;
  if (!ops_.emplace(type, std::move(def)).second) Fail(ACL_ERROR_INTERNAL_ERROR, "operator {} registered twice", type);
}

const OpDef* Registry::Find(const std::string& type) const {
  auto it = ops_.find(type);
  return it == ops_.end() ? nullptr : &it->second;
}

const OpDef& Registry::Get(const std::string& type) const {
  if (const OpDef* def = Find(type)) return *def;
  std::vector<std::pair<size_t, std::string>> near;
  for (const auto& [name, def] : ops_) near.emplace_back(Distance(type, name), name);
  std::sort(near.begin(), near.end());
  std::string hint;
  for (size_t i = 0; i < std::min<size_t>(3, near.size()); ++i) hint += (i ? ", " : "") + near[i].second;
  Fail(ACL_ERROR_OP_TYPE_NOT_MATCH, "operator type \"{}\" is not implemented by the simulator (closest: {}); "
       "docs/operators.md lists them all", type, hint);
}

std::vector<TensorSpec> Registry::Infer(const std::string& type, const std::vector<TensorSpec>& inputs,
                                        const Attrs& attrs) const {
  const OpDef& def = Get(type);
  const int count = static_cast<int>(inputs.size());
  if (count < def.min_inputs || (def.max_inputs >= 0 && count > def.max_inputs)) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{} takes {} input(s), got {}", type,
         def.max_inputs == def.min_inputs ? std::to_string(def.min_inputs)
         : def.max_inputs < 0            ? std::to_string(def.min_inputs) + " or more"
                                         : std::to_string(def.min_inputs) + " to " + std::to_string(def.max_inputs),
         count);
  }
  AttrReader reader(def.type.c_str(), attrs);
  return def.infer(inputs, reader);
}

void Registry::Run(const std::string& type, const std::vector<TensorView>& inputs,
                   const std::vector<TensorView>& outputs, const Attrs& attrs, const Parallel& parallel) const {
  std::vector<TensorSpec> specs;
  specs.reserve(inputs.size());
  for (const TensorView& v : inputs) specs.push_back(v.spec);
  const std::vector<TensorSpec> expected = Infer(type, specs, attrs);
  if (expected.size() != outputs.size()) {
    Fail(ACL_ERROR_OP_OUTPUT_NOT_MATCH, "{} produces {} output(s), {} given", type, expected.size(), outputs.size());
  }
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (expected[i].dtype != outputs[i].spec.dtype || expected[i].shape != outputs[i].spec.shape) {
      Fail(ACL_ERROR_OP_OUTPUT_NOT_MATCH, "{}: output {} must be {}, given {}", type, i, ToString(expected[i]),
           ToString(outputs[i].spec));
    }
  }
  const OpDef& def = Get(type);
  AttrReader reader(def.type.c_str(), attrs);
  def.kernel(KernelArgs{def.type.c_str(), inputs, outputs, reader, parallel});
}

const Registry& Kernels() {
  static const Registry* registry = [] {
    auto* r = new Registry();
    RegisterAllKernels(*r);
    return r;
  }();
  return *registry;
}

}  // namespace aclsim::sim
