#include "case_steps.h"

#include <fcntl.h>
#include <onnx/onnx_pb.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "compare.h"

namespace conformance {

namespace {

namespace fs = std::filesystem;

std::string OneLine(std::string text) {
  std::replace_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  return text;
}

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

}  // namespace

void Fail(std::string cause, std::string detail) { throw CaseFailure{std::move(cause), std::move(detail)}; }

CaseResult RunGuarded(const CaseSpec& spec, const std::function<void()>& body) {
  CaseResult result;
  result.suite = spec.suite;
  result.name = spec.name;
  try {
    body();
    result.passed = true;
  } catch (const CaseFailure& f) {
    result.cause = OneLine(f.cause);
    result.detail = OneLine(f.detail);
  } catch (const std::exception& e) {
    result.cause = "driver: " + OneLine(e.what());
  }
  return result;
}

// ---- the model and its test data ------------------------------------------------------------

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
  info.onnx_nodes = model.graph().node_size();
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

Releases::~Releases() {
  for (auto it = steps_.rbegin(); it != steps_.rend(); ++it) (*it)();
}

void DrainErrors() { (void)aclGetRecentErrMsg(); }

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

DeviceBuffer Allocate(size_t size, Releases& releases, const char* what, const Specifics& specifics) {
  DeviceBuffer buffer;
  buffer.size = size;
  const aclError rc = aclrtMalloc(&buffer.ptr, std::max<size_t>(size, 1), ACL_MEM_MALLOC_HUGE_FIRST);
  if (rc != ACL_SUCCESS) Fail(std::string("execute: ") + ApiError("aclrtMalloc", rc, specifics), what);
  releases.Add([p = buffer.ptr] { aclrtFree(p); });
  return buffer;
}

void CheckOutput(const HostTensor& expected, aclDataType actual_type, const std::vector<int64_t>* actual_dims,
                 const DeviceBuffer& buffer, const std::string& which, const Specifics& specifics) {
  if (actual_type != ACL_DT_UNDEFINED && actual_type != OnnxToAclType(expected.onnx_type)) {
    Fail("wrong output dtype: " + AclTypeName(actual_type) + " instead of " + OnnxTypeName(expected.onnx_type), which);
  }
  const size_t element_size = ElementSize(expected.onnx_type);
  const size_t expected_count = static_cast<size_t>(ElementCount(expected.dims));
  size_t count = buffer.size / element_size;
  if (actual_dims != nullptr) {
    if (*actual_dims != expected.dims) {
      Fail("wrong output shape", which + ": " + DimsText(*actual_dims) + ", expected " + DimsText(expected.dims));
    }
    count = static_cast<size_t>(ElementCount(*actual_dims));
  }
  if (count != expected_count) {
    Fail("wrong output element count", which + ": " + std::to_string(count) + ", expected " +
                                            std::to_string(expected_count));
  }
  const size_t bytes = count * element_size;
  if (bytes > buffer.size) {
    Fail("wrong output element count", which + ": the output buffer holds " + std::to_string(buffer.size) +
                                            " bytes, the result needs " + std::to_string(bytes));
  }
  std::vector<uint8_t> actual(bytes);
  if (bytes > 0) {
    const aclError rc = aclrtMemcpy(actual.data(), actual.size(), buffer.ptr, bytes, ACL_MEMCPY_DEVICE_TO_HOST);
    if (rc != ACL_SUCCESS) Fail("execute: " + ApiError("aclrtMemcpy", rc, specifics), which);
  }
  const Comparison c = CompareValues(expected.onnx_type, actual.data(), expected.bytes.data(), count);
  if (!c.equal()) Fail("wrong output values", which + ": " + c.Describe(count));
}

}  // namespace conformance
