// The steps a conformance case is made of, shared by the model driver (case_runner) and the
// single-operator driver (op_case_runner): reading the case's model and test data, converting it
// with atc, the public API's error messages and releases, and checking one output against the
// test data. A step that fails throws CaseFailure; RunGuarded turns it into the case's result.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "acl/acl.h"
#include "report.h"
#include "tensor_file.h"

namespace conformance {

struct CaseSpec {
  std::string suite;
  std::string name;
  std::string dir;  // .../data/<suite>/<name>
};

struct RunnerConfig {
  std::string atc;       // path of the atc binary
  std::string work_dir;  // where the .om and atc's log go (removed after the case)
};

// A failure that ends the case; `cause` groups, `detail` does not.
struct CaseFailure {
  std::string cause;
  std::string detail;
};

[[noreturn]] void Fail(std::string cause, std::string detail = "");

// Runs `body` and gives the case's result: passed when it returns, else the CaseFailure's cause
// and detail on one line ("driver: ..." for any other exception). Never throws.
CaseResult RunGuarded(const CaseSpec& spec, const std::function<void()>& body);

// ---- the model and its test data ------------------------------------------------------------

struct ModelInfo {
  Specifics specifics;
  std::string unrepresentable;        // the cause when the model's I/O cannot be plain tensors, else ""
  std::vector<int32_t> input_types;   // declared element types of the graph's inputs (weights excluded)
  std::vector<int32_t> output_types;  // and of its outputs
  int onnx_nodes = 0;                 // nodes of the main graph
};

// Reads <case>/model.onnx; `out_base` is the path atc writes to, without ".om".
ModelInfo InspectModel(const CaseSpec& spec, const std::string& out_base);

struct DataSet {
  std::string name;
  std::vector<HostTensor> inputs;
  std::vector<HostTensor> outputs;
};

// Every test_data_set_N of the case, in order of N.
std::vector<DataSet> ReadDataSets(const CaseSpec& spec, const ModelInfo& info);

// atc --framework=5 ... --precision_mode=must_keep_origin_dtype into out_base + ".om"; fails with
// "atc: <normalised error>" when atc does.
void RunAtc(const CaseSpec& spec, const RunnerConfig& config, const std::string& out_base, const Specifics& specifics);

// ---- the public API -------------------------------------------------------------------------

// Releases what the case acquired, newest first, whatever way the case ends.
class Releases {
 public:
  Releases() = default;
  Releases(const Releases&) = delete;
  Releases& operator=(const Releases&) = delete;
  ~Releases();
  void Add(std::function<void()> step) { steps_.push_back(std::move(step)); }

 private:
  std::vector<std::function<void()>> steps_;
};

// Discards the calling thread's recent error messages.
void DrainErrors();

// "<api> failed with error N: <message>" from aclGetRecentErrMsg, normalised.
std::string ApiError(const char* api, aclError rc, const Specifics& specifics);

// The ONNX spelling of an aclDataType ("float16"), or "aclDataType N".
std::string AclTypeName(aclDataType type);

// "[2,3]".
std::string DimsText(const std::vector<int64_t>& dims);

struct DeviceBuffer {
  void* ptr = nullptr;
  size_t size = 0;
};

// aclrtMalloc of at least one byte, freed by `releases`; `what` is the failure's detail.
DeviceBuffer Allocate(size_t size, Releases& releases, const char* what, const Specifics& specifics);

// Checks one output against the test data: its data type, its dims (when the API could tell them,
// else the element count the buffer holds), then its values copied back from `buffer`. `which`
// names the output in failure details ("output 0 (test_data_set_0)").
void CheckOutput(const HostTensor& expected, aclDataType actual_type, const std::vector<int64_t>* actual_dims,
                 const DeviceBuffer& buffer, const std::string& which, const Specifics& specifics);

}  // namespace conformance
