#include "onnx_node.h"

namespace aclsim::onnx_import {

using onnx::AttributeProto;

OnnxNode::OnnxNode(const onnx::NodeProto& proto, int index, int64_t opset, const GraphBuilder& builder)
    : proto_(proto), index_(index), opset_(opset), builder_(builder) {}

std::string OnnxNode::Describe() const {
  return fmt::format("node {} \"{}\" ({})", index_, proto_.name(), proto_.op_type());
}

int32_t OnnxNode::Input(int i) const {
  if (!HasInput(i)) {
    throw Error(ACL_ERROR_PARSE_MODEL, fmt::format("{}: input {} is required but left out", Describe(), i));
  }
  const int32_t t = builder_.Find(proto_.input(i));
  if (t < 0) {
    throw Error(ACL_ERROR_PARSE_MODEL, fmt::format("{}: input {} \"{}\" is not a graph input, initializer or the "
                                                   "output of an earlier node", Describe(), i, proto_.input(i)));
  }
  return t;
}

int32_t OnnxNode::OptionalInput(int i) const { return HasInput(i) ? Input(i) : -1; }

std::optional<std::vector<int64_t>> OptionalConstIntsOf(const OnnxNode& node, const GraphBuilder& b, int i,
                                                        const char* what) {
  if (!node.HasInput(i)) return std::nullopt;
  const int32_t t = node.Input(i);
  auto values = b.KnownInts(t);
  if (!values) {
    if (b.IsConstant(t)) node.Fail("input {} ({}) must have an integer type, is {}", i, what, sim::Name(b.Type(t)));
    node.Fail("input {} ({}) must be known at conversion (a constant or computed from constants and static shapes); "
              "\"{}\" is computed at execution", i, what, b.Name(t));
  }
  return values;
}

std::optional<std::vector<int64_t>> OnnxNode::OptionalConstInts(int i, const char* what) const {
  return OptionalConstIntsOf(*this, builder_, i, what);
}

std::vector<int64_t> OnnxNode::ConstInts(int i, const char* what) const {
  Input(i);
  return *OptionalConstInts(i, what);
}

double OnnxNode::ConstScalar(int i, const char* what) const {
  const int32_t t = Input(i);
  auto values = builder_.KnownDoubles(t);
  if (!values) Fail("input {} ({}) must be a constant", i, what);
  if (values->size() != 1) Fail("input {} ({}) must hold one value, has {}", i, what, values->size());
  return (*values)[0];
}

const AttributeProto* OnnxNode::Find(const std::string& attr) const {
  for (const auto& a : proto_.attribute()) {
    if (a.name() == attr) return &a;
  }
  return nullptr;
}

const AttributeProto& OnnxNode::Require(const std::string& attr, AttributeProto::AttributeType type) const {
  const AttributeProto* a = Find(attr);
  if (a == nullptr) FailAttr(attr, "required but missing");
  if (a->type() != type && a->type() != AttributeProto::UNDEFINED) {
    FailAttr(attr, "must be of type {}, is {}", AttributeProto::AttributeType_Name(type),
             AttributeProto::AttributeType_Name(a->type()));
  }
  return *a;
}

int64_t OnnxNode::Int(const std::string& attr, int64_t fallback) const {
  return Has(attr) ? Int(attr) : fallback;
}

int64_t OnnxNode::Int(const std::string& attr) const { return Require(attr, AttributeProto::INT).i(); }

float OnnxNode::Float(const std::string& attr, float fallback) const {
  return Has(attr) ? Require(attr, AttributeProto::FLOAT).f() : fallback;
}

std::string OnnxNode::String(const std::string& attr, const std::string& fallback) const {
  return Has(attr) ? Require(attr, AttributeProto::STRING).s() : fallback;
}

std::vector<int64_t> OnnxNode::Ints(const std::string& attr, const std::vector<int64_t>& fallback) const {
  auto values = OptionalInts(attr);
  return values ? *values : fallback;
}

std::optional<std::vector<int64_t>> OnnxNode::OptionalInts(const std::string& attr) const {
  if (!Has(attr)) return std::nullopt;
  const AttributeProto& a = Require(attr, AttributeProto::INTS);
  return std::vector<int64_t>(a.ints().begin(), a.ints().end());
}

std::vector<float> OnnxNode::Floats(const std::string& attr, const std::vector<float>& fallback) const {
  if (!Has(attr)) return fallback;
  const AttributeProto& a = Require(attr, AttributeProto::FLOATS);
  return std::vector<float>(a.floats().begin(), a.floats().end());
}

const onnx::TensorProto* OnnxNode::Tensor(const std::string& attr) const {
  return Has(attr) ? &Require(attr, AttributeProto::TENSOR).t() : nullptr;
}

int64_t NormalizeAxis(const OnnxNode& node, const std::string& attr, int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank || (rank == 0 && axis != 0)) {
    node.FailAttr(attr, "{} is out of range for a tensor of {} dims", axis, rank);
  }
  return axis < 0 ? axis + rank : axis;
}

}  // namespace aclsim::onnx_import
