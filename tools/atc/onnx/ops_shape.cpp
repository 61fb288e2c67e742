// Shape and layout ops: Reshape, Flatten, Squeeze, Unsqueeze, Transpose, Concat, Split, Slice,
// Expand, Tile, Pad, Trilu; and the ops whose result is known at conversion: Shape, Size,
// Constant, ConstantOfShape, EyeLike.
#include <cstring>
#include <limits>
#include <numeric>

#include "ops.h"
#include "ops_common.h"

namespace aclsim::onnx_import {
namespace {

// The axes of Squeeze/Unsqueeze/Reduce*: an attribute before `input_since`, input 1 since.
std::optional<std::vector<int64_t>> AxesOf(const OnnxNode& node, int64_t input_since) {
  if (node.opset() >= input_since) return node.OptionalConstInts(1, "axes");
  return node.OptionalInts("axes");
}

}  // namespace

std::optional<std::vector<int64_t>> ReduceAxesOf(const OnnxNode& node, int64_t input_since) {
  return AxesOf(node, input_since);
}

void ConvertReshape(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  std::vector<int64_t> shape;
  if (node.opset() < 5) {
    shape = node.Ints("shape", {});
  } else {
    shape = node.ConstInts(1, "shape");
  }
  if (node.Int("allowzero", 0) != 0) {
    for (int64_t d : shape) {
      if (d == 0) node.FailAttr("allowzero", "1 with a 0 in the shape is not supported");
    }
  }
  b.Emit1("Reshape", {x, b.Int64s(shape)}, {}, node.Output(0));
}

void ConvertFlatten(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  const sim::Shape& xs = b.Dims(x);
  const int64_t rank = b.Rank(x);
  int64_t axis = node.Int("axis", 1);
  if (axis < -rank || axis > rank) node.FailAttr("axis", "{} is out of range for {} dims", axis, rank);
  if (axis < 0) axis += rank;
  const auto split = static_cast<size_t>(axis);
  b.Emit1("Reshape", {x, b.Int64s({Product(xs, 0, split), Product(xs, split, xs.size())})}, {}, node.Output(0));
}

void ConvertSqueeze(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  const auto axes = AxesOf(node, 13);
  std::vector<int64_t> normalized = axes ? NormalizeAxes(node, "axes", *axes, b.Rank(x)) : std::vector<int64_t>{};
  for (int64_t a : normalized) {
    if (b.Dims(x)[static_cast<size_t>(a)] != 1) node.FailAttr("axes", "dim {} of {} is not 1", a, sim::ToString(b.Dims(x)));
  }
  if (axes && normalized.empty()) {  // an empty list given squeezes nothing
    b.Emit1("Identity", {x}, {}, node.Output(0));
    return;
  }
  b.Emit1("Squeeze", {x}, {{"axis", normalized}}, node.Output(0));
}

void ConvertUnsqueeze(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  const auto axes = AxesOf(node, 13);
  if (!axes) node.Fail("axes are required");
  const int64_t rank = b.Rank(x) + static_cast<int64_t>(axes->size());
  b.Emit1("Unsqueeze", {x}, {{"axes", NormalizeAxes(node, "axes", *axes, rank)}}, node.Output(0));
}

void ConvertTranspose(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  std::vector<int64_t> perm(static_cast<size_t>(b.Rank(x)));
  std::iota(perm.rbegin(), perm.rend(), 0);
  perm = node.Ints("perm", perm);
  b.Emit1("TransposeD", {x}, {{"perm", perm}}, node.Output(0));
}

void ConvertConcat(const OnnxNode& node, GraphBuilder& b) {
  std::vector<int32_t> inputs;
  for (int i = 0; i < node.InputCount(); ++i) {
    const int32_t t = node.Input(i);
    // Empty pieces add nothing; the kernel is given the others.
    if (sim::NumElements(b.Dims(t)) != 0 || (i + 1 == node.InputCount() && inputs.empty())) inputs.push_back(t);
  }
  if (!node.Has("axis")) node.FailAttr("axis", "required but missing");
  const int64_t axis = NormalizeAxis(node, "axis", node.Int("axis"), b.Rank(inputs[0]));
  b.Emit1("ConcatD", inputs, {{"concat_dim", axis}, {"N", static_cast<int64_t>(inputs.size())}}, node.Output(0));
}

void ConvertSplit(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  const int64_t axis = NormalizeAxis(node, "axis", node.Int("axis", 0), b.Rank(x));
  const int64_t outputs = node.OutputCount();
  const int64_t dim = b.Dims(x)[static_cast<size_t>(axis)];
  std::optional<std::vector<int64_t>> sizes =
      node.opset() >= 13 ? node.OptionalConstInts(1, "split") : node.OptionalInts("split");
  if (node.opset() < 13 && node.opset() >= 2 && !sizes && node.HasInput(1)) sizes = node.ConstInts(1, "split");
  if (!sizes) {
    if (dim % outputs != 0) node.Fail("dim {} of size {} does not split into {} equal parts", axis, dim, outputs);
    sizes = std::vector<int64_t>(static_cast<size_t>(outputs), dim / outputs);
  }
  if (static_cast<int64_t>(sizes->size()) != outputs) {
    node.Fail("split has {} sizes for {} outputs", sizes->size(), outputs);
  }
  std::vector<std::string> names;
  for (int i = 0; i < outputs; ++i) names.push_back(node.Output(i));
  b.Emit("SplitVD", {x}, {{"size_splits", *sizes}, {"split_dim", axis}, {"num_split", outputs}}, names);
}

// Slice on StridedSliceD: ONNX starts/ends clamped per dim as ONNX says, then given to the
// kernel as in-range indices (an end before index 0 of a backward slice by end_mask).
void ConvertSlice(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  const sim::Shape& xs = b.Dims(x);
  const int64_t rank = b.Rank(x);
  std::vector<int64_t> starts, ends, axes, steps;
  if (node.opset() < 10) {
    starts = node.Ints("starts", {});
    ends = node.Ints("ends", {});
    axes = node.Ints("axes", {});
  } else {
    starts = node.ConstInts(1, "starts");
    ends = node.ConstInts(2, "ends");
    if (auto a = node.OptionalConstInts(3, "axes")) axes = *a;
    if (auto s = node.OptionalConstInts(4, "steps")) steps = *s;
  }
  if (axes.empty()) {
    axes.resize(starts.size());
    std::iota(axes.begin(), axes.end(), 0);
  }
  if (steps.empty()) steps.assign(starts.size(), 1);
  if (starts.size() != ends.size() || axes.size() != starts.size() || steps.size() != starts.size()) {
    node.Fail("starts, ends, axes and steps must have the same length");
  }
  std::vector<int64_t> begin(static_cast<size_t>(rank), 0), end(xs.begin(), xs.end()), stride(static_cast<size_t>(rank), 1);
  int64_t end_mask = 0;
  for (size_t i = 0; i < starts.size(); ++i) {
    const int64_t axis = NormalizeAxis(node, "axes", axes[i], rank);
    const int64_t n = xs[static_cast<size_t>(axis)], step = steps[i];
    if (step == 0) node.Fail("steps must not be 0");
    auto clamp = [&](int64_t v, int64_t low, int64_t high) {
      if (v < 0) v = v < -n ? -n - 1 : v + n;  // -n - 1 marks "before the first element"
      return std::min(std::max(v, low), high);
    };
    int64_t s, e;
    if (step > 0) {
      s = clamp(starts[i], 0, n);
      e = clamp(ends[i], 0, n);
    } else {
      s = clamp(starts[i], 0, n - 1);
      e = clamp(ends[i], -1, n - 1);
      if (s < 0) s = 0;
    }
    begin[static_cast<size_t>(axis)] = s;
    end[static_cast<size_t>(axis)] = e;
    stride[static_cast<size_t>(axis)] = step;
    if (step < 0 && e < 0) end_mask |= int64_t{1} << axis;
  }
  b.Emit1("StridedSliceD", {x}, {{"begin", begin}, {"end", end}, {"strides", stride}, {"end_mask", end_mask}},
          node.Output(0));
}

void ConvertShape(const OnnxNode& node, GraphBuilder& b) {
  const sim::Shape& xs = b.Dims(node.Input(0));
  const auto rank = static_cast<int64_t>(xs.size());
  auto bound = [&](int64_t v) { return std::min(std::max(v < 0 ? v + rank : v, int64_t{0}), rank); };
  const int64_t start = bound(node.Int("start", 0)), end = bound(node.Int("end", rank));
  std::vector<int64_t> dims;
  for (int64_t i = start; i < end; ++i) dims.push_back(xs[static_cast<size_t>(i)]);
  const int32_t t = b.Int64s(dims);
  b.Emit1("Identity", {t}, {}, node.Output(0));
}

void ConvertSize(const OnnxNode& node, GraphBuilder& b) {
  b.Emit1("Identity", {b.Int64Scalar(sim::NumElements(b.Dims(node.Input(0))))}, {}, node.Output(0));
}

void ConvertConstant(const OnnxNode& node, GraphBuilder& b) {
  const std::string what = node.Describe() + ": value";
  sim::TensorSpec spec;
  if (const onnx::TensorProto* t = node.Tensor("value")) {
    spec = ConstantFromProto(*t, what);
  } else if (node.Has("value_float")) {
    b.Emit1("Identity", {b.Scalar(node.Float("value_float", 0), sim::DType::kFloat32)}, {}, node.Output(0));
    return;
  } else if (node.Has("value_int")) {
    b.Emit1("Identity", {b.Int64Scalar(node.Int("value_int"))}, {}, node.Output(0));
    return;
  } else if (node.Has("value_ints")) {
    b.Emit1("Identity", {b.Int64s(node.Ints("value_ints", {}))}, {}, node.Output(0));
    return;
  } else if (node.Has("value_floats")) {
    const auto values = node.Floats("value_floats", {});
    spec = sim::TensorSpec(sim::DType::kFloat32, {static_cast<int64_t>(values.size())});
    spec.value = std::make_shared<std::vector<unsigned char>>(reinterpret_cast<const unsigned char*>(values.data()),
                                                              reinterpret_cast<const unsigned char*>(values.data() + values.size()));
  } else {
    node.Fail("only the value, value_float(s) and value_int(s) forms are supported (no sparse or string values)");
  }
  b.AddConstant(node.Output(0), std::move(spec));
}

void ConvertConstantOfShape(const OnnxNode& node, GraphBuilder& b) {
  const std::vector<int64_t> shape = node.ConstInts(0, "shape");
  int32_t value = b.Scalar(0, sim::DType::kFloat32);
  if (const onnx::TensorProto* t = node.Tensor("value")) {
    sim::TensorSpec spec = ConstantFromProto(*t, node.Describe() + ": value");
    if (sim::NumElements(spec.shape) != 1) node.FailAttr("value", "must hold one element");
    spec.shape = {};
    value = b.AddConstant("", std::move(spec));
  }
  b.Emit1("BroadcastTo", {value, b.Int64s(shape)}, {}, node.Output(0));
}

void ConvertEyeLike(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  const sim::Shape& xs = b.Dims(x);
  if (xs.size() != 2) node.Fail("input must be 2-D, is {}", sim::ToString(xs));
  const sim::DType dtype = node.Has("dtype") ? DTypeFromOnnxAttr(node, "dtype") : b.Type(x);
  const int64_t k = node.Int("k", 0);
  std::vector<int64_t> diagonal;
  // Built as int64 0/1 then cast, so every output type is covered by the one Cast.
  std::vector<int64_t> values(static_cast<size_t>(xs[0] * xs[1]), 0);
  for (int64_t r = 0; r < xs[0]; ++r) {
    const int64_t c = r + k;
    if (c >= 0 && c < xs[1]) values[static_cast<size_t>(r * xs[1] + c)] = 1;
  }
  const int32_t flat = b.Int64s(values);
  b.Emit1("Cast", {b.Reshape(flat, xs)}, {{"dst_type", dtype}}, node.Output(0));
}

// Trilu: the kept triangle as a constant mask over the last two dims, then SelectV2.
void ConvertTrilu(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  const sim::Shape& xs = b.Dims(x);
  if (xs.size() < 2) node.Fail("input must have at least 2 dims, is {}", sim::ToString(xs));
  const bool upper = node.Int("upper", 1) != 0;
  const int64_t rows = xs[xs.size() - 2], cols = xs.back();
  const int32_t k_input = node.OptionalInput(1);
  if (k_input >= 0 && !b.KnownInts(k_input)) {
    // k computed at execution: compare the constant offsets c - r with it elementwise.
    if (sim::NumElements(b.Dims(k_input)) != 1 || b.Type(k_input) != sim::DType::kInt64) {
      node.Fail("input 1 (k) must be one int64 value, is {} {}", sim::Name(b.Type(k_input)),
                sim::ToString(b.Dims(k_input)));
    }
    std::vector<int64_t> offsets(static_cast<size_t>(rows * cols));
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t c = 0; c < cols; ++c) offsets[static_cast<size_t>(r * cols + c)] = c - r;
    }
    const int32_t offset = b.Reshape(b.Int64s(offsets), {rows, cols});
    const int32_t keep = b.Emit1(upper ? "GreaterEqual" : "LessEqual", {offset, b.Reshape(k_input, {})});
    b.Emit1("SelectV2", {keep, x, ScalarLike(b, x, 0)}, {}, node.Output(0));
    return;
  }
  const int64_t k = k_input >= 0 ? node.ConstInts(1, "k").at(0) : 0;
  sim::TensorSpec mask(sim::DType::kBool, {rows, cols});
  auto bytes = std::make_shared<std::vector<unsigned char>>(static_cast<size_t>(rows * cols), 0);
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c) (*bytes)[static_cast<size_t>(r * cols + c)] = upper ? c - r >= k : c - r <= k;
  }
  mask.value = std::move(bytes);
  b.Emit1("SelectV2", {b.AddConstant("", std::move(mask)), x, ScalarLike(b, x, 0)}, {}, node.Output(0));
}

// Expand: NumPy broadcasting of x and the shape, in both directions.
void ConvertExpand(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  const std::vector<int64_t> shape = node.ConstInts(1, "shape");
  const sim::Shape& xs = b.Dims(x);
  const size_t rank = std::max(xs.size(), shape.size());
  std::vector<int64_t> out(rank);
  for (size_t i = 0; i < rank; ++i) {
    const int64_t a = i + xs.size() >= rank ? xs[i + xs.size() - rank] : 1;
    const int64_t s = i + shape.size() >= rank ? shape[i + shape.size() - rank] : 1;
    if (a != s && a != 1 && s != 1) node.Fail("shape {} does not broadcast with input {}", sim::ToString(shape), sim::ToString(xs));
    out[i] = a == 1 ? s : a;
  }
  b.Emit1("BroadcastTo", {x, b.Int64s(out)}, {}, node.Output(0));
}

void ConvertTile(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  b.Emit1("TileD", {x}, {{"multiples", node.ConstInts(1, "repeats")}}, node.Output(0));
}

// Pad: pads (and the value) as attributes before opset 11, inputs since; ONNX's
// [begin..., end...] order is PadV3's non-contiguous layout.
void ConvertPad(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  const int64_t rank = b.Rank(x);
  std::vector<int64_t> pads;
  int32_t value = -1;
  if (node.opset() < 11) {
    pads = node.Ints(node.Has("pads") ? "pads" : "paddings", {});
    value = ScalarLike(b, x, node.Float("value", 0.0f));
  } else {
    pads = node.ConstInts(1, "pads");
    if (node.HasInput(2)) value = node.Input(2);
    if (node.HasInput(3)) {  // opset 18 axes: pads only for those
      const auto axes = NormalizeAxes(node, "axes", node.ConstInts(3, "axes"), rank);
      std::vector<int64_t> full(static_cast<size_t>(2 * rank), 0);
      for (size_t i = 0; i < axes.size(); ++i) {
        full[static_cast<size_t>(axes[i])] = pads.at(i);
        full[static_cast<size_t>(axes[i] + rank)] = pads.at(i + axes.size());
      }
      pads = full;
    }
  }
  if (static_cast<int64_t>(pads.size()) != 2 * rank) node.Fail("pads must have {} values, has {}", 2 * rank, pads.size());
  std::string mode = node.String("mode", "constant");
  if (mode != "constant" && mode != "reflect" && mode != "edge") {
    node.FailAttr("mode", "\"{}\" is not constant, reflect or edge", mode);
  }
  std::vector<int32_t> inputs = {x, b.Int64s(pads)};
  if (mode == "constant" && value >= 0) inputs.push_back(b.Reshape(value, {}));
  b.Emit1("PadV3", inputs, {{"mode", mode}, {"paddings_contiguous", false}}, node.Output(0));
}

}  // namespace aclsim::onnx_import
