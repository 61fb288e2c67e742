#include "options.h"

#include <charconv>
#include <cstring>
#include <map>
#include <set>

namespace msame {
namespace {

const char kHelp[] =
    "msame (aclsim): run an offline model (.om) and time it, with the command line of Huawei's msame.\n"
    "\n"
    "Usage:\n"
    "  msame --model <model.om> [--input <a.bin,b.bin | dir1,dir2>] [--output <dir>] [--outfmt BIN|TXT]\n"
    "        [--loop <n>] [--device <id>] [--debug true|false] [--dymBatch <n> | --dymHW <h,w> | --dymDims <dims>]\n"
    "        [--outputSize <bytes,...>] [--json <file|->] [--profiler true|false] [--dump true|false]\n"
    "\n"
    "Example:\n"
    "  msame --model tiny.om --input tiny_input.bin --output out --outfmt TXT --loop 10 --json summary.json\n"
    "\n"
    "Options:\n"
    "  --model <file>       the offline model, converted by atc (the name must contain .om)\n"
    "  --input <list>       comma-separated .bin files, one per model input, in input order; or\n"
    "                       comma-separated folders holding files of the same names, one inference per\n"
    "                       file name (batch mode). Each file must have exactly the input's size.\n"
    "                       Without --input, every input is zero-filled.\n"
    "                       e.g. --input a.bin,b.bin   --input data1,data2\n"
    "  --output <dir>       where results go: each run makes a sub-folder named after the time\n"
    "                       (<dir>/<YYYYMD_h_m_s_us>) holding <model>_output_<i>.bin|.txt, or\n"
    "                       <input file name>_output_<i>.bin|.txt in batch mode. Without --output\n"
    "                       nothing is written. e.g. --output out\n"
    "  --outfmt BIN|TXT     output files as raw bytes (default) or as text, one row per line\n"
    "                       e.g. --outfmt TXT\n"
    "  --loop <n>           run the model n times on the same inputs (default 1; 1 to 1000000, msame\n"
    "                       takes 1 to 100); prints each time and the mean with and without the first\n"
    "                       run. Ignored, with a warning, in batch mode. e.g. --loop 100\n"
    "  --device <id>        the device to run on (default 0; 0 to 255) e.g. --device 1\n"
    "  --debug true|false   print the model description: inputs and outputs with their sizes, dims,\n"
    "                       names, formats and data types, and the dynamic gears e.g. --debug true\n"
    "  --dymBatch <n>       batch size for a model converted with --dynamic_batch_size e.g. --dymBatch 2\n"
    "  --dymHW <h,w>        image size for a model converted with --dynamic_image_size e.g. --dymHW 300,500\n"
    "  --dymDims <dims>     input shapes for a model converted with --dynamic_dims, one name:shape per\n"
    "                       input e.g. --dymDims \"data:1,600;img_info:1,600\"\n"
    "  --dymShape <shapes>  msame's dynamic-shape option (atc --input_shape_range): not supported by\n"
    "                       aclsim, rejected\n"
    "  --outputSize <list>  bytes to allocate for each output, comma-separated, one per output\n"
    "                       e.g. --outputSize \"10000,10000\"\n"
    "  --json <file|->      aclsim: write a JSON summary (latency min/median/mean/p90/p99 in ms,\n"
    "                       throughput, model load time, peak resident memory) to <file>, or to\n"
    "                       stdout with - e.g. --json summary.json\n"
    "  --profiler true|false  accepted for compatibility; aclsim has no profiler and writes no\n"
    "                       profiling data (a note says so)\n"
    "  --dump true|false    accepted for compatibility; aclsim writes no dump data (a note says so)\n"
    "  --help               this text\n"
    "\n"
    "On a terminal, runs with --loop > 1 show a progress bar with the running mean latency on stderr.\n"
    "Exit status: 0 on success, 1 on any error (the [ERROR] lines say what).\n";

// The options that take a value; --help takes none.
const std::set<std::string> kValueOptions = {"model",   "input",    "output", "outfmt",   "loop",       "device",
                                             "debug",   "profiler", "dump",   "dymBatch", "dymHW",      "dymDims",
                                             "dymShape", "outputSize", "json"};

template <typename T>
T ParseNumber(const std::string& option, const std::string& text, T min, T max) {
  T value{};
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value < min || value > max) {
    throw UsageError(fmt::format("--{} {}: expected an integer from {} to {}", option, text, min, max));
  }
  return value;
}

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return parts;
}

bool ParseSwitch(const std::string& option, const std::string& value) {
  if (value == "true") return true;
  if (value == "false") return false;
  throw UsageError(fmt::format("--{} {}: expected true or false", option, value));
}

std::vector<NamedDims> ParseDymDims(const std::string& text) {
  std::vector<NamedDims> parts;
  for (const std::string& part : Split(text, ';')) {
    if (part.empty()) continue;  // a trailing ';'
    const size_t colon = part.rfind(':');
    if (colon == std::string::npos || colon == 0) {
      throw UsageError(fmt::format("--dymDims {}: \"{}\" is not <input name>:<d,d,...>", text, part));
    }
    NamedDims named{part.substr(0, colon), {}};
    for (const std::string& d : Split(part.substr(colon + 1), ',')) {
      named.dims.push_back(ParseNumber<int64_t>("dymDims", d, 0, INT64_MAX));
    }
    parts.push_back(std::move(named));
  }
  if (parts.empty()) throw UsageError("--dymDims is empty: expected <input name>:<d,d,...>;...");
  return parts;
}

void Apply(Options& o, const std::string& name, const std::string& value) {
  if (name == "model") {
    // As msame: a model whose path does not mention .om is refused before anything else.
    if (value.find(".om") == std::string::npos) {
      throw UsageError("input model file type is not .om , please check your model type!");
    }
    o.model = value;
  } else if (name == "input") {
    o.inputs = Split(value, ',');
    for (const std::string& input : o.inputs) {
      if (input.empty()) throw UsageError(fmt::format("--input {}: an empty path between commas", value));
    }
  } else if (name == "output") {
    if (value.empty()) throw UsageError("--output is empty");
    o.output = value;
  } else if (name == "outfmt") {
    if (value == "BIN") o.outfmt = OutFormat::kBin;
    else if (value == "TXT") o.outfmt = OutFormat::kTxt;
    else throw UsageError(fmt::format("--outfmt {}: expected BIN or TXT", value));
  } else if (name == "loop") {
    o.loop = ParseNumber<int>("loop", value, 1, kMaxLoop);
    o.loop_given = true;
  } else if (name == "device") {
    o.device = ParseNumber<int32_t>("device", value, 0, 255);
  } else if (name == "debug") {
    o.debug = ParseSwitch(name, value);
  } else if (name == "profiler") {
    o.profiler = ParseSwitch(name, value);
  } else if (name == "dump") {
    o.dump = ParseSwitch(name, value);
  } else if (name == "dymBatch") {
    o.dym_batch = ParseNumber<uint64_t>("dymBatch", value, 1, 2048);
  } else if (name == "dymHW") {
    const std::vector<std::string> hw = Split(value, ',');
    if (hw.size() != 2) throw UsageError(fmt::format("--dymHW {}: expected <height>,<width>", value));
    o.dym_hw = std::make_pair(ParseNumber<uint64_t>("dymHW", hw[0], 1, UINT32_MAX),
                              ParseNumber<uint64_t>("dymHW", hw[1], 1, UINT32_MAX));
  } else if (name == "dymDims") {
    o.dym_dims = ParseDymDims(value);
  } else if (name == "dymShape") {
    throw UsageError(
        "--dymShape is not supported by aclsim: it needs a model converted with atc --input_shape_range, "
        "which aclsim's atc does not produce (use --dymBatch, --dymHW or --dymDims)");
  } else if (name == "outputSize") {
    for (const std::string& size : Split(value, ',')) {
      o.output_sizes.push_back(ParseNumber<size_t>("outputSize", size, 1, SIZE_MAX));
    }
  } else if (name == "json") {
    if (value.empty()) throw UsageError("--json is empty: give a file, or - for stdout");
    o.json_path = value;
  }
}

}  // namespace

Options ParseOptions(int argc, char** argv) {
  Options options;
  std::set<std::string> seen;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      options.help = true;
      continue;
    }
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      throw UsageError(fmt::format("unknown paramenter {}", arg));  // msame's wording, plus the argument
    }
    const size_t equals = arg.find('=');
    const std::string name = arg.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
    if (kValueOptions.count(name) == 0) throw UsageError(fmt::format("unknown paramenter {}", arg));
    std::string value;
    if (equals != std::string::npos) {
      value = arg.substr(equals + 1);
    } else {
      if (i + 1 >= argc) throw UsageError(fmt::format("--{} needs a value", name));
      value = argv[++i];
    }
    if (!seen.insert(name).second) throw UsageError(fmt::format("--{} is given more than once", name));
    Apply(options, name, value);
  }
  if (options.help) return options;
  if (argc <= 1) throw UsageError("Invalid params");
  if (options.model.empty()) throw UsageError("--model is required");
  if (options.profiler && options.dump) throw UsageError("dump and profiler can not both be true");
  const int dynamic = int(options.dym_batch.has_value()) + int(options.dym_hw.has_value()) +
                      int(options.dym_dims.has_value());
  if (dynamic > 1) throw UsageError("dymBatch dymDims dymHW dymShape cannot be set at the same time");
  return options;
}

const char* HelpText() { return kHelp; }

}  // namespace msame
