// One single-operator conformance case: when the case's model is one ONNX node that atc lowers to
// exactly one kernel-library operator, that operator runs directly through the public
// single-operator API (aclopCompile, then aclopExecuteV2 on a stream) for each test data set.
// Cases that do not reduce to one operator fail with a cause beginning kNotSingleOpPrefix. Meant
// to run in a child process of the driver; it never throws.
#pragma once

#include <string>

#include "case_steps.h"
#include "report.h"

namespace conformance {

inline constexpr const char kNotSingleOpPrefix[] = "not a single operator: ";
inline constexpr const char kSeveralOnnxNodes[] = "more than one ONNX node";
inline constexpr const char kAtcFailed[] = "atc failed";
inline constexpr const char kNotTensors[] = "inputs or outputs are not plain tensors";

CaseResult RunOpCase(const CaseSpec& spec, const RunnerConfig& config);

}  // namespace conformance
