#include "sim/attr.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/error.h"

namespace aclsim::sim {

const char* KindName(const AttrValue& value) {
  static const char* const kNames[] = {"bool",       "int",         "float",      "string",
                                       "data_type",  "list_bool",   "list_int",   "list_float",
                                       "list_string", "list_data_type", "list_list_int"};
  return kNames[value.index()];
}

namespace {

// Prints each kind of attribute value; a namespace-scope class, since local classes cannot
// have member templates.
struct AttrPrinter {
  std::string operator()(bool v) const { return v ? "true" : "false"; }
  std::string operator()(int64_t v) const { return std::to_string(v); }
  std::string operator()(float v) const { return fmt::format("{}", v); }
  std::string operator()(const std::string& v) const { return fmt::format("\"{}\"", v); }
  std::string operator()(DType v) const { return Name(v); }
  std::string operator()(const std::vector<bool>& v) const {
    std::vector<std::string> items;
    for (bool b : v) items.push_back(b ? "true" : "false");
    return fmt::format("[{}]", fmt::join(items, ", "));
  }
  std::string operator()(const std::vector<DType>& v) const {
    std::vector<std::string> items;
    for (DType t : v) items.push_back(Name(t));
    return fmt::format("[{}]", fmt::join(items, ", "));
  }
  std::string operator()(const std::vector<std::vector<int64_t>>& v) const {
    std::vector<std::string> items;
    for (const auto& inner : v) items.push_back(fmt::format("[{}]", fmt::join(inner, ", ")));
    return fmt::format("[{}]", fmt::join(items, ", "));
  }
  template <typename T>
  std::string operator()(const std::vector<T>& v) const {
    return fmt::format("[{}]", fmt::join(v, ", "));
  }
};

}  // namespace

std::string ToString(const AttrValue& value) { return std::visit(AttrPrinter{}, value); }

const AttrValue& AttrReader::Get(const std::string& name) const {
  auto it = attrs_.find(name);
  if (it == attrs_.end()) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: required attribute \"{}\" is missing", op_, name);
  return it->second;
}

void AttrReader::WrongKind(const std::string& name, const char* expected) const {
  Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: attribute \"{}\" must be {}, got {}", op_, name, expected,
       KindName(attrs_.at(name)));
}

int64_t AttrReader::Int(const std::string& name) const {
  const AttrValue& v = Get(name);
  if (auto p = std::get_if<int64_t>(&v)) return *p;
  WrongKind(name, "int");
}

int64_t AttrReader::Int(const std::string& name, int64_t fallback) const { return Has(name) ? Int(name) : fallback; }

float AttrReader::Float(const std::string& name) const {
  const AttrValue& v = Get(name);
  if (auto p = std::get_if<float>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return static_cast<float>(*p);  // JSON writes 1.0 as 1
  WrongKind(name, "float");
}

float AttrReader::Float(const std::string& name, float fallback) const { return Has(name) ? Float(name) : fallback; }

bool AttrReader::Bool(const std::string& name, bool fallback) const {
  if (!Has(name)) return fallback;
  const AttrValue& v = Get(name);
  if (auto p = std::get_if<bool>(&v)) return *p;
  WrongKind(name, "bool");
}

std::string AttrReader::String(const std::string& name) const {
  const AttrValue& v = Get(name);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  WrongKind(name, "string");
}

std::string AttrReader::String(const std::string& name, const std::string& fallback) const {
  return Has(name) ? String(name) : fallback;
}

DType AttrReader::Type(const std::string& name) const {
  const AttrValue& v = Get(name);
  if (auto p = std::get_if<DType>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) {  // single-op JSON may give a data type as its number
    if (IsKnown(static_cast<int32_t>(*p))) return static_cast<DType>(*p);
  }
  WrongKind(name, "data_type");
}

std::vector<int64_t> AttrReader::Ints(const std::string& name) const {
  const AttrValue& v = Get(name);
  if (auto p = std::get_if<std::vector<int64_t>>(&v)) return *p;
  WrongKind(name, "list_int");
}

std::vector<int64_t> AttrReader::Ints(const std::string& name, const std::vector<int64_t>& fallback) const {
  return Has(name) ? Ints(name) : fallback;
}

std::vector<float> AttrReader::Floats(const std::string& name, const std::vector<float>& fallback) const {
  if (!Has(name)) return fallback;
  const AttrValue& v = Get(name);
  if (auto p = std::get_if<std::vector<float>>(&v)) return *p;
  WrongKind(name, "list_float");
}

}  // namespace aclsim::sim
