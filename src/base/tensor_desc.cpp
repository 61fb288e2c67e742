#include "base/tensor_desc.h"

#include <limits>

#include "base/data_type.h"

namespace aclsim {
namespace {

// A shape may hold at most this many dims (CANN's limit for tensor descriptions).
constexpr int kMaxDims = 128;

}  // namespace

bool IsKnownFormat(aclFormat format) {
  switch (format) {
    case ACL_FORMAT_UNDEFINED: case ACL_FORMAT_NCHW: case ACL_FORMAT_NHWC: case ACL_FORMAT_ND:
    case ACL_FORMAT_NC1HWC0: case ACL_FORMAT_FRACTAL_Z: case ACL_FORMAT_NC1HWC0_C04:
    case ACL_FORMAT_HWCN: case ACL_FORMAT_NDHWC: case ACL_FORMAT_FRACTAL_NZ: case ACL_FORMAT_NCDHW:
    case ACL_FORMAT_NDC1HWC0: case ACL_FRACTAL_Z_3D: case ACL_FORMAT_NC: case ACL_FORMAT_NCL:
      return true;
  }
  return false;
}

std::vector<int64_t> CheckedDims(int num_dims, const int64_t* dims) {
  ACLSIM_CHECK_ARG(num_dims >= 0 && num_dims <= kMaxDims, "numDims is {}, expected 0..{}", num_dims, kMaxDims);
  ACLSIM_CHECK_ARG(num_dims == 0 || dims != nullptr, "dims is null while numDims is {}", num_dims);
  std::vector<int64_t> result(dims, dims + num_dims);
  for (int i = 0; i < num_dims; ++i) {
    // -1: this dim is dynamic; -2 (alone): the rank itself is unknown.
    const bool unknown_rank = result[i] == -2 && num_dims == 1;
    ACLSIM_CHECK_ARG(result[i] >= -1 || unknown_rank, "dims[{}] is {}, expected >= -1 (or a lone -2)", i, result[i]);
  }
  return result;
}

aclTensorDesc MakeTensorDesc(aclDataType type, int num_dims, const int64_t* dims, aclFormat format) {
  ACLSIM_CHECK_ARG(type == ACL_DT_UNDEFINED || DataTypeSize(type).has_value(),
                   "dataType {} is not an aclDataType", static_cast<int>(type));
  ACLSIM_CHECK_ARG(IsKnownFormat(format), "format {} is not an aclFormat", static_cast<int>(format));
  aclTensorDesc desc;
  desc.data_type = type;
  desc.format = format;
  desc.dims = CheckedDims(num_dims, dims);
  desc.unknown_rank = desc.dims.size() == 1 && desc.dims[0] == -2;
  return desc;
}

size_t ElementCount(const aclTensorDesc& desc) {
  if (desc.unknown_rank) return 0;
  size_t count = 1;
  for (int64_t d : desc.dims) {
    if (d <= 0) return 0;
    if (count > std::numeric_limits<size_t>::max() / static_cast<size_t>(d)) return 0;
    count *= static_cast<size_t>(d);
  }
  return count;
}

size_t ByteSize(const aclTensorDesc& desc) {
  const size_t bits = DataTypeBits(desc.data_type).value_or(0);
  const size_t count = ElementCount(desc);
  if (count > std::numeric_limits<size_t>::max() / (bits == 0 ? 1 : bits)) return 0;
  return (count * bits + 7) / 8;
}

}  // namespace aclsim
