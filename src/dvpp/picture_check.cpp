#include "dvpp/picture_check.h"

#include "common/error.h"
#include "runtime/buffer_check.h"

namespace aclsim::dvpp {
namespace {

// Documented limits: widthStride in [32, 4096 * 4]; heightStride up to 4096, and up to 8192 for
// inputs in the "8K" range; resolutions 10x6 .. 4096x4096 (inputs up to 8192x8192).
constexpr uint32_t kMinWidth = 10, kMinHeight = 6, kMaxOutput = 4096, kMaxInput = 8192;
constexpr uint32_t kMinWidthStride = 32, kMaxWidthStride = 4096 * 4, kStrideAlign = 16;

}  // namespace

Picture PictureOf(const acldvppPicDesc& d) {
  Picture p;
  p.data = static_cast<uint8_t*>(d.data);
  p.info = FindFormat(d.format).value_or(FormatInfo{});
  p.width = d.width;
  p.height = d.height;
  p.width_stride = d.width_stride;
  p.height_stride = d.height_stride;
  return p;
}

Picture CheckVpcPicture(const acldvppPicDesc& d, const std::string& what, PictureRole role, Device& device) {
  const auto info = FindFormat(d.format);
  if (!info) {
    Fail(ACL_ERROR_INVALID_PARAM, "{}.format {} is not a VPC picture format (8-bit YUV400, YUV420/422/444/440 "
         "semi-planar, packed YUV422/444, RGB/BGR888 or xRGB8888 orders)", what, static_cast<int>(d.format));
  }
  const char* fmt = info->name;
  const uint32_t max_side = role == PictureRole::kVpcInput ? kMaxInput : kMaxOutput;
  if (d.width < kMinWidth || d.width > max_side) {
    Fail(ACL_ERROR_INVALID_PARAM, "{}.width {} is outside [{}, {}]", what, d.width, kMinWidth, max_side);
  }
  if (d.height < kMinHeight || d.height > max_side) {
    Fail(ACL_ERROR_INVALID_PARAM, "{}.height {} is outside [{}, {}]", what, d.height, kMinHeight, max_side);
  }
  if (d.width % info->sub_x != 0) {
    Fail(ACL_ERROR_INVALID_PARAM, "{}.width {} must be even for {}", what, d.width, fmt);
  }
  if (d.height % info->sub_y != 0) {
    Fail(ACL_ERROR_INVALID_PARAM, "{}.height {} must be even for {}", what, d.height, fmt);
  }
  const uint32_t min_stride = AlignUp(d.width, kStrideAlign) * info->bytes_per_pixel;
  if (d.width_stride % kStrideAlign != 0 || d.width_stride < min_stride) {
    Fail(ACL_ERROR_INVALID_PARAM, "{}.widthStride {} must be a multiple of {} and at least {} (width {} aligned "
         "to {}{}) for {}", what, d.width_stride, kStrideAlign, min_stride, d.width, kStrideAlign,
         info->bytes_per_pixel > 1 ? fmt::format(", times {} bytes per pixel", info->bytes_per_pixel) : "", fmt);
  }
  if (d.width_stride < kMinWidthStride || d.width_stride > kMaxWidthStride) {
    Fail(ACL_ERROR_INVALID_PARAM, "{}.widthStride {} is outside [{}, {}]", what, d.width_stride, kMinWidthStride,
         kMaxWidthStride);
  }
  if (d.height_stride < d.height || d.height_stride % info->sub_y != 0) {
    Fail(ACL_ERROR_INVALID_PARAM, "{}.heightStride {} must be at least height {}{} for {}", what, d.height_stride,
         d.height, info->sub_y == 2 ? " and even" : "", fmt);
  }
  if (d.height_stride > max_side) {
    Fail(ACL_ERROR_INVALID_PARAM, "{}.heightStride {} is above {}", what, d.height_stride, max_side);
  }
  return CheckPictureMemory(d, *info, what, device);
}

Picture CheckPictureMemory(const acldvppPicDesc& d, const FormatInfo& info, const std::string& what, Device& device) {
  const uint64_t needed = PictureBytes(info, d.width_stride, d.height_stride);
  if (d.data == nullptr) Fail(ACL_ERROR_INVALID_PARAM, "{}.data is null (set it with acldvppSetPicDescData)", what);
  if (d.size < needed) {
    Fail(ACL_ERROR_INVALID_PARAM, "{}.size {} is smaller than the {} bytes a {}x{} (strides) {} picture takes", what,
         d.size, needed, d.width_stride, d.height_stride, info.name);
  }
  CheckDeviceBuffer(d.data, d.size, needed, false, device, what + ".data");
  return Picture{static_cast<uint8_t*>(d.data), info, d.width, d.height, d.width_stride, d.height_stride};
}

}  // namespace aclsim::dvpp
