// atc --singleop: compiles each entry of a CANN single-operator JSON file into one .om.
#pragma once

#include <string>

namespace aclsim::atc {

// Validates every entry (operator known, attributes complete and well typed, shapes accepted by
// the operator's shape function, outputs as the shape function says) before writing any file,
// then writes DIR/<name>.om per entry. Throws aclsim::Error naming the entry and field at fault.
// Returns the number of models written.
size_t CompileSingleOps(const std::string& json_path, const std::string& output_dir, const std::string& soc_version);

}  // namespace aclsim::atc
