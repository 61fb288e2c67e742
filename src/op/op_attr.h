// aclopAttr: the named, typed attributes of one operator call (strides, axes, dst_type, ...),
// held as the simulator's attribute map so they reach kernels unchanged. Setting a name again
// replaces its value. A plain value object owned by the caller's handle.
#pragma once

#include "common/handle.h"
#include "sim/attr.h"

struct aclopAttr : aclsim::TaggedObject<0x4F704174u /* 'OpAt' */> {
  static constexpr const char* kTypeName = "aclopAttr";
  aclsim::sim::Attrs values;
};
