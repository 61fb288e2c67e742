// Operator attributes as CANN's operator specifications name them (strides, axes, dst_type,
// transpose_x1, ...), with typed readers whose errors name the operator and the attribute.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/dtype.h"

namespace aclsim::sim {

using AttrValue = std::variant<bool, int64_t, float, std::string, DType, std::vector<bool>, std::vector<int64_t>,
                               std::vector<float>, std::vector<std::string>, std::vector<DType>,
                               std::vector<std::vector<int64_t>>>;

// Ordered, so iteration (and hashing, and printing) is deterministic.
using Attrs = std::map<std::string, AttrValue>;

const char* KindName(const AttrValue& value);  // "int", "list_int", ...
std::string ToString(const AttrValue& value);

// Typed access for kernels and shape functions. `op` names the operator in error messages.
// Missing required attributes and wrong kinds throw ACL_ERROR_OP_ATTR_NOT_MATCH.
class AttrReader {
 public:
  AttrReader(const char* op, const Attrs& attrs) : op_(op), attrs_(attrs) {}

  bool Has(const std::string& name) const { return attrs_.count(name) != 0; }

  int64_t Int(const std::string& name) const;
  int64_t Int(const std::string& name, int64_t fallback) const;
  float Float(const std::string& name) const;
  float Float(const std::string& name, float fallback) const;
  bool Bool(const std::string& name, bool fallback) const;
  std::string String(const std::string& name) const;
  std::string String(const std::string& name, const std::string& fallback) const;
  DType Type(const std::string& name) const;
  std::vector<int64_t> Ints(const std::string& name) const;
  std::vector<int64_t> Ints(const std::string& name, const std::vector<int64_t>& fallback) const;
  std::vector<float> Floats(const std::string& name, const std::vector<float>& fallback) const;
  std::vector<std::vector<int64_t>> IntLists(const std::string& name) const { if (auto p = std::get_if<std::vector<std::vector<int64_t>>>(&Get(name))) return *p; WrongKind(name, "list_list_int"); }

 private:
  const AttrValue& Get(const std::string& name) const;
  [[noreturn]] void WrongKind(const std::string& name, const char* expected) const;

  const char* op_;
  const Attrs& attrs_;
};

}  // namespace aclsim::sim
