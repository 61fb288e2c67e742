// libFuzzer target for everything that reads an .om of kind "model": the container (ParseOm),
// the graph section (ParseGraph) and planning (BuildPlan through Model, which runs every node's
// shape function). A malformed file must end in aclsim::Error — any other exception, a crash or
// a sanitizer report is a bug. Built and run by scripts/test-fuzz.sh (clang, ASan + UBSan).
#include <cstddef>
#include <cstdint>
#include <memory>

#include "common/error.h"
#include "model/model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const aclsim::model::Model model(nullptr, data, size, "fuzz input");
  } catch (const aclsim::Error&) {
    // The documented outcome for a file that is not a valid model.
  }
  return 0;
}
