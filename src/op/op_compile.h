// Checking a single-operator model before it is written (atc --singleop) or registered
// (aclopCompile): the operator exists, its attributes are its own and well typed, and the shape
// function accepts the inputs and agrees with the described outputs.
#pragma once

#include <string>

#include "op/op_model.h"

namespace aclsim {

// Throws Error naming `where` (e.g. "ops.json entry 2 (Conv2D)") and the field at fault.
void ValidateOpModel(const OpModel& model, const std::string& where);

}  // namespace aclsim
