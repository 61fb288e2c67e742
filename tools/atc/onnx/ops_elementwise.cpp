// Elementwise ONNX ops whose lowering is more than one kernel with the same inputs: variadic
// Max/Min/Sum/Mean, Clip, Cast/CastLike, Pow with a second type, Mod, BitShift, IsInf,
// Dropout (inference) and Where.
#include "ops.h"
#include "ops_common.h"

namespace aclsim::onnx_import {

// Max, Min, Sum: a left-to-right chain of the binary kernel; one input is its own result.
void ConvertVariadic(const OnnxNode& node, GraphBuilder& b, const std::string& type, bool mean) {
  const int count = node.InputCount();
  if (count == 0) node.Fail("needs at least one input");
  int32_t acc = node.Input(0);
  for (int i = 1; i < count; ++i) {
    const bool last = i + 1 == count && !mean;
    acc = b.Emit1(type, {acc, node.Input(i)}, {}, last ? node.Output(0) : "");
  }
  if (mean) {
    acc = b.Emit1("Div", {acc, ScalarLike(b, acc, count)}, {}, node.Output(0));
  } else if (count == 1) {
    b.Emit1("Identity", {acc}, {}, node.Output(0));
  }
}

void ConvertMax(const OnnxNode& node, GraphBuilder& b) { ConvertVariadic(node, b, "Maximum", false); }
void ConvertMin(const OnnxNode& node, GraphBuilder& b) { ConvertVariadic(node, b, "Minimum", false); }
void ConvertSum(const OnnxNode& node, GraphBuilder& b) { ConvertVariadic(node, b, "Add", false); }
void ConvertMean(const OnnxNode& node, GraphBuilder& b) { ConvertVariadic(node, b, "Add", true); }

// Clip: min/max as attributes before opset 11, optional inputs since.
void ConvertClip(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  int32_t low = -1, high = -1;
  if (node.opset() < 11) {
    if (node.Has("min")) low = ScalarLike(b, x, node.Float("min", 0));
    if (node.Has("max")) high = ScalarLike(b, x, node.Float("max", 0));
  } else {
    low = node.OptionalInput(1);
    high = node.OptionalInput(2);
  }
  if (low >= 0 && high >= 0) {
    b.Emit1("ClipByValue", {x, low, high}, {}, node.Output(0));
  } else if (low >= 0) {
    b.Emit1("Maximum", {x, low}, {}, node.Output(0));
  } else if (high >= 0) {
    b.Emit1("Minimum", {x, high}, {}, node.Output(0));
  } else {
    b.Emit1("Identity", {x}, {}, node.Output(0));
  }
}

void ConvertCast(const OnnxNode& node, GraphBuilder& b) {
  const sim::DType to = DTypeFromOnnxAttr(node, "to");
  b.Emit1("Cast", {node.Input(0)}, {{"dst_type", to}}, node.Output(0));
}

void ConvertCastLike(const OnnxNode& node, GraphBuilder& b) {
  b.Emit1("Cast", {node.Input(0)}, {{"dst_type", b.Type(node.Input(1))}}, node.Output(0));
}

// Pow: since opset 12 the exponent may have another type; the kernel takes one type.
void ConvertPow(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  b.Emit1("Pow", {x, b.Cast(node.Input(1), b.Type(x))}, {}, node.Output(0));
}

// Mod: fmod = 1 truncates like C's fmod (Mod), fmod = 0 takes the divisor's sign (FloorMod).
void ConvertMod(const OnnxNode& node, GraphBuilder& b) {
  const int64_t fmod = node.Int("fmod", 0);
  if (fmod != 0 && fmod != 1) node.FailAttr("fmod", "must be 0 or 1, is {}", fmod);
  if (fmod == 0 && sim::IsFloating(b.Type(node.Input(0)))) {
    node.FailAttr("fmod", "must be 1 for a floating-point input (ONNX)");
  }
  Direct(node, b, fmod == 1 ? "Mod" : "FloorMod");
}

void ConvertBitShift(const OnnxNode& node, GraphBuilder& b) {
  const std::string direction = node.String("direction", "");
  if (direction == "LEFT") return Direct(node, b, "LeftShift");
  if (direction == "RIGHT") return Direct(node, b, "RightShift");
  node.FailAttr("direction", "must be LEFT or RIGHT, is \"{}\"", direction);
}

void ConvertIsInf(const OnnxNode& node, GraphBuilder& b) {
  Direct(node, b, "IsInf",
         {{"detect_positive", node.Int("detect_positive", 1) != 0}, {"detect_negative", node.Int("detect_negative", 1) != 0}});
}

// Dropout at inference is the identity; its optional mask is all true.
void ConvertDropout(const OnnxNode& node, GraphBuilder& b) {
  if (node.opset() < 7 && node.Int("is_test", 0) == 0) {
    node.FailAttr("is_test", "0 (training) is not supported; atc converts models for inference");
  }
  if (node.HasInput(2)) {
    const int32_t training = node.Input(2);
    const auto value = b.KnownDoubles(training);
    if (!value || (*value)[0] != 0) node.Fail("training_mode must be a constant false; atc converts for inference");
  }
  const int32_t x = node.Input(0);
  b.Emit1("Identity", {x}, {}, node.Output(0));
  if (node.WantsOutput(1)) {
    const sim::DType mask_type = node.opset() >= 10 ? sim::DType::kBool : b.Type(x);
    const int32_t one = b.Scalar(1, mask_type);
    b.Emit1("BroadcastTo", {one, b.Int64s(b.Dims(x))}, {}, node.Output(1));
  }
}

}  // namespace aclsim::onnx_import

namespace aclsim::onnx_import {

// A binary kernel with NumPy broadcasting; before opset 7, `broadcast` with `axis` lines the
// second operand up with the first from `axis` (legacy broadcasting).
void ConvertBinary(const OnnxNode& node, GraphBuilder& b, const std::string& type) {
  const int32_t a = node.Input(0);
  int32_t other = node.Input(1);
  if (node.opset() < 7 && node.Int("broadcast", 0) != 0 && node.Has("axis")) {
    const int64_t axis = NormalizeAxis(node, "axis", node.Int("axis"), b.Rank(a));
    sim::Shape shape = b.Dims(other);
    while (static_cast<int64_t>(shape.size()) + axis < b.Rank(a)) shape.push_back(1);
    other = b.Reshape(other, shape);
  }
  b.Emit1(type, {a, other}, {}, node.Output(0));
}

}  // namespace aclsim::onnx_import
