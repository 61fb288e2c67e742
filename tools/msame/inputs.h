// The model's inputs: which files feed them (--input: files, one per data input, or folders of
// same-named files for batch runs), the checks that refuse a wrong file before anything runs
// (missing, unreadable, a size that is not the input's size at the chosen gear), and the device
// buffers and dataset one execution reads.
#pragma once

#include <string>
#include <vector>

#include "acl/acl.h"
#include "gears.h"
#include "model.h"

namespace msame {

// What --input names, resolved: no inputs (zero-filled), one set of files, or folders.
struct InputPlan {
  enum class Mode { kZeros, kFiles, kFolders } mode = Mode::kZeros;
  std::vector<std::string> paths;       // the --input entries, one per data input
  std::vector<std::string> file_names;  // kFolders: the files of the first folder, sorted
};

// Resolves and checks --input against the model and gear: every file exists and has the size its
// input takes, every folder is readable and holds the first folder's files. Throws Failure.
InputPlan PlanInputs(const Model& model, const Gear& gear, const std::vector<std::string>& inputs);

// The device buffers of one execution's inputs, each of its input's full (largest-gear) size,
// and their dataset. The destructor frees them and prints msame's line.
class InputSet {
 public:
  explicit InputSet(const Model& model);
  ~InputSet();
  InputSet(const InputSet&) = delete;
  InputSet& operator=(const InputSet&) = delete;

  // Every data input zero-filled.
  void FillZeros();
  // files[k] into the k-th data input, printing msame's "start to process file" line for each.
  void FillFromFiles(const std::vector<std::string>& files, const Gear& gear);

  aclmdlDataset* dataset() const { return dataset_; }

 private:
  const Model& model_;
  std::vector<void*> buffers_;
  aclmdlDataset* dataset_ = nullptr;
};

// The files of one batch-mode execution: `name` in each folder of the plan.
std::vector<std::string> FolderFiles(const InputPlan& plan, const std::string& name);

}  // namespace msame
