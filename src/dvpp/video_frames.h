// Moving pictures between libavcodec frames and DVPP's in-between form: a decoded frame (planar
// YUV of any subsampling, 8 to 16 bits) read into Planes, and a semi-planar 4:2:0 picture copied
// into the planar frame an encoder takes.
#pragma once

extern "C" {
#include <libavutil/frame.h>
}

#include "dvpp/planes.h"

namespace aclsim::dvpp {

// Throws Error(ACL_ERROR_INVALID_PARAM) for a frame that is not planar YUV (or gray); samples
// deeper than 8 bits are rounded to 8. Chroma is replicated to full resolution.
Planes PlanesOfFrame(const AVFrame& frame);

// The common case without the in-between form: an 8-bit 4:2:0 frame copied into a semi-planar
// 4:2:0 `picture` of its own size (a plain copy plus chroma interleave, exact like the Planes
// path). Returns false, writing nothing, when the frame or the picture is of another kind.
bool CopyYuv420Frame(const AVFrame& frame, const Picture& picture);

// Copies an NV12/NV21 `picture` into `frame`, an allocated AV_PIX_FMT_YUV420P frame of its size.
void FillYuv420Frame(const Picture& picture, AVFrame& frame);

}  // namespace aclsim::dvpp
