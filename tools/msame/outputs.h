// The model's outputs: device buffers (each output's size, or --outputSize), the time-stamped
// folder of a run, and writing each output as msame names it, <name>_output_<i>.bin (raw bytes)
// or .txt (values as text, one innermost row per line), at its current (gear's) size.
#pragma once

#include <string>
#include <vector>

#include "acl/acl.h"
#include "model.h"
#include "options.h"

namespace msame {

class OutputSet {
 public:
  // Throws Failure when --outputSize does not give one size per output.
  OutputSet(const Model& model, const std::vector<size_t>& sizes);
  ~OutputSet();
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;

  aclmdlDataset* dataset() const { return dataset_; }

  // Writes every output of the last execution into `folder`/<name>_output_<i>.<bin|txt>.
  void Write(const std::string& folder, const std::string& name, OutFormat format) const;

 private:
  const Model& model_;
  std::vector<void*> buffers_;
  std::vector<size_t> sizes_;
  aclmdlDataset* dataset_ = nullptr;
};

// Makes `output` (with its parents) and in it a folder named after the current local time as
// msame names it: year, month, day without padding, then _hour_minute_second_microseconds.
// Returns "<output>/<stamp>", which msame prints on a line of its own.
std::string MakeRunFolder(const std::string& output);

// msame's time stamp, e.g. 2024315_9_5_7_81234 for 2024-03-15 09:05:07.081234.
std::string TimeStamp();

}  // namespace msame
