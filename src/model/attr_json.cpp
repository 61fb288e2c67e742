#include "model/attr_json.h"

#include <cctype>

#include <fmt/format.h>

#include "common/error.h"

namespace aclsim {
namespace {

using nlohmann::json;
using sim::DType;
using sim::Format;

struct Named {
  const char* name;
  int32_t value;
};

// CANN's spellings in single-op JSON; the first name of each value is the one written.
constexpr Named kDTypeNames[] = {
    {"float16", 1},  {"float", 0},    {"float32", 0},  {"bfloat16", 27}, {"double", 11}, {"float64", 11},
    {"int8", 2},     {"uint8", 4},    {"int16", 6},    {"uint16", 7},    {"int32", 3},   {"uint32", 8},
    {"int64", 9},    {"uint64", 10},  {"bool", 12},
};

constexpr Named kFormatNames[] = {
    {"ND", 2},          {"NCHW", 0},  {"NHWC", 1},  {"NC1HWC0", 3}, {"FRACTAL_Z", 4},
    {"HWCN", 16},       {"NDHWC", 27}, {"FRACTAL_NZ", 29}, {"NCDHW", 30},
};

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

[[noreturn]] void BadField(const std::string& where, const std::string& what) {
  Fail(ACL_ERROR_INVALID_PARAM, "{}: {}", where, what);
}

const json& Field(const json& object, const char* key, const std::string& where) {
  if (!object.is_object() || !object.contains(key)) BadField(where, fmt::format("required field \"{}\" is missing", key));
  return object.at(key);
}

}  // namespace

std::vector<int64_t> IntList(const json& value, const std::string& where) {
  if (!value.is_array()) BadField(where, "must be a list of integers");
  std::vector<int64_t> out;
  for (const auto& v : value) {
    if (!v.is_number_integer()) BadField(where, "must be a list of integers");
    out.push_back(v.get<int64_t>());
  }
  return out;
}

DType ParseDTypeName(const std::string& text, const std::string& where) {
  std::string key = text;
  if (Upper(key).rfind("DT_", 0) == 0) key = key.substr(3);
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const Named& n : kDTypeNames) {
    if (key == n.name) return static_cast<DType>(n.value);
  }
  BadField(where, fmt::format("\"{}\" is not a data type the simulator supports (float16, float, bfloat16, double, int8, "
                              "uint8, int16, uint16, int32, uint32, int64, uint64, bool)", text));
}


Format ParseFormatName(const std::string& text, const std::string& where) {
  const std::string key = Upper(text);
  for (const Named& n : kFormatNames) {
    if (key == n.name) return static_cast<Format>(n.value);
  }
  BadField(where, fmt::format("\"{}\" is not a format (ND, NCHW, NHWC, NC1HWC0, FRACTAL_Z, HWCN, NDHWC, FRACTAL_NZ, NCDHW)", text));
}

const char* FormatName(Format format) {
  for (const Named& n : kFormatNames) {
    if (static_cast<int32_t>(format) == n.value) return n.name;
  }
  return "UNDEFINED";
}

sim::AttrValue AttrFromJson(const json& attr, const std::string& where) {
  const std::string kind = Field(attr, "type", where).get<std::string>();
  const json& value = Field(attr, "value", where);
  const std::string at = where + ".value";
  try {
    if (kind == "bool") return value.get<bool>();
    if (kind == "int") return value.get<int64_t>();
    if (kind == "float") return value.get<float>();
    if (kind == "string") return value.get<std::string>();
    if (kind == "list_bool") return value.get<std::vector<bool>>();
    if (kind == "list_int") return IntList(value, at);
    if (kind == "list_float") return value.get<std::vector<float>>();
    if (kind == "list_string") return value.get<std::vector<std::string>>();
    if (kind == "list_list_int") {
      std::vector<std::vector<int64_t>> lists;
      if (!value.is_array()) BadField(at, "must be a list of lists of integers");
      for (const auto& inner : value) lists.push_back(IntList(inner, at));
      return lists;
    }
    if (kind == "data_type") {
      if (value.is_number_integer()) {
        const int32_t number = value.get<int32_t>();
        if (!sim::IsKnown(number)) BadField(at, fmt::format("{} is not a data type the simulator supports", number));
        return static_cast<DType>(number);
      }
      return ParseDTypeName(value.get<std::string>(), at);
    }
    if (kind == "list_data_type") {
      std::vector<DType> types;
      for (const auto& v : value) types.push_back(ParseDTypeName(v.get<std::string>(), at));
      return types;
    }
  } catch (const json::exception&) {
    BadField(at, fmt::format("does not hold a value of type {}", kind));
  }
  BadField(where + ".type", fmt::format("\"{}\" is not an attribute type (bool, int, float, string, list_bool, list_int, "
                                        "list_float, list_string, list_list_int, data_type)", kind));
}

json AttrToJson(const std::string& name, const sim::AttrValue& value) {
  json v;
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, DType>) v = sim::Name(x);
        else if constexpr (std::is_same_v<T, std::vector<DType>>) {
          v = json::array();
          for (DType t : x) v.push_back(sim::Name(t));
        } else v = x;
      },
      value);
  return json{{"name", name}, {"type", sim::KindName(value)}, {"value", v}};
}

}  // namespace aclsim
