#include "json_summary.h"

#include <sys/resource.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "console.h"

namespace msame {
namespace {

std::string Quote(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        else out += c;
    }
  }
  return out + "\"";
}

// Milliseconds to the microsecond; JSON has no NaN or infinity.
std::string Number(double value) { return std::isfinite(value) ? fmt::format("{:.6f}", value) : "null"; }

}  // namespace

long long PeakResidentBytes() {
  rusage usage{};
  if (::getrusage(RUSAGE_SELF, &usage) != 0) return -1;
  return static_cast<long long>(usage.ru_maxrss) * 1024;  // Linux reports kilobytes
}

std::string SummaryJson(const RunSummary& s) {
  const LatencyStats& l = s.latency;
  std::string json = "{\n";
  json += fmt::format("  \"model\": {},\n", Quote(s.model));
  json += fmt::format("  \"model_load_ms\": {},\n", Number(s.model_load_ms));
  json += fmt::format("  \"device\": {},\n", s.device);
  json += fmt::format("  \"input_mode\": {},\n", Quote(s.input_mode));
  json += fmt::format("  \"output_folder\": {},\n", s.output_folder ? Quote(*s.output_folder) : "null");
  json += fmt::format("  \"inferences\": {},\n", l.count);
  json += "  \"latency_ms\": {\n";
  json += fmt::format("    \"min\": {},\n", Number(l.min_ms));
  json += fmt::format("    \"median\": {},\n", Number(l.median_ms));
  json += fmt::format("    \"mean\": {},\n", Number(l.mean_ms));
  json += fmt::format("    \"p90\": {},\n", Number(l.p90_ms));
  json += fmt::format("    \"p99\": {},\n", Number(l.p99_ms));
  json += fmt::format("    \"max\": {},\n", Number(l.max_ms));
  json += fmt::format("    \"mean_without_first\": {}\n", l.count > 1 ? Number(l.mean_without_first_ms) : "null");
  json += "  },\n";
  json += fmt::format("  \"throughput_per_s\": {},\n", Number(l.throughput_per_s));
  json += fmt::format("  \"peak_rss_bytes\": {}\n", PeakResidentBytes());
  json += "}\n";
  return json;
}

void WriteSummary(const RunSummary& summary, const std::string& path) {
  const std::string json = SummaryJson(summary);
  if (path == "-") {
    std::fwrite(json.data(), 1, json.size(), stdout);
    std::fflush(stdout);
    return;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << json;
  if (!out.flush()) Fail("cannot write the JSON summary {}: {}", path, std::strerror(errno));
}

}  // namespace msame
