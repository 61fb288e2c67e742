// atc: aclsim's model converter, with the command line of CANN's ATC.
//   atc --singleop=ops.json --output=DIR --soc_version=SOC
//   atc --framework=5 --model=M.onnx --output=NAME --soc_version=SOC [...]   (ONNX -> NAME.om)
//   atc --mode=1 --om=M.om --json=M.json                                     (dump a model's graph)
#include <cstdio>
#include <exception>
#include <stdexcept>

#include "aipp_config.h"
#include "common/error.h"
#include "dynamic_gears.h"
#include "io_types.h"
#include "model/om_format.h"
#include "model_dump.h"
#include "onnx/import.h"
#include "onnx/precision.h"
#include "options.h"
#include "singleop.h"

namespace {

const char kUsage[] =
    "usage:\n"
    "  atc --singleop=<ops.json> --output=<dir> --soc_version=<soc> [--log=<level>]\n"
    "      compile each operator of a CANN single-operator description into <dir>/<name>.om\n"
    "  atc --framework=5 --model=<model.onnx> --output=<name> --soc_version=<soc> [--input_shape=<name:d,d;...>]\n"
    "      [--out_nodes=<node:i;...>] [--input_format=NCHW|ND] [--precision_mode=<mode>] [--log=<level>]\n"
    "      [--dynamic_batch_size=<n,n,...> | --dynamic_image_size=<h,w;h,w;...> | --dynamic_dims=<d,d;d,d;...>]\n"
    "      [--input_fp16_nodes=<input;...>] [--output_type=FP32|FP16|UINT8 | <node:index:TYPE;...>]\n"
    "      [--insert_op_conf=<aipp.cfg>]\n"
    "      convert an ONNX model (opsets 1-17) into <name>.om\n"
    "  atc --mode=1 --om=<model.om> --json=<graph.json>\n"
    "      write the graph of a model as JSON\n";

// CANN's --framework values: 0 Caffe, 1 MindSpore, 3 TensorFlow, 5 ONNX.
const char* FrameworkName(const std::string& value) {
  if (value == "0") return "Caffe";
  if (value == "1") return "MindSpore";
  if (value == "3") return "TensorFlow";
  return nullptr;
}

int ConvertOnnx(const aclsim::atc::Options& options) {
  options.AllowOnly({"framework", "model", "output", "soc_version", "input_shape", "out_nodes", "input_format",
                     "precision_mode", "log", "mode", "dynamic_batch_size", "dynamic_image_size", "dynamic_dims",
                     "input_fp16_nodes", "output_type", "insert_op_conf"},
                    "--framework=5");
  aclsim::onnx_import::ImportOptions import;
  import.model_path = options.Require("model");
  import.soc_version = options.Require("soc_version");
  if (auto mode = options.Get("precision_mode")) import.precision_mode = *mode;
  aclsim::onnx_import::CheckPrecisionMode(import.precision_mode);
  if (auto format = options.Get("input_format")) import.input_format = *format;
  if (auto shapes = options.Get("input_shape")) import.input_shapes = aclsim::onnx_import::ParseInputShapes(*shapes);
  if (auto nodes = options.Get("out_nodes")) import.out_nodes = aclsim::onnx_import::ParseOutNodes(*nodes);
  std::string output = options.Require("output");
  if (output.size() < 3 || output.compare(output.size() - 3, 3, ".om") != 0) output += ".om";  // as CANN's atc
  const aclsim::atc::Gears gears = aclsim::atc::ParseGears(options);
  aclsim::onnx_import::ImportResult result = gears.kind == aclsim::model::DynamicKind::kNone
                                                 ? aclsim::onnx_import::ImportOnnx(import)
                                                 : aclsim::atc::ImportWithGears(import, gears);
  if (auto names = options.Get("input_fp16_nodes")) aclsim::atc::SetFp16Inputs(result.graph, *names);
  if (auto types = options.Get("output_type")) aclsim::atc::SetOutputTypes(result.graph, *types);
  if (auto conf = options.Get("insert_op_conf")) {
    aclsim::atc::InsertAipp(result.graph, aclsim::atc::ReadAippConfig(*conf), *conf);
  }
  aclsim::model::WriteOm(output, aclsim::model::OmKind::kModel, aclsim::model::SerializeGraph(result.graph),
                         result.weights.data(), result.weights.size());
  std::printf("ATC run success, welcome to the next use.\n"
              "%s: ONNX opset %lld, %zu ONNX nodes -> %zu operators, %zu tensors, %zu bytes of weights "
              "(precision_mode %s)\n",
              output.c_str(), static_cast<long long>(result.opset), result.onnx_nodes, result.graph.nodes.size(),
              result.graph.tensors.size(), result.weights.size(), result.graph.precision_mode.c_str());
  return 0;
}

int Run(int argc, char** argv) {
  const aclsim::atc::Options options(argc, argv);
  if (options.Has("help") || argc == 1) {
    std::fputs(kUsage, stdout);
    return argc == 1 ? 1 : 0;
  }
  if (options.Has("singleop")) {
    options.AllowOnly({"singleop", "output", "soc_version", "log", "precision_mode", "op_select_implmode"}, "--singleop");
    const size_t count = aclsim::atc::CompileSingleOps(options.Require("singleop"), options.Require("output"),
                                                       options.Require("soc_version"));
    std::printf("ATC run success: %zu single-operator model(s) written to %s\n", count, options.Require("output").c_str());
    return 0;
  }
  if (options.Has("mode") && options.Require("mode") == "1") {
    options.AllowOnly({"mode", "om", "json", "log"}, "--mode=1");
    const std::string summary = aclsim::atc::DumpModelJson(options.Require("om"), options.Require("json"));
    std::printf("ATC run success, welcome to the next use.\n%s -> %s: %s\n", options.Require("om").c_str(),
                options.Require("json").c_str(), summary.c_str());
    return 0;
  }
  if (options.Has("mode") && options.Require("mode") != "0") {
    throw aclsim::Error(ACL_ERROR_FEATURE_UNSUPPORTED, "--mode=" + options.Require("mode") +
                                                       " is not supported by aclsim's atc (0: convert, 1: dump to JSON)");
  }
  if (options.Has("framework")) {
    const std::string framework = options.Require("framework");
    if (framework == "5") return ConvertOnnx(options);
    if (const char* name = FrameworkName(framework)) {
      throw aclsim::Error(ACL_ERROR_FEATURE_UNSUPPORTED, std::string("--framework=") + framework + " (" + name +
                                                         ") is not supported yet; aclsim's atc converts ONNX (--framework=5)");
    }
    throw std::invalid_argument("--framework=" + framework + " is not one of 0, 1, 3, 5");
  }
  if (options.Has("model")) throw std::invalid_argument("--model needs --framework (5 for ONNX)");
  throw std::invalid_argument("nothing to do: give --singleop, --framework=5 --model or --mode=1 (see --help)");
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const aclsim::Error& e) {
    std::fprintf(stderr, "ATC run failed (error %d): %s\n", e.code(), e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ATC run failed: %s\n%s", e.what(), kUsage);
  }
  return 1;
}
