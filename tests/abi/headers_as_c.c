/* Every public header that CANN's own compile as C must compile as C (acl_dvpp.h is C++ only). */
#include "acl/acl.h"
#include "acl/acl_base.h"
#include "acl/acl_mdl.h"
#include "acl/acl_op.h"
#include "acl/acl_op_compiler.h"
#include "acl/acl_prof.h"
#include "acl/acl_rt.h"
#include "acl/ops/acl_cblas.h"
#include "acl/error_codes/ge_error_codes.h"
#include "acl/error_codes/rt_error_codes.h"

/* Used by exports_test.cpp: proves a C translation unit sees the same values. */
int aclsim_c_view_of_sizeof_aclmdlIODims(void) { return (int)sizeof(aclmdlIODims); }
int aclsim_c_view_of_ACL_ERROR_INVALID_PARAM(void) { return ACL_ERROR_INVALID_PARAM; }
