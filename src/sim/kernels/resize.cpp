// Image resizing: ResizeNearestNeighborV2 and ResizeBilinearV2. x is 4-D; its layout is its
// format, NCHW or NHWC as CANN requires (ND is read as NHWC, TensorFlow's layout). The size input
// gives the new height and width. Source coordinates follow TensorFlow: scale = in / out, or
// (in - 1) / (out - 1) with align_corners, or 1 / scales[i] when the scales attribute is given;
// half_pixel_centers samples at pixel centres. Coordinates are computed in float32 as TensorFlow
// does, so the same source pixels are chosen; bilinear blending is done in double and rounded once.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "common/error.h"
#include "sim/kernels/families.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/kernels/input_values.h"
#include "sim/kernels/strided_copy.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

const std::initializer_list<DType> kImageTypes = {DType::kInt8,    DType::kUInt8,   DType::kInt16,   DType::kUInt16,
                                                  DType::kInt32,   DType::kInt64,   DType::kFloat16, DType::kFloat32,
                                                  DType::kFloat64, DType::kBFloat16};

// The layout and sizes of a resize.
struct ResizePlan {
  bool nchw = false;
  int64_t n = 0, c = 0, in_h = 0, in_w = 0, out_h = 0, out_w = 0;
  float scale_h = 0, scale_w = 0;
  bool align_corners = false, half_pixel = false;
  Shape out;
};

float Scale(int64_t in, int64_t out, bool align_corners, float user_scale) {
  if (align_corners && out > 1) return static_cast<float>(in - 1) / static_cast<float>(out - 1);
  if (!align_corners && user_scale > 0) return 1.0f / user_scale;
  return static_cast<float>(in) / static_cast<float>(out);
}

ResizePlan PlanResize(const char* op, const TensorSpec& x, const std::vector<int64_t>& size, const AttrReader& attrs) {
  ResizePlan p;
  if (x.format == Format::kNCHW)
    p.nchw = true;
  else if (x.format != Format::kNHWC && x.format != Format::kND) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must be in format NCHW or NHWC (or ND, read as NHWC), is format {}", op,
         static_cast<int>(x.format));
  }
  if (x.shape.size() != 4)
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must have 4 dims, has shape {}", op, ToString(x.shape));
  if (size.size() != 2 || size[0] <= 0 || size[1] <= 0 || size[0] > (1 << 24) || size[1] > (1 << 24)) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: size must be two positive values (new height, new width)", op);
  }
  p.align_corners = attrs.Bool("align_corners", false);
  p.half_pixel = attrs.Bool("half_pixel_centers", false);
  if (p.align_corners && p.half_pixel) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: align_corners and half_pixel_centers cannot both be true", op);
  }
  const std::vector<float> scales = attrs.Floats("scales", {0.0f, 0.0f});
  if (scales.size() != 2) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: scales must have 2 values, has {}", op, scales.size());
  const Shape& s = x.shape;
  p.n = s[0];
  p.c = p.nchw ? s[1] : s[3];
  p.in_h = p.nchw ? s[2] : s[1];
  p.in_w = p.nchw ? s[3] : s[2];
  p.out_h = size[0];
  p.out_w = size[1];
  if ((p.in_h == 0 || p.in_w == 0) && p.n * p.c > 0) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x {} has no pixels to resize", op, ToString(s));
  }
  p.scale_h = Scale(p.in_h, p.out_h, p.align_corners, scales[0]);
  p.scale_w = Scale(p.in_w, p.out_w, p.align_corners, scales[1]);
  p.out = p.nchw ? Shape{p.n, p.c, p.out_h, p.out_w} : Shape{p.n, p.out_h, p.out_w, p.c};
  return p;
}

std::vector<int64_t> SizeValue(const char* op, const TensorSpec& spec) {
  RequireDType(op, "size", spec, {DType::kInt32, DType::kInt64});
  return ConstInts(op, "size", spec);
}

// The source index of output position `o` for nearest-neighbour sampling.
int64_t NearestSource(int64_t o, float scale, int64_t in, bool align_corners, bool half_pixel) {
  const float at = half_pixel ? (static_cast<float>(o) + 0.5f) * scale : static_cast<float>(o) * scale;
  int64_t i = static_cast<int64_t>(align_corners ? std::round(at) : std::floor(at));
  i = std::min(i, in - 1);
  return std::max<int64_t>(i, 0);
}

// Where output position `o` reads for bilinear sampling: two neighbours and the weight of the upper.
struct Taps {
  int64_t lower, upper;
  double lerp;
};

Taps BilinearTaps(int64_t o, float scale, int64_t in, bool half_pixel) {
  const float at = half_pixel ? (static_cast<float>(o) + 0.5f) * scale - 0.5f : static_cast<float>(o) * scale;
  const float below = std::floor(at);
  Taps t;
  t.lower = std::clamp<int64_t>(static_cast<int64_t>(below), 0, in - 1);
  t.upper = std::clamp<int64_t>(static_cast<int64_t>(std::ceil(at)), 0, in - 1);
  t.lerp = static_cast<double>(at - below);
  return t;
}

OpDef ResizeNearestNeighborV2() {
  return OpDef{
      "ResizeNearestNeighborV2",
      2,
      2,
      Describe(kImageTypes),
      {{"align_corners", "bool", "false"}, {"half_pixel_centers", "bool", "false"}, {"scales", "list_float", "[0, 0]"}},
      [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
        const char* op = "ResizeNearestNeighborV2";
        RequireDType(op, "x", in[0], kImageTypes);
        const ResizePlan p = PlanResize(op, in[0], SizeValue(op, in[1]), attrs);
        return std::vector<TensorSpec>{TensorSpec{in[0].dtype, p.out, in[0].format}};
      },
      [](const KernelArgs& args) {
        const TensorView &x = args.inputs[0], &y = args.outputs[0];
        const ResizePlan p = PlanResize(args.op, x.spec, ReadInts(args.inputs[1]), args.attrs);
        if (p.out != y.shape())
          Fail(ACL_ERROR_OP_OUTPUT_NOT_MATCH, "{}: the output is {}", args.op, ToString(y.shape()));
        if (y.NumElements() == 0) return;
        std::vector<int64_t> rows(static_cast<size_t>(p.out_h)), cols(static_cast<size_t>(p.out_w));
        for (int64_t o = 0; o < p.out_h; ++o) {
          rows[static_cast<size_t>(o)] = NearestSource(o, p.scale_h, p.in_h, p.align_corners, p.half_pixel);
        }
        for (int64_t o = 0; o < p.out_w; ++o) {
          cols[static_cast<size_t>(o)] = NearestSource(o, p.scale_w, p.in_w, p.align_corners, p.half_pixel);
        }
        const size_t bytes = SizeOf(x.dtype());
        const char* src = static_cast<const char*>(x.data);
        char* dst = static_cast<char*>(y.data);
        if (p.nchw) {  // rows of out_w pixels for each (n, c, oh)
          args.parallel.For(p.n * p.c * p.out_h, std::max<int64_t>(1, kCopyGrain / p.out_w), [&](int64_t b, int64_t e) {
            for (int64_t r = b; r < e; ++r) {
              const int64_t plane = r / p.out_h, oh = r % p.out_h;
              const char* in_row =
                  src + static_cast<size_t>((plane * p.in_h + rows[static_cast<size_t>(oh)]) * p.in_w) * bytes;
              char* out_row = dst + static_cast<size_t>(r * p.out_w) * bytes;
              for (int64_t ow = 0; ow < p.out_w; ++ow) {
                std::memcpy(out_row + static_cast<size_t>(ow) * bytes,
                            in_row + static_cast<size_t>(cols[static_cast<size_t>(ow)]) * bytes, bytes);
              }
            }
          });
        } else {  // rows of out_w pixels of c channels for each (n, oh)
          const size_t pixel = static_cast<size_t>(p.c) * bytes;
          args.parallel.For(
              p.n * p.out_h, std::max<int64_t>(1, kCopyGrain / (p.out_w * p.c)), [&](int64_t b, int64_t e) {
                for (int64_t r = b; r < e; ++r) {
                  const int64_t n = r / p.out_h, oh = r % p.out_h;
                  const char* in_row = src + static_cast<size_t>(n * p.in_h + rows[static_cast<size_t>(oh)]) *
                                                 static_cast<size_t>(p.in_w) * pixel;
                  char* out_row = dst + static_cast<size_t>(r * p.out_w) * pixel;
                  for (int64_t ow = 0; ow < p.out_w; ++ow) {
                    std::memcpy(out_row + static_cast<size_t>(ow) * pixel,
                                in_row + static_cast<size_t>(cols[static_cast<size_t>(ow)]) * pixel, pixel);
                  }
                }
              });
        }
      }};
}

// The output type of ResizeBilinearV2: the dtype attribute (float32 by default; float16 and
// bfloat16 only for an input of that type; uint8 rounds and saturates).
DType BilinearOutputType(const char* op, DType x, const AttrReader& attrs) {
  const DType out = attrs.Has("dtype") ? attrs.Type("dtype") : DType::kFloat32;
  if (out == DType::kFloat32 || out == DType::kUInt8) return out;
  if ((out == DType::kFloat16 || out == DType::kBFloat16) && out == x) return out;
  Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: dtype {} is not float32 or uint8, nor float16/bfloat16 matching x ({})", op,
       Name(out), Name(x));
}

template <typename Out>
Out StoreBilinear(double v) {
  if constexpr (std::is_same_v<Out, uint8_t>) {
    if (!(v > 0)) return 0;  // NaN too
    return static_cast<uint8_t>(std::min(255.0, std::round(v)));
  } else {
    return static_cast<Out>(static_cast<typename ComputeType<Out>::type>(v));
  }
}

template <typename In, typename Out>
void BilinearKernel(const KernelArgs& args, const ResizePlan& p) {
  std::vector<Taps> ys(static_cast<size_t>(p.out_h)), xs(static_cast<size_t>(p.out_w));
  for (int64_t o = 0; o < p.out_h; ++o) ys[static_cast<size_t>(o)] = BilinearTaps(o, p.scale_h, p.in_h, p.half_pixel);
  for (int64_t o = 0; o < p.out_w; ++o) xs[static_cast<size_t>(o)] = BilinearTaps(o, p.scale_w, p.in_w, p.half_pixel);
  const In* src = args.inputs[0].As<In>();
  Out* dst = args.outputs[0].As<Out>();
  auto value = [&](int64_t at) { return static_cast<double>(static_cast<typename ComputeType<In>::type>(src[at])); };
  auto blend = [&](int64_t top_left, int64_t top_right, int64_t bottom_left, int64_t bottom_right, double x_lerp,
                   double y_lerp) {
    const double top = value(top_left) + (value(top_right) - value(top_left)) * x_lerp;
    const double bottom = value(bottom_left) + (value(bottom_right) - value(bottom_left)) * x_lerp;
    return top + (bottom - top) * y_lerp;
  };
  if (p.nchw) {
    args.parallel.For(p.n * p.c * p.out_h, std::max<int64_t>(1, kCopyGrain / p.out_w), [&](int64_t b, int64_t e) {
      for (int64_t r = b; r < e; ++r) {
        const int64_t plane = (r / p.out_h) * p.in_h * p.in_w;
        const Taps& ty = ys[static_cast<size_t>(r % p.out_h)];
        const int64_t top = plane + ty.lower * p.in_w, bottom = plane + ty.upper * p.in_w;
        for (int64_t ow = 0; ow < p.out_w; ++ow) {
          const Taps& tx = xs[static_cast<size_t>(ow)];
          dst[r * p.out_w + ow] = StoreBilinear<Out>(
              blend(top + tx.lower, top + tx.upper, bottom + tx.lower, bottom + tx.upper, tx.lerp, ty.lerp));
        }
      }
    });
  } else {
    args.parallel.For(p.n * p.out_h, std::max<int64_t>(1, kCopyGrain / (p.out_w * std::max<int64_t>(p.c, 1))),
                      [&](int64_t b, int64_t e) {
                        for (int64_t r = b; r < e; ++r) {
                          const int64_t image = (r / p.out_h) * p.in_h * p.in_w * p.c;
                          const Taps& ty = ys[static_cast<size_t>(r % p.out_h)];
                          const int64_t top = image + ty.lower * p.in_w * p.c, bottom = image + ty.upper * p.in_w * p.c;
                          for (int64_t ow = 0; ow < p.out_w; ++ow) {
                            const Taps& tx = xs[static_cast<size_t>(ow)];
                            const int64_t l = tx.lower * p.c, u = tx.upper * p.c;
                            Out* out = dst + (r * p.out_w + ow) * p.c;
                            for (int64_t k = 0; k < p.c; ++k) {
                              out[k] = StoreBilinear<Out>(
                                  blend(top + l + k, top + u + k, bottom + l + k, bottom + u + k, tx.lerp, ty.lerp));
                            }
                          }
                        }
                      });
  }
}

OpDef ResizeBilinearV2() {
  return OpDef{
      "ResizeBilinearV2",
      2,
      2,
      Describe(kImageTypes),
      {{"align_corners", "bool", "false"},
       {"half_pixel_centers", "bool", "false"},
       {"dtype", "data_type", "float32"},
       {"scales", "list_float", "[0, 0]"}},
      [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
        const char* op = "ResizeBilinearV2";
        RequireDType(op, "x", in[0], kImageTypes);
        const ResizePlan p = PlanResize(op, in[0], SizeValue(op, in[1]), attrs);
        return std::vector<TensorSpec>{TensorSpec{BilinearOutputType(op, in[0].dtype, attrs), p.out, in[0].format}};
      },
      [](const KernelArgs& args) {
        const TensorView &x = args.inputs[0], &y = args.outputs[0];
        const ResizePlan p = PlanResize(args.op, x.spec, ReadInts(args.inputs[1]), args.attrs);
        if (p.out != y.shape())
          Fail(ACL_ERROR_OP_OUTPUT_NOT_MATCH, "{}: the output is {}", args.op, ToString(y.shape()));
        if (y.NumElements() == 0) return;
        const DType out = BilinearOutputType(args.op, x.dtype(), args.attrs);
        DispatchNumeric(x.dtype(), [&](auto in_tag) {
          using In = decltype(in_tag);
          switch (out) {
            case DType::kFloat32:
              BilinearKernel<In, float>(args, p);
              break;
            case DType::kUInt8:
              BilinearKernel<In, uint8_t>(args, p);
              break;
            case DType::kFloat16:
              if constexpr (std::is_same_v<In, half>) BilinearKernel<In, half>(args, p);
              break;
            case DType::kBFloat16:
              if constexpr (std::is_same_v<In, bfloat16>) BilinearKernel<In, bfloat16>(args, p);
              break;
            default:
              break;
          }
        });
      }};
}

}  // namespace

void RegisterResize(Registry& registry) {
  registry.Add(ResizeNearestNeighborV2());
  registry.Add(ResizeBilinearV2());
}

}  // namespace aclsim::sim
