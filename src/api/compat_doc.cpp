// Prints docs/compatibility.md from api_table.inc, so the document cannot drift from the code.
#include <cctype>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace {

struct Entry {
  const char* header;
  const char* name;
  const char* state;
  const char* note;
  const char* signature;
};

const char* g_header = "";

#define ACLSIM_API_HEADER(path) {g_header = path, nullptr, nullptr, nullptr, nullptr},
#define ACLSIM_API(name, state, note, ret, params) {g_header, #name, #state, note, #ret " " #name #params},
const Entry kEntries[] = {
#include "api/api_table.inc"
};

struct Sample {
  const char* path;
  const char* result;
  const char* check;
};

#define ACLSIM_SAMPLE(path, result, check) {path, result, check},
const Sample kSamples[] = {
#include "api/samples_tried.inc"
};

}  // namespace

int main() {
  std::map<std::string, int> totals;
  std::vector<std::string> order;
  std::map<std::string, std::map<std::string, int>> per_header;
  const char* header = "";
  for (const Entry& e : kEntries) {
    if (e.name == nullptr) {
      header = e.header;
      order.push_back(header);
      continue;
    }
    ++totals[e.state];
    ++per_header[header][e.state];
  }
  const int all = totals["IMPLEMENTED"] + totals["PARTIAL"] + totals["UNSUPPORTED"];
  std::printf("# AscendCL compatibility\n\n");
  std::printf("Generated from `src/api/api_table.inc` by `cmake --build build --target compat_doc`; do not edit.\n\n");
  std::printf("Every function of the public headers is exported by `libascendcl.so`. An *unsupported* one returns\n"
              "`ACL_ERROR_FEATURE_UNSUPPORTED` (200006) and says so in `aclGetRecentErrMsg()`.\n\n");
  std::printf("| header | implemented | partial | unsupported |\n|---|---|---|---|\n");
  for (const std::string& h : order) {
    auto& c = per_header[h];
    std::printf("| `%s` | %d | %d | %d |\n", h.c_str(), c["IMPLEMENTED"], c["PARTIAL"], c["UNSUPPORTED"]);
  }
  std::printf("| **all %d** | %d | %d | %d |\n", all, totals["IMPLEMENTED"], totals["PARTIAL"], totals["UNSUPPORTED"]);
  header = "";
  for (const Entry& e : kEntries) {
    if (e.name == nullptr) {
      header = e.header;
      std::printf("\n## `%s`\n\n| function | state | signature |\n|---|---|---|\n", header);
      continue;
    }
    std::string state = e.state;
    for (auto& ch : state) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (*e.note != '\0') state += std::string(": ") + e.note;
    std::printf("| `%s` | %s | `%s` |\n", e.name, state.c_str(), e.signature);
  }
  std::printf("\n## Huawei's samples tried\n\n"
              "Built unchanged against an aclsim install and run on generated inputs by\n"
              "`scripts/try-huawei-samples.sh PATH/TO/Ascend-samples`, which checks each output against a\n"
              "reference computed without aclsim; its `--record` option wrote this table's rows\n"
              "(`src/api/samples_tried.inc`).\n\n"
              "| sample (github.com/Ascend/samples) | result | output check |\n|---|---|---|\n");
  for (const Sample& s : kSamples) std::printf("| `%s` | %s | %s |\n", s.path, s.result, s.check);
  return 0;
}
