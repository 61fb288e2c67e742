// onnx_conformance: runs the ONNX backend test suites of Debian's libonnx-testdata through atc
// and the public AscendCL API, one forked child per case (a crash or a hang ends only that
// case), and writes docs/conformance.md. Exit status: 0 when the run completed, 2 on a driver
// error, 1 when --require-targets is given and a suite misses its target.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "case_runner.h"
#include "report.h"

namespace {

namespace fs = std::filesystem;
using conformance::CaseResult;
using conformance::CaseSpec;
using Clock = std::chrono::steady_clock;

const char kUsage[] =
    "usage: onnx_conformance [options]\n"
    "  --suites a,b,...     suites to run (default node,simple,pytorch-converted,pytorch-operator)\n"
    "  --filter TEXT        only cases whose name contains TEXT\n"
    "  --out FILE           the report (default: docs/conformance.md of the source tree)\n"
    "  --atc PATH           the atc binary (default: the one of this build)\n"
    "  --data DIR           the suites' root (default /usr/share/libonnx-testdata/data)\n"
    "  --jobs N             cases run in parallel (default 2)\n"
    "  --timeout SECONDS    per case, atc included (default 20)\n"
    "  --require-targets    exit 1 when a suite misses its pass-rate target\n"
    "  --verbose            print every case's outcome and detail, and the library's log\n";

struct Options {
  std::vector<std::string> suites = {"node", "simple", "pytorch-converted", "pytorch-operator"};
  std::string filter;
  std::string out = ACLSIM_SOURCE_DIR "/docs/conformance.md";
  std::string atc = ACLSIM_ATC_PATH;
  std::string data = "/usr/share/libonnx-testdata/data";
  int jobs = 2;
  int timeout_seconds = 20;
  bool require_targets = false;
  bool verbose = false;
  bool suites_given = false;
};

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

int PositiveInt(const std::string& option, const std::string& value) {
  size_t used = 0;
  int number = 0;
  try {
    number = std::stoi(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != value.size() || number <= 0) throw std::invalid_argument(option + " needs a positive integer, not '" + value + "'");
  return number;
}

Options ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    bool has_value = false;
    if (const size_t eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      has_value = true;
    }
    const auto take = [&]() -> std::string {
      if (has_value) return value;
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    } else if (arg == "--suites") {
      options.suites = SplitCommas(take());
      options.suites_given = true;
      if (options.suites.empty()) throw std::invalid_argument("--suites names no suite");
    } else if (arg == "--filter") {
      options.filter = take();
    } else if (arg == "--out") {
      options.out = take();
    } else if (arg == "--atc") {
      options.atc = take();
    } else if (arg == "--data") {
      options.data = take();
    } else if (arg == "--jobs") {
      options.jobs = PositiveInt(arg, take());
    } else if (arg == "--timeout") {
      options.timeout_seconds = PositiveInt(arg, take());
    } else if (arg == "--require-targets" && !has_value) {
      options.require_targets = true;
    } else if (arg == "--verbose" && !has_value) {
      options.verbose = true;
    } else {
      throw std::invalid_argument("unknown argument '" + std::string(argv[i]) + "'");
    }
  }
  return options;
}

std::vector<CaseSpec> FindCases(const Options& options) {
  std::vector<CaseSpec> cases;
  for (const std::string& suite : options.suites) {
    const fs::path dir = fs::path(options.data) / suite;
    if (!fs::is_directory(dir)) throw std::runtime_error("no suite directory " + dir.string());
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (entry.is_directory() && fs::exists(entry.path() / "model.onnx") &&
          name.find(options.filter) != std::string::npos) {
        names.push_back(name);
      }
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) cases.push_back({suite, name, (dir / name).string()});
  }
  return cases;
}

// ---- the process pool -----------------------------------------------------------------------

volatile std::sig_atomic_t g_interrupted = 0;
void OnInterrupt(int) { g_interrupted = 1; }

struct Child {
  pid_t pid = -1;
  int fd = -1;
  size_t index = 0;
  Clock::time_point deadline;
  std::string received;
};

std::string Sanitize(std::string text) {
  std::replace_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\t' || c == '\r'; }, ' ');
  return text;
}

// Runs in the forked child: the case, then its result as one line on `fd`.
// The library's log reaches stderr only with --verbose; causes come from aclGetRecentErrMsg.
[[noreturn]] void ChildMain(const CaseSpec& spec, const conformance::RunnerConfig& config, int fd, bool verbose) {
  setpgid(0, 0);  // the parent kills the whole group (atc too) on a timeout
  const int null_fd = open("/dev/null", O_RDWR);
  if (null_fd >= 0) {
    dup2(null_fd, STDIN_FILENO);
    dup2(null_fd, STDOUT_FILENO);
    if (!verbose) dup2(null_fd, STDERR_FILENO);
  }
  const CaseResult r = conformance::RunCase(spec, config);
  const std::string line =
      r.passed ? std::string("PASS\n") : "FAIL\t" + Sanitize(r.cause) + "\t" + Sanitize(r.detail) + "\n";
  size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = write(fd, line.data() + written, line.size() - written);
    if (n <= 0 && errno != EINTR) break;
    if (n > 0) written += static_cast<size_t>(n);
  }
  _exit(0);
}

Child Start(const CaseSpec& spec, size_t index, const conformance::RunnerConfig& config, const Options& options) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  fcntl(fds[0], F_SETFL, O_NONBLOCK);  // the parent polls; reads must not block
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    close(fds[0]);
    ChildMain(spec, config, fds[1], options.verbose);
  }
  setpgid(pid, pid);  // also here, so the group exists before any kill
  close(fds[1]);
  Child child;
  child.pid = pid;
  child.fd = fds[0];
  child.index = index;
  child.deadline = Clock::now() + std::chrono::seconds(options.timeout_seconds);
  return child;
}

void ReadAvailable(Child& child) {
  char buffer[4096];
  for (;;) {
    const ssize_t n = read(child.fd, buffer, sizeof(buffer));
    if (n > 0) {
      child.received.append(buffer, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    return;  // EOF, or nothing more now
  }
}

CaseResult Finish(Child& child, const CaseSpec& spec, int status, bool timed_out) {
  CaseResult r;
  r.suite = spec.suite;
  r.name = spec.name;
  if (timed_out) {
    r.cause = "timeout";
  } else if (WIFSIGNALED(status)) {
    r.cause = "crash (signal " + std::to_string(WTERMSIG(status)) + ")";
    r.detail = strsignal(WTERMSIG(status));
  } else if (child.received.rfind("PASS\n", 0) == 0) {
    r.passed = true;
  } else if (child.received.rfind("FAIL\t", 0) == 0) {
    std::string rest = child.received.substr(5);
    if (!rest.empty() && rest.back() == '\n') rest.pop_back();
    const size_t tab = rest.find('\t');
    r.cause = rest.substr(0, tab);
    if (tab != std::string::npos) r.detail = rest.substr(tab + 1);
  } else {
    r.cause = "crash (exit " + std::to_string(WEXITSTATUS(status)) + " without a result)";
  }
  close(child.fd);
  return r;
}

std::vector<CaseResult> RunAll(const std::vector<CaseSpec>& cases, const Options& options,
                               const conformance::RunnerConfig& config) {
  std::vector<CaseResult> results(cases.size());
  std::vector<Child> running;
  size_t next = 0;
  size_t done = 0;
  const auto report = [&](const CaseResult& r) {
    ++done;
    if (options.verbose) {
      std::printf("[%zu/%zu] %s %s/%s%s%s%s\n", done, cases.size(), r.passed ? "PASS" : "FAIL", r.suite.c_str(),
                  r.name.c_str(), r.passed ? "" : ": ", r.cause.c_str(),
                  r.detail.empty() ? "" : (" -- " + r.detail).c_str());
      std::fflush(stdout);
    } else if (done % 100 == 0) {
      std::printf("  %zu/%zu cases\n", done, cases.size());
      std::fflush(stdout);
    }
  };
  while (next < cases.size() || !running.empty()) {
    if (g_interrupted) {
      for (const Child& c : running) {
        kill(-c.pid, SIGKILL);
        waitpid(c.pid, nullptr, 0);
      }
      throw std::runtime_error("interrupted");
    }
    while (next < cases.size() && running.size() < static_cast<size_t>(options.jobs)) {
      running.push_back(Start(cases[next], next, config, options));
      ++next;
    }
    std::vector<pollfd> fds;
    for (const Child& c : running) fds.push_back({c.fd, POLLIN, 0});
    poll(fds.data(), fds.size(), 20);
    for (size_t i = 0; i < running.size();) {
      Child& child = running[i];
      ReadAvailable(child);
      int status = 0;
      bool finished = waitpid(child.pid, &status, WNOHANG) == child.pid;
      bool timed_out = false;
      if (!finished && Clock::now() > child.deadline) {
        kill(-child.pid, SIGKILL);
        kill(child.pid, SIGKILL);
        waitpid(child.pid, &status, 0);
        finished = true;
        timed_out = true;
      }
      if (!finished) {
        ++i;
        continue;
      }
      kill(-child.pid, SIGKILL);  // anything the case left behind in its group
      ReadAvailable(child);
      results[child.index] = Finish(child, cases[child.index], status, timed_out);
      report(results[child.index]);
      running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
  return results;
}

std::string MakeWorkDir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/onnx_conformance.XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a directory like " + pattern);
  return pattern;
}

int Run(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  if (access(options.atc.c_str(), X_OK) != 0) throw std::runtime_error("atc is not executable: " + options.atc);
  const std::vector<CaseSpec> cases = FindCases(options);
  if (cases.empty()) throw std::runtime_error("no case matches");

  struct sigaction action {};
  action.sa_handler = OnInterrupt;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);

  conformance::RunnerConfig config;
  config.atc = options.atc;
  config.work_dir = MakeWorkDir();
  std::printf("onnx_conformance: %zu cases, %d jobs, atc %s\n", cases.size(), options.jobs, options.atc.c_str());
  std::fflush(stdout);
  const auto start = Clock::now();
  std::vector<CaseResult> results;
  try {
    results = RunAll(cases, options, config);
  } catch (...) {
    fs::remove_all(config.work_dir);
    throw;
  }
  fs::remove_all(config.work_dir);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

  std::string selection;
  if (!options.filter.empty()) selection = "only cases whose name contains `" + options.filter + "`";
  if (options.suites_given) {
    std::string list;
    for (const std::string& s : options.suites) list += (list.empty() ? "" : ", ") + s;
    selection += (selection.empty() ? "suites " : "; suites ") + list;
  }
  const auto summaries = conformance::Summarize(results, options.suites);
  {
    std::ofstream out(options.out, std::ios::binary | std::ios::trunc);
    out << conformance::RenderMarkdown(summaries, selection);
    if (!out) throw std::runtime_error("cannot write " + options.out);
  }

  bool all_met = true;
  for (const auto& s : summaries) {
    const double target = conformance::TargetFor(s.suite);
    std::printf("%-18s %4zu/%-4zu %6s", s.suite.c_str(), s.passing.size(), s.total, conformance::Percent(s.rate()).c_str());
    if (target > 0) {
      std::printf("   target %s: %s", conformance::Percent(target).c_str(), s.target_met() ? "met" : "NOT met");
      all_met = all_met && s.target_met();
    }
    std::printf("\n");
  }
  std::printf("%zu cases in %.1f s; wrote %s\n", cases.size(), seconds, options.out.c_str());
  if (options.require_targets && !all_met) {
    std::fprintf(stderr, "onnx_conformance: a pass-rate target is not met (--require-targets)\n");
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "onnx_conformance: %s\n%s", e.what(), kUsage);
    return 2;
  }
}
