// A loaded offline model and what its description says about each input and output, read once
// through the public aclmdl API. Unloads (with msame's closing line) on destruction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "acl/acl.h"

namespace msame {

struct TensorInfo {
  std::string name;
  std::vector<int64_t> dims;  // -1 where a dynamic gear decides
  aclFormat format = ACL_FORMAT_UNDEFINED;
  aclDataType type = ACL_DT_UNDEFINED;
  size_t size = 0;  // bytes, at the largest gear
};

class Model {
 public:
  Model() = default;
  ~Model();
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  // Loads `path` and reads its description; throws Failure.
  void Load(const std::string& path);

  uint32_t id() const { return id_; }
  aclmdlDesc* desc() const { return desc_; }
  const std::vector<TensorInfo>& inputs() const { return inputs_; }
  const std::vector<TensorInfo>& outputs() const { return outputs_; }
  // The index of the ACL_DYNAMIC_TENSOR_NAME input of a model converted with gears.
  std::optional<size_t> gear_input() const { return gear_input_; }
  // The inputs the user supplies: every input but the gear input, in order.
  std::vector<size_t> data_inputs() const;
  double load_ms() const { return load_ms_; }

 private:
  bool loaded_ = false;
  uint32_t id_ = 0;
  aclmdlDesc* desc_ = nullptr;
  std::vector<TensorInfo> inputs_;
  std::vector<TensorInfo> outputs_;
  std::optional<size_t> gear_input_;
  double load_ms_ = 0;
};

// The name part of a model path: after the last '/', before the last '.' (msame's rule).
std::string ModelName(const std::string& path);

}  // namespace msame
