#include "common/recent_error.h"

#include <deque>

#include <fmt/format.h>

#include "common/log.h"

namespace aclsim {
namespace {

// A program that never reads its messages must not grow without bound: keep the newest few.
constexpr size_t kMaxUnread = 16;

struct RecentErrors {
  std::deque<std::string> unread;  // newest at the front
  std::string returned;            // owns the text the last TakeRecentErrorMessages() handed out
};

RecentErrors& ThisThread() {
  thread_local RecentErrors state;
  return state;
}

}  // namespace

void RecordError(const char* api, aclError code, const std::string& message, bool routine) {
  RecentErrors& state = ThisThread();
  state.unread.push_front(fmt::format("{} failed with error {}: {}", api, code, message));
  if (state.unread.size() > kMaxUnread) state.unread.pop_back();
  Log().log(routine ? spdlog::level::debug : spdlog::level::err, "{}", state.unread.front());
}

const char* TakeRecentErrorMessages() {
  RecentErrors& state = ThisThread();
  if (state.unread.empty()) return nullptr;
  state.returned = fmt::format("{}", fmt::join(state.unread, "\n"));
  state.unread.clear();
  return state.returned.c_str();
}

}  // namespace aclsim
