// Activations with attributes (LeakyRelu, Elu, Selu, Celu, HardSigmoid, ThresholdedRelu, Shrink),
// PRelu, and the softmax family: Softmax/LogSoftmax (before opset 13 over the flattened trailing
// dims from `axis`, since over `axis` alone) and Hardmax.
#include <numeric>

#include "ops.h"
#include "ops_common.h"

namespace aclsim::onnx_import {

void ConvertLeakyRelu(const OnnxNode& node, GraphBuilder& b) {
  Direct(node, b, "LeakyRelu", {{"negative_slope", node.Float("alpha", 0.01f)}});
}

void ConvertElu(const OnnxNode& node, GraphBuilder& b) {
  Direct(node, b, "Elu", {{"alpha", node.Float("alpha", 1.0f)}});
}

void ConvertSelu(const OnnxNode& node, GraphBuilder& b) {
  Direct(node, b, "Selu", {{"alpha", node.Float("alpha", 1.67326319217681884765625f)},
                           {"scale", node.Float("gamma", 1.05070102214813232421875f)}});
}

void ConvertCelu(const OnnxNode& node, GraphBuilder& b) { Direct(node, b, "Celu", {{"alpha", node.Float("alpha", 1.0f)}}); }

void ConvertHardSigmoid(const OnnxNode& node, GraphBuilder& b) {
  Direct(node, b, "HardSigmoid", {{"alpha", node.Float("alpha", 0.2f)}, {"beta", node.Float("beta", 0.5f)}});
}

void ConvertThresholdedRelu(const OnnxNode& node, GraphBuilder& b) {
  Direct(node, b, "ThresholdedRelu", {{"alpha", node.Float("alpha", 1.0f)}});
}

void ConvertShrink(const OnnxNode& node, GraphBuilder& b) {
  Direct(node, b, "Shrink", {{"lambd", node.Float("lambd", 0.5f)}, {"bias", node.Float("bias", 0.0f)}});
}

// PRelu: the kernel takes one slope or one per channel (dim 1); other broadcasts of the slope
// are computed as where(x < 0, x * slope, x).
void ConvertPRelu(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0), slope = node.Input(1);
  const sim::Shape& xs = b.Dims(x);
  const sim::Shape& ss = b.Dims(slope);
  const int64_t count = sim::NumElements(ss);
  // Before opset 7 a 1-D slope applies per channel (legacy broadcasting).
  bool per_channel = xs.size() >= 2 && count == xs[1] && ss.size() < xs.size() &&
                     (ss.size() == xs.size() - 1 || (ss.size() == 1 && (xs.size() == 2 || node.opset() < 7)));
  if (per_channel && ss.size() > 1) {  // [C, 1, ..., 1] lined up with dims 1..
    for (size_t i = 1; i < ss.size(); ++i) per_channel = per_channel && ss[i] == 1;
  }
  if (count == 1 || per_channel) {
    b.Emit1("PRelu", {x, b.Reshape(slope, {count})}, {}, node.Output(0));
    return;
  }
  const int32_t negative = b.Emit1("Less", {x, ScalarLike(b, x, 0)});
  const int32_t scaled = b.Emit1("Mul", {x, slope});
  b.Emit1("SelectV2", {negative, scaled, x}, {}, node.Output(0));
}

namespace {

// The axes Softmax-like ops reduce over for this node.
std::vector<int64_t> SoftmaxAxes(const OnnxNode& node, int64_t rank) {
  if (node.opset() >= 13) return {NormalizeAxis(node, "axis", node.Int("axis", -1), rank)};
  const int64_t axis = NormalizeAxis(node, "axis", node.Int("axis", 1), rank);
  std::vector<int64_t> axes(static_cast<size_t>(rank - axis));
  std::iota(axes.begin(), axes.end(), axis);
  return axes;
}

}  // namespace

void ConvertSoftmax(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  Direct(node, b, "SoftmaxV2", {{"axes", SoftmaxAxes(node, b.Rank(x))}});
}

void ConvertLogSoftmax(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  Direct(node, b, "LogSoftmaxV2", {{"axes", SoftmaxAxes(node, b.Rank(x))}});
}

// Hardmax: one-hot of the (first) maximum; before opset 13 over the flattened trailing dims.
void ConvertHardmax(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  const sim::Shape dims = b.Dims(x);
  const std::vector<int64_t> axes = SoftmaxAxes(node, b.Rank(x));
  int32_t input = x;
  int64_t axis = axes[0];
  if (axes.size() > 1) {  // flatten semantics: [outer, inner]
    input = b.Reshape(x, {Product(dims, 0, static_cast<size_t>(axis)), Product(dims, static_cast<size_t>(axis), dims.size())});
    axis = 1;
  }
  const int64_t depth = b.Dims(input)[static_cast<size_t>(axis)];
  const int32_t index = b.Emit1("ArgMaxV2", {input, b.Int64Scalar(axis)}, {{"dtype", sim::DType::kInt64}});
  const bool flattened = input != x;
  const int32_t hot = b.Emit1("OneHot", {index, b.Int64Scalar(depth), ScalarLike(b, x, 1), ScalarLike(b, x, 0)},
                              {{"axis", axis}}, flattened ? "" : node.Output(0));
  if (flattened) b.Reshape(hot, dims, node.Output(0));
}

}  // namespace aclsim::onnx_import
