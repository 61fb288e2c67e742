#include "dvpp/pyramid.h"

#include <vector>

#include "common/error.h"
#include "dvpp/border.h"
#include "dvpp/channel.h"
#include "dvpp/picture_check.h"
#include "dvpp/vpc_checks.h"

namespace aclsim::dvpp {
namespace {

constexpr int kTaps[5] = {1, 4, 6, 4, 1};

}  // namespace

PyrDownJob PreparePyrDown(const acldvppChannelDesc& channel, const acldvppPicDesc& input, const acldvppPicDesc& output,
                          const void* reserve, Device& device) {
  constexpr const char* kApi = "acldvppVpcPyrDownAsync";
  RequirePyrDown(kApi);
  RequireChannel(channel, DVPP_CHNMODE_VPC);
  ACLSIM_CHECK_ARG(reserve == nullptr, "reserve must be null (reserved by {})", kApi);
  CheckFormatAmong(input, "inputDesc", {PIXEL_FORMAT_YUV_400}, kApi);
  CheckFormatAmong(output, "outputDesc", {PIXEL_FORMAT_YUV_400}, kApi);
  CheckResolution(input, "inputDesc", 20, 12, 2048, 2048);
  PyrDownJob job;
  job.input = CheckVpcPicture(input, "inputDesc", PictureRole::kVpcInput, device);
  job.output = CheckVpcPicture(output, "outputDesc", PictureRole::kVpcOutput, device);
  if (output.width != input.width / 2 || output.height != input.height / 2) {
    Fail(ACL_ERROR_INVALID_PARAM, "outputDesc is {}x{} but must be half of inputDesc {}x{}: {}x{}", output.width,
         output.height, input.width, input.height, input.width / 2, input.height / 2);
  }
  return job;
}

void RunPyrDown(const PyrDownJob& job) {
  const Picture& in = job.input;
  const int64_t w = in.width, h = in.height;
  // Vertical pass at every second row into 32-bit sums, then the horizontal pass.
  std::vector<uint32_t> rows(size_t{job.output.height} * w);
  for (uint32_t oy = 0; oy < job.output.height; ++oy) {
    uint32_t* sum = &rows[size_t{oy} * w];
    for (int k = 0; k < 5; ++k) {
      const int64_t y = BorderSource(int64_t{oy} * 2 + k - 2, h, BORDER_REFLECT_101);
      const uint8_t* src = in.data + size_t(y) * in.width_stride;
      for (int64_t x = 0; x < w; ++x) sum[x] += kTaps[k] * src[x];
    }
  }
  for (uint32_t oy = 0; oy < job.output.height; ++oy) {
    const uint32_t* sum = &rows[size_t{oy} * w];
    uint8_t* dst = job.output.data + size_t{oy} * job.output.width_stride;
    for (uint32_t ox = 0; ox < job.output.width; ++ox) {
      uint32_t total = 0;
      for (int k = 0; k < 5; ++k) total += kTaps[k] * sum[BorderSource(int64_t{ox} * 2 + k - 2, w, BORDER_REFLECT_101)];
      dst[ox] = static_cast<uint8_t>((total + 128) >> 8);
    }
  }
}

}  // namespace aclsim::dvpp
