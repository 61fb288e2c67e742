// aclopAttr: the named, typed attributes of one operator call (strides, axes, dst_type, ...).
// Setting a name again replaces its value. A plain value object owned by the caller's handle.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "acl/acl_base.h"
#include "common/handle.h"

namespace aclsim {

using AttrValue = std::variant<bool, int64_t, float, std::string, aclDataType, std::vector<bool>,
                               std::vector<int64_t>, std::vector<float>, std::vector<std::string>,
                               std::vector<aclDataType>, std::vector<std::vector<int64_t>>>;

}  // namespace aclsim

struct aclopAttr : aclsim::TaggedObject<0x4F704174u /* 'OpAt' */> {
  static constexpr const char* kTypeName = "aclopAttr";
  // Ordered, so that iterating (and later hashing) attributes is deterministic.
  std::map<std::string, aclsim::AttrValue> values;
};
