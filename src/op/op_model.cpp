#include "op/op_model.h"

#include <cmath>
#include <cstring>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "model/attr_json.h"

namespace aclsim {
namespace {

using nlohmann::json;
using sim::DType;
using sim::Format;

[[noreturn]] void BadField(const std::string& where, const std::string& what) {
  Fail(ACL_ERROR_INVALID_PARAM, "{}: {}", where, what);
}

const json& Field(const json& object, const char* key, const std::string& where) {
  if (!object.is_object() || !object.contains(key)) BadField(where, fmt::format("required field \"{}\" is missing", key));
  return object.at(key);
}

// The bytes of `values` stored as `dtype`.
std::shared_ptr<const std::vector<unsigned char>> PackConst(const json& values, DType dtype, const std::string& where) {
  std::vector<double> numbers;
  auto collect = [&](const json& v, auto& self) -> void {
    if (v.is_array()) {
      for (const auto& item : v) self(item, self);
    } else if (v.is_number() || v.is_boolean()) {
      numbers.push_back(v.is_boolean() ? (v.get<bool>() ? 1.0 : 0.0) : v.get<double>());
    } else {
      BadField(where, "const_value must hold numbers");
    }
  };
  collect(values, collect);
  auto bytes = std::make_shared<std::vector<unsigned char>>(numbers.size() * sim::SizeOf(dtype));
  sim::DispatchAll(dtype, [&](auto tag) {
    using T = decltype(tag);
    T* out = reinterpret_cast<T*>(bytes->data());
    for (size_t i = 0; i < numbers.size(); ++i) {
      if constexpr (std::is_same_v<T, bool>) out[i] = numbers[i] != 0.0;
      else out[i] = static_cast<T>(static_cast<typename sim::ComputeType<T>::type>(numbers[i]));
    }
  });
  return bytes;
}

json UnpackConst(const std::vector<unsigned char>& bytes, DType dtype) {
  json out = json::array();
  sim::DispatchAll(dtype, [&](auto tag) {
    using T = decltype(tag);
    const size_t count = bytes.size() / sizeof(T);
    const T* in = reinterpret_cast<const T*>(bytes.data());
    for (size_t i = 0; i < count; ++i) {
      if constexpr (std::is_same_v<T, bool>) out.push_back(in[i]);
      else if constexpr (std::is_integral_v<T>) out.push_back(in[i]);
      else out.push_back(static_cast<double>(static_cast<typename sim::ComputeType<T>::type>(in[i])));
    }
  });
  return out;
}

OpTensorDesc ParseDesc(const json& desc, const std::string& where) {
  if (!desc.is_object()) BadField(where, "must be an object");
  OpTensorDesc out;
  out.dtype = ParseDTypeName(Field(desc, "type", where).get<std::string>(), where + ".type");
  out.format = ParseFormatName(Field(desc, "format", where).get<std::string>(), where + ".format");
  out.dims = IntList(Field(desc, "shape", where), where + ".shape");
  for (size_t i = 0; i < out.dims.size(); ++i) {
    const bool unknown_rank = out.dims[i] == -2 && out.dims.size() == 1;
    if (out.dims[i] < -1 && !unknown_rank) BadField(where + ".shape", fmt::format("dim {} is {}, expected >= -1 (or a lone -2)", i, out.dims[i]));
  }
  if (desc.contains("shape_range")) {
    const json& ranges = desc.at("shape_range");
    if (!ranges.is_array()) BadField(where + ".shape_range", "must be a list of [min, max] pairs");
    for (const auto& r : ranges) {
      const auto pair = IntList(r, where + ".shape_range");
      if (pair.size() != 2 || pair[0] < 0 || (pair[1] != -1 && pair[1] < pair[0])) {
        BadField(where + ".shape_range", "each entry must be [min, max] with 0 <= min <= max, or max -1");
      }
      out.shape_range.push_back({pair[0], pair[1]});
    }
    if (!out.shape_range.empty() && out.shape_range.size() != out.dims.size()) {
      BadField(where + ".shape_range", fmt::format("has {} entries for a shape of {} dims", out.shape_range.size(), out.dims.size()));
    }
  }
  if (desc.contains("name")) out.name = desc.at("name").get<std::string>();
  const bool is_const = desc.contains("is_const") && desc.at("is_const").get<bool>();
  if (is_const || desc.contains("const_value")) {
    out.const_value = PackConst(Field(desc, "const_value", where), out.dtype, where + ".const_value");
    int64_t count = 1;
    for (int64_t d : out.dims) count *= d;
    if (count < 0 || out.const_value->size() != static_cast<size_t>(count) * sim::SizeOf(out.dtype)) {
      BadField(where + ".const_value", fmt::format("holds {} values for shape {}", out.const_value->size() / sim::SizeOf(out.dtype),
                                                  sim::ToString(out.dims)));
    }
  }
  return out;
}

json DescToJson(const OpTensorDesc& desc) {
  json out{{"type", sim::Name(desc.dtype)}, {"format", FormatName(desc.format)}, {"shape", desc.dims}};
  if (!desc.shape_range.empty()) out["shape_range"] = desc.shape_range;
  if (!desc.name.empty()) out["name"] = desc.name;
  if (desc.const_value) {
    out["is_const"] = true;
    out["const_value"] = UnpackConst(*desc.const_value, desc.dtype);
  }
  return out;
}

}  // namespace

bool OpModel::IsDynamic() const {
  for (const auto* list : {&inputs, &outputs}) {
    for (const OpTensorDesc& d : *list) {
      for (int64_t v : d.dims) {
        if (v < 0) return true;
      }
    }
  }
  return false;
}

OpModel ParseCannSingleOp(const json& entry, const std::string& where) {
  if (!entry.is_object()) BadField(where, "must be an object with op, input_desc and output_desc");
  OpModel model;
  const json& op = Field(entry, "op", where);
  if (!op.is_string() || op.get<std::string>().empty()) BadField(where + ".op", "must be a non-empty string");
  model.type = op.get<std::string>();
  if (entry.contains("name")) model.name = entry.at("name").get<std::string>();
  for (const char* key : {"input_desc", "output_desc"}) {
    const json& list = Field(entry, key, where);
    if (!list.is_array()) BadField(where + "." + key, "must be a list");
    auto& target = std::string(key) == "input_desc" ? model.inputs : model.outputs;
    for (size_t i = 0; i < list.size(); ++i) target.push_back(ParseDesc(list[i], fmt::format("{}.{}[{}]", where, key, i)));
  }
  if (entry.contains("attr")) {
    const json& attrs = entry.at("attr");
    if (!attrs.is_array()) BadField(where + ".attr", "must be a list");
    for (size_t i = 0; i < attrs.size(); ++i) {
      const std::string at = fmt::format("{}.attr[{}]", where, i);
      const std::string name = Field(attrs[i], "name", at).get<std::string>();
      if (!model.attrs.emplace(name, AttrFromJson(attrs[i], at)).second) BadField(at, fmt::format("attribute \"{}\" is given twice", name));
    }
  }
  if (entry.contains("soc_version")) model.soc_version = entry.at("soc_version").get<std::string>();
  return model;
}

std::string SerializeOpModel(const OpModel& model) {
  json out{{"op", model.type}, {"name", model.name}, {"soc_version", model.soc_version}};
  out["input_desc"] = json::array();
  for (const auto& d : model.inputs) out["input_desc"].push_back(DescToJson(d));
  out["output_desc"] = json::array();
  for (const auto& d : model.outputs) out["output_desc"].push_back(DescToJson(d));
  out["attr"] = json::array();
  for (const auto& [name, value] : model.attrs) out["attr"].push_back(AttrToJson(name, value));
  return out.dump(1);
}

OpModel DeserializeOpModel(const std::string& json_text, const std::string& where) {
  json root;
  try {
    root = json::parse(json_text);
  } catch (const json::parse_error& e) {
    Fail(ACL_ERROR_PARSE_MODEL, "{}: the operator description is not valid JSON (byte {})", where, e.byte);
  }
  try {
    return ParseCannSingleOp(root, where);
  } catch (const Error& e) {
    throw Error(ACL_ERROR_PARSE_MODEL, e.what());
  }
}

std::string DefaultOpModelName(size_t index, const OpModel& model) {
  std::string name = fmt::format("{}_{}", index, model.type);
  for (const auto* list : {&model.inputs, &model.outputs}) {
    for (const OpTensorDesc& d : *list) {
      name += fmt::format("_{}_{}", static_cast<int>(d.dtype), static_cast<int>(d.format));
      for (int64_t v : d.dims) name += fmt::format("_{}", v);
    }
  }
  return name;
}

}  // namespace aclsim
