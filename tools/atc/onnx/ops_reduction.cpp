// Reductions: ReduceSum/Mean/Max/Min/Prod/L2 on the kernels of the same name (axes as an
// input), ReduceL1, ReduceSumSquare, ReduceLogSum and ReduceLogSumExp composed from them.
#include "ops.h"
#include "ops_common.h"

namespace aclsim::onnx_import {
namespace {

// The axes to reduce (nullopt: every axis), honouring noop_with_empty_axes; `since` is the opset
// from which the axes are an input.
struct ReduceAxes {
  std::vector<int64_t> axes;
  bool noop = false;
};

ReduceAxes Axes(const OnnxNode& node, const GraphBuilder& b, int32_t x, int64_t since) {
  const auto given = ReduceAxesOf(node, since);
  ReduceAxes r;
  if (given && !given->empty()) {
    r.axes = NormalizeAxes(node, "axes", *given, b.Rank(x));
  } else if (node.Int("noop_with_empty_axes", 0) != 0) {
    r.noop = true;
  } else {
    for (int64_t d = 0; d < b.Rank(x); ++d) r.axes.push_back(d);
  }
  return r;
}

// The kernel `type` over the node's axes; output named `name` ("" for an intermediate).
int32_t Reduce(const OnnxNode& node, GraphBuilder& b, const std::string& type, int32_t x, int64_t since,
               const std::string& name, bool keep) {
  const ReduceAxes r = Axes(node, b, x, since);
  if (r.noop) return b.Emit1("Identity", {x}, {}, name);
  return b.Emit1(type, {x, b.Int64s(r.axes)}, {{"keep_dims", keep}, {"noop_with_empty_axes", false}}, name);
}

bool KeepDims(const OnnxNode& node) { return node.Int("keepdims", 1) != 0; }

// The opset since which each reduction takes its axes as an input.
int64_t AxesInputSince(const std::string& op) { return op == "ReduceSum" ? 13 : 18; }

}  // namespace

void ConvertReduce(const OnnxNode& node, GraphBuilder& b) {
  const std::string& op = node.op();
  Reduce(node, b, op, node.Input(0), AxesInputSince(op), node.Output(0), KeepDims(node));
}

void ConvertReduceL1(const OnnxNode& node, GraphBuilder& b) {
  const int32_t magnitude = b.Emit1("Abs", {node.Input(0)});
  Reduce(node, b, "ReduceSum", magnitude, 18, node.Output(0), KeepDims(node));
}

void ConvertReduceSumSquare(const OnnxNode& node, GraphBuilder& b) {
  const int32_t squares = b.Emit1("Mul", {node.Input(0), node.Input(0)});
  Reduce(node, b, "ReduceSum", squares, 18, node.Output(0), KeepDims(node));
}

void ConvertReduceLogSum(const OnnxNode& node, GraphBuilder& b) {
  const int32_t sum = Reduce(node, b, "ReduceSum", node.Input(0), 18, "", KeepDims(node));
  b.Emit1("Log", {sum}, {}, node.Output(0));
}

// log(sum(exp(x))) computed as m + log(sum(exp(x - m))) with m the maximum, so it does not
// overflow.
void ConvertReduceLogSumExp(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  const bool keep = KeepDims(node);
  const int32_t peak = Reduce(node, b, "ReduceMax", x, 18, "", true);
  const int32_t shifted = b.Emit1("Exp", {b.Emit1("Sub", {x, peak})});
  const int32_t log_sum = b.Emit1("Log", {Reduce(node, b, "ReduceSum", shifted, 18, "", keep)});
  const int32_t offset = keep ? peak : b.Reshape(peak, b.Dims(log_sum));
  b.Emit1("Add", {log_sum, offset}, {}, node.Output(0));
}

}  // namespace aclsim::onnx_import
