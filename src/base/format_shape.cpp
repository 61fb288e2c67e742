#include "base/format_shape.h"

#include "common/error.h"

namespace aclsim {
namespace {

int64_t CeilDiv(int64_t a, int64_t b) { return a < 0 ? -1 : (a + b - 1) / b; }

bool IsPlain(aclFormat f) { return f == ACL_FORMAT_ND || f == ACL_FORMAT_NCHW || f == ACL_FORMAT_NHWC; }

// N, C, H, W of a 4-D shape given in NCHW (or ND, read as NCHW) or NHWC.
struct Nchw {
  int64_t n, c, h, w;
};

Nchw ReadNchw(const std::vector<int64_t>& dims, aclFormat from) {
  ACLSIM_CHECK_ARG(dims.size() == 4, "a {}-D shape has no N, C, H and W", dims.size());
  if (from == ACL_FORMAT_NHWC) return {dims[0], dims[3], dims[1], dims[2]};
  return {dims[0], dims[1], dims[2], dims[3]};
}

}  // namespace

int64_t BlockC0(aclDataType type) {
  if (type == ACL_INT8 || type == ACL_UINT8) return 32;  // a 32-byte block of 8-bit values
  if (type == ACL_INT4) return 64;
  return 16;
}

std::vector<int64_t> ShapeInFormat(const std::vector<int64_t>& dims, aclFormat from, aclFormat to,
                                   aclDataType type) {
  if (from == to) return dims;
  if (IsPlain(from) && IsPlain(to)) {
    if (from == ACL_FORMAT_ND || to == ACL_FORMAT_ND) {
      // ND names no axes: the same dims, newly labelled.
      if (to != ACL_FORMAT_ND) ACLSIM_CHECK_ARG(dims.size() == 4, "format {} needs 4 dims, the shape has {}",
                                                static_cast<int>(to), dims.size());
      return dims;
    }
    const Nchw s = ReadNchw(dims, from);
    return to == ACL_FORMAT_NHWC ? std::vector<int64_t>{s.n, s.h, s.w, s.c}
                                 : std::vector<int64_t>{s.n, s.c, s.h, s.w};
  }
  const int64_t c0 = BlockC0(type);
  if (IsPlain(from) && to == ACL_FORMAT_NC1HWC0) {
    const Nchw s = ReadNchw(dims, from);
    return {s.n, CeilDiv(s.c, c0), s.h, s.w, c0};
  }
  if (IsPlain(from) && to == ACL_FORMAT_FRACTAL_NZ) {
    ACLSIM_CHECK_ARG(!dims.empty(), "FRACTAL_NZ needs a shape of rank >= 1");
    // [..., m, n] -> [..., ceil(n / C0), ceil(m / 16), 16, C0]; a vector is a 1 x n matrix.
    const int64_t n = dims.back();
    const int64_t m = dims.size() >= 2 ? dims[dims.size() - 2] : 1;
    std::vector<int64_t> result(dims.begin(), dims.end() - std::min<size_t>(dims.size(), 2));
    result.insert(result.end(), {CeilDiv(n, c0), CeilDiv(m, 16), 16, c0});
    return result;
  }
  Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "converting a shape from format {} to format {} is not supported yet",
       static_cast<int>(from), static_cast<int>(to));
}

}  // namespace aclsim
