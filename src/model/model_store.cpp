#include "model/model_store.h"

#include "common/error.h"

namespace aclsim::model {

ModelStore& ModelStore::Get() {
  static ModelStore store;
  return store;
}

uint32_t ModelStore::Add(std::shared_ptr<LoadedModel> model) {
  const std::lock_guard<std::mutex> lock(mutex_);
  const uint32_t id = next_id_++;
  models_.emplace(id, std::move(model));
  return id;
}

std::shared_ptr<LoadedModel> ModelStore::Find(uint32_t id) const {
  const std::lock_guard<std::mutex> lock(mutex_);
  const auto it = models_.find(id);
  if (it == models_.end()) Fail(ACL_ERROR_INVALID_MODEL_ID, "model id {} is not loaded (never loaded, or unloaded already)", id);
  return it->second;
}

void ModelStore::Remove(uint32_t id) {
  std::shared_ptr<LoadedModel> model;  // released outside the lock
  const std::lock_guard<std::mutex> lock(mutex_);
  const auto it = models_.find(id);
  if (it == models_.end()) Fail(ACL_ERROR_INVALID_MODEL_ID, "model id {} is not loaded (never loaded, or unloaded already)", id);
  model = std::move(it->second);
  models_.erase(it);
}

void ModelStore::Clear() {
  std::map<uint32_t, std::shared_ptr<LoadedModel>> models;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    models.swap(models_);
  }
}

}  // namespace aclsim::model
