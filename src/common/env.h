// Reading settings from environment variables, with range checks. A malformed value is
// reported once in the log and the default is used, so a typo never aborts a program.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace aclsim {

// The variable's value, or nullopt when unset or empty.
std::optional<std::string> EnvString(const char* name);

// An integer in [min, max]; `fallback` when unset, malformed or out of range.
int64_t EnvInt(const char* name, int64_t fallback, int64_t min, int64_t max);

// Parses a byte size such as "4096", "512M", "32G" or "1T" (binary units). nullopt if malformed.
std::optional<uint64_t> ParseByteSize(const std::string& text);

}  // namespace aclsim
