// Reading a rectangle of a picture into Planes and writing Planes into a rectangle of a picture,
// for every layout of pixel_format.h. Chroma is replicated on reading and taken from the top-left
// pixel of each subsampled block on writing, so a read followed by a write at even offsets gives
// back the same bytes (crops, pastes and YUV layout conversions are exact).
#pragma once

#include "dvpp/planes.h"

namespace aclsim::dvpp {

Planes ReadPicture(const Picture& picture, const Rect& area);
void WritePicture(const Planes& planes, Picture& picture, const Rect& area);

// The interleaved chroma plane of a semi-planar picture: its first byte and its row pitch.
uint8_t* ChromaPlane(const Picture& picture);
size_t ChromaPitch(const Picture& picture);

}  // namespace aclsim::dvpp
