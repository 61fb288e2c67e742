#include "model/aipp_info.h"

#include "common/error.h"

namespace aclsim::model {

std::vector<InputAipp> DescribeAipp(const ModelGraph& graph, const std::string& what) {
  std::vector<InputAipp> out(graph.inputs.size());
  auto input_of = [&](int32_t tensor) {
    for (size_t k = 0; k < graph.inputs.size(); ++k) {
      if (graph.inputs[k] == tensor) return static_cast<int32_t>(k);
    }
    return -1;
  };
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    const GraphNode& node = graph.nodes[n];
    if (node.type != "Aipp" || node.inputs.empty()) continue;
    const int32_t images = input_of(node.inputs[0]);
    if (images < 0) continue;  // an Aipp inside the graph: nothing the API describes
    InputAipp& info = out[images];
    info.node = static_cast<int32_t>(n);
    try {
      const sim::AttrReader attrs("Aipp", node.attrs);
      info.output_dims = attrs.Ints("output_shape");
      if (attrs.Has("output_type")) info.output_dtype = attrs.Type("output_type");
      if (attrs.String("aipp_mode", "static") == "dynamic") {
        const int32_t params = node.inputs.size() > 1 ? input_of(node.inputs[1]) : -1;
        if (params < 0) Fail(ACL_ERROR_PARSE_MODEL, "its parameter input is not a model input");
        info.kind = AippKind::kDynamic;
        info.linked = params;
        info.max_src_image_size = attrs.Int("max_src_image_size", 0);
        out[params].kind = AippKind::kParams;
        out[params].linked = images;
        out[params].node = info.node;
      } else {
        info.kind = AippKind::kStatic;
        info.params = sim::aipp::FromAttrs(attrs);
      }
    } catch (const Error& e) {
      Fail(ACL_ERROR_PARSE_MODEL, "{}: Aipp node {} (\"{}\"): {}", what, n, node.name, e.what());
    }
  }
  return out;
}

std::vector<int64_t> AippImageDims(const InputAipp& aipp) {
  const int64_t n = aipp.output_dims.empty() ? 1 : aipp.output_dims[0];
  return {n, aipp.params.src_h, aipp.params.src_w, sim::aipp::Channels(aipp.params.format)};
}

}  // namespace aclsim::model
