#include "single_op.h"

#include <algorithm>
#include <stdexcept>
#include <type_traits>
#include <variant>

namespace conformance {

namespace model = aclsim::model;
namespace sim = aclsim::sim;

DescSpec DescOf(const model::GraphTensor& tensor) {
  return DescSpec{static_cast<aclDataType>(tensor.dtype), static_cast<aclFormat>(tensor.format), tensor.dims};
}

DescSpec AbsentDesc() { return DescSpec{ACL_DT_UNDEFINED, ACL_FORMAT_UNDEFINED, {}}; }

size_t DescBytes(const DescSpec& desc) {
  size_t count = 1;
  for (const int64_t d : desc.dims) {
    if (d < 0) return 0;
    count *= static_cast<size_t>(d);
  }
  return desc.dtype == ACL_DT_UNDEFINED ? 0 : count * aclDataTypeSize(desc.dtype);
}

namespace {

std::string OpList(const std::vector<model::GraphNode>& nodes) {
  std::string list;
  for (const model::GraphNode& n : nodes) list += (list.empty() ? "" : ", ") + n.type;
  return list;
}

Reduction NotSingle(const char* category, std::string detail) {
  Reduction r;
  r.why = NotSingleOp{category, std::move(detail)};
  return r;
}

}  // namespace

Reduction ReduceToSingleOp(const model::ModelGraph& graph, const uint8_t* weights, size_t weights_size) {
  if (graph.nodes.empty()) return NotSingle(kNoOp, "");
  if (graph.nodes.size() > 1) return NotSingle(kSeveralOps, OpList(graph.nodes));
  const model::GraphNode& node = graph.nodes.front();
  const auto tensor = [&graph](int32_t index) -> const model::GraphTensor& {
    if (index < 0 || static_cast<size_t>(index) >= graph.tensors.size()) {
      throw std::runtime_error("tensor index " + std::to_string(index) + " is out of range");
    }
    return graph.tensors[static_cast<size_t>(index)];
  };

  Reduction r;
  r.single = true;
  SingleOpCall& call = r.call;
  call.type = node.type;
  call.attrs = node.attrs;
  size_t given = node.inputs.size();
  while (given > 0 && node.inputs[given - 1] < 0) --given;  // trailing optional inputs are not passed
  for (size_t i = 0; i < given; ++i) {
    const int32_t index = node.inputs[i];
    OpInput input;
    if (index < 0) {
      input.source = OpInput::Source::kAbsent;
      input.desc = AbsentDesc();
      call.inputs.push_back(std::move(input));
      continue;
    }
    const model::GraphTensor& t = tensor(index);
    input.desc = DescOf(t);
    const auto model_input = std::find(graph.inputs.begin(), graph.inputs.end(), index);
    if (model_input != graph.inputs.end()) {
      input.source = OpInput::Source::kModelInput;
      input.model_input = static_cast<size_t>(model_input - graph.inputs.begin());
    } else if (t.weight) {
      if (t.weight->offset > weights_size || t.weight->size > weights_size - t.weight->offset) {
        throw std::runtime_error("the weight of tensor " + std::to_string(index) + " lies outside the weights section");
      }
      input.source = OpInput::Source::kConstant;
      const uint8_t* begin = weights + t.weight->offset;
      // The weight may be padded; the constant is as long as its tensor.
      const size_t bytes = std::min<size_t>(static_cast<size_t>(t.weight->size), DescBytes(input.desc));
      input.value.assign(begin, begin + bytes);
    } else {
      throw std::runtime_error("input " + std::to_string(i) + " of " + node.type +
                               " is neither a model input, a constant nor absent");
    }
    call.inputs.push_back(std::move(input));
  }
  for (const int32_t index : node.outputs) call.outputs.push_back(DescOf(tensor(index)));
  for (const int32_t index : graph.outputs) {
    const auto produced = std::find(node.outputs.begin(), node.outputs.end(), index);
    if (produced == node.outputs.end()) {
      const model::GraphTensor& t = tensor(index);
      const bool is_input = std::find(graph.inputs.begin(), graph.inputs.end(), index) != graph.inputs.end();
      return NotSingle(kOutputNotComputed, is_input ? "a model input" : (t.weight ? "a constant" : "not computed"));
    }
    call.model_outputs.push_back(static_cast<size_t>(produced - node.outputs.begin()));
  }
  return r;
}

// ---- attributes -----------------------------------------------------------------------------

AttrSetter SetterFor(const sim::AttrValue& value) {
  return std::visit(
      [](const auto& v) -> AttrSetter {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>) return AttrSetter::kBool;
        else if constexpr (std::is_same_v<T, int64_t>) return AttrSetter::kInt;
        else if constexpr (std::is_same_v<T, float>) return AttrSetter::kFloat;
        else if constexpr (std::is_same_v<T, std::string>) return AttrSetter::kString;
        else if constexpr (std::is_same_v<T, sim::DType>) return AttrSetter::kDataType;
        else if constexpr (std::is_same_v<T, std::vector<bool>>) return AttrSetter::kListBool;
        else if constexpr (std::is_same_v<T, std::vector<int64_t>>) return AttrSetter::kListInt;
        else if constexpr (std::is_same_v<T, std::vector<float>>) return AttrSetter::kListFloat;
        else if constexpr (std::is_same_v<T, std::vector<std::string>>) return AttrSetter::kListString;
        else if constexpr (std::is_same_v<T, std::vector<sim::DType>>) return AttrSetter::kListDataType;
        else {
          static_assert(std::is_same_v<T, std::vector<std::vector<int64_t>>>, "an attribute kind without a setter");
          return AttrSetter::kListListInt;
        }
      },
      value);
}

const char* SetterName(AttrSetter setter) {
  switch (setter) {
    case AttrSetter::kBool: return "aclopSetAttrBool";
    case AttrSetter::kInt: return "aclopSetAttrInt";
    case AttrSetter::kFloat: return "aclopSetAttrFloat";
    case AttrSetter::kString: return "aclopSetAttrString";
    case AttrSetter::kDataType: return "aclopSetAttrDataType";
    case AttrSetter::kListBool: return "aclopSetAttrListBool";
    case AttrSetter::kListInt: return "aclopSetAttrListInt";
    case AttrSetter::kListFloat: return "aclopSetAttrListFloat";
    case AttrSetter::kListString: return "aclopSetAttrListString";
    case AttrSetter::kListDataType: return "aclopSetAttrListDataType";
    case AttrSetter::kListListInt: return "aclopSetAttrListListInt";
  }
  return "?";
}

ListListArgs ListListArgsOf(const std::vector<std::vector<int64_t>>& values) {
  ListListArgs args;
  for (const std::vector<int64_t>& list : values) {
    args.counts.push_back(static_cast<int>(list.size()));
    args.lists.push_back(list.data());
  }
  return args;
}

aclError SetAttr(aclopAttr* attr, const std::string& name, const sim::AttrValue& value) {
  const char* n = name.c_str();
  switch (SetterFor(value)) {
    case AttrSetter::kBool: return aclopSetAttrBool(attr, n, std::get<bool>(value) ? 1 : 0);
    case AttrSetter::kInt: return aclopSetAttrInt(attr, n, std::get<int64_t>(value));
    case AttrSetter::kFloat: return aclopSetAttrFloat(attr, n, std::get<float>(value));
    case AttrSetter::kString: return aclopSetAttrString(attr, n, std::get<std::string>(value).c_str());
    case AttrSetter::kDataType: return aclopSetAttrDataType(attr, n, static_cast<aclDataType>(std::get<sim::DType>(value)));
    case AttrSetter::kListBool: {
      const auto& v = std::get<std::vector<bool>>(value);
      std::vector<uint8_t> bytes(v.begin(), v.end());
      return aclopSetAttrListBool(attr, n, static_cast<int>(bytes.size()), bytes.data());
    }
    case AttrSetter::kListInt: {
      const auto& v = std::get<std::vector<int64_t>>(value);
      return aclopSetAttrListInt(attr, n, static_cast<int>(v.size()), v.data());
    }
    case AttrSetter::kListFloat: {
      const auto& v = std::get<std::vector<float>>(value);
      return aclopSetAttrListFloat(attr, n, static_cast<int>(v.size()), v.data());
    }
    case AttrSetter::kListString: {
      const auto& v = std::get<std::vector<std::string>>(value);
      std::vector<const char*> strings;
      for (const std::string& s : v) strings.push_back(s.c_str());
      return aclopSetAttrListString(attr, n, static_cast<int>(strings.size()), strings.data());
    }
    case AttrSetter::kListDataType: {
      const auto& v = std::get<std::vector<sim::DType>>(value);
      std::vector<aclDataType> types;
      for (const sim::DType t : v) types.push_back(static_cast<aclDataType>(t));
      return aclopSetAttrListDataType(attr, n, static_cast<int>(types.size()), types.data());
    }
    case AttrSetter::kListListInt: {
      const auto& v = std::get<std::vector<std::vector<int64_t>>>(value);
      const ListListArgs args = ListListArgsOf(v);
      return aclopSetAttrListListInt(attr, n, static_cast<int>(args.counts.size()), args.counts.data(),
                                     args.lists.data());
    }
  }
  return ACL_ERROR_INVALID_PARAM;
}

// ---- descs ----------------------------------------------------------------------------------

aclTensorDesc* CreateDesc(const DescSpec& spec, const std::vector<uint8_t>* const_value) {
  aclTensorDesc* desc = aclCreateTensorDesc(spec.dtype, static_cast<int>(spec.dims.size()),
                                            spec.dims.empty() ? nullptr : spec.dims.data(), spec.format);
  // An empty constant has no bytes to give (aclSetTensorConst requires length > 0): a plain input.
  if (desc == nullptr || const_value == nullptr || const_value->empty()) return desc;
  // aclSetTensorConst takes a non-const pointer but only copies the bytes.
  void* bytes = const_cast<uint8_t*>(const_value->data());
  if (aclSetTensorConst(desc, bytes, const_value->size()) != ACL_SUCCESS) {
    aclDestroyTensorDesc(desc);
    return nullptr;
  }
  return desc;
}

bool ReadDesc(const aclTensorDesc* desc, DescSpec& out) {
  out.dtype = aclGetTensorDescType(desc);
  out.format = aclGetTensorDescFormat(desc);
  out.dims.clear();
  const size_t rank = aclGetTensorDescNumDims(desc);
  if (rank == ACL_UNKNOWN_RANK) return false;
  for (size_t d = 0; d < rank; ++d) {
    int64_t size = 0;
    if (aclGetTensorDescDimV2(desc, d, &size) != ACL_SUCCESS) {
      out.dims.clear();
      return false;
    }
    out.dims.push_back(size);
  }
  return true;
}

}  // namespace conformance
