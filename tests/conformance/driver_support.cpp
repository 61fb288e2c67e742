#include "driver_support.h"

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
#include <sstream>
#include <stdexcept>

namespace conformance {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

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
[[noreturn]] void ChildMain(const CaseSpec& spec, const std::function<CaseResult(const CaseSpec&)>& run_case, int fd,
                            bool verbose) {
  setpgid(0, 0);  // the parent kills the whole group (atc too) on a timeout
  const int null_fd = open("/dev/null", O_RDWR);
  if (null_fd >= 0) {
    dup2(null_fd, STDIN_FILENO);
    dup2(null_fd, STDOUT_FILENO);
    if (!verbose) dup2(null_fd, STDERR_FILENO);
  }
  const CaseResult r = run_case(spec);
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

Child Start(const CaseSpec& spec, size_t index, const std::function<CaseResult(const CaseSpec&)>& run_case,
            const PoolOptions& options) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  fcntl(fds[0], F_SETFL, O_NONBLOCK);  // the parent polls; reads must not block
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    close(fds[0]);
    ChildMain(spec, run_case, fds[1], options.verbose);
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

}  // namespace

std::vector<CaseSpec> FindCases(const std::string& data, const std::vector<std::string>& suites,
                                const std::string& filter) {
  std::vector<CaseSpec> cases;
  for (const std::string& suite : suites) {
    const fs::path dir = fs::path(data) / suite;
    if (!fs::is_directory(dir)) throw std::runtime_error("no suite directory " + dir.string());
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (entry.is_directory() && fs::exists(entry.path() / "model.onnx") && name.find(filter) != std::string::npos) {
        names.push_back(name);
      }
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) cases.push_back({suite, name, (dir / name).string()});
  }
  return cases;
}

std::string MakeWorkDir(const std::string& name) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/" + name + ".XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a directory like " + pattern);
  return pattern;
}

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

bool CommandLine::Next() {
  if (++i_ >= argc_) return false;
  name_ = argv_[i_];
  has_value_ = false;
  if (const size_t eq = name_.find('='); name_.rfind("--", 0) == 0 && eq != std::string::npos) {
    value_ = name_.substr(eq + 1);
    name_ = name_.substr(0, eq);
    has_value_ = true;
  }
  if (name_ == "--help" || name_ == "-h") {
    std::fputs(usage_, stdout);
    std::exit(0);
  }
  return true;
}

std::string CommandLine::Value() {
  if (has_value_) return value_;
  if (i_ + 1 >= argc_) throw std::invalid_argument(name_ + " needs a value");
  return argv_[++i_];
}

void CommandLine::Unknown() const { throw std::invalid_argument("unknown argument '" + std::string(argv_[i_]) + "'"); }

bool TakeDriverOption(CommandLine& line, DriverOptions& options) {
  if (line.Is("--filter")) {
    options.filter = line.Value();
  } else if (line.Is("--out")) {
    options.out = line.Value();
  } else if (line.Is("--atc")) {
    options.atc = line.Value();
  } else if (line.Is("--data")) {
    options.data = line.Value();
  } else if (line.Is("--jobs")) {
    options.pool.jobs = PositiveInt("--jobs", line.Value());
  } else if (line.Is("--timeout")) {
    options.pool.timeout_seconds = PositiveInt("--timeout", line.Value());
  } else if (line.IsFlag("--verbose")) {
    options.pool.verbose = true;
  } else {
    return false;
  }
  return true;
}

std::vector<CaseResult> RunDriver(const char* driver, const DriverOptions& options, const std::vector<std::string>& suites,
                                  CaseResult (*run_case)(const CaseSpec&, const RunnerConfig&), double& seconds) {
  if (access(options.atc.c_str(), X_OK) != 0) throw std::runtime_error("atc is not executable: " + options.atc);
  const std::vector<CaseSpec> cases = FindCases(options.data, suites, options.filter);
  if (cases.empty()) throw std::runtime_error("no case matches");
  StopOnInterrupt();

  RunnerConfig config;
  config.atc = options.atc;
  config.work_dir = MakeWorkDir(driver);
  std::printf("%s: %zu cases, %d jobs, atc %s\n", driver, cases.size(), options.pool.jobs, options.atc.c_str());
  std::fflush(stdout);
  const auto start = Clock::now();
  std::vector<CaseResult> results;
  try {
    results = RunInChildren(
        cases, [&config, run_case](const CaseSpec& spec) { return run_case(spec, config); }, options.pool);
  } catch (...) {
    fs::remove_all(config.work_dir);
    throw;
  }
  fs::remove_all(config.work_dir);
  seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return results;
}

void StopOnInterrupt() {
  struct sigaction action {};
  action.sa_handler = OnInterrupt;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

std::vector<CaseResult> RunInChildren(const std::vector<CaseSpec>& cases,
                                      const std::function<CaseResult(const CaseSpec&)>& run_case,
                                      const PoolOptions& options) {
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
      running.push_back(Start(cases[next], next, run_case, options));
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

}  // namespace conformance
