#include "common/log.h"

#include <memory>
#include <mutex>

#include <spdlog/sinks/stdout_sinks.h>

#include "common/env.h"

namespace aclsim {
namespace {

spdlog::level::level_enum LevelFromEnvironment() {
  switch (EnvInt("ASCEND_GLOBAL_LOG_LEVEL", 2, 0, 4)) {
    case 0: return spdlog::level::debug;
    case 1: return spdlog::level::info;
    case 2: return spdlog::level::warn;
    case 3: return spdlog::level::err;
    default: return spdlog::level::off;
  }
}

std::shared_ptr<spdlog::logger> MakeLogger() {
  std::shared_ptr<spdlog::sinks::sink> sink;
  if (EnvInt("ASCEND_SLOG_PRINT_TO_STDOUT", 0, 0, 1) == 1) {
    sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
  } else {
    sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  }
  auto logger = std::make_shared<spdlog::logger>("aclsim", std::move(sink));
  logger->set_pattern("[aclsim %L %Y-%m-%d %H:%M:%S.%e %t] %v");
  logger->set_level(LevelFromEnvironment());
  return logger;
}

std::mutex g_logger_mutex;
std::shared_ptr<spdlog::logger> g_logger;  // replaced only by ReloadLogSettings

}  // namespace

spdlog::logger& Log() {
  // The fast path reads a function-local static; the slow path exists for ReloadLogSettings.
  static spdlog::logger* const first = [] {
    std::lock_guard<std::mutex> lock(g_logger_mutex);
    if (!g_logger) g_logger = MakeLogger();
    return g_logger.get();
  }();
  (void)first;
  std::lock_guard<std::mutex> lock(g_logger_mutex);
  return *g_logger;
}

void ReloadLogSettings() {
  std::lock_guard<std::mutex> lock(g_logger_mutex);
  if (!g_logger) {
    g_logger = MakeLogger();
    return;
  }
  // Keep the same logger object (callers may hold a reference); update what can change.
  auto fresh = MakeLogger();
  g_logger->sinks() = fresh->sinks();
  g_logger->set_level(fresh->level());
}

}  // namespace aclsim
