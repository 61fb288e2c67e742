// Convolutions and pooling (2-D on NCHW, 3-D on NCDHW; 1-D through a height of 1, dilated
// max pooling through MaxPool3D), normalizations, Gemm and MatMul, DepthToSpace/SpaceToDepth.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "ops.h"
#include "ops_common.h"

namespace aclsim::onnx_import {
namespace {

// A sliding window over the spatial dims: kernel size, strides, dilations and pads per dim.
struct Window {
  std::vector<int64_t> kernel, strides, dilations, begin, end;
};

// Reads kernel_shape/strides/dilations/pads/auto_pad for spatial sizes `in` and kernel `kernel`.
Window ReadWindow(const OnnxNode& node, const sim::Shape& in, const std::vector<int64_t>& kernel, bool dilations) {
  const size_t n = in.size();
  Window w;
  w.kernel = kernel;
  w.strides = node.Ints("strides", std::vector<int64_t>(n, 1));
  w.dilations = dilations ? node.Ints("dilations", std::vector<int64_t>(n, 1)) : std::vector<int64_t>(n, 1);
  if (w.strides.size() != n) node.FailAttr("strides", "must have {} values, has {}", n, w.strides.size());
  if (w.dilations.size() != n) node.FailAttr("dilations", "must have {} values, has {}", n, w.dilations.size());
  if (auto shape = node.OptionalInts("kernel_shape"); shape && *shape != kernel) {
    node.FailAttr("kernel_shape", "does not match the weight's spatial dims");
  }
  const std::string auto_pad = node.String("auto_pad", "NOTSET");
  w.begin.assign(n, 0);
  w.end.assign(n, 0);
  if (auto_pad == "NOTSET") {
    const auto pads = node.Ints("pads", std::vector<int64_t>(2 * n, 0));
    if (pads.size() != 2 * n) node.FailAttr("pads", "must have {} values, has {}", 2 * n, pads.size());
    for (size_t i = 0; i < n; ++i) {
      w.begin[i] = pads[i];
      w.end[i] = pads[i + n];
    }
  } else if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
    for (size_t i = 0; i < n; ++i) {
      const int64_t out = (in[i] + w.strides[i] - 1) / w.strides[i];
      const int64_t total =
          std::max<int64_t>(0, (out - 1) * w.strides[i] + (w.kernel[i] - 1) * w.dilations[i] + 1 - in[i]);
      w.begin[i] = auto_pad == "SAME_UPPER" ? total / 2 : total - total / 2;
      w.end[i] = total - w.begin[i];
    }
  } else if (auto_pad != "VALID") {
    node.FailAttr("auto_pad", "\"{}\" is not NOTSET, SAME_UPPER, SAME_LOWER or VALID", auto_pad);
  }
  return w;
}

// 1-D windows become 2-D with a height of 1; `max_rank` is 3 where a 3-D operator exists.
int64_t SpatialRank(const OnnxNode& node, const GraphBuilder& b, int32_t x, int64_t max_rank = 2) {
  const int64_t spatial = b.Rank(x) - 2;
  if (spatial < 1 || spatial > max_rank) {
    node.Fail("{}-D input {}: only 1-D {} {}-D windows are supported", spatial, sim::ToString(b.Dims(x)),
              max_rank == 2 ? "and" : "to", max_rank);
  }
  return spatial;
}

sim::Shape LiftTo2D(const sim::Shape& s) { return {s[0], s[1], 1, s[2]}; }

// (N, C, spatial...) with leading spatial dims of 1 up to `rank` dims.
sim::Shape LiftTo(const sim::Shape& s, size_t rank) {
  sim::Shape out = s;
  out.insert(out.begin() + 2, rank - s.size(), 1);
  return out;
}

// 4-value NCHW attribute of (h, w).
std::vector<int64_t> Nchw(int64_t h, int64_t w, int64_t nc = 1) { return {nc, nc, h, w}; }

void LiftWindow(Window& w) {
  w.kernel.insert(w.kernel.begin(), 1);
  w.strides.insert(w.strides.begin(), 1);
  w.dilations.insert(w.dilations.begin(), 1);
  w.begin.insert(w.begin.begin(), 0);
  w.end.insert(w.end.begin(), 0);
}

}  // namespace

void ConvertConv(const OnnxNode& node, GraphBuilder& b) {
  int32_t x = node.Input(0), weight = node.Input(1);
  const int32_t bias = node.OptionalInput(2);
  const int64_t spatial = SpatialRank(node, b, x, 3);
  if (b.Rank(weight) != b.Rank(x)) node.Fail("weight {} must have the input's rank", sim::ToString(b.Dims(weight)));
  const sim::Shape& xs = b.Dims(x);
  const sim::Shape& ws = b.Dims(weight);
  Window w = ReadWindow(node, sim::Shape(xs.begin() + 2, xs.end()), std::vector<int64_t>(ws.begin() + 2, ws.end()), true);
  if (spatial == 3) {
    const sim::Attrs attrs = {
        {"strides", std::vector<int64_t>{1, 1, w.strides[0], w.strides[1], w.strides[2]}},
        {"pads", std::vector<int64_t>{w.begin[0], w.end[0], w.begin[1], w.end[1], w.begin[2], w.end[2]}},
        {"dilations", std::vector<int64_t>{1, 1, w.dilations[0], w.dilations[1], w.dilations[2]}},
        {"groups", node.Int("group", 1)},
        {"data_format", std::string("NCDHW")}};
    b.Emit1("Conv3D", {x, weight, bias}, attrs, node.Output(0));
    return;
  }
  if (spatial == 1) {
    x = b.Reshape(x, LiftTo2D(xs));
    weight = b.Reshape(weight, LiftTo2D(ws));
    LiftWindow(w);
  }
  const sim::Attrs attrs = {{"strides", Nchw(w.strides[0], w.strides[1])},
                            {"pads", std::vector<int64_t>{w.begin[0], w.end[0], w.begin[1], w.end[1]}},
                            {"dilations", Nchw(w.dilations[0], w.dilations[1])},
                            {"groups", node.Int("group", 1)},
                            {"data_format", std::string("NCHW")}};
  const int32_t y = b.Emit1("Conv2D", {x, weight, bias}, attrs, spatial == 1 ? "" : node.Output(0));
  if (spatial == 1) {
    const sim::Shape& ys = b.Dims(y);
    b.Reshape(y, {ys[0], ys[1], ys[3]}, node.Output(0));
  }
}

void ConvertConvTranspose(const OnnxNode& node, GraphBuilder& b) {
  int32_t x = node.Input(0), weight = node.Input(1);
  const int32_t bias = node.OptionalInput(2);
  const int64_t spatial = SpatialRank(node, b, x);
  const sim::Shape xs = b.Dims(x);
  const sim::Shape ws = b.Dims(weight);
  const size_t n = static_cast<size_t>(spatial);
  const int64_t group = node.Int("group", 1);
  std::vector<int64_t> strides = node.Ints("strides", std::vector<int64_t>(n, 1));
  std::vector<int64_t> dilations = node.Ints("dilations", std::vector<int64_t>(n, 1));
  std::vector<int64_t> out_pad = node.Ints("output_padding", std::vector<int64_t>(n, 0));
  std::vector<int64_t> pads = node.Ints("pads", std::vector<int64_t>(2 * n, 0));
  if (strides.size() != n || dilations.size() != n || out_pad.size() != n || pads.size() != 2 * n) {
    node.Fail("strides, dilations, output_padding and pads must have one value per spatial dim ({})", n);
  }
  const std::string auto_pad = node.String("auto_pad", "NOTSET");
  if (auto_pad != "NOTSET" && auto_pad != "VALID" && auto_pad != "SAME_UPPER" && auto_pad != "SAME_LOWER") {
    node.FailAttr("auto_pad", "\"{}\" is not NOTSET, SAME_UPPER, SAME_LOWER or VALID", auto_pad);
  }
  if (auto_pad == "VALID") pads.assign(2 * n, 0);
  std::vector<int64_t> out(n);
  auto output_shape = node.OptionalInts("output_shape");
  if (output_shape && output_shape->size() == n + 2) output_shape->erase(output_shape->begin(), output_shape->begin() + 2);
  if (output_shape && output_shape->size() != n) node.FailAttr("output_shape", "must have {} values", n);
  for (size_t i = 0; i < n; ++i) {
    const int64_t extent = strides[i] * (xs[i + 2] - 1) + out_pad[i] + (ws[i + 2] - 1) * dilations[i] + 1;
    if (output_shape || auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
      out[i] = output_shape ? (*output_shape)[i] : xs[i + 2] * strides[i];
      // A negative total (a larger output than the strides give) is a negative trailing pad,
      // which is output_padding; a negative leading pad cannot be expressed.
      const int64_t total = extent - out[i];
      const int64_t half = total >= 0 ? total / 2 : -((1 - total) / 2);  // floor(total / 2)
      pads[i] = auto_pad == "SAME_UPPER" ? half : total - half;
      pads[i + n] = total - pads[i];
      if (pads[i] < 0) node.FailAttr("output_shape", "is larger than the transposed convolution can produce");
      if (pads[i + n] < 0) {
        out_pad[i] -= pads[i + n];
        pads[i + n] = 0;
      }
    } else {
      out[i] = extent - pads[i] - pads[i + n];
    }
  }
  if (spatial == 1) {
    x = b.Reshape(x, LiftTo2D(xs));
    weight = b.Reshape(weight, LiftTo2D(ws));
    strides.insert(strides.begin(), 1);
    dilations.insert(dilations.begin(), 1);
    out_pad.insert(out_pad.begin(), 0);
    pads = {0, 0, pads[0], pads[1]};
    out.insert(out.begin(), 1);
  } else {
    pads = {pads[0], pads[2], pads[1], pads[3]};
  }
  const int64_t out_channels = ws[1] * group;
  const int32_t size = b.Int64s({xs[0], out_channels, out[0], out[1]});
  const sim::Attrs attrs = {{"strides", Nchw(strides[0], strides[1])},
                            {"pads", pads},
                            {"dilations", Nchw(dilations[0], dilations[1])},
                            {"groups", group},
                            {"output_padding", Nchw(out_pad[0], out_pad[1], 0)},
                            {"data_format", std::string("NCHW")}};
  const int32_t y = b.Emit1("Conv2DTranspose", {size, x, weight, bias}, attrs, spatial == 1 ? "" : node.Output(0));
  if (spatial == 1) b.Reshape(y, {xs[0], out_channels, out[1]}, node.Output(0));
}

// MaxPool3D / AvgPool3D on (N, C, D, H, W): 3-D windows, and dilated 1-D or 2-D max pooling
// lifted to a depth (and height) of 1.
void ConvertPool3D(const OnnxNode& node, GraphBuilder& b, bool max, int32_t x, Window w) {
  const sim::Shape xs = b.Dims(x);
  while (w.kernel.size() < 3) LiftWindow(w);
  if (xs.size() < 5) x = b.Reshape(x, LiftTo(xs, 5));
  auto spatial5 = [](const std::vector<int64_t>& v) { return std::vector<int64_t>{1, 1, v[0], v[1], v[2]}; };
  sim::Attrs attrs = {{"ksize", spatial5(w.kernel)},
                      {"strides", spatial5(w.strides)},
                      {"pads", std::vector<int64_t>{w.begin[0], w.end[0], w.begin[1], w.end[1], w.begin[2], w.end[2]}},
                      {"data_format", std::string("NCDHW")}};
  if (max) {
    attrs["padding_mode"] = std::string("CALCULATED");
    attrs["dilation"] = w.dilations;
    attrs["ceil_mode"] = node.Int("ceil_mode", 0) != 0 ? int64_t{1} : int64_t{0};
  } else {
    attrs["ceil_mode"] = node.Int("ceil_mode", 0) != 0;
    attrs["count_include_pad"] = node.Int("count_include_pad", 0) != 0;
  }
  if (xs.size() == 5) {
    b.Emit1(max ? "MaxPool3D" : "AvgPool3D", {x}, attrs, node.Output(0));
    return;
  }
  const int32_t y = b.Emit1(max ? "MaxPool3D" : "AvgPool3D", {x}, attrs);
  const sim::Shape& ys = b.Dims(y);
  sim::Shape out = {ys[0], ys[1]};
  out.insert(out.end(), ys.end() - static_cast<std::ptrdiff_t>(xs.size() - 2), ys.end());
  b.Reshape(y, out, node.Output(0));
}

// MaxPool and AveragePool on MaxPoolV3/AvgPoolV2 (explicit pads, floor or ceil output sizes), or
// MaxPool3D/AvgPool3D for 3-D windows and dilations.
void ConvertPool(const OnnxNode& node, GraphBuilder& b, bool max) {
  int32_t x = node.Input(0);
  const int64_t spatial = SpatialRank(node, b, x, 3);
  const sim::Shape xs = b.Dims(x);
  if (!node.Has("kernel_shape")) node.FailAttr("kernel_shape", "required but missing");
  Window w = ReadWindow(node, sim::Shape(xs.begin() + 2, xs.end()), node.Ints("kernel_shape", {}), true);
  const bool dilated = std::any_of(w.dilations.begin(), w.dilations.end(), [](int64_t d) { return d != 1; });
  if (dilated && !max) node.FailAttr("dilations", "values other than 1 are not supported for AveragePool");
  if (max && node.WantsOutput(1)) node.Fail("the Indices output is not supported");
  if (max && node.Int("storage_order", 0) != 0) node.FailAttr("storage_order", "only 0 (row major) is supported");
  if (spatial == 3 || dilated) return ConvertPool3D(node, b, max, x, w);
  if (spatial == 1) {
    x = b.Reshape(x, LiftTo2D(xs));
    LiftWindow(w);
  }
  sim::Attrs attrs = {{"ksize", Nchw(w.kernel[0], w.kernel[1])},
                      {"strides", Nchw(w.strides[0], w.strides[1])},
                      {"pads", std::vector<int64_t>{w.begin[0], w.end[0], w.begin[1], w.end[1]}},
                      {"padding_mode", std::string("CALCULATED")},
                      {"data_format", std::string("NCHW")},
                      {"ceil_mode", node.Int("ceil_mode", 0) != 0}};
  if (!max) attrs["exclusive"] = node.Int("count_include_pad", 0) == 0;
  const int32_t y = b.Emit1(max ? "MaxPoolV3" : "AvgPoolV2", {x}, attrs, spatial == 1 ? "" : node.Output(0));
  if (spatial == 1) {
    const sim::Shape& ys = b.Dims(y);
    b.Reshape(y, {ys[0], ys[1], ys[3]}, node.Output(0));
  }
}

void ConvertMaxPool(const OnnxNode& node, GraphBuilder& b) { ConvertPool(node, b, true); }
void ConvertAveragePool(const OnnxNode& node, GraphBuilder& b) { ConvertPool(node, b, false); }

// MaxUnpool: X's values placed at the flat positions Indices gives (over the whole output tensor,
// as ONNX's MaxPool produces them) in a zero tensor of the unpooled shape: ScatterElements on
// the flattened tensors.
void ConvertMaxUnpool(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0), indices = node.Input(1);
  const sim::Shape xs = b.Dims(x);
  if (xs.size() < 3) node.Fail("X {} must be (N, C, spatial...)", sim::ToString(xs));
  if (b.Dims(indices) != xs) node.Fail("I {} must have X's shape {}", sim::ToString(b.Dims(indices)), sim::ToString(xs));
  const size_t n = xs.size() - 2;
  if (!node.Has("kernel_shape")) node.FailAttr("kernel_shape", "required but missing");
  const auto kernel = node.Ints("kernel_shape", {});
  const auto strides = node.Ints("strides", std::vector<int64_t>(n, 1));
  const auto pads = node.Ints("pads", std::vector<int64_t>(2 * n, 0));
  if (kernel.size() != n || strides.size() != n || pads.size() != 2 * n) {
    node.Fail("kernel_shape, strides and pads must have one value per spatial dim ({}; pads two)", n);
  }
  sim::Shape out = {xs[0], xs[1]};
  if (auto shape = node.OptionalConstInts(2, "output_shape")) {
    if (shape->size() != xs.size()) node.Fail("output_shape must have {} values", xs.size());
    out = *shape;
  } else {
    for (size_t i = 0; i < n; ++i) out.push_back((xs[i + 2] - 1) * strides[i] + kernel[i] - pads[i] - pads[i + n]);
  }
  const int64_t total = sim::NumElements(out), count = sim::NumElements(xs);
  const int32_t zeros = b.Emit1("BroadcastToD", {ScalarLike(b, x, 0.0)}, {{"shape", std::vector<int64_t>{total}}});
  int32_t flat_indices = b.Reshape(indices, {count});
  if (b.Type(flat_indices) != sim::DType::kInt64) flat_indices = b.Cast(flat_indices, sim::DType::kInt64);
  const int32_t scattered = b.Emit1("ScatterElements", {zeros, flat_indices, b.Reshape(x, {count})},
                                    {{"axis", int64_t{0}}, {"reduction", std::string("none")}});
  b.Reshape(scattered, out, node.Output(0));
}

// MeanVarianceNormalization: (x - mean) / (sqrt(variance) + 1e-9) over `axes` (default N, H, W),
// the biased variance as ONNX's function body computes it.
void ConvertMeanVarianceNormalization(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  const int64_t rank = b.Rank(x);
  const auto axes = NormalizeAxes(node, "axes", node.Ints("axes", {0, 2, 3}), rank);
  const sim::Attrs reduce = {{"axes", axes}, {"keep_dims", true}};
  const int32_t mean = b.Emit1("ReduceMeanD", {x}, reduce);
  const int32_t centred = b.Emit1("Sub", {x, mean});
  const int32_t variance = b.Emit1("ReduceMeanD", {b.Emit1("Mul", {centred, centred})}, reduce);
  const int32_t deviation = b.Emit1("Add", {b.Emit1("Sqrt", {variance}), ScalarLike(b, x, 1e-9)});
  b.Emit1("Div", {centred, deviation}, {}, node.Output(0));
}

void ConvertGlobalMaxPool(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  std::vector<int64_t> axes;
  for (int64_t d = 2; d < b.Rank(x); ++d) axes.push_back(d);
  b.Emit1("ReduceMaxD", {x}, {{"axes", axes}, {"keep_dims", true}}, node.Output(0));
}

namespace {

// Folds y = BN(conv(x)) into the convolution when the convolution's output feeds only this
// ONNX node and its weight and every BN parameter are float32 constants: w' = w * s, b' = (b - mean)
// * s + beta with s = gamma / sqrt(var + eps) per output channel.
bool FoldIntoConv(const OnnxNode& node, GraphBuilder& b, float epsilon) {
  const int32_t x = node.Input(0);
  const int32_t producer = b.Producer(x);
  if (producer < 0 || b.Uses(x) != 0 || b.OnnxConsumers(b.Name(x)) != 1 || b.IsOutputName(b.Name(x))) return false;
  model::GraphNode& conv = b.Node(producer);
  if (conv.type != "Conv2D" || conv.outputs.size() != 1 || conv.inputs.size() < 2 || conv.inputs.size() > 3) return false;
  const int32_t weight = conv.inputs[1];
  const int32_t bias = conv.inputs.size() > 2 ? conv.inputs[2] : -1;
  std::vector<int32_t> params = {weight, node.Input(1), node.Input(2), node.Input(3), node.Input(4)};
  if (bias >= 0) params.push_back(bias);
  for (int32_t t : params) {
    if (!b.IsConstant(t) || b.Type(t) != sim::DType::kFloat32) return false;
  }
  const sim::Shape ws = b.Dims(weight);
  const int64_t channels = ws[0];
  for (size_t i = 1; i < params.size(); ++i) {
    if (sim::NumElements(b.Dims(params[i])) != channels) return false;
  }
  auto floats = [&](int32_t t) {
    const auto& bytes = *b.Spec(t).value;
    std::vector<float> v(bytes.size() / sizeof(float));
    std::memcpy(v.data(), bytes.data(), bytes.size());
    return v;
  };
  const auto gamma = floats(node.Input(1)), beta = floats(node.Input(2)), mean = floats(node.Input(3)),
             var = floats(node.Input(4));
  std::vector<float> w = floats(weight), new_bias = bias >= 0 ? floats(bias) : std::vector<float>(channels, 0.0f);
  const int64_t per_channel = static_cast<int64_t>(w.size()) / channels;
  for (int64_t c = 0; c < channels; ++c) {
    const float s = gamma[c] / std::sqrt(var[c] + epsilon);
    for (int64_t i = 0; i < per_channel; ++i) w[c * per_channel + i] *= s;
    new_bias[c] = (new_bias[c] - mean[c]) * s + beta[c];
  }
  auto constant = [&](const std::vector<float>& v, sim::Shape shape) {
    sim::TensorSpec spec(sim::DType::kFloat32, std::move(shape));
    spec.value = std::make_shared<std::vector<unsigned char>>(reinterpret_cast<const unsigned char*>(v.data()),
                                                              reinterpret_cast<const unsigned char*>(v.data() + v.size()));
    return b.AddConstant("", std::move(spec));
  };
  b.SetNodeInput(producer, 1, constant(w, ws));
  b.SetNodeInput(producer, 2, constant(new_bias, {channels}));
  b.RenameTensor(x, node.Output(0));
  return true;
}

}  // namespace

void ConvertBatchNormalization(const OnnxNode& node, GraphBuilder& b) {
  const float epsilon = node.Float("epsilon", 1e-5f);
  if (node.Int("training_mode", 0) != 0) node.FailAttr("training_mode", "1 is not supported; atc converts for inference");
  if (node.opset() < 7 && node.Int("is_test", 0) == 0) node.FailAttr("is_test", "0 (training) is not supported");
  if (node.Int("spatial", 1) != 1) node.FailAttr("spatial", "only 1 is supported");
  for (int i = 1; i < node.OutputCount(); ++i) {
    if (node.WantsOutput(i)) node.Fail("training outputs (mean, var, saved statistics) are not supported");
  }
  if (FoldIntoConv(node, b, epsilon)) return;
  const int32_t x = node.Input(0);
  std::vector<int32_t> inputs = {x};
  for (int i = 1; i < 5; ++i) inputs.push_back(b.Cast(node.Input(i), sim::DType::kFloat32));
  b.Emit1("BatchNorm", inputs, {{"epsilon", epsilon}, {"data_format", std::string("NCHW")}, {"is_training", false}},
          node.Output(0));
}

void ConvertInstanceNormalization(const OnnxNode& node, GraphBuilder& b) {
  Direct(node, b, "InstanceNorm", {{"epsilon", node.Float("epsilon", 1e-5f)}, {"data_format", std::string("NCHW")}});
}

// LayerNormalization: scale and bias broadcast to the normalised dims; Mean and InvStdDev from
// the kernel's mean and variance.
void ConvertLayerNormalization(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  const sim::Shape& xs = b.Dims(x);
  const int64_t axis = NormalizeAxis(node, "axis", node.Int("axis", -1), b.Rank(x));
  const float epsilon = node.Float("epsilon", 1e-5f);
  if (node.Int("stash_type", 1) != 1) node.FailAttr("stash_type", "only 1 (float32 statistics) is supported");
  const sim::Shape params(xs.begin() + axis, xs.end());
  auto full = [&](int32_t t) {
    return b.Dims(t) == params ? t : b.Emit1("BroadcastTo", {t, b.Int64s(params)});
  };
  const int32_t scale = full(node.Input(1));
  const int32_t bias = node.HasInput(2) ? full(node.Input(2)) : b.Emit1("BroadcastTo", {ScalarLike(b, x, 0), b.Int64s(params)});
  const auto outs = b.Emit("LayerNorm", {x, scale, bias},
                           {{"begin_norm_axis", axis}, {"begin_params_axis", axis}, {"epsilon", epsilon}},
                           {node.Output(0), node.Output(1)});
  if (node.WantsOutput(2)) {
    const int32_t shifted = b.Emit1("Add", {outs[2], ScalarLike(b, outs[2], epsilon)});
    b.Emit1("Rsqrt", {shifted}, {}, node.Output(2));
  }
}

void ConvertLRN(const OnnxNode& node, GraphBuilder& b) {
  const int64_t size = node.Int("size");
  if (size <= 0 || size % 2 == 0) node.FailAttr("size", "must be a positive odd number, is {}", size);
  // ONNX divides alpha by the window size; CANN's LRN (TensorFlow's) does not.
  Direct(node, b, "LRN",
         {{"depth_radius", (size - 1) / 2}, {"bias", node.Float("bias", 1.0f)},
          {"alpha", node.Float("alpha", 1e-4f) / static_cast<float>(size)}, {"beta", node.Float("beta", 0.75f)},
          {"norm_region", std::string("ACROSS_CHANNELS")}});
}

// Gemm: y = alpha * op(A) op(B) + beta * C on MatMulV2, Mul and Add.
void ConvertGemm(const OnnxNode& node, GraphBuilder& b) {
  const float alpha = node.Float("alpha", 1.0f), beta = node.Float("beta", 1.0f);
  if (node.opset() < 7 && node.Int("broadcast", 1) == 0 && node.HasInput(2)) {
    node.FailAttr("broadcast", "0 is not supported");
  }
  const int32_t a = node.Input(0), bm = node.Input(1), c = node.OptionalInput(2);
  const bool scaled = alpha != 1.0f, biased = c >= 0 && beta != 0.0f;
  int32_t y = b.Emit1("MatMulV2", {a, bm},
                      {{"transpose_x1", node.Int("transA", 0) != 0}, {"transpose_x2", node.Int("transB", 0) != 0}},
                      scaled || biased ? "" : node.Output(0));
  if (scaled) y = b.Emit1("Mul", {y, ScalarLike(b, y, alpha)}, {}, biased ? "" : node.Output(0));
  if (biased) {
    const int32_t term = beta == 1.0f ? c : b.Emit1("Mul", {c, ScalarLike(b, c, beta)});
    b.Emit1("Add", {y, term}, {}, node.Output(0));
  }
}

// MatMul with NumPy semantics: 1-D operands are lifted to matrices and the added dim removed.
void ConvertMatMul(const OnnxNode& node, GraphBuilder& b) {
  int32_t a = node.Input(0), m = node.Input(1);
  const sim::Shape as = b.Dims(a), ms = b.Dims(m);
  if (as.empty() || ms.empty()) node.Fail("scalar operands are not allowed");
  if (as.size() == 1) a = b.Reshape(a, {1, as[0]});
  if (ms.size() == 1) m = b.Reshape(m, {ms[0], 1});
  const bool plain = b.Rank(a) == 2 && b.Rank(m) == 2;
  const bool lifted = as.size() == 1 || ms.size() == 1;
  const int32_t y = b.Emit1(plain ? "MatMulV2" : "BatchMatMulV2", {a, m}, {}, lifted ? "" : node.Output(0));
  if (lifted) {
    sim::Shape ys = b.Dims(y);
    if (ms.size() == 1) ys.pop_back();
    if (as.size() == 1) ys.erase(ys.end() - (ms.size() == 1 ? 1 : 2));
    b.Reshape(y, ys, node.Output(0));
  }
}

void ConvertDepthToSpace(const OnnxNode& node, GraphBuilder& b) {
  const std::string mode = node.String("mode", "DCR");
  if (mode != "DCR" && mode != "CRD") node.FailAttr("mode", "\"{}\" is not DCR or CRD", mode);
  Direct(node, b, "DepthToSpace",
         {{"block_size", node.Int("blocksize")}, {"mode", mode}, {"data_format", std::string("NCHW")}});
}

void ConvertSpaceToDepth(const OnnxNode& node, GraphBuilder& b) {
  Direct(node, b, "SpaceToDepth", {{"block_size", node.Int("blocksize")}, {"data_format", std::string("NCHW")}});
}

}  // namespace aclsim::onnx_import
