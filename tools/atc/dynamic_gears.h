// atc's dynamic gears: --dynamic_batch_size, --dynamic_image_size and --dynamic_dims. The model
// is converted once per gear (the -1 dims of --input_shape filled in) and the conversions are
// merged into one graph whose gear-dependent dims are -1, plus the ACL_DYNAMIC_TENSOR_NAME input
// that selects a gear at execution. Conversions that differ in anything but dims (a constant
// folded from a gear-dependent shape, say) cannot share one graph and are refused.
#pragma once

#include <string>
#include <vector>

#include "model/graph.h"
#include "onnx/import.h"
#include "options.h"

namespace aclsim::atc {

struct Gears {
  model::DynamicKind kind = model::DynamicKind::kNone;
  std::vector<std::vector<int64_t>> values;  // one list per gear
};

// The gears the options ask for (kind kNone when none does). Throws Error(ACL_ERROR_INVALID_PARAM)
// for malformed lists, or for more than one of the three options.
Gears ParseGears(const Options& options);

// Converts with `gears` as described above; throws Error naming the option, input or tensor at fault.
onnx_import::ImportResult ImportWithGears(const onnx_import::ImportOptions& options, const Gears& gears);

}  // namespace aclsim::atc
