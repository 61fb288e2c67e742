// --debug true: the model description in msame's [DEBUG] lines (counts; for each input and
// output its size, dims, name, format and data type as numbers; the dynamic batch sizes and
// image sizes when the model has them).
#pragma once

#include "model.h"

namespace msame {

void PrintDescription(const Model& model);

}  // namespace msame
