// Splitting the list-valued options of the tools (atc's --input_shape, --dynamic_dims,
// --input_fp16_nodes, ...): one rule for all of them.
#pragma once

#include <string>
#include <vector>

namespace aclsim {

// The fields of `text` between `separator`s, each without surrounding spaces and tabs. Empty
// fields are kept ("a;;b" has three), so callers decide whether one is an error.
inline std::vector<std::string> SplitFields(const std::string& text, char separator) {
  std::vector<std::string> fields;
  size_t start = 0;
  while (true) {
    const size_t end = text.find(separator, start);
    const std::string field = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    const size_t first = field.find_first_not_of(" \t"), last = field.find_last_not_of(" \t");
    fields.push_back(first == std::string::npos ? "" : field.substr(first, last - first + 1));
    if (end == std::string::npos) return fields;
    start = end + 1;
  }
}

}  // namespace aclsim
