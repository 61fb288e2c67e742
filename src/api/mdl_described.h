// The model behind an aclmdlDesc, for the entry points that read descriptions (mdl_desc.cpp,
// mdl_dynamic.cpp, mdl_aipp.cpp).
#pragma once

#include "common/error.h"
#include "model/mdl_handles.h"

namespace aclsim::api {

// The desc's model; ACL_ERROR_INVALID_PARAM when aclmdlGetDesc* has not filled it yet.
inline const model::Model& Described(const aclmdlDesc* desc) {
  const aclmdlDesc* d = UnwrapHandle<aclmdlDesc>(desc, "modelDesc");
  if (!d->model) Fail(ACL_ERROR_INVALID_PARAM, "modelDesc is empty: fill it with aclmdlGetDesc first");
  return *d->model;
}

}  // namespace aclsim::api
