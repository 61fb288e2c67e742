// The msame tool end to end: models converted by atc (the bundled tiny CNN, and small ONNX
// models with dynamic gears built here), run by the msame binary as a subprocess, as users and
// their scripts run it; its printed lines, output folders and files, errors and exit statuses
// checked.
#include <gtest/gtest.h>
#include <pty.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "e2e_util.h"
#include "onnx_builder.h"

namespace aclsim_e2e {
namespace {

const std::string kModels = ACLSIM_EXAMPLE_MODELS;

struct MsameResult {
  int exit_status = -1;  // -1: did not exit normally
  std::string output;    // stdout and stderr together
  std::vector<std::string> lines;
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Runs msame with `args`; stdout and stderr go to `log_path` unless `stderr_fd` is given.
MsameResult RunMsame(const std::vector<std::string>& args, const std::string& log_path, int stderr_fd = -1) {
  std::vector<std::string> all = {MSAME_PATH};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (const auto& a : all) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (stderr_fd >= 0) posix_spawn_file_actions_adddup2(&actions, stderr_fd, STDERR_FILENO);
  else posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  MsameResult result;
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, MSAME_PATH, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    result.output = std::string("posix_spawn failed: ") + std::strerror(spawned);
    return result;
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
  result.output = ReadFile(log_path);
  result.lines = Lines(result.output);
  return result;
}

bool HasLine(const MsameResult& r, const std::string& line) {
  return std::find(r.lines.begin(), r.lines.end(), line) != r.lines.end();
}

bool Contains(const MsameResult& r, const std::string& text) { return r.output.find(text) != std::string::npos; }

// The index of the first line matching `pattern`, or -1.
int LineIndex(const MsameResult& r, const std::string& pattern) {
  const std::regex re(pattern);
  for (size_t i = 0; i < r.lines.size(); ++i) {
    if (std::regex_match(r.lines[i], re)) return static_cast<int>(i);
  }
  return -1;
}

// The numbers captured by `pattern` (one group) on every matching line.
std::vector<double> Captures(const MsameResult& r, const std::string& pattern) {
  const std::regex re(pattern);
  std::vector<double> values;
  for (const std::string& line : r.lines) {
    std::smatch m;
    if (std::regex_match(line, m, re)) values.push_back(std::stod(m[1].str()));
  }
  return values;
}

std::vector<std::string> Entries(const std::string& dir) {
  std::vector<std::string> names;
  DIR* handle = ::opendir(dir.c_str());
  if (handle == nullptr) return names;
  while (dirent* entry = ::readdir(handle)) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(handle);
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<float> Floats(const std::string& bytes) {
  std::vector<float> values(bytes.size() / sizeof(float));
  if (!values.empty()) std::memcpy(values.data(), bytes.data(), values.size() * sizeof(float));
  return values;
}

std::string FloatBytes(const std::vector<float>& values) {
  return std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float));
}

void ExpectNear(const std::vector<float>& actual, const std::vector<float>& expected, float tolerance) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) EXPECT_NEAR(actual[i], expected[i], tolerance) << "at " << i;
}

// y = a + b, both [1, 4]: a model with two inputs.
onnx::ModelProto AddTwo() {
  onnx::ModelProto model = NewModel();
  onnx::GraphProto* g = model.mutable_graph();
  AddValueInfo(g->mutable_input(), "a", {1, 4});
  AddValueInfo(g->mutable_input(), "b", {1, 4});
  AddNode(g, "Add", {"a", "b"}, {"y"});
  AddValueInfo(g->mutable_output(), "y", {1, 4});
  return model;
}

std::vector<float> Ramp(size_t count) {
  std::vector<float> v(count);
  for (size_t i = 0; i < count; ++i) v[i] = static_cast<float>(i % 5) - 2.0f;
  return v;
}

class MsameTest : public ::testing::Test {
 protected:
  // The tiny CNN is converted once for the whole suite.
  static void SetUpTestSuite() {
    models_ = new TempDir();
    const AtcResult atc = RunAtcWith({"--framework=5", "--model=" + kModels + "/tiny_cnn.onnx",
                                      "--output=" + (*models_ / "tiny"), "--soc_version=Ascend310",
                                      "--precision_mode=force_fp32"},
                                     *models_ / "atc.log");
    ASSERT_EQ(atc.exit_status, 0) << atc.output;
  }
  static void TearDownTestSuite() {
    delete models_;
    models_ = nullptr;
  }

  static std::string Tiny() { return *models_ / "tiny.om"; }
  static std::string TinyInput() { return kModels + "/tiny_cnn_input.bin"; }
  static std::vector<float> TinyExpected() { return Floats(ReadFile(kModels + "/tiny_cnn_output.bin")); }

  MsameResult Run(const std::vector<std::string>& args) { return RunMsame(args, dir_ / "msame.log"); }

  // Converts ReluTimesTwo with `options` (the gears) into dir_/dyn.om.
  std::string ConvertDynamic(const std::vector<std::string>& options) {
    EXPECT_TRUE(SaveModel(ReluTimesTwo(), dir_ / "dyn.onnx"));
    std::vector<std::string> args = {"--framework=5", "--model=" + (dir_ / "dyn.onnx"), "--output=" + (dir_ / "dyn"),
                                     "--soc_version=Ascend310", "--precision_mode=force_fp32"};
    args.insert(args.end(), options.begin(), options.end());
    const AtcResult atc = RunAtcWith(args, dir_ / "atc.log");
    EXPECT_EQ(atc.exit_status, 0) << atc.output;
    return dir_ / "dyn.om";
  }

  // Converts AddTwo into dir_/add.om.
  std::string ConvertAddTwo() {
    EXPECT_TRUE(SaveModel(AddTwo(), dir_ / "add.onnx"));
    const AtcResult atc = RunAtcWith({"--framework=5", "--model=" + (dir_ / "add.onnx"), "--output=" + (dir_ / "add"),
                                      "--soc_version=Ascend310", "--precision_mode=force_fp32"},
                                     dir_ / "atc.log");
    EXPECT_EQ(atc.exit_status, 0) << atc.output;
    return dir_ / "add.om";
  }

  // The one time-stamped folder msame made under `output`.
  std::string RunFolder(const std::string& output) {
    const std::vector<std::string> entries = Entries(output);
    EXPECT_EQ(entries.size(), 1u);
    return entries.empty() ? std::string() : output + "/" + entries[0];
  }

  TempDir dir_;
  static TempDir* models_;
};

TempDir* MsameTest::models_ = nullptr;

// --- outputs -----------------------------------------------------------------------------------

TEST_F(MsameTest, WritesEachOutputAsModelNameOutputIndexBinInATimeStampedFolder) {
  const MsameResult r = Run({"--model", Tiny(), "--input", TinyInput(), "--output", dir_ / "out"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  const std::vector<std::string> stamps = Entries(dir_ / "out");
  ASSERT_EQ(stamps.size(), 1u);
  // msame's stamp: year, month, day unpadded, then _hour_minute_second_microseconds.
  EXPECT_TRUE(std::regex_match(stamps[0], std::regex(R"(\d{4}\d{1,2}\d{1,2}_\d{1,2}_\d{1,2}_\d{1,2}_\d{1,6})")))
      << stamps[0];
  EXPECT_EQ(Entries(dir_ / "out/" + stamps[0]), std::vector<std::string>{"tiny_output_0.bin"});
  ExpectNear(Floats(ReadFile(dir_ / "out/" + stamps[0] + "/tiny_output_0.bin")), TinyExpected(), 1e-4f);
}

// The reference for a byte-for-byte check: the same model run on the same input through the
// aclmdl API in this process.
std::string OutputThroughAclmdl(const std::string& model, const std::string& input) {
  std::string bytes;
  if (aclInit(nullptr) != ACL_SUCCESS || aclrtSetDevice(0) != ACL_SUCCESS) return bytes;
  uint32_t id = 0;
  aclmdlDesc* desc = aclmdlCreateDesc();
  if (aclmdlLoadFromFile(model.c_str(), &id) == ACL_SUCCESS && aclmdlGetDesc(desc, id) == ACL_SUCCESS) {
    const size_t in_size = aclmdlGetInputSizeByIndex(desc, 0), out_size = aclmdlGetOutputSizeByIndex(desc, 0);
    void *in = nullptr, *out = nullptr;
    aclrtMalloc(&in, in_size, ACL_MEM_MALLOC_HUGE_FIRST);
    aclrtMalloc(&out, out_size, ACL_MEM_MALLOC_HUGE_FIRST);
    aclrtMemcpy(in, in_size, input.data(), input.size(), ACL_MEMCPY_HOST_TO_DEVICE);
    aclmdlDataset* inputs = aclmdlCreateDataset();
    aclmdlDataset* outputs = aclmdlCreateDataset();
    aclDataBuffer* in_buffer = aclCreateDataBuffer(in, in_size);
    aclDataBuffer* out_buffer = aclCreateDataBuffer(out, out_size);
    aclmdlAddDatasetBuffer(inputs, in_buffer);
    aclmdlAddDatasetBuffer(outputs, out_buffer);
    if (aclmdlExecute(id, inputs, outputs) == ACL_SUCCESS) {
      bytes.resize(out_size);
      aclrtMemcpy(bytes.data(), out_size, out, out_size, ACL_MEMCPY_DEVICE_TO_HOST);
    }
    aclDestroyDataBuffer(in_buffer);
    aclDestroyDataBuffer(out_buffer);
    aclmdlDestroyDataset(inputs);
    aclmdlDestroyDataset(outputs);
    aclrtFree(in);
    aclrtFree(out);
    aclmdlUnload(id);
  }
  aclmdlDestroyDesc(desc);
  aclrtResetDevice(0);
  aclFinalize();
  return bytes;
}

TEST_F(MsameTest, BinOutputIsByteForByteWhatTheModelComputes) {
  const MsameResult r = Run({"--model", Tiny(), "--input", TinyInput(), "--output", dir_ / "out"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  const std::string written = ReadFile(RunFolder(dir_ / "out") + "/tiny_output_0.bin");
  const std::string reference = OutputThroughAclmdl(Tiny(), ReadFile(TinyInput()));
  ASSERT_EQ(reference.size(), 40u);
  EXPECT_TRUE(written == reference) << "msame's output file differs from the model's output bytes";
}

TEST_F(MsameTest, PrintsTheRunFolderOnALineOfItsOwn) {
  const MsameResult r = Run({"--model", Tiny(), "--input", TinyInput(), "--output", dir_ / "out"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  EXPECT_TRUE(HasLine(r, RunFolder(dir_ / "out"))) << r.output;
}

TEST_F(MsameTest, TxtOutputHoldsEachValueFollowedByASpaceOneRowPerLine) {
  const MsameResult r = Run({"--model", Tiny(), "--input", TinyInput(), "--output", dir_ / "out", "--outfmt", "TXT"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  const std::string text = ReadFile(RunFolder(dir_ / "out") + "/tiny_output_0.txt");
  // The output is [1, 10]: one row of ten values, each followed by a space, then a line break.
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1);
  EXPECT_EQ(text.substr(text.size() - 2), " \n");
  std::istringstream in(text);
  std::vector<float> values;
  for (float v; in >> v;) values.push_back(v);
  ExpectNear(values, TinyExpected(), 1e-4f);
}

TEST_F(MsameTest, WithoutOutputNothingIsWrittenAndANoteSaysSo) {
  const MsameResult r = Run({"--model", Tiny(), "--input", TinyInput()});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  EXPECT_TRUE(Contains(r, "[WARN] no --output given")) << r.output;
  EXPECT_FALSE(Contains(r, "output data success")) << r.output;
}

// --- timing lines ------------------------------------------------------------------------------

TEST_F(MsameTest, LoopPrintsEachInferenceTimeAndTheMeansWithAndWithoutTheFirst) {
  const MsameResult r = Run({"--model", Tiny(), "--input", TinyInput(), "--loop", "4"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  const std::vector<double> times = Captures(r, R"(Inference time: ([0-9.e+-]+)ms)");
  ASSERT_EQ(times.size(), 4u) << r.output;
  const std::vector<double> mean = Captures(r, R"(Inference average time: (\d+\.\d{6}) ms)");
  const std::vector<double> rest = Captures(r, R"(Inference average time without first time: (\d+\.\d{6}) ms)");
  ASSERT_EQ(mean.size(), 1u) << r.output;
  ASSERT_EQ(rest.size(), 1u) << r.output;
  // The printed times have 6 significant digits; the means come from the unrounded ones.
  EXPECT_NEAR(mean[0], (times[0] + times[1] + times[2] + times[3]) / 4, 1e-3 * mean[0] + 1e-5);
  EXPECT_NEAR(rest[0], (times[1] + times[2] + times[3]) / 3, 1e-3 * rest[0] + 1e-5);
}

TEST_F(MsameTest, OneLoopPrintsNoMeanWithoutTheFirst) {
  const MsameResult r = Run({"--model", Tiny(), "--input", TinyInput()});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  EXPECT_EQ(Captures(r, R"(Inference time: ([0-9.e+-]+)ms)").size(), 1u);
  EXPECT_NE(LineIndex(r, R"(Inference average time: \d+\.\d{6} ms)"), -1) << r.output;
  EXPECT_EQ(LineIndex(r, R"(Inference average time without first time:.*)"), -1) << r.output;
}

TEST_F(MsameTest, PrintsMsamesLinesInMsamesOrder) {
  const MsameResult r = Run({"--model", Tiny(), "--input", TinyInput(), "--output", dir_ / "out"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  const std::vector<std::string> order = {
      R"(\[INFO\] acl init success)",
      R"(\[INFO\] open device 0 success)",
      R"(\[INFO\] create context success)",
      R"(\[INFO\] create stream success)",
      R"(\[INFO\] get run mode success)",
      R"(\[INFO\] load model .*tiny\.om success)",
      R"(\[INFO\] create model description success)",
      R"(\[INFO\] get input dynamic gear count success)",
      R"(\[INFO\] create model output success)",
      ".*/out/[0-9_]+",
      R"(\[INFO\] start to process file:.*tiny_cnn_input\.bin)",
      R"(\[INFO\] model execute success)",
      R"(Inference time: .*ms)",
      R"(\[INFO\] output data success)",
      R"(Inference average time: .* ms)",
      R"(\[INFO\] destroy model input success)",
      R"(\[INFO\] unload model success, model Id is \d+)",
      R"(\[INFO\] pid: \d+ Execute sample success)",
      R"(\[INFO\] end to destroy stream)",
      R"(\[INFO\] end to destroy context)",
      R"(\[INFO\] end to reset device is 0)",
      R"(\[INFO\] end to finalize acl)"};
  int previous = -1;
  for (const std::string& pattern : order) {
    const int index = LineIndex(r, pattern);
    EXPECT_GT(index, previous) << pattern << "\n" << r.output;
    previous = index;
  }
}

// --- inputs ------------------------------------------------------------------------------------

TEST_F(MsameTest, WithoutInputTheInputsAreZeroFilled) {
  WriteFile(dir_ / "zeros.bin", std::string(3136, '\0'));
  const MsameResult zeros = Run({"--model", Tiny(), "--output", dir_ / "a"});
  ASSERT_EQ(zeros.exit_status, 0) << zeros.output;
  const MsameResult file = Run({"--model", Tiny(), "--input", dir_ / "zeros.bin", "--output", dir_ / "b"});
  ASSERT_EQ(file.exit_status, 0) << file.output;
  const std::string from_zeros = ReadFile(RunFolder(dir_ / "a") + "/tiny_output_0.bin");
  EXPECT_EQ(from_zeros.size(), 40u);
  EXPECT_EQ(from_zeros, ReadFile(RunFolder(dir_ / "b") + "/tiny_output_0.bin"));
}

TEST_F(MsameTest, FolderInputRunsEachFileOnceAndNamesItsOutputsAfterIt) {
  ::mkdir((dir_ / "in").c_str(), 0755);
  WriteFile(dir_ / "in/a.bin", ReadFile(TinyInput()));
  WriteFile(dir_ / "in/b.bin", std::string(3136, '\0'));
  const MsameResult r = Run({"--model", Tiny(), "--input", dir_ / "in", "--output", dir_ / "out"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  const std::string folder = RunFolder(dir_ / "out");
  EXPECT_EQ(Entries(folder), (std::vector<std::string>{"a_output_0.bin", "b_output_0.bin"}));
  ExpectNear(Floats(ReadFile(folder + "/a_output_0.bin")), TinyExpected(), 1e-4f);
  EXPECT_EQ(Captures(r, R"(Inference time: ([0-9.e+-]+)ms)").size(), 2u);
  // Batch mode prints its means with two decimals, and a space before the first colon (msame).
  EXPECT_NE(LineIndex(r, R"(Inference average time : \d+\.\d{2} ms)"), -1) << r.output;
  EXPECT_NE(LineIndex(r, R"(Inference average time without first time: \d+\.\d{2} ms)"), -1) << r.output;
  EXPECT_TRUE(HasLine(r, "[INFO] start to process file:" + (dir_ / "in") + "/a.bin")) << r.output;
}

TEST_F(MsameTest, FolderInputWarnsThatLoopIsIgnored) {
  ::mkdir((dir_ / "in").c_str(), 0755);
  WriteFile(dir_ / "in/a.bin", ReadFile(TinyInput()));
  const MsameResult r = Run({"--model", Tiny(), "--input", dir_ / "in", "--loop", "5"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  EXPECT_TRUE(Contains(r, "[WARN] --loop 5 is ignored")) << r.output;
  EXPECT_EQ(Captures(r, R"(Inference time: ([0-9.e+-]+)ms)").size(), 1u);
}

TEST_F(MsameTest, InputOfTheWrongSizeIsAnErrorNamingTheFileAndBothSizes) {
  WriteFile(dir_ / "short.bin", std::string(100, '\0'));
  const MsameResult r = Run({"--model", Tiny(), "--input", dir_ / "short.bin", "--output", dir_ / "out"});
  EXPECT_EQ(r.exit_status, 1);
  const int error = LineIndex(r, R"(\[ERROR\] .*)");
  ASSERT_NE(error, -1) << r.output;
  const std::string& line = r.lines[error];
  EXPECT_NE(line.find(dir_ / "short.bin"), std::string::npos) << line;
  EXPECT_NE(line.find("has 100 bytes"), std::string::npos) << line;
  EXPECT_NE(line.find("takes 3136 bytes"), std::string::npos) << line;
  EXPECT_FALSE(Contains(r, "Inference time")) << r.output;
}

TEST_F(MsameTest, MissingInputFileIsAnErrorNamingIt) {
  const MsameResult r = Run({"--model", Tiny(), "--input", dir_ / "nothing.bin"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(Contains(r, "[ERROR] open file " + (dir_ / "nothing.bin") + " failed: No such file or directory"))
      << r.output;
}

TEST_F(MsameTest, InputFileCountOtherThanTheModelsInputsIsAnError) {
  const MsameResult r = Run({"--model", Tiny(), "--input", TinyInput() + "," + TinyInput()});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(Contains(r, "--input gives 2 path(s), but the model has 1 input(s)")) << r.output;
}

TEST_F(MsameTest, EmptyInputFolderIsAnError) {
  ::mkdir((dir_ / "empty").c_str(), 0755);
  const MsameResult r = Run({"--model", Tiny(), "--input", dir_ / "empty"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(Contains(r, "[ERROR] No file in the directory[" + (dir_ / "empty") + "]")) << r.output;
}

TEST_F(MsameTest, FolderFileOfTheWrongSizeIsAnErrorBeforeAnythingRuns) {
  ::mkdir((dir_ / "in").c_str(), 0755);
  WriteFile(dir_ / "in/a.bin", ReadFile(TinyInput()));
  WriteFile(dir_ / "in/b.bin", std::string(12, '\0'));
  const MsameResult r = Run({"--model", Tiny(), "--input", dir_ / "in"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(Contains(r, (dir_ / "in/b.bin") + " has 12 bytes")) << r.output;
  EXPECT_FALSE(Contains(r, "Inference time")) << r.output;
}

TEST_F(MsameTest, CommaSeparatedFilesFeedTheInputsInOrder) {
  const std::string model = ConvertAddTwo();
  WriteFile(dir_ / "a.bin", FloatBytes({1, 2, 3, 4}));
  WriteFile(dir_ / "b.bin", FloatBytes({10, 20, 30, 40}));
  const MsameResult r = Run({"--model", model, "--input", (dir_ / "a.bin") + "," + (dir_ / "b.bin"), "--output", dir_ / "out"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  EXPECT_EQ(Floats(ReadFile(RunFolder(dir_ / "out") + "/add_output_0.bin")), (std::vector<float>{11, 22, 33, 44}));
}

TEST_F(MsameTest, EachFolderMustHoldTheFirstFoldersFiles) {
  const std::string model = ConvertAddTwo();
  ::mkdir((dir_ / "a").c_str(), 0755);
  ::mkdir((dir_ / "b").c_str(), 0755);
  WriteFile(dir_ / "a/one.bin", FloatBytes({1, 2, 3, 4}));
  WriteFile(dir_ / "a/two.bin", FloatBytes({1, 2, 3, 4}));
  WriteFile(dir_ / "b/one.bin", FloatBytes({1, 2, 3, 4}));
  const MsameResult r = Run({"--model", model, "--input", (dir_ / "a") + "," + (dir_ / "b")});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(Contains(r, "[ERROR] open file " + (dir_ / "b/two.bin") + " failed: No such file or directory"))
      << r.output;
  EXPECT_FALSE(Contains(r, "Inference time")) << r.output;
}

TEST_F(MsameTest, FilesAndFoldersTogetherAreRefused) {
  const std::string model = ConvertAddTwo();
  ::mkdir((dir_ / "a").c_str(), 0755);
  WriteFile(dir_ / "b.bin", FloatBytes({1, 2, 3, 4}));
  const MsameResult r = Run({"--model", model, "--input", (dir_ / "a") + "," + (dir_ / "b.bin")});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(Contains(r, "--input mixes files and folders")) << r.output;
}

// --- model and command line errors -------------------------------------------------------------

TEST_F(MsameTest, ModelThatFailsToLoadIsAnError) {
  WriteFile(dir_ / "bad.om", "not a model");
  const MsameResult r = Run({"--model", dir_ / "bad.om"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(Contains(r, "[ERROR] load model from file failed, model file is " + (dir_ / "bad.om"))) << r.output;
  EXPECT_TRUE(HasLine(r, "[ERROR] Sample process failed")) << r.output;
}

TEST_F(MsameTest, ModelPathWithoutOmIsRefused) {
  const MsameResult r = Run({"--model", dir_ / "model.onnx"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(Contains(r, "input model file type is not .om")) << r.output;
}

TEST_F(MsameTest, UnknownOptionIsAnError) {
  const MsameResult r = Run({"--model", Tiny(), "--frobnicate", "1"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(Contains(r, "[ERROR] unknown paramenter --frobnicate")) << r.output;
}

TEST_F(MsameTest, LoopOutsideItsRangeIsAnError) {
  const MsameResult r = Run({"--model", Tiny(), "--loop", "0"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(Contains(r, "--loop 0: expected an integer from 1 to 1000000")) << r.output;
}

TEST_F(MsameTest, OutfmtOtherThanBinOrTxtIsAnError) {
  const MsameResult r = Run({"--model", Tiny(), "--outfmt", "CSV"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(Contains(r, "--outfmt CSV: expected BIN or TXT")) << r.output;
}

TEST_F(MsameTest, OutputSizeCountOtherThanTheModelsOutputsIsAnError) {
  const MsameResult r = Run({"--model", Tiny(), "--outputSize", "40,40"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(Contains(r, "om has 1 output, but outputSize parametet give 2")) << r.output;
}

TEST_F(MsameTest, OutputSizeSetsTheOutputBuffer) {
  const MsameResult r = Run({"--model", Tiny(), "--input", TinyInput(), "--outputSize", "4096", "--output", dir_ / "out"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  // The file holds the output itself, not the whole buffer.
  ExpectNear(Floats(ReadFile(RunFolder(dir_ / "out") + "/tiny_output_0.bin")), TinyExpected(), 1e-4f);
}

TEST_F(MsameTest, HelpDocumentsEveryFlagWithAnExample) {
  const MsameResult r = Run({"--help"});
  EXPECT_EQ(r.exit_status, 0);
  for (const char* flag : {"--model", "--input", "--output", "--outfmt", "--loop", "--device", "--debug", "--dymBatch",
                           "--dymHW", "--dymDims", "--dymShape", "--outputSize", "--json", "--profiler", "--dump",
                           "--help"}) {
    EXPECT_TRUE(Contains(r, std::string("  ") + flag + " ")) << flag;
  }
  EXPECT_TRUE(Contains(r, "Example:")) << r.output;
}

TEST_F(MsameTest, ProfilerIsAcceptedAndReportedAsIgnored) {
  const MsameResult r = Run({"--model", Tiny(), "--profiler", "true", "--output", dir_ / "out"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  EXPECT_TRUE(Contains(r, "[WARN] --profiler true is ignored by aclsim")) << r.output;
  EXPECT_EQ(Entries(dir_ / "out").size(), 1u);  // no profiler folder
}

TEST_F(MsameTest, DumpIsAcceptedAndReportedAsIgnored) {
  const MsameResult r = Run({"--model", Tiny(), "--dump", "true"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  EXPECT_TRUE(Contains(r, "[WARN] --dump true is ignored by aclsim")) << r.output;
}

TEST_F(MsameTest, ProfilerAndDumpTogetherAreRefused) {
  const MsameResult r = Run({"--model", Tiny(), "--profiler", "true", "--dump", "true"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(Contains(r, "dump and profiler can not both be true")) << r.output;
}

TEST_F(MsameTest, DymShapeIsRefusedAsUnsupported) {
  const MsameResult r = Run({"--model", Tiny(), "--dymShape", "x:1,1,28,28"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(Contains(r, "--dymShape is not supported by aclsim")) << r.output;
}

// --- --debug -----------------------------------------------------------------------------------

TEST_F(MsameTest, DebugPrintsEachInputAndOutputsSizeDimsNameFormatAndType) {
  const MsameResult r = Run({"--model", Tiny(), "--debug", "true"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  EXPECT_TRUE(HasLine(r, "[DEBUG] start print model description")) << r.output;
  EXPECT_TRUE(HasLine(r, "[DEBUG] NumInputs: 1"));
  EXPECT_TRUE(HasLine(r, "[DEBUG] NumOutputs: 1"));
  EXPECT_TRUE(HasLine(r, "[DEBUG] the size of 0 input: 3136"));
  const int dims = LineIndex(r, R"(\[DEBUG\] the dims of 0 input:)");
  ASSERT_NE(dims, -1);
  EXPECT_EQ(r.lines[dims + 1], "1 1 28 28 ");
  EXPECT_NE(LineIndex(r, R"(\[DEBUG\] the name of 0 input: \S+)"), -1) << r.output;
  EXPECT_NE(LineIndex(r, R"(\[DEBUG\] the Format of 0 input: \d+)"), -1) << r.output;
  EXPECT_TRUE(HasLine(r, "[DEBUG] the DataType of 0 input: 0"));  // ACL_FLOAT
  EXPECT_TRUE(HasLine(r, "[DEBUG] the size of 0 output: 40"));
  const int out_dims = LineIndex(r, R"(\[DEBUG\] the dims of 0 output:)");
  ASSERT_NE(out_dims, -1);
  EXPECT_EQ(r.lines[out_dims + 1], "1 10 ");
  EXPECT_TRUE(HasLine(r, "[DEBUG] end print model description"));
}

// --- dynamic gears -----------------------------------------------------------------------------

TEST_F(MsameTest, DymBatchRunsTheChosenBatchAndWritesThatBatchsOutput) {
  const std::string model = ConvertDynamic({"--input_shape=x:-1,2,3,3", "--dynamic_batch_size=1,2,4"});
  const std::vector<float> x = Ramp(2 * 2 * 3 * 3);
  WriteFile(dir_ / "x.bin", FloatBytes(x));
  const MsameResult r = Run({"--model", model, "--input", dir_ / "x.bin", "--dymBatch", "2", "--output", dir_ / "out"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  EXPECT_TRUE(HasLine(r, "[INFO] check dynamic batch success")) << r.output;
  EXPECT_TRUE(HasLine(r, "[INFO] set dynamic batch size success")) << r.output;
  EXPECT_EQ(Floats(ReadFile(RunFolder(dir_ / "out") + "/dyn_output_0.bin")), ReluTimesTwoOf(x));
}

TEST_F(MsameTest, DymBatchInputMustHaveTheChosenBatchsSize) {
  const std::string model = ConvertDynamic({"--input_shape=x:-1,2,3,3", "--dynamic_batch_size=1,2,4"});
  WriteFile(dir_ / "x.bin", FloatBytes(Ramp(4 * 2 * 3 * 3)));
  const MsameResult r = Run({"--model", model, "--input", dir_ / "x.bin", "--dymBatch", "2"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(Contains(r, (dir_ / "x.bin") + " has 288 bytes")) << r.output;
  EXPECT_TRUE(Contains(r, "shape 2,2,3,3 at the chosen gear) takes 144 bytes")) << r.output;
}

TEST_F(MsameTest, DymBatchTheModelDoesNotHaveIsAnErrorListingItsBatches) {
  const std::string model = ConvertDynamic({"--input_shape=x:-1,2,3,3", "--dynamic_batch_size=1,2,4"});
  const MsameResult r = Run({"--model", model, "--dymBatch", "3"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(HasLine(r, "[ERROR] the dymBatch parameter is not correct")) << r.output;
  EXPECT_TRUE(HasLine(r, "[ERROR] model has dynamic batch size:{[1][2][4]}, please set correct dynamic batch size"))
      << r.output;
}

TEST_F(MsameTest, DymBatchThatIsNotANumberIsAnError) {
  const MsameResult r = Run({"--model", Tiny(), "--dymBatch", "two"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(Contains(r, "--dymBatch two: expected an integer from 1 to 2048")) << r.output;
}

TEST_F(MsameTest, DymBatchOnAModelWithoutBatchGearsIsAnError) {
  const MsameResult r = Run({"--model", Tiny(), "--dymBatch", "2"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(HasLine(r, "[ERROR] the dynamic_batch_size parameter is not specified for model conversion"))
      << r.output;
}

TEST_F(MsameTest, ModelWithBatchGearsNeedsDymBatch) {
  const std::string model = ConvertDynamic({"--input_shape=x:-1,2,3,3", "--dynamic_batch_size=1,2,4"});
  const MsameResult r = Run({"--model", model});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(Contains(r, "please add dymBatch parameter")) << r.output;
}

TEST_F(MsameTest, DebugListsTheDynamicBatches) {
  const std::string model = ConvertDynamic({"--input_shape=x:-1,2,3,3", "--dynamic_batch_size=1,2,4"});
  const MsameResult r = Run({"--model", model, "--dymBatch", "1", "--debug", "true"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  const int batches = LineIndex(r, R"(\[DEBUG\] DynamicBatch:)");
  ASSERT_NE(batches, -1) << r.output;
  EXPECT_EQ(r.lines[batches + 1], "1 2 4 ");
}

TEST_F(MsameTest, DymHWRunsTheChosenImageSize) {
  const std::string model = ConvertDynamic({"--input_shape=x:1,2,-1,-1", "--dynamic_image_size=2,2;3,4"});
  const std::vector<float> x = Ramp(1 * 2 * 3 * 4);
  WriteFile(dir_ / "x.bin", FloatBytes(x));
  const MsameResult r = Run({"--model", model, "--input", dir_ / "x.bin", "--dymHW", "3,4", "--output", dir_ / "out"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  EXPECT_TRUE(HasLine(r, "[INFO] set Dynamic HW success")) << r.output;
  EXPECT_EQ(Floats(ReadFile(RunFolder(dir_ / "out") + "/dyn_output_0.bin")), ReluTimesTwoOf(x));
}

TEST_F(MsameTest, DymHWTheModelDoesNotHaveIsAnError) {
  const std::string model = ConvertDynamic({"--input_shape=x:1,2,-1,-1", "--dynamic_image_size=2,2;3,4"});
  const MsameResult r = Run({"--model", model, "--dymHW", "4,4"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(HasLine(r, "[ERROR] the dymHW parameter is not correct")) << r.output;
  EXPECT_TRUE(Contains(r, "{[2,2][3,4]}")) << r.output;
}

TEST_F(MsameTest, DymDimsRunsTheChosenShape) {
  const std::string model = ConvertDynamic({"--input_shape=x:-1,2,-1,3", "--dynamic_dims=1,2;2,5"});
  const std::vector<float> x = Ramp(2 * 2 * 5 * 3);
  WriteFile(dir_ / "x.bin", FloatBytes(x));
  const MsameResult r =
      Run({"--model", model, "--input", dir_ / "x.bin", "--dymDims", "x:2,2,5,3", "--output", dir_ / "out", "--outfmt", "TXT"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  EXPECT_TRUE(HasLine(r, "[INFO] set dynamic dims success")) << r.output;
  // TXT: one line per innermost row of the gear's output shape [2,2,5,3].
  const std::string text = ReadFile(RunFolder(dir_ / "out") + "/dyn_output_0.txt");
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2 * 2 * 5);
  std::istringstream in(text);
  std::vector<float> values;
  for (float v; in >> v;) values.push_back(v);
  EXPECT_EQ(values, ReluTimesTwoOf(x));
}

TEST_F(MsameTest, DymDimsTheModelDoesNotHaveListsItsGears) {
  const std::string model = ConvertDynamic({"--input_shape=x:-1,2,-1,3", "--dynamic_dims=1,2;2,5"});
  const MsameResult r = Run({"--model", model, "--dymDims", "x:2,2,2,3"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(HasLine(r, "[ERROR] the dymDims parameter is not correct")) << r.output;
  EXPECT_TRUE(HasLine(r, "[ERROR] model has 2 gear of dims")) << r.output;
  EXPECT_TRUE(HasLine(r, "[ERROR] dims[1]:[2][2][5][3]")) << r.output;
}

TEST_F(MsameTest, DymDimsNamingNoInputOfTheModelIsAnError) {
  const std::string model = ConvertDynamic({"--input_shape=x:-1,2,-1,3", "--dynamic_dims=1,2;2,5"});
  const MsameResult r = Run({"--model", model, "--dymDims", "data:2,2,5,3"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(Contains(r, "--dymDims names data, which is not an input of the model (its inputs: x)")) << r.output;
}

TEST_F(MsameTest, TwoDynamicOptionsTogetherAreRefused) {
  const MsameResult r = Run({"--model", Tiny(), "--dymBatch", "2", "--dymHW", "3,4"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_TRUE(Contains(r, "dymBatch dymDims dymHW dymShape cannot be set at the same time")) << r.output;
}

// --- --json and the progress bar ---------------------------------------------------------------

TEST_F(MsameTest, JsonSummaryHasLatencyStatisticsThroughputLoadTimeAndPeakMemory) {
  const MsameResult r = Run({"--model", Tiny(), "--input", TinyInput(), "--loop", "5", "--json", dir_ / "s.json"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  const nlohmann::json s = nlohmann::json::parse(ReadFile(dir_ / "s.json"));
  EXPECT_EQ(s["model"], Tiny());
  EXPECT_EQ(s["inferences"], 5);
  EXPECT_EQ(s["input_mode"], "files");
  const nlohmann::json& l = s["latency_ms"];
  for (const char* key : {"min", "median", "mean", "p90", "p99", "max", "mean_without_first"}) {
    ASSERT_TRUE(l.contains(key) && l[key].is_number()) << key << "\n" << s.dump(2);
  }
  EXPECT_LE(l["min"].get<double>(), l["median"].get<double>());
  EXPECT_LE(l["median"].get<double>(), l["p90"].get<double>());
  EXPECT_LE(l["p90"].get<double>(), l["p99"].get<double>());
  EXPECT_LE(l["p99"].get<double>(), l["max"].get<double>());
  EXPECT_GT(l["mean"].get<double>(), 0.0);
  EXPECT_NEAR(s["throughput_per_s"].get<double>(), 1000.0 / l["mean"].get<double>(),
              1e-3 * s["throughput_per_s"].get<double>());
  EXPECT_GT(s["model_load_ms"].get<double>(), 0.0);
  EXPECT_GT(s["peak_rss_bytes"].get<long long>(), 0);
}

TEST_F(MsameTest, JsonDashWritesTheSummaryToStdoutAfterMsamesLines) {
  const MsameResult r = Run({"--model", Tiny(), "--json", "-"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  const size_t start = r.output.find("{\n");
  ASSERT_NE(start, std::string::npos) << r.output;
  EXPECT_GT(start, r.output.find("[INFO] end to finalize acl"));
  const nlohmann::json s = nlohmann::json::parse(r.output.substr(start));
  EXPECT_EQ(s["input_mode"], "zeros");
  EXPECT_EQ(s["inferences"], 1);
  EXPECT_TRUE(s["latency_ms"]["mean_without_first"].is_null());
}

TEST_F(MsameTest, FailedRunWritesNoJsonSummary) {
  const MsameResult r = Run({"--model", dir_ / "missing.om", "--json", dir_ / "s.json"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_EQ(::access((dir_ / "s.json").c_str(), F_OK), -1);
}

TEST_F(MsameTest, OnATerminalLoopsShowAProgressBarWithTheMeanLatency) {
  int master = -1;
  int slave = -1;
  ASSERT_EQ(::openpty(&master, &slave, nullptr, nullptr, nullptr), 0);
  const MsameResult r = RunMsame({"--model", Tiny(), "--loop", "3"}, dir_ / "msame.log", slave);
  ::close(slave);
  std::string bar;
  char chunk[4096];
  for (ssize_t n; (n = ::read(master, chunk, sizeof(chunk))) > 0;) bar.append(chunk, static_cast<size_t>(n));
  ::close(master);
  ASSERT_EQ(r.exit_status, 0) << r.output;
  EXPECT_NE(bar.find("3/3 100%  mean "), std::string::npos) << bar;
  EXPECT_NE(bar.find("\r\033[K"), std::string::npos);  // erased, leaving msame's lines alone
  EXPECT_EQ(Captures(r, R"(Inference time: ([0-9.e+-]+)ms)").size(), 3u);  // stdout unchanged
}

TEST_F(MsameTest, WithoutATerminalNoProgressBarIsDrawn) {
  const MsameResult r = Run({"--model", Tiny(), "--loop", "3"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  EXPECT_FALSE(Contains(r, "mean ")) << r.output;
  EXPECT_FALSE(Contains(r, "\r")) << r.output;
}

}  // namespace
}  // namespace aclsim_e2e
