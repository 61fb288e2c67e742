// What the main programs of both conformance drivers (onnx_conformance, onnx_op_conformance)
// share: finding the cases, a scratch directory, command-line values, and running each case in a
// forked child with a timeout (a crash or a hang ends only that case).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "case_steps.h"
#include "report.h"

namespace conformance {

// The cases of `suites` under `data` (directories holding a model.onnx) whose name contains
// `filter`, sorted by name within each suite. Throws std::runtime_error for a missing suite.
std::vector<CaseSpec> FindCases(const std::string& data, const std::vector<std::string>& suites,
                                const std::string& filter);

// A fresh directory $TMPDIR/<name>.XXXXXX (or under /tmp). Throws std::runtime_error.
std::string MakeWorkDir(const std::string& name);

// "a,,b" -> {"a", "b"}.
std::vector<std::string> SplitCommas(const std::string& text);

// The value of `option` as a positive int; throws std::invalid_argument naming the option.
int PositiveInt(const std::string& option, const std::string& value);

struct PoolOptions {
  int jobs = 2;
  int timeout_seconds = 20;  // per case
  bool verbose = false;      // print every outcome, and let the child's stderr through
};

// Makes SIGINT and SIGTERM stop RunInChildren: it kills its children and throws.
void StopOnInterrupt();

// Runs `run_case` for every case in a child process of its own, `jobs` at a time; the results are
// in the order of `cases`. A child that crashes gives "crash (signal N)", one that outlives the
// timeout (with everything it started) "timeout".
std::vector<CaseResult> RunInChildren(const std::vector<CaseSpec>& cases,
                                      const std::function<CaseResult(const CaseSpec&)>& run_case,
                                      const PoolOptions& options);

}  // namespace conformance
