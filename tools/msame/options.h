// msame's command line: the options of Huawei's msame (--model, --input, --output, --outfmt,
// --loop, --device, --debug, --profiler, --dump, --dymBatch, --dymHW, --dymDims, --dymShape,
// --outputSize, --help) plus aclsim's --json. Values follow the option as the next argument or
// after '=' (getopt_long style). Parsing checks syntax only; what needs the model (gears, input
// counts) is checked once it is loaded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "console.h"

namespace msame {

// A command line msame cannot run: main prints the message, then the help, and exits with 1.
class UsageError : public Failure {
 public:
  using Failure::Failure;
};

enum class OutFormat { kBin, kTxt };

// One "name:d,d,..." part of --dymDims.
struct NamedDims {
  std::string name;
  std::vector<int64_t> dims;
};

struct Options {
  bool help = false;
  std::string model;
  std::vector<std::string> inputs;  // --input split at ','; empty: zero-filled inputs
  std::optional<std::string> output;
  OutFormat outfmt = OutFormat::kBin;
  int loop = 1;
  bool loop_given = false;
  int32_t device = 0;
  bool debug = false;
  bool profiler = false;
  bool dump = false;
  std::optional<uint64_t> dym_batch;
  std::optional<std::pair<uint64_t, uint64_t>> dym_hw;
  std::optional<std::vector<NamedDims>> dym_dims;
  std::vector<size_t> output_sizes;  // --outputSize, one per model output
  std::optional<std::string> json_path;  // --json <file>, "-" for stdout
};

// The largest --loop aclsim takes (msame stops at 100; any msame command line still works).
constexpr int kMaxLoop = 1000000;

// Throws UsageError for an unknown option, a missing or malformed value, a repeated option or
// options that cannot go together.
Options ParseOptions(int argc, char** argv);

const char* HelpText();

}  // namespace msame
