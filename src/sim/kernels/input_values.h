// Reading the values of small inputs that parameterise an operator (Reshape's shape, GatherV2's
// axis, Range's start/limit/delta, ...): in shape functions from TensorSpec::value, in kernels
// from the tensor's data.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/tensor.h"

namespace aclsim::sim {

// The elements of a known value of any data type as doubles. Throws ACL_ERROR_OP_INPUT_NOT_MATCH
// naming `op` and `what` when the value is not known before execution.
std::vector<double> ConstDoubles(const char* op, const char* what, const TensorSpec& spec);

// The single integer of a known scalar (or one-element) integer input.
int64_t ConstScalarInt(const char* op, const char* what, const TensorSpec& spec);

// An axis given as an input's value, in [-rank, rank), made non-negative; throws
// ACL_ERROR_OP_INPUT_NOT_MATCH otherwise (NormalizeAxis's counterpart for inputs).
int64_t NormalizeInputAxis(const char* op, const char* what, int64_t axis, int64_t rank);

// A tensor's integer elements, read from its data (kernels).
std::vector<int64_t> ReadInts(const TensorView& view);

// Element `i` of a tensor of any data type as a double (kernels).
double ReadDouble(const TensorView& view, int64_t i);

}  // namespace aclsim::sim
