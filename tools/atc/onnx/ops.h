// The op converters of ops_*.cpp, one function per ONNX op (or op family), registered in
// converter_table.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "graph_builder.h"
#include "onnx_node.h"

namespace aclsim::onnx_import {

// ops_elementwise.cpp
void ConvertBinary(const OnnxNode& node, GraphBuilder& b, const std::string& type);
void ConvertMax(const OnnxNode& node, GraphBuilder& b);
void ConvertMin(const OnnxNode& node, GraphBuilder& b);
void ConvertSum(const OnnxNode& node, GraphBuilder& b);
void ConvertMean(const OnnxNode& node, GraphBuilder& b);
void ConvertClip(const OnnxNode& node, GraphBuilder& b);
void ConvertCast(const OnnxNode& node, GraphBuilder& b);
void ConvertCastLike(const OnnxNode& node, GraphBuilder& b);
void ConvertPow(const OnnxNode& node, GraphBuilder& b);
void ConvertMod(const OnnxNode& node, GraphBuilder& b);
void ConvertBitShift(const OnnxNode& node, GraphBuilder& b);
void ConvertIsInf(const OnnxNode& node, GraphBuilder& b);
void ConvertDropout(const OnnxNode& node, GraphBuilder& b);

// ops_activation.cpp
void ConvertLeakyRelu(const OnnxNode& node, GraphBuilder& b);
void ConvertElu(const OnnxNode& node, GraphBuilder& b);
void ConvertSelu(const OnnxNode& node, GraphBuilder& b);
void ConvertCelu(const OnnxNode& node, GraphBuilder& b);
void ConvertHardSigmoid(const OnnxNode& node, GraphBuilder& b);
void ConvertThresholdedRelu(const OnnxNode& node, GraphBuilder& b);
void ConvertShrink(const OnnxNode& node, GraphBuilder& b);
void ConvertPRelu(const OnnxNode& node, GraphBuilder& b);
void ConvertSoftmax(const OnnxNode& node, GraphBuilder& b);
void ConvertLogSoftmax(const OnnxNode& node, GraphBuilder& b);
void ConvertHardmax(const OnnxNode& node, GraphBuilder& b);

// ops_nn.cpp
void ConvertConv(const OnnxNode& node, GraphBuilder& b);
void ConvertConvTranspose(const OnnxNode& node, GraphBuilder& b);
void ConvertMaxPool(const OnnxNode& node, GraphBuilder& b);
void ConvertAveragePool(const OnnxNode& node, GraphBuilder& b);
void ConvertGlobalMaxPool(const OnnxNode& node, GraphBuilder& b);
void ConvertBatchNormalization(const OnnxNode& node, GraphBuilder& b);
void ConvertInstanceNormalization(const OnnxNode& node, GraphBuilder& b);
void ConvertLayerNormalization(const OnnxNode& node, GraphBuilder& b);
void ConvertLRN(const OnnxNode& node, GraphBuilder& b);
void ConvertMaxUnpool(const OnnxNode& node, GraphBuilder& b);
void ConvertMeanVarianceNormalization(const OnnxNode& node, GraphBuilder& b);
void ConvertQuantizeLinear(const OnnxNode& node, GraphBuilder& b);    // ops_quantize.cpp
void ConvertDequantizeLinear(const OnnxNode& node, GraphBuilder& b);  // ops_quantize.cpp
void ConvertDynamicQuantizeLinear(const OnnxNode& node, GraphBuilder& b);  // ops_quantize.cpp
void ConvertDFT(const OnnxNode& node, GraphBuilder& b);                    // ops_signal.cpp
void ConvertGemm(const OnnxNode& node, GraphBuilder& b);
void ConvertMatMul(const OnnxNode& node, GraphBuilder& b);
void ConvertDepthToSpace(const OnnxNode& node, GraphBuilder& b);
void ConvertSpaceToDepth(const OnnxNode& node, GraphBuilder& b);
void ConvertResize(const OnnxNode& node, GraphBuilder& b);  // ops_resize.cpp
void ConvertUpsample(const OnnxNode& node, GraphBuilder& b);

// ops_shape.cpp
std::optional<std::vector<int64_t>> ReduceAxesOf(const OnnxNode& node, int64_t input_since);
void ConvertReshape(const OnnxNode& node, GraphBuilder& b);
void ConvertFlatten(const OnnxNode& node, GraphBuilder& b);
void ConvertSqueeze(const OnnxNode& node, GraphBuilder& b);
void ConvertUnsqueeze(const OnnxNode& node, GraphBuilder& b);
void ConvertTranspose(const OnnxNode& node, GraphBuilder& b);
void ConvertConcat(const OnnxNode& node, GraphBuilder& b);
void ConvertSplit(const OnnxNode& node, GraphBuilder& b);
void ConvertSlice(const OnnxNode& node, GraphBuilder& b);
void ConvertShape(const OnnxNode& node, GraphBuilder& b);
void ConvertSize(const OnnxNode& node, GraphBuilder& b);
void ConvertConstant(const OnnxNode& node, GraphBuilder& b);
void ConvertConstantOfShape(const OnnxNode& node, GraphBuilder& b);
void ConvertEyeLike(const OnnxNode& node, GraphBuilder& b);
void ConvertTrilu(const OnnxNode& node, GraphBuilder& b);
void ConvertExpand(const OnnxNode& node, GraphBuilder& b);
void ConvertTile(const OnnxNode& node, GraphBuilder& b);
void ConvertPad(const OnnxNode& node, GraphBuilder& b);

// ops_indexing.cpp
void ConvertGather(const OnnxNode& node, GraphBuilder& b);
void ConvertGatherElements(const OnnxNode& node, GraphBuilder& b);
void ConvertGatherND(const OnnxNode& node, GraphBuilder& b);
void ConvertScatterND(const OnnxNode& node, GraphBuilder& b);
void ConvertReverseSequence(const OnnxNode& node, GraphBuilder& b);
void ConvertGridSample(const OnnxNode& node, GraphBuilder& b);
void ConvertScatterElements(const OnnxNode& node, GraphBuilder& b);
void ConvertOneHot(const OnnxNode& node, GraphBuilder& b);
void ConvertTopK(const OnnxNode& node, GraphBuilder& b);
void ConvertArgMax(const OnnxNode& node, GraphBuilder& b);
void ConvertArgMin(const OnnxNode& node, GraphBuilder& b);
void ConvertCumSum(const OnnxNode& node, GraphBuilder& b);

// ops_reduction.cpp
void ConvertReduce(const OnnxNode& node, GraphBuilder& b);
void ConvertReduceL1(const OnnxNode& node, GraphBuilder& b);
void ConvertReduceSumSquare(const OnnxNode& node, GraphBuilder& b);
void ConvertReduceLogSum(const OnnxNode& node, GraphBuilder& b);
void ConvertReduceLogSumExp(const OnnxNode& node, GraphBuilder& b);

// ops_loss.cpp
void ConvertNegativeLogLikelihoodLoss(const OnnxNode& node, GraphBuilder& b);
void ConvertSoftmaxCrossEntropyLoss(const OnnxNode& node, GraphBuilder& b);

}  // namespace aclsim::onnx_import
