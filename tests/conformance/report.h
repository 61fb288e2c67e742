// Outcomes of conformance cases: failure causes normalised so that cases failing for the same
// reason group together, per-suite summaries against the project's targets, and the generated
// docs/conformance.md.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace conformance {

// The one outcome of a case: passed, or failed with a groupable cause ("atc: ...", "load: ...",
// "wrong output values", "crash (signal 11)", ...) and a case-specific detail (never grouped).
struct CaseResult {
  std::string suite;
  std::string name;
  bool passed = false;
  std::string cause;
  std::string detail;
};

// What makes a message case-specific: text to replace verbatim (paths) and the model's node,
// tensor and graph names.
struct Specifics {
  std::vector<std::pair<std::string, std::string>> replace;  // (text, replacement)
  std::set<std::string> names;
};

// The first non-empty line of `text`, trimmed.
std::string FirstLine(const std::string& text);

// Strips a message's specifics so causes group: the `replace` texts; quoted model names
// ('n', "n", `n`) become '…'; unquoted names that mix letters with digits, '_', ':', '.' or '/'
// become …; atc's node references ("node 3 "n" (Conv)") become the operator type; bracketed
// integer lists become […]; whitespace collapses; long text is cut.
std::string Normalize(const std::string& message, const Specifics& specifics);

// The cause for a failed atc run from its stderr: "atc: " and the normalised error line (the
// "ATC run failed" line, else the first line mentioning an error, else the first line), with the
// "ATC run failed (error N): " prefix removed.
std::string AtcCause(const std::string& stderr_text, const Specifics& specifics);

// Pass-rate target of a suite (0 when it has none).
double TargetFor(const std::string& suite);

struct SuiteSummary {
  std::string suite;
  size_t total = 0;
  std::vector<std::string> passing;                                    // sorted
  std::vector<std::pair<std::string, std::vector<std::string>>> causes;  // most cases first
  double rate() const { return total == 0 ? 0.0 : static_cast<double>(passing.size()) / static_cast<double>(total); }
  bool target_met() const { return rate() >= TargetFor(suite); }
};

// One summary per suite in `suites` order (suites without results give an empty summary).
std::vector<SuiteSummary> Summarize(const std::vector<CaseResult>& results, const std::vector<std::string>& suites);

// "42.5%".
std::string Percent(double rate);

// docs/conformance.md. `selection` is empty for a full run, else a line saying what was filtered.
std::string RenderMarkdown(const std::vector<SuiteSummary>& summaries, const std::string& selection);

}  // namespace conformance
