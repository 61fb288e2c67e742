// atc's --insert_op_conf: CANN's AIPP configuration file (prototxt-like `aipp_op { key: value }`
// blocks, # comments) and the rewrite that puts an Aipp node after each configured input
// (docs/aipp.md). The configured input then takes uint8 images; for dynamic AIPP the model also
// gains the parameter input ACL_DYNAMIC_AIPP_NAME that aclmdlSetInputAIPP fills.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "model/graph.h"
#include "sim/kernels/aipp_params.h"

namespace aclsim::atc {

struct AippConfig {
  int line = 0;  // of its aipp_op
  bool dynamic = false;
  int64_t related_input_rank = 0;
  std::string related_input_name;  // instead of the rank when given
  int64_t max_src_image_size = 0;  // dynamic
  sim::aipp::Params params;        // static; one batch entry, shared by every image
  std::set<std::string> given;     // the keys the file sets
};

// Parses the text of an AIPP configuration file; `path` names it in messages. Throws
// Error(ACL_ERROR_INVALID_PARAM) naming the line and the key for a syntax error, an unknown key,
// a value out of its documented range, a missing aipp_mode or input_format, or a feature aclsim
// does not have (resize, rotation, single-line mode, other input formats: ACL_ERROR_FEATURE_UNSUPPORTED).
std::vector<AippConfig> ParseAippConfig(const std::string& text, const std::string& path);
std::vector<AippConfig> ReadAippConfig(const std::string& path);

// Inserts the configured AIPP into `graph` (a static graph: no dynamic gears). Throws
// Error(ACL_ERROR_INVALID_PARAM) naming the aipp_op's line when the configuration does not fit
// the input (not a 4-D float NCHW input, an output size other than the input's H x W, too few
// channels, an input configured twice).
void InsertAipp(model::ModelGraph& graph, const std::vector<AippConfig>& configs, const std::string& path);

}  // namespace aclsim::atc
