#include "op/op_execute.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <thread>

#include <fmt/format.h>

#include "common/error.h"
#include "runtime/buffer_check.h"
#include "runtime/context.h"
#include "runtime/device.h"
#include "runtime/runtime.h"
#include "runtime/stream.h"
#include "sim/registry.h"

namespace aclsim {
namespace {

size_t BytesOf(const sim::TensorSpec& spec) {
  return sim::IsAbsent(spec) ? 0 : static_cast<size_t>(sim::NumElements(spec.shape)) * sim::SizeOf(spec.dtype);
}

// Checks that `buffer` can hold `needed` bytes where its placement says it lives.
void CheckBuffer(const OpBuffer& buffer, size_t needed, Device& device, const std::string& what) {
  CheckDeviceBuffer(buffer.data, buffer.size, needed, buffer.host, device, what);
}

std::vector<sim::TensorSpec> InputSpecs(const std::vector<OpCallTensor>& descs, const std::vector<OpBuffer>& buffers,
                                        const OpModel* model) {
  std::vector<sim::TensorSpec> specs;
  for (size_t i = 0; i < descs.size(); ++i) {
    const OpCallTensor& d = descs[i];
    if (d.dtype == sim::DType::kUndefined) {
      specs.push_back(sim::AbsentInput());
      continue;
    }
    for (int64_t v : d.dims) {
      if (v < 0) Fail(ACL_ERROR_INVALID_PARAM, "input {}: shape {} has an unknown dim; inputs must be concrete", i, sim::ToString(d.dims));
    }
    sim::TensorSpec spec(d.dtype, d.dims, d.format);
    // A value known before the kernel runs: the model's constant, or the caller's host data.
    if (model != nullptr && model->inputs[i].const_value) {
      spec.value = model->inputs[i].const_value;
    } else if (i < buffers.size() && buffers[i].host && buffers[i].data != nullptr) {
      const size_t bytes = std::min(buffers[i].size, BytesOf(spec));
      const auto* p = static_cast<const unsigned char*>(buffers[i].data);
      spec.value = std::make_shared<std::vector<unsigned char>>(p, p + bytes);
    }
    specs.push_back(std::move(spec));
  }
  // Optional inputs left out at the end are not passed at all, as a model's executor does.
  while (!specs.empty() && sim::IsAbsent(specs.back())) specs.pop_back();
  return specs;
}

}  // namespace

std::vector<sim::TensorSpec> InferOpOutputs(const std::string& type, const std::vector<OpCallTensor>& input_descs,
                                            const std::vector<OpBuffer>& inputs, const sim::Attrs& attrs) {
  return sim::Kernels().Infer(type, InputSpecs(input_descs, inputs, nullptr), attrs);
}

std::vector<sim::TensorSpec> LaunchOp(const OpInvocation& call, Stream& stream) {
  if (call.inputs.size() != call.input_descs.size() || call.outputs.size() != call.output_descs.size()) {
    Fail(ACL_ERROR_INVALID_PARAM, "{}: {} input descs for {} input buffers, {} output descs for {} output buffers",
         call.type, call.input_descs.size(), call.inputs.size(), call.output_descs.size(), call.outputs.size());
  }
  const std::shared_ptr<const OpModel> model =
      OpStore::Get().Match(OpCall{call.type, call.input_descs, call.output_descs, call.attrs});
  std::vector<sim::TensorSpec> inputs = InputSpecs(call.input_descs, call.inputs, model.get());
  std::vector<sim::TensorSpec> outputs = sim::Kernels().Infer(call.type, inputs, call.attrs);
  if (outputs.size() != call.outputs.size()) {
    Fail(ACL_ERROR_OP_OUTPUT_NOT_MATCH, "{} produces {} output(s), {} given", call.type, outputs.size(), call.outputs.size());
  }
  Device& device = stream.context().device();
  std::vector<sim::TensorView> input_views, output_views;
  for (size_t i = 0; i < inputs.size(); ++i) {
    CheckBuffer(call.inputs[i], BytesOf(inputs[i]), device, fmt::format("{} input {}", call.type, i));
    input_views.push_back(sim::TensorView{inputs[i], call.inputs[i].data});
  }
  for (size_t i = 0; i < outputs.size(); ++i) {
    const auto& given = call.output_descs[i].dims;
    const bool concrete = std::all_of(given.begin(), given.end(), [](int64_t v) { return v >= 0; });
    if (concrete && given != outputs[i].shape) {
      Fail(ACL_ERROR_OP_OUTPUT_NOT_MATCH, "{} output {}: the desc says {}, the operator computes {}", call.type, i,
           sim::ToString(given), sim::ToString(outputs[i].shape));
    }
    CheckBuffer(call.outputs[i], BytesOf(outputs[i]), device, fmt::format("{} output {}", call.type, i));
    output_views.push_back(sim::TensorView{outputs[i], call.outputs[i].data});
  }
  // Everything the task needs is copied into it: the caller may free its descs and attrs now.
  const sim::OpDef* def = &sim::Kernels().Get(call.type);
  const sim::Parallel* cores = &device.cores();
  const int32_t limit_ms = Runtime::Get().op_execute_timeout_ms();
  const int64_t delay_ms = device.config().kernel_delay_ms;
  stream.Submit(Task{[def, cores, model, input_views, output_views, attrs = call.attrs, limit_ms, delay_ms] {
                       const auto start = std::chrono::steady_clock::now();
                       if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
                       const sim::AttrReader reader(def->type.c_str(), attrs);
                       def->kernel(sim::KernelArgs{def->type.c_str(), input_views, output_views, reader, *cores});
                       // A CPU kernel cannot be interrupted; overrunning the limit fails the task afterwards.
                       const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                           std::chrono::steady_clock::now() - start).count();
                       if (limit_ms >= 0 && ms > limit_ms) {
                         Fail(ACL_ERROR_RT_AICORE_TIMEOUT, "{} ran for {} ms, longer than the aclrtSetOpExecuteTimeOut "
                              "limit of {} ms", def->type, ms, limit_ms);
                       }
                       return ACL_SUCCESS;
                     },
                     "operator"});
  return outputs;
}

}  // namespace aclsim
