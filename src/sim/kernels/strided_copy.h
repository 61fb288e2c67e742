// Moving elements without looking at them: strided copies (transposes, slices, broadcasts,
// concatenation pieces), parallel memcpy and fills. Everything works on raw elements of 1, 2, 4
// or 8 bytes, so one routine serves every data type. Used by the shape, indexing, pad/tile and
// layout families.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/parallel.h"
#include "sim/tensor.h"

#include "common/error.h"

namespace aclsim::sim {

// Elements per piece of parallel work for copies.
constexpr int64_t kCopyGrain = 1 << 15;

// Element strides of a dense row-major tensor of `shape`.
std::vector<int64_t> DenseStrides(const Shape& shape);

// Where the elements of an index space sit in a buffer: element offset of index 0 and the
// element stride of each dim (0 repeats an element, negative walks backwards).
struct StridedLayout {
  int64_t offset = 0;
  std::vector<int64_t> strides;
};

// For every index i of `shape`: dst[to.offset + sum(i[d] * to.strides[d])] =
// src[from.offset + sum(i[d] * from.strides[d])], for elements of `element_size` bytes (1, 2, 4 or
// 8). The caller guarantees every address lies inside its buffer; destinations must not repeat.
void StridedCopy(const Parallel& parallel, size_t element_size, const Shape& shape, const void* src,
                 const StridedLayout& from, void* dst, const StridedLayout& to);

// StridedCopy into a dense destination of `shape`.
void StridedGather(const Parallel& parallel, size_t element_size, const Shape& shape, const void* src,
                   const StridedLayout& from, void* dst);

// out = in with its dims permuted: out.shape[k] = in_shape[perm[k]].
void PermuteCopy(const Parallel& parallel, size_t element_size, const Shape& in_shape, const std::vector<int64_t>& perm,
                 const void* in, void* out);

// memcpy of `bytes`, split over the threads.
void ParallelCopy(const Parallel& parallel, void* dst, const void* src, size_t bytes);

// Writes the element at `value` (element_size bytes) `count` times from dst.
void FillElements(const Parallel& parallel, size_t element_size, void* dst, int64_t count, const void* value);

// Calls fn(T{}) with an unsigned integer type of `size` bytes (1, 2, 4 or 8): the way element
// movers copy any data type as raw bits.
template <typename Fn>
inline void BySize(size_t size, Fn&& fn) {
  switch (size) {
    case 1:
      fn(uint8_t{});
      return;
    case 2:
      fn(uint16_t{});
      return;
    case 4:
      fn(uint32_t{});
      return;
    case 8:
      fn(uint64_t{});
      return;
    default:
      Fail(ACL_ERROR_INTERNAL_ERROR, "elements of {} bytes cannot be copied", size);
  }
}

}  // namespace aclsim::sim
