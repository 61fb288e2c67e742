// aclTensorDesc: what a tensor is (data type, format, shape, ranges, name, storage/origin
// views, optional constant value, placement), as the acl_base.h functions describe it.
// A plain value object; the caller that holds the handle owns it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "acl/acl_base.h"
#include "common/handle.h"

struct aclTensorDesc : aclsim::TaggedObject<0x54446573u /* 'TDes' */> {
  static constexpr const char* kTypeName = "aclTensorDesc";

  aclDataType data_type = ACL_DT_UNDEFINED;
  aclFormat format = ACL_FORMAT_UNDEFINED;
  std::vector<int64_t> dims;  // empty with known rank 0 is a scalar
  bool unknown_rank = false;  // dims == {-2}: rank not known

  std::vector<std::array<int64_t, 2>> shape_range;  // [min, max] per dim; max -1 = unbounded
  std::vector<std::array<int64_t, 2>> value_range;
  std::string name;

  // The format and shape the framework gave before any layout change; `format`/`dims` are the
  // storage view (aclSetTensorStorageFormat/Shape are deprecated names for setting those).
  std::optional<aclFormat> origin_format;
  std::optional<std::vector<int64_t>> origin_dims;

  std::string dynamic_input_name;
  std::vector<uint8_t> const_value;  // aclSetTensorConst copies the caller's bytes
  bool is_const = false;
  aclMemType placement = ACL_MEMTYPE_DEVICE;

  // Descriptors handed out as an array (aclmdlCreateAndGetOpDesc) know their place in it, so
  // aclGetTensorDescByIndex can check the index instead of walking off the end.
  size_t array_index = 0;
  size_t array_size = 1;
};

namespace aclsim {

// Validates and builds a descriptor; throws Error(ACL_ERROR_INVALID_PARAM) naming the problem.
aclTensorDesc MakeTensorDesc(aclDataType type, int num_dims, const int64_t* dims, aclFormat format);

// Checks a shape argument (numDims, dims) the way every shape setter does and returns it.
std::vector<int64_t> CheckedDims(int num_dims, const int64_t* dims);

// Elements in the shape, 0 when any dim is unknown (negative) or zero.
size_t ElementCount(const aclTensorDesc& desc);

// Bytes the tensor occupies (element count x type size, rounded up for sub-byte types).
size_t ByteSize(const aclTensorDesc& desc);

bool IsKnownFormat(aclFormat format);

}  // namespace aclsim
