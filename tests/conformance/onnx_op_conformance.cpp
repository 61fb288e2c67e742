// onnx_op_conformance: the ONNX backend node tests whose graph is one ONNX node that atc lowers to
// exactly one kernel-library operator, each run directly through the public single-operator API
// (aclopCompile + aclopExecuteV2) in a forked child with a timeout. Prints its section of
// docs/conformance.md and, with --out, writes it (the conformance_doc target appends it to the
// model driver's report). Exit status: 0 when the run completed, 2 on a driver error.
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "driver_support.h"
#include "op_case_runner.h"
#include "op_report.h"

namespace {

using conformance::CaseResult;
using conformance::CaseSpec;

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

struct Options : conformance::DriverOptions {
  std::string suite = "node";
};

Options ParseOptions(int argc, char** argv) {
  Options options;
  conformance::CommandLine line(argc, argv, kUsage);
  while (line.Next()) {
    if (conformance::TakeDriverOption(line, options)) continue;
    if (line.Is("--suite")) {
      options.suite = line.Value();
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
      conformance::RunDriver("onnx_op_conformance", options, {options.suite}, conformance::RunOpCase, seconds);

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
