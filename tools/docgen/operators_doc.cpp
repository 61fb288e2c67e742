// Prints docs/operators.md from the simulator's operator registry, so the table cannot drift
// from the code: every operator, its data types, its attributes with defaults, its input count.
#include <cstdio>
#include <string>

#include "sim/registry.h"

int main() {
  const auto& ops = aclsim::sim::Kernels().ops();
  std::printf("# Operators of the simulated NPU\n\n");
  std::printf("Generated from the operator registry (`src/sim/kernels/`) by `cmake --build build --target "
              "operators_doc`; do not edit.\n\n");
  std::printf("%zu operators, named and parameterised as CANN's operator specification names them. Every one has a "
              "shape function (used by `atc`, `aclopInferShape` and model loading) and a kernel tested against a "
              "naive reference (`tests/unit/sim/`).\n\n",
              ops.size());
  std::printf("| operator | inputs | data types | attributes (default) |\n|---|---|---|---|\n");
  for (const auto& [type, def] : ops) {
    std::string inputs = std::to_string(def.min_inputs);
    if (def.max_inputs < 0) inputs += "+";
    else if (def.max_inputs != def.min_inputs) inputs += "–" + std::to_string(def.max_inputs);
    std::string attrs;
    for (const auto& a : def.attrs) {
      attrs += (attrs.empty() ? "" : ", ") + std::string("`") + a.name + "` " + a.kind;
      attrs += a.default_value.empty() ? " (required)" : " (" + a.default_value + ")";
    }
    std::printf("| %s | %s | %s | %s |\n", type.c_str(), inputs.c_str(), def.dtypes.c_str(),
                attrs.empty() ? "—" : attrs.c_str());
  }
  return 0;
}
