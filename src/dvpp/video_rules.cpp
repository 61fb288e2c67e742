#include "dvpp/video_rules.h"

#include <string>

#include "dvpp/soc_rules.h"
#include "runtime/runtime.h"

namespace aclsim::dvpp {

VideoRules CurrentVideoRules() {
  VideoRules rules;
  const bool old_gen = CurrentDvppGeneration() == DvppGeneration::kAscend310And910;
  if (old_gen) {
    rules.vdec_channel_id_max = 31;
    rules.vdec_stream_max_side = 4096;
    rules.vdec_output_max_side = 4096;
    rules.vdec_rgb_output = false;
    rules.vdec_tunable = false;
  }
  const std::string soc = Runtime::Get().soc_name();
  rules.venc = !old_gen && soc.rfind("Ascend910", 0) != 0;  // no training product encodes
  return rules;
}

}  // namespace aclsim::dvpp
