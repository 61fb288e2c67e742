// Exported definitions for every function api_table.inc marks UNSUPPORTED: each returns the
// documented "unsupported" error and says so in aclGetRecentErrMsg().
#define ENABLE_DVPP_INTERFACE
#include "acl/acl.h"
#include "acl/acl_op_compiler.h"
#include "acl/acl_prof.h"
#include "acl/ops/acl_cblas.h"
#include "acl/ops/acl_dvpp.h"
#include "api/api_guard.h"

#define ACLSIM_API_HEADER(path)
#define ACLSIM_API(name, state, note, ret, params) ACLSIM_DEFINE_IF_##state(name, ret, params)
#define ACLSIM_DEFINE_IF_IMPLEMENTED(name, ret, params)
#define ACLSIM_DEFINE_IF_PARTIAL(name, ret, params)
#define ACLSIM_DEFINE_IF_UNSUPPORTED(name, ret, params)                        \
  extern "C" ret name params {                                                 \
    static std::atomic_flag warned = ATOMIC_FLAG_INIT;                         \
    return ::aclsim::api::Unsupported<ret>(#name, warned);                     \
  }

#include "api/api_table.inc"
