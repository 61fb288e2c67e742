#include "model.h"

#include <chrono>
#include <cstring>

#include "console.h"

namespace msame {
namespace {

std::vector<int64_t> DimsOf(const aclmdlIODims& dims) {
  return std::vector<int64_t>(dims.dims, dims.dims + dims.dimCount);
}

}  // namespace

void Model::Load(const std::string& path) {
  const auto start = std::chrono::steady_clock::now();
  const aclError ret = aclmdlLoadFromFile(path.c_str(), &id_);
  load_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  CheckAcl(ret, fmt::format("load model from file failed, model file is {}", path));
  loaded_ = true;
  Info("load model {} success", path);

  desc_ = aclmdlCreateDesc();
  if (desc_ == nullptr) Fail("create model description failed");
  CheckAcl(aclmdlGetDesc(desc_, id_), "get model description failed");
  Info("create model description success");

  for (size_t i = 0; i < aclmdlGetNumInputs(desc_); ++i) {
    TensorInfo info;
    const char* name = aclmdlGetInputNameByIndex(desc_, i);
    info.name = name == nullptr ? "" : name;
    aclmdlIODims dims{};
    CheckAcl(aclmdlGetInputDims(desc_, i, &dims), fmt::format("get the dims of input {} failed", i));
    info.dims = DimsOf(dims);
    info.format = aclmdlGetInputFormat(desc_, i);
    info.type = aclmdlGetInputDataType(desc_, i);
    info.size = aclmdlGetInputSizeByIndex(desc_, i);
    if (info.name == ACL_DYNAMIC_TENSOR_NAME) gear_input_ = i;
    inputs_.push_back(std::move(info));
  }
  for (size_t i = 0; i < aclmdlGetNumOutputs(desc_); ++i) {
    TensorInfo info;
    const char* name = aclmdlGetOutputNameByIndex(desc_, i);
    info.name = name == nullptr ? "" : name;
    aclmdlIODims dims{};
    CheckAcl(aclmdlGetOutputDims(desc_, i, &dims), fmt::format("get the dims of output {} failed", i));
    info.dims = DimsOf(dims);
    info.format = aclmdlGetOutputFormat(desc_, i);
    info.type = aclmdlGetOutputDataType(desc_, i);
    info.size = aclmdlGetOutputSizeByIndex(desc_, i);
    outputs_.push_back(std::move(info));
  }
  size_t gear_count = 0;
  CheckAcl(aclmdlGetInputDynamicGearCount(desc_, static_cast<size_t>(-1), &gear_count),
           "get input dynamic gear count failed");
  Info("get input dynamic gear count success");
}

std::vector<size_t> Model::data_inputs() const {
  std::vector<size_t> indices;
  for (size_t i = 0; i < inputs_.size(); ++i) {
    if (!gear_input_ || *gear_input_ != i) indices.push_back(i);
  }
  return indices;
}

Model::~Model() {
  if (desc_ != nullptr) aclmdlDestroyDesc(desc_);
  if (!loaded_) return;
  if (aclmdlUnload(id_) != ACL_SUCCESS) {
    Error("unload model failed, modelId is {}: {}", id_, RecentAclError());
    return;
  }
  Info("unload model success, model Id is {}", id_);
}

std::string ModelName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  const size_t begin = slash == std::string::npos ? 0 : slash + 1;
  const size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || dot < begin) return path.substr(begin);
  return path.substr(begin, dot - begin);
}

}  // namespace msame
