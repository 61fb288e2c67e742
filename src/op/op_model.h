// A single-operator model: the operator type, the descriptions of its inputs and outputs (with
// dynamic dims and shape ranges) and its attributes — what `atc --singleop` compiles from a CANN
// single-op JSON entry, what an .om of kind "single operator" holds, and what aclopCompile
// registers. Matching a call against it is in op_store.h.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "model/attr_json.h"
#include "sim/attr.h"
#include "sim/tensor.h"

namespace aclsim {

struct OpTensorDesc {
  sim::DType dtype = sim::DType::kFloat32;
  sim::Format format = sim::Format::kND;
  std::vector<int64_t> dims;  // -1: any size in shape_range; {-2}: any rank
  std::vector<std::array<int64_t, 2>> shape_range;  // [min, max], max -1 = unbounded
  std::string name;
  std::shared_ptr<const std::vector<unsigned char>> const_value;  // a constant input
};

struct OpModel {
  std::string type;
  std::string name;  // the file's name without ".om"
  std::vector<OpTensorDesc> inputs;
  std::vector<OpTensorDesc> outputs;
  sim::Attrs attrs;
  std::string soc_version;

  // Whether a desc with dynamic dims (-1/-2) occurs, so output shapes are inferred per call.
  bool IsDynamic() const;
};

// Parses one entry of a CANN single-op JSON file (`{op, name, input_desc, output_desc, attr}`);
// `where` (e.g. "ops.json entry 2") prefixes every error, which names the field at fault.
OpModel ParseCannSingleOp(const nlohmann::json& entry, const std::string& where);

// The om graph of a single-operator model, and back. Constant values are written inline.
std::string SerializeOpModel(const OpModel& model);
OpModel DeserializeOpModel(const std::string& json_text, const std::string& where);

// The file name CANN gives a single-op model without a "name": index_type_<in descs>_<out descs>,
// each desc as dtype_format_dims with the enum values (e.g. 0_Add_3_2_3_3_3_2_3_3_3_2_3_3).
std::string DefaultOpModelName(size_t index, const OpModel& model);

}  // namespace aclsim
