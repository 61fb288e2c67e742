// acldvppVpcMakeBorderAsync and acldvppVpcBatchCropResizeMakeBorderAsync through the public API:
// every border type byte-exact against a reference written here from acldvppBorderType's
// description, constant values in the documented colour space, and the documented constraints.
#include "vpc_extras_test_util.h"

namespace aclsim_dvpp_test {
namespace {

using MakeBorder = VpcExtrasTest;

// The source column/row that border position p shows, from the documented patterns:
// REPLICATE aaa|abc..h|hhh, REFLECT cba|abc..fgh|hgf, REFLECT_101 dcb|abc..fgh|gfe (by reflecting
// one step at a time, as wide borders do).
int Source(int p, int n, acldvppBorderType type) {
  while (p < 0 || p >= n) {
    switch (type) {
      case BORDER_REPLICATE: return p < 0 ? 0 : n - 1;
      case BORDER_REFLECT: p = p < 0 ? -1 - p : (n - 1) - (p - n); break;
      default: p = p < 0 ? -p : (n - 2) - (p - n); break;  // BORDER_REFLECT_101
    }
  }
  return p;
}

acldvppBorderConfig* Config(acldvppBorderType type, uint32_t top, uint32_t bottom, uint32_t left, uint32_t right,
                            double v0 = 0, double v1 = 0, double v2 = 0) {
  acldvppBorderConfig* b = acldvppCreateBorderConfig();
  acldvppSetBorderConfigBorderType(b, type);
  acldvppSetBorderConfigTop(b, top);
  acldvppSetBorderConfigBottom(b, bottom);
  acldvppSetBorderConfigLeft(b, left);
  acldvppSetBorderConfigRight(b, right);
  acldvppSetBorderConfigValue(b, 0, v0);
  acldvppSetBorderConfigValue(b, 1, v1);
  acldvppSetBorderConfigValue(b, 2, v2);
  return b;
}

TEST_F(MakeBorder, EveryBorderTypeOnRgbMatchesTheReference) {
  const uint32_t w = 20, h = 10, top = 3, bottom = 12, left = 5, right = 23;  // wider than the picture
  for (acldvppBorderType type : {BORDER_CONSTANT, BORDER_REPLICATE, BORDER_REFLECT, BORDER_REFLECT_101}) {
    Image src = Make(PIXEL_FORMAT_RGB_888, w, h, true);
    Image dst = Make(PIXEL_FORMAT_RGB_888, w + left + right, h + top + bottom);
    acldvppBorderConfig* border = Config(type, top, bottom, left, right, 10, 200, 77);
    ASSERT_EQ(acldvppVpcMakeBorderAsync(channel_, src.desc, dst.desc, border, stream_), ACL_SUCCESS)
        << RecentErrMsg();
    Sync();
    const uint8_t constant[3] = {10, 200, 77};
    for (uint32_t y = 0; y < dst.h; ++y)
      for (uint32_t x = 0; x < dst.w; ++x)
        for (uint32_t c = 0; c < 3; ++c) {
          const int sx = int(x) - int(left), sy = int(y) - int(top);
          const bool inside = sx >= 0 && sx < int(w) && sy >= 0 && sy < int(h);
          const uint8_t want = inside || type != BORDER_CONSTANT
                                   ? src.at(3 * Source(sx, w, type) + c, Source(sy, h, type))
                                   : constant[c];
          ASSERT_EQ(dst.at(3 * x + c, y), want) << "type " << type << " at " << x << "," << y << " c" << c;
        }
    acldvppDestroyBorderConfig(border);
  }
}

TEST_F(MakeBorder, Nv12WithEvenBordersIsByteExact) {
  const uint32_t w = 32, h = 16, top = 2, bottom = 4, left = 6, right = 10;
  for (acldvppBorderType type : {BORDER_CONSTANT, BORDER_REPLICATE, BORDER_REFLECT}) {
    Image src = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_420, w, h, true);
    Image dst = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_420, w + left + right, h + top + bottom);
    acldvppBorderConfig* border = Config(type, top, bottom, left, right, 16, 100, 150);
    ASSERT_EQ(acldvppVpcMakeBorderAsync(channel_, src.desc, dst.desc, border, stream_), ACL_SUCCESS)
        << RecentErrMsg();
    Sync();
    for (uint32_t y = 0; y < dst.h; ++y)
      for (uint32_t x = 0; x < dst.w; ++x) {
        const int sx = int(x) - int(left), sy = int(y) - int(top);
        const bool inside = sx >= 0 && sx < int(w) && sy >= 0 && sy < int(h);
        const int px = Source(sx, w, type), py = Source(sy, h, type);
        const bool constant = !inside && type == BORDER_CONSTANT;
        ASSERT_EQ(dst.at(x, y), constant ? 16 : src.at(px, py)) << x << "," << y;
        if (x % 2 == 0 && y % 2 == 0) {  // the block's chroma comes from its top-left pixel's source
          const uint8_t* uv = dst.chroma() + (y / 2) * dst.ws + x;
          const uint8_t* suv = src.chroma() + (py / 2) * src.ws + (px / 2) * 2;
          ASSERT_EQ(uv[0], constant ? 100 : suv[0]) << x << "," << y;
          ASSERT_EQ(uv[1], constant ? 150 : suv[1]) << x << "," << y;
        }
      }
    acldvppDestroyBorderConfig(border);
  }
}

TEST_F(MakeBorder, ConstantValuesAreRgbWhenOneSideIsRgb) {
  Image src = Make(PIXEL_FORMAT_YUV_400, 16, 8, true);
  Image dst = Make(PIXEL_FORMAT_RGB_888, 20, 8);
  acldvppBorderConfig* border = Config(BORDER_CONSTANT, 0, 0, 2, 2, 255, 0, 0);
  ASSERT_EQ(acldvppVpcMakeBorderAsync(channel_, src.desc, dst.desc, border, stream_), ACL_SUCCESS) << RecentErrMsg();
  Sync();
  EXPECT_EQ(dst.at(0, 0), 255);
  EXPECT_EQ(dst.at(1, 0), 0);
  EXPECT_EQ(dst.at(2, 0), 0);
  EXPECT_EQ(dst.at(3 * 2, 3), dst.at(3 * 2 + 1, 3));  // the grey picture stays grey
  acldvppDestroyBorderConfig(border);
}

// ---- documented constraints

TEST_F(MakeBorder, OutputMustBeInputPlusBorder) {
  Image src = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 32, 16, true);
  Image dst = Make(PIXEL_FORMAT_YUV_SEMIPLANAR_420, 48, 16);
  acldvppBorderConfig* border = Config(BORDER_REPLICATE, 0, 0, 8, 6);
  ExpectFails(acldvppVpcMakeBorderAsync(channel_, src.desc, dst.desc, border, stream_), ACL_ERROR_INVALID_PARAM,
              "outputDesc.width");
  acldvppSetBorderConfigRight(border, 8);
  acldvppSetBorderConfigTop(border, 2);
  ExpectFails(acldvppVpcMakeBorderAsync(channel_, src.desc, dst.desc, border, stream_), ACL_ERROR_INVALID_PARAM,
              "outputDesc.height");
  acldvppDestroyBorderConfig(border);
}

TEST_F(MakeBorder, BadBorderConfigIsRejected) {
  Image src = Make(PIXEL_FORMAT_RGB_888, 16, 8, true);
  Image dst = Make(PIXEL_FORMAT_RGB_888, 20, 8);
  acldvppBorderConfig* border = Config(BORDER_CONSTANT, 0, 0, 2, 2, 300);
  ExpectFails(acldvppVpcMakeBorderAsync(channel_, src.desc, dst.desc, border, stream_), ACL_ERROR_INVALID_PARAM,
              "borderConfig.value[0]");
  ExpectFails(acldvppVpcMakeBorderAsync(channel_, src.desc, dst.desc, nullptr, stream_), ACL_ERROR_INVALID_PARAM,
              "borderConfig");
  acldvppDestroyBorderConfig(border);
}

TEST_F(MakeBorder, OutputAbove4096IsRejected) {
  Image src = Make(PIXEL_FORMAT_YUV_400, 4096, 6);
  Image dst = Make(PIXEL_FORMAT_YUV_400, 4112, 6);
  acldvppBorderConfig* border = Config(BORDER_REPLICATE, 0, 0, 8, 8);
  ExpectFails(acldvppVpcMakeBorderAsync(channel_, src.desc, dst.desc, border, stream_), ACL_ERROR_INVALID_PARAM,
              "outputDesc.width");
  Image wide = Make(PIXEL_FORMAT_YUV_400, 4112, 6);
  ExpectFails(acldvppVpcMakeBorderAsync(channel_, wide.desc, dst.desc, border, stream_), ACL_ERROR_INVALID_PARAM,
              "inputDesc.width");
  acldvppDestroyBorderConfig(border);
}

// ---- batch crop, resize and make border

acldvppBatchPicDesc* Batch(const std::vector<Image>& images) {
  acldvppBatchPicDesc* batch = acldvppCreateBatchPicDesc(uint32_t(images.size()));
  for (uint32_t i = 0; i < images.size(); ++i) {
    acldvppPicDesc* p = acldvppGetPicDesc(batch, i);
    acldvppSetPicDescFormat(p, acldvppGetPicDescFormat(images[i].desc));
    acldvppSetPicDescWidth(p, images[i].w);
    acldvppSetPicDescHeight(p, images[i].h);
    acldvppSetPicDescWidthStride(p, images[i].ws);
    acldvppSetPicDescHeightStride(p, images[i].hs);
    acldvppSetPicDescData(p, images[i].data);
    acldvppSetPicDescSize(p, uint32_t(images[i].size));
  }
  return batch;
}

TEST_F(MakeBorder, BatchCropsEachRoiAndBordersIt) {
  Image src = Make(PIXEL_FORMAT_RGB_888, 64, 32, true);
  // Output 0: a 20x10 crop, unscaled, with a constant border; output 1: a 16x8 crop with a
  // replicated border.
  std::vector<Image> outs = {Make(PIXEL_FORMAT_RGB_888, 24, 16), Make(PIXEL_FORMAT_RGB_888, 32, 12)};
  acldvppBatchPicDesc* in = Batch({src});
  acldvppBatchPicDesc* out = Batch(outs);
  acldvppRoiConfig* crops[2] = {acldvppCreateRoiConfig(4, 23, 2, 11), acldvppCreateRoiConfig(30, 45, 20, 27)};
  acldvppBorderConfig* borders[2] = {Config(BORDER_CONSTANT, 2, 4, 1, 3, 9, 8, 7),
                                     Config(BORDER_REPLICATE, 1, 3, 10, 6)};
  acldvppResizeConfig* resize = acldvppCreateResizeConfig();
  uint32_t nums[1] = {2};
  ASSERT_EQ(acldvppVpcBatchCropResizeMakeBorderAsync(channel_, in, nums, 1, out, crops, borders, resize, stream_),
            ACL_SUCCESS)
      << RecentErrMsg();
  Sync();
  const struct { uint32_t cx, cy, cw, ch, top, left; bool constant; } cases[2] = {{4, 2, 20, 10, 2, 1, true},
                                                                                    {30, 20, 16, 8, 1, 10, false}};
  const uint8_t value[3] = {9, 8, 7};
  for (int k = 0; k < 2; ++k) {
    const auto& e = cases[k];
    for (uint32_t y = 0; y < outs[k].h; ++y)
      for (uint32_t x = 0; x < outs[k].w; ++x)
        for (uint32_t c = 0; c < 3; ++c) {
          const int sx = int(x) - int(e.left), sy = int(y) - int(e.top);
          const bool inside = sx >= 0 && sx < int(e.cw) && sy >= 0 && sy < int(e.ch);
          const uint8_t want = !inside && e.constant
                                   ? value[c]
                                   : src.at(3 * (e.cx + Source(sx, e.cw, BORDER_REPLICATE)) + c,
                                            e.cy + Source(sy, e.ch, BORDER_REPLICATE));
          ASSERT_EQ(outs[k].at(3 * x + c, y), want) << k << ": " << x << "," << y;
        }
  }
  for (auto* r : crops) acldvppDestroyRoiConfig(r);
  for (auto* b : borders) acldvppDestroyBorderConfig(b);
  acldvppDestroyResizeConfig(resize);
  acldvppDestroyBatchPicDesc(in);
  acldvppDestroyBatchPicDesc(out);
}

TEST_F(MakeBorder, BatchScalesTheCropToTheOutputLessItsBorder) {
  Image src = Make(PIXEL_FORMAT_YUV_400, 64, 32);
  for (uint32_t y = 0; y < 32; ++y)
    for (uint32_t x = 0; x < 64; ++x) src.at(x, y) = uint8_t(x < 32 ? 40 : 220);
  std::vector<Image> outs = {Make(PIXEL_FORMAT_YUV_400, 40, 20)};
  acldvppBatchPicDesc* in = Batch({src});
  acldvppBatchPicDesc* out = Batch(outs);
  acldvppRoiConfig* crops[1] = {acldvppCreateRoiConfig(0, 63, 0, 31)};
  acldvppBorderConfig* borders[1] = {Config(BORDER_CONSTANT, 2, 2, 4, 4, 0)};
  acldvppResizeConfig* resize = acldvppCreateResizeConfig();
  uint32_t nums[1] = {1};
  ASSERT_EQ(acldvppVpcBatchCropResizeMakeBorderAsync(channel_, in, nums, 1, out, crops, borders, resize, stream_),
            ACL_SUCCESS)
      << RecentErrMsg();
  Sync();
  // 64x32 -> 32x16 inside a 4-pixel left/right, 2-pixel top/bottom border.
  EXPECT_EQ(outs[0].at(3, 10), 0);
  EXPECT_EQ(outs[0].at(4, 10), 40);
  EXPECT_EQ(outs[0].at(18, 10), 40);
  EXPECT_EQ(outs[0].at(21, 10), 220);
  EXPECT_EQ(outs[0].at(35, 10), 220);
  EXPECT_EQ(outs[0].at(36, 10), 0);
  EXPECT_EQ(outs[0].at(10, 1), 0);
  EXPECT_EQ(outs[0].at(10, 17), 40);
  EXPECT_EQ(outs[0].at(10, 18), 0);
  acldvppDestroyRoiConfig(crops[0]);
  acldvppDestroyBorderConfig(borders[0]);
  acldvppDestroyResizeConfig(resize);
  acldvppDestroyBatchPicDesc(in);
  acldvppDestroyBatchPicDesc(out);
}

TEST_F(MakeBorder, BatchTakesOnlyConstantOrReplicateAndChecksItsArguments) {
  Image src = Make(PIXEL_FORMAT_RGB_888, 64, 32, true);
  std::vector<Image> outs = {Make(PIXEL_FORMAT_RGB_888, 24, 16)};
  acldvppBatchPicDesc* in = Batch({src});
  acldvppBatchPicDesc* out = Batch(outs);
  acldvppRoiConfig* crops[1] = {acldvppCreateRoiConfig(0, 19, 0, 9)};
  acldvppBorderConfig* borders[1] = {Config(BORDER_REFLECT, 2, 4, 1, 3)};
  acldvppResizeConfig* resize = acldvppCreateResizeConfig();
  uint32_t nums[1] = {1};
  ExpectFails(acldvppVpcBatchCropResizeMakeBorderAsync(channel_, in, nums, 1, out, crops, borders, resize, stream_),
              ACL_ERROR_INVALID_PARAM, "borderCfgs[0].borderType");
  acldvppSetBorderConfigBorderType(borders[0], BORDER_CONSTANT);
  ExpectFails(acldvppVpcBatchCropResizeMakeBorderAsync(channel_, in, nums, 1, out, crops, nullptr, resize, stream_),
              ACL_ERROR_INVALID_PARAM, "borderCfgs");
  ExpectFails(acldvppVpcBatchCropResizeMakeBorderAsync(channel_, in, nums, 1, out, crops, borders, nullptr, stream_),
              ACL_ERROR_INVALID_PARAM, "resizeConfig");
  uint32_t two[1] = {2};  // two ROIs but one output picture
  ExpectFails(acldvppVpcBatchCropResizeMakeBorderAsync(channel_, in, two, 1, out, crops, borders, resize, stream_),
              ACL_ERROR_INVALID_PARAM, "roiNums");
  acldvppSetBorderConfigLeft(borders[0], 12);
  acldvppSetBorderConfigRight(borders[0], 12);  // nothing of the 24-wide output is left
  ExpectFails(acldvppVpcBatchCropResizeMakeBorderAsync(channel_, in, nums, 1, out, crops, borders, resize, stream_),
              ACL_ERROR_INVALID_PARAM, "borderCfgs[0]");
  acldvppDestroyRoiConfig(crops[0]);
  acldvppDestroyBorderConfig(borders[0]);
  acldvppDestroyResizeConfig(resize);
  acldvppDestroyBatchPicDesc(in);
  acldvppDestroyBatchPicDesc(out);
}

using MakeBorderOn310 = OnSoc<kAscend310>;

TEST_F(MakeBorderOn310, IsNotAvailable) {
  Image src = Make(PIXEL_FORMAT_RGB_888, 16, 8, true);
  Image dst = Make(PIXEL_FORMAT_RGB_888, 20, 8);
  acldvppBorderConfig* border = Config(BORDER_REPLICATE, 0, 0, 2, 2);
  ExpectFails(acldvppVpcMakeBorderAsync(channel_, src.desc, dst.desc, border, stream_), ACL_ERROR_FEATURE_UNSUPPORTED,
              "acldvppVpcMakeBorderAsync");
  acldvppDestroyBorderConfig(border);
}

}  // namespace
}  // namespace aclsim_dvpp_test
