// Reading settings from environment variables. EnvInt is lenient (a malformed value is reported on
// stderr and the fallback used), for variables that must never make a call fail, like the log
// level; the ACLSIM_* settings are parsed strictly by runtime/config.cpp instead.
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
