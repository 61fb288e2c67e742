// Shape arithmetic shared by the data-movement families: checked element counts, and the plans
// of operators whose shape function and kernel must agree on the same numbers (a strided slice's
// start, sizes and steps), computed once from the operator's parameters and validated there.
#pragma once

#include <cstdint>
#include <vector>

#include "acl/acl_base.h"
#include "sim/kernels/strided_copy.h"
#include "sim/tensor.h"

namespace aclsim::sim {

// The element count of `shape`; throws `code` naming `op` for a negative dim or a count that does
// not fit in int64.
int64_t CheckedElements(const char* op, const Shape& shape, aclError code = ACL_ERROR_OP_INPUT_NOT_MATCH);

// A slice of a dense tensor: the output shape, and the index space walked in the input (the
// output's elements in order) with its start and per-dim steps in input elements.
struct SlicePlan {
  Shape out_shape;
  Shape space;
  StridedLayout from;
};

// Slice / SliceD: offsets[d] in [0, dim], size[d] >= 0 or -1 (to the end), offsets + size <= dim.
// Errors carry `code` (input or attribute mismatch, as the parameters came).
SlicePlan PlanSlice(const char* op, aclError code, const Shape& x, const std::vector<int64_t>& offsets,
                    const std::vector<int64_t>& size);

struct StridedSliceMasks {
  int64_t begin = 0, end = 0, ellipsis = 0, new_axis = 0, shrink_axis = 0;
};

// StridedSlice / StridedSliceD with every mask, as TensorFlow defines them.
SlicePlan PlanStridedSlice(const char* op, aclError code, const Shape& x, const std::vector<int64_t>& begin,
                           const std::vector<int64_t>& end, const std::vector<int64_t>& strides,
                           const StridedSliceMasks& masks);

}  // namespace aclsim::sim
