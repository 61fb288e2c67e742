// What the single-operator entry points share (op.cpp, op_compiler.cpp, cblas.cpp): turning the
// caller's descs, buffers and attributes into an operator call, running it on a stream, and the
// prepared call behind an aclopHandle. Defined in op.cpp. Everything here throws aclsim::Error.
#pragma once

#include <string>
#include <vector>

#include "acl/acl_op.h"
#include "base/data_buffer.h"
#include "base/tensor_desc.h"
#include "op/op_attr.h"
#include "op/op_execute.h"

// A prepared operator call (aclopCreateHandle and the aclblas/aclopCast handle builders): what the
// call looks like. A loaded or compiled model matched it when the handle was made.
struct aclopHandle : aclsim::TaggedObject<0x4F704864u /* 'OpHd' */> {
  static constexpr const char* kTypeName = "aclopHandle";
  std::string type;
  std::vector<aclsim::OpCallTensor> input_descs;
  std::vector<aclsim::OpCallTensor> output_descs;
  aclsim::sim::Attrs attrs;
};

namespace aclsim::api {

// `desc` (argument `what`, element `index`) as a tensor of an operator call.
OpCallTensor CallTensor(const aclTensorDesc* desc, const char* what, int index);
// `count` descs of an array argument; null elements and negative counts are rejected.
std::vector<OpCallTensor> CallTensors(int count, const aclTensorDesc* const* descs, const char* what);
// `count` buffers, each placed where its desc (if any) says.
std::vector<OpBuffer> Buffers(int count, const aclDataBuffer* const* buffers, const aclTensorDesc* const* descs,
                              const char* what);
// The attributes of an aclopAttr handle; none for null.
const sim::Attrs& AttrsOf(const aclopAttr* attr);

// aclopExecute / aclopExecuteV2: queues the operator on `stream`. When `writable_output_descs` is
// given, output descs with unknown dims are updated with the shapes the operator computes.
void ExecuteOp(const char* opType, int numInputs, const aclTensorDesc* const inputDesc[],
               const aclDataBuffer* const inputs[], int numOutputs, const aclTensorDesc* const outputDesc[],
               aclDataBuffer* const outputs[], const aclopAttr* attr, aclrtStream stream,
               aclTensorDesc** writable_output_descs);

// A handle for the call, which some loaded or compiled model must match (ACL_ERROR_OP_NOT_FOUND
// otherwise). The caller owns the result (aclopDestroyHandle).
aclopHandle* CreateOpHandle(std::string type, std::vector<OpCallTensor> input_descs,
                            std::vector<OpCallTensor> output_descs, sim::Attrs attrs);

}  // namespace aclsim::api
