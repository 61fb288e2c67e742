// DFT (opset 17) as one MatMulV2 with a constant matrix: the transform axis is moved next to the
// real/imaginary dim, each signal's (n, re/im) values form a row, and the matrix maps them to
// (k, re/im) with the cosines and sines of 2 pi k n / N (conjugated and scaled by 1 / N for the
// inverse). Float32 signals whose length is the DFT length.
#include <cmath>
#include <cstring>
#include <memory>
#include <numeric>

#include "ops.h"
#include "ops_common.h"

namespace aclsim::onnx_import {

void ConvertDFT(const OnnxNode& node, GraphBuilder& b) {
  int32_t x = node.Input(0);
  const sim::Shape xs = b.Dims(x);
  const int64_t rank = static_cast<int64_t>(xs.size());
  if (b.Type(x) != sim::DType::kFloat32) node.Fail("input must be float32, is {}", sim::Name(b.Type(x)));
  if (rank < 3 || (xs.back() != 1 && xs.back() != 2)) {
    node.Fail("input {} must be [batch, signal dims..., 1 or 2]", sim::ToString(xs));
  }
  const int64_t axis = NormalizeAxis(node, "axis", node.Int("axis", 1), rank);
  if (axis == 0 || axis == rank - 1) node.FailAttr("axis", "{} must name a signal dim (1 to {})", axis, rank - 2);
  const int64_t length = xs[static_cast<size_t>(axis)], parts = xs.back();
  if (auto n = node.OptionalConstInts(1, "dft_length"); n && (n->size() != 1 || (*n)[0] != length)) {
    node.Fail("dft_length other than the signal's length ({}) is not supported", length);
  }
  const bool inverse = node.Int("inverse", 0) != 0, onesided = node.Int("onesided", 0) != 0;
  if (inverse && onesided) node.FailAttr("onesided", "1 is not supported with inverse");
  const int64_t bins = onesided ? length / 2 + 1 : length;

  // Move the axis just before the real/imaginary dim.
  std::vector<int64_t> perm;
  for (int64_t d = 0; d < rank - 1; ++d) {
    if (d != axis) perm.push_back(d);
  }
  perm.push_back(axis);
  perm.push_back(rank - 1);
  const int32_t moved = b.Emit1("TransposeD", {x}, {{"perm", perm}});
  const int64_t rows = sim::NumElements(xs) / (length * parts);
  const int32_t signals = b.Reshape(moved, {rows, length * parts});

  // W[(n, i)][(k, o)]: input element n part i (0 re, 1 im) to output bin k part o.
  std::vector<float> w(static_cast<size_t>(length * parts * bins * 2));
  const double sign = inverse ? 1.0 : -1.0, scale = inverse ? 1.0 / static_cast<double>(length) : 1.0;
  for (int64_t n = 0; n < length; ++n) {
    for (int64_t k = 0; k < bins; ++k) {
      const double phase = 2.0 * M_PI * static_cast<double>((k * n) % length) / static_cast<double>(length);
      const double c = std::cos(phase) * scale, s = sign * std::sin(phase) * scale;  // e^{sign i phase}
      for (int64_t i = 0; i < parts; ++i) {
        // (re + i im) * (c + i s) = (re c - im s) + i (re s + im c)
        const size_t row = static_cast<size_t>((n * parts + i) * bins * 2);
        w[row + static_cast<size_t>(k * 2)] = static_cast<float>(i == 0 ? c : -s);
        w[row + static_cast<size_t>(k * 2 + 1)] = static_cast<float>(i == 0 ? s : c);
      }
    }
  }
  sim::TensorSpec spec(sim::DType::kFloat32, {length * parts, bins * 2});
  auto bytes = std::make_shared<std::vector<unsigned char>>(w.size() * sizeof(float));
  std::memcpy(bytes->data(), w.data(), bytes->size());
  spec.value = std::move(bytes);
  const int32_t product = b.Emit1("MatMulV2", {signals, b.AddConstant("", std::move(spec))});

  // Back to the input's dim order with the axis holding the bins and a last dim of 2.
  sim::Shape moved_shape = b.Dims(moved);
  moved_shape[moved_shape.size() - 2] = bins;
  moved_shape.back() = 2;
  std::vector<int64_t> back(perm.size());
  for (size_t i = 0; i < perm.size(); ++i) back[static_cast<size_t>(perm[i])] = static_cast<int64_t>(i);
  b.Emit1("TransposeD", {b.Reshape(product, moved_shape)}, {{"perm", back}}, node.Output(0));
}

}  // namespace aclsim::onnx_import
