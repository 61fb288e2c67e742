#include "op_case_runner.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "acl/acl.h"
#include "acl/acl_op_compiler.h"
#include "model/graph.h"
#include "model/om_format.h"
#include "single_op.h"

namespace conformance {

namespace {

namespace fs = std::filesystem;
namespace model = aclsim::model;

[[noreturn]] void NotSingle(const std::string& category, const std::string& detail = "") {
  Fail(kNotSingleOpPrefix + category, detail);
}

// The graph atc wrote, reduced to one operator call if it is one.
SingleOpCall ReadSingleOp(const std::string& om_path) {
  Reduction reduction;
  try {
    const model::MappedFile file(om_path);
    const model::OmView view = model::ParseOm(file.data(), file.size(), om_path);
    const model::ModelGraph graph = model::ParseGraph(view.graph_json, view.weights_size, om_path);
    reduction = ReduceToSingleOp(graph, view.weights, view.weights_size);
  } catch (const std::exception& e) {
    Fail("driver: reading the .om atc wrote", e.what());
  }
  if (!reduction.single) NotSingle(reduction.why.category, reduction.why.detail);
  return reduction.call;
}

// Owns the descs, data buffers and attr of one operator call.
class CallObjects {
 public:
  CallObjects() = default;
  CallObjects(const CallObjects&) = delete;
  CallObjects& operator=(const CallObjects&) = delete;
  ~CallObjects() {
    for (aclTensorDesc* d : input_descs) aclDestroyTensorDesc(d);
    for (aclTensorDesc* d : output_descs) aclDestroyTensorDesc(d);
    for (aclDataBuffer* b : input_buffers) aclDestroyDataBuffer(b);
    for (aclDataBuffer* b : output_buffers) aclDestroyDataBuffer(b);
    if (attr != nullptr) aclopDestroyAttr(attr);
  }
  std::vector<aclTensorDesc*> input_descs, output_descs;
  std::vector<aclDataBuffer*> input_buffers, output_buffers;
  aclopAttr* attr = nullptr;
};

aclTensorDesc* MakeDesc(const DescSpec& spec, const std::vector<uint8_t>* const_value, const std::string& what,
                        const Specifics& specifics) {
  DrainErrors();
  aclTensorDesc* desc = CreateDesc(spec, const_value);
  if (desc == nullptr) {
    Fail("desc: " + ApiError(const_value != nullptr ? "aclSetTensorConst" : "aclCreateTensorDesc",
                             ACL_ERROR_INVALID_PARAM, specifics),
         what);
  }
  return desc;
}

aclDataBuffer* MakeBuffer(void* data, size_t size, const Specifics& specifics) {
  aclDataBuffer* buffer = aclCreateDataBuffer(data, size);
  if (buffer == nullptr) Fail("execute: " + ApiError("aclCreateDataBuffer", ACL_ERROR_INVALID_PARAM, specifics));
  return buffer;
}

// Device memory holding `bytes`.
DeviceBuffer Upload(const std::vector<uint8_t>& bytes, Releases& releases, const Specifics& specifics) {
  const DeviceBuffer buffer = Allocate(bytes.size(), releases, "input", specifics);
  if (!bytes.empty()) {
    const aclError rc = aclrtMemcpy(buffer.ptr, buffer.size, bytes.data(), bytes.size(), ACL_MEMCPY_HOST_TO_DEVICE);
    if (rc != ACL_SUCCESS) Fail("execute: " + ApiError("aclrtMemcpy", rc, specifics));
  }
  return buffer;
}

void RunDataSet(const SingleOpCall& call, const DataSet& set, aclrtStream stream, const Specifics& specifics) {
  Releases releases;  // this data set's device memory
  CallObjects objects;
  size_t model_inputs = 0;
  for (const OpInput& input : call.inputs) {
    if (input.source == OpInput::Source::kModelInput) model_inputs = std::max(model_inputs, input.model_input + 1);
  }
  if (set.inputs.size() < model_inputs) {
    Fail("input count differs from the test data", "operator reads model input " + std::to_string(model_inputs - 1) +
                                                         ", test data has " + std::to_string(set.inputs.size()));
  }
  if (set.outputs.size() != call.model_outputs.size()) {
    Fail("output count differs from the test data", "model " + std::to_string(call.model_outputs.size()) +
                                                          ", test data " + std::to_string(set.outputs.size()));
  }

  for (size_t i = 0; i < call.inputs.size(); ++i) {
    const OpInput& input = call.inputs[i];
    const std::string what = "input " + std::to_string(i);
    switch (input.source) {
      case OpInput::Source::kAbsent:
        objects.input_descs.push_back(MakeDesc(input.desc, nullptr, what, specifics));
        objects.input_buffers.push_back(MakeBuffer(nullptr, 0, specifics));
        break;
      case OpInput::Source::kConstant: {
        objects.input_descs.push_back(MakeDesc(input.desc, &input.value, what, specifics));
        const DeviceBuffer buffer = Upload(input.value, releases, specifics);
        objects.input_buffers.push_back(MakeBuffer(buffer.ptr, buffer.size, specifics));
        break;
      }
      case OpInput::Source::kModelInput: {
        const HostTensor& tensor = set.inputs[input.model_input];
        if (input.desc.dtype != OnnxToAclType(tensor.onnx_type)) {
          Fail("input dtype differs from the test data", what + ": operator " + AclTypeName(input.desc.dtype) +
                                                             ", test data " + OnnxTypeName(tensor.onnx_type));
        }
        // The test data's dims: the shape the caller has (atc's are the same for a static model).
        DescSpec desc = input.desc;
        desc.dims = tensor.dims;
        objects.input_descs.push_back(MakeDesc(desc, nullptr, what, specifics));
        const DeviceBuffer buffer = Upload(tensor.bytes, releases, specifics);
        objects.input_buffers.push_back(MakeBuffer(buffer.ptr, buffer.size, specifics));
        break;
      }
    }
  }
  std::vector<DeviceBuffer> outputs;
  for (size_t k = 0; k < call.outputs.size(); ++k) {
    const DescSpec& desc = call.outputs[k];
    objects.output_descs.push_back(MakeDesc(desc, nullptr, "output " + std::to_string(k), specifics));
    // A desc that cannot bound its output gets room for the expected one, when it is a model output.
    size_t size = DescBytes(desc);
    for (size_t m = 0; m < call.model_outputs.size(); ++m) {
      if (call.model_outputs[m] == k && size == 0) size = set.outputs[m].bytes.size();
    }
    outputs.push_back(Allocate(size, releases, "output", specifics));
    objects.output_buffers.push_back(MakeBuffer(outputs.back().ptr, outputs.back().size, specifics));
  }

  objects.attr = aclopCreateAttr();
  if (objects.attr == nullptr) Fail("attr: " + ApiError("aclopCreateAttr", ACL_ERROR_BAD_ALLOC, specifics));
  for (const auto& [name, value] : call.attrs) {
    DrainErrors();
    const aclError rc = SetAttr(objects.attr, name, value);
    if (rc != ACL_SUCCESS) Fail("attr: " + ApiError(SetterName(SetterFor(value)), rc, specifics), name);
  }

  const int num_inputs = static_cast<int>(objects.input_descs.size());
  const int num_outputs = static_cast<int>(objects.output_descs.size());
  DrainErrors();
  aclError rc = aclopCompile(call.type.c_str(), num_inputs, objects.input_descs.data(), num_outputs,
                             objects.output_descs.data(), objects.attr, ACL_ENGINE_SYS, ACL_COMPILE_SYS, nullptr);
  if (rc != ACL_SUCCESS) Fail("compile: " + ApiError("aclopCompile", rc, specifics), set.name);
  rc = aclopExecuteV2(call.type.c_str(), num_inputs, objects.input_descs.data(), objects.input_buffers.data(),
                      num_outputs, objects.output_descs.data(), objects.output_buffers.data(), objects.attr, stream);
  if (rc != ACL_SUCCESS) Fail("execute: " + ApiError("aclopExecuteV2", rc, specifics), set.name);
  rc = aclrtSynchronizeStream(stream);
  if (rc != ACL_SUCCESS) Fail("execute: " + ApiError("aclrtSynchronizeStream", rc, specifics), set.name);

  for (size_t m = 0; m < call.model_outputs.size(); ++m) {
    const size_t k = call.model_outputs[m];
    DescSpec actual;
    const bool known = ReadDesc(objects.output_descs[k], actual) &&
                       std::all_of(actual.dims.begin(), actual.dims.end(), [](int64_t d) { return d >= 0; });
    DrainErrors();
    CheckOutput(set.outputs[m], actual.dtype, known ? &actual.dims : nullptr, outputs[k],
                "output " + std::to_string(m) + " (" + set.name + ")", specifics);
  }
}

void RunThroughOpApi(const SingleOpCall& call, const std::vector<DataSet>& sets, const Specifics& specifics) {
  Releases releases;
  aclError rc = aclInit(nullptr);
  if (rc != ACL_SUCCESS) Fail("setup: " + ApiError("aclInit", rc, specifics));
  releases.Add([] { aclFinalize(); });
  rc = aclrtSetDevice(0);
  if (rc != ACL_SUCCESS) Fail("setup: " + ApiError("aclrtSetDevice", rc, specifics));
  releases.Add([] { aclrtResetDevice(0); });
  aclrtStream stream = nullptr;
  rc = aclrtCreateStream(&stream);
  if (rc != ACL_SUCCESS) Fail("setup: " + ApiError("aclrtCreateStream", rc, specifics));
  releases.Add([stream] { aclrtDestroyStream(stream); });
  for (const DataSet& set : sets) RunDataSet(call, set, stream, specifics);
}

}  // namespace

CaseResult RunOpCase(const CaseSpec& spec, const RunnerConfig& config) {
  const std::string out_base = config.work_dir + "/" + spec.suite + "." + spec.name;
  const CaseResult result = RunGuarded(spec, [&] {
    const ModelInfo info = InspectModel(spec, out_base);
    if (info.onnx_nodes != 1) NotSingle(kSeveralOnnxNodes, std::to_string(info.onnx_nodes) + " nodes");
    if (!info.unrepresentable.empty()) NotSingle(kNotTensors, info.unrepresentable);
    const std::vector<DataSet> sets = ReadDataSets(spec, info);
    try {
      RunAtc(spec, config, out_base, info.specifics);
    } catch (const CaseFailure& f) {
      NotSingle(kAtcFailed, f.cause);
    }
    const SingleOpCall call = ReadSingleOp(out_base + ".om");
    RunThroughOpApi(call, sets, info.specifics);
  });
  std::error_code ignored;
  fs::remove(out_base + ".om", ignored);
  return result;
}

}  // namespace conformance
