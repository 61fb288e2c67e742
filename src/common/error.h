// Errors inside the core are exceptions of type Error, carrying the aclError code that the
// API boundary (src/api/api_guard.h) returns and a message for aclGetRecentErrMsg().
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "acl/acl_base.h"

namespace aclsim {

class Error : public std::runtime_error {
 public:
  // `routine`: an outcome programs meet in normal operation (aclrtProcessReport finding nothing
  // to do), logged at debug level instead of error level.
  Error(aclError code, std::string message, bool routine = false)
      : std::runtime_error(std::move(message)), code_(code), routine_(routine) {}
  aclError code() const noexcept { return code_; }
  bool routine() const noexcept { return routine_; }

 private:
  aclError code_;
  bool routine_;
};

// Throws Error(code, formatted message).
template <typename... Args>
[[noreturn]] void Fail(aclError code, fmt::format_string<Args...> format, Args&&... args) {
  throw Error(code, fmt::format(format, std::forward<Args>(args)...));
}

// Throws a routine Error (see Error): the caller is told, the log stays quiet.
template <typename... Args>
[[noreturn]] void FailRoutine(aclError code, fmt::format_string<Args...> format, Args&&... args) {
  throw Error(code, fmt::format(format, std::forward<Args>(args)...), true);
}

// The one check used for caller-supplied arguments: a false condition becomes an Error with
// ACL_ERROR_INVALID_PARAM and a message naming the argument and what was expected of it.
#define ACLSIM_CHECK_ARG(cond, ...)                                                       \
  do {                                                                                    \
    if (!(cond)) ::aclsim::FailArgument(#cond, ::fmt::format(__VA_ARGS__));               \
  } while (0)

[[noreturn]] void FailArgument(const char* condition, const std::string& what);

// Shorthand for the most common argument check.
#define ACLSIM_CHECK_NOT_NULL(ptr) ACLSIM_CHECK_ARG((ptr) != nullptr, "{} must not be null", #ptr)

}  // namespace aclsim
