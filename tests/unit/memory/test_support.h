// Helpers shared by the memory module's tests.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <string_view>

#include "common/error.h"

namespace aclsim::test {

// Runs `body`, which must throw aclsim::Error with `code` and a message containing `fragment`.
template <typename Body>
::testing::AssertionResult FailsWith(Body&& body, aclError code, std::string_view fragment = {}) {
  try {
    body();
  } catch (const Error& e) {
    if (e.code() != code) {
      return ::testing::AssertionFailure() << "error code " << e.code() << " instead of " << code << ": " << e.what();
    }
    if (!fragment.empty() && std::string_view(e.what()).find(fragment) == std::string_view::npos) {
      return ::testing::AssertionFailure() << "message \"" << e.what() << "\" lacks \"" << fragment << "\"";
    }
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "no error was thrown";
}

// Resident memory of this process, from /proc/self/statm.
inline size_t ResidentBytes() {
  std::FILE* file = std::fopen("/proc/self/statm", "r");
  if (file == nullptr) return 0;
  unsigned long total = 0, resident = 0;
  const int read = std::fscanf(file, "%lu %lu", &total, &resident);
  std::fclose(file);
  return read == 2 ? resident * static_cast<size_t>(sysconf(_SC_PAGESIZE)) : 0;
}

inline constexpr size_t kMiB = size_t{1} << 20;

}  // namespace aclsim::test
