// The single-operator models the process has loaded (aclopSetModelDir, aclopLoad) or compiled
// (aclopCompile), and matching an operator call against them, as aclopExecuteV2 needs.
//
// Thread-safe: a shared mutex guards the model list; matches take it shared.
#pragma once

#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "op/op_model.h"

namespace aclsim {

// One tensor of a call, as the caller describes it.
struct OpCallTensor {
  sim::DType dtype;
  sim::Format format;
  std::vector<int64_t> dims;
};

struct OpCall {
  const std::string& type;
  const std::vector<OpCallTensor>& inputs;
  const std::vector<OpCallTensor>& outputs;
  const sim::Attrs& attrs;
};

class OpStore {
 public:
  static OpStore& Get();

  // Adds a model; one with the same name replaces the earlier one.
  void Add(std::shared_ptr<const OpModel> model);
  // Loads every .om in `dir` (not recursive). ACL_ERROR_INVALID_FILE when the directory is
  // missing or holds no .om; ACL_ERROR_PARSE_MODEL naming the file when one is bad (then none
  // of the directory's models is added). Returns how many were loaded.
  size_t LoadDirectory(const std::string& dir);
  // Loads one container from memory (aclopLoad).
  void LoadFromMemory(const void* data, size_t size);

  // The model the call matches; throws ACL_ERROR_OP_NOT_FOUND with the loaded models of that type
  // and, for each, the first thing that differs (or that none of the type is loaded).
  std::shared_ptr<const OpModel> Match(const OpCall& call) const;

  size_t size() const;
  void Clear();  // aclFinalize

 private:
  mutable std::shared_mutex mutex_;
  std::vector<std::shared_ptr<const OpModel>> models_;
};

// Parses a single-op container's bytes into a model (ACL_ERROR_PARSE_MODEL naming `what`).
std::shared_ptr<const OpModel> ReadOpModel(const void* data, size_t size, const std::string& what);

// Why `call` does not match `model`, or an empty string when it does.
std::string MismatchReason(const OpModel& model, const OpCall& call);

}  // namespace aclsim
