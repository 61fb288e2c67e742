#include "memory/leak_report.h"

#include <fmt/format.h>

namespace aclsim {

std::string LeakReport::Summary() const {
  std::string text = fmt::format("{} allocation{}, {} bytes", count, count == 1 ? "" : "s", bytes);
  if (!first_sizes.empty()) {
    text += fmt::format(" (sizes {}{})", fmt::join(first_sizes, ", "), first_sizes.size() < count ? ", ..." : "");
  }
  if (physical_count > 0) {
    text +=
        fmt::format("; {} physical handle{}, {} bytes", physical_count, physical_count == 1 ? "" : "s", physical_bytes);
  }
  return text;
}

}  // namespace aclsim
