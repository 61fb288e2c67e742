// Colour-space conversion of Planes between YUV and RGB with one of acldvppCscMatrix's matrices
// (BT.601 / BT.709 / BT.2020, full "wide" or limited "narrow" range).
#pragma once

#include <cstdint>

#include "dvpp/planes.h"

namespace aclsim::dvpp {

// Converts `planes` in place to `target` (nothing to do when already there). `csc_matrix` is an
// acldvppCscMatrix value (0..5); the caller has checked it.
void ConvertColour(Planes& planes, ColourSpace target, uint32_t csc_matrix);

}  // namespace aclsim::dvpp
