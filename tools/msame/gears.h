// Dynamic gears: a model converted with --dynamic_batch_size, --dynamic_image_size or
// --dynamic_dims runs one gear at a time, chosen with --dymBatch, --dymHW or --dymDims. This file
// checks the choice against the model's gears (with msame's messages), gives each input's shape
// and size at that gear, and writes the gear into the model's ACL_DYNAMIC_TENSOR_NAME input.
#pragma once

#include <cstdint>
#include <vector>

#include "acl/acl.h"
#include "model.h"
#include "options.h"

namespace msame {

enum class GearKind { kNone, kBatch, kImageSize, kDims };

struct Gear {
  GearKind kind = GearKind::kNone;
  uint64_t batch = 0;
  uint64_t height = 0;
  uint64_t width = 0;
  aclmdlIODims dims{};  // kDims: the shapes of all data inputs, concatenated in input order
};

// Throws Failure when the command line chooses a gear the model does not have, chooses one for a
// model without gears, or chooses none for a model with gears.
Gear ChooseGear(const Model& model, const Options& options);

// Input `input`'s shape at `gear` (its dims with the -1s filled in) and the bytes it takes.
std::vector<int64_t> InputShapeAt(const Model& model, size_t input, const Gear& gear);
size_t InputBytesAt(const Model& model, size_t input, const Gear& gear);

// Writes `gear` into the gear input of `inputs` for the next executions; nothing for kNone.
void SetGear(const Model& model, aclmdlDataset* inputs, const Gear& gear);

}  // namespace msame
