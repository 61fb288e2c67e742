#include "dvpp/jpeg_decode.h"

#include <turbojpeg.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "acl/error_codes/rt_error_codes.h"
#include "common/error.h"
#include "dvpp/pixel_io.h"
#include "dvpp/soc_rules.h"

namespace aclsim::dvpp {
namespace {

// Documented JPEGD input resolution: 32x32 .. 8192x8192.
constexpr uint32_t kMinSide = 32, kMaxSide = 8192, kHeightStrideAlign = 16;

struct TjDeleter {
  void operator()(void* handle) const { tjDestroy(handle); }
};
using TjHandle = std::unique_ptr<void, TjDeleter>;

acldvppJpegFormat CssOf(int subsamp) {
  switch (subsamp) {
    case TJSAMP_444: return ACL_JPEG_CSS_444;
    case TJSAMP_422: return ACL_JPEG_CSS_422;
    case TJSAMP_420: return ACL_JPEG_CSS_420;
    case TJSAMP_GRAY: return ACL_JPEG_CSS_GRAY;
    case TJSAMP_440: return ACL_JPEG_CSS_440;
    case TJSAMP_411: return ACL_JPEG_CSS_411;
    default: return ACL_JPEG_CSS_UNKNOWN;
  }
}

// The semi-planar format (V first, as JPEGD's "source format" output is) of a source subsampling.
acldvppPixelFormat SourceFormat(const JpegInfo& info) {
  switch (info.css) {
    case ACL_JPEG_CSS_444: return PIXEL_FORMAT_YVU_SEMIPLANAR_444;
    case ACL_JPEG_CSS_422: return PIXEL_FORMAT_YVU_SEMIPLANAR_422;
    case ACL_JPEG_CSS_420: return PIXEL_FORMAT_YVU_SEMIPLANAR_420;
    case ACL_JPEG_CSS_440: return PIXEL_FORMAT_YVU_SEMIPLANAR_440;
    case ACL_JPEG_CSS_GRAY: return PIXEL_FORMAT_YUV_400;
    default: return PIXEL_FORMAT_UNKNOWN;
  }
}

[[noreturn]] void FailDecode(const std::string& why) {
  Fail(ACL_ERROR_RT_AICPU_EXCEPTION, "JPEG decode failed: {}", why);
}

// The source's planes as libjpeg-turbo decodes them (one for grey, else Y, U, V subsampled).
struct DecodedPlanes {
  int count = 0;
  std::unique_ptr<uint8_t[]> storage[3];
  size_t pitch[3] = {0, 0, 0};
};

// Writes the decoded planes in the output layout, the only pass over the output: luma rows, and
// for a semi-planar output each chroma sample from the pixel that carries it (the top-left one of
// its block), as WritePicture would. Sizes rounded up past the image repeat its last row/column.
void WriteDecoded(const DecodedPlanes& in, const JpegInfo& info, const DecodedLayout& layout, uint8_t* data) {
  const Picture out{data, layout.info, layout.width, layout.height, layout.width_stride, layout.height_stride};
  const uint32_t copied = std::min(layout.width, info.width);
  for (uint32_t y = 0; y < layout.height; ++y) {
    const uint8_t* src = in.storage[0].get() + size_t{std::min(y, info.height - 1)} * in.pitch[0];
    uint8_t* dst = data + size_t{y} * layout.width_stride;
    std::memcpy(dst, src, copied);
    std::fill(dst + copied, dst + layout.width, src[info.width - 1]);
  }
  if (layout.info.layout != Layout::kSemiPlanar) return;  // YUV400: luma only
  const uint32_t sub_x = layout.info.sub_x, sub_y = layout.info.sub_y;
  const uint32_t columns = layout.width / sub_x;
  std::vector<uint32_t> source_column(columns);  // in the source's chroma planes
  bool same_columns = true;  // the usual case (4:2:0 to NV12): a plain interleave
  for (uint32_t c = 0; c < columns; ++c) {
    source_column[c] = std::min(c * sub_x, info.width - 1) / info.sub_x;
    same_columns = same_columns && source_column[c] == c;
  }
  const int u = layout.info.v_first ? 1 : 0;
  for (uint32_t r = 0; r < layout.height / sub_y; ++r) {
    uint8_t* dst = ChromaPlane(out) + size_t{r} * ChromaPitch(out);
    if (in.count == 1) {  // grey source: neutral chroma
      std::memset(dst, 128, size_t{columns} * 2);
      continue;
    }
    const size_t row = std::min(r * sub_y, info.height - 1) / info.sub_y;
    const uint8_t* su = in.storage[1].get() + row * in.pitch[1];
    const uint8_t* sv = in.storage[2].get() + row * in.pitch[2];
    if (same_columns) {
      for (uint32_t c = 0; c < columns; ++c) {
        dst[2 * c + u] = su[c];
        dst[2 * c + 1 - u] = sv[c];
      }
      continue;
    }
    for (uint32_t c = 0; c < columns; ++c) {
      dst[2 * c + u] = su[source_column[c]];
      dst[2 * c + 1 - u] = sv[source_column[c]];
    }
  }
}

}  // namespace

JpegInfo ReadJpegInfo(const void* data, uint32_t size) {
  TjHandle tj(tjInitDecompress());
  int w = 0, h = 0, subsamp = -1, colorspace = -1;
  if (tjDecompressHeader3(tj.get(), static_cast<const unsigned char*>(data), size, &w, &h, &subsamp, &colorspace) != 0) {
    Fail(ACL_ERROR_INVALID_PARAM, "data ({} bytes) is not a readable JPEG image: {}", size, tjGetErrorStr2(tj.get()));
  }
  JpegInfo info;
  info.width = static_cast<uint32_t>(w);
  info.height = static_cast<uint32_t>(h);
  info.components = colorspace == TJCS_GRAY ? 1 : (colorspace == TJCS_CMYK || colorspace == TJCS_YCCK) ? 4 : 3;
  info.css = info.components == 4 ? ACL_JPEG_CSS_UNKNOWN : CssOf(subsamp);
  if (subsamp >= 0 && subsamp < TJ_NUMSAMP) {
    info.sub_x = static_cast<uint32_t>(tjMCUWidth[subsamp] / 8);
    info.sub_y = static_cast<uint32_t>(tjMCUHeight[subsamp] / 8);
  }
  return info;
}

DecodedLayout JpegOutputFor(const JpegInfo& info, acldvppPixelFormat format, uint32_t precision_mode) {
  if (info.css == ACL_JPEG_CSS_UNKNOWN || info.css == ACL_JPEG_CSS_411) {
    Fail(ACL_ERROR_INVALID_PARAM, "the JPEG image's colour layout ({} components{}) is not one JPEGD decodes "
         "(YUV 4:4:4, 4:2:2, 4:2:0, 4:4:0 or 4:0:0)", info.components, info.css == ACL_JPEG_CSS_411 ? ", 4:1:1" : "");
  }
  const acldvppPixelFormat source = SourceFormat(info);
  if (format == PIXEL_FORMAT_UNKNOWN) format = source;
  const bool to_420 = format == PIXEL_FORMAT_YUV_SEMIPLANAR_420 || format == PIXEL_FORMAT_YVU_SEMIPLANAR_420;
  const auto fi = FindFormat(format);
  const auto src = FindFormat(source);
  const bool same_layout = fi && src && fi->layout == src->layout && fi->sub_x == src->sub_x && fi->sub_y == src->sub_y;
  if (!fi || (!to_420 && !same_layout)) {
    Fail(ACL_ERROR_INVALID_PARAM, "outputDesc.format {} cannot be decoded from this JPEG image ({}); use "
         "PIXEL_FORMAT_YUV_SEMIPLANAR_420, PIXEL_FORMAT_YVU_SEMIPLANAR_420, the source's own semi-planar layout, "
         "or PIXEL_FORMAT_UNKNOWN", FormatName(format), FormatName(source));
  }
  DecodedLayout out;
  out.info = *fi;
  // Odd sizes of a subsampled output are rounded down (precision modes 0 and 2) or up (mode 1).
  auto even = [&](uint32_t v, uint32_t sub) { return sub == 1 ? v : precision_mode == 1 ? AlignUp(v, 2) : v / 2 * 2; };
  out.width = even(info.width, fi->sub_x);
  out.height = even(info.height, fi->sub_y);
  out.width_stride = AlignUp(out.width, CurrentSocRules().jpegd_stride_align);
  out.height_stride = AlignUp(out.height, kHeightStrideAlign);
  out.bytes = PictureBytes(*fi, out.width_stride, out.height_stride);
  return out;
}

void RunJpegDecode(const JpegDecodeJob& job) {
  auto fail = [&](const std::string& why) {
    MarkDecodeFailed(job.desc);
    FailDecode(why);
  };
  JpegInfo info;
  DecodedLayout layout;
  try {
    info = ReadJpegInfo(job.data, job.size);
    layout = JpegOutputFor(info, job.out_format, job.precision_mode);
  } catch (const Error& e) {
    fail(e.what());
  }
  if (info.width < kMinSide || info.height < kMinSide || info.width > kMaxSide || info.height > kMaxSide) {
    fail(fmt::format("the image is {}x{}, outside the supported {}x{} .. {}x{}", info.width, info.height, kMinSide,
                     kMinSide, kMaxSide, kMaxSide));
  }
  if (layout.bytes > job.out_size) {
    fail(fmt::format("outputDesc.size {} is smaller than the {} bytes of the {}x{} (strides {}x{}) {} output",
                     job.out_size, layout.bytes, layout.width, layout.height, layout.width_stride,
                     layout.height_stride, layout.info.name));
  }
  // Decode into the source's own planes first: nothing reaches the output unless it all decodes.
  TjHandle tj(tjInitDecompress());
  int subsamp = -1, w = 0, h = 0, cs = 0;
  tjDecompressHeader3(tj.get(), job.data, job.size, &w, &h, &subsamp, &cs);
  DecodedPlanes decoded;
  decoded.count = subsamp == TJSAMP_GRAY ? 1 : 3;
  unsigned char* ptrs[3] = {nullptr, nullptr, nullptr};
  for (int i = 0; i < decoded.count; ++i) {
    decoded.pitch[i] = static_cast<size_t>(tjPlaneWidth(i, w, subsamp));
    // Left uninitialised: the decode writes every byte.
    decoded.storage[i].reset(new uint8_t[decoded.pitch[i] * static_cast<size_t>(tjPlaneHeight(i, h, subsamp))]);
    ptrs[i] = decoded.storage[i].get();
  }
  int strides[3] = {static_cast<int>(decoded.pitch[0]), static_cast<int>(decoded.pitch[1]),
                    static_cast<int>(decoded.pitch[2])};
  if (tjDecompressToYUVPlanes(tj.get(), job.data, job.size, ptrs, w, strides, h, TJFLAG_STOPONWARNING) != 0) {
    fail(fmt::format("corrupt or truncated JPEG data: {}", tjGetErrorStr2(tj.get())));
  }
  WriteDecoded(decoded, info, layout, static_cast<uint8_t*>(job.out_data));
  DescribeDecoded(job.desc, layout);
}

}  // namespace aclsim::dvpp
