// Resize with ONNX's semantics (opsets 11-19), over any dims of an N-d tensor. Inputs: x, and the
// optional roi, scales and sizes (absent, or with no elements, when not given); exactly one of
// scales and sizes. Output dim i is sizes[i], or floor(x.dim(i) * scales[i]); either must be
// known before execution. Attributes as ONNX names them: mode (nearest, linear, cubic),
// coordinate_transformation_mode (half_pixel, half_pixel_symmetric, pytorch_half_pixel,
// align_corners, asymmetric, tf_crop_and_resize), nearest_mode, cubic_coeff_a, exclude_outside,
// extrapolation_value, axes (the dims roi/scales/sizes refer to) and keep_aspect_ratio_policy.
//
// Each output coordinate maps to a source coordinate per dim; the value is the tensor product of
// per-dim taps (1 nearest, 2 linear, 4 cubic neighbours, clamped to the edge), accumulated in double
// and rounded once. With tf_crop_and_resize a source coordinate outside the input gives
// extrapolation_value. Antialiased downsampling (antialias = 1) is not implemented.
#include <algorithm>
#include <cmath>
#include <string>

#include "common/error.h"
#include "sim/kernels/families.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/kernels/input_values.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

constexpr const char* kOp = "Resize";

bool Given(const std::vector<TensorSpec>& in, size_t i) {
  return in.size() > i && !IsAbsent(in[i]) && NumElements(in[i].shape) > 0;
}

// The dims roi/scales/sizes refer to, non-negative, in order.
std::vector<int64_t> AxesOf(const AttrReader& attrs, int64_t rank) {
  std::vector<int64_t> axes = attrs.Ints("axes", {});
  if (axes.empty()) {
    for (int64_t d = 0; d < rank; ++d) axes.push_back(d);
    return axes;
  }
  std::vector<bool> seen(static_cast<size_t>(rank), false);
  for (int64_t& a : axes) {
    a = NormalizeAxis(kOp, "axes", a, rank);
    if (seen[static_cast<size_t>(a)]) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: axes names dim {} twice", kOp, a);
    seen[static_cast<size_t>(a)] = true;
  }
  return axes;
}

struct ResizePlan {
  Shape out;
  std::vector<double> scale;                       // per dim, as the coordinate transform uses it
  std::vector<double> roi_start, roi_end;          // per dim (tf_crop_and_resize)
};

// The values of the optional inputs: from TensorSpec::value in the shape function, from the data
// in the kernel.
struct ResizeValues {
  bool has_roi = false, has_scales = false, has_sizes = false;
  std::vector<double> roi, scales;
  std::vector<int64_t> sizes;
};

ResizePlan Plan(const Shape& x, const ResizeValues& v, const AttrReader& attrs) {
  const int64_t rank = static_cast<int64_t>(x.size());
  const std::vector<int64_t> axes = AxesOf(attrs, rank);
  const size_t k = axes.size();
  if (v.has_scales == v.has_sizes) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: exactly one of scales and sizes must be given, {}", kOp,
         v.has_scales ? "both are" : "neither is");
  }
  ResizePlan p;
  p.out = x;
  p.scale.assign(x.size(), 1.0);
  p.roi_start.assign(x.size(), 0.0);
  p.roi_end.assign(x.size(), 1.0);
  if (v.has_scales) {
    if (v.scales.size() != k) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: scales has {} values for {} resized dims", kOp, v.scales.size(), k);
    }
    for (size_t i = 0; i < k; ++i) {
      const double s = v.scales[i];
      if (!(s > 0) || !std::isfinite(s)) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: scales[{}] = {} must be positive", kOp, i, s);
      const size_t d = static_cast<size_t>(axes[i]);
      p.scale[d] = s;
      p.out[d] = static_cast<int64_t>(std::floor(static_cast<double>(x[d]) * s));
    }
  } else {
    if (v.sizes.size() != k) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: sizes has {} values for {} resized dims", kOp, v.sizes.size(), k);
    }
    const std::string policy = attrs.String("keep_aspect_ratio_policy", "stretch");
    if (policy != "stretch" && policy != "not_larger" && policy != "not_smaller") {
      Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: keep_aspect_ratio_policy must be stretch, not_larger or not_smaller, is \"{}\"",
           kOp, policy);
    }
    double common = policy == "not_larger" ? INFINITY : 0.0;
    for (size_t i = 0; i < k; ++i) {
      if (v.sizes[i] < 0) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: sizes[{}] = {} is negative", kOp, i, v.sizes[i]);
      const size_t d = static_cast<size_t>(axes[i]);
      const double s = x[d] == 0 ? 1.0 : static_cast<double>(v.sizes[i]) / static_cast<double>(x[d]);
      common = policy == "not_larger" ? std::min(common, s) : std::max(common, s);
      p.out[d] = v.sizes[i];
      p.scale[d] = s;
    }
    if (policy != "stretch") {  // one scale for every resized dim; sizes rounded half up
      for (size_t i = 0; i < k; ++i) {
        const size_t d = static_cast<size_t>(axes[i]);
        p.scale[d] = common;
        p.out[d] = static_cast<int64_t>(common * static_cast<double>(x[d]) + 0.5);
      }
    }
  }
  const std::string transform = attrs.String("coordinate_transformation_mode", "half_pixel");
  if (transform == "tf_crop_and_resize") {
    if (!v.has_roi || v.roi.size() != 2 * k) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: tf_crop_and_resize needs roi with {} values (starts, then ends)", kOp, 2 * k);
    }
    for (size_t i = 0; i < k; ++i) {
      p.roi_start[static_cast<size_t>(axes[i])] = v.roi[i];
      p.roi_end[static_cast<size_t>(axes[i])] = v.roi[k + i];
    }
  }
  return p;
}

void CheckAttrs(const AttrReader& attrs) {
  const std::string mode = attrs.String("mode", "nearest");
  if (mode != "nearest" && mode != "linear" && mode != "cubic") {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: mode must be nearest, linear or cubic, is \"{}\"", kOp, mode);
  }
  const std::string t = attrs.String("coordinate_transformation_mode", "half_pixel");
  if (t != "half_pixel" && t != "half_pixel_symmetric" && t != "pytorch_half_pixel" && t != "align_corners" &&
      t != "asymmetric" && t != "tf_crop_and_resize") {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: coordinate_transformation_mode \"{}\" is not one of ONNX's", kOp, t);
  }
  const std::string n = attrs.String("nearest_mode", "round_prefer_floor");
  if (n != "round_prefer_floor" && n != "round_prefer_ceil" && n != "floor" && n != "ceil") {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: nearest_mode \"{}\" is not one of ONNX's", kOp, n);
  }
  attrs.Float("cubic_coeff_a", -0.75f);
  attrs.Int("exclude_outside", 0);
  attrs.Float("extrapolation_value", 0.0f);
  if (attrs.Int("antialias", 0) != 0) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: antialias = 1 (antialiased downsampling) is not implemented by the simulator",
         kOp);
  }
}

std::vector<TensorSpec> ResizeInfer(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  RequireDType(kOp, "x", in[0], kNumericTypes);
  CheckAttrs(attrs);
  ResizeValues v;
  v.has_roi = Given(in, 1);
  v.has_scales = Given(in, 2);
  v.has_sizes = Given(in, 3);
  if (v.has_roi) {
    RequireDType(kOp, "roi", in[1], kFloatTypes);
    if (attrs.String("coordinate_transformation_mode", "half_pixel") == "tf_crop_and_resize") {
      v.roi = ConstDoubles(kOp, "roi", in[1]);
    }
  }
  if (v.has_scales) {
    RequireDType(kOp, "scales", in[2], kFloatTypes);
    v.scales = ConstDoubles(kOp, "scales", in[2]);
  }
  if (v.has_sizes) {
    RequireDType(kOp, "sizes", in[3], {DType::kInt32, DType::kInt64});
    v.sizes = ConstInts(kOp, "sizes", in[3]);
  }
  const ResizePlan p = Plan(in[0].shape, v, attrs);
  for (size_t d = 0; d < p.out.size(); ++d) {
    if (in[0].shape[d] == 0 && p.out[d] > 0) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: dim {} of x {} is empty and cannot be resized to {}", kOp, d,
           ToString(in[0].shape), p.out[d]);
    }
  }
  return {TensorSpec(in[0].dtype, p.out, in[0].format)};
}

// One source element of a dim and its weight.
struct Tap {
  int64_t index;
  double weight;
};

// The taps of every output coordinate of one dim; `outside` flags coordinates that fall outside
// the input under tf_crop_and_resize.
struct DimTaps {
  std::vector<std::vector<Tap>> taps;
  std::vector<bool> outside;
};

DimTaps TapsOf(int64_t in, int64_t out, double scale, double roi_start, double roi_end, const AttrReader& attrs) {
  const std::string mode = attrs.String("mode", "nearest");
  const std::string transform = attrs.String("coordinate_transformation_mode", "half_pixel");
  const std::string nearest = attrs.String("nearest_mode", "round_prefer_floor");
  const double a = attrs.Float("cubic_coeff_a", -0.75f);
  const bool exclude_outside = attrs.Int("exclude_outside", 0) != 0;
  DimTaps result;
  result.taps.resize(static_cast<size_t>(out));
  result.outside.assign(static_cast<size_t>(out), false);
  const double fin = static_cast<double>(in), fout = static_cast<double>(out);
  for (int64_t o = 0; o < out; ++o) {
    const double xr = static_cast<double>(o);
    double x;
    if (transform == "half_pixel") {
      x = (xr + 0.5) / scale - 0.5;
    } else if (transform == "half_pixel_symmetric") {
      const double adjustment = fout / (scale * fin);
      x = fin / 2 * (1 - adjustment) + (xr + 0.5) / scale - 0.5;
    } else if (transform == "pytorch_half_pixel") {
      x = out > 1 ? (xr + 0.5) / scale - 0.5 : 0.0;
    } else if (transform == "align_corners") {
      x = out == 1 ? 0.0 : xr * (fin - 1) / (fout - 1);
    } else if (transform == "asymmetric") {
      x = xr / scale;
    } else {  // tf_crop_and_resize
      x = out > 1 ? roi_start * (fin - 1) + xr * (roi_end - roi_start) * (fin - 1) / (fout - 1)
                  : 0.5 * (roi_start + roi_end) * (fin - 1);
      if (x < 0 || x > fin - 1) {
        result.outside[static_cast<size_t>(o)] = true;
        continue;
      }
    }
    const double base = std::floor(x);
    const int64_t i0 = static_cast<int64_t>(base);
    const double r = x - base;
    std::vector<Tap> taps;
    if (mode == "nearest") {
      bool up;
      if (r == 0) up = false;
      else if (nearest == "round_prefer_floor") up = r > 0.5;
      else if (nearest == "round_prefer_ceil") up = r >= 0.5;
      else up = nearest == "ceil";
      taps.push_back({i0 + (up ? 1 : 0), 1.0});
    } else if (mode == "linear") {
      taps.push_back({i0, 1 - r});
      taps.push_back({i0 + 1, r});
    } else {  // cubic, Keys' kernel with coefficient a
      const double t[4] = {r + 1, r, 1 - r, 2 - r};
      for (int k = 0; k < 4; ++k) {
        const double d = t[k];
        const double w = d <= 1 ? ((a + 2) * d - (a + 3)) * d * d + 1 : ((a * d - 5 * a) * d + 8 * a) * d - 4 * a;
        taps.push_back({i0 - 1 + k, w});
      }
    }
    if (exclude_outside) {
      double sum = 0;
      for (Tap& tap : taps) {
        if (tap.index < 0 || tap.index >= in) tap.weight = 0;
        sum += tap.weight;
      }
      if (sum != 0) {
        for (Tap& tap : taps) tap.weight /= sum;
      }
    }
    auto& kept = result.taps[static_cast<size_t>(o)];
    for (const Tap& tap : taps) {
      if (tap.weight == 0) continue;
      kept.push_back({std::clamp<int64_t>(tap.index, 0, in - 1), tap.weight});
    }
    if (kept.empty()) kept.push_back({std::clamp<int64_t>(i0, 0, in - 1), 0.0});
  }
  return result;
}

void ResizeKernel(const KernelArgs& args) {
  const TensorView &x = args.inputs[0], &y = args.outputs[0];
  auto given = [&](size_t i) { return args.inputs.size() > i && !IsAbsent(args.inputs[i].spec) && args.inputs[i].NumElements() > 0; };
  auto doubles = [&](size_t i) {
    std::vector<double> values(static_cast<size_t>(args.inputs[i].NumElements()));
    for (size_t j = 0; j < values.size(); ++j) values[j] = ReadDouble(args.inputs[i], static_cast<int64_t>(j));
    return values;
  };
  ResizeValues v;
  v.has_roi = given(1);
  v.has_scales = given(2);
  v.has_sizes = given(3);
  if (v.has_roi) v.roi = doubles(1);
  if (v.has_scales) v.scales = doubles(2);
  if (v.has_sizes) v.sizes = ReadInts(args.inputs[3]);
  const ResizePlan p = Plan(x.shape(), v, args.attrs);
  if (p.out != y.shape()) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: the scales or sizes given at execution make the output {}, not {}", kOp,
         ToString(p.out), ToString(y.shape()));
  }
  const int64_t total = y.NumElements();
  if (total == 0) return;
  const size_t rank = x.shape().size();
  std::vector<DimTaps> dims(rank);
  std::vector<int64_t> strides(rank);
  for (size_t d = rank, s = 1; d-- > 0;) {
    strides[d] = static_cast<int64_t>(s);
    s *= static_cast<size_t>(x.shape()[d]);
    dims[d] = TapsOf(x.shape()[d], y.shape()[d], p.scale[d], p.roi_start[d], p.roi_end[d], args.attrs);
  }
  const double extrapolation = args.attrs.Float("extrapolation_value", 0.0f);
  DispatchNumeric(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = typename ComputeType<T>::type;
    const T* px = x.As<T>();
    T* py = y.As<T>();
    int64_t per_output = 1;
    for (const DimTaps& d : dims) {
      size_t most = 1;
      for (const auto& t : d.taps) most = std::max(most, t.size());
      per_output *= static_cast<int64_t>(most);
    }
    args.parallel.For(total, std::max<int64_t>(1, (1 << 14) / per_output), [&](int64_t begin, int64_t end) {
      std::vector<int64_t> coord(rank);
      std::vector<const std::vector<Tap>*> taps(rank);
      std::vector<size_t> at(rank);
      for (int64_t i = begin; i < end; ++i) {
        int64_t rest = i;
        bool outside = false;
        for (size_t d = rank; d-- > 0;) {
          coord[d] = rest % y.shape()[d];
          rest /= y.shape()[d];
          outside = outside || dims[d].outside[static_cast<size_t>(coord[d])];
          taps[d] = &dims[d].taps[static_cast<size_t>(coord[d])];
        }
        if (outside) {
          py[i] = static_cast<T>(static_cast<C>(extrapolation));
          continue;
        }
        // Sum over every combination of the dims' taps (an odometer over `at`).
        std::fill(at.begin(), at.end(), 0);
        double sum = 0;
        while (true) {
          double weight = 1;
          int64_t offset = 0;
          for (size_t d = 0; d < rank; ++d) {
            const Tap& tap = (*taps[d])[at[d]];
            weight *= tap.weight;
            offset += tap.index * strides[d];
          }
          sum += weight * static_cast<double>(static_cast<C>(px[offset]));
          size_t d = rank;
          while (d-- > 0) {
            if (++at[d] < taps[d]->size()) break;
            at[d] = 0;
          }
          if (d == static_cast<size_t>(-1)) break;
        }
        if constexpr (std::is_integral_v<C>) py[i] = static_cast<T>(std::llround(sum));
        else py[i] = static_cast<T>(static_cast<C>(sum));
      }
    });
  });
}

}  // namespace

void RegisterResizeOnnx(Registry& registry) {
  registry.Add(OpDef{kOp,
                     1,
                     4,
                     Describe(kNumericTypes) + " (roi, scales: float; sizes: int32, int64)",
                     {{"mode", "string", "\"nearest\""},
                      {"coordinate_transformation_mode", "string", "\"half_pixel\""},
                      {"nearest_mode", "string", "\"round_prefer_floor\""},
                      {"cubic_coeff_a", "float", "-0.75"},
                      {"exclude_outside", "int", "0"},
                      {"extrapolation_value", "float", "0.0"},
                      {"axes", "list_int", "[]"},
                      {"keep_aspect_ratio_policy", "string", "\"stretch\""},
                      {"antialias", "int", "0"}},
                     ResizeInfer,
                     ResizeKernel});
}

}  // namespace aclsim::sim
