// Latency of one offline model (.om) through the public aclmdl API: load time, then warm-up runs
// and timed aclmdlExecute runs, reported as min / median / mean. Every float32 input is filled
// with the pattern bench/ort_bench.js uses, so the two programs' outputs can be compared.
//
//   aclsim_model_bench --model resnet50.om [--warmup 3] [--runs 20] [--output out.bin] [--json]
//
// The simulated device's worker threads come from ACLSIM_AICORE_THREADS (docs/configuration.md).
// With --json the last line of stdout is one JSON object with every figure (bench/model_bench.sh).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "acl/acl.h"

namespace {

using Clock = std::chrono::steady_clock;

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

[[noreturn]] void Die(const char* what, aclError code) {
  std::fprintf(stderr, "model_bench: %s failed with %d: %s\n", what, static_cast<int>(code), aclGetRecentErrMsg());
  std::exit(1);
}

void Check(aclError code, const char* what) {
  if (code != ACL_SUCCESS) Die(what, code);
}

// Values in [-1, 1) from a 32-bit linear congruential generator (Numerical Recipes' constants);
// bench/ort_bench.js computes the same floats bit for bit.
void FillPattern(float* data, size_t count, uint32_t seed) {
  uint32_t state = seed;
  for (size_t i = 0; i < count; ++i) {
    state = state * 1664525u + 1013904223u;
    data[i] = static_cast<float>(state >> 8) / 16777216.0f * 2.0f - 1.0f;
  }
}

struct Options {
  std::string model;
  int warmup = 3;
  int runs = 20;
  std::string output;
  bool json = false;
};

void Usage() {
  std::fprintf(stderr,
               "usage: aclsim_model_bench --model FILE.om [--warmup N] [--runs N] [--output FILE] [--json]\n"
               "  threads: ACLSIM_AICORE_THREADS (0 or unset: one per host core)\n");
  std::exit(2);
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Usage();
      return argv[++i];
    };
    if (arg == "--model") {
      o.model = value();
    } else if (arg == "--warmup") {
      o.warmup = std::atoi(value().c_str());
    } else if (arg == "--runs") {
      o.runs = std::atoi(value().c_str());
    } else if (arg == "--output") {
      o.output = value();
    } else if (arg == "--json") {
      o.json = true;
    } else {
      Usage();
    }
  }
  if (o.model.empty() || o.runs < 1 || o.warmup < 0) Usage();
  return o;
}

// Device buffers of a dataset, one per model input or output.
struct Buffers {
  std::vector<void*> data;
  std::vector<size_t> sizes;
  aclmdlDataset* dataset = nullptr;
};

Buffers MakeBuffers(aclmdlDesc* desc, bool inputs) {
  Buffers b;
  b.dataset = aclmdlCreateDataset();
  const size_t count = inputs ? aclmdlGetNumInputs(desc) : aclmdlGetNumOutputs(desc);
  for (size_t k = 0; k < count; ++k) {
    const size_t size = inputs ? aclmdlGetInputSizeByIndex(desc, k) : aclmdlGetOutputSizeByIndex(desc, k);
    void* p = nullptr;
    Check(aclrtMalloc(&p, std::max<size_t>(size, 1), ACL_MEM_MALLOC_HUGE_FIRST), "aclrtMalloc");
    Check(aclmdlAddDatasetBuffer(b.dataset, aclCreateDataBuffer(p, size)), "aclmdlAddDatasetBuffer");
    b.data.push_back(p);
    b.sizes.push_back(size);
  }
  return b;
}

void FreeBuffers(Buffers& b) {
  for (size_t k = 0; k < aclmdlGetDatasetNumBuffers(b.dataset); ++k) {
    aclDestroyDataBuffer(aclmdlGetDatasetBuffer(b.dataset, k));
  }
  aclmdlDestroyDataset(b.dataset);
  for (void* p : b.data) aclrtFree(p);
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = Parse(argc, argv);
  Check(aclInit(nullptr), "aclInit");
  Check(aclrtSetDevice(0), "aclrtSetDevice");
  int64_t threads = 0;
  aclGetDeviceCapability(0, ACL_DEVICE_INFO_AI_CORE_NUM, &threads);

  uint32_t id = 0;
  const auto load_start = Clock::now();
  Check(aclmdlLoadFromFile(options.model.c_str(), &id), "aclmdlLoadFromFile");
  const double load_ms = MillisecondsSince(load_start);

  aclmdlDesc* desc = aclmdlCreateDesc();
  Check(aclmdlGetDesc(desc, id), "aclmdlGetDesc");
  Buffers in = MakeBuffers(desc, true), out = MakeBuffers(desc, false);
  for (size_t k = 0; k < in.data.size(); ++k) {
    if (aclmdlGetInputDataType(desc, k) != ACL_FLOAT) {
      std::fprintf(stderr, "model_bench: input %zu is not float32; it stays zero\n", k);
      continue;
    }
    std::vector<float> host(in.sizes[k] / sizeof(float));
    FillPattern(host.data(), host.size(), static_cast<uint32_t>(12345 + k));
    Check(aclrtMemcpy(in.data[k], in.sizes[k], host.data(), in.sizes[k], ACL_MEMCPY_HOST_TO_DEVICE), "aclrtMemcpy");
  }

  for (int i = 0; i < options.warmup; ++i) Check(aclmdlExecute(id, in.dataset, out.dataset), "aclmdlExecute");
  std::vector<double> times;
  for (int i = 0; i < options.runs; ++i) {
    const auto start = Clock::now();
    Check(aclmdlExecute(id, in.dataset, out.dataset), "aclmdlExecute");
    times.push_back(MillisecondsSince(start));
  }
  std::vector<double> sorted = times;
  std::sort(sorted.begin(), sorted.end());
  const size_t n = sorted.size();
  const double median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  double mean = 0;
  for (double t : times) mean += t / static_cast<double>(n);

  if (!options.output.empty() && !out.data.empty()) {
    std::vector<unsigned char> host(out.sizes[0]);
    Check(aclrtMemcpy(host.data(), host.size(), out.data[0], out.sizes[0], ACL_MEMCPY_DEVICE_TO_HOST), "aclrtMemcpy");
    FILE* f = std::fopen(options.output.c_str(), "wb");
    if (f == nullptr || std::fwrite(host.data(), 1, host.size(), f) != host.size()) {
      std::fprintf(stderr, "model_bench: cannot write %s\n", options.output.c_str());
      return 1;
    }
    std::fclose(f);
  }

  std::printf("%s: %lld AI-core threads, load %.1f ms, %d warm-up + %d runs: min %.2f ms, median %.2f ms, mean %.2f ms\n",
              options.model.c_str(), static_cast<long long>(threads), load_ms, options.warmup, options.runs,
              sorted.front(), median, mean);
  if (options.json) {
    std::printf("{\"model\": \"%s\", \"threads\": %lld, \"load_ms\": %.3f, \"runs\": %d, \"min_ms\": %.3f, "
                "\"median_ms\": %.3f, \"mean_ms\": %.3f}\n",
                options.model.c_str(), static_cast<long long>(threads), load_ms, options.runs, sorted.front(), median,
                mean);
  }

  FreeBuffers(in);
  FreeBuffers(out);
  aclmdlDestroyDesc(desc);
  Check(aclmdlUnload(id), "aclmdlUnload");
  Check(aclrtResetDevice(0), "aclrtResetDevice");
  Check(aclFinalize(), "aclFinalize");
  return 0;
}
