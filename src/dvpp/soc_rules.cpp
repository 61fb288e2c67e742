#include "dvpp/soc_rules.h"

#include <string>

#include "runtime/runtime.h"

namespace aclsim::dvpp {

DvppGeneration CurrentDvppGeneration() {
  const std::string soc = Runtime::Get().soc_name();
  if (soc.rfind("Ascend310P", 0) == 0) return DvppGeneration::kAscend310P;
  if (soc.rfind("Ascend310", 0) == 0 || soc == "Ascend910" ||
      soc.rfind("Ascend910A", 0) == 0 || soc.rfind("Ascend910Pro", 0) == 0) {
    return DvppGeneration::kAscend310And910;
  }
  return DvppGeneration::kLater;
}

SocRules CurrentSocRules() {
  SocRules rules;
  const DvppGeneration generation = CurrentDvppGeneration();
  const bool is_310p = generation == DvppGeneration::kAscend310P;
  const bool old_gen = generation == DvppGeneration::kAscend310And910;
  if (old_gen) {
    rules.roi_parity = true;
    rules.jpegd_stride_align = 128;
    rules.tf_interpolation = true;
    rules.zero_is_high_order = true;
    rules.jpege_level_zero = true;
    rules.vpc_extras = false;
  }
  rules.pyr_down = is_310p;
  rules.yuv400_converts_to_yuv400_only = is_310p;
  if (is_310p) rules.calc_hist_max_height = 4096;
  return rules;
}

}  // namespace aclsim::dvpp
