// A progress bar for long --loop runs, drawn on stderr only when stderr is a terminal: the runs
// done, a bar and the running mean latency. Before msame's own lines go to stdout the bar is
// erased and it is drawn again after them, so the terminal shows every line plus one bar at the
// bottom; when stderr is not a terminal nothing is drawn and the output is msame's alone.
#pragma once

#include <cstddef>

namespace msame {

class ProgressBar {
 public:
  // Active when `total` > 1 and stderr is a terminal.
  explicit ProgressBar(size_t total);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  bool active() const { return active_; }
  void Erase();
  void Draw(size_t done, double mean_ms);

 private:
  size_t total_;
  bool active_;
  bool drawn_ = false;
};

}  // namespace msame
