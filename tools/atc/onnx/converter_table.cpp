#include "converter_table.h"

#include "ops.h"
#include "ops_common.h"

namespace aclsim::onnx_import {
namespace {

constexpr int kMaxOpset = 17;
using N = const OnnxNode&;
using B = GraphBuilder&;

const std::vector<std::string> kLegacyBroadcast = {"broadcast", "axis"};
const std::vector<std::string> kConvAttrs = {"auto_pad", "dilations", "group", "kernel_shape", "pads", "strides"};
const std::vector<std::string> kPoolAttrs = {"auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads",
                                             "storage_order", "strides", "count_include_pad"};
const std::vector<std::string> kReduceAttrs = {"axes", "keepdims", "noop_with_empty_axes"};

// Ordered by op type. Every entry handles model opsets [since, until].
const std::vector<Converter>& Table() {
  static const std::vector<Converter> table = {
      {"Abs", 1, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Abs"); }},
      {"Acos", 7, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Acos"); }},
      {"Acosh", 9, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Acosh"); }},
      {"Add", 1, kMaxOpset, kLegacyBroadcast, [](N n, B b) { ConvertBinary(n, b, "Add"); }},
      {"And", 1, kMaxOpset, kLegacyBroadcast, [](N n, B b) { ConvertBinary(n, b, "LogicalAnd"); }},
      {"ArgMax", 1, kMaxOpset, {"axis", "keepdims", "select_last_index"}, ConvertArgMax},
      {"ArgMin", 1, kMaxOpset, {"axis", "keepdims", "select_last_index"}, ConvertArgMin},
      {"Asin", 7, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Asin"); }},
      {"Asinh", 9, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Asinh"); }},
      {"Atan", 7, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Atan"); }},
      {"Atanh", 9, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Atanh"); }},
      {"AveragePool", 1, kMaxOpset, kPoolAttrs, ConvertAveragePool},
      {"BatchNormalization", 1, kMaxOpset, {"epsilon", "momentum", "spatial", "is_test", "training_mode"},
       ConvertBatchNormalization},
      {"BitShift", 11, kMaxOpset, {"direction"}, ConvertBitShift},
      {"Cast", 1, kMaxOpset, {"to", "saturate"}, ConvertCast},
      {"CastLike", 15, kMaxOpset, {"saturate"}, ConvertCastLike},
      {"Ceil", 1, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Ceil"); }},
      {"Celu", 12, kMaxOpset, {"alpha"}, ConvertCelu},
      {"Clip", 1, kMaxOpset, {"min", "max"}, ConvertClip},
      {"Concat", 1, kMaxOpset, {"axis"}, ConvertConcat},
      {"Constant", 1, kMaxOpset, {"value", "value_float", "value_floats", "value_int", "value_ints"}, ConvertConstant},
      {"ConstantOfShape", 9, kMaxOpset, {"value"}, ConvertConstantOfShape},
      {"Conv", 1, kMaxOpset, kConvAttrs, ConvertConv},
      {"ConvTranspose", 1, kMaxOpset,
       {"auto_pad", "dilations", "group", "kernel_shape", "output_padding", "output_shape", "pads", "strides"},
       ConvertConvTranspose},
      {"Cos", 7, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Cos"); }},
      {"Cosh", 9, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Cosh"); }},
      {"CumSum", 11, kMaxOpset, {"exclusive", "reverse"}, ConvertCumSum},
      {"DFT", 17, kMaxOpset, {"axis", "inverse", "onesided"}, ConvertDFT},
      {"DepthToSpace", 1, kMaxOpset, {"blocksize", "mode"}, ConvertDepthToSpace},
      {"DequantizeLinear", 10, kMaxOpset, {"axis"}, ConvertDequantizeLinear},
      {"Det", 11, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "MatrixDeterminant"); }},
      {"Div", 1, kMaxOpset, kLegacyBroadcast, [](N n, B b) { ConvertBinary(n, b, "Div"); }},
      {"Dropout", 1, kMaxOpset, {"ratio", "is_test", "seed"}, ConvertDropout},
      {"DynamicQuantizeLinear", 11, kMaxOpset, {}, ConvertDynamicQuantizeLinear},
      {"Einsum", 12, kMaxOpset, {"equation"},
       [](N n, B b) {
         if (!n.Has("equation")) n.FailAttr("equation", "required but missing");
         Direct(n, b, "Einsum", {{"equation", n.String("equation", "")}});
       }},
      {"Elu", 1, kMaxOpset, {"alpha"}, ConvertElu},
      {"Equal", 1, kMaxOpset, kLegacyBroadcast, [](N n, B b) { ConvertBinary(n, b, "Equal"); }},
      {"Erf", 9, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Erf"); }},
      {"Exp", 1, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Exp"); }},
      {"Expand", 8, kMaxOpset, {}, ConvertExpand},
      {"EyeLike", 9, kMaxOpset, {"dtype", "k"}, ConvertEyeLike},
      {"Flatten", 1, kMaxOpset, {"axis"}, ConvertFlatten},
      {"Floor", 1, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Floor"); }},
      {"Gather", 1, kMaxOpset, {"axis"}, ConvertGather},
      {"GatherElements", 11, kMaxOpset, {"axis"}, ConvertGatherElements},
      {"GatherND", 11, kMaxOpset, {"batch_dims"}, ConvertGatherND},
      {"Gemm", 1, kMaxOpset, {"alpha", "beta", "transA", "transB", "broadcast"}, ConvertGemm},
      {"GlobalAveragePool", 1, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "GlobalAveragePool"); }},
      {"GlobalMaxPool", 1, kMaxOpset, {}, ConvertGlobalMaxPool},
      {"Greater", 1, kMaxOpset, kLegacyBroadcast, [](N n, B b) { ConvertBinary(n, b, "Greater"); }},
      {"GreaterOrEqual", 12, kMaxOpset, {}, [](N n, B b) { ConvertBinary(n, b, "GreaterEqual"); }},
      {"GridSample", 16, kMaxOpset, {"align_corners", "mode", "padding_mode"}, ConvertGridSample},
      {"HardSigmoid", 1, kMaxOpset, {"alpha", "beta"}, ConvertHardSigmoid},
      {"HardSwish", 14, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "HardSwish"); }},
      {"Hardmax", 1, kMaxOpset, {"axis"}, ConvertHardmax},
      {"Identity", 1, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Identity"); }},
      {"InstanceNormalization", 1, kMaxOpset, {"epsilon"}, ConvertInstanceNormalization},
      {"IsInf", 10, kMaxOpset, {"detect_positive", "detect_negative"}, ConvertIsInf},
      {"IsNaN", 9, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "IsNan"); }},
      {"LRN", 1, kMaxOpset, {"alpha", "beta", "bias", "size"}, ConvertLRN},
      {"LayerNormalization", 17, kMaxOpset, {"axis", "epsilon", "stash_type"}, ConvertLayerNormalization},
      {"LeakyRelu", 1, kMaxOpset, {"alpha"}, ConvertLeakyRelu},
      {"Less", 1, kMaxOpset, kLegacyBroadcast, [](N n, B b) { ConvertBinary(n, b, "Less"); }},
      {"LessOrEqual", 12, kMaxOpset, {}, [](N n, B b) { ConvertBinary(n, b, "LessEqual"); }},
      {"Log", 1, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Log"); }},
      {"LogSoftmax", 1, kMaxOpset, {"axis"}, ConvertLogSoftmax},
      {"MatMul", 1, kMaxOpset, {}, ConvertMatMul},
      {"Max", 1, kMaxOpset, {}, ConvertMax},
      {"MaxPool", 1, kMaxOpset, kPoolAttrs, ConvertMaxPool},
      {"MaxUnpool", 9, kMaxOpset, {"kernel_shape", "pads", "strides"}, ConvertMaxUnpool},
      {"Mean", 1, kMaxOpset, {}, ConvertMean},
      {"MeanVarianceNormalization", 9, kMaxOpset, {"axes"}, ConvertMeanVarianceNormalization},
      {"Min", 1, kMaxOpset, {}, ConvertMin},
      {"Mod", 10, kMaxOpset, {"fmod"}, ConvertMod},
      {"Mul", 1, kMaxOpset, kLegacyBroadcast, [](N n, B b) { ConvertBinary(n, b, "Mul"); }},
      {"Neg", 1, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Neg"); }},
      {"NegativeLogLikelihoodLoss", 12, kMaxOpset, {"ignore_index", "reduction"}, ConvertNegativeLogLikelihoodLoss},
      {"Not", 1, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "LogicalNot"); }},
      {"OneHot", 9, kMaxOpset, {"axis"}, ConvertOneHot},
      {"Or", 1, kMaxOpset, kLegacyBroadcast, [](N n, B b) { ConvertBinary(n, b, "LogicalOr"); }},
      {"PRelu", 1, kMaxOpset, {}, ConvertPRelu},
      {"Pad", 1, kMaxOpset, {"mode", "pads", "paddings", "value"}, ConvertPad},
      {"Pow", 1, kMaxOpset, kLegacyBroadcast, ConvertPow},
      {"QuantizeLinear", 10, kMaxOpset, {"axis"}, ConvertQuantizeLinear},
      {"Range", 11, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Range"); }},
      {"Reciprocal", 1, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Reciprocal"); }},
      {"ReduceL1", 1, kMaxOpset, kReduceAttrs, ConvertReduceL1},
      {"ReduceL2", 1, kMaxOpset, kReduceAttrs, ConvertReduce},
      {"ReduceLogSum", 1, kMaxOpset, kReduceAttrs, ConvertReduceLogSum},
      {"ReduceLogSumExp", 1, kMaxOpset, kReduceAttrs, ConvertReduceLogSumExp},
      {"ReduceMax", 1, kMaxOpset, kReduceAttrs, ConvertReduce},
      {"ReduceMean", 1, kMaxOpset, kReduceAttrs, ConvertReduce},
      {"ReduceMin", 1, kMaxOpset, kReduceAttrs, ConvertReduce},
      {"ReduceProd", 1, kMaxOpset, kReduceAttrs, ConvertReduce},
      {"ReduceSum", 1, kMaxOpset, kReduceAttrs, ConvertReduce},
      {"ReduceSumSquare", 1, kMaxOpset, kReduceAttrs, ConvertReduceSumSquare},
      {"Relu", 1, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Relu"); }},
      {"Reshape", 1, kMaxOpset, {"shape", "allowzero"}, ConvertReshape},
      {"Resize", 10, kMaxOpset,
       {"mode", "coordinate_transformation_mode", "nearest_mode", "cubic_coeff_a", "exclude_outside",
        "extrapolation_value"},
       ConvertResize},
      {"ReverseSequence", 10, kMaxOpset, {"batch_axis", "time_axis"}, ConvertReverseSequence},
      {"Round", 11, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Round"); }},
      {"Scatter", 9, 10, {"axis"}, ConvertScatterElements},  // ScatterElements before opset 11
      {"ScatterElements", 11, kMaxOpset, {"axis", "reduction"}, ConvertScatterElements},
      {"ScatterND", 11, kMaxOpset, {"reduction"}, ConvertScatterND},
      {"Selu", 1, kMaxOpset, {"alpha", "gamma"}, ConvertSelu},
      {"Shape", 1, kMaxOpset, {"start", "end"}, ConvertShape},
      {"Shrink", 9, kMaxOpset, {"bias", "lambd"}, ConvertShrink},
      {"Sigmoid", 1, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Sigmoid"); }},
      {"Sign", 9, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Sign"); }},
      {"Sin", 7, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Sin"); }},
      {"Sinh", 9, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Sinh"); }},
      {"Size", 1, kMaxOpset, {}, ConvertSize},
      {"Slice", 1, kMaxOpset, {"starts", "ends", "axes"}, ConvertSlice},
      {"Softmax", 1, kMaxOpset, {"axis"}, ConvertSoftmax},
      {"SoftmaxCrossEntropyLoss", 12, kMaxOpset, {"ignore_index", "reduction"}, ConvertSoftmaxCrossEntropyLoss},
      {"Softplus", 1, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Softplus"); }},
      {"Softsign", 1, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Softsign"); }},
      {"SpaceToDepth", 1, kMaxOpset, {"blocksize"}, ConvertSpaceToDepth},
      {"Split", 1, kMaxOpset, {"axis", "split"}, ConvertSplit},
      {"Sqrt", 1, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Sqrt"); }},
      {"Squeeze", 1, kMaxOpset, {"axes"}, ConvertSqueeze},
      {"Sub", 1, kMaxOpset, kLegacyBroadcast, [](N n, B b) { ConvertBinary(n, b, "Sub"); }},
      {"Sum", 1, kMaxOpset, {}, ConvertSum},
      {"Tan", 7, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Tan"); }},
      {"Tanh", 1, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "Tanh"); }},
      {"ThresholdedRelu", 10, kMaxOpset, {"alpha"}, ConvertThresholdedRelu},
      {"Tile", 6, kMaxOpset, {}, ConvertTile},
      {"TopK", 1, kMaxOpset, {"axis", "k", "largest", "sorted"}, ConvertTopK},
      {"Transpose", 1, kMaxOpset, {"perm"}, ConvertTranspose},
      {"Trilu", 14, kMaxOpset, {"upper"}, ConvertTrilu},
      {"Unsqueeze", 1, kMaxOpset, {"axes"}, ConvertUnsqueeze},
      {"Upsample", 7, 9, {"mode", "scales"}, ConvertUpsample},
      {"Where", 9, kMaxOpset, {}, [](N n, B b) { Direct(n, b, "SelectV2"); }},
      {"Xor", 1, kMaxOpset, kLegacyBroadcast, [](N n, B b) { ConvertBinary(n, b, "LogicalXor"); }},
  };
  return table;
}

}  // namespace

const Converter* FindConverter(const std::string& op, int64_t opset, bool* known) {
  *known = false;
  for (const Converter& c : Table()) {
    if (op != c.op) continue;
    *known = true;
    if (opset >= c.since && opset <= c.until) return &c;
  }
  return nullptr;
}

std::vector<std::string> ConvertibleOps() {
  std::vector<std::string> ops;
  for (const Converter& c : Table()) ops.push_back(c.op);
  return ops;
}

}  // namespace aclsim::onnx_import
