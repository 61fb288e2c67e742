#include "dvpp/convert_colour.h"

#include "common/error.h"
#include "dvpp/channel.h"
#include "dvpp/colour.h"
#include "dvpp/picture_check.h"
#include "dvpp/pixel_io.h"
#include "dvpp/soc_rules.h"
#include "dvpp/vpc_checks.h"

namespace aclsim::dvpp {

VpcJob PrepareConvertColour(const acldvppChannelDesc& channel, const acldvppPicDesc& input,
                            const acldvppPicDesc& output, Device& device) {
  constexpr const char* kApi = "acldvppVpcConvertColorAsync";
  RequireVpcExtras(kApi);
  RequireChannel(channel, DVPP_CHNMODE_VPC);
  VpcJob job;
  job.input = CheckVpcPicture(input, "inputDesc", PictureRole::kVpcInput, device);
  CheckResolution(input, "inputDesc", 10, 6, 4096, 4096);
  acldvppPicDesc out = output;  // a copy: a zero size takes the input's, the caller's stays as set
  if (out.width == 0 || out.height == 0) {
    const auto info = FindFormat(out.format);
    out.width = input.width;
    out.height = input.height;
    if (info) {
      out.width_stride = AlignUp(input.width, 16) * info->bytes_per_pixel;
      out.height_stride = AlignUp(input.height, info->sub_y);
    }
  }
  job.output = CheckVpcPicture(out, "outputDesc", PictureRole::kVpcOutput, device);
  if (out.width != input.width || out.height != input.height) {
    Fail(ACL_ERROR_INVALID_PARAM, "outputDesc is {}x{} but must be the input's {}x{} (or 0 to take it)", out.width,
         out.height, input.width, input.height);
  }
  // Atlas inference products (Ascend310P): a YUV400 input converts only to YUV400.
  const bool grey_in = input.format == PIXEL_FORMAT_YUV_400;
  if (CurrentSocRules().yuv400_converts_to_yuv400_only && grey_in && out.format != PIXEL_FORMAT_YUV_400) {
    Fail(ACL_ERROR_INVALID_PARAM, "outputDesc.format {} must be PIXEL_FORMAT_YUV_400 for a YUV400 input on {}",
         FormatName(out.format), "Ascend310P");
  }
  job.crop = job.paste = Rect{0, 0, input.width, input.height};
  job.csc_matrix = channel.csc_matrix;
  return job;
}

void RunConvertColour(const VpcJob& job) {
  Planes planes = ReadPicture(job.input, job.crop);
  ConvertColour(planes, job.output.info.space, job.csc_matrix);
  Picture output = job.output;
  WritePicture(planes, output, job.paste);
}

}  // namespace aclsim::dvpp
