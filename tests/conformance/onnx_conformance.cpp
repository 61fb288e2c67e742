// onnx_conformance: runs the ONNX backend test suites of Debian's libonnx-testdata through atc
// and the public AscendCL API, one forked child per case (a crash or a hang ends only that
// case), and writes docs/conformance.md. Exit status: 0 when the run completed, 2 on a driver
// error, 1 when --require-targets is given and a suite misses its target.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "case_runner.h"
#include "driver_support.h"
#include "report.h"

namespace {

namespace fs = std::filesystem;
using conformance::CaseResult;
using conformance::CaseSpec;
using conformance::PositiveInt;
using conformance::SplitCommas;
using Clock = std::chrono::steady_clock;

const char kUsage[] =
    "usage: onnx_conformance [options]\n"
    "  --suites a,b,...     suites to run (default node,simple,pytorch-converted,pytorch-operator)\n"
    "  --filter TEXT        only cases whose name contains TEXT\n"
    "  --out FILE           the report (default: docs/conformance.md of the source tree, without the\n"
    "                       single-operator section; the conformance_doc target writes both)\n"
    "  --atc PATH           the atc binary (default: the one of this build)\n"
    "  --data DIR           the suites' root (default /usr/share/libonnx-testdata/data)\n"
    "  --jobs N             cases run in parallel (default 2)\n"
    "  --timeout SECONDS    per case, atc included (default 20)\n"
    "  --require-targets    exit 1 when a suite misses its pass-rate target\n"
    "  --verbose            print every case's outcome and detail, and the library's log\n";

struct Options {
  std::vector<std::string> suites = {"node", "simple", "pytorch-converted", "pytorch-operator"};
  std::string filter;
  std::string out = ACLSIM_SOURCE_DIR "/docs/conformance.md";
  std::string atc = ACLSIM_ATC_PATH;
  std::string data = "/usr/share/libonnx-testdata/data";
  int jobs = 2;
  int timeout_seconds = 20;
  bool require_targets = false;
  bool verbose = false;
  bool suites_given = false;
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
    } else if (arg == "--suites") {
      options.suites = SplitCommas(take());
      options.suites_given = true;
      if (options.suites.empty()) throw std::invalid_argument("--suites names no suite");
    } else if (arg == "--filter") {
      options.filter = take();
    } else if (arg == "--out") {
      options.out = take();
    } else if (arg == "--atc") {
      options.atc = take();
    } else if (arg == "--data") {
      options.data = take();
    } else if (arg == "--jobs") {
      options.jobs = PositiveInt(arg, take());
    } else if (arg == "--timeout") {
      options.timeout_seconds = PositiveInt(arg, take());
    } else if (arg == "--require-targets" && !has_value) {
      options.require_targets = true;
    } else if (arg == "--verbose" && !has_value) {
      options.verbose = true;
    } else {
      throw std::invalid_argument("unknown argument '" + std::string(argv[i]) + "'");
    }
  }
  return options;
}

int Run(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  if (access(options.atc.c_str(), X_OK) != 0) throw std::runtime_error("atc is not executable: " + options.atc);
  const std::vector<CaseSpec> cases = conformance::FindCases(options.data, options.suites, options.filter);
  if (cases.empty()) throw std::runtime_error("no case matches");

  conformance::StopOnInterrupt();

  conformance::RunnerConfig config;
  config.atc = options.atc;
  config.work_dir = conformance::MakeWorkDir("onnx_conformance");
  std::printf("onnx_conformance: %zu cases, %d jobs, atc %s\n", cases.size(), options.jobs, options.atc.c_str());
  std::fflush(stdout);
  const auto start = Clock::now();
  std::vector<CaseResult> results;
  try {
    results = conformance::RunInChildren(
        cases, [&config](const CaseSpec& spec) { return conformance::RunCase(spec, config); },
        {options.jobs, options.timeout_seconds, options.verbose});
  } catch (...) {
    fs::remove_all(config.work_dir);
    throw;
  }
  fs::remove_all(config.work_dir);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

  std::string selection;
  if (!options.filter.empty()) selection = "only cases whose name contains `" + options.filter + "`";
  if (options.suites_given) {
    std::string list;
    for (const std::string& s : options.suites) list += (list.empty() ? "" : ", ") + s;
    selection += (selection.empty() ? "suites " : "; suites ") + list;
  }
  const auto summaries = conformance::Summarize(results, options.suites);
  {
    std::ofstream out(options.out, std::ios::binary | std::ios::trunc);
    out << conformance::RenderMarkdown(summaries, selection);
    if (!out) throw std::runtime_error("cannot write " + options.out);
  }

  bool all_met = true;
  for (const auto& s : summaries) {
    const double target = conformance::TargetFor(s.suite);
    std::printf("%-18s %4zu/%-4zu %6s", s.suite.c_str(), s.passing.size(), s.total, conformance::Percent(s.rate()).c_str());
    if (target > 0) {
      std::printf("   target %s: %s", conformance::Percent(target).c_str(), s.target_met() ? "met" : "NOT met");
      all_met = all_met && s.target_met();
    }
    std::printf("\n");
  }
  std::printf("%zu cases in %.1f s; wrote %s\n", cases.size(), seconds, options.out.c_str());
  if (options.require_targets && !all_met) {
    std::fprintf(stderr, "onnx_conformance: a pass-rate target is not met (--require-targets)\n");
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "onnx_conformance: %s\n%s", e.what(), kUsage);
    return 2;
  }
}
