// The geometry of a convolution (Conv2D, DepthwiseConv2D, Conv3D, Conv2DTranspose): reading and
// checking its tensors and attributes into one ConvGeometry, which convolution.cpp's kernels
// run. The layouts and attribute rules are described at the top of convolution.cpp.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "sim/attr.h"
#include "sim/tensor.h"

namespace aclsim::sim::conv {


inline const std::initializer_list<DType> kConvTypes = {DType::kFloat16, DType::kBFloat16, DType::kFloat32,
                                                 DType::kFloat64, DType::kInt8};

inline DType ProductDType(DType in) { return in == DType::kInt8 ? DType::kInt32 : in; }

// Attribute values beyond this are rejected: they would only overflow index arithmetic.
constexpr int64_t kMaxWindowValue = int64_t{1} << 30;

enum class FilterLayout {
  kOIHW,           // [out, in / groups, kh, kw]   (format NCHW)
  kHWCN,           // [kh, kw, in / groups, out]   (format HWCN; DepthwiseConv2D's [kh, kw, C, M])
  kOHWI,           // [out, kh, kw, in / groups]   (format NHWC)
  kDepthwiseMCHW,  // DepthwiseConv2D's NCHW filter [M, C, kh, kw]
};

enum class ConvKind { kConv2D, kDepthwise, kTranspose, kConv3D };

// A convolution in forward terms: the image (Conv2D's x, Conv2DTranspose's y) convolved with the
// filter gives the response (Conv2D's y, Conv2DTranspose's x).
// The depth fields keep their defaults (1 or 0) unless three_d.
struct ConvGeometry {
  bool nhwc = false;    // channels last (NHWC or NDHWC)
  bool three_d = false;  // Conv3D: 5-D tensors with a depth dim
  int64_t batch = 0, in_c = 0, in_d = 1, in_h = 0, in_w = 0;  // image
  int64_t out_c = 0, out_d = 1, out_h = 0, out_w = 0;         // response
  int64_t groups = 1, in_c_g = 0, out_c_g = 0;                // channels per group
  int64_t kd = 1, kh = 0, kw = 0;
  int64_t stride_d = 1, stride_h = 1, stride_w = 1, dil_d = 1, dil_h = 1, dil_w = 1;
  int64_t pad_f = 0, pad_bk = 0, pad_t = 0, pad_b = 0, pad_l = 0, pad_r = 0;
  FilterLayout filter = FilterLayout::kOIHW;
  int64_t multiplier = 1;  // DepthwiseConv2D's M

  Shape ImageShape() const { return Dims(in_c, in_d, in_h, in_w); }
  Shape ResponseShape() const { return Dims(out_c, out_d, out_h, out_w); }
  Shape Dims(int64_t c, int64_t d, int64_t h, int64_t w) const {
    if (three_d) return nhwc ? Shape{batch, d, h, w, c} : Shape{batch, c, d, h, w};
    return nhwc ? Shape{batch, h, w, c} : Shape{batch, c, h, w};
  }
  Format DataFormat() const {
    if (three_d) return nhwc ? Format::kNDHWC : Format::kNCDHW;
    return nhwc ? Format::kNHWC : Format::kNCHW;
  }
  int64_t ImagePixels() const { return in_d * in_h * in_w; }
  int64_t ResponsePixels() const { return out_d * out_h * out_w; }
  int64_t Window() const { return kd * kh * kw; }
  // The filter's element (output channel o, input channel i of its group, kz, ky, kx).
  int64_t FilterIndex(int64_t o, int64_t i, int64_t kz, int64_t ky, int64_t kx) const {
    switch (filter) {
      case FilterLayout::kOIHW: return (((o * in_c_g + i) * kd + kz) * kh + ky) * kw + kx;
      case FilterLayout::kHWCN: return (((kz * kh + ky) * kw + kx) * in_c_g + i) * out_c + o;
      case FilterLayout::kOHWI: return (((o * kd + kz) * kh + ky) * kw + kx) * in_c_g + i;
      case FilterLayout::kDepthwiseMCHW:
        return (((o % multiplier) * groups + o / multiplier) * kh + ky) * kw + kx;
    }
    return 0;
  }
};

inline int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
inline int64_t CeilDiv(int64_t a, int64_t b) { return -FloorDiv(-a, b); }

// offset_x: the value of padded input elements of int8 convolutions; 0 for floating types.
int64_t PadValue(const char* op, const AttrReader& attrs, DType x, bool allowed);

// Conv2D, DepthwiseConv2D or Conv3D: x, filter[, bias[, offset_w]]. Throws naming what is wrong.
ConvGeometry Plan(const char* op, ConvKind kind, const std::vector<TensorSpec>& in, const AttrReader& attrs);

// Conv2DTranspose: input_size, x, filter[, bias[, offset_w]].
ConvGeometry PlanTranspose(const std::vector<TensorSpec>& in, const AttrReader& attrs);

}  // namespace aclsim::sim::conv
