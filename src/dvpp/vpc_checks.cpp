#include "dvpp/vpc_checks.h"

#include <string>

#include "common/error.h"
#include "dvpp/pixel_format.h"
#include "dvpp/soc_rules.h"
#include "runtime/runtime.h"

namespace aclsim::dvpp {

void RequireVpcExtras(const char* operation) {
  if (!CurrentSocRules().vpc_extras) {
    Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "{} is not available on {} (the Ascend310/Ascend910 generation lacks it)",
         operation, Runtime::Get().soc_name());
  }
}

void RequirePyrDown(const char* operation) {
  if (!CurrentSocRules().pyr_down) {
    Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "{} is only available on Ascend310P, not on {}", operation,
         Runtime::Get().soc_name());
  }
}

void CheckFormatAmong(const acldvppPicDesc& desc, const std::string& what,
                      std::initializer_list<acldvppPixelFormat> formats, const char* operation) {
  for (acldvppPixelFormat format : formats) {
    if (desc.format == format) return;
  }
  std::string names;
  for (acldvppPixelFormat format : formats) names += std::string(names.empty() ? "" : ", ") + FormatName(format);
  Fail(ACL_ERROR_INVALID_PARAM, "{}.format {} ({}) is not supported by {} (supported: {})", what,
       static_cast<int>(desc.format), FormatName(desc.format), operation, names);
}

void CheckResolution(const acldvppPicDesc& desc, const std::string& what, uint32_t min_width, uint32_t min_height,
                     uint32_t max_width, uint32_t max_height) {
  if (desc.width < min_width || desc.width > max_width) {
    Fail(ACL_ERROR_INVALID_PARAM, "{}.width {} is outside [{}, {}]", what, desc.width, min_width, max_width);
  }
  if (desc.height < min_height || desc.height > max_height) {
    Fail(ACL_ERROR_INVALID_PARAM, "{}.height {} is outside [{}, {}]", what, desc.height, min_height, max_height);
  }
}

}  // namespace aclsim::dvpp
