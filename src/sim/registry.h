// The table of every operator the simulated device implements. Built once, explicitly (no
// self-registering statics), and immutable afterwards, so lookups need no lock.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/op_def.h"

namespace aclsim::sim {

class Registry {
 public:
  void Add(OpDef def);  // throws on a duplicate type

  // The operator, or nullptr.
  const OpDef* Find(const std::string& type) const;
  // The operator; throws ACL_ERROR_OP_TYPE_NOT_MATCH naming the closest known types.
  const OpDef& Get(const std::string& type) const;

  // Checks arity, then runs the shape function.
  std::vector<TensorSpec> Infer(const std::string& type, const std::vector<TensorSpec>& inputs,
                                const Attrs& attrs) const;
  // Checks that outputs match what Infer says, then runs the kernel.
  void Run(const std::string& type, const std::vector<TensorView>& inputs, const std::vector<TensorView>& outputs,
           const Attrs& attrs, const Parallel& parallel) const;

  const std::map<std::string, OpDef>& ops() const { return ops_; }

 private:
  std::map<std::string, OpDef> ops_;
};

// The registry with every kernel family of kernels/ (built on first use).
const Registry& Kernels();

}  // namespace aclsim::sim
