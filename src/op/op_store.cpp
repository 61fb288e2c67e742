#include "op/op_store.h"

#include <dirent.h>

#include <algorithm>

#include <fmt/format.h>

#include "common/error.h"
#include "common/log.h"
#include "model/om_format.h"

namespace aclsim {
namespace {

std::string DescText(sim::DType dtype, sim::Format format, const std::vector<int64_t>& dims) {
  return fmt::format("{} {} {}", sim::Name(dtype), FormatName(format), sim::ToString(dims));
}

// Why the call's tensor does not fit the model's description, or "".
std::string TensorMismatch(const OpTensorDesc& model, const OpCallTensor& call) {
  if (model.dtype != call.dtype) return fmt::format("data type {} != {}", sim::Name(call.dtype), sim::Name(model.dtype));
  if (model.format != call.format) return fmt::format("format {} != {}", FormatName(call.format), FormatName(model.format));
  if (model.dims.size() == 1 && model.dims[0] == -2) return "";  // any rank
  if (model.dims.size() != call.dims.size()) {
    return fmt::format("shape {} has {} dims, the model {}", sim::ToString(call.dims), call.dims.size(), sim::ToString(model.dims));
  }
  for (size_t i = 0; i < model.dims.size(); ++i) {
    const int64_t want = model.dims[i], got = call.dims[i];
    if (want >= 0) {
      if (want != got) return fmt::format("dim {} is {}, the model's is {}", i, got, want);
      continue;
    }
    if (got < 0) continue;  // dynamic in both (an output whose size is not known yet)
    if (i < model.shape_range.size()) {
      const auto& [lo, hi] = model.shape_range[i];
      if (got < lo || (hi != -1 && got > hi)) return fmt::format("dim {} is {}, outside the model's range [{}, {}]", i, got, lo, hi);
    }
  }
  return "";
}

}  // namespace

std::string MismatchReason(const OpModel& model, const OpCall& call) {
  if (model.inputs.size() != call.inputs.size()) {
    return fmt::format("{} inputs given, the model has {}", call.inputs.size(), model.inputs.size());
  }
  if (model.outputs.size() != call.outputs.size()) {
    return fmt::format("{} outputs given, the model has {}", call.outputs.size(), model.outputs.size());
  }
  for (size_t i = 0; i < call.inputs.size(); ++i) {
    const std::string why = TensorMismatch(model.inputs[i], call.inputs[i]);
    if (!why.empty()) return fmt::format("input {}: {}", i, why);
  }
  for (size_t i = 0; i < call.outputs.size(); ++i) {
    const std::string why = TensorMismatch(model.outputs[i], call.outputs[i]);
    if (!why.empty()) return fmt::format("output {}: {}", i, why);
  }
  for (const auto& [name, value] : model.attrs) {
    auto it = call.attrs.find(name);
    if (it == call.attrs.end()) return fmt::format("attribute \"{}\" is not set (the model has {})", name, sim::ToString(value));
    if (it->second != value) {
      return fmt::format("attribute \"{}\" is {}, the model's is {}", name, sim::ToString(it->second), sim::ToString(value));
    }
  }
  for (const auto& [name, value] : call.attrs) {
    if (model.attrs.count(name) == 0) return fmt::format("attribute \"{}\" is set but the model has none", name);
  }
  return "";
}

OpStore& OpStore::Get() {
  static auto* store = new OpStore();
  return *store;
}

void OpStore::Add(std::shared_ptr<const OpModel> model) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  auto same = std::find_if(models_.begin(), models_.end(), [&](const auto& m) { return !model->name.empty() && m->name == model->name; });
  if (same != models_.end()) {
    *same = std::move(model);
  } else {
    models_.push_back(std::move(model));
  }
}

std::shared_ptr<const OpModel> ReadOpModel(const void* data, size_t size, const std::string& what) {
  const model::OmView view = model::ParseOm(data, size, what);
  if (view.kind != model::OmKind::kSingleOp) {
    Fail(ACL_ERROR_PARSE_MODEL, "{} is a whole model, not a single-operator model: load it with aclmdlLoadFromFile", what);
  }
  return std::make_shared<OpModel>(DeserializeOpModel(std::string(view.graph_json), what));
}

size_t OpStore::LoadDirectory(const std::string& dir) {
  DIR* handle = ::opendir(dir.c_str());
  if (handle == nullptr) Fail(ACL_ERROR_INVALID_FILE, "cannot open model directory '{}'", dir);
  std::vector<std::string> files;
  while (dirent* entry = ::readdir(handle)) {
    const std::string name = entry->d_name;
    if (name.size() > 3 && name.compare(name.size() - 3, 3, ".om") == 0) files.push_back(dir + "/" + name);
  }
  ::closedir(handle);
  if (files.empty()) Fail(ACL_ERROR_INVALID_FILE, "model directory '{}' holds no .om file", dir);
  std::sort(files.begin(), files.end());
  std::vector<std::shared_ptr<const OpModel>> loaded;  // all or nothing
  for (const std::string& path : files) {
    model::MappedFile file(path);
    loaded.push_back(ReadOpModel(file.data(), file.size(), path));
  }
  for (auto& model : loaded) Add(std::move(model));
  Log().info("loaded {} single-operator model(s) from {}", loaded.size(), dir);
  return loaded.size();
}

void OpStore::LoadFromMemory(const void* data, size_t size) { Add(ReadOpModel(data, size, "the model in memory")); }

std::shared_ptr<const OpModel> OpStore::Match(const OpCall& call) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  std::vector<std::string> reasons;
  std::vector<std::string> types;
  for (const auto& model : models_) {
    if (model->type != call.type) {
      if (std::find(types.begin(), types.end(), model->type) == types.end()) types.push_back(model->type);
      continue;
    }
    const std::string why = MismatchReason(*model, call);
    if (why.empty()) return model;
    reasons.push_back(fmt::format("  {}: {}", model->name.empty() ? "(unnamed)" : model->name, why));
  }
  std::string given;
  for (const auto& t : call.inputs) given += (given.empty() ? "" : ", ") + DescText(t.dtype, t.format, t.dims);
  if (reasons.empty()) {
    Fail(ACL_ERROR_OP_NOT_FOUND, "no single-operator model of type {} is loaded (inputs: {}); loaded types: {}. "
         "Compile one with atc --singleop and load it with aclopSetModelDir or aclopLoad",
         call.type, given, types.empty() ? "none" : fmt::format("{}", fmt::join(types, ", ")));
  }
  const size_t shown = std::min<size_t>(reasons.size(), 5);
  Fail(ACL_ERROR_OP_NOT_FOUND, "no loaded {} model matches the call (inputs: {}); the closest candidates:\n{}{}", call.type,
       given, fmt::format("{}", fmt::join(reasons.begin(), reasons.begin() + static_cast<long>(shown), "\n")),
       reasons.size() > shown ? fmt::format("\n  ... and {} more", reasons.size() - shown) : "");
}

size_t OpStore::size() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return models_.size();
}

void OpStore::Clear() {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  models_.clear();
}

}  // namespace aclsim
