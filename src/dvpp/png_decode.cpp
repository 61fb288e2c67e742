#include "dvpp/png_decode.h"

#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "acl/error_codes/rt_error_codes.h"
#include "common/error.h"
#include "dvpp/pixel_io.h"

namespace aclsim::dvpp {
namespace {

// Documented PNGD input resolution: 32x32 .. 4096x4096. Output strides (CANN reference,
// "PNGD功能及约束说明"): widthStride = ALIGN_UP(width, 128) * bytes per pixel, heightStride =
// ALIGN_UP(height, 16).
constexpr uint32_t kMinSide = 32, kMaxSide = 4096, kWidthAlign = 128, kHeightAlign = 16;
constexpr size_t kSignatureBytes = 8;

// libpng reports errors by longjmp to the setjmp of the PngReader method that called it. Those
// methods keep only trivially destructible locals, so the jump skips no destructor.
class PngReader {
 public:
  PngReader(const void* data, size_t size) : data_(static_cast<const uint8_t*>(data)), size_(size) {
    png_ = png_create_read_struct(PNG_LIBPNG_VER_STRING, this, &PngReader::OnError, &PngReader::OnWarning);
    if (png_ == nullptr) throw std::bad_alloc();
    info_ = png_create_info_struct(png_);
    if (info_ == nullptr) {
      png_destroy_read_struct(&png_, nullptr, nullptr);
      throw std::bad_alloc();
    }
    png_set_read_fn(png_, this, &PngReader::OnRead);
  }
  ~PngReader() { png_destroy_read_struct(&png_, &info_, nullptr); }
  PngReader(const PngReader&) = delete;
  PngReader& operator=(const PngReader&) = delete;

  const char* message() const { return message_; }

  // Reads the chunks before the image data. False on bad data (see message()).
  bool ReadHeader(PngInfo& out) {
    if (size_ < kSignatureBytes || png_sig_cmp(data_, 0, kSignatureBytes) != 0) {
      std::snprintf(message_, sizeof message_, "no PNG signature");
      return false;
    }
    if (setjmp(png_jmpbuf(png_)) != 0) return false;
    png_read_info(png_, info_);
    const png_byte type = png_get_color_type(png_, info_);
    const bool trns = png_get_valid(png_, info_, PNG_INFO_tRNS) != 0;
    out.width = png_get_image_width(png_, info_);
    out.height = png_get_image_height(png_, info_);
    out.alpha = (type & PNG_COLOR_MASK_ALPHA) != 0 || trns;
    const int32_t colour = (type & PNG_COLOR_MASK_COLOR) != 0 ? 3 : 1;
    out.components = colour + (out.alpha ? 1 : 0);
    return true;
  }

  // After ReadHeader: decodes every pixel to 8-bit RGBA into `rgba` (width * height * 4 bytes),
  // then reads to the end of the stream so a damaged tail is reported too. False on bad data.
  bool ReadRgba(uint8_t* rgba) {
    const png_uint_32 width = png_get_image_width(png_, info_), height = png_get_image_height(png_, info_);
    rows_.resize(height);
    for (png_uint_32 y = 0; y < height; ++y) rows_[y] = rgba + size_t{y} * width * 4;
    if (setjmp(png_jmpbuf(png_)) != 0) return false;
    png_set_expand(png_);     // palette -> RGB, gray below 8 bits -> 8 bits, tRNS -> alpha
    png_set_strip_16(png_);   // 16-bit samples keep their high byte
    png_set_gray_to_rgb(png_);
    png_set_add_alpha(png_, 0xFF, PNG_FILLER_AFTER);  // opaque alpha where the source has none
    png_set_interlace_handling(png_);
    png_read_update_info(png_, info_);
    if (png_get_rowbytes(png_, info_) != size_t{width} * 4) png_error(png_, "unexpected decoded row size");
    png_read_image(png_, rows_.data());
    png_read_end(png_, nullptr);
    return true;
  }

 private:
  static void OnRead(png_structp png, png_bytep out, size_t length) {
    auto* self = static_cast<PngReader*>(png_get_io_ptr(png));
    if (length > self->size_ - self->pos_) png_error(png, "the data ends before the image does (truncated PNG)");
    std::memcpy(out, self->data_ + self->pos_, length);
    self->pos_ += length;
  }
  static void OnError(png_structp png, png_const_charp message) {
    auto* self = static_cast<PngReader*>(png_get_error_ptr(png));
    std::snprintf(self->message_, sizeof self->message_, "%s", message);
    png_longjmp(png, 1);
  }
  static void OnWarning(png_structp, png_const_charp) {}  // ancillary-chunk trouble; pixels unaffected

  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  png_structp png_ = nullptr;
  png_infop info_ = nullptr;
  std::vector<png_bytep> rows_;
  char message_[256] = {};
};

[[noreturn]] void FailDecode(const PngDecodeJob& job, const std::string& why) {
  MarkDecodeFailed(job.desc);
  Fail(ACL_ERROR_RT_AICPU_EXCEPTION, "PNG decode failed: {}", why);
}

}  // namespace

PngInfo ReadPngInfo(const void* data, uint32_t size) {
  PngReader reader(data, size);
  PngInfo info;
  if (!reader.ReadHeader(info)) {
    Fail(ACL_ERROR_INVALID_PARAM, "data ({} bytes) is not a readable PNG image: {}", size, reader.message());
  }
  return info;
}

void RequirePngOutputFormat(acldvppPixelFormat format) {
  if (format != PIXEL_FORMAT_UNKNOWN && format != PIXEL_FORMAT_RGB_888 && format != PIXEL_FORMAT_RGBA_8888) {
    Fail(ACL_ERROR_INVALID_PARAM, "outputDesc.format {} is not a PNGD output format (PIXEL_FORMAT_RGB_888, "
         "PIXEL_FORMAT_RGBA_8888, or PIXEL_FORMAT_UNKNOWN for the source's own)", FormatName(format));
  }
}

DecodedLayout PngOutputFor(const PngInfo& info, acldvppPixelFormat format) {
  RequirePngOutputFormat(format);
  if (format == PIXEL_FORMAT_UNKNOWN) format = info.alpha ? PIXEL_FORMAT_RGBA_8888 : PIXEL_FORMAT_RGB_888;
  if (format == PIXEL_FORMAT_RGBA_8888 && !info.alpha) {
    Fail(ACL_ERROR_INVALID_PARAM, "PIXEL_FORMAT_RGBA_8888 cannot be decoded from this PNG image, which has no alpha "
         "channel ({} components); use PIXEL_FORMAT_RGB_888 or PIXEL_FORMAT_UNKNOWN", info.components);
  }
  DecodedLayout out;
  out.info = *FindFormat(format);
  out.width = info.width;
  out.height = info.height;
  out.width_stride = AlignUp(info.width, kWidthAlign) * out.info.bytes_per_pixel;
  out.height_stride = AlignUp(info.height, kHeightAlign);
  out.bytes = PictureBytes(out.info, out.width_stride, out.height_stride);
  return out;
}

uint64_t PredictPngBytes(const PngInfo& info, acldvppPixelFormat format) {
  if (format == PIXEL_FORMAT_UNKNOWN) {
    PngInfo with_alpha = info;
    with_alpha.alpha = true;
    return PngOutputFor(with_alpha, PIXEL_FORMAT_RGBA_8888).bytes;
  }
  return PngOutputFor(info, format).bytes;
}

void RunPngDecode(const PngDecodeJob& job) {
  PngReader reader(job.data, job.size);
  PngInfo info;
  if (!reader.ReadHeader(info)) FailDecode(job, fmt::format("corrupt PNG header: {}", reader.message()));
  if (info.width < kMinSide || info.height < kMinSide || info.width > kMaxSide || info.height > kMaxSide) {
    FailDecode(job, fmt::format("the image is {}x{}, outside the supported {}x{} .. {}x{}", info.width, info.height,
                                kMinSide, kMinSide, kMaxSide, kMaxSide));
  }
  DecodedLayout layout;
  try {
    layout = PngOutputFor(info, job.out_format);
  } catch (const Error& e) {
    FailDecode(job, e.what());
  }
  if (layout.bytes > job.out_size) {
    FailDecode(job, fmt::format("outputDesc.size {} is smaller than the {} bytes of the {}x{} (strides {}x{}) {} "
                                "output", job.out_size, layout.bytes, layout.width, layout.height,
                                layout.width_stride, layout.height_stride, layout.info.name));
  }
  // Decode to a private buffer first: nothing reaches the output unless the whole stream decodes.
  std::vector<uint8_t> rgba(size_t{info.width} * info.height * 4);
  if (!reader.ReadRgba(rgba.data())) {
    FailDecode(job, fmt::format("corrupt or truncated PNG data: {}", reader.message()));
  }
  Planes planes(info.width, info.height, ColourSpace::kRgb);
  for (size_t i = 0, n = size_t{info.width} * info.height; i < n; ++i) {
    for (int c = 0; c < 4; ++c) planes.c[c][i] = rgba[i * 4 + c];
  }
  Picture out{static_cast<uint8_t*>(job.out_data), layout.info, layout.width, layout.height, layout.width_stride,
              layout.height_stride};
  WritePicture(planes, out, Rect{0, 0, layout.width, layout.height});
  DescribeDecoded(job.desc, layout);
}

}  // namespace aclsim::dvpp
