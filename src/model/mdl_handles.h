// The handle types of acl_mdl.h: a model description, a dataset, and the load and execution
// configurations. Each begins with its own magic (common/handle.h) so a stale handle is reported.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "acl/acl_mdl.h"
#include "base/data_buffer.h"
#include "base/tensor_desc.h"
#include "common/handle.h"
#include "model/model.h"

// aclmdlCreateDesc makes it empty; aclmdlGetDesc* fills it from a loaded model or a file.
struct aclmdlDesc : aclsim::TaggedObject<0x4D446573u /* 'MDes' */> {
  static constexpr const char* kTypeName = "aclmdlDesc";
  std::shared_ptr<const aclsim::model::Model> model;
  uint32_t model_id = 0;  // 0: described from a file or memory, not a loaded model
  // Strings handed out by aclmdlGetOpAttr stay valid as long as the desc.
  std::map<std::string, std::string> op_attr_strings;
};

// The buffers (and optional tensor descs) of a model's inputs or outputs. The buffers stay the
// caller's; the descs set with aclmdlSetDatasetTensorDesc are copies the dataset owns.
struct aclmdlDataset : aclsim::TaggedObject<0x4D446174u /* 'MDat' */> {
  static constexpr const char* kTypeName = "aclmdlDataset";
  std::vector<aclDataBuffer*> buffers;
  std::vector<std::unique_ptr<aclTensorDesc>> descs;  // parallel to buffers; null where not set
};

// aclmdlSetConfigOpt's values, by attribute (pointers and sizes as the caller gave them).
struct aclmdlConfigHandle : aclsim::TaggedObject<0x4D436667u /* 'MCfg' */> {
  static constexpr const char* kTypeName = "aclmdlConfigHandle";
  std::map<aclmdlConfigAttr, const void*> pointers;
  std::map<aclmdlConfigAttr, size_t> sizes;
  int32_t priority = 0;
};

struct aclmdlExecConfigHandle : aclsim::TaggedObject<0x4D457843u /* 'MExC' */> {
  static constexpr const char* kTypeName = "aclmdlExecConfigHandle";
  std::map<aclmdlExecConfigAttr, size_t> values;  // sizes, timeouts (pointers stored as integers)
};
