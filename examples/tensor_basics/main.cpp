// tensor_basics: initialise AscendCL, describe a tensor, convert values to float16 and back,
// look at the same tensor in the NPU's NC1HWC0 layout, and finalise. Prints what it finds.
#include <cstdio>
#include <vector>

#include "acl/acl.h"

#define CHECK_ACL(call)                                                                   \
  do {                                                                                    \
    aclError ret_ = (call);                                                               \
    if (ret_ != ACL_SUCCESS) {                                                            \
      const char* msg_ = aclGetRecentErrMsg();                                            \
      std::fprintf(stderr, "%s failed: %d (%s)\n", #call, ret_, msg_ ? msg_ : "no message"); \
      return 1;                                                                           \
    }                                                                                     \
  } while (0)

static void PrintDims(const char* label, const aclTensorDesc* desc) {
  std::printf("%s: format %d, dims [", label, aclGetTensorDescFormat(desc));
  for (size_t i = 0; i < aclGetTensorDescNumDims(desc); ++i) {
    int64_t dim = 0;
    aclGetTensorDescDimV2(desc, i, &dim);
    std::printf("%s%lld", i ? ", " : "", static_cast<long long>(dim));
  }
  std::printf("], %zu bytes\n", aclGetTensorDescSize(desc));
}

int main() {
  CHECK_ACL(aclInit(nullptr));
  int32_t major = 0, minor = 0, patch = 0;
  CHECK_ACL(aclrtGetVersion(&major, &minor, &patch));
  std::printf("AscendCL %d.%d.%d on %s\n", major, minor, patch, aclrtGetSocName());

  // An image batch as a framework hands it over: NCHW float16.
  const int64_t dims[] = {1, 3, 224, 224};
  aclTensorDesc* image = aclCreateTensorDesc(ACL_FLOAT16, 4, dims, ACL_FORMAT_NCHW);
  if (image == nullptr) return 1;
  aclSetTensorDescName(image, "image");
  PrintDims("image (NCHW)", image);

  // The same tensor as the NPU stores it: channels blocked by 16.
  aclTensorDesc* blocked = nullptr;
  CHECK_ACL(aclTransTensorDescFormat(image, ACL_FORMAT_NC1HWC0, &blocked));
  PrintDims("image (NC1HWC0)", blocked);

  const std::vector<float> values = {0.1f, 1.0f, 3.14159f, 65504.0f, 1e6f};
  for (float v : values) {
    aclFloat16 half = aclFloatToFloat16(v);
    std::printf("float %-10g -> float16 0x%04X -> %g\n", v, half, aclFloat16ToFloat(half));
  }

  aclDestroyTensorDesc(blocked);
  aclDestroyTensorDesc(image);
  CHECK_ACL(aclFinalize());
  return 0;
}
