#include "dvpp/pixel_format.h"

#include <array>

namespace aclsim::dvpp {
namespace {

FormatInfo SemiPlanar(acldvppPixelFormat f, const char* name, uint32_t sx, uint32_t sy, bool v_first) {
  FormatInfo info{f, name, Layout::kSemiPlanar, ColourSpace::kYuv};
  info.sub_x = sx;
  info.sub_y = sy;
  info.v_first = v_first;
  return info;
}

FormatInfo Packed422(acldvppPixelFormat f, const char* name, int y0, int u, int y1, int v) {
  FormatInfo info{f, name, Layout::kPacked422, ColourSpace::kYuv};
  info.sub_x = 2;
  info.bytes_per_pixel = 2;
  info.offset[0] = y0;
  info.offset[1] = u;
  info.offset[2] = y1;
  info.offset[3] = v;
  return info;
}

FormatInfo Packed(acldvppPixelFormat f, const char* name, ColourSpace space, uint32_t bpp, int c0, int c1, int c2,
                  int alpha) {
  FormatInfo info{f, name, Layout::kPacked, space};
  info.bytes_per_pixel = bpp;
  info.offset[0] = c0;
  info.offset[1] = c1;
  info.offset[2] = c2;
  info.offset[3] = alpha;
  return info;
}

const std::array<FormatInfo, 20>& Table() {
  static const std::array<FormatInfo, 20> table = {
      FormatInfo{PIXEL_FORMAT_YUV_400, "PIXEL_FORMAT_YUV_400", Layout::kYuv400, ColourSpace::kYuv},
      SemiPlanar(PIXEL_FORMAT_YUV_SEMIPLANAR_420, "PIXEL_FORMAT_YUV_SEMIPLANAR_420", 2, 2, false),
      SemiPlanar(PIXEL_FORMAT_YVU_SEMIPLANAR_420, "PIXEL_FORMAT_YVU_SEMIPLANAR_420", 2, 2, true),
      SemiPlanar(PIXEL_FORMAT_YUV_SEMIPLANAR_422, "PIXEL_FORMAT_YUV_SEMIPLANAR_422", 2, 1, false),
      SemiPlanar(PIXEL_FORMAT_YVU_SEMIPLANAR_422, "PIXEL_FORMAT_YVU_SEMIPLANAR_422", 2, 1, true),
      SemiPlanar(PIXEL_FORMAT_YUV_SEMIPLANAR_444, "PIXEL_FORMAT_YUV_SEMIPLANAR_444", 1, 1, false),
      SemiPlanar(PIXEL_FORMAT_YVU_SEMIPLANAR_444, "PIXEL_FORMAT_YVU_SEMIPLANAR_444", 1, 1, true),
      SemiPlanar(PIXEL_FORMAT_YUV_SEMIPLANAR_440, "PIXEL_FORMAT_YUV_SEMIPLANAR_440", 1, 2, false),
      SemiPlanar(PIXEL_FORMAT_YVU_SEMIPLANAR_440, "PIXEL_FORMAT_YVU_SEMIPLANAR_440", 1, 2, true),
      Packed422(PIXEL_FORMAT_YUYV_PACKED_422, "PIXEL_FORMAT_YUYV_PACKED_422", 0, 1, 2, 3),
      Packed422(PIXEL_FORMAT_UYVY_PACKED_422, "PIXEL_FORMAT_UYVY_PACKED_422", 1, 0, 3, 2),
      Packed422(PIXEL_FORMAT_YVYU_PACKED_422, "PIXEL_FORMAT_YVYU_PACKED_422", 0, 3, 2, 1),
      Packed422(PIXEL_FORMAT_VYUY_PACKED_422, "PIXEL_FORMAT_VYUY_PACKED_422", 1, 2, 3, 0),
      Packed(PIXEL_FORMAT_YUV_PACKED_444, "PIXEL_FORMAT_YUV_PACKED_444", ColourSpace::kYuv, 3, 0, 1, 2, -1),
      Packed(PIXEL_FORMAT_RGB_888, "PIXEL_FORMAT_RGB_888", ColourSpace::kRgb, 3, 0, 1, 2, -1),
      Packed(PIXEL_FORMAT_BGR_888, "PIXEL_FORMAT_BGR_888", ColourSpace::kRgb, 3, 2, 1, 0, -1),
      Packed(PIXEL_FORMAT_ARGB_8888, "PIXEL_FORMAT_ARGB_8888", ColourSpace::kRgb, 4, 1, 2, 3, 0),
      Packed(PIXEL_FORMAT_ABGR_8888, "PIXEL_FORMAT_ABGR_8888", ColourSpace::kRgb, 4, 3, 2, 1, 0),
      Packed(PIXEL_FORMAT_RGBA_8888, "PIXEL_FORMAT_RGBA_8888", ColourSpace::kRgb, 4, 0, 1, 2, 3),
      Packed(PIXEL_FORMAT_BGRA_8888, "PIXEL_FORMAT_BGRA_8888", ColourSpace::kRgb, 4, 2, 1, 0, 3),
  };
  return table;
}

}  // namespace

std::optional<FormatInfo> FindFormat(acldvppPixelFormat format) {
  for (const FormatInfo& info : Table()) {
    if (info.format == format) return info;
  }
  return std::nullopt;
}

const char* FormatName(acldvppPixelFormat format) {
  if (auto info = FindFormat(format)) return info->name;
  if (format == PIXEL_FORMAT_UNKNOWN) return "PIXEL_FORMAT_UNKNOWN";
  return "an unsupported pixel format";
}

uint64_t PictureBytes(const FormatInfo& info, uint32_t width_stride, uint32_t height_stride) {
  const uint64_t luma = uint64_t{width_stride} * height_stride;
  if (info.layout != Layout::kSemiPlanar) return luma;
  return luma + luma * 2 / (info.sub_x * info.sub_y);  // 420: x3/2, 422 and 440: x2, 444: x3
}

}  // namespace aclsim::dvpp
