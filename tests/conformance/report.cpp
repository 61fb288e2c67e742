#include "report.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <regex>
#include <sstream>

namespace conformance {

namespace {

const char kEllipsis[] = "\xE2\x80\xA6";  // …
constexpr size_t kMaxCauseLength = 200;

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string Trim(const std::string& text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// A name generated for a node or tensor ("conv_1", "onnx::Add_3", "x.2"), as opposed to a word
// of the message itself.
bool LooksGenerated(const std::string& name) {
  bool letter = false;
  bool mark = false;
  for (const char c : name) {
    if (std::isalpha(static_cast<unsigned char>(c))) letter = true;
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '_' || c == ':' || c == '.' || c == '/') mark = true;
  }
  return letter && mark;
}

std::string ReplaceQuotedNames(const std::string& text, const std::set<std::string>& names) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\'' || c == '"' || c == '`') {
      const size_t close = text.find(c, i + 1);
      if (close != std::string::npos && names.count(text.substr(i + 1, close - i - 1)) != 0) {
        out += c;
        out += kEllipsis;
        out += c;
        i = close + 1;
        continue;
      }
    }
    out += c;
    ++i;
  }
  return out;
}

bool IsTokenDelimiter(char c) { return IsSpace(c) || std::string(",;()[]{}'\"`=").find(c) != std::string::npos; }

std::string ReplaceBareNames(const std::string& text, const std::set<std::string>& names) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (IsTokenDelimiter(text[i])) {
      out += text[i++];
      continue;
    }
    size_t end = i;
    while (end < text.size() && !IsTokenDelimiter(text[end])) ++end;
    std::string token = text.substr(i, end - i);
    std::string tail;
    while (!token.empty() && (token.back() == '.' || token.back() == ':')) {  // sentence punctuation
      tail.insert(tail.begin(), token.back());
      token.pop_back();
    }
    if (names.count(token) != 0 && LooksGenerated(token)) {
      out += kEllipsis;
    } else {
      out += token;
    }
    out += tail;
    i = end;
  }
  return out;
}

std::string CollapseSpaces(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (IsSpace(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return Trim(out);
}

std::string Cut(const std::string& text) {
  if (text.size() <= kMaxCauseLength) return text;
  size_t cut = kMaxCauseLength;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
  return text.substr(0, cut) + kEllipsis;
}

bool ContainsNoCase(const std::string& text, const std::string& word) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower.find(word) != std::string::npos;
}

}  // namespace

std::string FirstLine(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    line = Trim(line);
    if (!line.empty()) return line;
  }
  return "";
}

std::string Normalize(const std::string& message, const Specifics& specifics) {
  std::string text = message;
  for (const auto& [from, to] : specifics.replace) ReplaceAll(text, from, to);
  text = ReplaceQuotedNames(text, specifics.names);
  text = ReplaceBareNames(text, specifics.names);
  // atc names a node by index and name before its operator: "node 3 "conv_1" (Conv): ..." -> "Conv: ...".
  static const std::regex kNodeRef(R"re(\bnode \d+ (?:"[^"]*"|'[^']*') \(([A-Za-z0-9_.]+)\))re");
  text = std::regex_replace(text, kNodeRef, "$1");
  static const std::regex kIntList(R"([\[(]\s*-?\d+(\s*,\s*-?\d+)*\s*,?\s*[\])])");
  text = std::regex_replace(text, kIntList, std::string("[") + kEllipsis + "]");
  return Cut(CollapseSpaces(text));
}

std::string AtcCause(const std::string& stderr_text, const Specifics& specifics) {
  std::istringstream in(stderr_text);
  std::string line;
  std::string chosen;
  std::string first_error;
  while (std::getline(in, line)) {
    line = Trim(line);
    if (line.empty()) continue;
    if (line.rfind("ATC run failed", 0) == 0) {
      chosen = line;
      break;
    }
    if (first_error.empty() && (ContainsNoCase(line, "error") || ContainsNoCase(line, "fail"))) first_error = line;
  }
  if (chosen.empty()) chosen = !first_error.empty() ? first_error : FirstLine(stderr_text);
  static const std::regex kPrefix(R"(^ATC run failed( \(error -?\d+\))?:\s*)");
  chosen = std::regex_replace(chosen, kPrefix, "");
  if (chosen.empty()) return "atc: failed without a message";
  return "atc: " + Normalize(chosen, specifics);
}

double TargetFor(const std::string& suite) {
  if (suite == "node") return 0.60;
  if (suite == "pytorch-converted" || suite == "pytorch-operator") return 0.85;
  return 0.0;
}

std::vector<SuiteSummary> Summarize(const std::vector<CaseResult>& results, const std::vector<std::string>& suites) {
  std::vector<SuiteSummary> summaries;
  for (const std::string& suite : suites) {
    SuiteSummary summary;
    summary.suite = suite;
    std::map<std::string, std::vector<std::string>> by_cause;
    for (const CaseResult& r : results) {
      if (r.suite != suite) continue;
      ++summary.total;
      if (r.passed) {
        summary.passing.push_back(r.name);
      } else {
        by_cause[r.cause].push_back(r.name);
      }
    }
    std::sort(summary.passing.begin(), summary.passing.end());
    for (auto& [cause, names] : by_cause) {
      std::sort(names.begin(), names.end());
      summary.causes.emplace_back(cause, std::move(names));
    }
    // Most cases first; equal counts in the cause's order, so the document is stable.
    std::stable_sort(summary.causes.begin(), summary.causes.end(),
                     [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
    summaries.push_back(std::move(summary));
  }
  return summaries;
}

std::string Percent(double rate) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.1f%%", rate * 100.0);
  return buffer;
}

namespace {

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// A cause inside Markdown inline code cannot hold a backtick; it never needs one.
std::string Code(std::string text) {
  std::replace(text.begin(), text.end(), '`', '\'');
  return "`" + text + "`";
}

}  // namespace

std::string RenderMarkdown(const std::vector<SuiteSummary>& summaries, const std::string& selection) {
  std::ostringstream md;
  md << "# ONNX backend conformance\n\n"
     << "Generated by `cmake --build <build> --target conformance_doc` (the `onnx_conformance` driver of "
        "`tests/conformance/`, run on all four suites, and for the last section the `onnx_op_conformance` driver); "
        "do not edit. The ctest `onnx_conformance_doc_is_current` fails when this file differs from a fresh run.\n\n"
     << "Each case of Debian's libonnx-testdata (`/usr/share/libonnx-testdata/data/<suite>/<case>/`) goes the way "
        "a user's model goes: `atc --framework=5 --soc_version=Ascend310 --precision_mode=must_keep_origin_dtype` "
        "converts `model.onnx`, then `aclmdlLoadFromFile` and `aclmdlExecute` run every `test_data_set_N` through "
        "the public API. Outputs must match in data type, shape and values: float32/float64/complex within "
        "rtol 1e-3, atol 1e-7 (the ONNX backend tests' tolerance), float16/bfloat16 within rtol 1e-3, atol 1e-3, "
        "integers and bools exactly, NaN equal to NaN. A case passes when all its data sets do.\n\n";
  if (!selection.empty()) md << "**Partial run:** " << selection << "\n\n";
  md << "| suite | passed | total | rate | target |\n|---|---|---|---|---|\n";
  for (const SuiteSummary& s : summaries) {
    const double target = TargetFor(s.suite);
    md << "| " << s.suite << " | " << s.passing.size() << " | " << s.total << " | " << Percent(s.rate()) << " | ";
    if (target > 0) {
      md << Percent(target) << (s.target_met() ? " (met)" : " (not met)");
    } else {
      md << "—";
    }
    md << " |\n";
  }
  for (const SuiteSummary& s : summaries) {
    md << "\n## " << s.suite << "\n\n";
    md << s.passing.size() << " of " << s.total << " cases pass.\n";
    if (!s.causes.empty()) {
      md << "\n### Failures by cause\n\n";
      for (const auto& [cause, names] : s.causes) {
        md << "- " << Code(cause) << " (" << names.size() << "): " << JoinNames(names) << "\n";
      }
    }
    if (!s.passing.empty()) md << "\n### Passing (" << s.passing.size() << ")\n\n" << JoinNames(s.passing) << "\n";
  }
  return md.str();
}

}  // namespace conformance
