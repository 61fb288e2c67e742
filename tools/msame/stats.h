// Latency statistics of a run: msame's means (all runs, and all but the first) and, for the
// JSON summary, min/median/p90/p99/max and throughput.
#pragma once

#include <cstddef>
#include <vector>

namespace msame {

struct LatencyStats {
  size_t count = 0;
  double min_ms = 0;
  double max_ms = 0;
  double mean_ms = 0;
  double mean_without_first_ms = 0;  // 0 with fewer than two runs
  double median_ms = 0;
  double p90_ms = 0;
  double p99_ms = 0;
  double total_ms = 0;
  double throughput_per_s = 0;  // executions per second of execution time
};

// Percentiles interpolate linearly between the two nearest ranks (numpy's default).
LatencyStats Summarize(const std::vector<double>& latencies_ms);

}  // namespace msame
