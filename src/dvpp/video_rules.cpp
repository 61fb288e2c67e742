#include "dvpp/video_rules.h"

#include <string>

#include "runtime/runtime.h"

namespace aclsim::dvpp {

VideoRules CurrentVideoRules() {
  const std::string soc = Runtime::Get().soc_name();
  VideoRules rules;
  const bool is_310p = soc.rfind("Ascend310P", 0) == 0;
  const bool old_gen = !is_310p && (soc.rfind("Ascend310", 0) == 0 || soc == "Ascend910" ||
                                    soc.rfind("Ascend910A", 0) == 0 || soc.rfind("Ascend910Pro", 0) == 0);
  if (old_gen) {
    rules.vdec_channel_id_max = 31;
    rules.vdec_stream_max_side = 4096;
    rules.vdec_output_max_side = 4096;
    rules.vdec_rgb_output = false;
    rules.vdec_tunable = false;
  }
  rules.venc = !old_gen && soc.rfind("Ascend910", 0) != 0;  // no training product encodes
  return rules;
}

}  // namespace aclsim::dvpp
