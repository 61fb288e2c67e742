#include "stats.h"

#include <algorithm>
#include <numeric>

namespace msame {
namespace {

double Percentile(const std::vector<double>& sorted, double p) {
  const double rank = p / 100.0 * static_cast<double>(sorted.size() - 1);
  const size_t low = static_cast<size_t>(rank);
  const size_t high = std::min(low + 1, sorted.size() - 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - static_cast<double>(low));
}

}  // namespace

LatencyStats Summarize(const std::vector<double>& latencies_ms) {
  LatencyStats stats;
  stats.count = latencies_ms.size();
  if (latencies_ms.empty()) return stats;
  std::vector<double> sorted = latencies_ms;
  std::sort(sorted.begin(), sorted.end());
  stats.min_ms = sorted.front();
  stats.max_ms = sorted.back();
  stats.total_ms = std::accumulate(latencies_ms.begin(), latencies_ms.end(), 0.0);
  stats.mean_ms = stats.total_ms / static_cast<double>(stats.count);
  if (stats.count > 1) {
    stats.mean_without_first_ms = (stats.total_ms - latencies_ms.front()) / static_cast<double>(stats.count - 1);
  }
  stats.median_ms = Percentile(sorted, 50);
  stats.p90_ms = Percentile(sorted, 90);
  stats.p99_ms = Percentile(sorted, 99);
  stats.throughput_per_s = stats.total_ms > 0 ? 1000.0 * static_cast<double>(stats.count) / stats.total_ms : 0;
  return stats;
}

}  // namespace msame
