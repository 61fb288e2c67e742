#include "console.h"

#include <cstdio>

#include "acl/acl.h"

namespace msame {

void PrintLine(const std::string& line) {
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

std::string RecentAclError() {
  const char* message = aclGetRecentErrMsg();
  return message == nullptr ? std::string() : std::string(message);
}

void CheckAcl(int ret, const std::string& what) {
  if (ret == ACL_SUCCESS) return;
  const std::string recent = RecentAclError();
  if (!recent.empty()) PrintLine(recent);
  Fail("{} (error {})", what, ret);
}

}  // namespace msame
