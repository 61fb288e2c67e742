// --json: a machine-readable summary of a successful run for scripts and CI — the model and its
// load time, how inputs were fed, latency statistics, throughput and the process's peak
// resident memory. Written to a file, or to stdout after msame's lines with "-".
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "stats.h"

namespace msame {

struct RunSummary {
  std::string model;
  double model_load_ms = 0;
  int32_t device = 0;
  std::string input_mode;  // "zeros", "files" or "folders"
  std::optional<std::string> output_folder;
  LatencyStats latency;
};

// The process's peak resident set size in bytes (getrusage).
long long PeakResidentBytes();

std::string SummaryJson(const RunSummary& summary);

// Throws Failure when `path` cannot be written.
void WriteSummary(const RunSummary& summary, const std::string& path);

}  // namespace msame
