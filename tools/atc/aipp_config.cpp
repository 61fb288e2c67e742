#include "aipp_config.h"

#include <cctype>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "acl/acl_mdl.h"
#include "common/error.h"

namespace aclsim::atc {
namespace {

namespace aipp = sim::aipp;

struct Token {
  std::string text;
  int line;
  bool quoted = false;
};

std::vector<Token> Tokenize(const std::string& text, const std::string& path) {
  std::vector<Token> tokens;
  int line = 1;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\n') {
      ++line, ++i;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '{' || c == '}' || c == ':') {
      tokens.push_back({std::string(1, c), line});
      ++i;
    } else if (c == '"' || c == '\'') {
      const size_t end = text.find(c, i + 1);
      if (end == std::string::npos || text.find('\n', i) < end) {
        Fail(ACL_ERROR_INVALID_PARAM, "{}:{}: unterminated string", path, line);
      }
      tokens.push_back({text.substr(i + 1, end - i - 1), line, true});
      i = end + 1;
    } else {
      size_t end = i;
      while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) && text[end] != '{' &&
             text[end] != '}' && text[end] != ':' && text[end] != '#') {
        ++end;
      }
      tokens.push_back({text.substr(i, end - i), line});
      i = end;
    }
  }
  return tokens;
}

// One `key: value` of an aipp_op, converted and range-checked.
class Entry {
 public:
  Entry(const std::string& path, const Token& key, const Token& value) : path_(path), key_(key), value_(value) {}

  [[noreturn]] void Bad(const std::string& why) const {
    Fail(ACL_ERROR_INVALID_PARAM, "{}:{}: {}: {}", path_, key_.line, key_.text, why);
  }
  bool Bool() const {
    if (value_.text == "true" || value_.text == "1") return true;
    if (value_.text == "false" || value_.text == "0") return false;
    Bad("\"" + value_.text + "\" is not true or false");
  }
  int64_t Int(int64_t low, int64_t high) const {
    const double v = Number();
    if (v != std::floor(v)) Bad("\"" + value_.text + "\" is not an integer");
    if (v < static_cast<double>(low) || v > static_cast<double>(high)) {
      Bad(fmt::format("{} is out of range [{}, {}]", value_.text, low, high));
    }
    return static_cast<int64_t>(v);
  }
  float Float(double low, double high) const {
    const double v = Number();
    if (v < low || v > high) Bad(fmt::format("{} is out of range [{}, {}]", value_.text, low, high));
    return static_cast<float>(v);
  }
  const std::string& Word() const { return value_.text; }

 private:
  double Number() const {
    const std::string& t = value_.text;
    size_t used = 0;
    double v = 0;
    try {
      v = std::stod(t, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (value_.quoted || used == 0 || used != t.size() || !std::isfinite(v)) Bad("\"" + t + "\" is not a number");
    return v;
  }

  const std::string& path_;
  const Token& key_;
  const Token& value_;
};

aipp::InputFormat ParseFormat(const Entry& e) {
  static const std::map<std::string, aipp::InputFormat> kSupported = {
      {"YUV420SP_U8", aipp::InputFormat::kYuv420sp}, {"XRGB8888_U8", aipp::InputFormat::kXrgb8888},
      {"RGB888_U8", aipp::InputFormat::kRgb888},     {"YUV400_U8", aipp::InputFormat::kYuv400},
      {"ARGB8888_U8", aipp::InputFormat::kArgb8888}, {"YUYV_U8", aipp::InputFormat::kYuyv},
      {"YUV422SP_U8", aipp::InputFormat::kYuv422sp}, {"AYUV444_U8", aipp::InputFormat::kAyuv444}};
  // Documented, but not 8-bit images: a float16/int8 feature map and raw sensor data, whose bit
  // packing and conversion (demosaicing) the documentation does not describe.
  static const char* const kDocumentedOthers[] = {"NC1HWC0DI_FP16", "NC1HWC0DI_S8", "RAW10", "RAW12", "RAW16", "RAW24"};
  const auto it = kSupported.find(e.Word());
  if (it != kSupported.end()) return it->second;
  for (const char* other : kDocumentedOthers) {
    if (e.Word() == other) {
      Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "input_format {} is not supported by aclsim: its AIPP converts the 8-bit "
           "image formats (YUV420SP_U8, XRGB8888_U8, RGB888_U8, YUV400_U8, ARGB8888_U8, YUYV_U8, YUV422SP_U8, "
           "AYUV444_U8), and the documentation does not describe how {} is laid out or converted", e.Word(), e.Word());
    }
  }
  e.Bad("\"" + e.Word() + "\" is not an AIPP input format (YUV420SP_U8, XRGB8888_U8, RGB888_U8, YUV400_U8, "
        "ARGB8888_U8, YUYV_U8, YUV422SP_U8, AYUV444_U8, ...)");
}

// Applies one key to `config`; false for a key the format does not have.
bool Apply(AippConfig& config, const std::string& key, const Entry& e) {
  aipp::Params& p = config.params;
  aipp::BatchParams& b = p.batches[0];
  if (key == "aipp_mode") {
    if (e.Word() != "static" && e.Word() != "dynamic") e.Bad("\"" + e.Word() + "\" is not static or dynamic");
    config.dynamic = e.Word() == "dynamic";
  } else if (key == "related_input_rank") {
    config.related_input_rank = e.Int(0, 1 << 20);
  } else if (key == "related_input_name") {
    config.related_input_name = e.Word();
  } else if (key == "input_edge_idx") {
    if (e.Int(0, 1 << 20) != 0) Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "input_edge_idx other than 0 is not supported by aclsim");
  } else if (key == "max_src_image_size") {
    config.max_src_image_size = e.Int(1, int64_t{1} << 40);
  } else if (key == "support_rotation") {
    if (e.Bool()) Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "support_rotation is reserved and not supported");
  } else if (key == "input_format") {
    p.format = ParseFormat(e);
  } else if (key == "src_image_size_w") {
    p.src_w = static_cast<int32_t>(e.Int(0, 4096));
  } else if (key == "src_image_size_h") {
    p.src_h = static_cast<int32_t>(e.Int(0, 4096));
  } else if (key == "crop") {
    b.crop = e.Bool();
  } else if (key == "load_start_pos_w") {
    b.crop_x = static_cast<int32_t>(e.Int(0, 4095));
  } else if (key == "load_start_pos_h") {
    b.crop_y = static_cast<int32_t>(e.Int(0, 4095));
  } else if (key == "crop_size_w") {
    b.crop_w = static_cast<int32_t>(e.Int(0, 4096));
  } else if (key == "crop_size_h") {
    b.crop_h = static_cast<int32_t>(e.Int(0, 4096));
  } else if (key == "resize") {
    if (e.Bool()) Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "resize is not supported by aclsim's AIPP, as by most devices");
  } else if (key == "resize_output_w") {
    e.Int(0, 1920);
  } else if (key == "resize_output_h") {
    e.Int(0, 4096);
  } else if (key == "padding") {
    b.padding = e.Bool();
  } else if (key == "left_padding_size") {
    b.pad_left = static_cast<int32_t>(e.Int(0, 32));
  } else if (key == "right_padding_size") {
    b.pad_right = static_cast<int32_t>(e.Int(0, 32));
  } else if (key == "top_padding_size") {
    b.pad_top = static_cast<int32_t>(e.Int(0, 32));
  } else if (key == "bottom_padding_size") {
    b.pad_bottom = static_cast<int32_t>(e.Int(0, 32));
  } else if (key == "padding_value") {
    p.padding_value = e.Float(-65504, 65504);
  } else if (key == "csc_switch") {
    p.csc = e.Bool();
  } else if (key == "rbuv_swap_switch") {
    p.rbuv_swap = e.Bool();
  } else if (key == "ax_swap_switch") {
    p.ax_swap = e.Bool();
  } else if (key == "single_line_mode") {
    if (e.Bool()) Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "single_line_mode is not supported by aclsim");
  } else if (key.size() == 11 && key.compare(0, 8, "matrix_r") == 0 && key[9] == 'c' && key[8] >= '0' &&
             key[8] <= '2' && key[10] >= '0' && key[10] <= '2') {
    p.matrix[(key[8] - '0') * 3 + (key[10] - '0')] = static_cast<int32_t>(e.Int(-32768, 32767));
  } else if (key.size() == 13 && key.compare(0, 12, "output_bias_") == 0 && key[12] >= '0' && key[12] <= '2') {
    p.output_bias[key[12] - '0'] = static_cast<int32_t>(e.Int(0, 255));
  } else if (key.size() == 12 && key.compare(0, 11, "input_bias_") == 0 && key[11] >= '0' && key[11] <= '2') {
    p.input_bias[key[11] - '0'] = static_cast<int32_t>(e.Int(0, 255));
  } else if (key.size() == 10 && key.compare(0, 9, "mean_chn_") == 0 && key[9] >= '0' && key[9] <= '3') {
    b.mean[key[9] - '0'] = static_cast<int32_t>(e.Int(0, 255));
  } else if (key.size() == 9 && key.compare(0, 8, "min_chn_") == 0 && key[8] >= '0' && key[8] <= '3') {
    b.min[key[8] - '0'] = e.Float(0, 255);
  } else if (key.size() == 14 && key.compare(0, 13, "var_reci_chn_") == 0 && key[13] >= '0' && key[13] <= '3') {
    b.var_reci[key[13] - '0'] = e.Float(-65504, 65504);
  } else {
    return false;
  }
  return true;
}

// The configuration template's defaults: the BT.601 narrow-range YUV -> BGR matrix and biases.
AippConfig Defaults(int line) {
  AippConfig config;
  config.line = line;
  config.params.matrix = {298, 516, 0, 298, -100, -208, 298, 0, 409};
  config.params.output_bias = {16, 128, 128};
  config.params.input_bias = {16, 128, 128};
  config.params.batches.emplace_back();
  return config;
}

}  // namespace

std::vector<AippConfig> ParseAippConfig(const std::string& text, const std::string& path) {
  const std::vector<Token> tokens = Tokenize(text, path);
  std::vector<AippConfig> configs;
  size_t i = 0;
  auto expect = [&](const char* what, const Token& after) -> const Token& {
    if (i >= tokens.size()) Fail(ACL_ERROR_INVALID_PARAM, "{}:{}: expected {} after \"{}\"", path, after.line, what, after.text);
    return tokens[i++];
  };
  while (i < tokens.size()) {
    const Token& block = tokens[i++];
    if (block.text != "aipp_op") {
      Fail(ACL_ERROR_INVALID_PARAM, "{}:{}: \"{}\": the file holds aipp_op {{ ... }} blocks", path, block.line, block.text);
    }
    const Token* open = &expect("{", block);
    if (open->text == ":") open = &expect("{", *open);
    if (open->text != "{") Fail(ACL_ERROR_INVALID_PARAM, "{}:{}: expected {{ after aipp_op", path, open->line);
    AippConfig config = Defaults(block.line);
    for (;;) {
      const Token& key = expect("a key or }", *open);
      if (key.text == "}") break;
      if (key.text == "{" || key.text == ":" || key.quoted) {
        Fail(ACL_ERROR_INVALID_PARAM, "{}:{}: expected a key, found \"{}\"", path, key.line, key.text);
      }
      const Token& colon = expect(":", key);
      if (colon.text != ":") Fail(ACL_ERROR_INVALID_PARAM, "{}:{}: {}: expected \":\" after the key", path, key.line, key.text);
      const Token& value = expect("a value", colon);
      if (!value.quoted && (value.text == "{" || value.text == "}" || value.text == ":")) {
        Fail(ACL_ERROR_INVALID_PARAM, "{}:{}: {}: a value is missing", path, key.line, key.text);
      }
      if (!config.given.insert(key.text).second) {
        Fail(ACL_ERROR_INVALID_PARAM, "{}:{}: {} is given twice in one aipp_op", path, key.line, key.text);
      }
      if (!Apply(config, key.text, Entry(path, key, value))) {
        Fail(ACL_ERROR_INVALID_PARAM, "{}:{}: unknown key \"{}\" in aipp_op", path, key.line, key.text);
      }
    }
    if (config.given.count("aipp_mode") == 0) {
      Fail(ACL_ERROR_INVALID_PARAM, "{}:{}: aipp_op needs aipp_mode (static or dynamic)", path, config.line);
    }
    if (!config.dynamic && config.given.count("input_format") == 0) {
      Fail(ACL_ERROR_INVALID_PARAM, "{}:{}: a static aipp_op needs input_format", path, config.line);
    }
    if (config.dynamic && config.max_src_image_size == 0) {
      Fail(ACL_ERROR_INVALID_PARAM, "{}:{}: a dynamic aipp_op needs max_src_image_size", path, config.line);
    }
    configs.push_back(std::move(config));
  }
  if (configs.empty()) Fail(ACL_ERROR_INVALID_PARAM, "{}: no aipp_op in the file", path);
  return configs;
}

std::vector<AippConfig> ReadAippConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Fail(ACL_ERROR_INVALID_PARAM, "--insert_op_conf: cannot read {}", path);
  std::stringstream text;
  text << in.rdbuf();
  return ParseAippConfig(text.str(), path);
}

namespace {

int32_t AddTensor(model::ModelGraph& graph, const std::string& name, std::vector<int64_t> dims, sim::Format format) {
  graph.tensors.push_back(model::GraphTensor{name, sim::DType::kUInt8, format, std::move(dims), std::nullopt});
  return static_cast<int32_t>(graph.tensors.size() - 1);
}

}  // namespace

void InsertAipp(model::ModelGraph& graph, const std::vector<AippConfig>& configs, const std::string& path) {
  if (graph.dynamic.kind != model::DynamicKind::kNone) {
    Fail(ACL_ERROR_FEATURE_UNSUPPORTED, "--insert_op_conf together with dynamic gears is not supported by aclsim yet");
  }
  const size_t data_inputs = graph.inputs.size();
  std::set<size_t> done;
  std::vector<model::GraphNode> aipp_nodes;
  int dynamic_count = 0;
  for (const AippConfig& config : configs) {
    auto bad = [&](const std::string& why) {
      Fail(ACL_ERROR_INVALID_PARAM, "{}:{}: aipp_op: {}", path, config.line, why);
    };
    size_t k = static_cast<size_t>(config.related_input_rank);
    if (!config.related_input_name.empty()) {
      k = 0;
      while (k < data_inputs && graph.tensors[graph.inputs[k]].name != config.related_input_name) ++k;
      if (k == data_inputs) bad("related_input_name \"" + config.related_input_name + "\" is not an input of the model");
    } else if (k >= data_inputs) {
      bad(fmt::format("related_input_rank {} is out of range: the model has {} inputs", k, data_inputs));
    }
    if (!done.insert(k).second) bad(fmt::format("input {} is configured by more than one aipp_op", k));
    const int32_t original = graph.inputs[k];
    model::GraphTensor& t = graph.tensors[original];
    const std::string name = t.name;
    if (t.dims.size() != 4 || (t.dtype != sim::DType::kFloat32 && t.dtype != sim::DType::kFloat16)) {
      bad(fmt::format("input {} (\"{}\") is {} {}; AIPP needs a 4-D float NCHW image input", k, name,
                      sim::Name(t.dtype), sim::ToString(t.dims)));
    }
    for (int64_t d : t.dims) {
      if (d <= 0) bad(fmt::format("input {} (\"{}\") has dims {}; AIPP needs static dims", k, name, sim::ToString(t.dims)));
    }
    const int64_t n = t.dims[0], c = t.dims[1], h = t.dims[2], w = t.dims[3];
    const std::vector<int64_t> out_shape = t.dims;
    const sim::DType out_type = t.dtype;
    t.name = name + "/aipp_out";
    t.format = sim::Format::kNCHW;

    model::GraphNode node{name + "/aipp", "Aipp", {}, {original}, {}};
    node.attrs["related_input_rank"] = static_cast<int64_t>(k);
    node.attrs["output_shape"] = out_shape;
    node.attrs["output_type"] = out_type;
    if (config.dynamic) {
      node.attrs["aipp_mode"] = std::string("dynamic");
      node.attrs["max_src_image_size"] = config.max_src_image_size;
      const int32_t images = AddTensor(graph, name, {config.max_src_image_size}, sim::Format::kND);
      const std::string params_name = dynamic_count == 0 ? std::string(ACL_DYNAMIC_AIPP_NAME)
                                                         : fmt::format("{}_{}", ACL_DYNAMIC_AIPP_NAME, dynamic_count);
      ++dynamic_count;
      const int32_t params = AddTensor(graph, params_name, {static_cast<int64_t>(aipp::DynamicDataBytes(n))}, sim::Format::kND);
      node.inputs = {images, params};
      graph.inputs[k] = images;
      graph.inputs.push_back(params);
    } else {
      aipp::Params p = config.params;
      // 0 takes the model's size (crop and padding need the source size given).
      aipp::BatchParams& b = p.batches[0];
      const int64_t pad_w = b.padding ? b.pad_left + b.pad_right : 0, pad_h = b.padding ? b.pad_top + b.pad_bottom : 0;
      if (b.crop && b.crop_w == 0) b.crop_w = static_cast<int32_t>(w - pad_w);
      if (b.crop && b.crop_h == 0) b.crop_h = static_cast<int32_t>(h - pad_h);
      if (p.src_w == 0) p.src_w = static_cast<int32_t>(b.crop ? b.crop_x + b.crop_w : w - pad_w);
      if (p.src_h == 0) p.src_h = static_cast<int32_t>(b.crop ? b.crop_y + b.crop_h : h - pad_h);
      try {
        aipp::CheckAgainst(p, w, h, ACL_ERROR_INVALID_PARAM);
      } catch (const Error& e) {
        bad(fmt::format("input {} (\"{}\", {}): {}", k, name, sim::ToString(t.dims), e.what()));
      }
      if (c > aipp::Channels(p.format)) {
        bad(fmt::format("input {} (\"{}\") has {} channels, a {} image gives {}", k, name, c, aipp::FormatName(p.format),
                        aipp::Channels(p.format)));
      }
      node.attrs["aipp_mode"] = std::string("static");
      aipp::ToAttrs(p, node.attrs);
      const int32_t images = AddTensor(graph, name, aipp::SourceDims(p.format, n, p.src_w, p.src_h), sim::Format::kNHWC);
      node.inputs = {images};
      graph.inputs[k] = images;
    }
    aipp_nodes.push_back(std::move(node));
  }
  graph.nodes.insert(graph.nodes.begin(), aipp_nodes.begin(), aipp_nodes.end());
}

}  // namespace aclsim::atc
