#include "dvpp/vpc.h"

#include <algorithm>

#include "common/error.h"
#include "dvpp/channel.h"
#include "dvpp/colour.h"
#include "dvpp/picture_check.h"
#include "dvpp/pixel_io.h"
#include "dvpp/soc_rules.h"
#include "runtime/device.h"

namespace aclsim::dvpp {
namespace {

constexpr uint32_t kMinRoiWidth = 10, kMinRoiHeight = 6;
constexpr uint32_t kMaxUpscale = 16, kMaxDownscale = 32;  // scaling in [1/32, 16] per direction

Rect CheckRoi(const acldvppRoiConfig& roi, const std::string& what, const Picture& picture, const std::string& pic_name,
              bool paste, const SocRules& rules) {
  if (roi.right < roi.left || roi.bottom < roi.top) {
    Fail(ACL_ERROR_INVALID_PARAM, "{} is empty: right {} < left {} or bottom {} < top {}", what, roi.right, roi.left,
         roi.bottom, roi.top);
  }
  if (roi.right >= picture.width || roi.bottom >= picture.height) {
    Fail(ACL_ERROR_INVALID_PARAM, "{} (left {}, right {}, top {}, bottom {}) is not inside {} ({}x{})", what, roi.left,
         roi.right, roi.top, roi.bottom, pic_name, picture.width, picture.height);
  }
  if (rules.roi_parity) {
    if (roi.left % 2 != 0) Fail(ACL_ERROR_INVALID_PARAM, "{}.left {} must be even on this SoC", what, roi.left);
    if (roi.top % 2 != 0) Fail(ACL_ERROR_INVALID_PARAM, "{}.top {} must be even on this SoC", what, roi.top);
    if (roi.right % 2 != 1) Fail(ACL_ERROR_INVALID_PARAM, "{}.right {} must be odd on this SoC", what, roi.right);
    if (roi.bottom % 2 != 1) Fail(ACL_ERROR_INVALID_PARAM, "{}.bottom {} must be odd on this SoC", what, roi.bottom);
  }
  if (paste && roi.left % rules.paste_left_align != 0) {
    Fail(ACL_ERROR_INVALID_PARAM, "{}.left {} must be a multiple of {} for a paste area", what, roi.left,
         rules.paste_left_align);
  }
  const Rect rect{roi.left, roi.top, roi.right - roi.left + 1, roi.bottom - roi.top + 1};
  if (rect.width < kMinRoiWidth || rect.height < kMinRoiHeight) {
    Fail(ACL_ERROR_INVALID_PARAM, "{} is {}x{}, below the minimum {}x{}", what, rect.width, rect.height, kMinRoiWidth,
         kMinRoiHeight);
  }
  return rect;
}

void CheckScale(uint32_t from, uint32_t to, const char* side, const std::string& suffix) {
  if (uint64_t{to} > uint64_t{from} * kMaxUpscale || uint64_t{to} * kMaxDownscale < from) {
    Fail(ACL_ERROR_INVALID_PARAM, "scaling the {} from {} to {}{} is outside the supported [1/{}, {}]", side, from, to,
         suffix, kMaxDownscale, kMaxUpscale);
  }
}

Interpolation InterpolationOf(const acldvppResizeConfig* config, const SocRules& rules, const std::string& suffix) {
  const uint32_t value = config == nullptr ? 0 : config->interpolation;
  switch (value) {
    case 0:
    case 1: return Interpolation::kBilinear;
    case 2: return Interpolation::kNearest;
    case 3:
    case 4:
      if (rules.tf_interpolation) return value == 3 ? Interpolation::kBilinearTf : Interpolation::kNearestTf;
      break;
    default: break;
  }
  Fail(ACL_ERROR_INVALID_PARAM, "resizeConfig{}.interpolation {} is not supported on this SoC (0, 1, 2{})", suffix,
       value, rules.tf_interpolation ? ", 3, 4" : "");
}

}  // namespace

void CheckVpcScale(const Rect& from, uint32_t to_width, uint32_t to_height, const std::string& suffix) {
  CheckScale(from.width, to_width, "width", suffix);
  CheckScale(from.height, to_height, "height", suffix);
}

VpcJob PrepareVpc(const VpcRequest& r, Device& device) {
  const SocRules rules = CurrentSocRules();
  RequireChannel(*r.channel, DVPP_CHNMODE_VPC);
  VpcJob job;
  job.input = CheckVpcPicture(*r.input, "inputDesc" + r.suffix, PictureRole::kVpcInput, device);
  job.output = CheckVpcPicture(*r.output, "outputDesc" + r.suffix, PictureRole::kVpcOutput, device);
  job.crop = r.crop ? CheckRoi(*r.crop, "cropArea" + r.suffix, job.input, "inputDesc", false, rules)
                    : Rect{0, 0, job.input.width, job.input.height};
  job.paste = r.paste ? CheckRoi(*r.paste, "pasteArea" + r.suffix, job.output, "outputDesc", true, rules)
                      : Rect{0, 0, job.output.width, job.output.height};
  CheckScale(job.crop.width, job.paste.width, "width", r.suffix);
  CheckScale(job.crop.height, job.paste.height, "height", r.suffix);
  job.interpolation = InterpolationOf(r.resize, rules, r.suffix);
  job.csc_matrix = r.channel->csc_matrix;
  job.cores = &device.cores();
  return job;
}

namespace {

// Bytes of output a worker takes at least (~0.1 ms of resizing): waking a worker costs more than
// resizing a small picture such as a 224x224 network input.
constexpr int64_t kMinBytesPerPiece = 256 << 10;

// Semi-planar (or YUV400) to semi-planar (or YUV400): the planes resize directly, no colour work.
// Not when the two pictures share memory: the general path reads everything before writing.
bool PlaneToPlane(const VpcJob& job) {
  const Layout in = job.input.info.layout, out = job.output.info.layout;
  const Picture &a = job.input, &b = job.output;
  const bool overlap = a.data < b.data + PictureBytes(b.info, b.width_stride, b.height_stride) &&
                       b.data < a.data + PictureBytes(a.info, a.width_stride, a.height_stride);
  return !overlap && ((in == Layout::kSemiPlanar && (out == Layout::kSemiPlanar || out == Layout::kYuv400)) ||
                      (in == Layout::kYuv400 && out == Layout::kYuv400));
}

}  // namespace

void RunVpc(const VpcJob& job) {
  if (PlaneToPlane(job)) {
    ResizeSemiPlanar(job.input, job.crop, job.output, job.paste, job.interpolation,
                     [&](int64_t n, const std::function<void(int64_t, int64_t)>& fn) {
                       if (job.cores == nullptr) return fn(0, n);
                       job.cores->For(n, std::max<int64_t>(1, kMinBytesPerPiece / job.paste.width), fn);
                     });
    return;
  }
  Planes planes = ReadPicture(job.input, job.crop);
  planes = Resize(planes, job.paste.width, job.paste.height, job.interpolation);
  ConvertColour(planes, job.output.info.space, job.csc_matrix);
  Picture output = job.output;
  WritePicture(planes, output, job.paste);
}

}  // namespace aclsim::dvpp
