#include "sim/kernels/infer_helpers.h"

#include <algorithm>

#include "common/error.h"

namespace aclsim::sim {

const std::initializer_list<DType> kFloatTypes = {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64};
const std::initializer_list<DType> kNumericTypes = {
    DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64, DType::kInt8,  DType::kUInt8,
    DType::kInt16,   DType::kUInt16,   DType::kInt32,   DType::kUInt32,  DType::kInt64, DType::kUInt64};
const std::initializer_list<DType> kAllTypes = {
    DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64, DType::kInt8,  DType::kUInt8, DType::kInt16,
    DType::kUInt16,  DType::kInt32,    DType::kUInt32,  DType::kInt64,   DType::kUInt64, DType::kBool};

std::string Describe(std::initializer_list<DType> types) {
  std::string text;
  for (DType t : types) text += (text.empty() ? "" : ", ") + std::string(Name(t));
  return text;
}

void RequireDType(const char* op, const char* what, const TensorSpec& spec, std::initializer_list<DType> allowed) {
  if (std::find(allowed.begin(), allowed.end(), spec.dtype) != allowed.end()) return;
  Fail(ACL_ERROR_UNSUPPORTED_DATA_TYPE, "{}: {} has data type {}; supported: {}", op, what, Name(spec.dtype),
       Describe(allowed));
}

void RequireSameDType(const char* op, const std::vector<TensorSpec>& inputs) {
  for (size_t i = 1; i < inputs.size(); ++i) {
    if (inputs[i].dtype != inputs[0].dtype) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: input {} is {} but input 0 is {}; the inputs must share a data type",
           op, i, Name(inputs[i].dtype), Name(inputs[0].dtype));
    }
  }
}

void RequireRank(const char* op, const char* what, const TensorSpec& spec, size_t rank) {
  if (spec.shape.size() != rank) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: {} must have {} dims, has shape {}", op, what, rank, ToString(spec.shape));
  }
}

std::vector<int64_t> ConstInts(const char* op, const char* what, const TensorSpec& spec) {
  if (!IsInteger(spec.dtype)) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: {} must be an integer tensor, is {}", op, what, Name(spec.dtype));
  }
  auto ints = KnownInts(spec);
  if (!ints) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: the value of {} must be known before execution (a constant, or a host "
         "input), because the output shape depends on it", op, what);
  }
  return *ints;
}

int64_t NormalizeAxis(const char* op, const char* attr, int64_t axis, int64_t rank) {
  const int64_t lo = rank == 0 ? -1 : -rank, hi = rank == 0 ? 1 : rank;  // a scalar accepts axis 0 / -1
  if (axis < lo || axis >= hi) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: {} = {} is out of range for rank {}", op, attr, axis, rank);
  }
  return axis < 0 ? axis + std::max<int64_t>(rank, 1) : axis;
}

}  // namespace aclsim::sim
