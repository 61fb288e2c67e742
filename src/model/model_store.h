// The models loaded between aclInit and aclFinalize, by model id (aclmdlLoad* hands out ids
// from 1). Thread-safe: one mutex guards the table; executions hold their model through a
// shared_ptr, so aclmdlUnload never frees a model under a running execution.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

#include "model/loaded_model.h"

namespace aclsim::model {

class ModelStore {
 public:
  static ModelStore& Get();

  uint32_t Add(std::shared_ptr<LoadedModel> model);
  // Throws Error(ACL_ERROR_INVALID_MODEL_ID) for an id that is not loaded.
  std::shared_ptr<LoadedModel> Find(uint32_t id) const;
  void Remove(uint32_t id);  // throws like Find
  void Clear();              // aclFinalize

 private:
  mutable std::mutex mutex_;
  std::map<uint32_t, std::shared_ptr<LoadedModel>> models_;
  uint32_t next_id_ = 1;
};

}  // namespace aclsim::model
