// The library's one logger. Level from ASCEND_GLOBAL_LOG_LEVEL (0 debug, 1 info, 2 warning,
// 3 error, 4 off; default 2), written to stderr, or to stdout when ASCEND_SLOG_PRINT_TO_STDOUT=1.
#pragma once

#include <spdlog/logger.h>

namespace aclsim {

// Created on first use from the environment; thread-safe.
spdlog::logger& Log();

// Re-reads the environment variables (aclInit calls this so a program may set them before init).
void ReloadLogSettings();

}  // namespace aclsim
