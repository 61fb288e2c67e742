// atc --mode=1: an .om model's graph as pretty JSON, with a summary of what it holds.
#pragma once

#include <string>

namespace aclsim::atc {

// Writes the graph of the model in `om_path` to `json_path`; returns a one-line summary
// ("12 nodes, 30 tensors (8 constants, 1.2 MB of weights)").
std::string DumpModelJson(const std::string& om_path, const std::string& json_path);

}  // namespace aclsim::atc
