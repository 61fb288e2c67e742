#include "dvpp/jpeg_encode.h"

#include <turbojpeg.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "acl/error_codes/rt_error_codes.h"
#include "common/error.h"
#include "dvpp/picture_check.h"
#include "dvpp/pixel_io.h"
#include "dvpp/soc_rules.h"

namespace aclsim::dvpp {
namespace {

// Documented JPEGE input resolution on Ascend310/310P/910: 32x32 .. 8192x8192.
constexpr uint32_t kMinSide = 32, kMaxSide = 8192, kStrideAlign = 16, kHeightStrideAlign = 16;
// Rows read into Planes at a time (even, so 4:2:0 chroma rows stay in one band).
constexpr uint32_t kBandRows = 64;

struct TjDeleter {
  void operator()(void* handle) const { tjDestroy(handle); }
};
struct TjBufferDeleter {
  void operator()(unsigned char* buffer) const { tjFree(buffer); }
};

bool IsJpegeFormat(acldvppPixelFormat f) {
  return f == PIXEL_FORMAT_YUV_SEMIPLANAR_420 || f == PIXEL_FORMAT_YVU_SEMIPLANAR_420 ||
         f == PIXEL_FORMAT_YUYV_PACKED_422 || f == PIXEL_FORMAT_UYVY_PACKED_422 ||
         f == PIXEL_FORMAT_YVYU_PACKED_422 || f == PIXEL_FORMAT_VYUY_PACKED_422;
}

int SubsamplingOf(const FormatInfo& f) { return f.sub_y == 2 ? TJSAMP_420 : TJSAMP_422; }

}  // namespace

FormatInfo CheckJpegeFormatAndSize(const acldvppPicDesc& d) {
  const auto info = FindFormat(d.format);
  if (!info || !IsJpegeFormat(d.format)) {
    Fail(ACL_ERROR_INVALID_PARAM, "inputDesc.format {} is not a JPEGE input format (PIXEL_FORMAT_YUV_SEMIPLANAR_420, "
         "PIXEL_FORMAT_YVU_SEMIPLANAR_420, or YUYV/UYVY/YVYU/VYUY packed 422)", FormatName(d.format));
  }
  if (d.width < kMinSide || d.width > kMaxSide) {
    Fail(ACL_ERROR_INVALID_PARAM, "inputDesc.width {} is outside [{}, {}]", d.width, kMinSide, kMaxSide);
  }
  if (d.height < kMinSide || d.height > kMaxSide) {
    Fail(ACL_ERROR_INVALID_PARAM, "inputDesc.height {} is outside [{}, {}]", d.height, kMinSide, kMaxSide);
  }
  if (d.width % 2 != 0) Fail(ACL_ERROR_INVALID_PARAM, "inputDesc.width {} must be even for {}", d.width, info->name);
  if (d.height % info->sub_y != 0) {
    Fail(ACL_ERROR_INVALID_PARAM, "inputDesc.height {} must be even for {}", d.height, info->name);
  }
  return *info;
}

Picture CheckJpegeInput(const acldvppPicDesc& d, Device& device) {
  const FormatInfo info = CheckJpegeFormatAndSize(d);
  // widthStride: the row's bytes (width, or twice it for packed 4:2:2) aligned to 16, or a larger
  // multiple of 16 (128 is the fast one).
  const uint32_t min_stride = AlignUp(d.width * info.bytes_per_pixel, kStrideAlign);
  if (d.width_stride % kStrideAlign != 0 || d.width_stride < min_stride) {
    Fail(ACL_ERROR_INVALID_PARAM, "inputDesc.widthStride {} must be a multiple of {} and at least {} (width {}{} "
         "aligned to {}) for {}", d.width_stride, kStrideAlign, min_stride, d.width,
         info.bytes_per_pixel > 1 ? " times 2" : "", kStrideAlign, info.name);
  }
  // heightStride: the height itself, or the height aligned to 16 (what JPEGD writes).
  const uint32_t aligned_height = AlignUp(d.height, kHeightStrideAlign);
  if (d.height_stride != d.height && d.height_stride != aligned_height) {
    Fail(ACL_ERROR_INVALID_PARAM, "inputDesc.heightStride {} must be the height {} or the height aligned to {} ({})",
         d.height_stride, d.height, kHeightStrideAlign, aligned_height);
  }
  return CheckPictureMemory(d, info, "inputDesc", device);
}

int JpegeQuality(uint32_t level) {
  if (level == 0) {
    if (!CurrentSocRules().jpege_level_zero) {
      Fail(ACL_ERROR_INVALID_PARAM, "config level 0 is not accepted on this SoC: the JPEGE level must be in [1, 100]");
    }
    return 100;  // documented as about the quality of level 100
  }
  if (level > 100) Fail(ACL_ERROR_INVALID_PARAM, "config level {} must be in [1, 100]", level);
  return static_cast<int>(level);
}

uint32_t PredictJpegeSize(const FormatInfo& format, uint32_t width, uint32_t height) {
  // libjpeg-turbo's worst case for a baseline Huffman JPEG of this size and subsampling (headers
  // included): at most 8192x8192, so it fits 32 bits.
  return static_cast<uint32_t>(tjBufSize(static_cast<int>(width), static_cast<int>(height), SubsamplingOf(format)));
}

void RunJpegEncode(const JpegEncodeJob& job) {
  const Picture& in = job.input;
  const int subsamp = SubsamplingOf(in.info);
  const uint32_t cw = in.width / 2, ch = in.height / in.info.sub_y;  // chroma plane size
  std::vector<uint8_t> planes[3] = {std::vector<uint8_t>(size_t{in.width} * in.height),
                                    std::vector<uint8_t>(size_t{cw} * ch), std::vector<uint8_t>(size_t{cw} * ch)};
  // ReadPicture replicates chroma over its block, so the block's top-left pixel gives it back.
  for (uint32_t top = 0; top < in.height; top += kBandRows) {
    const uint32_t rows = std::min(kBandRows, in.height - top);
    const Planes band = ReadPicture(in, Rect{0, top, in.width, rows});
    std::copy(band.c[0].begin(), band.c[0].end(), planes[0].begin() + size_t{top} * in.width);
    for (uint32_t y = 0; y < rows; y += in.info.sub_y) {
      const size_t row = size_t{(top + y) / in.info.sub_y} * cw;
      for (uint32_t x = 0; x < cw; ++x) {
        planes[1][row + x] = band.at(1, x * 2, y);
        planes[2][row + x] = band.at(2, x * 2, y);
      }
    }
  }
  const unsigned char* ptrs[3] = {planes[0].data(), planes[1].data(), planes[2].data()};
  const int strides[3] = {static_cast<int>(in.width), static_cast<int>(cw), static_cast<int>(cw)};
  std::unique_ptr<void, TjDeleter> tj(tjInitCompress());
  unsigned char* encoded = nullptr;
  unsigned long encoded_size = 0;
  const int rc = tjCompressFromYUVPlanes(tj.get(), ptrs, static_cast<int>(in.width), strides,
                                         static_cast<int>(in.height), subsamp, &encoded, &encoded_size, job.quality,
                                         TJFLAG_ACCURATEDCT);
  std::unique_ptr<unsigned char, TjBufferDeleter> owned(encoded);
  if (rc != 0) Fail(ACL_ERROR_RT_AICPU_EXCEPTION, "JPEG encode failed: {}", tjGetErrorStr2(tj.get()));
  if (encoded_size > job.capacity) {
    Fail(ACL_ERROR_RT_AICPU_EXCEPTION, "JPEG encode failed: the encoded image takes {} bytes, more than the {} of the "
         "output buffer (*size; acldvppJpegPredictEncSize gives a size that always fits)", encoded_size, job.capacity);
  }
  std::memcpy(job.out, encoded, encoded_size);
  *job.size = static_cast<uint32_t>(encoded_size);
}

}  // namespace aclsim::dvpp
