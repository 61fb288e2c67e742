// QuantizeLinear and DequantizeLinear (per tensor, or per channel along `axis`) on elementwise
// kernel-library ops: y = saturate(round_half_even(x / scale) + zero_point) and
// y = (x - zero_point) * scale, in float32; DynamicQuantizeLinear (uint8 over x's range
// widened to include 0).
#include "ops.h"
#include "ops_common.h"

namespace aclsim::onnx_import {
namespace {

// scale or zero_point shaped to broadcast against x: a scalar as is, a 1-D tensor of x's `axis`
// dim placed on that axis.
int32_t AlongAxis(const OnnxNode& node, GraphBuilder& b, int32_t param, int32_t x, const char* what) {
  const sim::Shape& ps = b.Dims(param);
  if (sim::NumElements(ps) == 1 && ps.size() <= 1) return ps.empty() ? param : b.Reshape(param, {});
  const int64_t rank = b.Rank(x);
  const int64_t axis = NormalizeAxis(node, "axis", node.Int("axis", 1), rank);
  const sim::Shape& xs = b.Dims(x);
  if (ps.size() != 1 || ps[0] != xs[static_cast<size_t>(axis)]) {
    node.Fail("{} {} must be a scalar or hold one value per element of x's axis {} ({})", what, sim::ToString(ps),
              axis, xs[static_cast<size_t>(axis)]);
  }
  sim::Shape shape(static_cast<size_t>(rank - axis), 1);
  shape[0] = ps[0];
  return b.Reshape(param, shape);
}

}  // namespace

void ConvertQuantizeLinear(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  if (b.Type(x) != sim::DType::kFloat32) node.Fail("x must be float32, is {}", sim::Name(b.Type(x)));
  const int32_t zero_point = node.OptionalInput(2);
  const sim::DType out = zero_point >= 0 ? b.Type(zero_point) : sim::DType::kUInt8;
  if (out != sim::DType::kUInt8 && out != sim::DType::kInt8) {
    node.Fail("y_zero_point must be uint8 or int8, is {}", sim::Name(out));
  }
  const int32_t scale = AlongAxis(node, b, node.Input(1), x, "y_scale");
  int32_t q = b.Emit1("Round", {b.Emit1("Div", {x, scale})});
  if (zero_point >= 0) q = b.Emit1("Add", {q, b.Cast(AlongAxis(node, b, zero_point, x, "y_zero_point"), sim::DType::kFloat32)});
  const bool is_unsigned = out == sim::DType::kUInt8;
  const int32_t clipped = b.Emit1("ClipByValue", {q, b.Scalar(is_unsigned ? 0 : -128, sim::DType::kFloat32),
                                                  b.Scalar(is_unsigned ? 255 : 127, sim::DType::kFloat32)});
  b.Cast(clipped, out, node.Output(0));
}

void ConvertDequantizeLinear(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  const sim::DType type = b.Type(x);
  if (type != sim::DType::kUInt8 && type != sim::DType::kInt8 && type != sim::DType::kInt32) {
    node.Fail("x must be uint8, int8 or int32, is {}", sim::Name(type));
  }
  int32_t value = b.Cast(x, sim::DType::kFloat32);
  const int32_t zero_point = node.OptionalInput(2);
  if (zero_point >= 0) {
    if (b.Type(zero_point) != type) node.Fail("x_zero_point must have x's type {}", sim::Name(type));
    value = b.Emit1("Sub", {value, b.Cast(AlongAxis(node, b, zero_point, x, "x_zero_point"), sim::DType::kFloat32)});
  }
  const int32_t scale = AlongAxis(node, b, node.Input(1), x, "x_scale");
  if (b.Type(scale) != sim::DType::kFloat32) node.Fail("x_scale must be float32, is {}", sim::Name(b.Type(scale)));
  b.Emit1("Mul", {value, scale}, {}, node.Output(0));
}

void ConvertDynamicQuantizeLinear(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  if (b.Type(x) != sim::DType::kFloat32) node.Fail("x must be float32, is {}", sim::Name(b.Type(x)));
  std::vector<int64_t> all;
  for (int64_t d = 0; d < b.Rank(x); ++d) all.push_back(d);
  const sim::Attrs reduce = {{"axes", all}, {"keep_dims", false}};
  const int32_t zero = b.Scalar(0, sim::DType::kFloat32), top = b.Scalar(255, sim::DType::kFloat32);
  const int32_t lo = b.Emit1("Minimum", {b.Emit1("ReduceMinD", {x}, reduce), zero});
  const int32_t hi = b.Emit1("Maximum", {b.Emit1("ReduceMaxD", {x}, reduce), zero});
  const int32_t scale = b.Emit1("Div", {b.Emit1("Sub", {hi, lo}), top}, {}, node.WantsOutput(1) ? node.Output(1) : "");
  const int32_t zp = b.Emit1("Round", {b.Emit1("ClipByValue", {b.Emit1("Sub", {zero, b.Emit1("Div", {lo, scale})}), zero, top})});
  if (node.WantsOutput(2)) b.Cast(zp, sim::DType::kUInt8, node.Output(2));
  const int32_t q = b.Emit1("Add", {b.Emit1("Round", {b.Emit1("Div", {x, scale})}), zp});
  b.Cast(b.Emit1("ClipByValue", {q, zero, top}), sim::DType::kUInt8, node.Output(0));
}

}  // namespace aclsim::onnx_import
