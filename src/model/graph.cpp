#include "model/graph.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "model/attr_json.h"
#include "sim/registry.h"

namespace aclsim::model {
namespace {

using nlohmann::json;

json TensorToJson(const GraphTensor& t) {
  json out{{"name", t.name}, {"dtype", sim::Name(t.dtype)}, {"format", FormatName(t.format)}, {"dims", t.dims}};
  if (t.weight) out["weight"] = {{"offset", t.weight->offset}, {"size", t.weight->size}};
  return out;
}

json NodeToJson(const GraphNode& n) {
  json attrs = json::array();
  for (const auto& [name, value] : n.attrs) attrs.push_back(AttrToJson(name, value));
  return json{{"name", n.name}, {"type", n.type}, {"inputs", n.inputs}, {"outputs", n.outputs}, {"attrs", attrs}};
}

// Reading: every fault is a parse error naming the file and the field.
class Reader {
 public:
  explicit Reader(const std::string& what) : what_(what) {}

  [[noreturn]] void Bad(const std::string& where, const std::string& why) const {
    Fail(ACL_ERROR_PARSE_MODEL, "{}: graph {}: {}", what_, where, why);
  }
  const json& Field(const json& object, const char* key, const std::string& where) const {
    if (!object.is_object() || !object.contains(key)) Bad(where, fmt::format("required field \"{}\" is missing", key));
    return object.at(key);
  }
  template <typename T>
  T Get(const json& object, const char* key, const std::string& where) const {
    try {
      return Field(object, key, where).get<T>();
    } catch (const json::exception&) {
      Bad(where + "." + key, "has the wrong type");
    }
  }
  // Runs `parse`, turning the invalid-parameter errors of the shared JSON readers into parse errors.
  template <typename Fn>
  auto Shared(Fn&& parse) const {
    try {
      return parse();
    } catch (const Error& e) {
      Fail(ACL_ERROR_PARSE_MODEL, "{}: graph {}", what_, e.what());
    }
  }

 private:
  const std::string& what_;
};

std::vector<int32_t> Indices(const Reader& r, const json& list, size_t tensor_count, bool allow_absent,
                             const std::string& where) {
  if (!list.is_array()) r.Bad(where, "must be a list of tensor indices");
  std::vector<int32_t> out;
  for (const auto& v : list) {
    if (!v.is_number_integer()) r.Bad(where, "must be a list of tensor indices");
    const int64_t i = v.get<int64_t>();
    if (i == -1 && allow_absent) {
      out.push_back(-1);
      continue;
    }
    if (i < 0 || i >= static_cast<int64_t>(tensor_count)) {
      r.Bad(where, fmt::format("tensor index {} is out of range (the graph has {} tensors)", i, tensor_count));
    }
    out.push_back(static_cast<int32_t>(i));
  }
  return out;
}

GraphTensor ParseTensor(const Reader& r, const json& j, uint64_t weights_size, const std::string& where) {
  GraphTensor t;
  t.name = r.Get<std::string>(j, "name", where);
  t.dtype = r.Shared([&] { return ParseDTypeName(r.Get<std::string>(j, "dtype", where), where + ".dtype"); });
  t.format = r.Shared([&] { return ParseFormatName(r.Get<std::string>(j, "format", where), where + ".format"); });
  t.dims = r.Shared([&] { return IntList(r.Field(j, "dims", where), where + ".dims"); });
  for (int64_t d : t.dims) {
    if (d < -1) r.Bad(where + ".dims", fmt::format("dim {} is not a size or -1", d));
  }
  if (j.contains("weight")) {
    const json& w = j.at("weight");
    t.weight = WeightRef{r.Get<uint64_t>(w, "offset", where + ".weight"), r.Get<uint64_t>(w, "size", where + ".weight")};
    if (t.weight->offset > weights_size || t.weight->size > weights_size - t.weight->offset) {
      r.Bad(where + ".weight", fmt::format("{} bytes at offset {} run past the {}-byte weights section", t.weight->size,
                                           t.weight->offset, weights_size));
    }
    int64_t count = 1;
    for (int64_t d : t.dims) count = d < 0 ? -1 : count * d;
    if (count < 0) r.Bad(where, "a constant must have a static shape");
    if (t.weight->size != static_cast<uint64_t>(count) * sim::SizeOf(t.dtype)) {
      r.Bad(where + ".weight", fmt::format("holds {} bytes, a {} {} needs {}", t.weight->size, sim::Name(t.dtype),
                                           sim::ToString(t.dims), static_cast<uint64_t>(count) * sim::SizeOf(t.dtype)));
    }
  }
  return t;
}

// Every gear has the values its kind needs: the batch; height and width; or one per -1 dim of the
// data inputs. Each value is a size, and the gear input is int64 [gear length].
void CheckGears(const Reader& r, const ModelGraph& g) {
  if (g.dynamic.kind == DynamicKind::kNone) return;
  size_t unknown = 0;
  for (int32_t input : g.inputs) {
    if (g.tensors[input].name == kDynamicInputName) continue;
    for (int64_t d : g.tensors[input].dims) unknown += d < 0 ? 1 : 0;
  }
  const size_t wanted = g.dynamic.kind == DynamicKind::kBatch ? 1 : g.dynamic.kind == DynamicKind::kImageSize ? 2 : unknown;
  if (unknown == 0 || (g.dynamic.kind == DynamicKind::kImageSize && unknown % 2 != 0)) {
    r.Bad("dynamic", fmt::format("the data inputs have {} dims of -1, which gears of kind {} cannot fill", unknown,
                                 static_cast<int>(g.dynamic.kind)));
  }
  for (const auto& gear : g.dynamic.gears) {
    if (gear.size() != wanted) r.Bad("dynamic.gears", fmt::format("a gear has {} values, each needs {}", gear.size(), wanted));
    for (int64_t v : gear) {
      if (v <= 0) r.Bad("dynamic.gears", fmt::format("gear value {} is not a size", v));
    }
  }
  size_t gear_inputs = 0;
  for (int32_t input : g.inputs) {
    const GraphTensor& t = g.tensors[input];
    if (t.name != kDynamicInputName) continue;
    ++gear_inputs;
    if (t.dtype != sim::DType::kInt64 || t.dims != std::vector<int64_t>{static_cast<int64_t>(wanted)}) {
      r.Bad("inputs", fmt::format("the gear input {} must be int64 [{}]", kDynamicInputName, wanted));
    }
  }
  if (gear_inputs != 1) r.Bad("inputs", fmt::format("a dynamic model has exactly one input named {}", kDynamicInputName));
}

}  // namespace

std::string SerializeGraph(const ModelGraph& graph) {
  json tensors = json::array(), nodes = json::array(), gears = json::array();
  for (const GraphTensor& t : graph.tensors) tensors.push_back(TensorToJson(t));
  for (const GraphNode& n : graph.nodes) nodes.push_back(NodeToJson(n));
  for (const auto& g : graph.dynamic.gears) gears.push_back(g);
  const json out{{"name", graph.name},
                 {"soc_version", graph.soc_version},
                 {"precision_mode", graph.precision_mode},
                 {"tensors", tensors},
                 {"nodes", nodes},
                 {"inputs", graph.inputs},
                 {"outputs", graph.outputs},
                 {"dynamic", {{"kind", static_cast<int>(graph.dynamic.kind)}, {"gears", gears}}}};
  return out.dump();
}

ModelGraph ParseGraph(std::string_view json_text, uint64_t weights_size, const std::string& what) {
  const Reader r(what);
  json root;
  try {
    root = json::parse(json_text);
  } catch (const json::exception& e) {
    Fail(ACL_ERROR_PARSE_MODEL, "{}: the graph section is not valid JSON ({})", what, e.what());
  }
  ModelGraph g;
  g.name = r.Get<std::string>(root, "name", "");
  g.soc_version = r.Get<std::string>(root, "soc_version", "");
  g.precision_mode = r.Get<std::string>(root, "precision_mode", "");
  const json& tensors = r.Field(root, "tensors", "");
  if (!tensors.is_array()) r.Bad("tensors", "must be a list");
  for (size_t i = 0; i < tensors.size(); ++i) {
    g.tensors.push_back(ParseTensor(r, tensors[i], weights_size, fmt::format("tensors[{}]", i)));
  }
  const size_t count = g.tensors.size();
  std::vector<bool> produced(count, false);
  for (size_t i = 0; i < count; ++i) produced[i] = g.tensors[i].weight.has_value();
  g.inputs = Indices(r, r.Field(root, "inputs", ""), count, false, "inputs");
  for (int32_t i : g.inputs) {
    if (produced[i]) r.Bad("inputs", fmt::format("tensor {} is both a constant and an input", i));
    produced[i] = true;
  }
  const json& nodes = r.Field(root, "nodes", "");
  if (!nodes.is_array()) r.Bad("nodes", "must be a list");
  for (size_t n = 0; n < nodes.size(); ++n) {
    const std::string where = fmt::format("nodes[{}]", n);
    GraphNode node;
    node.name = r.Get<std::string>(nodes[n], "name", where);
    node.type = r.Get<std::string>(nodes[n], "type", where);
    if (sim::Kernels().Find(node.type) == nullptr) {
      r.Bad(where, fmt::format("operator type \"{}\" is not in the kernel library", node.type));
    }
    node.inputs = Indices(r, r.Field(nodes[n], "inputs", where), count, true, where + ".inputs");
    node.outputs = Indices(r, r.Field(nodes[n], "outputs", where), count, false, where + ".outputs");
    for (int32_t i : node.inputs) {
      if (i >= 0 && !produced[i]) {
        r.Bad(where, fmt::format("input tensor {} (\"{}\") is not produced before the node", i, g.tensors[i].name));
      }
    }
    for (int32_t o : node.outputs) {
      if (produced[o]) r.Bad(where, fmt::format("output tensor {} (\"{}\") is produced twice", o, g.tensors[o].name));
      produced[o] = true;
    }
    const json& attrs = r.Field(nodes[n], "attrs", where);
    if (!attrs.is_array()) r.Bad(where + ".attrs", "must be a list");
    for (size_t a = 0; a < attrs.size(); ++a) {
      const std::string at = fmt::format("{}.attrs[{}]", where, a);
      const std::string name = r.Get<std::string>(attrs[a], "name", at);
      node.attrs[name] = r.Shared([&] { return AttrFromJson(attrs[a], at); });
    }
    g.nodes.push_back(std::move(node));
  }
  g.outputs = Indices(r, r.Field(root, "outputs", ""), count, false, "outputs");
  for (int32_t o : g.outputs) {
    if (!produced[o]) r.Bad("outputs", fmt::format("tensor {} (\"{}\") is never produced", o, g.tensors[o].name));
  }
  const json& dynamic = r.Field(root, "dynamic", "");
  const int kind = r.Get<int>(dynamic, "kind", "dynamic");
  if (kind < 0 || kind > 3) r.Bad("dynamic.kind", fmt::format("{} is not a kind of dynamic shape", kind));
  g.dynamic.kind = static_cast<DynamicKind>(kind);
  const json& gears = r.Field(dynamic, "gears", "dynamic");
  if (!gears.is_array()) r.Bad("dynamic.gears", "must be a list");
  for (const json& gear : gears) g.dynamic.gears.push_back(r.Shared([&] { return IntList(gear, "dynamic.gears"); }));
  if ((g.dynamic.kind == DynamicKind::kNone) != g.dynamic.gears.empty()) {
    r.Bad("dynamic", "gears are given exactly when the model is dynamic");
  }
  CheckGears(r, g);
  return g;
}

}  // namespace aclsim::model
