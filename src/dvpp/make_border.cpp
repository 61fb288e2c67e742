#include "dvpp/make_border.h"

#include "common/error.h"
#include "dvpp/channel.h"
#include "dvpp/colour.h"
#include "dvpp/picture_check.h"
#include "dvpp/pixel_io.h"
#include "dvpp/resize.h"
#include "dvpp/vpc_checks.h"

namespace aclsim::dvpp {
namespace {

constexpr uint32_t kMaxInput = 4096;  // make-border inputs: [10x6, 4096x4096]

// Where the picture inside the border lands in `output`; throws unless it fits with room left.
Rect Inner(const Picture& output, const Border& b, const std::string& what, const std::string& border_what) {
  const uint64_t sides_w = uint64_t{b.left} + b.right, sides_h = uint64_t{b.top} + b.bottom;
  if (sides_w >= output.width || sides_h >= output.height) {
    Fail(ACL_ERROR_INVALID_PARAM, "{} (left {} + right {}, top {} + bottom {}) leaves nothing of {} ({}x{})",
         border_what, b.left, b.right, b.top, b.bottom, what, output.width, output.height);
  }
  return Rect{b.left, b.top, static_cast<uint32_t>(output.width - sides_w),
              static_cast<uint32_t>(output.height - sides_h)};
}

}  // namespace

BorderJob PrepareMakeBorder(const acldvppChannelDesc& channel, const acldvppPicDesc& input,
                            const acldvppPicDesc& output, const acldvppBorderConfig& config, Device& device) {
  RequireVpcExtras("acldvppVpcMakeBorderAsync");
  RequireChannel(channel, DVPP_CHNMODE_VPC);
  BorderJob job;
  job.vpc.input = CheckVpcPicture(input, "inputDesc", PictureRole::kVpcInput, device);
  CheckResolution(input, "inputDesc", 10, 6, kMaxInput, kMaxInput);
  job.vpc.output = CheckVpcPicture(output, "outputDesc", PictureRole::kVpcOutput, device);
  job.border = CheckBorder(config, "borderConfig", false);
  const Border& b = job.border;
  const uint64_t want_w = uint64_t{input.width} + b.left + b.right, want_h = uint64_t{input.height} + b.top + b.bottom;
  if (output.width != want_w) {
    Fail(ACL_ERROR_INVALID_PARAM, "outputDesc.width {} must be inputDesc.width {} + borderConfig left {} + right {}",
         output.width, input.width, b.left, b.right);
  }
  if (output.height != want_h) {
    Fail(ACL_ERROR_INVALID_PARAM, "outputDesc.height {} must be inputDesc.height {} + borderConfig top {} + bottom {}",
         output.height, input.height, b.top, b.bottom);
  }
  job.vpc.crop = Rect{0, 0, input.width, input.height};
  job.vpc.paste = Inner(job.vpc.output, b, "outputDesc", "borderConfig");
  job.vpc.csc_matrix = channel.csc_matrix;
  return job;
}

BorderJob PrepareCropResizeBorder(const VpcRequest& request, const acldvppBorderConfig& config, Device& device) {
  RequireVpcExtras("acldvppVpcBatchCropResizeMakeBorderAsync");
  BorderJob job;
  job.vpc = PrepareVpc(request, device);  // the crop (whole output as paste) and resize checks
  job.border = CheckBorder(config, "borderCfgs" + request.suffix, true);
  job.vpc.paste = Inner(job.vpc.output, job.border, "outputDesc" + request.suffix, "borderCfgs" + request.suffix);
  CheckVpcScale(job.vpc.crop, job.vpc.paste.width, job.vpc.paste.height, request.suffix);
  return job;
}

void RunBorderJob(const BorderJob& job) {
  const VpcJob& v = job.vpc;
  Planes planes = ReadPicture(v.input, v.crop);
  if (planes.width != v.paste.width || planes.height != v.paste.height) {
    planes = Resize(planes, v.paste.width, v.paste.height, v.interpolation);
  }
  // Constant values are YUV when input and output both are, RGB otherwise (CANN reference).
  const bool yuv = v.input.info.space == ColourSpace::kYuv && v.output.info.space == ColourSpace::kYuv;
  ConvertColour(planes, yuv ? ColourSpace::kYuv : ColourSpace::kRgb, v.csc_matrix);
  planes = AddBorder(planes, job.border);
  ConvertColour(planes, v.output.info.space, v.csc_matrix);
  Picture output = v.output;
  WritePicture(planes, output, Rect{0, 0, output.width, output.height});
}

}  // namespace aclsim::dvpp
