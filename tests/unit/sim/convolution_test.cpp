// Conv2D, DepthwiseConv2D and Conv2DTranspose against naive double-precision references, over
// both data layouts and every filter layout, strides, asymmetric pads, dilations, groups, empty
// and odd shapes, every supported data type, multi-threaded splits, and the shape functions'
// errors.
#include <cmath>
#include <cstring>
#include <functional>
#include <memory>

#include "tests/unit/sim/kernel_test_util.h"

namespace aclsim::sim {
namespace {

using testing::HostTensor;

const Parallel& Threads() {
  static const Parallel parallel(4);
  return parallel;
}

// An input with the tensor format (and, for input_size, the known value) the op is given.
struct In {
  HostTensor* tensor;
  Format format = Format::kND;
  std::shared_ptr<const std::vector<unsigned char>> value = nullptr;
};

std::vector<HostTensor> RunConv(const std::string& op, const std::vector<In>& inputs, const Attrs& attrs,
                            const Parallel& parallel = Parallel::Inline()) {
  std::vector<TensorSpec> specs;
  std::vector<TensorView> views;
  for (const In& in : inputs) {
    TensorView v = in.tensor->view();
    v.spec.format = in.format;
    v.spec.value = in.value;
    specs.push_back(v.spec);
    views.push_back(v);
  }
  std::vector<HostTensor> outputs;
  for (const TensorSpec& s : Kernels().Infer(op, specs, attrs)) outputs.emplace_back(s.dtype, s.shape);
  std::vector<TensorView> out_views;
  for (HostTensor& t : outputs) out_views.push_back(t.view());
  Kernels().Run(op, views, out_views, attrs, parallel);
  return outputs;
}

// input_size as a known int32 tensor.
struct Int32Value {
  explicit Int32Value(const std::vector<int64_t>& values) : tensor(DType::kInt32, {static_cast<int64_t>(values.size())}) {
    auto bytes = std::make_shared<std::vector<unsigned char>>(values.size() * 4);
    for (size_t i = 0; i < values.size(); ++i) {
      tensor.Set(static_cast<int64_t>(i), static_cast<double>(values[i]));
      const int32_t v = static_cast<int32_t>(values[i]);
      std::memcpy(bytes->data() + i * 4, &v, 4);
    }
    value = bytes;
  }
  In input() { return In{&tensor, Format::kND, value}; }
  HostTensor tensor;
  std::shared_ptr<const std::vector<unsigned char>> value;
};

enum class Layout { kOIHW, kHWCN, kOHWI };

// One convolution's parameters, in forward terms (image -> response).
struct Conv {
  int64_t n = 1, c = 3, h = 7, w = 6;       // image
  int64_t out_c = 4, kh = 3, kw = 2;
  int64_t groups = 1;
  int64_t sh = 1, sw = 1, dh = 1, dw = 1;
  int64_t pt = 0, pb = 0, pl = 0, pr = 0;
  bool nhwc = false;
  Layout layout = Layout::kOIHW;

  int64_t cg() const { return c / groups; }
  int64_t ocg() const { return out_c / groups; }
  int64_t oh() const { return (h + pt + pb - dh * (kh - 1) - 1) / sh + 1; }
  int64_t ow() const { return (w + pl + pr - dw * (kw - 1) - 1) / sw + 1; }
  Shape Image() const { return Dims(c, h, w); }
  Shape Response() const { return Dims(out_c, oh(), ow()); }
  Shape Dims(int64_t ch, int64_t hh, int64_t ww) const { return nhwc ? Shape{n, hh, ww, ch} : Shape{n, ch, hh, ww}; }
  int64_t At(int64_t b, int64_t ch, int64_t y, int64_t x, int64_t channels, int64_t hh, int64_t ww) const {
    return nhwc ? ((b * hh + y) * ww + x) * channels + ch : ((b * channels + ch) * hh + y) * ww + x;
  }
  Shape FilterShape() const {
    switch (layout) {
      case Layout::kHWCN: return {kh, kw, cg(), out_c};
      case Layout::kOHWI: return {out_c, kh, kw, cg()};
      default: return {out_c, cg(), kh, kw};
    }
  }
  Format FilterFormat() const {
    switch (layout) {
      case Layout::kHWCN: return Format::kHWCN;
      case Layout::kOHWI: return Format::kNHWC;
      default: return Format::kNCHW;
    }
  }
  int64_t FilterAt(int64_t o, int64_t i, int64_t y, int64_t x) const {
    switch (layout) {
      case Layout::kHWCN: return ((y * kw + x) * cg() + i) * out_c + o;
      case Layout::kOHWI: return ((o * kh + y) * kw + x) * cg() + i;
      default: return ((o * cg() + i) * kh + y) * kw + x;
    }
  }
  Attrs Attributes() const {
    Attrs a;
    a["strides"] = nhwc ? std::vector<int64_t>{1, sh, sw, 1} : std::vector<int64_t>{1, 1, sh, sw};
    a["dilations"] = nhwc ? std::vector<int64_t>{1, dh, dw, 1} : std::vector<int64_t>{1, 1, dh, dw};
    a["pads"] = std::vector<int64_t>{pt, pb, pl, pr};
    a["data_format"] = std::string(nhwc ? "NHWC" : "NCHW");
    if (groups != 1) a["groups"] = groups;
    return a;
  }
  std::string Name() const {
    return std::string(nhwc ? "NHWC" : "NCHW") + " filter " + ToString(FilterShape()) + " image " +
           ToString(Image()) + " groups " + std::to_string(groups) + " strides " + std::to_string(sh) + "," +
           std::to_string(sw) + " dil " + std::to_string(dh) + "," + std::to_string(dw) + " pads " +
           std::to_string(pt) + "," + std::to_string(pb) + "," + std::to_string(pl) + "," + std::to_string(pr);
  }
};

struct Expected {
  std::vector<double> value, magnitude;
};

// Forward convolution, reading `pad` outside the image.
Expected ReferenceConv(const Conv& p, const HostTensor& x, const HostTensor& f, double pad = 0) {
  Expected e;
  const int64_t count = NumElements(p.Response());
  e.value.assign(static_cast<size_t>(count), 0);
  e.magnitude.assign(static_cast<size_t>(count), 0);
  for (int64_t b = 0; b < p.n; ++b) {
    for (int64_t o = 0; o < p.out_c; ++o) {
      const int64_t g = o / p.ocg();
      for (int64_t oy = 0; oy < p.oh(); ++oy) {
        for (int64_t ox = 0; ox < p.ow(); ++ox) {
          double sum = 0, mag = 0;
          for (int64_t i = 0; i < p.cg(); ++i) {
            for (int64_t ky = 0; ky < p.kh; ++ky) {
              for (int64_t kx = 0; kx < p.kw; ++kx) {
                const int64_t iy = oy * p.sh - p.pt + ky * p.dh, ix = ox * p.sw - p.pl + kx * p.dw;
                const bool inside = iy >= 0 && iy < p.h && ix >= 0 && ix < p.w;
                const double xv = inside ? x.Get(p.At(b, g * p.cg() + i, iy, ix, p.c, p.h, p.w)) : pad;
                const double term = xv * f.Get(p.FilterAt(o, i, ky, kx));
                sum += term;
                mag += std::abs(term);
              }
            }
          }
          const size_t at = static_cast<size_t>(p.At(b, o, oy, ox, p.out_c, p.oh(), p.ow()));
          e.value[at] = sum;
          e.magnitude[at] = mag;
        }
      }
    }
  }
  return e;
}

// Conv2DTranspose: x (the response) scattered back onto the image through the filter.
Expected ReferenceTranspose(const Conv& p, const HostTensor& x, const HostTensor& f) {
  Expected e;
  const int64_t count = NumElements(p.Image());
  e.value.assign(static_cast<size_t>(count), 0);
  e.magnitude.assign(static_cast<size_t>(count), 0);
  for (int64_t b = 0; b < p.n; ++b) {
    for (int64_t o = 0; o < p.out_c; ++o) {
      const int64_t g = o / p.ocg();
      for (int64_t oy = 0; oy < p.oh(); ++oy) {
        for (int64_t ox = 0; ox < p.ow(); ++ox) {
          const double xv = x.Get(p.At(b, o, oy, ox, p.out_c, p.oh(), p.ow()));
          for (int64_t i = 0; i < p.cg(); ++i) {
            for (int64_t ky = 0; ky < p.kh; ++ky) {
              for (int64_t kx = 0; kx < p.kw; ++kx) {
                const int64_t iy = oy * p.sh - p.pt + ky * p.dh, ix = ox * p.sw - p.pl + kx * p.dw;
                if (iy < 0 || iy >= p.h || ix < 0 || ix >= p.w) continue;
                const double term = xv * f.Get(p.FilterAt(o, i, ky, kx));
                const size_t at = static_cast<size_t>(p.At(b, g * p.cg() + i, iy, ix, p.c, p.h, p.w));
                e.value[at] += term;
                e.magnitude[at] += std::abs(term);
              }
            }
          }
        }
      }
    }
  }
  return e;
}

void AddBias(Expected& e, const HostTensor& bias, const Shape& shape, bool nhwc) {
  const int64_t channels = nhwc ? shape[3] : shape[1], pixels = shape[2] * (nhwc ? shape[1] : shape[3]);
  for (size_t i = 0; i < e.value.size(); ++i) {
    const int64_t at = static_cast<int64_t>(i);
    e.value[i] += bias.Get(nhwc ? at % channels : at / pixels % channels);
  }
}

void ExpectMatches(const HostTensor& out, const Shape& shape, const Expected& e, const std::string& what) {
  ASSERT_EQ(out.spec().shape, shape) << what;
  const DType t = out.spec().dtype;
  for (int64_t i = 0; i < out.size(); ++i) {
    const double want = testing::RoundTo(t, e.value[static_cast<size_t>(i)]);
    const double allowed = IsFloating(t) ? testing::Tolerance(t, want) +
                                               (t == DType::kFloat64 ? 1e-14 : 2e-6) * e.magnitude[static_cast<size_t>(i)]
                                         : 0.0;
    ASSERT_NEAR(out.Get(i), want, allowed) << what << " " << Name(t) << " at " << i;
  }
}

HostTensor Random(DType dtype, Shape shape, uint32_t seed) {
  HostTensor t(dtype, std::move(shape));
  if (dtype == DType::kInt8) {
    t.FillRandom(seed, -128, 127);
  } else {
    t.FillRandom(seed, -1, 1);
  }
  return t;
}

void CheckConv2D(const Conv& p, DType dtype, const Parallel& parallel = Threads()) {
  HostTensor x = Random(dtype, p.Image(), 1), f = Random(dtype, p.FilterShape(), 2);
  auto out = RunConv("Conv2D", {{&x}, {&f, p.FilterFormat()}}, p.Attributes(), parallel);
  ExpectMatches(out[0], p.Response(), ReferenceConv(p, x, f), "Conv2D " + p.Name());
}

// A spread of geometries: odd sizes, strides, asymmetric pads, dilations, groups.
std::vector<Conv> Geometries(bool nhwc, Layout layout) {
  std::vector<Conv> all;
  Conv p;
  p.nhwc = nhwc;
  p.layout = layout;
  all.push_back(p);  // 3x2 window, no pads
  Conv q = p;
  q.sh = 2, q.sw = 3, q.pt = 1, q.pb = 2, q.pl = 0, q.pr = 3;
  all.push_back(q);
  Conv r = p;
  r.dh = 2, r.dw = 3, r.pt = 2, r.pl = 1, r.h = 9, r.w = 10;
  all.push_back(r);
  Conv s = p;
  s.n = 2, s.c = 6, s.out_c = 9, s.groups = 3, s.pt = 1, s.pb = 1, s.pl = 1, s.pr = 1, s.sw = 2;
  all.push_back(s);
  Conv t = p;
  t.kh = 1, t.kw = 1, t.c = 5, t.out_c = 7;  // pointwise
  all.push_back(t);
  Conv u = p;
  u.h = 1, u.w = 1, u.kh = 3, u.kw = 3, u.pt = 1, u.pb = 1, u.pl = 1, u.pr = 1;  // all but the centre padded
  all.push_back(u);
  return all;
}

const std::vector<DType> kFloatTypes = {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64};

void ExpectError(aclError code, const std::function<void()>& run, const std::string& needle = "") {
  try {
    run();
    FAIL() << "expected error " << code;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    if (!needle.empty()) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  }
}

TEST(Conv2D, NchwWithOihwFilterMatchesReference) {
  for (DType t : kFloatTypes) {
    for (const Conv& p : Geometries(false, Layout::kOIHW)) CheckConv2D(p, t);
  }
}

TEST(Conv2D, NhwcWithHwcnFilterMatchesReference) {
  for (DType t : kFloatTypes) {
    for (const Conv& p : Geometries(true, Layout::kHWCN)) CheckConv2D(p, t);
  }
}

TEST(Conv2D, MixedDataAndFilterLayoutsMatchReference) {
  for (const auto& [nhwc, layout] : std::vector<std::pair<bool, Layout>>{
           {false, Layout::kHWCN}, {true, Layout::kOIHW}, {true, Layout::kOHWI}, {false, Layout::kOHWI}}) {
    for (const Conv& p : Geometries(nhwc, layout)) CheckConv2D(p, DType::kFloat32);
  }
}

TEST(Conv2D, NdFilterFollowsTheDataFormat) {
  for (bool nhwc : {false, true}) {
    Conv p;
    p.nhwc = nhwc;
    p.layout = nhwc ? Layout::kHWCN : Layout::kOIHW;
    HostTensor x = Random(DType::kFloat32, p.Image(), 3), f = Random(DType::kFloat32, p.FilterShape(), 4);
    auto out = RunConv("Conv2D", {{&x}, {&f, Format::kND}}, p.Attributes());
    ExpectMatches(out[0], p.Response(), ReferenceConv(p, x, f), "ND filter");
  }
}

TEST(Conv2D, DataFormatDefaultsToXsFormatThenNhwc) {
  for (bool nhwc : {false, true}) {
    Conv p;
    p.nhwc = nhwc;
    p.layout = Layout::kHWCN;
    HostTensor x = Random(DType::kFloat32, p.Image(), 5), f = Random(DType::kFloat32, p.FilterShape(), 6);
    Attrs attrs = p.Attributes();
    attrs.erase("data_format");
    // NCHW only when x says so; an ND x is NHWC, CANN's default.
    auto out = RunConv("Conv2D", {{&x, nhwc ? Format::kND : Format::kNCHW}, {&f, Format::kHWCN}}, attrs);
    ExpectMatches(out[0], p.Response(), ReferenceConv(p, x, f), "default data_format");
  }
}

TEST(Conv2D, GroupsEqualToChannelsRunsDepthwise) {
  for (bool nhwc : {false, true}) {
    for (int64_t multiplier : {1, 3}) {
      Conv p;
      p.nhwc = nhwc;
      p.layout = nhwc ? Layout::kHWCN : Layout::kOIHW;
      p.c = 5, p.groups = 5, p.out_c = 5 * multiplier, p.h = 8, p.w = 9;
      p.sh = 2, p.pt = 1, p.pb = 2, p.pl = 2, p.dw = 2;
      for (DType t : kFloatTypes) CheckConv2D(p, t);
    }
  }
}

TEST(Conv2D, Int8AccumulatesInInt32AndPadsWithOffsetX) {
  for (bool nhwc : {false, true}) {
    for (int64_t groups : {1, 4}) {
      Conv p;
      p.nhwc = nhwc;
      p.layout = nhwc ? Layout::kHWCN : Layout::kOIHW;
      p.c = 4, p.out_c = 8, p.groups = groups, p.pt = 1, p.pb = 1, p.pl = 2, p.pr = 0;
      HostTensor x = Random(DType::kInt8, p.Image(), 7), f = Random(DType::kInt8, p.FilterShape(), 8);
      Attrs attrs = p.Attributes();
      attrs["offset_x"] = int64_t{-7};
      auto out = RunConv("Conv2D", {{&x}, {&f, p.FilterFormat()}}, attrs, Threads());
      ASSERT_EQ(out[0].spec().dtype, DType::kInt32);
      ExpectMatches(out[0], p.Response(), ReferenceConv(p, x, f, -7), "int8 " + p.Name());
    }
  }
}

TEST(Conv2D, AddsBiasPerOutputChannel) {
  struct Case {
    DType x, bias;
  };
  for (const Case& c : std::vector<Case>{{DType::kFloat32, DType::kFloat32},
                                         {DType::kFloat16, DType::kFloat16},
                                         {DType::kFloat16, DType::kFloat32},
                                         {DType::kBFloat16, DType::kFloat32},
                                         {DType::kInt8, DType::kInt32}}) {
    for (bool nhwc : {false, true}) {
      Conv p;
      p.nhwc = nhwc;
      p.layout = nhwc ? Layout::kHWCN : Layout::kOIHW;
      p.pt = 1;
      HostTensor x = Random(c.x, p.Image(), 9), f = Random(c.x, p.FilterShape(), 10);
      HostTensor bias(c.bias, {p.out_c});
      bias.FillRandom(11, -50, 50);
      auto out = RunConv("Conv2D", {{&x}, {&f, p.FilterFormat()}, {&bias}}, p.Attributes());
      Expected e = ReferenceConv(p, x, f);
      AddBias(e, bias, p.Response(), nhwc);
      ExpectMatches(out[0], p.Response(), e, std::string("bias ") + Name(c.bias));
    }
  }
}

TEST(Conv2D, LargeCasesSplitOverThreadsMatchReference) {
  for (bool nhwc : {false, true}) {
    Conv p;  // many images and output tiles
    p.nhwc = nhwc;
    p.layout = nhwc ? Layout::kHWCN : Layout::kOIHW;
    p.n = 3, p.c = 16, p.h = 30, p.w = 31, p.out_c = 24, p.kh = 3, p.kw = 3, p.pt = 1, p.pb = 1, p.pl = 1, p.pr = 1;
    CheckConv2D(p, DType::kFloat32);
    CheckConv2D(p, DType::kFloat16);
    Conv q = p;  // a column buffer too large for one tile (K * pixels > 2M)
    q.n = 1, q.c = 256, q.h = 32, q.w = 32, q.out_c = 4;
    CheckConv2D(q, DType::kFloat32);
  }
}

TEST(Conv2D, EmptyBatchGivesAnEmptyOutput) {
  Conv p;
  p.n = 0;
  HostTensor x = Random(DType::kFloat32, p.Image(), 14), f = Random(DType::kFloat32, p.FilterShape(), 15);
  auto out = RunConv("Conv2D", {{&x}, {&f, p.FilterFormat()}}, p.Attributes(), Threads());
  EXPECT_EQ(out[0].spec().shape, p.Response());
}

TEST(Conv2D, NoInputChannelsGivesTheBias) {
  Conv p;
  p.c = 0;
  HostTensor x(DType::kFloat32, p.Image()), f(DType::kFloat32, p.FilterShape()), bias = Random(DType::kFloat32, {4}, 16);
  auto out = RunConv("Conv2D", {{&x}, {&f, p.FilterFormat()}, {&bias}}, p.Attributes());
  Expected e = ReferenceConv(p, x, f);
  AddBias(e, bias, p.Response(), false);
  ExpectMatches(out[0], p.Response(), e, "no input channels");
}

TEST(Conv2D, OutputFormatIsTheDataFormat) {
  Conv p;
  HostTensor x(DType::kFloat32, p.Image()), f(DType::kFloat32, p.FilterShape());
  std::vector<TensorSpec> specs = {x.spec(), f.spec()};
  specs[1].format = Format::kNCHW;
  EXPECT_EQ(Kernels().Infer("Conv2D", specs, p.Attributes())[0].format, Format::kNCHW);
}

// --- DepthwiseConv2D ---

void CheckDepthwise(bool nhwc, bool hwcn_filter, int64_t multiplier, DType dtype, int64_t offset_x = 0) {
  Conv p;  // as a grouped convolution, for the reference
  p.nhwc = nhwc;
  p.c = 6, p.groups = 6, p.out_c = 6 * multiplier, p.h = 9, p.w = 8, p.kh = 3, p.kw = 3;
  p.sh = 2, p.sw = 1, p.dh = 1, p.dw = 2, p.pt = 1, p.pb = 0, p.pl = 2, p.pr = 1;
  p.layout = Layout::kHWCN;  // [kh, kw, 1, C * M]: the same bytes as the depthwise [kh, kw, C, M]
  HostTensor x = Random(dtype, p.Image(), 17), grouped = Random(dtype, p.FilterShape(), 18);
  Shape shape = hwcn_filter ? Shape{p.kh, p.kw, p.c, multiplier} : Shape{multiplier, p.c, p.kh, p.kw};
  HostTensor f(dtype, shape);
  for (int64_t c = 0; c < p.c; ++c) {
    for (int64_t m = 0; m < multiplier; ++m) {
      for (int64_t ky = 0; ky < p.kh; ++ky) {
        for (int64_t kx = 0; kx < p.kw; ++kx) {
          const int64_t at = hwcn_filter ? ((ky * p.kw + kx) * p.c + c) * multiplier + m : ((m * p.c + c) * p.kh + ky) * p.kw + kx;
          f.Set(at, grouped.Get(p.FilterAt(c * multiplier + m, 0, ky, kx)));
        }
      }
    }
  }
  Attrs attrs = p.Attributes();
  attrs.erase("groups");
  if (offset_x != 0) attrs["offset_x"] = offset_x;
  auto out = RunConv("DepthwiseConv2D", {{&x}, {&f, hwcn_filter ? Format::kHWCN : Format::kNCHW}}, attrs, Threads());
  ExpectMatches(out[0], p.Response(), ReferenceConv(p, x, grouped, static_cast<double>(offset_x)),
                std::string("DepthwiseConv2D ") + (hwcn_filter ? "HWCN" : "NCHW") + " M=" + std::to_string(multiplier) +
                    " " + p.Name());
}

TEST(DepthwiseConv2D, MatchesReferenceForBothFilterLayoutsAndMultipliers) {
  for (bool nhwc : {false, true}) {
    for (bool hwcn : {false, true}) {
      for (int64_t m : {1, 3}) {
        for (DType t : kFloatTypes) CheckDepthwise(nhwc, hwcn, m, t);
      }
    }
  }
}

TEST(DepthwiseConv2D, Int8AccumulatesInInt32AndPadsWithOffsetX) {
  for (bool nhwc : {false, true}) {
    for (int64_t m : {1, 2}) CheckDepthwise(nhwc, true, m, DType::kInt8, 5);
  }
}

TEST(DepthwiseConv2D, RejectsAFilterForOtherChannels) {
  HostTensor x(DType::kFloat32, {1, 5, 5, 3}), f(DType::kFloat32, {3, 3, 4, 1});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH,
              [&] { RunConv("DepthwiseConv2D", {{&x}, {&f, Format::kHWCN}}, {{"strides", std::vector<int64_t>{1, 1, 1, 1}},
                                                                          {"pads", std::vector<int64_t>{0, 0, 0, 0}}}); },
              "input channels");
}

// --- Conv2DTranspose ---

void CheckTranspose(const Conv& p, DType dtype, int64_t op_h = 0, int64_t op_w = 0,
                    const Parallel& parallel = Threads()) {
  Conv image = p;  // the image grows by the output padding; the response keeps its size
  image.h += op_h;
  image.w += op_w;
  ASSERT_EQ(image.oh(), p.oh());
  ASSERT_EQ(image.ow(), p.ow());
  HostTensor x = Random(dtype, p.Response(), 19), f = Random(dtype, p.FilterShape(), 20);
  Int32Value size(image.Image());
  Attrs attrs = p.Attributes();
  if (op_h || op_w) {
    attrs["output_padding"] = p.nhwc ? std::vector<int64_t>{0, op_h, op_w, 0} : std::vector<int64_t>{0, 0, op_h, op_w};
  }
  auto out = RunConv("Conv2DTranspose", {size.input(), {&x}, {&f, p.FilterFormat()}}, attrs, parallel);
  ExpectMatches(out[0], image.Image(), ReferenceTranspose(image, x, f), "Conv2DTranspose " + image.Name());
}

TEST(Conv2DTranspose, MatchesReferenceForBothLayouts) {
  for (bool nhwc : {false, true}) {
    for (DType t : kFloatTypes) {
      for (const Conv& p : Geometries(nhwc, nhwc ? Layout::kHWCN : Layout::kOIHW)) CheckTranspose(p, t);
    }
  }
}

TEST(Conv2DTranspose, OutputPaddingEnlargesTheImage) {
  for (bool nhwc : {false, true}) {
    Conv p;
    p.nhwc = nhwc;
    p.layout = nhwc ? Layout::kHWCN : Layout::kOIHW;
    // 7 x 7 -> 4 x 3; images of 8 x 9 give the same response with output_padding (1, 2).
    p.h = 7, p.w = 7, p.kh = 3, p.kw = 3, p.sh = 2, p.sw = 3, p.pt = 1, p.pb = 1, p.pl = 1, p.pr = 1;
    CheckTranspose(p, DType::kFloat32, 1, 2);
  }
}

TEST(Conv2DTranspose, Int8AccumulatesInInt32) {
  for (bool nhwc : {false, true}) {
    Conv p = Geometries(nhwc, nhwc ? Layout::kHWCN : Layout::kOIHW)[3];
    CheckTranspose(p, DType::kInt8);
  }
}

TEST(Conv2DTranspose, AddsBiasPerImageChannel) {
  Conv p;
  p.sh = 2, p.pt = 1;
  HostTensor x = Random(DType::kFloat32, p.Response(), 21), f = Random(DType::kFloat32, p.FilterShape(), 22);
  HostTensor bias = Random(DType::kFloat32, {p.c}, 23);
  Int32Value size(p.Image());
  auto out = RunConv("Conv2DTranspose", {size.input(), {&x}, {&f, p.FilterFormat()}, {&bias}}, p.Attributes());
  Expected e = ReferenceTranspose(p, x, f);
  AddBias(e, bias, p.Image(), false);
  ExpectMatches(out[0], p.Image(), e, "transpose bias");
}

TEST(Conv2DTranspose, LargeCasesSplitOverThreadsMatchReference) {
  for (bool nhwc : {false, true}) {
    Conv p;  // one image: each GEMM and gather over all threads
    p.nhwc = nhwc;
    p.layout = nhwc ? Layout::kHWCN : Layout::kOIHW;
    p.n = 1, p.c = 12, p.h = 33, p.w = 30, p.out_c = 20, p.kh = 3, p.kw = 3, p.sh = 2, p.sw = 2, p.pt = 1, p.pl = 1;
    CheckTranspose(p, DType::kFloat32);
    p.n = 6, p.groups = 2;  // more images x groups than threads: one per thread
    CheckTranspose(p, DType::kFloat16);
  }
}

// --- shape function errors ---

Attrs Window() {
  return {{"strides", std::vector<int64_t>{1, 1, 1, 1}},
          {"pads", std::vector<int64_t>{0, 0, 0, 0}},
          {"data_format", std::string("NCHW")}};
}

TEST(Conv2D, RejectsInputsOfTheWrongRank) {
  HostTensor x(DType::kFloat32, {1, 3, 5}), f(DType::kFloat32, {2, 3, 1, 1});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunConv("Conv2D", {{&x}, {&f}}, Window()); }, "x must have 4 dims");
}

TEST(Conv2D, RejectsMalformedWindowAttributes) {
  HostTensor x(DType::kFloat32, {1, 3, 5, 5}), f(DType::kFloat32, {2, 3, 1, 1});
  auto with = [&](const std::string& name, AttrValue value) {
    Attrs a = Window();
    a[name] = std::move(value);
    return a;
  };
  for (const auto& [name, value, needle] : std::vector<std::tuple<std::string, AttrValue, std::string>>{
           {"strides", std::vector<int64_t>{1, 1, 1}, "strides"},
           {"strides", std::vector<int64_t>{2, 1, 1, 1}, "N and C"},
           {"strides", std::vector<int64_t>{1, 1, 0, 1}, "strides"},
           {"dilations", std::vector<int64_t>{1, 1, 1, -1}, "dilations"},
           {"pads", std::vector<int64_t>{0, -1, 0, 0}, "pads"},
           {"pads", std::vector<int64_t>{0, 0}, "pads"},
           {"groups", int64_t{0}, "groups"},
           {"groups", int64_t{2}, "groups"},
           {"data_format", std::string("NCDHW"), "data_format"},
           {"offset_x", int64_t{3}, "offset_x"},
           {"strides", std::string("1,1,1,1"), "strides"}}) {
    ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { RunConv("Conv2D", {{&x}, {&f, Format::kNCHW}}, with(name, value)); },
                needle);
  }
  Attrs missing = Window();
  missing.erase("pads");
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { RunConv("Conv2D", {{&x}, {&f}}, missing); }, "pads");
}

TEST(Conv2D, RejectsAFilterForOtherInputChannels) {
  HostTensor x(DType::kFloat32, {1, 3, 5, 5}), f(DType::kFloat32, {2, 4, 1, 1});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunConv("Conv2D", {{&x}, {&f, Format::kNCHW}}, Window()); },
              "input channels per group");
}

TEST(Conv2D, RejectsAWindowLargerThanThePaddedInput) {
  HostTensor x(DType::kFloat32, {1, 3, 2, 5}), f(DType::kFloat32, {2, 3, 3, 1});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunConv("Conv2D", {{&x}, {&f, Format::kNCHW}}, Window()); },
              "smaller than the dilated filter");
}

TEST(Conv2D, RejectsUnsupportedAndMixedDataTypes) {
  HostTensor x32(DType::kInt32, {1, 3, 5, 5}), f32(DType::kInt32, {2, 3, 1, 1});
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [&] { RunConv("Conv2D", {{&x32}, {&f32}}, Window()); });
  HostTensor x(DType::kFloat32, {1, 3, 5, 5}), fh(DType::kFloat16, {2, 3, 1, 1});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunConv("Conv2D", {{&x}, {&fh}}, Window()); }, "share a data type");
}

TEST(Conv2D, RejectsABadBiasAndOffsetW) {
  HostTensor x(DType::kFloat32, {1, 3, 5, 5}), f(DType::kFloat32, {2, 3, 1, 1});
  HostTensor short_bias(DType::kFloat32, {3}), int_bias(DType::kInt32, {2}), bias(DType::kFloat32, {2});
  HostTensor offset_w(DType::kInt8, {2});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunConv("Conv2D", {{&x}, {&f}, {&short_bias}}, Window()); }, "bias");
  ExpectError(ACL_ERROR_UNSUPPORTED_DATA_TYPE, [&] { RunConv("Conv2D", {{&x}, {&f}, {&int_bias}}, Window()); }, "bias");
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunConv("Conv2D", {{&x}, {&f}, {&bias}, {&offset_w}}, Window()); },
              "offset_w");
}

TEST(Conv2DTranspose, RejectsAnInputSizeThatIsUnknownOrInconsistent) {
  HostTensor x(DType::kFloat32, {1, 2, 5, 5}), f(DType::kFloat32, {2, 3, 1, 1});
  HostTensor unknown(DType::kInt32, {4});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunConv("Conv2DTranspose", {{&unknown}, {&x}, {&f}}, Window()); },
              "known before execution");
  Int32Value wrong({1, 3, 6, 5});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunConv("Conv2DTranspose", {wrong.input(), {&x}, {&f}}, Window()); },
              "does not match input_size");
  Int32Value three({1, 3, 5});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH, [&] { RunConv("Conv2DTranspose", {three.input(), {&x}, {&f}}, Window()); },
              "4 values");
  Int32Value other_channels({1, 4, 5, 5});
  ExpectError(ACL_ERROR_OP_INPUT_NOT_MATCH,
              [&] { RunConv("Conv2DTranspose", {other_channels.input(), {&x}, {&f}}, Window()); }, "per group");
}

TEST(Conv2DTranspose, RejectsTooLargeOutputPaddingAndOffsetX) {
  HostTensor x(DType::kFloat32, {1, 2, 5, 5}), f(DType::kFloat32, {2, 3, 1, 1});
  Int32Value size({1, 3, 5, 5});
  Attrs attrs = Window();
  attrs["output_padding"] = std::vector<int64_t>{0, 0, 1, 0};
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { RunConv("Conv2DTranspose", {size.input(), {&x}, {&f}}, attrs); },
              "output_padding");
  HostTensor xi(DType::kInt8, {1, 2, 5, 5}), fi(DType::kInt8, {2, 3, 1, 1});
  attrs = Window();
  attrs["offset_x"] = int64_t{1};
  ExpectError(ACL_ERROR_OP_ATTR_NOT_MATCH, [&] { RunConv("Conv2DTranspose", {size.input(), {&xi}, {&fi}}, attrs); },
              "offset_x");
}

}  // namespace
}  // namespace aclsim::sim
