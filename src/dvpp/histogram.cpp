#include "dvpp/histogram.h"

#include "common/error.h"
#include "dvpp/channel.h"
#include "dvpp/picture_check.h"
#include "dvpp/pixel_io.h"
#include "dvpp/soc_rules.h"
#include "dvpp/vpc_checks.h"

namespace aclsim::dvpp {

CalcHistJob PrepareCalcHist(const acldvppChannelDesc& channel, const acldvppPicDesc& input, acldvppHist& hist,
                            const void* reserve, Device& device) {
  constexpr const char* kApi = "acldvppVpcCalcHistAsync";
  RequireVpcExtras(kApi);
  RequireChannel(channel, DVPP_CHNMODE_VPC);
  ACLSIM_CHECK_ARG(reserve == nullptr, "reserve must be null (reserved by {})", kApi);
  CheckFormatAmong(input, "srcPicDesc",
                   {PIXEL_FORMAT_YUV_400, PIXEL_FORMAT_YUV_SEMIPLANAR_420, PIXEL_FORMAT_YVU_SEMIPLANAR_420,
                    PIXEL_FORMAT_YUV_SEMIPLANAR_422, PIXEL_FORMAT_YVU_SEMIPLANAR_422, PIXEL_FORMAT_YUV_SEMIPLANAR_444,
                    PIXEL_FORMAT_YVU_SEMIPLANAR_444, PIXEL_FORMAT_YUYV_PACKED_422, PIXEL_FORMAT_UYVY_PACKED_422,
                    PIXEL_FORMAT_YVYU_PACKED_422, PIXEL_FORMAT_VYUY_PACKED_422, PIXEL_FORMAT_YUV_PACKED_444,
                    PIXEL_FORMAT_RGB_888, PIXEL_FORMAT_BGR_888, PIXEL_FORMAT_YUV_SEMIPLANAR_440,
                    PIXEL_FORMAT_YVU_SEMIPLANAR_440},
                   kApi);
  // Atlas inference products (Ascend310P): up to 4096x4096; the A2/A3 generations 4096x8192.
  CheckResolution(input, "srcPicDesc", 10, 6, 4096, CurrentSocRules().calc_hist_max_height);
  CalcHistJob job;
  job.input = CheckVpcPicture(input, "srcPicDesc", PictureRole::kVpcInput, device);
  job.hist = hist.state;
  return job;
}

void RunCalcHist(const CalcHistJob& job) {
  const Planes planes = ReadPicture(job.input, Rect{0, 0, job.input.width, job.input.height});
  const int dims = job.input.info.layout == Layout::kYuv400 ? 1 : 3;
  for (int c = 0; c < dims; ++c) {
    auto& bins = job.hist->bins[c];
    for (uint8_t v : planes.c[c]) ++bins[v];
  }
  job.hist->ret_code = 0;
}

EqualizeHistJob PrepareEqualizeHist(const acldvppChannelDesc& channel, const acldvppPicDesc& input,
                                    const acldvppPicDesc& output, const acldvppLutMap& lut, Device& device) {
  constexpr const char* kApi = "acldvppVpcEqualizeHistAsync";
  RequireVpcExtras(kApi);
  RequireChannel(channel, DVPP_CHNMODE_VPC);
  CheckFormatAmong(input, "inputDesc",
                   {PIXEL_FORMAT_YUV_400, PIXEL_FORMAT_YUV_SEMIPLANAR_420, PIXEL_FORMAT_YVU_SEMIPLANAR_420,
                    PIXEL_FORMAT_YUV_SEMIPLANAR_422, PIXEL_FORMAT_YVU_SEMIPLANAR_422, PIXEL_FORMAT_YUV_PACKED_444,
                    PIXEL_FORMAT_RGB_888, PIXEL_FORMAT_BGR_888},
                   kApi);
  CheckResolution(input, "inputDesc", 10, 6, 4096, 4096);
  EqualizeHistJob job;
  job.input = CheckVpcPicture(input, "inputDesc", PictureRole::kVpcInput, device);
  job.output = CheckVpcPicture(output, "outputDesc", PictureRole::kVpcOutput, device);
  if (output.format != input.format) {
    Fail(ACL_ERROR_INVALID_PARAM, "outputDesc.format {} must be the input's {}", FormatName(output.format),
         FormatName(input.format));
  }
  if (output.width != input.width || output.height != input.height) {
    Fail(ACL_ERROR_INVALID_PARAM, "outputDesc is {}x{} but must be the input's {}x{}", output.width, output.height,
         input.width, input.height);
  }
  job.map = lut.map;
  return job;
}

void RunEqualizeHist(const EqualizeHistJob& job) {
  const Rect all{0, 0, job.input.width, job.input.height};
  Planes planes = ReadPicture(job.input, all);
  for (uint32_t c = 0; c < kLutDims; ++c) {
    for (uint8_t& v : planes.c[c]) v = job.map[c][v];
  }
  Picture output = job.output;
  WritePicture(planes, output, all);
}

}  // namespace aclsim::dvpp
