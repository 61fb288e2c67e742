// Console output in msame's line formats ("[INFO] ...", "[ERROR] ...", all on stdout, as msame
// prints them) and the exception the tool throws when a run cannot go on: Fail() prints the
// [ERROR] line where the failure is found (before any clean-up prints its own lines), then throws
// a Failure, which main turns into exit status 1.
#pragma once

#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace msame {

class Failure : public std::runtime_error {
 public:
  explicit Failure(const std::string& message) : std::runtime_error(message) {}
};

// One line on stdout, flushed, so that the order of lines is kept when stdout is a pipe.
void PrintLine(const std::string& line);

template <typename... Args>
[[noreturn]] void Fail(fmt::format_string<Args...> format, Args&&... args) {
  std::string message = fmt::format(format, std::forward<Args>(args)...);
  PrintLine("[ERROR] " + message);
  throw Failure(message);
}

template <typename... Args>
void Info(fmt::format_string<Args...> format, Args&&... args) {
  PrintLine("[INFO] " + fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void Warn(fmt::format_string<Args...> format, Args&&... args) {
  PrintLine("[WARN] " + fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void Debug(fmt::format_string<Args...> format, Args&&... args) {
  PrintLine("[DEBUG] " + fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void Error(fmt::format_string<Args...> format, Args&&... args) {
  PrintLine("[ERROR] " + fmt::format(format, std::forward<Args>(args)...));
}

// The text of aclGetRecentErrMsg(), or "" when there is none.
std::string RecentAclError();

// Fails with `what` when `ret` is not ACL_SUCCESS, after printing the runtime's own message on a
// line of its own (msame prints it just before its [ERROR] line).
void CheckAcl(int ret, const std::string& what);

}  // namespace msame
