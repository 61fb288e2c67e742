#include "progress.h"

#include <unistd.h>

#include <fmt/format.h>

#include <cstdio>
#include <string>

namespace msame {

ProgressBar::ProgressBar(size_t total) : total_(total), active_(total > 1 && ::isatty(STDERR_FILENO) == 1) {}

ProgressBar::~ProgressBar() { Erase(); }

void ProgressBar::Erase() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

void ProgressBar::Draw(size_t done, double mean_ms) {
  if (!active_) return;
  constexpr size_t kWidth = 30;
  const size_t filled = total_ == 0 ? kWidth : done * kWidth / total_;
  std::string bar(filled, '=');
  if (filled < kWidth) bar += '>';
  bar.resize(kWidth, ' ');
  const std::string line = fmt::format("\r\033[K[{}] {}/{} {:3}%  mean {:.3f} ms", bar, done, total_,
                                       total_ == 0 ? 100 : done * 100 / total_, mean_ms);
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace msame
