// Axis lists and the split of a tensor's dims into kept and reduced ones, shared by the
// operators that reduce over some axes: reductions, softmax, normalizations, global pooling.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

#include "common/error.h"
#include "sim/dtype.h"
#include "sim/tensor.h"

namespace aclsim::sim {

// `axes` made non-negative, sorted and without repeats. Each must lie in [-rank, rank); a scalar
// accepts 0 and -1, which name no dim (the result is then empty). Throws `code` naming `op` and
// `what` (the attribute or input the axes come from) otherwise.
inline std::vector<int64_t> NormalizeAxes(const char* op, const char* what, const std::vector<int64_t>& axes,
                                          int64_t rank, aclError code) {
  const int64_t lo = rank == 0 ? -1 : -rank, hi = rank == 0 ? 1 : rank;
  std::vector<int64_t> out;
  for (int64_t axis : axes) {
    if (axis < lo || axis >= hi) {
      Fail(code, "{}: {} holds axis {}, out of range [{}, {}) for an input of rank {}", op, what, axis, lo, hi, rank);
    }
    if (rank > 0) out.push_back(axis < 0 ? axis + rank : axis);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// One axis, made non-negative; a scalar accepts 0 and -1 (returned as 0). Throws `code`.
inline int64_t NormalizeOneAxis(const char* op, const char* what, int64_t axis, int64_t rank, aclError code) {
  const int64_t lo = rank == 0 ? -1 : -rank, hi = rank == 0 ? 1 : rank;
  if (axis < lo || axis >= hi) {
    Fail(code, "{}: {} = {} is out of range [{}, {}) for an input of rank {}", op, what, axis, lo, hi, rank);
  }
  return axis < 0 ? axis + std::max<int64_t>(rank, 1) : axis;
}

// The dims flagged in `reduced`, as a mask over `rank` dims from a sorted list of axes.
inline std::vector<bool> AxisMask(size_t rank, const std::vector<int64_t>& axes) {
  std::vector<bool> mask(rank, false);
  for (int64_t a : axes) mask[static_cast<size_t>(a)] = true;
  return mask;
}

// The shape left after reducing `shape` over the flagged dims: size 1 there with `keep_dims`,
// dropped otherwise.
inline Shape ReducedShape(const Shape& shape, const std::vector<bool>& reduced, bool keep_dims) {
  Shape out;
  for (size_t d = 0; d < shape.size(); ++d) {
    if (!reduced[d]) out.push_back(shape[d]);
    else if (keep_dims) out.push_back(1);
  }
  return out;
}

// The integers held by a tensor of an integer type (axes, dimension, k, ... given as inputs).
inline std::vector<int64_t> IntsOf(const TensorView& view) {
  std::vector<int64_t> ints(static_cast<size_t>(view.NumElements()));
  DispatchAll(view.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      const T* data = view.As<T>();
      for (size_t i = 0; i < ints.size(); ++i) ints[i] = static_cast<int64_t>(data[i]);
    } else {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "an index input must have an integer type, has {}", Name(view.dtype()));
    }
  });
  return ints;
}

// A dense row-major shape seen as "kept" dims and "reduced" dims. Kept positions are numbered
// row-major over the kept dims (which is the layout of a reduction's output, with or without
// keep_dims); reduced positions row-major over the reduced dims. Element (o, r) sits at
// Base(o) + the offset ForInner passes for r. Size-1 dims are dropped and adjacent dims of one
// kind merged, so a reduction over trailing dims walks memory contiguously.
class AxisSplit {
 public:
  AxisSplit(const Shape& shape, const std::vector<bool>& reduced) {
    std::vector<int64_t> strides(shape.size());
    int64_t stride = 1;
    for (size_t d = shape.size(); d-- > 0;) {
      strides[d] = stride;
      stride *= shape[d];
    }
    int last_kind = -1;
    for (size_t d = 0; d < shape.size(); ++d) {
      if (shape[d] == 1) continue;
      const int kind = reduced[d] ? 1 : 0;
      auto& sizes = kind ? inner_sizes_ : outer_sizes_;
      auto& dim_strides = kind ? inner_strides_ : outer_strides_;
      if (kind == last_kind && !sizes.empty()) {
        sizes.back() *= shape[d];  // contiguous with the previous dim of the same kind
        dim_strides.back() = strides[d];
      } else {
        sizes.push_back(shape[d]);
        dim_strides.push_back(strides[d]);
      }
      last_kind = kind;
    }
    for (int64_t s : outer_sizes_) outer_ *= s;
    for (int64_t s : inner_sizes_) inner_ *= s;
  }

  int64_t outer() const { return outer_; }  // number of kept positions
  int64_t inner() const { return inner_; }  // number of reduced positions per kept one

  // Element offset of kept position `o` at reduced position 0.
  int64_t Base(int64_t o) const {
    int64_t offset = 0;
    for (size_t d = outer_sizes_.size(); d-- > 0;) {
      offset += (o % outer_sizes_[d]) * outer_strides_[d];
      o /= outer_sizes_[d];
    }
    return offset;
  }

  // Calls fn(r, offset) for reduced positions r in [begin, end), offset relative to Base(o).
  template <typename Fn>
  void ForInner(int64_t begin, int64_t end, Fn&& fn) const {
    if (begin >= end) return;
    const size_t rank = inner_sizes_.size();
    if (rank == 0) {
      fn(int64_t{0}, int64_t{0});
      return;
    }
    if (rank == 1) {  // the common case once adjacent dims are merged
      const int64_t stride = inner_strides_[0];
      for (int64_t r = begin; r < end; ++r) fn(r, r * stride);
      return;
    }
    std::vector<int64_t> index(rank);
    int64_t offset = 0, rest = begin;
    for (size_t d = rank; d-- > 0;) {
      index[d] = rest % inner_sizes_[d];
      rest /= inner_sizes_[d];
      offset += index[d] * inner_strides_[d];
    }
    const int64_t last_size = inner_sizes_[rank - 1], last_stride = inner_strides_[rank - 1];
    for (int64_t r = begin; r < end;) {
      const int64_t run = std::min(end - r, last_size - index[rank - 1]);
      for (int64_t j = 0; j < run; ++j) fn(r + j, offset + j * last_stride);
      r += run;
      offset += run * last_stride;
      index[rank - 1] += run;
      for (size_t d = rank - 1; d > 0 && index[d] == inner_sizes_[d]; --d) {
        offset -= index[d] * inner_strides_[d];
        index[d] = 0;
        ++index[d - 1];
        offset += inner_strides_[d - 1];
      }
    }
  }

 private:
  std::vector<int64_t> outer_sizes_, outer_strides_, inner_sizes_, inner_strides_;
  int64_t outer_ = 1, inner_ = 1;
};

// Sum of v[0..n) by pairwise halving: error grows with log(n) rather than n.
template <typename C>
C PairwiseSum(const C* v, int64_t n) {
  if (n <= 16) {
    C sum = 0;
    for (int64_t i = 0; i < n; ++i) sum += v[i];
    return sum;
  }
  const int64_t half = n / 2;
  return PairwiseSum(v, half) + PairwiseSum(v + half, n - half);
}

// Work items per piece of parallel work so that each piece touches about `elements` elements
// when every item touches `per_item`.
inline int64_t GrainFor(int64_t per_item, int64_t elements = 1 << 14) {
  return std::max<int64_t>(1, elements / std::max<int64_t>(1, per_item));
}

}  // namespace aclsim::sim
