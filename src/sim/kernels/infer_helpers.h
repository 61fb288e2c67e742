// Building blocks for shape functions: data-type checks and the common output rules.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "sim/attr.h"
#include "sim/tensor.h"

namespace aclsim::sim {

// Throws ACL_ERROR_UNSUPPORTED_DATA_TYPE unless `spec` has one of `allowed`.
void RequireDType(const char* op, const char* what, const TensorSpec& spec, std::initializer_list<DType> allowed);
// Throws ACL_ERROR_OP_INPUT_NOT_MATCH unless all inputs share one data type.
void RequireSameDType(const char* op, const std::vector<TensorSpec>& inputs);
// Throws ACL_ERROR_OP_INPUT_NOT_MATCH unless `spec` has `rank` dims.
void RequireRank(const char* op, const char* what, const TensorSpec& spec, size_t rank);
// An axis in [-rank, rank) made non-negative; throws ACL_ERROR_OP_ATTR_NOT_MATCH otherwise.
int64_t NormalizeAxis(const char* op, const char* attr, int64_t axis, int64_t rank);

// The integers of input `what`, which must be known before execution because the output shape
// depends on them; throws ACL_ERROR_OP_INPUT_NOT_MATCH naming the input otherwise.
std::vector<int64_t> ConstInts(const char* op, const char* what, const TensorSpec& spec);

// The common dtype lists, also used for docs/operators.md.
extern const std::initializer_list<DType> kFloatTypes;       // float16, bfloat16, float32, float64
extern const std::initializer_list<DType> kNumericTypes;     // floats and every integer type
extern const std::initializer_list<DType> kAllTypes;         // numeric and bool
std::string Describe(std::initializer_list<DType> types);    // "float16, float32, ..."

}  // namespace aclsim::sim
