#include "sim/kernels/strided_copy.h"

#include <algorithm>
#include <cstring>

#include "common/error.h"

namespace aclsim::sim {
namespace {

// The index space with size-1 dims dropped and neighbouring dims merged where both layouts walk
// them as one; fewer, longer dims make the inner loop long.
struct Space {
  Shape shape;
  std::vector<int64_t> src, dst;
};

Space Simplify(const Shape& shape, const StridedLayout& from, const StridedLayout& to) {
  Space s;
  for (size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] == 1) continue;
    if (!s.shape.empty() && s.src.back() == from.strides[d] * shape[d] && s.dst.back() == to.strides[d] * shape[d]) {
      s.shape.back() *= shape[d];
      s.src.back() = from.strides[d];
      s.dst.back() = to.strides[d];
      continue;
    }
    s.shape.push_back(shape[d]);
    s.src.push_back(from.strides[d]);
    s.dst.push_back(to.strides[d]);
  }
  if (s.shape.empty()) {  // a single element
    s.shape = {1};
    s.src = {1};
    s.dst = {1};
  }
  return s;
}

template <typename T>
void CopyRange(const Space& s, const T* src, int64_t src_offset, T* dst, int64_t dst_offset, int64_t begin,
               int64_t end) {
  const size_t rank = s.shape.size();
  std::vector<int64_t> index(rank);
  int64_t at_src = src_offset, at_dst = dst_offset, rest = begin;
  for (size_t d = rank; d-- > 0;) {
    index[d] = rest % s.shape[d];
    rest /= s.shape[d];
    at_src += index[d] * s.src[d];
    at_dst += index[d] * s.dst[d];
  }
  const int64_t inner = s.shape[rank - 1], inner_src = s.src[rank - 1], inner_dst = s.dst[rank - 1];
  for (int64_t i = begin; i < end;) {
    const int64_t run = std::min(end - i, inner - index[rank - 1]);
    if (inner_src == 1 && inner_dst == 1) {
      std::memcpy(dst + at_dst, src + at_src, static_cast<size_t>(run) * sizeof(T));
    } else {
      const T* from = src + at_src;
      T* to = dst + at_dst;
      for (int64_t j = 0; j < run; ++j) to[j * inner_dst] = from[j * inner_src];
    }
    i += run;
    at_src += run * inner_src;
    at_dst += run * inner_dst;
    index[rank - 1] += run;
    for (size_t d = rank - 1; d > 0 && index[d] == s.shape[d]; --d) {
      at_src += s.src[d - 1] - index[d] * s.src[d];
      at_dst += s.dst[d - 1] - index[d] * s.dst[d];
      index[d] = 0;
      ++index[d - 1];
    }
  }
}

}  // namespace

std::vector<int64_t> DenseStrides(const Shape& shape) {
  std::vector<int64_t> strides(shape.size());
  int64_t stride = 1;
  for (size_t d = shape.size(); d-- > 0;) {
    strides[d] = stride;
    stride *= shape[d];
  }
  return strides;
}

void StridedCopy(const Parallel& parallel, size_t element_size, const Shape& shape, const void* src,
                 const StridedLayout& from, void* dst, const StridedLayout& to) {
  const int64_t count = NumElements(shape);
  if (count <= 0) return;
  const Space space = Simplify(shape, from, to);
  BySize(element_size, [&](auto tag) {
    using T = decltype(tag);
    const T* s = static_cast<const T*>(src);
    T* d = static_cast<T*>(dst);
    parallel.For(count, kCopyGrain,
                 [&](int64_t begin, int64_t end) { CopyRange<T>(space, s, from.offset, d, to.offset, begin, end); });
  });
}

void StridedGather(const Parallel& parallel, size_t element_size, const Shape& shape, const void* src,
                   const StridedLayout& from, void* dst) {
  StridedCopy(parallel, element_size, shape, src, from, dst, StridedLayout{0, DenseStrides(shape)});
}

void PermuteCopy(const Parallel& parallel, size_t element_size, const Shape& in_shape, const std::vector<int64_t>& perm,
                 const void* in, void* out) {
  const std::vector<int64_t> in_strides = DenseStrides(in_shape);
  Shape out_shape(perm.size());
  StridedLayout from;
  for (size_t k = 0; k < perm.size(); ++k) {
    out_shape[k] = in_shape[static_cast<size_t>(perm[k])];
    from.strides.push_back(in_strides[static_cast<size_t>(perm[k])]);
  }
  StridedGather(parallel, element_size, out_shape, in, from, out);
}

void ParallelCopy(const Parallel& parallel, void* dst, const void* src, size_t bytes) {
  if (bytes == 0 || dst == src) return;
  constexpr int64_t kGrainBytes = 1 << 18;
  parallel.For(static_cast<int64_t>(bytes), kGrainBytes, [&](int64_t begin, int64_t end) {
    std::memcpy(static_cast<char*>(dst) + begin, static_cast<const char*>(src) + begin,
                static_cast<size_t>(end - begin));
  });
}

void FillElements(const Parallel& parallel, size_t element_size, void* dst, int64_t count, const void* value) {
  if (count <= 0) return;
  BySize(element_size, [&](auto tag) {
    using T = decltype(tag);
    T v;
    std::memcpy(&v, value, sizeof(T));
    T* d = static_cast<T*>(dst);
    parallel.For(count, kCopyGrain, [&](int64_t begin, int64_t end) { std::fill(d + begin, d + end, v); });
  });
}

}  // namespace aclsim::sim
