// aclsim — include/acl/acl.h: umbrella header plus library init/finalize, version and error-message queries.
// SPDX-License-Identifier: Apache-2.0

#ifndef ACLSIM_ACL_ACL_H_
#define ACLSIM_ACL_ACL_H_

#include "acl_rt.h"
#include "acl_op.h"
#include "acl_mdl.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Interface version implemented by these headers (1.10.0) ---- */

#define ACL_MAJOR_VERSION 1
#define ACL_MINOR_VERSION 10
#define ACL_PATCH_VERSION 0

/* ---- Library lifetime ---- */

// Start the library once per process; configPath may be NULL.
ACL_FUNC_VISIBILITY aclError aclInit(const char *configPath);
// Shut the library down; call before the process exits.
ACL_FUNC_VISIBILITY aclError aclFinalize();

/* ---- Introspection ---- */

// Report the interface version as three integers.
ACL_FUNC_VISIBILITY aclError aclrtGetVersion(int32_t *majorVersion, int32_t *minorVersion, int32_t *patchVersion);
// Text describing the most recent error; NULL if none.
ACL_FUNC_VISIBILITY const char *aclGetRecentErrMsg();

#ifdef __cplusplus
}
#endif

#endif // ACLSIM_ACL_ACL_H_
