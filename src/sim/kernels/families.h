// The operator families of the simulated device, one Register function per file of kernels/
// (src/CMakeLists.txt compiles every .cpp there). RegisterAllKernels calls each.
#pragma once

namespace aclsim::sim {

class Registry;

void RegisterElementwiseBinary(Registry& registry);  // elementwise_binary.cpp
void RegisterElementwiseUnary(Registry& registry);   // elementwise_unary.cpp: math and activations
void RegisterElementwiseMisc(Registry& registry);    // elementwise_misc.cpp: Cast, Select, ClipByValue, Prelu, ...
void RegisterMatMul(Registry& registry);             // matmul.cpp
void RegisterConvolution(Registry& registry);        // convolution.cpp
void RegisterPooling(Registry& registry);            // pooling.cpp: 2-D and 3-D windows, global, adaptive
void RegisterNormalization(Registry& registry);      // normalization.cpp
void RegisterSoftmax(Registry& registry);            // softmax.cpp
void RegisterReduction(Registry& registry);          // reduction.cpp: Reduce*, ArgMax, ArgMin, TopK, CumSum
void RegisterShapeOps(Registry& registry);           // shape_ops.cpp: Reshape ... Transpose, Concat, Split, Slice
void RegisterIndexing(Registry& registry);           // indexing.cpp: Gather*, ScatterNd, OneHot, Range, Fill, NonZero
void RegisterPadTile(Registry& registry);            // pad_tile.cpp: Pad, Tile, BroadcastTo, DepthToSpace, SpaceToDepth
void RegisterResize(Registry& registry);             // resize.cpp
void RegisterLayout(Registry& registry);             // layout.cpp: TransData
void RegisterTriangular(Registry& registry);         // triangular.cpp: Tril, Triu
void RegisterLoss(Registry& registry);               // loss.cpp: NLLLoss
void RegisterScatter(Registry& registry);            // scatter.cpp: ScatterElements, TensorScatterUpdate
void RegisterEinsum(Registry& registry);             // einsum.cpp
void RegisterResizeOnnx(Registry& registry);         // resize_onnx.cpp: Resize (ONNX semantics, N-d)
void RegisterMatrixSequence(Registry& registry);     // matrix_sequence.cpp: MatrixDeterminant, ReverseSequence
void RegisterGridSampler(Registry& registry);        // grid_sampler.cpp: GridSampler2D
void RegisterAipp(Registry& registry);               // aipp.cpp: Aipp (image pre-processing in a model)

inline void RegisterAllKernels(Registry& registry) {
  RegisterElementwiseBinary(registry);
  RegisterElementwiseUnary(registry);
  RegisterElementwiseMisc(registry);
  RegisterMatMul(registry);
  RegisterConvolution(registry);
  RegisterPooling(registry);
  RegisterNormalization(registry);
  RegisterSoftmax(registry);
  RegisterReduction(registry);
  RegisterShapeOps(registry);
  RegisterIndexing(registry);
  RegisterPadTile(registry);
  RegisterResize(registry);
  RegisterLayout(registry);
  RegisterTriangular(registry);
  RegisterLoss(registry);
  RegisterScatter(registry);
  RegisterEinsum(registry);
  RegisterResizeOnnx(registry);
  RegisterMatrixSequence(registry);
  RegisterGridSampler(registry);
  RegisterAipp(registry);
}

}  // namespace aclsim::sim
