// Facts about aclDataType values: element sizes and names.
#pragma once

#include <cstddef>
#include <optional>

#include "acl/acl_base.h"

namespace aclsim {

// Bytes per element, or nullopt for a value that is not an aclDataType. Sub-byte types
// (ACL_INT4, ACL_UINT1) round up to 1; ACL_STRING has no fixed size and reports 0.
std::optional<size_t> DataTypeSize(aclDataType type);

// Bits per element (4 for ACL_INT4, 1 for ACL_UINT1), or nullopt for an unknown value.
std::optional<size_t> DataTypeBits(aclDataType type);

// "ACL_FLOAT16" etc., or "aclDataType(<n>)" for an unknown value.
const char* DataTypeName(aclDataType type);

}  // namespace aclsim
