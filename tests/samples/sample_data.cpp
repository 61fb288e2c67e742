// aclsim_sample_data: inputs for Huawei's public DVPP samples and the independent references their
// outputs are checked against (scripts/try-huawei-samples.sh). The samples download their inputs;
// here they are made: a synthetic picture with edges, gradients and texture (not flat, so resizes
// and codecs are really exercised), as JPEG or NV12, and short H.264/H.265 streams. The references
// use libjpeg-turbo and libavcodec directly and a plain bilinear loop, never aclsim.
//
//   image W H OUT.jpg|OUT.yuv                    synthetic picture, JPEG (4:2:0, quality 95) or NV12
//   video h264|h265 W H FRAMES OUT               synthetic moving NV12 frames, encoded
//   jpeg-to-nv12 IN.jpg OUT.yuv                  reference decode (tight NV12)
//   video-to-nv12 IN OUT_PREFIX                  reference decode, OUT_PREFIX<n>.yuv from 1, prints n
//   resize-nv12 IN W H LEFT TOP CW CH OW OH OUT  reference bilinear resize of an area (pixel centres
//                                                aligned, as VPC's bilinear mode), tight NV12 out
//   compare-nv12 A A_WSTRIDE A_HSTRIDE AX AY B B_WSTRIDE B_HSTRIDE BX BY W H MIN_PSNR|MIN_PSNR:luma|exact
//                                                compares a W x H area of two strided NV12 files
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
}
#include <turbojpeg.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using Bytes = std::vector<uint8_t>;

[[noreturn]] void Die(const std::string& message) { throw std::runtime_error(message); }

Bytes ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Die("cannot read " + path);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

void WriteFile(const std::string& path, const uint8_t* data, size_t size) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out) Die("cannot write " + path);
}

uint32_t Arg(const char* text) { return static_cast<uint32_t>(std::stoul(text)); }

size_t Nv12Bytes(uint32_t w, uint32_t h) { return size_t{w} * h + size_t{(w + 1) / 2 * 2} * ((h + 1) / 2); }

uint8_t Clamp(double v) { return static_cast<uint8_t>(v < 0 ? 0 : v > 255 ? 255 : std::lround(v)); }

// RGB of the synthetic scene at (x, y) in frame t: gradients, a ring, stripes and a checker.
void SceneRgb(uint32_t x, uint32_t y, uint32_t w, uint32_t h, uint32_t t, uint8_t rgb[3]) {
  const double fx = double(x) / w, fy = double(y) / h;
  const double cx = fx - 0.5 - 0.02 * t, cy = fy - 0.5;
  const double ring = std::sin(40.0 * std::sqrt(cx * cx + cy * cy));
  const double stripes = std::sin(0.35 * (x + 3 * t)) * std::cos(0.21 * y);
  const bool checker = ((x / 16) + (y / 16)) % 2 == 0;
  rgb[0] = Clamp(255 * fx * 0.7 + 40 * ring + (checker ? 20 : 0));
  rgb[1] = Clamp(255 * fy * 0.6 + 50 * stripes + 30);
  rgb[2] = Clamp(128 + 90 * ring * stripes - 60 * fx);
}

// BT.601 full range, as DVPP's default matrix.
Bytes SceneNv12(uint32_t w, uint32_t h, uint32_t t) {
  Bytes out(Nv12Bytes(w, h));
  uint8_t* uv = out.data() + size_t{w} * h;
  for (uint32_t y = 0; y < h; ++y) {
    for (uint32_t x = 0; x < w; ++x) {
      uint8_t p[3];
      SceneRgb(x, y, w, h, t, p);
      const double r = p[0], g = p[1], b = p[2];
      out[size_t{y} * w + x] = Clamp(0.299 * r + 0.587 * g + 0.114 * b);
      if (x % 2 == 0 && y % 2 == 0) {
        uint8_t* c = uv + size_t{y / 2} * ((w + 1) / 2 * 2) + x;
        c[0] = Clamp(-0.168736 * r - 0.331264 * g + 0.5 * b + 128);
        c[1] = Clamp(0.5 * r - 0.418688 * g - 0.081312 * b + 128);
      }
    }
  }
  return out;
}

void MakeImage(uint32_t w, uint32_t h, const std::string& path) {
  if (path.size() > 4 && path.substr(path.size() - 4) == ".yuv") {
    const Bytes nv12 = SceneNv12(w, h, 0);
    WriteFile(path, nv12.data(), nv12.size());
    return;
  }
  Bytes rgb(size_t{w} * h * 3);
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x) SceneRgb(x, y, w, h, 0, &rgb[(size_t{y} * w + x) * 3]);
  tjhandle tj = tjInitCompress();
  unsigned char* jpeg = nullptr;
  unsigned long size = 0;
  if (tjCompress2(tj, rgb.data(), int(w), 0, int(h), TJPF_RGB, &jpeg, &size, TJSAMP_420, 95, 0) != 0) {
    Die(std::string("JPEG encode failed: ") + tjGetErrorStr2(tj));
  }
  WriteFile(path, jpeg, size);
  tjFree(jpeg);
  tjDestroy(tj);
}

void JpegToNv12(const std::string& in, const std::string& out) {
  const Bytes jpeg = ReadFile(in);
  tjhandle tj = tjInitDecompress();
  int w = 0, h = 0, sub = 0, space = 0;
  if (tjDecompressHeader3(tj, jpeg.data(), jpeg.size(), &w, &h, &sub, &space) != 0) Die("not a JPEG: " + in);
  const int cw = (w + 1) / 2, ch = (h + 1) / 2;
  // libjpeg-turbo may write whole MCU rows: the planes get room for the height aligned to 16.
  const int rows = (h + 15) / 16 * 16;
  Bytes y(size_t(w) * rows), u(size_t(cw) * rows / 2), v(size_t(cw) * rows / 2);
  unsigned char* planes[3] = {y.data(), u.data(), v.data()};
  int strides[3] = {w, cw, cw};
  if (sub != TJSAMP_420) Die(in + " is not a 4:2:0 JPEG");  // the only kind the samples get here
  if (tjDecompressToYUVPlanes(tj, jpeg.data(), jpeg.size(), planes, w, strides, h, TJFLAG_ACCURATEDCT) != 0) {
    Die(std::string("JPEG decode failed: ") + tjGetErrorStr2(tj));
  }
  tjDestroy(tj);
  Bytes nv12(Nv12Bytes(w, h));
  std::copy_n(y.begin(), size_t(w) * h, nv12.begin());
  uint8_t* uv = nv12.data() + size_t(w) * h;
  const int row = (w + 1) / 2 * 2;
  for (int r = 0; r < ch; ++r)
    for (int c = 0; c < cw; ++c) {
      uv[size_t(r) * row + 2 * c] = u[size_t(r) * cw + c];
      uv[size_t(r) * row + 2 * c + 1] = v[size_t(r) * cw + c];
    }
  WriteFile(out, nv12.data(), nv12.size());
  std::printf("%d %d\n", w, h);
}

const AVCodec* Encoder(const std::string& codec) {
  const AVCodec* found = avcodec_find_encoder_by_name(codec == "h264" ? "libx264" : "libx265");
  if (found == nullptr) Die("no encoder for " + codec);
  return found;
}

void MakeVideo(const std::string& codec, uint32_t w, uint32_t h, uint32_t frames, const std::string& path) {
  AVCodecContext* ctx = avcodec_alloc_context3(Encoder(codec));
  ctx->width = int(w);
  ctx->height = int(h);
  ctx->time_base = AVRational{1, 25};
  ctx->framerate = AVRational{25, 1};
  ctx->pix_fmt = AV_PIX_FMT_YUV420P;
  ctx->gop_size = 10;
  ctx->max_b_frames = 0;
  av_opt_set(ctx->priv_data, "preset", "ultrafast", 0);
  if (codec == "h265") av_opt_set(ctx->priv_data, "x265-params", "log-level=error", 0);
  if (avcodec_open2(ctx, nullptr, nullptr) < 0) Die("cannot open the " + codec + " encoder");
  AVFrame* frame = av_frame_alloc();
  frame->format = ctx->pix_fmt;
  frame->width = ctx->width;
  frame->height = ctx->height;
  av_frame_get_buffer(frame, 0);
  AVPacket* packet = av_packet_alloc();
  std::ofstream out(path, std::ios::binary);
  auto drain = [&] {
    while (avcodec_receive_packet(ctx, packet) == 0) {
      out.write(reinterpret_cast<const char*>(packet->data), packet->size);
      av_packet_unref(packet);
    }
  };
  for (uint32_t t = 0; t < frames; ++t) {
    av_frame_make_writable(frame);
    const Bytes nv12 = SceneNv12(w, h, t);
    for (uint32_t y = 0; y < h; ++y) std::copy_n(&nv12[size_t{y} * w], w, frame->data[0] + y * frame->linesize[0]);
    for (uint32_t y = 0; y < h / 2; ++y)
      for (uint32_t x = 0; x < w / 2; ++x) {
        frame->data[1][y * frame->linesize[1] + x] = nv12[size_t{w} * h + size_t{y} * w + 2 * x];
        frame->data[2][y * frame->linesize[2] + x] = nv12[size_t{w} * h + size_t{y} * w + 2 * x + 1];
      }
    frame->pts = t;
    avcodec_send_frame(ctx, frame);
    drain();
  }
  avcodec_send_frame(ctx, nullptr);
  drain();
  if (!out) Die("cannot write " + path);
  av_packet_free(&packet);
  av_frame_free(&frame);
  avcodec_free_context(&ctx);
}

void VideoToNv12(const std::string& in, const std::string& prefix) {
  const Bytes stream = ReadFile(in);
  const bool hevc = in.find("265") != std::string::npos;
  const AVCodec* codec = avcodec_find_decoder(hevc ? AV_CODEC_ID_HEVC : AV_CODEC_ID_H264);
  AVCodecParserContext* parser = av_parser_init(codec->id);
  AVCodecContext* ctx = avcodec_alloc_context3(codec);
  if (avcodec_open2(ctx, codec, nullptr) < 0) Die("cannot open the decoder");
  AVPacket* packet = av_packet_alloc();
  AVFrame* frame = av_frame_alloc();
  int count = 0;
  auto drain = [&] {
    while (avcodec_receive_frame(ctx, frame) == 0) {
      const int w = frame->width, h = frame->height;
      Bytes nv12(Nv12Bytes(w, h));
      for (int y = 0; y < h; ++y) std::copy_n(frame->data[0] + y * frame->linesize[0], w, &nv12[size_t(y) * w]);
      for (int y = 0; y < h / 2; ++y)
        for (int x = 0; x < w / 2; ++x) {
          nv12[size_t(w) * h + size_t(y) * w + 2 * x] = frame->data[1][y * frame->linesize[1] + x];
          nv12[size_t(w) * h + size_t(y) * w + 2 * x + 1] = frame->data[2][y * frame->linesize[2] + x];
        }
      WriteFile(prefix + std::to_string(++count) + ".yuv", nv12.data(), nv12.size());
    }
  };
  const uint8_t* data = stream.data();
  size_t left = stream.size();
  while (left > 0) {
    const int used = av_parser_parse2(parser, ctx, &packet->data, &packet->size, data, int(left), AV_NOPTS_VALUE,
                                      AV_NOPTS_VALUE, 0);
    if (used < 0) Die("cannot parse " + in);
    data += used;
    left -= size_t(used);
    if (packet->size > 0 && avcodec_send_packet(ctx, packet) == 0) drain();
  }
  av_parser_parse2(parser, ctx, &packet->data, &packet->size, nullptr, 0, AV_NOPTS_VALUE, AV_NOPTS_VALUE, 0);
  if (packet->size > 0) avcodec_send_packet(ctx, packet);
  avcodec_send_packet(ctx, nullptr);
  drain();
  std::printf("%d\n", count);
  av_frame_free(&frame);
  av_packet_free(&packet);
  avcodec_free_context(&ctx);
  av_parser_close(parser);
}

// Bilinear with aligned pixel centres, clamped at the edges, of one plane of `channels` interleaved
// samples per pixel; `stride` in bytes.
void ResizePlane(const uint8_t* src, uint32_t stride, uint32_t left, uint32_t top, uint32_t w, uint32_t h,
                 uint32_t channels, uint8_t* dst, uint32_t ow, uint32_t oh) {
  for (uint32_t y = 0; y < oh; ++y) {
    const double sy = std::clamp((y + 0.5) * h / oh - 0.5, 0.0, double(h - 1));
    const uint32_t y0 = uint32_t(sy), y1 = std::min(y0 + 1, h - 1);
    const double fy = sy - y0;
    for (uint32_t x = 0; x < ow; ++x) {
      const double sx = std::clamp((x + 0.5) * w / ow - 0.5, 0.0, double(w - 1));
      const uint32_t x0 = uint32_t(sx), x1 = std::min(x0 + 1, w - 1);
      const double fx = sx - x0;
      for (uint32_t c = 0; c < channels; ++c) {
        auto at = [&](uint32_t px, uint32_t py) { return double(src[size_t{top + py} * stride + (left + px) * channels + c]); };
        const double v = (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
        dst[(size_t{y} * ow + x) * channels + c] = Clamp(v);
      }
    }
  }
}

void ResizeNv12(char** a) {
  const Bytes src = ReadFile(a[0]);
  const uint32_t w = Arg(a[1]), h = Arg(a[2]), left = Arg(a[3]), top = Arg(a[4]), cw = Arg(a[5]), ch = Arg(a[6]);
  const uint32_t ow = Arg(a[7]), oh = Arg(a[8]);
  if (src.size() < Nv12Bytes(w, h)) Die(std::string(a[0]) + " is smaller than its size says");
  if (left % 2 || top % 2 || cw % 2 || ch % 2 || ow % 2 || oh % 2 || left + cw > w || top + ch > h) {
    Die("area outside the picture, or odd");
  }
  Bytes dst(Nv12Bytes(ow, oh));
  ResizePlane(src.data(), w, left, top, cw, ch, 1, dst.data(), ow, oh);
  ResizePlane(src.data() + size_t{w} * h, w, left / 2, top / 2, cw / 2, ch / 2, 2, dst.data() + size_t{ow} * oh,
              ow / 2, oh / 2);
  WriteFile(a[9], dst.data(), dst.size());
}

// PSNR over a W x H area (luma, and its chroma) of two strided NV12 files.
int CompareNv12(char** a) {
  struct Side {
    Bytes bytes;
    uint32_t ws, hs, x, y;
    uint8_t luma(uint32_t c, uint32_t r) const { return bytes[size_t{y + r} * ws + x + c]; }
    uint8_t chroma(uint32_t c, uint32_t r) const { return bytes[size_t{ws} * hs + size_t{y / 2 + r} * ws + x + c]; }
  };
  const Side p{ReadFile(a[0]), Arg(a[1]), Arg(a[2]), Arg(a[3]), Arg(a[4])};
  const Side q{ReadFile(a[5]), Arg(a[6]), Arg(a[7]), Arg(a[8]), Arg(a[9])};
  const uint32_t w = Arg(a[10]), h = Arg(a[11]);
  const std::string bound = a[12];
  for (const Side* s : {&p, &q}) {
    if (s->bytes.size() < size_t{s->ws} * s->hs * 3 / 2 || s->x + w > s->ws || s->y + h > s->hs || s->x % 2 || s->y % 2) {
      Die("an area lies outside its file's strides, or at an odd offset");
    }
  }
  // Per plane: squared differences, samples, differing samples.
  struct Tally {
    double squares = 0;
    size_t count = 0, differing = 0;
    void Add(uint8_t u, uint8_t v) {
      squares += double(int(u) - int(v)) * (int(u) - int(v));
      differing += u != v;
      ++count;
    }
    double Psnr() const { return squares == 0 ? INFINITY : 10 * std::log10(255.0 * 255.0 * double(count) / squares); }
  } luma, chroma;
  for (uint32_t r = 0; r < h; ++r)
    for (uint32_t c = 0; c < w; ++c) luma.Add(p.luma(c, r), q.luma(c, r));
  for (uint32_t r = 0; r < h / 2; ++r)
    for (uint32_t c = 0; c < w / 2 * 2; ++c) chroma.Add(p.chroma(c, r), q.chroma(c, r));
  Tally all = luma;
  all.squares += chroma.squares;
  all.count += chroma.count;
  all.differing += chroma.differing;
  std::printf("%zu of %zu bytes differ, PSNR %.2f dB (luma %.2f, chroma %.2f)\n", all.differing, all.count, all.Psnr(),
              luma.Psnr(), chroma.Psnr());
  if (bound == "exact") return all.differing == 0 ? 0 : 1;
  // "N:luma" bounds the luma plane only, where the chroma siting of a resize is not documented.
  const bool luma_only = bound.size() > 5 && bound.substr(bound.size() - 5) == ":luma";
  return (luma_only ? luma : all).Psnr() >= std::stod(bound) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  av_log_set_level(AV_LOG_ERROR);
  try {
    const std::string command = argc > 1 ? argv[1] : "";
    if (command == "image" && argc == 5) MakeImage(Arg(argv[2]), Arg(argv[3]), argv[4]);
    else if (command == "video" && argc == 7) MakeVideo(argv[2], Arg(argv[3]), Arg(argv[4]), Arg(argv[5]), argv[6]);
    else if (command == "jpeg-to-nv12" && argc == 4) JpegToNv12(argv[2], argv[3]);
    else if (command == "video-to-nv12" && argc == 4) VideoToNv12(argv[2], argv[3]);
    else if (command == "resize-nv12" && argc == 12) ResizeNv12(argv + 2);
    else if (command == "compare-nv12" && argc == 15) return CompareNv12(argv + 2);
    else {
      std::fprintf(stderr, "usage: see the comment at the top of tests/samples/sample_data.cpp\n");
      return 2;
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "aclsim_sample_data: %s\n", e.what());
    return 1;
  }
}
