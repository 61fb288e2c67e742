// DVPP through the public API against the libraries it is built on, in the same process and run.
//   build/bench/aclsim_dvpp_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
//
// BM_JpegDecodeNv12Pair: acldvppJpegDecodeAsync + aclrtSynchronizeStream of a 1920x1080 4:2:0 JPEG
// (encoded here by libjpeg-turbo at quality 90 from a synthetic picture with gradients, edges,
// texture and noise) to NV12, against the reference: the same libjpeg-turbo decode to planar YUV
// (tjDecompressToYUVPlanes, luma straight into the NV12 buffer) plus the interleave of U and V, the
// work the call has to do.
// BM_VpcResizeNv12Pair/<w>/<h>: acldvppVpcResizeAsync + aclrtSynchronizeStream of that NV12
// 1920x1080 picture to NV12 <w>x<h> (bilinear), against libswscale (SWS_BILINEAR, NV12 -> NV12) on
// the same input picture.
// In every iteration both sides run once, alternating which goes first, each timed on its own.
// Counters: aclsim_ms, reference_ms, ratio (aclsim / reference: 1.0 = as fast as the reference; the
// target is <= 1.2), and psnr_db (aclsim's output against the reference's, luma and chroma: 99 =
// identical; the resizes differ because swscale's bilinear filter widens when it shrinks).
#include <benchmark/benchmark.h>
#include <turbojpeg.h>

extern "C" {
#include <libswscale/swscale.h>
}

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#define ENABLE_DVPP_INTERFACE
#include "acl/acl.h"
#include "acl/ops/acl_dvpp.h"

namespace {

constexpr uint32_t kWidth = 1920, kHeight = 1080;

// AscendCL with device 0, one stream and one DVPP channel, for the whole run.
class Runtime {
 public:
  static Runtime& Get() {
    static Runtime runtime;
    return runtime;
  }
  bool ok() const { return ok_; }
  aclrtStream stream() const { return stream_; }
  acldvppChannelDesc* channel() const { return channel_; }

 private:
  Runtime() {
    if (aclInit(nullptr) != ACL_SUCCESS || aclrtSetDevice(0) != ACL_SUCCESS) return;
    if (aclrtCreateStream(&stream_) != ACL_SUCCESS) return;
    channel_ = acldvppCreateChannelDesc();
    ok_ = channel_ != nullptr && acldvppCreateChannel(channel_) == ACL_SUCCESS;
  }
  ~Runtime() {
    if (channel_ != nullptr) {
      (void)acldvppDestroyChannel(channel_);
      (void)acldvppDestroyChannelDesc(channel_);
    }
    if (stream_ != nullptr) (void)aclrtDestroyStream(stream_);
    (void)aclrtResetDevice(0);
    (void)aclFinalize();
  }
  aclrtStream stream_ = nullptr;
  acldvppChannelDesc* channel_ = nullptr;
  bool ok_ = false;
};

// DVPP memory (acldvppMalloc) of `size` bytes, freed with the object.
class DvppBuffer {
 public:
  explicit DvppBuffer(size_t size) : size_(size) {
    if (acldvppMalloc(&data_, size) != ACL_SUCCESS) data_ = nullptr;
    if (data_ != nullptr) std::memset(data_, 0, size);
  }
  ~DvppBuffer() {
    if (data_ != nullptr) (void)acldvppFree(data_);
  }
  DvppBuffer(const DvppBuffer&) = delete;
  DvppBuffer& operator=(const DvppBuffer&) = delete;
  uint8_t* data() const { return static_cast<uint8_t*>(data_); }
  size_t size() const { return size_; }

 private:
  void* data_ = nullptr;
  size_t size_;
};

struct PicDescDeleter {
  void operator()(acldvppPicDesc* desc) const { (void)acldvppDestroyPicDesc(desc); }
};
using PicDesc = std::unique_ptr<acldvppPicDesc, PicDescDeleter>;

PicDesc Nv12Desc(const DvppBuffer& buffer, uint32_t w, uint32_t h, uint32_t ws, uint32_t hs) {
  PicDesc desc(acldvppCreatePicDesc());
  acldvppSetPicDescFormat(desc.get(), PIXEL_FORMAT_YUV_SEMIPLANAR_420);
  acldvppSetPicDescWidth(desc.get(), w);
  acldvppSetPicDescHeight(desc.get(), h);
  acldvppSetPicDescWidthStride(desc.get(), ws);
  acldvppSetPicDescHeightStride(desc.get(), hs);
  acldvppSetPicDescData(desc.get(), buffer.data());
  acldvppSetPicDescSize(desc.get(), static_cast<uint32_t>(buffer.size()));
  return desc;
}

// A photograph-like RGB picture: a sky-to-ground gradient, soft blobs of colour, hard-edged
// shapes, fine texture and a little noise, so the JPEG has the spread of coefficients of a real
// picture (a flat or purely smooth one decodes unrealistically fast).
std::vector<uint8_t> SyntheticRgb(uint32_t w, uint32_t h) {
  std::vector<uint8_t> rgb(size_t{w} * h * 3);
  uint32_t noise = 12345;
  for (uint32_t y = 0; y < h; ++y) {
    for (uint32_t x = 0; x < w; ++x) {
      const double u = double(x) / w, v = double(y) / h;
      double c[3] = {90 + 110 * v, 120 + 60 * (1 - v), 200 - 120 * v};
      const double blob = std::exp(-((u - 0.3) * (u - 0.3) + (v - 0.6) * (v - 0.6)) * 18);
      c[0] += 80 * blob;
      c[1] -= 40 * blob;
      const bool in_box = x > w / 2 && x < w * 3 / 4 && y > h / 3 && y < h * 2 / 3;
      const bool in_disc = (u - 0.8) * (u - 0.8) * 3 + (v - 0.25) * (v - 0.25) < 0.01;
      const double texture = 25 * std::sin(x * 0.31 + std::sin(y * 0.07) * 4) * std::cos(y * 0.23);
      for (int i = 0; i < 3; ++i) {
        noise = noise * 1664525u + 1013904223u;
        double value = c[i] + (in_box ? 60.0 - 50 * i : 0) + (in_disc ? -70.0 + 40 * i : 0) + texture +
                       static_cast<double>(noise >> 28) - 7.5;
        rgb[(size_t{y} * w + x) * 3 + i] = static_cast<uint8_t>(std::lround(std::fmin(255, std::fmax(0, value))));
      }
    }
  }
  return rgb;
}

std::vector<uint8_t> EncodeJpeg(const std::vector<uint8_t>& rgb, uint32_t w, uint32_t h) {
  tjhandle tj = tjInitCompress();
  unsigned char* out = nullptr;
  unsigned long size = 0;
  std::vector<uint8_t> jpeg;
  if (tj != nullptr && tjCompress2(tj, rgb.data(), int(w), 0, int(h), TJPF_RGB, &out, &size, TJSAMP_420, 90, 0) == 0) {
    jpeg.assign(out, out + size);
  }
  tjFree(out);
  if (tj != nullptr) tjDestroy(tj);
  return jpeg;
}

// The JPEG every benchmark starts from, and its NV12 decode (1920x1080, strides 1920x1088, as
// acldvppJpegDecodeAsync writes it), made once.
struct Inputs {
  std::vector<uint8_t> jpeg;
  uint32_t nv12_stride = kWidth, nv12_height_stride = AlignedHeight();
  static uint32_t AlignedHeight() { return (kHeight + 15) / 16 * 16; }
};

const Inputs& TheInputs() {
  static const Inputs inputs = [] {
    Inputs in;
    in.jpeg = EncodeJpeg(SyntheticRgb(kWidth, kHeight), kWidth, kHeight);
    return in;
  }();
  return inputs;
}

// The reference decode: planar YUV from libjpeg-turbo, luma written straight into the NV12 picture,
// then U and V interleaved into its chroma plane.
class ReferenceDecoder {
 public:
  ReferenceDecoder() : tj_(tjInitDecompress()), u_(size_t{kWidth / 2} * (kHeight / 2)), v_(u_.size()) {}
  ~ReferenceDecoder() {
    if (tj_ != nullptr) tjDestroy(tj_);
  }
  ReferenceDecoder(const ReferenceDecoder&) = delete;
  ReferenceDecoder& operator=(const ReferenceDecoder&) = delete;

  bool Decode(const std::vector<uint8_t>& jpeg, uint8_t* nv12, uint32_t stride, uint32_t height_stride) {
    unsigned char* planes[3] = {nv12, u_.data(), v_.data()};
    int strides[3] = {int(stride), int(kWidth / 2), int(kWidth / 2)};
    if (tjDecompressToYUVPlanes(tj_, jpeg.data(), jpeg.size(), planes, int(kWidth), strides, int(kHeight), 0) != 0) {
      return false;
    }
    uint8_t* uv = nv12 + size_t{stride} * height_stride;
    for (uint32_t y = 0; y < kHeight / 2; ++y) {
      const uint8_t* u = u_.data() + size_t{y} * (kWidth / 2);
      const uint8_t* v = v_.data() + size_t{y} * (kWidth / 2);
      uint8_t* row = uv + size_t{y} * stride;
      for (uint32_t x = 0; x < kWidth / 2; ++x) {
        row[2 * x] = u[x];
        row[2 * x + 1] = v[x];
      }
    }
    return true;
  }

 private:
  tjhandle tj_;
  std::vector<uint8_t> u_, v_;
};

double Psnr(const uint8_t* a, const uint8_t* b, uint32_t w, uint32_t h, uint32_t stride, uint32_t height_stride) {
  double se = 0;
  size_t n = 0;
  auto add_rows = [&](size_t offset, uint32_t rows) {
    for (uint32_t y = 0; y < rows; ++y)
      for (uint32_t x = 0; x < w; ++x, ++n) {
        const double d = double(a[offset + size_t{y} * stride + x]) - b[offset + size_t{y} * stride + x];
        se += d * d;
      }
  };
  add_rows(0, h);
  add_rows(size_t{stride} * height_stride, h / 2);
  return se == 0 ? 99.0 : 10 * std::log10(255.0 * 255.0 * double(n) / se);
}

double Ms(std::chrono::steady_clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// Runs both sides once per iteration, alternating the order, and reports their times and ratio.
void RunPair(benchmark::State& state, const std::function<bool()>& aclsim, const std::function<bool()>& reference) {
  using Clock = std::chrono::steady_clock;
  Clock::duration aclsim_time{}, reference_time{};
  auto timed = [&](const std::function<bool()>& fn, Clock::duration& total, const char* what) {
    const auto start = Clock::now();
    if (!fn()) state.SkipWithError(what);
    benchmark::ClobberMemory();
    total += Clock::now() - start;
  };
  bool aclsim_first = true;
  for (auto _ : state) {
    if (aclsim_first) timed(aclsim, aclsim_time, "aclsim failed");
    timed(reference, reference_time, "reference failed");
    if (!aclsim_first) timed(aclsim, aclsim_time, "aclsim failed");
    aclsim_first = !aclsim_first;
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["aclsim_ms"] = Ms(aclsim_time) / n;
  state.counters["reference_ms"] = Ms(reference_time) / n;
  state.counters["ratio"] = Ms(aclsim_time) / Ms(reference_time);
}

void BM_JpegDecodeNv12Pair(benchmark::State& state) {
  Runtime& rt = Runtime::Get();
  if (!rt.ok()) return state.SkipWithError("aclInit / device / stream / channel failed");
  const Inputs& in = TheInputs();
  if (in.jpeg.empty()) return state.SkipWithError("cannot encode the test JPEG");
  DvppBuffer jpeg(in.jpeg.size());
  if (jpeg.data() == nullptr) return state.SkipWithError("acldvppMalloc failed");
  std::memcpy(jpeg.data(), in.jpeg.data(), in.jpeg.size());
  uint32_t out_size = 0;
  if (acldvppJpegPredictDecSize(jpeg.data(), uint32_t(jpeg.size()), PIXEL_FORMAT_YUV_SEMIPLANAR_420, &out_size) !=
      ACL_SUCCESS) {
    return state.SkipWithError("acldvppJpegPredictDecSize failed");
  }
  DvppBuffer out(out_size);
  std::vector<uint8_t> ref(out_size);
  PicDesc desc = Nv12Desc(out, 0, 0, 0, 0);
  ReferenceDecoder reference;
  auto aclsim = [&] {
    return acldvppJpegDecodeAsync(rt.channel(), jpeg.data(), uint32_t(jpeg.size()), desc.get(), rt.stream()) ==
               ACL_SUCCESS &&
           aclrtSynchronizeStream(rt.stream()) == ACL_SUCCESS;
  };
  auto ref_decode = [&] { return reference.Decode(in.jpeg, ref.data(), in.nv12_stride, in.nv12_height_stride); };
  if (!aclsim() || !ref_decode()) return state.SkipWithError("the first decode failed");
  if (acldvppGetPicDescWidthStride(desc.get()) != in.nv12_stride ||
      acldvppGetPicDescHeightStride(desc.get()) != in.nv12_height_stride) {
    return state.SkipWithError("unexpected output strides");
  }
  const double psnr = Psnr(out.data(), ref.data(), kWidth, kHeight, in.nv12_stride, in.nv12_height_stride);
  RunPair(state, aclsim, ref_decode);
  state.counters["psnr_db"] = psnr;
  state.SetLabel(std::to_string(in.jpeg.size() / 1024) + " KiB JPEG");
}
BENCHMARK(BM_JpegDecodeNv12Pair)->Unit(benchmark::kMillisecond)->UseRealTime();

struct SwsDeleter {
  void operator()(SwsContext* context) const { sws_freeContext(context); }
};

void BM_VpcResizeNv12Pair(benchmark::State& state) {
  Runtime& rt = Runtime::Get();
  if (!rt.ok()) return state.SkipWithError("aclInit / device / stream / channel failed");
  const Inputs& in = TheInputs();
  const auto ow = static_cast<uint32_t>(state.range(0)), oh = static_cast<uint32_t>(state.range(1));
  const uint32_t ows = (ow + 15) / 16 * 16, ohs = (oh + 1) / 2 * 2;
  DvppBuffer src(size_t{in.nv12_stride} * in.nv12_height_stride * 3 / 2);
  DvppBuffer dst(size_t{ows} * ohs * 3 / 2);
  std::vector<uint8_t> ref(dst.size());
  if (src.data() == nullptr || dst.data() == nullptr) return state.SkipWithError("acldvppMalloc failed");
  ReferenceDecoder decoder;
  if (!decoder.Decode(in.jpeg, src.data(), in.nv12_stride, in.nv12_height_stride)) {
    return state.SkipWithError("cannot decode the test JPEG");
  }
  PicDesc in_desc = Nv12Desc(src, kWidth, kHeight, in.nv12_stride, in.nv12_height_stride);
  PicDesc out_desc = Nv12Desc(dst, ow, oh, ows, ohs);
  acldvppResizeConfig* config = acldvppCreateResizeConfig();
  std::unique_ptr<SwsContext, SwsDeleter> sws(sws_getContext(int(kWidth), int(kHeight), AV_PIX_FMT_NV12, int(ow),
                                                              int(oh), AV_PIX_FMT_NV12, SWS_BILINEAR, nullptr,
                                                              nullptr, nullptr));
  if (config == nullptr || !sws) return state.SkipWithError("cannot create the resize configurations");
  const uint8_t* src_planes[4] = {src.data(), src.data() + size_t{in.nv12_stride} * in.nv12_height_stride, nullptr,
                                  nullptr};
  const int src_strides[4] = {int(in.nv12_stride), int(in.nv12_stride), 0, 0};
  uint8_t* dst_planes[4] = {ref.data(), ref.data() + size_t{ows} * ohs, nullptr, nullptr};
  const int dst_strides[4] = {int(ows), int(ows), 0, 0};
  auto aclsim = [&] {
    return acldvppVpcResizeAsync(rt.channel(), in_desc.get(), out_desc.get(), config, rt.stream()) == ACL_SUCCESS &&
           aclrtSynchronizeStream(rt.stream()) == ACL_SUCCESS;
  };
  auto reference = [&] {
    return sws_scale(sws.get(), src_planes, src_strides, 0, int(kHeight), dst_planes, dst_strides) == int(oh);
  };
  if (!aclsim() || !reference()) {
    acldvppDestroyResizeConfig(config);
    return state.SkipWithError("the first resize failed");
  }
  const double psnr = Psnr(dst.data(), ref.data(), ow, oh, ows, ohs);
  RunPair(state, aclsim, reference);
  acldvppDestroyResizeConfig(config);
  state.counters["psnr_db"] = psnr;
  state.SetLabel("1920x1080 -> " + std::to_string(ow) + "x" + std::to_string(oh));
}
BENCHMARK(BM_VpcResizeNv12Pair)->Args({1280, 720})->Args({224, 224})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
