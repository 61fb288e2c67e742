// onnx_op_conformance: the ONNX backend node tests whose graph is one ONNX node that atc lowers to
// exactly one kernel-library operator, each run directly through the public single-operator API
// (aclopCompile + aclopExecuteV2) in a forked child with a timeout. Prints its section of
// docs/conformance.md and, with --out, writes it (the conformance_doc target appends it to the
// model driver's report). Exit status: 0 when the run completed, 2 on a driver error.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "driver_support.h"
#include "op_case_runner.h"
#include "op_report.h"

namespace {

namespace fs = std::filesystem;
using conformance::CaseResult;
using conformance::CaseSpec;
using Clock = std::chrono::steady_clock;

const char kUsage[] =
    "usage: onnx_op_conformance [options]\n"
    "  --suite NAME         the suite (default node)\n"
    "  --filter TEXT        only cases whose name contains TEXT\n"
    "  --out FILE           also write the section to FILE\n"
    "  --atc PATH           the atc binary (default: the one of this build)\n"
    "  --data DIR           the suites' root (default /usr/share/libonnx-testdata/data)\n"
    "  --jobs N             cases run in parallel (default 2)\n"
    "  --timeout SECONDS    per case, atc included (default 20)\n"
    "  --verbose            print every case's outcome and detail, and the library's log\n";

struct Options {
  std::string suite = "node";
  std::string filter;
  std::string out;
  std::string atc = ACLSIM_ATC_PATH;
  std::string data = "/usr/share/libonnx-testdata/data";
  conformance::PoolOptions pool;
};

Options ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    bool has_value = false;
    if (const size_t eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      has_value = true;
    }
    const auto take = [&]() -> std::string {
      if (has_value) return value;
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    } else if (arg == "--suite") {
      options.suite = take();
    } else if (arg == "--filter") {
      options.filter = take();
    } else if (arg == "--out") {
      options.out = take();
    } else if (arg == "--atc") {
      options.atc = take();
    } else if (arg == "--data") {
      options.data = take();
    } else if (arg == "--jobs") {
      options.pool.jobs = conformance::PositiveInt(arg, take());
    } else if (arg == "--timeout") {
      options.pool.timeout_seconds = conformance::PositiveInt(arg, take());
    } else if (arg == "--verbose" && !has_value) {
      options.pool.verbose = true;
    } else {
      throw std::invalid_argument("unknown argument '" + std::string(argv[i]) + "'");
    }
  }
  return options;
}

int Run(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  if (access(options.atc.c_str(), X_OK) != 0) throw std::runtime_error("atc is not executable: " + options.atc);
  const std::vector<CaseSpec> cases = conformance::FindCases(options.data, {options.suite}, options.filter);
  if (cases.empty()) throw std::runtime_error("no case matches");
  conformance::StopOnInterrupt();

  conformance::RunnerConfig config;
  config.atc = options.atc;
  config.work_dir = conformance::MakeWorkDir("onnx_op_conformance");
  std::printf("onnx_op_conformance: %zu cases of %s, %d jobs, atc %s\n", cases.size(), options.suite.c_str(),
              options.pool.jobs, options.atc.c_str());
  std::fflush(stdout);
  const auto start = Clock::now();
  std::vector<CaseResult> results;
  try {
    results = conformance::RunInChildren(
        cases, [&config](const CaseSpec& spec) { return conformance::RunOpCase(spec, config); }, options.pool);
  } catch (...) {
    fs::remove_all(config.work_dir);
    throw;
  }
  fs::remove_all(config.work_dir);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

  const std::string selection =
      options.filter.empty() ? "" : "only cases whose name contains `" + options.filter + "`";
  const conformance::OpSummary summary = conformance::SummarizeOps(results, options.suite);
  const std::string section = conformance::RenderOpSection(summary, selection);
  if (!options.out.empty()) {
    std::ofstream out(options.out, std::ios::binary | std::ios::trunc);
    out << section;
    if (!out) throw std::runtime_error("cannot write " + options.out);
  }
  std::fputs(section.c_str(), stdout);
  std::printf("\nsingle operators: %zu/%zu pass (%s); %zu of %zu cases are not a single operator; %.1f s%s%s\n",
              summary.single.passing.size(), summary.single.total, conformance::Percent(summary.single.rate()).c_str(),
              summary.not_single_count(), summary.cases, seconds, options.out.empty() ? "" : "; wrote ",
              options.out.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "onnx_op_conformance: %s\n%s", e.what(), kUsage);
    return 2;
  }
}
