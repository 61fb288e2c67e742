#include "dvpp/video_frames.h"

#include <algorithm>

#include "common/error.h"
#include "dvpp/libav.h"

namespace aclsim::dvpp {

Planes PlanesOfFrame(const AVFrame& frame) {
  const AVPixFmtDescriptor* desc = Av().av_pix_fmt_desc_get(static_cast<AVPixelFormat>(frame.format));
  if (desc == nullptr || (desc->flags & (AV_PIX_FMT_FLAG_RGB | AV_PIX_FMT_FLAG_PAL)) != 0 ||
      (desc->nb_components > 1 && (desc->flags & AV_PIX_FMT_FLAG_PLANAR) == 0) || desc->comp[0].depth > 16) {
    Fail(ACL_ERROR_INVALID_PARAM, "decoded pictures in {} are not planar YUV",
         desc != nullptr ? desc->name : "an unknown pixel format");
  }
  const auto width = static_cast<uint32_t>(frame.width);
  const auto height = static_cast<uint32_t>(frame.height);
  Planes planes(width, height, ColourSpace::kYuv);
  const int components = std::min<int>(desc->nb_components, 3);
  for (int c = 0; c < 3; ++c) {
    if (c >= components) {  // gray: neutral chroma
      std::fill(planes.c[c].begin(), planes.c[c].end(), uint8_t{128});
      continue;
    }
    const AVComponentDescriptor& comp = desc->comp[c];
    const int shift_x = c == 0 ? 0 : desc->log2_chroma_w;
    const int shift_y = c == 0 ? 0 : desc->log2_chroma_h;
    const int drop = comp.depth - 8;  // bits below 8 that are rounded away
    for (uint32_t y = 0; y < height; ++y) {
      const uint8_t* row = frame.data[comp.plane] + static_cast<ptrdiff_t>(y >> shift_y) * frame.linesize[comp.plane];
      uint8_t* out = &planes.at(c, 0, y);
      for (uint32_t x = 0; x < width; ++x) {
        const uint32_t sx = x >> shift_x;
        if (comp.step == 1) {
          out[x] = row[sx];
        } else {  // 16-bit little-endian samples
          const uint32_t v = row[2 * sx] | (uint32_t{row[2 * sx + 1]} << 8);
          out[x] = static_cast<uint8_t>(std::min<uint32_t>((v + (1u << drop >> 1)) >> drop, 255));
        }
      }
    }
  }
  return planes;
}

bool CopyYuv420Frame(const AVFrame& frame, const Picture& picture) {
  const bool eight_bit_420 = frame.format == AV_PIX_FMT_YUV420P || frame.format == AV_PIX_FMT_YUVJ420P;
  if (!eight_bit_420 || picture.info.layout != Layout::kSemiPlanar || picture.info.sub_x != 2 ||
      picture.info.sub_y != 2 || picture.width != static_cast<uint32_t>(frame.width) ||
      picture.height != static_cast<uint32_t>(frame.height)) {
    return false;
  }
  for (uint32_t y = 0; y < picture.height; ++y) {
    std::copy_n(frame.data[0] + ptrdiff_t{y} * frame.linesize[0], picture.width,
                picture.data + size_t{y} * picture.width_stride);
  }
  uint8_t* chroma = picture.data + size_t{picture.width_stride} * picture.height_stride;
  const int u = picture.info.v_first ? 1 : 0;
  for (uint32_t y = 0; y < picture.height / 2; ++y) {
    const uint8_t* cb = frame.data[1] + ptrdiff_t{y} * frame.linesize[1];
    const uint8_t* cr = frame.data[2] + ptrdiff_t{y} * frame.linesize[2];
    uint8_t* row = chroma + size_t{y} * picture.width_stride;
    for (uint32_t x = 0; x < picture.width / 2; ++x) {
      row[2 * x + u] = cb[x];
      row[2 * x + 1 - u] = cr[x];
    }
  }
  return true;
}

void FillYuv420Frame(const Picture& picture, AVFrame& frame) {
  const uint8_t* luma = picture.data;
  const uint8_t* chroma = picture.data + size_t{picture.width_stride} * picture.height_stride;
  const int u = picture.info.v_first ? 1 : 0;
  for (uint32_t y = 0; y < picture.height; ++y) {
    std::copy_n(luma + size_t{y} * picture.width_stride, picture.width, frame.data[0] + ptrdiff_t{y} * frame.linesize[0]);
  }
  for (uint32_t y = 0; y < picture.height / 2; ++y) {
    const uint8_t* row = chroma + size_t{y} * picture.width_stride;
    uint8_t* cb = frame.data[1] + ptrdiff_t{y} * frame.linesize[1];
    uint8_t* cr = frame.data[2] + ptrdiff_t{y} * frame.linesize[2];
    for (uint32_t x = 0; x < picture.width / 2; ++x) {
      cb[x] = row[2 * x + u];
      cr[x] = row[2 * x + 1 - u];
    }
  }
}

}  // namespace aclsim::dvpp
