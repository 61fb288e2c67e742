// msame: runs an offline model (.om) through the public AscendCL API and times it, with the
// command line, printed lines and output files of Huawei's msame (Ascend/tools, folder msame), so
// that scripts written for it work against aclsim. See --help and README.md, section "msame".
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "acl/acl.h"
#include "acl_session.h"
#include "console.h"
#include "description.h"
#include "gears.h"
#include "inputs.h"
#include "json_summary.h"
#include "model.h"
#include "options.h"
#include "outputs.h"
#include "progress.h"
#include "stats.h"

namespace msame {
namespace {

// Runs one execution and returns its wall time in milliseconds (msame times aclmdlExecute alone).
double Execute(const Model& model, const InputSet& inputs, const OutputSet& outputs, ProgressBar& bar) {
  const auto start = std::chrono::steady_clock::now();
  const aclError ret = aclmdlExecute(model.id(), inputs.dataset(), outputs.dataset());
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  bar.Erase();
  CheckAcl(ret, fmt::format("execute model failed, modelId is {}", model.id()));
  Info("model execute success");
  PrintLine(fmt::format("Inference time: {:g}ms", ms));
  return ms;
}

double RunningMean(const std::vector<double>& times) {
  double sum = 0;
  for (double t : times) sum += t;
  return times.empty() ? 0 : sum / static_cast<double>(times.size());
}

// Files or zeros: the same inputs --loop times, the outputs of the last run written.
std::vector<double> RunLoop(const Model& model, const Gear& gear, const InputPlan& plan, const OutputSet& outputs,
                            const Options& options, const std::optional<std::string>& folder) {
  std::vector<double> times;
  InputSet inputs(model);
  if (plan.mode == InputPlan::Mode::kZeros) inputs.FillZeros();
  else inputs.FillFromFiles(plan.paths, gear);
  SetGear(model, inputs.dataset(), gear);
  {
    ProgressBar bar(static_cast<size_t>(options.loop));
    for (int t = 0; t < options.loop; ++t) {
      times.push_back(Execute(model, inputs, outputs, bar));
      bar.Draw(times.size(), RunningMean(times));
    }
  }
  if (folder) outputs.Write(*folder, ModelName(options.model), options.outfmt);
  const LatencyStats stats = Summarize(times);
  PrintLine(fmt::format("Inference average time: {:f} ms", stats.mean_ms));
  if (times.size() > 1) PrintLine(fmt::format("Inference average time without first time: {:f} ms", stats.mean_without_first_ms));
  return times;
}

// The part of a file name before its last '.', which names its outputs in batch mode.
std::string Stem(const std::string& name) {
  const size_t dot = name.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

// Folders: one execution per file name, each file's outputs named after it.
std::vector<double> RunFolders(const Model& model, const Gear& gear, const InputPlan& plan, const OutputSet& outputs,
                               const Options& options, const std::optional<std::string>& folder) {
  if (options.loop_given && options.loop != 1) {
    Warn("--loop {} is ignored when --input names folders: each file runs once", options.loop);
  }
  std::vector<double> times;
  ProgressBar bar(plan.file_names.size());
  for (const std::string& name : plan.file_names) {
    {
      InputSet inputs(model);
      bar.Erase();
      inputs.FillFromFiles(FolderFiles(plan, name), gear);
      SetGear(model, inputs.dataset(), gear);
      times.push_back(Execute(model, inputs, outputs, bar));
      if (folder) outputs.Write(*folder, Stem(name), options.outfmt);
    }
    bar.Draw(times.size(), RunningMean(times));
  }
  bar.Erase();
  const LatencyStats stats = Summarize(times);
  PrintLine(fmt::format("Inference average time : {:.2f} ms", stats.mean_ms));
  if (times.size() > 1) PrintLine(fmt::format("Inference average time without first time: {:.2f} ms", stats.mean_without_first_ms));
  return times;
}

RunSummary RunModel(const Options& options) {
  Model model;
  model.Load(options.model);
  const Gear gear = ChooseGear(model, options);
  if (options.debug) PrintDescription(model);
  const InputPlan plan = PlanInputs(model, gear, options.inputs);
  const OutputSet outputs(model, options.output_sizes);

  RunSummary summary;
  summary.model = options.model;
  summary.model_load_ms = model.load_ms();
  summary.device = options.device;
  if (options.output) {
    summary.output_folder = MakeRunFolder(*options.output);
    PrintLine(*summary.output_folder);  // msame prints the run's folder on a line of its own
  } else {
    Warn("no --output given: the outputs are not written");
  }
  std::vector<double> times;
  if (plan.mode == InputPlan::Mode::kFolders) {
    summary.input_mode = "folders";
    times = RunFolders(model, gear, plan, outputs, options, summary.output_folder);
  } else {
    summary.input_mode = plan.mode == InputPlan::Mode::kZeros ? "zeros" : "files";
    times = RunLoop(model, gear, plan, outputs, options, summary.output_folder);
  }
  summary.latency = Summarize(times);
  return summary;
}

// Everything between aclInit and aclFinalize; the session's destructor prints msame's closing
// lines after the outcome.
std::optional<RunSummary> RunWithSession(const Options& options) {
  AclSession session;
  try {
    session.Open(options.device);
    RunSummary summary = RunModel(options);
    Info("pid: {} Execute sample success", static_cast<long>(::getpid()));
    return summary;
  } catch (const Failure&) {
    Error("Sample process failed");
    return std::nullopt;
  }
}

int Main(int argc, char** argv) {
  Options options;
  try {
    options = ParseOptions(argc, argv);
  } catch (const UsageError& e) {
    Error("{}", e.what());
    Error("Execute sample failed");
    std::fputs("Run msame --help for the options.\n", stdout);
    return 1;
  }
  if (options.help) {
    std::fputs(HelpText(), stdout);
    return 0;
  }
  if (options.profiler) Warn("--profiler true is ignored by aclsim: it has no profiler yet, no profiling data is written");
  if (options.dump) Warn("--dump true is ignored by aclsim: it has no dump yet, no dump data is written");

  const std::optional<RunSummary> summary = RunWithSession(options);
  if (!summary) return 1;
  if (options.json_path) {
    try {
      WriteSummary(*summary, *options.json_path);
    } catch (const Failure&) {
      return 1;
    }
  }
  return 0;
}

}  // namespace
}  // namespace msame

int main(int argc, char** argv) { return msame::Main(argc, argv); }
