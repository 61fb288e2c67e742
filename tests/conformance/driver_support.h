// What the main programs of both conformance drivers (onnx_conformance, onnx_op_conformance)
// share: their command line, finding the cases, a scratch directory, and running each case in a
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

// Reads a driver's arguments one at a time: "--name value", "--name=value" or a bare "--flag".
class CommandLine {
 public:
  CommandLine(int argc, char** argv, const char* usage) : argc_(argc), argv_(argv), usage_(usage) {}
  // Moves to the next argument; false after the last. Prints the usage and exits on --help/-h.
  bool Next();
  // Whether the current argument is option `name`, with a value to read by Value().
  bool Is(const char* name) const { return name_ == name; }
  // Whether it is the flag `name`, given without a value.
  bool IsFlag(const char* name) const { return name_ == name && !has_value_; }
  // The option's value. Throws std::invalid_argument when it has none.
  std::string Value();
  // Throws std::invalid_argument naming the current argument as unknown.
  [[noreturn]] void Unknown() const;

 private:
  int argc_;
  char** argv_;
  const char* usage_;
  int i_ = 0;
  std::string name_, value_;
  bool has_value_ = false;
};

// The options both drivers take: --filter, --out, --atc, --data, --jobs, --timeout, --verbose.
struct DriverOptions {
  std::string filter;
  std::string out;
  std::string atc = ACLSIM_ATC_PATH;
  std::string data = "/usr/share/libonnx-testdata/data";
  PoolOptions pool;
};

// Takes the current argument into `options` if it is one of DriverOptions'; false otherwise.
bool TakeDriverOption(CommandLine& line, DriverOptions& options);

// Makes SIGINT and SIGTERM stop RunInChildren: it kills its children and throws.
void StopOnInterrupt();

// Runs `run_case` for every case in a child process of its own, `jobs` at a time; the results are
// in the order of `cases`. A child that crashes gives "crash (signal N)", one that outlives the
// timeout (with everything it started) "timeout".
std::vector<CaseResult> RunInChildren(const std::vector<CaseSpec>& cases,
                                      const std::function<CaseResult(const CaseSpec&)>& run_case,
                                      const PoolOptions& options);

// A whole driver run: checks atc, finds the cases of `suites`, and runs `run_case` on each in a
// scratch directory that is removed afterwards. `seconds` receives the wall time.
std::vector<CaseResult> RunDriver(const char* driver, const DriverOptions& options, const std::vector<std::string>& suites,
                                  CaseResult (*run_case)(const CaseSpec&, const RunnerConfig&), double& seconds);

}  // namespace conformance
