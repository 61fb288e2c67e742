// onnx_conformance: runs the ONNX backend test suites of Debian's libonnx-testdata through atc
// and the public AscendCL API, one forked child per case (a crash or a hang ends only that
// case), and writes docs/conformance.md. Exit status: 0 when the run completed, 2 on a driver
// error, 1 when --require-targets is given and a suite misses its target.
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "case_runner.h"
#include "driver_support.h"
#include "report.h"

namespace {

using conformance::CaseResult;
using conformance::CaseSpec;
using conformance::SplitCommas;

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

struct Options : conformance::DriverOptions {
  std::vector<std::string> suites = {"node", "simple", "pytorch-converted", "pytorch-operator"};
  bool suites_given = false;
  bool require_targets = false;
};

Options ParseOptions(int argc, char** argv) {
  Options options;
  options.out = ACLSIM_SOURCE_DIR "/docs/conformance.md";
  conformance::CommandLine line(argc, argv, kUsage);
  while (line.Next()) {
    if (conformance::TakeDriverOption(line, options)) continue;
    if (line.Is("--suites")) {
      options.suites = SplitCommas(line.Value());
      options.suites_given = true;
      if (options.suites.empty()) throw std::invalid_argument("--suites names no suite");
    } else if (line.IsFlag("--require-targets")) {
      options.require_targets = true;
    } else {
      line.Unknown();
    }
  }
  return options;
}

int Run(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  double seconds = 0;
  const std::vector<CaseResult> results =
      conformance::RunDriver("onnx_conformance", options, options.suites, conformance::RunCase, seconds);

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
  std::printf("%zu cases in %.1f s; wrote %s\n", results.size(), seconds, options.out.c_str());
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
