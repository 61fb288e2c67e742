#include "inputs.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include <fmt/ranges.h>

#include "console.h"

namespace msame {
namespace {

struct PathInfo {
  bool exists = false;
  bool is_dir = false;
  bool is_file = false;
  size_t size = 0;
  int error = 0;
};

PathInfo Stat(const std::string& path) {
  PathInfo info;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    info.error = errno;
    return info;
  }
  info.exists = true;
  info.is_dir = S_ISDIR(st.st_mode);
  info.is_file = S_ISREG(st.st_mode);
  info.size = static_cast<size_t>(st.st_size);
  return info;
}

std::string Describe(const Model& model, size_t input, const Gear& gear) {
  const TensorInfo& info = model.inputs()[input];
  const std::vector<int64_t> shape = InputShapeAt(model, input, gear);
  return fmt::format("input {} ({}, shape {}{})", input, info.name, fmt::join(shape, ","),
                     gear.kind == GearKind::kNone ? "" : " at the chosen gear");
}

// A file that feeds data input `input`: it must be a readable regular file of the input's size.
void CheckFile(const Model& model, size_t input, const Gear& gear, const std::string& path) {
  const PathInfo info = Stat(path);
  if (!info.exists) Fail("open file {} failed: {}", path, std::strerror(info.error));
  if (!info.is_file) Fail("input {} is not a regular file", path);
  if (::access(path.c_str(), R_OK) != 0) Fail("open file {} failed: {}", path, std::strerror(errno));
  const size_t expected = InputBytesAt(model, input, gear);
  if (info.size != expected) {
    Fail("input file {} has {} bytes, but model {} takes {} bytes", path, info.size, Describe(model, input, gear),
         expected);
  }
}

// The regular files of `folder` whose names do not start with '.', sorted by name.
std::vector<std::string> ListFolder(const std::string& folder) {
  DIR* dir = ::opendir(folder.c_str());
  if (dir == nullptr) Fail("cannot read input folder {}: {}", folder, std::strerror(errno));
  std::vector<std::string> names;
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (name.empty() || name[0] == '.') continue;
    if (!Stat(folder + "/" + name).is_file) {
      Warn("skipping {}/{}: not a regular file", folder, name);
      continue;
    }
    names.push_back(name);
  }
  ::closedir(dir);
  std::sort(names.begin(), names.end());
  if (names.empty()) Fail("No file in the directory[{}]", folder);
  return names;
}

}  // namespace

InputPlan PlanInputs(const Model& model, const Gear& gear, const std::vector<std::string>& inputs) {
  InputPlan plan;
  if (inputs.empty()) return plan;
  plan.paths = inputs;
  const std::vector<size_t> data_inputs = model.data_inputs();
  std::vector<std::string> names;
  for (size_t i : data_inputs) names.push_back(model.inputs()[i].name);
  if (inputs.size() != data_inputs.size()) {
    Fail("--input gives {} path(s), but the model has {} input(s) ({}): give one per input, separated by ','",
         inputs.size(), data_inputs.size(), fmt::join(names, ", "));
  }
  size_t folders = 0;
  for (const std::string& path : inputs) {
    const PathInfo info = Stat(path);
    if (!info.exists) Fail("open file {} failed: {}", path, std::strerror(info.error));
    if (info.is_dir) ++folders;
  }
  if (folders != 0 && folders != inputs.size()) {
    Fail("--input mixes files and folders: give only .bin files, or only folders");
  }
  if (folders == 0) {
    plan.mode = InputPlan::Mode::kFiles;
    for (size_t k = 0; k < inputs.size(); ++k) CheckFile(model, data_inputs[k], gear, inputs[k]);
    return plan;
  }
  plan.mode = InputPlan::Mode::kFolders;
  plan.file_names = ListFolder(inputs[0]);
  for (size_t k = 1; k < inputs.size(); ++k) ListFolder(inputs[k]);  // readable and not empty
  for (const std::string& name : plan.file_names) {
    const std::vector<std::string> files = FolderFiles(plan, name);
    for (size_t k = 0; k < files.size(); ++k) CheckFile(model, data_inputs[k], gear, files[k]);
  }
  return plan;
}

std::vector<std::string> FolderFiles(const InputPlan& plan, const std::string& name) {
  std::vector<std::string> files;
  for (const std::string& folder : plan.paths) files.push_back(folder + "/" + name);
  return files;
}

InputSet::InputSet(const Model& model) : model_(model) {
  dataset_ = aclmdlCreateDataset();
  if (dataset_ == nullptr) Fail("can't create dataset, create input failed");
  for (size_t i = 0; i < model.inputs().size(); ++i) {
    const size_t size = model.inputs()[i].size;
    void* buffer = nullptr;
    CheckAcl(aclrtMalloc(&buffer, size == 0 ? 1 : size, ACL_MEM_MALLOC_HUGE_FIRST),
             fmt::format("malloc device buffer failed. size is {}", size));
    buffers_.push_back(buffer);
    aclDataBuffer* data = aclCreateDataBuffer(buffer, size);
    if (data == nullptr) Fail("can't create data buffer, create input failed");
    if (aclmdlAddDatasetBuffer(dataset_, data) != ACL_SUCCESS) {
      aclDestroyDataBuffer(data);
      CheckAcl(ACL_ERROR_INVALID_PARAM, "add input dataset buffer failed");
    }
  }
}

InputSet::~InputSet() {
  if (dataset_ != nullptr) {
    for (size_t i = 0; i < aclmdlGetDatasetNumBuffers(dataset_); ++i) aclDestroyDataBuffer(aclmdlGetDatasetBuffer(dataset_, i));
    aclmdlDestroyDataset(dataset_);
  }
  for (void* buffer : buffers_) aclrtFree(buffer);
  Info("destroy model input success");
}

void InputSet::FillZeros() {
  for (size_t i : model_.data_inputs()) {
    const size_t size = model_.inputs()[i].size;
    if (size != 0) CheckAcl(aclrtMemset(buffers_[i], size, 0, size), "memory set failed");
  }
}

void InputSet::FillFromFiles(const std::vector<std::string>& files, const Gear& gear) {
  const std::vector<size_t> data_inputs = model_.data_inputs();
  for (size_t k = 0; k < files.size(); ++k) {
    const size_t input = data_inputs[k];
    Info("start to process file:{}", files[k]);
    std::ifstream in(files[k], std::ios::binary);
    if (!in) Fail("open file {} failed: {}", files[k], std::strerror(errno));
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Checked before the run; checked again in case the file changed since.
    const size_t expected = InputBytesAt(model_, input, gear);
    if (bytes.size() != expected) {
      Fail("input file {} has {} bytes, but model {} takes {} bytes", files[k], bytes.size(),
           Describe(model_, input, gear), expected);
    }
    if (!bytes.empty()) {
      CheckAcl(aclrtMemcpy(buffers_[input], model_.inputs()[input].size, bytes.data(), bytes.size(),
                           ACL_MEMCPY_HOST_TO_DEVICE),
               fmt::format("copy {} to the device failed", files[k]));
    }
  }
}

}  // namespace msame
