#include "dvpp/libav.h"

#include <dlfcn.h>

#include <cstdarg>
#include <cstdio>
#include <mutex>

#include "common/error.h"
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

// The SONAME of the libavcodec these headers describe (the runtime package of the -dev one).
#define ACLSIM_STRINGIFY_(x) #x
#define ACLSIM_STRINGIFY(x) ACLSIM_STRINGIFY_(x)
constexpr const char* kLibAvCodec = "libavcodec.so." ACLSIM_STRINGIFY(LIBAVCODEC_VERSION_MAJOR);

LibAv Load() {
  void* handle = dlopen(kLibAvCodec, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "video coding needs {}, which cannot be loaded: {}", kLibAvCodec, dlerror());
  }
  LibAv av;
  // dlsym on the handle also searches libavcodec's dependencies, libavutil among them.
#define ACLSIM_LIBAV_RESOLVE(name)                                                                  \
  av.name = reinterpret_cast<decltype(av.name)>(dlsym(handle, #name));                              \
  if (av.name == nullptr) Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "{} has no function {}", kLibAvCodec, #name);
  ACLSIM_LIBAV_FUNCTIONS(ACLSIM_LIBAV_RESOLVE)
#undef ACLSIM_LIBAV_RESOLVE
  return av;  // the library stays open for the process's lifetime
}

}  // namespace

const LibAv& Av() {
  static const LibAv av = Load();  // a failed load throws and is tried again on the next call
  return av;
}

std::string AvErrorText(int error) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  Av().av_strerror(error, text, sizeof(text));
  return text;
}

void RouteLibavLogs() {
  static std::once_flag once;
  std::call_once(once, [] { Av().av_log_set_callback(&ToLogger); });
}

}  // namespace aclsim::dvpp
