// NumPy broadcasting: the shape two or more shapes broadcast to, and walking an output range
// while tracking where each input element comes from.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "sim/tensor.h"

namespace aclsim::sim {

// The broadcast of `shapes`; throws ACL_ERROR_OP_INPUT_NOT_MATCH naming `op` when incompatible.
Shape BroadcastShapes(const char* op, const std::vector<Shape>& shapes);

// Element strides of `input` read as `out_shape` (0 along broadcast dims). `input` must broadcast
// to `out_shape`.
std::vector<int64_t> BroadcastStrides(const Shape& input, const Shape& out_shape);

// Calls fn(out_index, in_index[0..N)) for every output element in [begin, end), with the inputs'
// element offsets under broadcasting. Cheap per element: offsets advance incrementally.
template <size_t N, typename Fn>
void ForEachBroadcast(const Shape& out_shape, const std::array<const std::vector<int64_t>*, N>& strides,
                      int64_t begin, int64_t end, Fn&& fn) {
  const size_t rank = out_shape.size();
  if (begin >= end) return;
  if (rank == 0) {
    std::array<int64_t, N> offsets{};
    fn(int64_t{0}, offsets);
    return;
  }
  // Position of `begin` as a multi-index, and the inputs' offsets there.
  std::vector<int64_t> index(rank);
  std::array<int64_t, N> offsets{};
  int64_t rest = begin;
  for (size_t d = rank; d-- > 0;) {
    index[d] = rest % out_shape[d];
    rest /= out_shape[d];
    for (size_t k = 0; k < N; ++k) offsets[k] += index[d] * (*strides[k])[d];
  }
  const int64_t inner = out_shape[rank - 1];
  for (int64_t i = begin; i < end;) {
    // Run along the innermost dim without recomputing anything.
    const int64_t run = std::min(end - i, inner - index[rank - 1]);
    std::array<int64_t, N> at = offsets;
    for (int64_t j = 0; j < run; ++j) {
      fn(i + j, at);
      for (size_t k = 0; k < N; ++k) at[k] += (*strides[k])[rank - 1];
    }
    i += run;
    for (size_t k = 0; k < N; ++k) offsets[k] += run * (*strides[k])[rank - 1];
    index[rank - 1] += run;
    // Carry into the outer dims.
    for (size_t d = rank - 1; d > 0 && index[d] == out_shape[d]; --d) {
      for (size_t k = 0; k < N; ++k) offsets[k] -= index[d] * (*strides[k])[d];
      index[d] = 0;
      ++index[d - 1];
      for (size_t k = 0; k < N; ++k) offsets[k] += (*strides[k])[d - 1];
    }
  }
}

}  // namespace aclsim::sim
