// atc: aclsim's model converter, with the command line of CANN's ATC.
//   atc --singleop=ops.json --output=DIR --soc_version=SOC
#include <cstdio>
#include <exception>
#include <stdexcept>

#include "common/error.h"
#include "options.h"
#include "singleop.h"

namespace {

const char kUsage[] =
    "usage:\n"
    "  atc --singleop=<ops.json> --output=<dir> --soc_version=<soc> [--log=<level>]\n"
    "      compile each operator of a CANN single-operator description into <dir>/<name>.om\n"
    "  atc --framework=5 --model=<model.onnx> --output=<name> --soc_version=<soc> ...   (not yet)\n";

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
  if (options.Has("framework") || options.Has("model") || options.Has("mode")) {
    throw aclsim::Error(ACL_ERROR_FEATURE_UNSUPPORTED, "model conversion (--framework/--model/--mode) is not supported "
                                                       "by aclsim's atc yet; --singleop is");
  }
  throw std::invalid_argument("nothing to do: give --singleop (see --help)");
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
