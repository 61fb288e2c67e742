#include "common/error.h"

namespace aclsim {

void FailArgument(const char* condition, const std::string& what) {
  throw Error(ACL_ERROR_INVALID_PARAM, fmt::format("invalid argument: {} (check `{}` failed)", what, condition));
}

}  // namespace aclsim
