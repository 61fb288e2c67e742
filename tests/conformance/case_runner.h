// One conformance case, the way a user's model goes: atc converts model.onnx into an .om, then
// the public AscendCL API loads it and runs each test data set. Meant to run in a child process
// of the driver (a crash ends only that case); it never throws.
#pragma once

#include <string>

#include "report.h"

namespace conformance {

struct CaseSpec {
  std::string suite;
  std::string name;
  std::string dir;  // .../data/<suite>/<name>
};

struct RunnerConfig {
  std::string atc;       // path of the atc binary
  std::string work_dir;  // where the .om and atc's log go (removed after the case)
};

CaseResult RunCase(const CaseSpec& spec, const RunnerConfig& config);

}  // namespace conformance
