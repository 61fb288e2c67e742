#include "sim/kernels/shape_plans.h"

#include <algorithm>
#include <limits>

#include "common/error.h"

namespace aclsim::sim {

int64_t CheckedElements(const char* op, const Shape& shape, aclError code) {
  int64_t count = 1;
  for (int64_t d : shape) {
    if (d < 0) Fail(code, "{}: the shape {} has a negative dim", op, ToString(shape));
    if (d != 0 && count > std::numeric_limits<int64_t>::max() / d) {
      Fail(code, "{}: the shape {} has more elements than fit in int64", op, ToString(shape));
    }
    count *= d;
  }
  return count;
}

SlicePlan PlanSlice(const char* op, aclError code, const Shape& x, const std::vector<int64_t>& offsets,
                    const std::vector<int64_t>& size) {
  if (offsets.size() != x.size() || size.size() != x.size()) {
    Fail(code, "{}: offsets ({} values) and size ({} values) must have one value per dim of x {}", op, offsets.size(),
         size.size(), ToString(x));
  }
  const std::vector<int64_t> strides = DenseStrides(x);
  SlicePlan plan;
  plan.from.strides = strides;
  for (size_t d = 0; d < x.size(); ++d) {
    const int64_t begin = offsets[d];
    if (begin < 0 || begin > x[d]) {
      Fail(code, "{}: offsets[{}] = {} is outside [0, {}] for x {}", op, d, begin, x[d], ToString(x));
    }
    int64_t count = size[d];
    if (count == -1) count = x[d] - begin;
    if (count < 0 || count > x[d] - begin) {
      Fail(code, "{}: size[{}] = {} does not fit in dim {} of x {} from offset {}", op, d, size[d], d, ToString(x),
           begin);
    }
    plan.out_shape.push_back(count);
    plan.from.offset += begin * strides[d];
  }
  plan.space = plan.out_shape;
  return plan;
}

SlicePlan PlanStridedSlice(const char* op, aclError code, const Shape& x, const std::vector<int64_t>& begin,
                           const std::vector<int64_t>& end, const std::vector<int64_t>& strides,
                           const StridedSliceMasks& masks) {
  const size_t n = begin.size();
  if (end.size() != n || strides.size() != n) {
    Fail(code, "{}: begin, end and strides must have the same length, have {}, {} and {}", op, n, end.size(),
         strides.size());
  }
  auto bit = [](int64_t mask, size_t i) { return i < 63 && ((mask >> i) & 1) != 0; };
  const int64_t rank = static_cast<int64_t>(x.size());

  // How many of x's dims the specification names explicitly; an ellipsis covers the rest.
  int64_t named = 0, ellipses = 0;
  for (size_t i = 0; i < n; ++i) {
    if (bit(masks.ellipsis, i))
      ++ellipses;
    else if (!bit(masks.new_axis, i))
      ++named;
  }
  if (ellipses > 1) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: ellipsis_mask = {} marks more than one ellipsis", op, masks.ellipsis);
  }
  if (named > rank) {
    Fail(code, "{}: the slice names {} dims but x {} has {}", op, named, ToString(x), rank);
  }

  const std::vector<int64_t> in_strides = DenseStrides(x);
  SlicePlan plan;
  int64_t dim = 0;  // the next dim of x
  // One dim of x sliced by (b, e, s) with its masks.
  auto slice_dim = [&](int64_t b, int64_t e, int64_t s, bool whole_begin, bool whole_end, bool shrink) {
    const int64_t size = x[static_cast<size_t>(dim)];
    const int64_t stride_in = in_strides[static_cast<size_t>(dim)];
    if (s == 0 || s == std::numeric_limits<int64_t>::min())
      Fail(code, "{}: stride {} for dim {} is invalid", op, s, dim);
    if (shrink) {
      const int64_t index = b < 0 ? b + size : b;
      if (index < 0 || index >= size) {
        Fail(code, "{}: index {} (shrink_axis_mask) is out of range for dim {} of size {}", op, b, dim, size);
      }
      plan.from.offset += index * stride_in;
      ++dim;
      return;
    }
    int64_t first, count;
    if (s > 0) {
      first = whole_begin ? 0 : std::clamp(b < 0 ? b + size : b, int64_t{0}, size);
      const int64_t last = whole_end ? size : std::clamp(e < 0 ? e + size : e, int64_t{0}, size);
      count = last > first ? 1 + (last - first - 1) / s : 0;
    } else {
      first = whole_begin ? size - 1 : std::clamp(b < 0 ? b + size : b, int64_t{-1}, size - 1);
      const int64_t last = whole_end ? -1 : std::clamp(e < 0 ? e + size : e, int64_t{-1}, size - 1);
      count = first > last ? 1 + (first - last - 1) / -s : 0;
    }
    plan.out_shape.push_back(count);
    plan.space.push_back(count);
    plan.from.strides.push_back(count > 1 ? s * stride_in : 0);
    if (count > 0) plan.from.offset += first * stride_in;
    ++dim;
  };
  auto whole_dim = [&] { slice_dim(0, 0, 1, true, true, false); };

  for (size_t i = 0; i < n; ++i) {
    if (bit(masks.ellipsis, i)) {
      for (int64_t k = 0; k < rank - named; ++k) whole_dim();
    } else if (bit(masks.new_axis, i)) {
      plan.out_shape.push_back(1);
    } else {
      slice_dim(begin[i], end[i], strides[i], bit(masks.begin, i), bit(masks.end, i), bit(masks.shrink_axis, i));
    }
  }
  while (dim < rank) whole_dim();  // an implicit ellipsis at the end
  return plan;
}

}  // namespace aclsim::sim
