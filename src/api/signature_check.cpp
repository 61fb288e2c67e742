// Compile-time proof that every signature in api_table.inc is the one the headers declare, so
// the table (and docs/compatibility.md made from it) cannot drift from the headers.
#define ENABLE_DVPP_INTERFACE
#include <type_traits>

#include "acl/acl.h"
#include "acl/acl_op_compiler.h"
#include "acl/acl_prof.h"
#include "acl/ops/acl_cblas.h"
#include "acl/ops/acl_dvpp.h"

// Taking the address of a deprecated function is what this check is for.
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

#define ACLSIM_API_HEADER(path)
#define ACLSIM_API(name, state, note, ret, params)                                   \
  static_assert(std::is_same_v<decltype(&::name), ret(*) params>,                    \
                "api_table.inc: the signature of " #name " differs from its header");

#include "api/api_table.inc"
