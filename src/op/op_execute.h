// Running one operator on a stream: match the call against a loaded single-operator model, check
// every buffer before anything is queued, infer the output shapes, and queue the kernel.
#pragma once

#include <string>
#include <vector>

#include "op/op_store.h"
#include "sim/tensor.h"

namespace aclsim {

class Stream;

struct OpBuffer {
  void* data = nullptr;
  size_t size = 0;
  bool host = false;  // the desc's placement is host memory (aclSetTensorPlaceMent)
};

struct OpInvocation {
  std::string type;
  std::vector<OpCallTensor> input_descs;
  std::vector<OpBuffer> inputs;
  std::vector<OpCallTensor> output_descs;
  std::vector<OpBuffer> outputs;
  sim::Attrs attrs;
};

// Queues the call on `stream` and returns the outputs' specs (aclopExecuteV2 writes dynamic ones
// back into the caller's descs). Throws, with nothing queued: ACL_ERROR_OP_NOT_FOUND when no
// loaded model matches, ACL_ERROR_INVALID_PARAM for a buffer that is null, too small, or not
// where its placement says, ACL_ERROR_OP_OUTPUT_NOT_MATCH when an output desc disagrees with the
// inferred shape. A failure of the kernel itself becomes the stream's error.
std::vector<sim::TensorSpec> LaunchOp(const OpInvocation& call, Stream& stream);

// aclopInferShape: the output specs for `input_descs` (with values where `inputs` gives host data).
std::vector<sim::TensorSpec> InferOpOutputs(const std::string& type, const std::vector<OpCallTensor>& input_descs,
                                            const std::vector<OpBuffer>& inputs, const sim::Attrs& attrs);

}  // namespace aclsim
