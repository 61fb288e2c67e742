// Resize (and Upsample) of NCHW images on the kernel library's TensorFlow-style resizes, for the
// ONNX coordinate and rounding modes that select exactly the same source pixels; other modes are
// a conversion error rather than a slightly different picture.
#include "ops.h"
#include "ops_common.h"

namespace aclsim::onnx_import {
namespace {

struct ResizeSpec {
  std::string mode;            // nearest or linear
  std::string coordinates;     // ONNX coordinate_transformation_mode
  std::string nearest_mode;
};

// Emits the TF kernel with the (align_corners, half_pixel_centers) of the ONNX mode combination.
void Emit(const OnnxNode& node, GraphBuilder& b, int32_t x, const ResizeSpec& spec, int64_t out_h, int64_t out_w,
          std::vector<float> scales) {
  const bool nearest = spec.mode == "nearest";
  bool align = false, half = false;
  const std::string& c = spec.coordinates;
  if (nearest) {
    const std::string& m = spec.nearest_mode;
    align = c == "align_corners" && m == "round_prefer_ceil";
    half = (c == "half_pixel" && m == "round_prefer_ceil") || (c == "tf_half_pixel_for_nn" && m == "floor");
    const bool plain = c == "asymmetric" && m == "floor";  // TensorFlow's default
    if (!align && !half && !plain) {
      node.Fail("nearest resizing with coordinate_transformation_mode \"{}\" and nearest_mode \"{}\" is not "
                "supported (supported: asymmetric+floor, align_corners+round_prefer_ceil, "
                "half_pixel+round_prefer_ceil, tf_half_pixel_for_nn+floor)", c, spec.nearest_mode);
    }
  } else if (spec.mode == "linear") {
    if (c == "align_corners") {
      align = true;
    } else if (c == "half_pixel" || (c == "pytorch_half_pixel" && out_h > 1 && out_w > 1)) {
      half = true;
    } else if (c != "asymmetric") {
      node.FailAttr("coordinate_transformation_mode", "\"{}\" is not supported for linear resizing", c);
    }
  } else {
    node.FailAttr("mode", "\"{}\" is not supported (nearest or linear)", spec.mode);
  }
  if (align) scales.clear();
  // The kernels read ND as NHWC: resize in NHWC between two transposes.
  const int32_t nhwc = b.Emit1("TransposeD", {x}, {{"perm", std::vector<int64_t>{0, 2, 3, 1}}});
  sim::Attrs attrs = {{"align_corners", align}, {"half_pixel_centers", half}};
  if (!scales.empty()) attrs["scales"] = scales;
  if (!nearest) attrs["dtype"] = b.Type(x);
  const int32_t y = b.Emit1(nearest ? "ResizeNearestNeighborV2" : "ResizeBilinearV2", {nhwc, b.Int32s({out_h, out_w})}, attrs);
  b.Emit1("TransposeD", {y}, {{"perm", std::vector<int64_t>{0, 3, 1, 2}}}, node.Output(0));
}

void ResizeNchw(const OnnxNode& node, GraphBuilder& b, int32_t x, std::optional<std::vector<double>> scales,
                std::optional<std::vector<int64_t>> sizes, const ResizeSpec& spec) {
  const sim::Shape& xs = b.Dims(x);
  if (xs.size() != 4) node.Fail("only 4-D (NCHW) inputs are supported, input is {}", sim::ToString(xs));
  std::vector<int64_t> out(4);
  std::vector<float> hw_scales;
  if (sizes && !sizes->empty()) {
    if (sizes->size() != 4) node.Fail("sizes must have 4 values");
    out = *sizes;
  } else if (scales && scales->size() == 4) {
    for (size_t i = 0; i < 4; ++i) out[i] = static_cast<int64_t>(static_cast<double>(xs[i]) * (*scales)[i]);
    hw_scales = {static_cast<float>((*scales)[2]), static_cast<float>((*scales)[3])};
  } else {
    node.Fail("needs 4 scales or 4 sizes");
  }
  if (out[0] != xs[0] || out[1] != xs[1]) node.Fail("only H and W can be resized, not N or C");
  Emit(node, b, x, spec, out[2], out[3], hw_scales);
}

}  // namespace

void ConvertResize(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  ResizeSpec spec{node.String("mode", "nearest"), node.String("coordinate_transformation_mode", "half_pixel"),
                  node.String("nearest_mode", "round_prefer_floor")};
  std::optional<std::vector<double>> scales;
  std::optional<std::vector<int64_t>> sizes;
  if (node.opset() < 11) {
    spec.coordinates = "asymmetric";  // opset 10's only behaviour
    spec.nearest_mode = "floor";
    scales = b.KnownDoubles(node.Input(1));
  } else {
    if (node.HasInput(2) && sim::NumElements(b.Dims(node.Input(2))) > 0) scales = b.KnownDoubles(node.Input(2));
    sizes = node.OptionalConstInts(3, "sizes");
  }
  if (node.HasInput(node.opset() < 11 ? 1 : 2) && !scales && !sizes) node.Fail("scales must be a constant");
  ResizeNchw(node, b, x, scales, sizes, spec);
}

void ConvertUpsample(const OnnxNode& node, GraphBuilder& b) {
  const int32_t x = node.Input(0);
  ResizeSpec spec{node.String("mode", "nearest"), "asymmetric", "floor"};
  std::optional<std::vector<double>> scales;
  if (node.Has("scales")) {
    const auto f = node.Floats("scales", {});
    scales = std::vector<double>(f.begin(), f.end());
  } else {
    scales = b.KnownDoubles(node.Input(1));
    if (!scales) node.Fail("scales must be a constant");
  }
  ResizeNchw(node, b, x, scales, std::nullopt, spec);
}

}  // namespace aclsim::onnx_import
