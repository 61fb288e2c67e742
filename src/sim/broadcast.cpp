#include "sim/broadcast.h"

#include <algorithm>

#include "common/error.h"

namespace aclsim::sim {

Shape BroadcastShapes(const char* op, const std::vector<Shape>& shapes) {
  size_t rank = 0;
  for (const Shape& s : shapes) rank = std::max(rank, s.size());
  Shape out(rank, 1);
  for (const Shape& s : shapes) {
    const size_t offset = rank - s.size();
    for (size_t d = 0; d < s.size(); ++d) {
      int64_t& o = out[offset + d];
      const int64_t v = s[d];
      if (v == o || v == 1) continue;
      if (o == 1) {
        o = v;
        continue;
      }
      std::string all;
      for (const Shape& t : shapes) all += (all.empty() ? "" : " and ") + ToString(t);
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: shapes {} do not broadcast (dim {} from the right: {} vs {})", op, all,
           rank - offset - d, o, v);
    }
  }
  return out;
}

std::vector<int64_t> BroadcastStrides(const Shape& input, const Shape& out_shape) {
  const size_t rank = out_shape.size();
  std::vector<int64_t> strides(rank, 0);
  const size_t offset = rank - input.size();
  int64_t stride = 1;
  for (size_t d = input.size(); d-- > 0;) {
    strides[offset + d] = input[d] == 1 ? 0 : stride;
    stride *= input[d];
  }
  return strides;
}

}  // namespace aclsim::sim
