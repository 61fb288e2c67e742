#include "dvpp/libav.h"

extern "C" {
#include <libavutil/log.h>
}

#include <cstdarg>
#include <cstdio>
#include <mutex>

#include "common/log.h"

namespace aclsim::dvpp {
namespace {

void ToLogger(void* /*avcl*/, int level, const char* format, va_list args) {
  if (level > AV_LOG_VERBOSE || !Log().should_log(spdlog::level::debug)) return;
  char line[1024];
  std::vsnprintf(line, sizeof(line), format, args);
  std::string text(line);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  if (!text.empty()) Log().debug("libav: {}", text);
}

}  // namespace

std::string AvErrorText(int error) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(error, text, sizeof(text));
  return text;
}

void RouteLibavLogs() {
  static std::once_flag once;
  std::call_once(once, [] { av_log_set_callback(&ToLogger); });
}

}  // namespace aclsim::dvpp
