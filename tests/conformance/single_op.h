// The single-operator driver's pure parts: whether a converted model (the graph atc wrote into
// the .om) is exactly one kernel-library operator, and if so the operator call that replaces it —
// each input taken from a model input, a constant of the weights section, or left out — and how
// every kind of attribute becomes an aclopSetAttr* call and every tensor an aclTensorDesc.
// Reads the model graph (src/model/graph.h); runs nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "acl/acl_base.h"
#include "acl/acl_op.h"
#include "model/graph.h"
#include "sim/attr.h"

namespace conformance {

// What aclCreateTensorDesc takes.
struct DescSpec {
  aclDataType dtype = ACL_DT_UNDEFINED;
  aclFormat format = ACL_FORMAT_UNDEFINED;
  std::vector<int64_t> dims;
};

// The graph's spelling of a tensor as a desc; sim's DType and Format share aclDataType's and
// aclFormat's values (src/sim/dtype.h, src/sim/tensor.h).
DescSpec DescOf(const aclsim::model::GraphTensor& tensor);

// The desc of an optional input left out: ACL_DT_UNDEFINED, no dims, ACL_FORMAT_UNDEFINED (the
// aclopExecuteV2 reference page's spelling of an absent optional input).
DescSpec AbsentDesc();

// Bytes of a desc's data (0 when a dim is unknown or the type has no fixed size).
size_t DescBytes(const DescSpec& desc);

struct OpInput {
  enum class Source { kModelInput, kConstant, kAbsent };
  Source source = Source::kAbsent;
  size_t model_input = 0;      // kModelInput: index among the model's inputs (= input_K.pb)
  DescSpec desc;               // kModelInput: dims are the graph's; the caller's data set decides
  std::vector<uint8_t> value;  // kConstant: the bytes from the weights section
};

struct SingleOpCall {
  std::string type;
  std::vector<OpInput> inputs;     // trailing optional inputs left out are not passed
  std::vector<DescSpec> outputs;   // every output of the node, in order
  std::vector<size_t> model_outputs;  // for each model output, the index of the node output it is
  aclsim::sim::Attrs attrs;
};

// Why a graph is not one operator call. `category` groups (it is one of the k* texts below);
// `detail` says more ("Cast, Add, Cast").
struct NotSingleOp {
  std::string category;
  std::string detail;
};

inline constexpr const char kSeveralOps[] = "lowered into several kernel-library operators";
inline constexpr const char kNoOp[] = "lowered into no kernel-library operator";
inline constexpr const char kOutputNotComputed[] = "a model output is not an output of the operator";

struct Reduction {
  bool single = false;
  SingleOpCall call;  // when single
  NotSingleOp why;    // otherwise
};

// The one operator call `graph` amounts to, with constants read from `weights` (the .om's weights
// section). Throws std::runtime_error for a graph that breaks its own rules (a node input that is
// neither a model input, a constant nor absent; a weight outside the section).
Reduction ReduceToSingleOp(const aclsim::model::ModelGraph& graph, const uint8_t* weights, size_t weights_size);

// ---- attributes -----------------------------------------------------------------------------

// The aclopSetAttr* function that sets an attribute of each kind.
enum class AttrSetter {
  kBool, kInt, kFloat, kString, kDataType,
  kListBool, kListInt, kListFloat, kListString, kListDataType, kListListInt,
};

AttrSetter SetterFor(const aclsim::sim::AttrValue& value);
const char* SetterName(AttrSetter setter);  // "aclopSetAttrListInt"

// The arguments of aclopSetAttrListListInt: the number of values of each list, and a pointer to
// each list's first value (into `values`, which must outlive them).
struct ListListArgs {
  std::vector<int> counts;
  std::vector<const int64_t*> lists;
};
ListListArgs ListListArgsOf(const std::vector<std::vector<int64_t>>& values);

// Sets `name` to `value` on `attr` through the aclopSetAttr* function of its kind; the API's code.
aclError SetAttr(aclopAttr* attr, const std::string& name, const aclsim::sim::AttrValue& value);

// ---- descs ----------------------------------------------------------------------------------

// aclCreateTensorDesc of `spec`; with a non-empty `const_value`, also aclSetTensorConst with it.
// Null when an API call fails (its message is in aclGetRecentErrMsg). The caller destroys it.
aclTensorDesc* CreateDesc(const DescSpec& spec, const std::vector<uint8_t>* const_value);

// What aclGetTensorDesc* report of `desc` (dims empty and false when a dim cannot be read).
bool ReadDesc(const aclTensorDesc* desc, DescSpec& out);

}  // namespace conformance
