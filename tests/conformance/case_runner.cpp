#include "case_runner.h"

#include <fcntl.h>
#include <onnx/onnx_pb.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "acl/acl.h"
#include "compare.h"
#include "tensor_file.h"

namespace conformance {

namespace {

namespace fs = std::filesystem;

// A failure that ends the case; `cause` groups, `detail` does not.
struct CaseFailure {
  std::string cause;
  std::string detail;
};

[[noreturn]] void Fail(std::string cause, std::string detail = "") { throw CaseFailure{std::move(cause), std::move(detail)}; }

// ---- the model's interface and names -------------------------------------------------------

void CollectNames(const onnx::GraphProto& graph, std::set<std::string>& names) {
  const auto add = [&names](const std::string& name) {
    if (!name.empty()) names.insert(name);
  };
  add(graph.name());
  for (const auto& v : graph.input()) add(v.name());
  for (const auto& v : graph.output()) add(v.name());
  for (const auto& v : graph.value_info()) add(v.name());
  for (const auto& t : graph.initializer()) add(t.name());
  for (const auto& node : graph.node()) {
    add(node.name());
    for (const auto& n : node.input()) add(n);
    for (const auto& n : node.output()) add(n);
    for (const auto& attr : node.attribute()) {
      if (attr.has_g()) CollectNames(attr.g(), names);
      for (const auto& g : attr.graphs()) CollectNames(g, names);
    }
  }
}

// What a value of this type is when it cannot be a plain numeric tensor, else "".
std::string Unrepresentable(const onnx::TypeProto& type) {
  switch (type.value_case()) {
    case onnx::TypeProto::kTensorType: {
      const int32_t elem = type.tensor_type().elem_type();
      if (elem == onnx::TensorProto::STRING) return "string tensor";
      if (ElementSize(elem) == 0) return OnnxTypeName(elem) + " tensor";
      return "";
    }
    case onnx::TypeProto::kSequenceType: return "sequence";
    case onnx::TypeProto::kOptionalType: return "optional";
    case onnx::TypeProto::kMapType: return "map";
    case onnx::TypeProto::kSparseTensorType: return "sparse tensor";
    default: return "value without a tensor type";
  }
}

struct ModelInfo {
  Specifics specifics;
  std::string unrepresentable;  // the cause when the model's I/O cannot go through aclmdl, else ""
  std::vector<int32_t> input_types;   // declared element types of the graph's inputs (weights excluded)
  std::vector<int32_t> output_types;  // and of its outputs
};

ModelInfo InspectModel(const CaseSpec& spec, const std::string& out_base) {
  ModelInfo info;
  const std::string model_path = spec.dir + "/model.onnx";
  // Longest first, so a path is replaced before the directory it lies in.
  info.specifics.replace = {{out_base + ".om", "<output>.om"}, {model_path, "<model>"}, {out_base, "<output>"},
                            {spec.dir, "<case>"}};
  info.specifics.names.insert(spec.name);
  std::ifstream in(model_path, std::ios::binary);
  onnx::ModelProto model;
  if (!in || !model.ParseFromIstream(&in)) Fail("test data: model.onnx does not parse");
  CollectNames(model.graph(), info.specifics.names);
  std::set<std::string> initializers;
  for (const auto& t : model.graph().initializer()) initializers.insert(t.name());
  for (const auto& v : model.graph().input()) {
    if (initializers.count(v.name()) != 0) continue;  // IR < 4 lists weights among the inputs
    const std::string what = Unrepresentable(v.type());
    if (!what.empty()) {
      info.unrepresentable = "input not representable: " + what + " input";
      return info;
    }
    info.input_types.push_back(v.type().tensor_type().elem_type());
  }
  for (const auto& v : model.graph().output()) {
    const std::string what = Unrepresentable(v.type());
    if (!what.empty()) {
      info.unrepresentable = "input not representable: " + what + " output";
      return info;
    }
    info.output_types.push_back(v.type().tensor_type().elem_type());
  }
  return info;
}

// ---- test data ------------------------------------------------------------------------------

struct DataSet {
  std::string name;
  std::vector<HostTensor> inputs;
  std::vector<HostTensor> outputs;
};

std::vector<HostTensor> ReadNumbered(const fs::path& dir, const std::string& prefix, const Specifics& specifics) {
  std::vector<HostTensor> tensors;
  for (size_t k = 0;; ++k) {
    const fs::path file = dir / (prefix + std::to_string(k) + ".pb");
    if (!fs::exists(file)) break;
    try {
      tensors.push_back(ReadTensorFile(file.string()));
    } catch (const std::exception& e) {
      Fail("test data: " + Normalize(e.what(), specifics), file.string());
    }
  }
  return tensors;
}

// numpy has no bfloat16, so the suites store bfloat16 tensors as uint16 bit patterns; where the
// model declares bfloat16, they are read as what they are.
void ApplyDeclaredBfloat16(std::vector<HostTensor>& tensors, const std::vector<int32_t>& declared) {
  for (size_t k = 0; k < tensors.size() && k < declared.size(); ++k) {
    if (declared[k] == onnx::TensorProto::BFLOAT16 && tensors[k].onnx_type == onnx::TensorProto::UINT16) {
      tensors[k].onnx_type = onnx::TensorProto::BFLOAT16;
    }
  }
}

std::vector<DataSet> ReadDataSets(const CaseSpec& spec, const ModelInfo& info) {
  const Specifics& specifics = info.specifics;
  std::vector<std::pair<long, fs::path>> dirs;
  const std::string prefix = "test_data_set_";
  for (const auto& entry : fs::directory_iterator(spec.dir)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory() && name.rfind(prefix, 0) == 0) dirs.emplace_back(std::stol(name.substr(prefix.size())), entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  if (dirs.empty()) Fail("test data: no test_data_set_N directory");
  std::vector<DataSet> sets;
  for (const auto& [number, dir] : dirs) {
    DataSet set;
    set.name = dir.filename().string();
    set.inputs = ReadNumbered(dir, "input_", specifics);
    set.outputs = ReadNumbered(dir, "output_", specifics);
    ApplyDeclaredBfloat16(set.inputs, info.input_types);
    ApplyDeclaredBfloat16(set.outputs, info.output_types);
    sets.push_back(std::move(set));
  }
  return sets;
}

// ---- atc ------------------------------------------------------------------------------------

void RunAtc(const CaseSpec& spec, const RunnerConfig& config, const std::string& out_base, const Specifics& specifics) {
  const std::string log_path = out_base + ".atc.log";
  std::vector<std::string> args = {config.atc,
                                   "--framework=5",
                                   "--model=" + spec.dir + "/model.onnx",
                                   "--output=" + out_base,
                                   "--soc_version=Ascend310",
                                   "--precision_mode=must_keep_origin_dtype"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) Fail("driver: fork failed");
  if (pid == 0) {
    const int null_fd = open("/dev/null", O_WRONLY);
    const int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (null_fd < 0 || log_fd < 0) _exit(126);
    dup2(null_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) Fail("driver: waiting for atc failed");
  }
  std::string log;
  {
    std::ifstream in(log_path);
    std::ostringstream text;
    text << in.rdbuf();
    log = text.str();
  }
  std::error_code ignored;
  fs::remove(log_path, ignored);
  if (WIFSIGNALED(status)) Fail("atc: crash (signal " + std::to_string(WTERMSIG(status)) + ")", FirstLine(log));
  if (WEXITSTATUS(status) != 0) Fail(AtcCause(log, specifics), FirstLine(log));
  if (!fs::exists(out_base + ".om")) Fail("atc: reported success but wrote no .om");
}

// ---- the public API -------------------------------------------------------------------------

// Releases what the case acquired, newest first, whatever way the case ends.
class Releases {
 public:
  ~Releases() {
    for (auto it = steps_.rbegin(); it != steps_.rend(); ++it) (*it)();
  }
  void Add(std::function<void()> step) { steps_.push_back(std::move(step)); }

 private:
  std::vector<std::function<void()>> steps_;
};

void DrainErrors() { (void)aclGetRecentErrMsg(); }

// "<api> failed with error N: <message>" from aclGetRecentErrMsg, normalised.
std::string ApiError(const char* api, aclError rc, const Specifics& specifics) {
  const char* messages = aclGetRecentErrMsg();
  std::string line = messages != nullptr ? FirstLine(messages) : "";
  if (line.empty()) line = std::string(api) + " returned " + std::to_string(rc) + " with no message";
  return Normalize(line, specifics);
}

std::string AclTypeName(aclDataType type) {
  for (int32_t onnx_type = 1; onnx_type <= 16; ++onnx_type) {
    if (OnnxToAclType(onnx_type) == type) return OnnxTypeName(onnx_type);
  }
  return "aclDataType " + std::to_string(static_cast<int>(type));
}

std::string DimsText(const std::vector<int64_t>& dims) {
  std::string text = "[";
  for (size_t i = 0; i < dims.size(); ++i) text += (i == 0 ? "" : ",") + std::to_string(dims[i]);
  return text + "]";
}

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

struct DeviceBuffer {
  void* ptr = nullptr;
  size_t size = 0;
};

DeviceBuffer Allocate(size_t size, Releases& releases, const char* what, const Specifics& specifics) {
  DeviceBuffer buffer;
  buffer.size = size;
  const aclError rc = aclrtMalloc(&buffer.ptr, std::max<size_t>(size, 1), ACL_MEM_MALLOC_HUGE_FIRST);
  if (rc != ACL_SUCCESS) Fail(std::string("execute: ") + ApiError("aclrtMalloc", rc, specifics), what);
  releases.Add([p = buffer.ptr] { aclrtFree(p); });
  return buffer;
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
    const HostTensor& expected = set.outputs[k];
    const std::string which = "output " + std::to_string(k) + " (" + set.name + ")";
    const aclDataType model_type = aclmdlGetOutputDataType(desc, k);
    const aclDataType expected_type = OnnxToAclType(expected.onnx_type);
    if (model_type != ACL_DT_UNDEFINED && model_type != expected_type) {
      Fail("wrong output dtype: " + AclTypeName(model_type) + " instead of " + OnnxTypeName(expected.onnx_type), which);
    }
    const size_t element_size = ElementSize(expected.onnx_type);
    const size_t expected_count = static_cast<size_t>(ElementCount(expected.dims));
    std::vector<int64_t> dims;
    size_t count = output_buffers[k].size / element_size;
    if (OutputDims(desc, outputs, k, dims)) {
      if (dims != expected.dims) {
        Fail("wrong output shape", which + ": " + DimsText(dims) + ", expected " + DimsText(expected.dims));
      }
      count = static_cast<size_t>(ElementCount(dims));
    }
    if (count != expected_count) {
      Fail("wrong output element count", which + ": " + std::to_string(count) + ", expected " +
                                              std::to_string(expected_count));
    }
    const size_t bytes = count * element_size;
    if (bytes > output_buffers[k].size) {
      Fail("wrong output element count", which + ": the model's output buffer holds " +
                                              std::to_string(output_buffers[k].size) + " bytes, the result needs " +
                                              std::to_string(bytes));
    }
    std::vector<uint8_t> actual(bytes);
    if (bytes > 0) {
      const aclError copy_rc =
          aclrtMemcpy(actual.data(), actual.size(), output_buffers[k].ptr, bytes, ACL_MEMCPY_DEVICE_TO_HOST);
      if (copy_rc != ACL_SUCCESS) Fail("execute: " + ApiError("aclrtMemcpy", copy_rc, specifics), which);
    }
    const Comparison c = CompareValues(expected.onnx_type, actual.data(), expected.bytes.data(), count);
    if (!c.equal()) Fail("wrong output values", which + ": " + c.Describe(count));
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

std::string OneLine(std::string text) {
  std::replace_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  return text;
}

}  // namespace

CaseResult RunCase(const CaseSpec& spec, const RunnerConfig& config) {
  CaseResult result;
  result.suite = spec.suite;
  result.name = spec.name;
  const std::string out_base = config.work_dir + "/" + spec.suite + "." + spec.name;
  try {
    const ModelInfo info = InspectModel(spec, out_base);
    if (!info.unrepresentable.empty()) Fail(info.unrepresentable);
    const std::vector<DataSet> sets = ReadDataSets(spec, info);
    RunAtc(spec, config, out_base, info.specifics);
    RunThroughApi(out_base + ".om", sets, info.specifics);
    result.passed = true;
  } catch (const CaseFailure& f) {
    result.cause = OneLine(f.cause);
    result.detail = OneLine(f.detail);
  } catch (const std::exception& e) {
    result.cause = "driver: " + OneLine(e.what());
  }
  std::error_code ignored;
  fs::remove(out_base + ".om", ignored);
  return result;
}

}  // namespace conformance
