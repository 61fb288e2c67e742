// The single-operator driver's section of docs/conformance.md: which node-suite cases reduce to
// one operator call (and why the others do not), pass/total over those that do, failures grouped
// by cause. Pure: built from the cases' results.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "report.h"

namespace conformance {

struct OpSummary {
  std::string suite;
  size_t cases = 0;  // every case looked at
  // Cases that are not one operator call, by category (sorted by category), each with its detail.
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> not_single;
  SuiteSummary single;  // the single-operator cases: total, passing, failures by cause
  size_t not_single_count() const { return cases - single.total; }
};

// Splits `results` (of one suite) by whether the cause begins "not a single operator: ".
OpSummary SummarizeOps(const std::vector<CaseResult>& results, const std::string& suite);

// The section, starting with a blank line and "## ". `selection` is empty for a full run.
std::string RenderOpSection(const OpSummary& summary, const std::string& selection);

}  // namespace conformance
