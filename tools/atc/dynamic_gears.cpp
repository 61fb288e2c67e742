#include "dynamic_gears.h"

#include <cstring>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/error.h"
#include "common/text.h"
#include "onnx/onnx_model.h"

namespace aclsim::atc {
namespace {

using model::DynamicKind;

std::vector<int64_t> ParseList(const std::string& text, const std::string& option) {
  std::vector<int64_t> values;
  for (const std::string& item : SplitFields(text, ',')) {
    if (item.empty()) continue;  // "1,2," as "1,2"
    size_t used = 0;
    int64_t v = 0;
    try {
      v = std::stoll(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != item.size() || v <= 0) {
      Fail(ACL_ERROR_INVALID_PARAM, "--{}: \"{}\" is not a positive integer", option, item);
    }
    values.push_back(v);
  }
  return values;
}

// The model's data inputs in model order, with the dims --input_shape gives them (or none).
std::vector<std::pair<std::string, std::vector<int64_t>>> ShapedInputs(const onnx_import::ImportOptions& options) {
  const onnx::ModelProto proto = onnx_import::LoadModel(options.model_path);
  std::set<std::string> initializers;
  for (const auto& init : proto.graph().initializer()) initializers.insert(init.name());
  std::vector<std::pair<std::string, std::vector<int64_t>>> inputs;
  for (const auto& info : proto.graph().input()) {
    if (initializers.count(info.name())) continue;
    const auto it = options.input_shapes.find(info.name());
    inputs.emplace_back(info.name(), it == options.input_shapes.end() ? std::vector<int64_t>{} : it->second);
  }
  return inputs;
}

// --input_shape with the -1 dims filled in from `gear`, in model input order: every -1 takes the
// batch; image sizes fill each input's -1s as height, width; dims fill the -1s one after another.
std::map<std::string, std::vector<int64_t>> ShapesForGear(
    const std::vector<std::pair<std::string, std::vector<int64_t>>>& inputs, DynamicKind kind,
    const std::vector<int64_t>& gear) {
  std::map<std::string, std::vector<int64_t>> shapes;
  size_t next = 0;
  for (const auto& [name, dims] : inputs) {
    if (dims.empty()) continue;
    std::vector<int64_t> filled = dims;
    for (int64_t& d : filled) {
      if (d >= 0) continue;
      if (kind == DynamicKind::kBatch) d = gear[0];
      else if (kind == DynamicKind::kImageSize) d = gear[next++ % 2];
      else d = gear[next++];
    }
    shapes[name] = filled;
  }
  return shapes;
}

void CheckGearsFitTheShapes(const std::vector<std::pair<std::string, std::vector<int64_t>>>& inputs, const Gears& gears) {
  size_t unknown = 0;
  for (const auto& [name, dims] : inputs) {
    size_t here = 0;
    for (int64_t d : dims) here += d < 0 ? 1 : 0;
    if (gears.kind == DynamicKind::kImageSize && here != 0 && here != 2) {
      Fail(ACL_ERROR_INVALID_PARAM, "--dynamic_image_size: --input_shape gives input \"{}\" {} dims of -1; an image "
           "input has exactly two (height and width)", name, here);
    }
    unknown += here;
  }
  if (unknown == 0) {
    Fail(ACL_ERROR_INVALID_PARAM, "dynamic gears need dims of -1 in --input_shape to fill in, and it has none");
  }
  for (const auto& gear : gears.values) {
    const size_t wanted = gears.kind == DynamicKind::kBatch ? 1 : gears.kind == DynamicKind::kImageSize ? 2 : unknown;
    if (gear.size() != wanted) {
      Fail(ACL_ERROR_INVALID_PARAM, "gear [{}] has {} values; each gear needs {} (--input_shape has {} dims of -1)",
           fmt::join(gear, ","), gear.size(), wanted, unknown);
    }
  }
}

// Merges the per-gear graphs into `merged` (the first one); throws when they differ beyond dims.
void Merge(onnx_import::ImportResult& merged, const onnx_import::ImportResult& other, const std::vector<int64_t>& gear) {
  model::ModelGraph& g = merged.graph;
  const model::ModelGraph& o = other.graph;
  auto refuse = [&](const std::string& what) {
    Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "the model cannot take dynamic gears: for gear [{}] {}, so one graph cannot "
         "serve every gear (aclsim needs the graph to depend on the gear through its dims only)",
         fmt::join(gear, ","), what);
  };
  if (o.nodes.size() != g.nodes.size() || o.tensors.size() != g.tensors.size()) {
    refuse(fmt::format("the converted graph has {} operators and {} tensors instead of {} and {}", o.nodes.size(),
                       o.tensors.size(), g.nodes.size(), g.tensors.size()));
  }
  for (size_t n = 0; n < g.nodes.size(); ++n) {
    const auto &a = g.nodes[n], &b = o.nodes[n];
    if (a.type != b.type || a.inputs != b.inputs || a.outputs != b.outputs || a.attrs != b.attrs) {
      refuse(fmt::format("operator {} (\"{}\", {}) comes out differently", n, a.name, a.type));
    }
  }
  for (size_t t = 0; t < g.tensors.size(); ++t) {
    model::GraphTensor& a = g.tensors[t];
    const model::GraphTensor& b = o.tensors[t];
    if (a.weight.has_value() != b.weight.has_value() || a.dtype != b.dtype || a.dims.size() != b.dims.size()) {
      refuse(fmt::format("tensor \"{}\" comes out differently", a.name));
    }
    if (a.weight) {
      const bool same = a.weight->size == b.weight->size &&
                        std::memcmp(merged.weights.data() + a.weight->offset, other.weights.data() + b.weight->offset,
                                    a.weight->size) == 0;
      if (!same) refuse(fmt::format("the constant \"{}\" (folded at conversion) has another value", a.name));
    }
    for (size_t d = 0; d < a.dims.size(); ++d) {
      if (a.dims[d] != b.dims[d]) a.dims[d] = -1;
    }
  }
}

}  // namespace

Gears ParseGears(const Options& options) {
  Gears gears;
  const std::pair<const char*, DynamicKind> kinds[] = {{"dynamic_batch_size", DynamicKind::kBatch},
                                                       {"dynamic_image_size", DynamicKind::kImageSize},
                                                       {"dynamic_dims", DynamicKind::kDims}};
  for (const auto& [option, kind] : kinds) {
    const auto text = options.Get(option);
    if (!text) continue;
    if (gears.kind != DynamicKind::kNone) {
      Fail(ACL_ERROR_INVALID_PARAM, "--dynamic_batch_size, --dynamic_image_size and --dynamic_dims exclude each other");
    }
    gears.kind = kind;
    if (kind == DynamicKind::kBatch) {
      for (int64_t batch : ParseList(*text, option)) gears.values.push_back({batch});
    } else {
      for (const std::string& gear : SplitFields(*text, ';')) {
        if (!gear.empty()) gears.values.push_back(ParseList(gear, option));
      }
    }
    if (gears.values.empty()) Fail(ACL_ERROR_INVALID_PARAM, "--{} lists no gear", option);
    for (size_t i = 0; i < gears.values.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (gears.values[i] == gears.values[j]) {
          Fail(ACL_ERROR_INVALID_PARAM, "--{} lists gear [{}] twice", option, fmt::join(gears.values[i], ","));
        }
      }
    }
  }
  return gears;
}

onnx_import::ImportResult ImportWithGears(const onnx_import::ImportOptions& options, const Gears& gears) {
  const auto inputs = ShapedInputs(options);
  CheckGearsFitTheShapes(inputs, gears);
  onnx_import::ImportResult merged;
  for (size_t i = 0; i < gears.values.size(); ++i) {
    onnx_import::ImportOptions one = options;
    one.input_shapes = ShapesForGear(inputs, gears.kind, gears.values[i]);
    onnx_import::ImportResult result = onnx_import::ImportOnnx(one);
    if (i == 0) merged = std::move(result);
    else Merge(merged, result, gears.values[i]);
  }
  model::ModelGraph& g = merged.graph;
  g.tensors.push_back(model::GraphTensor{model::kDynamicInputName, sim::DType::kInt64, sim::Format::kND,
                                         {static_cast<int64_t>(gears.values[0].size())}, std::nullopt});
  g.inputs.push_back(static_cast<int32_t>(g.tensors.size() - 1));
  g.dynamic = model::DynamicGears{gears.kind, gears.values};
  return merged;
}

}  // namespace aclsim::atc
