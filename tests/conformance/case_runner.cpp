#include "case_runner.h"

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "acl/acl.h"

namespace conformance {

namespace {

namespace fs = std::filesystem;

// ---- the public API -------------------------------------------------------------------------

// The output's dims after execution, when the API can tell them.
bool OutputDims(aclmdlDesc* desc, const aclmdlDataset* outputs, size_t index, std::vector<int64_t>& dims) {
  if (const aclTensorDesc* td = aclmdlGetDatasetTensorDesc(outputs, index)) {
    dims.clear();
    const size_t rank = aclGetTensorDescNumDims(td);
    bool ok = rank != ACL_UNKNOWN_RANK && rank <= ACL_MAX_DIM_CNT;
    for (size_t d = 0; d < rank && ok; ++d) {
      int64_t size = 0;
      ok = aclGetTensorDescDimV2(td, d, &size) == ACL_SUCCESS && size >= 0;
      dims.push_back(size);
    }
    if (ok) return true;
  }
  for (const auto get : {aclmdlGetCurOutputDims, aclmdlGetOutputDims}) {
    aclmdlIODims io{};
    if (get(desc, index, &io) != ACL_SUCCESS || io.dimCount > ACL_MAX_DIM_CNT) continue;
    dims.assign(io.dims, io.dims + io.dimCount);
    if (std::all_of(dims.begin(), dims.end(), [](int64_t d) { return d >= 0; })) return true;
  }
  DrainErrors();
  return false;
}

void AddToDataset(aclmdlDataset* dataset, const DeviceBuffer& buffer, Releases& releases, const Specifics& specifics) {
  aclDataBuffer* data = aclCreateDataBuffer(buffer.ptr, buffer.size);
  if (data == nullptr) Fail("execute: " + ApiError("aclCreateDataBuffer", ACL_ERROR_INVALID_PARAM, specifics));
  releases.Add([data] { aclDestroyDataBuffer(data); });
  const aclError rc = aclmdlAddDatasetBuffer(dataset, data);
  if (rc != ACL_SUCCESS) Fail("execute: " + ApiError("aclmdlAddDatasetBuffer", rc, specifics));
}

aclmdlDataset* CreateDataset(Releases& releases, const Specifics& specifics) {
  aclmdlDataset* dataset = aclmdlCreateDataset();
  if (dataset == nullptr) Fail("execute: " + ApiError("aclmdlCreateDataset", ACL_ERROR_FEATURE_UNSUPPORTED, specifics));
  releases.Add([dataset] { aclmdlDestroyDataset(dataset); });
  return dataset;
}

void RunDataSet(uint32_t model_id, aclmdlDesc* desc, const DataSet& set, const Specifics& specifics) {
  Releases releases;  // this data set's buffers and datasets
  const size_t num_inputs = aclmdlGetNumInputs(desc);
  const size_t num_outputs = aclmdlGetNumOutputs(desc);
  if (num_inputs != set.inputs.size()) {
    Fail("input count differs from the test data", "model " + std::to_string(num_inputs) + ", test data " +
                                                         std::to_string(set.inputs.size()));
  }
  if (num_outputs != set.outputs.size()) {
    Fail("output count differs from the test data", "model " + std::to_string(num_outputs) + ", test data " +
                                                          std::to_string(set.outputs.size()));
  }
  aclmdlDataset* inputs = CreateDataset(releases, specifics);
  for (size_t k = 0; k < num_inputs; ++k) {
    const HostTensor& tensor = set.inputs[k];
    const aclDataType model_type = aclmdlGetInputDataType(desc, k);
    if (model_type != ACL_DT_UNDEFINED && model_type != OnnxToAclType(tensor.onnx_type)) {
      Fail("input dtype differs from the test data", "input " + std::to_string(k) + ": model " +
                                                         AclTypeName(model_type) + ", test data " +
                                                         OnnxTypeName(tensor.onnx_type));
    }
    const size_t model_size = aclmdlGetInputSizeByIndex(desc, k);
    if (model_size != tensor.bytes.size()) {
      Fail("input size differs from the test data", "input " + std::to_string(k) + ": model " +
                                                        std::to_string(model_size) + " bytes, test data " +
                                                        std::to_string(tensor.bytes.size()) + " bytes");
    }
    const DeviceBuffer buffer = Allocate(model_size, releases, "input", specifics);
    if (model_size > 0) {
      const aclError rc =
          aclrtMemcpy(buffer.ptr, buffer.size, tensor.bytes.data(), tensor.bytes.size(), ACL_MEMCPY_HOST_TO_DEVICE);
      if (rc != ACL_SUCCESS) Fail("execute: " + ApiError("aclrtMemcpy", rc, specifics));
    }
    AddToDataset(inputs, buffer, releases, specifics);
  }
  aclmdlDataset* outputs = CreateDataset(releases, specifics);
  std::vector<DeviceBuffer> output_buffers;
  for (size_t k = 0; k < num_outputs; ++k) {
    // A size of 0 means the model cannot bound the output; give it room for the expected one.
    size_t size = aclmdlGetOutputSizeByIndex(desc, k);
    if (size == 0) size = set.outputs[k].bytes.size();
    output_buffers.push_back(Allocate(size, releases, "output", specifics));
    AddToDataset(outputs, output_buffers.back(), releases, specifics);
  }
  DrainErrors();
  const aclError rc = aclmdlExecute(model_id, inputs, outputs);
  if (rc != ACL_SUCCESS) Fail("execute: " + ApiError("aclmdlExecute", rc, specifics), set.name);

  for (size_t k = 0; k < num_outputs; ++k) {
    std::vector<int64_t> dims;
    const bool known = OutputDims(desc, outputs, k, dims);
    CheckOutput(set.outputs[k], aclmdlGetOutputDataType(desc, k), known ? &dims : nullptr, output_buffers[k],
                "output " + std::to_string(k) + " (" + set.name + ")", specifics);
  }
}

void RunThroughApi(const std::string& om_path, const std::vector<DataSet>& sets, const Specifics& specifics) {
  Releases releases;
  aclError rc = aclInit(nullptr);
  if (rc != ACL_SUCCESS) Fail("load: " + ApiError("aclInit", rc, specifics));
  releases.Add([] { aclFinalize(); });
  rc = aclrtSetDevice(0);
  if (rc != ACL_SUCCESS) Fail("load: " + ApiError("aclrtSetDevice", rc, specifics));
  releases.Add([] { aclrtResetDevice(0); });
  DrainErrors();
  uint32_t model_id = 0;
  rc = aclmdlLoadFromFile(om_path.c_str(), &model_id);
  if (rc != ACL_SUCCESS) Fail("load: " + ApiError("aclmdlLoadFromFile", rc, specifics));
  releases.Add([model_id] { aclmdlUnload(model_id); });
  aclmdlDesc* desc = aclmdlCreateDesc();
  if (desc == nullptr) Fail("load: " + ApiError("aclmdlCreateDesc", ACL_ERROR_FEATURE_UNSUPPORTED, specifics));
  releases.Add([desc] { aclmdlDestroyDesc(desc); });
  rc = aclmdlGetDesc(desc, model_id);
  if (rc != ACL_SUCCESS) Fail("load: " + ApiError("aclmdlGetDesc", rc, specifics));
  for (const DataSet& set : sets) RunDataSet(model_id, desc, set, specifics);
}

}  // namespace

CaseResult RunCase(const CaseSpec& spec, const RunnerConfig& config) {
  const std::string out_base = config.work_dir + "/" + spec.suite + "." + spec.name;
  const CaseResult result = RunGuarded(spec, [&] {
    const ModelInfo info = InspectModel(spec, out_base);
    if (!info.unrepresentable.empty()) Fail(info.unrepresentable);
    const std::vector<DataSet> sets = ReadDataSets(spec, info);
    RunAtc(spec, config, out_base, info.specifics);
    RunThroughApi(out_base + ".om", sets, info.specifics);
  });
  std::error_code ignored;
  fs::remove(out_base + ".om", ignored);
  return result;
}

}  // namespace conformance
