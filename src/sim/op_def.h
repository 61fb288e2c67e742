// An operator of the simulated device: what it accepts (arity, data types, attributes), how its
// output shapes follow from its inputs (the shape function, also used by atc and model loading),
// and the kernel that computes it.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sim/attr.h"
#include "sim/parallel.h"
#include "sim/tensor.h"

namespace aclsim::sim {

struct KernelArgs {
  const char* op;                        // the operator type, for messages
  const std::vector<TensorView>& inputs;
  const std::vector<TensorView>& outputs;  // allocated by the caller with the inferred specs
  const AttrReader& attrs;
  const Parallel& parallel;
};

// Validates the inputs' data types and shapes and the attributes, and returns the outputs' specs.
// Throws Error (ACL_ERROR_OP_INPUT_NOT_MATCH, ACL_ERROR_OP_ATTR_NOT_MATCH,
// ACL_ERROR_UNSUPPORTED_DATA_TYPE, ...) naming the operator and what is wrong.
using InferFn = std::function<std::vector<TensorSpec>(const std::vector<TensorSpec>& inputs, const AttrReader& attrs)>;
using KernelFn = std::function<void(const KernelArgs& args)>;

struct AttrDoc {
  std::string name;
  std::string kind;     // "int", "list_int", ...
  std::string default_value;  // empty: required
};

struct OpDef {
  std::string type;          // CANN's name: "Add", "Conv2D", ...
  int min_inputs = 1;
  int max_inputs = 1;        // -1: any number (ConcatD)
  std::string dtypes;        // for docs/operators.md: "float16, float32, int32"
  std::vector<AttrDoc> attrs;  // for docs/operators.md and for rejecting unknown attributes
  InferFn infer;
  KernelFn kernel;
};

}  // namespace aclsim::sim
