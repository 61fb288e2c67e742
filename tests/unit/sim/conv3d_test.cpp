// Conv3D against a naive double-precision reference: both data layouts (NCDHW, NDHWC) and the
// filter layouts (NCDHW, NDHWC, ND), strides, asymmetric pads, dilations, groups, bias, every
// supported data type, a multi-threaded split, empty shapes, and the shape function's errors.
#include <array>
#include <cmath>

#include "tests/unit/sim/kernel_test_util.h"

namespace aclsim::sim {
namespace {

using testing::HostTensor;

const Parallel& Threads() {
  static const Parallel parallel(4);
  return parallel;
}

// A 3-D convolution described independently of the kernel.
struct Case {
  int64_t n = 1, c = 2, d = 4, h = 5, w = 6;  // image
  int64_t o = 3, kd = 2, kh = 3, kw = 2;      // filter
  int64_t groups = 1;
  std::array<int64_t, 3> stride{1, 1, 1}, dil{1, 1, 1};
  std::array<int64_t, 6> pads{0, 0, 0, 0, 0, 0};
  bool ndhwc = false;
  Format filter_format = Format::kND;  // ND: OIDHW with NCDHW data, DHWCN with NDHWC data
  bool bias = false;
  DType dtype = DType::kFloat32;

  int64_t Out(int i) const {
    const int64_t in[] = {d, h, w}, k[] = {kd, kh, kw};
    return (in[i] + pads[2 * i] + pads[2 * i + 1] - dil[i] * (k[i] - 1) - 1) / stride[i] + 1;
  }
  Shape XShape() const { return ndhwc ? Shape{n, d, h, w, c} : Shape{n, c, d, h, w}; }
  bool FilterChannelsLast() const {
    return filter_format == Format::kNDHWC || (filter_format == Format::kND && ndhwc);
  }
  Shape FilterShape() const {
    const int64_t ci = c / groups;
    if (filter_format == Format::kNDHWC) return {o, kd, kh, kw, ci};
    if (filter_format == Format::kND && ndhwc) return {kd, kh, kw, ci, o};  // DHWCN
    return {o, ci, kd, kh, kw};
  }
  int64_t XIndex(int64_t b, int64_t ch, int64_t z, int64_t y, int64_t x) const {
    return ndhwc ? (((b * d + z) * h + y) * w + x) * c + ch : (((b * c + ch) * d + z) * h + y) * w + x;
  }
  int64_t FIndex(int64_t oc, int64_t i, int64_t z, int64_t y, int64_t x) const {
    const int64_t ci = c / groups;
    if (filter_format == Format::kNDHWC) return (((oc * kd + z) * kh + y) * kw + x) * ci + i;
    if (filter_format == Format::kND && ndhwc) return (((z * kh + y) * kw + x) * ci + i) * o + oc;
    return (((oc * ci + i) * kd + z) * kh + y) * kw + x;
  }
  Attrs MakeAttrs() const {
    auto five = [&](const std::array<int64_t, 3>& v) {
      return ndhwc ? std::vector<int64_t>{1, v[0], v[1], v[2], 1} : std::vector<int64_t>{1, 1, v[0], v[1], v[2]};
    };
    return {{"strides", five(stride)},
            {"dilations", five(dil)},
            {"pads", std::vector<int64_t>(pads.begin(), pads.end())},
            {"groups", groups},
            {"data_format", std::string(ndhwc ? "NDHWC" : "NCDHW")}};
  }
};

std::vector<HostTensor> Run(const Case& k, HostTensor& x, HostTensor& f, HostTensor* bias, const Parallel& parallel) {
  std::vector<TensorSpec> specs = {x.spec(), f.spec()};
  std::vector<TensorView> views = {x.view(), f.view()};
  specs[1].format = views[1].spec.format = k.filter_format;
  if (bias) {
    specs.push_back(bias->spec());
    views.push_back(bias->view());
  }
  const Attrs attrs = k.MakeAttrs();
  std::vector<HostTensor> outputs;
  for (const TensorSpec& s : Kernels().Infer("Conv3D", specs, attrs)) outputs.emplace_back(s.dtype, s.shape);
  std::vector<TensorView> out_views;
  for (HostTensor& t : outputs) out_views.push_back(t.view());
  Kernels().Run("Conv3D", views, out_views, attrs, parallel);
  return outputs;
}

// Runs case k on seeded inputs and compares every output element with the reference.
void Check(const Case& k, const Parallel& parallel = Parallel::Inline()) {
  SCOPED_TRACE(::testing::Message() << "dtype " << Name(k.dtype) << (k.ndhwc ? " NDHWC" : " NCDHW") << " groups "
                                    << k.groups);
  const bool int8 = k.dtype == DType::kInt8;
  HostTensor x(k.dtype, k.XShape()), f(k.dtype, k.FilterShape());
  x.FillRandom(1, int8 ? -20 : -1, int8 ? 20 : 1);
  f.FillRandom(2, int8 ? -20 : -1, int8 ? 20 : 1);
  HostTensor b(int8 ? DType::kInt32 : k.dtype, {k.o});
  b.FillRandom(3, -2, 2);
  const auto out = Run(k, x, f, k.bias ? &b : nullptr, parallel);
  ASSERT_EQ(out.size(), 1u);
  const int64_t od = k.Out(0), oh = k.Out(1), ow = k.Out(2);
  const Shape expect = k.ndhwc ? Shape{k.n, od, oh, ow, k.o} : Shape{k.n, k.o, od, oh, ow};
  ASSERT_EQ(out[0].spec().shape, expect);
  EXPECT_EQ(out[0].spec().dtype, int8 ? DType::kInt32 : k.dtype);
  const int64_t ci = k.c / k.groups, co = k.o / k.groups;
  for (int64_t bn = 0; bn < k.n; ++bn) {
    for (int64_t oc = 0; oc < k.o; ++oc) {
      for (int64_t z = 0; z < od; ++z) {
        for (int64_t y = 0; y < oh; ++y) {
          for (int64_t xx = 0; xx < ow; ++xx) {
            double sum = k.bias ? b.Get(oc) : 0.0;
            const int64_t grp = oc / co;
            for (int64_t i = 0; i < ci; ++i) {
              for (int64_t a = 0; a < k.kd; ++a) {
                for (int64_t p = 0; p < k.kh; ++p) {
                  for (int64_t q = 0; q < k.kw; ++q) {
                    const int64_t iz = z * k.stride[0] - k.pads[0] + a * k.dil[0];
                    const int64_t iy = y * k.stride[1] - k.pads[2] + p * k.dil[1];
                    const int64_t ix = xx * k.stride[2] - k.pads[4] + q * k.dil[2];
                    if (iz < 0 || iz >= k.d || iy < 0 || iy >= k.h || ix < 0 || ix >= k.w) continue;
                    sum += x.Get(k.XIndex(bn, grp * ci + i, iz, iy, ix)) * f.Get(k.FIndex(oc, i, a, p, q));
                  }
                }
              }
            }
            const int64_t at = k.ndhwc ? (((bn * od + z) * oh + y) * ow + xx) * k.o + oc
                                       : (((bn * k.o + oc) * od + z) * oh + y) * ow + xx;
            const double tol = int8 ? 0.0 : testing::Tolerance(k.dtype, sum) * (k.dtype == DType::kFloat32 ? 10 : 4);
            ASSERT_NEAR(out[0].Get(at), sum, tol) << "at " << at;
          }
        }
      }
    }
  }
}

TEST(Conv3D, NcdhwMatchesReferenceForEveryType) {
  for (DType t : {DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64, DType::kInt8}) {
    Case k;
    k.dtype = t;
    Check(k);
  }
}

TEST(Conv3D, NdhwcMatchesReferenceWithEveryFilterLayout) {
  for (Format f : {Format::kND, Format::kNCDHW, Format::kNDHWC}) {
    for (bool ndhwc : {false, true}) {
      Case k;
      k.ndhwc = ndhwc;
      k.filter_format = f;
      Check(k);
    }
  }
}

TEST(Conv3D, StridesPadsDilationsGroupsAndBias) {
  for (bool ndhwc : {false, true}) {
    Case k;
    k.ndhwc = ndhwc;
    k.n = 2, k.c = 4, k.o = 6, k.groups = 2;
    k.d = 7, k.h = 6, k.w = 8;
    k.stride = {2, 1, 3};
    k.dil = {1, 2, 2};
    k.pads = {1, 0, 2, 1, 0, 3};
    k.bias = true;
    Check(k);
  }
}

TEST(Conv3D, DepthwiseGroupsUseTheGeneralPath) {
  Case k;
  k.c = 3, k.o = 6, k.groups = 3;
  k.pads = {1, 1, 1, 1, 1, 1};
  Check(k);
}

TEST(Conv3D, PointwiseFilterReadsTheInputDirectly) {
  Case k;
  k.kd = k.kh = k.kw = 1;
  k.bias = true;
  Check(k);
}

TEST(Conv3D, LargeCaseSplitsOverThreads) {
  for (bool ndhwc : {false, true}) {
    Case k;
    k.ndhwc = ndhwc;
    k.n = 2, k.c = 8, k.o = 16, k.d = 9, k.h = 20, k.w = 21;
    k.kd = 3, k.kh = 3, k.kw = 3;
    k.pads = {1, 1, 1, 1, 1, 1};
    k.bias = true;
    Check(k, Threads());
  }
}

TEST(Conv3D, EmptyBatchGivesAnEmptyOutput) {
  Case k;
  k.n = 0;
  Check(k);
}

template <typename Fn>
void ExpectError(Fn fn, const std::string& fragment) {
  try {
    fn();
    ADD_FAILURE() << "expected an error mentioning " << fragment;
  } catch (const Error& e) {
    EXPECT_TRUE(e.code() == ACL_ERROR_OP_ATTR_NOT_MATCH || e.code() == ACL_ERROR_OP_INPUT_NOT_MATCH) << e.what();
    EXPECT_NE(std::string(e.what()).find("Conv3D"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(Conv3D, ShapeFunctionErrorsNameTheProblem) {
  const Case k;
  auto infer = [&](Shape x, Shape f, Attrs attrs) {
    Kernels().Infer("Conv3D", {TensorSpec{DType::kFloat32, x}, TensorSpec{DType::kFloat32, f}}, attrs);
  };
  const Attrs good = k.MakeAttrs();
  auto with = [&](const std::string& name, AttrValue v) {
    Attrs a = good;
    a[name] = v;
    return a;
  };
  ExpectError([&] { infer({1, 2, 4, 5}, k.FilterShape(), good); }, "x");
  ExpectError([&] { infer(k.XShape(), {3, 2, 2, 3}, good); }, "filter");
  ExpectError([&] { infer(k.XShape(), k.FilterShape(), with("pads", std::vector<int64_t>{0, 0, 0, 0})); }, "pads");
  ExpectError([&] { infer(k.XShape(), k.FilterShape(), with("strides", std::vector<int64_t>{1, 1, 1, 1})); },
              "strides");
  ExpectError([&] { infer(k.XShape(), k.FilterShape(), with("strides", std::vector<int64_t>{2, 1, 1, 1, 1})); },
              "N and C");
  ExpectError([&] { infer(k.XShape(), k.FilterShape(), with("dilations", std::vector<int64_t>{1, 1, 0, 1, 1})); },
              "dilations");
  ExpectError([&] { infer(k.XShape(), k.FilterShape(), with("data_format", std::string("NCHW"))); }, "data_format");
  ExpectError([&] { infer(k.XShape(), k.FilterShape(), with("groups", int64_t{3})); }, "groups");
  ExpectError([&] { infer(k.XShape(), {3, 1, 2, 3, 2}, good); }, "group");
  ExpectError([&] { infer({1, 2, 1, 5, 6}, k.FilterShape(), good); }, "smaller than the dilated filter");
}

}  // namespace
}  // namespace aclsim::sim
