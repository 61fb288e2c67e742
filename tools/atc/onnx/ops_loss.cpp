// The loss functions NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss, composed from
// LogSoftmaxV2, GatherElements, GatherV2, SelectV2 and reductions.
#include "ops.h"
#include "ops_common.h"

namespace aclsim::onnx_import {
namespace {

// loss[n, d...] = -input[n, target[n, d...], d...] * weight[target], with ignore_index entries
// weighted 0, reduced as `reduction` says ("mean" divides by the sum of the weights).
void NegativeLogLikelihood(const OnnxNode& node, GraphBuilder& b, int32_t input, int32_t target, int32_t weight,
                           const std::string& name) {
  const std::string reduction = node.String("reduction", "mean");
  if (reduction != "none" && reduction != "sum" && reduction != "mean") {
    node.FailAttr("reduction", "\"{}\" is not none, sum or mean", reduction);
  }
  if (b.Rank(input) < 2) node.Fail("input must have at least 2 dims (N, C, ...)");
  const sim::DType dtype = b.Type(input);
  int32_t mask = -1, index = target;
  if (node.Has("ignore_index")) {
    mask = b.Emit1("NotEqual", {target, b.Scalar(static_cast<double>(node.Int("ignore_index")), b.Type(target))});
    index = b.Emit1("SelectV2", {mask, target, b.Scalar(0, b.Type(target))});
  }
  const int32_t column = b.Emit1("Unsqueeze", {index}, {{"axes", std::vector<int64_t>{1}}});
  const int32_t picked = b.Emit1("GatherElements", {input, column}, {{"dim", int64_t{1}}});
  int32_t loss = b.Emit1("Neg", {b.Emit1("Squeeze", {picked}, {{"axis", std::vector<int64_t>{1}}})});
  int32_t w = -1;
  if (weight >= 0) w = b.Emit1("GatherV2", {weight, index, b.Int64Scalar(0)});
  if (mask >= 0) {
    const int32_t kept = b.Cast(mask, dtype);
    w = w >= 0 ? b.Emit1("Mul", {w, kept}) : kept;
  }
  const bool last = reduction == "none";
  if (w >= 0) loss = b.Emit1("Mul", {loss, w}, {}, last ? name : "");
  else if (last) loss = b.Emit1("Identity", {loss}, {}, name);
  if (last) return;
  std::vector<int64_t> all(static_cast<size_t>(b.Rank(loss)));
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int64_t>(i);
  const sim::Attrs attrs = {{"keep_dims", false}, {"noop_with_empty_axes", false}};
  if (reduction == "sum") {
    b.Emit1("ReduceSum", {loss, b.Int64s(all)}, attrs, name);
  } else if (w < 0) {
    b.Emit1("ReduceMean", {loss, b.Int64s(all)}, attrs, name);
  } else {
    const int32_t total = b.Emit1("ReduceSum", {loss, b.Int64s(all)}, attrs);
    const int32_t weights = b.Emit1("ReduceSum", {w, b.Int64s(all)}, attrs);
    b.Emit1("Div", {total, weights}, {}, name);
  }
}

}  // namespace

void ConvertNegativeLogLikelihoodLoss(const OnnxNode& node, GraphBuilder& b) {
  NegativeLogLikelihood(node, b, node.Input(0), node.Input(1), node.OptionalInput(2), node.Output(0));
}

void ConvertSoftmaxCrossEntropyLoss(const OnnxNode& node, GraphBuilder& b) {
  const int32_t log_prob = b.Emit1("LogSoftmaxV2", {node.Input(0)}, {{"axes", std::vector<int64_t>{1}}}, node.Output(1));
  NegativeLogLikelihood(node, b, log_prob, node.Input(1), node.OptionalInput(2), node.Output(0));
}

}  // namespace aclsim::onnx_import
