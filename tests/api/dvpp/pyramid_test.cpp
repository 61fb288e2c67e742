// acldvppVpcPyrDownAsync through the public API: a YUV400 picture halved by the 5x5 Gaussian
// [1 4 6 4 1]^T [1 4 6 4 1] / 256, compared with a direct 2-D reference written here, and the
// documented constraints.
#include "vpc_extras_test_util.h"

namespace aclsim_dvpp_test {
namespace {

using PyrDown = VpcExtrasTest;

// Mirror without repeating the edge pixel: ...dcb|abcd...
int Mirror(int p, int n) {
  if (p < 0) return -p;
  if (p >= n) return 2 * n - 2 - p;
  return p;
}

TEST_F(PyrDown, MatchesADirectGaussianReference) {
  for (auto [w, h] : {std::pair<uint32_t, uint32_t>{64, 48}, {20, 12}, {100, 34}}) {
    Image src = Make(PIXEL_FORMAT_YUV_400, w, h, true);
    Image dst = Make(PIXEL_FORMAT_YUV_400, w / 2, h / 2);
    ASSERT_EQ(acldvppVpcPyrDownAsync(channel_, src.desc, dst.desc, nullptr, stream_), ACL_SUCCESS) << RecentErrMsg();
    Sync();
    const int k[5] = {1, 4, 6, 4, 1};
    for (uint32_t y = 0; y < h / 2; ++y)
      for (uint32_t x = 0; x < w / 2; ++x) {
        int sum = 0;
        for (int j = 0; j < 5; ++j)
          for (int i = 0; i < 5; ++i)
            sum += k[j] * k[i] * src.at(Mirror(2 * x + i - 2, w), Mirror(2 * y + j - 2, h));
        ASSERT_EQ(dst.at(x, y), (sum + 128) / 256) << w << "x" << h << " at " << x << "," << y;
      }
  }
}

TEST_F(PyrDown, FlatPictureStaysFlat) {
  Image src = Make(PIXEL_FORMAT_YUV_400, 32, 16);
  std::memset(src.data, 77, src.size);
  Image dst = Make(PIXEL_FORMAT_YUV_400, 16, 8);
  ASSERT_EQ(acldvppVpcPyrDownAsync(channel_, src.desc, dst.desc, nullptr, stream_), ACL_SUCCESS);
  Sync();
  for (uint32_t y = 0; y < 8; ++y)
    for (uint32_t x = 0; x < 16; ++x) ASSERT_EQ(dst.at(x, y), 77);
}

// ---- documented constraints

TEST_F(PyrDown, OnlyYuv400) {
  Image src = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 32, 16, true);
  Image dst = Make(PIXEL_FORMAT_YUV_400, 16, 8);
  ExpectFails(acldvppVpcPyrDownAsync(channel_, src.desc, dst.desc, nullptr, stream_), ACL_ERROR_INVALID_PARAM,
              "inputDesc.format");
  Image grey = Make(PIXEL_FORMAT_YUV_400, 32, 16);
  Image nv12 = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 16, 8);
  ExpectFails(acldvppVpcPyrDownAsync(channel_, grey.desc, nv12.desc, nullptr, stream_), ACL_ERROR_INVALID_PARAM,
              "outputDesc.format");
}

TEST_F(PyrDown, InputResolutionIn20x12To2048x2048) {
  Image small = Make(PIXEL_FORMAT_YUV_400, 18, 12);
  Image small_out = Make(PIXEL_FORMAT_YUV_400, 9, 6);
  ExpectFails(acldvppVpcPyrDownAsync(channel_, small.desc, small_out.desc, nullptr, stream_), ACL_ERROR_INVALID_PARAM,
              "inputDesc.width");
  Image tall = Make(PIXEL_FORMAT_YUV_400, 32, 2050);
  Image tall_out = Make(PIXEL_FORMAT_YUV_400, 16, 1025);
  ExpectFails(acldvppVpcPyrDownAsync(channel_, tall.desc, tall_out.desc, nullptr, stream_), ACL_ERROR_INVALID_PARAM,
              "inputDesc.height");
}

TEST_F(PyrDown, OutputMustBeHalfTheInput) {
  Image src = Make(PIXEL_FORMAT_YUV_400, 64, 32);
  Image dst = Make(PIXEL_FORMAT_YUV_400, 30, 16);
  ExpectFails(acldvppVpcPyrDownAsync(channel_, src.desc, dst.desc, nullptr, stream_), ACL_ERROR_INVALID_PARAM,
              "outputDesc");
}

TEST_F(PyrDown, ReserveMustBeNull) {
  Image src = Make(PIXEL_FORMAT_YUV_400, 64, 32);
  Image dst = Make(PIXEL_FORMAT_YUV_400, 32, 16);
  int reserved = 0;
  ExpectFails(acldvppVpcPyrDownAsync(channel_, src.desc, dst.desc, &reserved, stream_), ACL_ERROR_INVALID_PARAM,
              "reserve");
}

using PyrDownOn910B = OnSoc<kAscend910B>;

TEST_F(PyrDownOn910B, IsOnlyOnAscend310P) {
  Image src = Make(PIXEL_FORMAT_YUV_400, 64, 32);
  Image dst = Make(PIXEL_FORMAT_YUV_400, 32, 16);
  ExpectFails(acldvppVpcPyrDownAsync(channel_, src.desc, dst.desc, nullptr, stream_), ACL_ERROR_FEATURE_UNSUPPORTED,
              "Ascend310P");
}

}  // namespace
}  // namespace aclsim_dvpp_test
