// One conformance case, the way a user's model goes: atc converts model.onnx into an .om, then
// the public AscendCL API loads it and runs each test data set. Meant to run in a child process
// of the driver (a crash ends only that case); it never throws.
#pragma once

#include "case_steps.h"
#include "report.h"

namespace conformance {

CaseResult RunCase(const CaseSpec& spec, const RunnerConfig& config);

}  // namespace conformance
