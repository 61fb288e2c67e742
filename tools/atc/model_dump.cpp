#include "model_dump.h"

#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "model/graph.h"
#include "model/model.h"
#include "model/om_format.h"

namespace aclsim::atc {

std::string DumpModelJson(const std::string& om_path, const std::string& json_path) {
  const model::MappedFile file(om_path);
  const model::OmView om = model::ParseOm(file.data(), file.size(), om_path);
  if (om.kind != model::OmKind::kModel) {
    Fail(ACL_ERROR_PARSE_MODEL, "\"{}\" is a single-operator model, not a model (--mode=1 dumps models)", om_path);
  }
  // Parsed and planned as aclmdlLoad* would, so the dump shows what the loader sees.
  const model::Model model(nullptr, file.data(), file.size(), om_path);
  const model::ModelGraph& graph = model.graph();
  nlohmann::json dump = nlohmann::json::parse(model::SerializeGraph(graph));
  std::string plans;
  for (const model::ExecutionPlan& plan : model.plans()) {
    dump["memory_plan"].push_back({{"gear", plan.gear}, {"work_bytes", plan.work_size},
                                   {"work_bytes_without_reuse", plan.naive_work_size}});
    plans += fmt::format("{}{} bytes of work memory ({} without reuse)", plans.empty() ? "" : "; ", plan.work_size,
                         plan.naive_work_size);
  }
  const std::string text = dump.dump(2);
  std::ofstream out(json_path, std::ios::binary | std::ios::trunc);
  out << text << '\n';
  out.close();
  if (!out) Fail(ACL_ERROR_WRITE_FILE, "cannot write \"{}\"", json_path);
  size_t constants = 0;
  for (const auto& t : graph.tensors) constants += t.weight ? 1 : 0;
  return fmt::format("{} nodes, {} tensors ({} constants, {} bytes of weights), {} inputs, {} outputs; {}",
                     graph.nodes.size(), graph.tensors.size(), constants, om.weights_size, graph.inputs.size(),
                     graph.outputs.size(), plans);
}

}  // namespace aclsim::atc
