// The JSON spellings shared by single-operator descriptions and model graphs: CANN's names of
// data types and formats ("float16", "NCHW", ...) and operator attributes as {name, type, value}.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/attr.h"
#include "sim/tensor.h"

namespace aclsim {

// Parsing throws Error(ACL_ERROR_INVALID_PARAM) naming `where` for an unknown name.
sim::DType ParseDTypeName(const std::string& text, const std::string& where);
sim::Format ParseFormatName(const std::string& text, const std::string& where);
const char* FormatName(sim::Format format);

// A JSON list of integers; throws Error(ACL_ERROR_INVALID_PARAM) naming `where` otherwise.
std::vector<int64_t> IntList(const nlohmann::json& value, const std::string& where);

// One attribute as {"name", "type" (its kind: int, list_int, data_type, ...), "value"}, and back.
nlohmann::json AttrToJson(const std::string& name, const sim::AttrValue& value);
sim::AttrValue AttrFromJson(const nlohmann::json& attr, const std::string& where);

}  // namespace aclsim
