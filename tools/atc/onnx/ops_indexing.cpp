// Ops that pick or place elements by index: Gather, GatherElements, GatherND, ScatterND,
// ScatterElements, OneHot, TopK, ArgMax/ArgMin, CumSum; ReverseSequence and GridSample.
#include <algorithm>

#include "ops.h"
#include "ops_common.h"

namespace aclsim::onnx_import {

void ConvertGather(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  const int64_t axis = NormalizeAxis(node, "axis", node.Int("axis", 0), b.Rank(x));
  b.Emit1("GatherV2", {x, node.Input(1), b.Int64Scalar(axis)}, {{"negative_index_support", true}}, node.Output(0));
}

void ConvertGatherElements(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  Direct(node, b, "GatherElements", {{"dim", NormalizeAxis(node, "axis", node.Int("axis", 0), b.Rank(x))}});
}

// GatherND; batch_dims b > 0 prepends to every index tuple the coordinates of its batch position
// (a constant), so GatherNd indexes the batch dims too.
void ConvertGatherND(const OnnxNode& node, GraphBuilder& b) {
  const int64_t batch_dims = node.Int("batch_dims", 0);
  if (batch_dims == 0) return Direct(node, b, "GatherNd", {{"negative_index_support", true}});
  const int32_t data = node.Input(0);
  int32_t indices = node.Input(1);
  const sim::Shape ds = b.Dims(data), is = b.Dims(indices);
  if (batch_dims < 0 || batch_dims >= static_cast<int64_t>(std::min(ds.size(), is.size()))) {
    node.FailAttr("batch_dims", "{} must be in [0, min(rank of data, rank of indices))", batch_dims);
  }
  const size_t nb = static_cast<size_t>(batch_dims);
  for (size_t d = 0; d < nb; ++d) {
    if (ds[d] != is[d]) node.Fail("data {} and indices {} differ in batch dim {}", sim::ToString(ds), sim::ToString(is), d);
  }
  if (b.Type(indices) != sim::DType::kInt64) indices = b.Cast(indices, sim::DType::kInt64);
  sim::Shape prefix_shape(is.begin(), is.end() - 1);
  const int64_t tuples = sim::NumElements(prefix_shape);
  const int64_t per_batch = tuples == 0 ? 0 : tuples / Product(is, 0, nb);
  std::vector<int64_t> prefix(static_cast<size_t>(tuples) * nb);
  for (int64_t t = 0; t < tuples; ++t) {
    int64_t batch = per_batch == 0 ? 0 : t / per_batch;
    for (size_t d = nb; d-- > 0;) {
      prefix[static_cast<size_t>(t) * nb + d] = batch % is[d];
      batch /= is[d];
    }
  }
  prefix_shape.push_back(batch_dims);
  const int32_t full = b.Emit1("ConcatD", {b.Reshape(b.Int64s(prefix), prefix_shape), indices},
                               {{"concat_dim", static_cast<int64_t>(is.size()) - 1}, {"N", int64_t{2}}});
  b.Emit1("GatherNd", {data, full}, {{"negative_index_support", true}}, node.Output(0));
}

// ScatterND: data with updates written at indices (TensorScatterUpdate's operands), or combined
// with what is there by `reduction` (add, mul, max, min).
void ConvertScatterND(const OnnxNode& node, GraphBuilder& b) {
  const std::string reduction = node.String("reduction", "none");
  if (reduction != "none" && reduction != "add" && reduction != "mul" && reduction != "max" && reduction != "min") {
    node.FailAttr("reduction", "\"{}\" is not none, add, mul, max or min", reduction);
  }
  Direct(node, b, "TensorScatterUpdate", {{"reduction", reduction}});
}

// ReverseSequence: time_axis / batch_axis are CANN's seq_dim / batch_dim.
void ConvertReverseSequence(const OnnxNode& node, GraphBuilder& b) {
  const int64_t rank = b.Rank(node.Input(0));
  Direct(node, b, "ReverseSequence",
         {{"seq_dim", NormalizeAxis(node, "time_axis", node.Int("time_axis", 0), rank)},
          {"batch_dim", NormalizeAxis(node, "batch_axis", node.Int("batch_axis", 1), rank)}});
}

// GridSample (2-D, opset 16): GridSampler2D with the same mode names.
void ConvertGridSample(const OnnxNode& node, GraphBuilder& b) {
  if (b.Rank(node.Input(0)) != 4) node.Fail("only 2-D sampling (a 4-D input) is supported");
  const std::string mode = node.String("mode", "bilinear");
  if (mode != "bilinear" && mode != "nearest" && mode != "bicubic") {
    node.FailAttr("mode", "\"{}\" is not bilinear, nearest or bicubic", mode);
  }
  const std::string padding = node.String("padding_mode", "zeros");
  if (padding != "zeros" && padding != "border" && padding != "reflection") {
    node.FailAttr("padding_mode", "\"{}\" is not zeros, border or reflection", padding);
  }
  Direct(node, b, "GridSampler2D",
         {{"interpolation_mode", mode}, {"padding_mode", padding}, {"align_corners", node.Int("align_corners", 0) != 0}});
}

void ConvertScatterElements(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  const std::string reduction = node.String("reduction", "none");
  Direct(node, b, "ScatterElements",
         {{"axis", NormalizeAxis(node, "axis", node.Int("axis", 0), b.Rank(x))}, {"reduction", reduction}});
}

// OneHot: values holds [off, on]; indices of any integer type (floats are cast).
void ConvertOneHot(const OnnxNode& node, GraphBuilder& b) {
  int32_t indices = node.Input(0);
  if (!sim::IsInteger(b.Type(indices))) indices = b.Cast(indices, sim::DType::kInt64);
  const int64_t depth = static_cast<int64_t>(node.ConstScalar(1, "depth"));
  const int32_t values = node.Input(2);
  if (sim::NumElements(b.Dims(values)) != 2) node.Fail("values must hold [off_value, on_value]");
  const auto parts = b.Emit("SplitVD", {b.Reshape(values, {2})}, {{"size_splits", std::vector<int64_t>{1, 1}},
                                                                   {"split_dim", int64_t{0}}, {"num_split", int64_t{2}}});
  // ONNX allows indices in [-depth, depth): negative ones count from the end.
  const int32_t shifted = b.Emit1("FloorMod", {indices, b.Scalar(static_cast<double>(depth), b.Type(indices))});
  const int32_t rank = static_cast<int32_t>(b.Rank(indices)) + 1;
  b.Emit1("OneHot", {shifted, b.Int64Scalar(depth), b.Reshape(parts[1], {}), b.Reshape(parts[0], {})},
          {{"axis", NormalizeAxis(node, "axis", node.Int("axis", -1), rank)}}, node.Output(0));
}

// TopK: k as an attribute before opset 10, an input since; the kernel's int32 indices are cast
// to ONNX's int64.
void ConvertTopK(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  const int64_t k = node.opset() < 10 ? node.Int("k") : node.ConstInts(1, "k").at(0);
  const int64_t axis = NormalizeAxis(node, "axis", node.Int("axis", -1), b.Rank(x));
  const bool largest = node.Int("largest", 1) != 0;
  // sorted = 0 leaves the order to the implementation; sorted output is one valid answer.
  const auto outs = b.Emit("TopKV2", {x, b.Int64s({k})},
                           {{"dim", axis}, {"largest", largest}, {"sorted", true}}, {node.Output(0)});
  b.Cast(outs[1], sim::DType::kInt64, node.Output(1));
}

namespace {

void ConvertArg(const OnnxNode& node, GraphBuilder& b, const char* type) {
  int32_t x = node.Input(0);
  const int64_t axis = NormalizeAxis(node, "axis", node.Int("axis", 0), b.Rank(x));
  const bool keep = node.Int("keepdims", 1) != 0;
  // select_last_index: the first extreme of x reversed along the axis, counted from the end.
  const bool last = node.Int("select_last_index", 0) != 0;
  const sim::Shape xs = b.Dims(x);
  const int64_t dim = xs[static_cast<size_t>(axis)];
  if (last) {
    std::vector<int64_t> begin(xs.size(), 0), end = xs, strides(xs.size(), 1);
    begin[static_cast<size_t>(axis)] = dim - 1;
    end[static_cast<size_t>(axis)] = 0;
    strides[static_cast<size_t>(axis)] = -1;
    x = b.Emit1("StridedSliceD", {x}, {{"begin", begin}, {"end", end}, {"strides", strides},
                                       {"end_mask", int64_t{1} << axis}});
  }
  const bool direct = !keep && !last;
  int32_t y = b.Emit1(type, {x, b.Int64Scalar(axis)}, {{"dtype", sim::DType::kInt64}}, direct ? node.Output(0) : "");
  if (last) y = b.Emit1("Sub", {b.Int64Scalar(dim - 1), y}, {}, keep ? "" : node.Output(0));
  if (keep) b.Emit1("Unsqueeze", {y}, {{"axes", std::vector<int64_t>{axis}}}, node.Output(0));
}

}  // namespace

void ConvertArgMax(const OnnxNode& node, GraphBuilder& b) { ConvertArg(node, b, "ArgMaxV2"); }
void ConvertArgMin(const OnnxNode& node, GraphBuilder& b) { ConvertArg(node, b, "ArgMin"); }

void ConvertCumSum(const OnnxNode& node, GraphBuilder& b) {
  Direct(node, b, "Cumsum", {{"exclusive", node.Int("exclusive", 0) != 0}, {"reverse", node.Int("reverse", 0) != 0}});
}

}  // namespace aclsim::onnx_import
