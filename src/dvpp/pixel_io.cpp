#include "dvpp/pixel_io.h"

namespace aclsim::dvpp {

uint8_t* ChromaPlane(const Picture& p) { return p.data + size_t{p.width_stride} * p.height_stride; }

size_t ChromaPitch(const Picture& p) { return size_t{p.width_stride} * 2 / p.info.sub_x; }

namespace {

// Where the interleaved chroma pair of pixel (x, y) starts in a semi-planar picture.
size_t ChromaOffset(const Picture& p, uint32_t x, uint32_t y) {
  return size_t{p.width_stride} * p.height_stride + size_t{y / p.info.sub_y} * ChromaPitch(p) +
         size_t{x / p.info.sub_x} * 2;
}

}  // namespace

Planes ReadPicture(const Picture& p, const Rect& a) {
  Planes out(a.width, a.height, p.info.space);
  const FormatInfo& f = p.info;
  for (uint32_t j = 0; j < a.height; ++j) {
    const uint32_t y = a.top + j;
    const uint8_t* row = p.data + size_t{y} * p.width_stride;
    for (uint32_t i = 0; i < a.width; ++i) {
      const uint32_t x = a.left + i;
      switch (f.layout) {
        case Layout::kYuv400:
          out.at(0, i, j) = row[x];
          out.at(1, i, j) = 128;
          out.at(2, i, j) = 128;
          break;
        case Layout::kSemiPlanar: {
          const uint8_t* uv = p.data + ChromaOffset(p, x, y);
          out.at(0, i, j) = row[x];
          out.at(1, i, j) = uv[f.v_first ? 1 : 0];
          out.at(2, i, j) = uv[f.v_first ? 0 : 1];
          break;
        }
        case Layout::kPacked422: {
          const uint8_t* pair = row + size_t{x / 2} * 4;
          out.at(0, i, j) = pair[f.offset[x % 2 == 0 ? 0 : 2]];
          out.at(1, i, j) = pair[f.offset[1]];
          out.at(2, i, j) = pair[f.offset[3]];
          break;
        }
        case Layout::kPacked: {
          const uint8_t* px = row + size_t{x} * f.bytes_per_pixel;
          for (int c = 0; c < 3; ++c) out.at(c, i, j) = px[f.offset[c]];
          if (f.offset[3] >= 0) out.at(3, i, j) = px[f.offset[3]];
          break;
        }
      }
    }
  }
  return out;
}

void WritePicture(const Planes& in, Picture& p, const Rect& a) {
  const FormatInfo& f = p.info;
  for (uint32_t j = 0; j < a.height; ++j) {
    const uint32_t y = a.top + j;
    uint8_t* row = p.data + size_t{y} * p.width_stride;
    for (uint32_t i = 0; i < a.width; ++i) {
      const uint32_t x = a.left + i;
      // The pixel that carries a subsampled block's chroma: its top-left one.
      const bool carries_chroma = x % f.sub_x == 0 && y % f.sub_y == 0;
      switch (f.layout) {
        case Layout::kYuv400:
          row[x] = in.at(0, i, j);
          break;
        case Layout::kSemiPlanar: {
          row[x] = in.at(0, i, j);
          if (carries_chroma) {
            uint8_t* uv = p.data + ChromaOffset(p, x, y);
            uv[f.v_first ? 1 : 0] = in.at(1, i, j);
            uv[f.v_first ? 0 : 1] = in.at(2, i, j);
          }
          break;
        }
        case Layout::kPacked422: {
          uint8_t* pair = row + size_t{x / 2} * 4;
          pair[f.offset[x % 2 == 0 ? 0 : 2]] = in.at(0, i, j);
          if (carries_chroma) {
            pair[f.offset[1]] = in.at(1, i, j);
            pair[f.offset[3]] = in.at(2, i, j);
          }
          break;
        }
        case Layout::kPacked: {
          uint8_t* px = row + size_t{x} * f.bytes_per_pixel;
          for (int c = 0; c < 3; ++c) px[f.offset[c]] = in.at(c, i, j);
          if (f.offset[3] >= 0) px[f.offset[3]] = in.at(3, i, j);
          break;
        }
      }
    }
  }
}

}  // namespace aclsim::dvpp
