// Uses a few entry points of each kind to prove the installed headers and library work together.
#include <cstdio>

#include "acl/acl.h"

int main() {
  if (aclInit(nullptr) != ACL_SUCCESS) return 1;
  int32_t major = 0, minor = 0, patch = 0;
  if (aclrtGetVersion(&major, &minor, &patch) != ACL_SUCCESS) return 2;
  const int64_t dims[] = {2, 3};
  aclTensorDesc* desc = aclCreateTensorDesc(ACL_FLOAT16, 2, dims, ACL_FORMAT_ND);
  if (desc == nullptr || aclGetTensorDescSize(desc) != 12) return 3;
  aclDestroyTensorDesc(desc);
  if (aclFinalize() != ACL_SUCCESS) return 4;
  std::printf("consumer ok: AscendCL %d.%d.%d\n", major, minor, patch);
  return 0;
}
