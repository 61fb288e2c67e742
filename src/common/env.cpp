#include "common/env.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>

namespace aclsim {

std::optional<std::string> EnvString(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

int64_t EnvInt(const char* name, int64_t fallback, int64_t min, int64_t max) {
  auto text = EnvString(name);
  if (!text) return fallback;
  errno = 0;
  char* end = nullptr;
  long long value = std::strtoll(text->c_str(), &end, 10);
  if (errno != 0 || end == text->c_str() || *end != '\0' || value < min || value > max) {
    // The logger itself reads these variables, so this cannot go through it.
    std::fprintf(stderr, "[aclsim] ignoring %s=%s: expected an integer in [%lld, %lld]\n", name,
                 text->c_str(), static_cast<long long>(min), static_cast<long long>(max));
    return fallback;
  }
  return value;
}

std::optional<uint64_t> ParseByteSize(const std::string& text) {
  if (text.empty()) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  unsigned long long value = std::strtoull(text.c_str(), &end, 10);
  if (errno != 0 || end == text.c_str() || text[0] == '-') return std::nullopt;
  unsigned shift = 0;
  switch (*end) {
    case '\0': break;
    case 'K': case 'k': shift = 10; ++end; break;
    case 'M': case 'm': shift = 20; ++end; break;
    case 'G': case 'g': shift = 30; ++end; break;
    case 'T': case 't': shift = 40; ++end; break;
    default: return std::nullopt;
  }
  if (*end == 'i' || *end == 'B') ++end;  // accept "GiB" / "GB" / "G" alike
  if (*end == 'B') ++end;
  if (*end != '\0') return std::nullopt;
  if (shift != 0 && value > (~0ULL >> shift)) return std::nullopt;
  return static_cast<uint64_t>(value) << shift;
}

}  // namespace aclsim
