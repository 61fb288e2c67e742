// libascendcl.so exports every function of the API table and nothing but acl* symbols.
#include <dlfcn.h>

#include <gtest/gtest.h>

#include "acl/acl.h"
#include "acl/acl_op_compiler.h"
#include "acl/acl_prof.h"

extern "C" int aclsim_c_view_of_sizeof_aclmdlIODims(void);
extern "C" int aclsim_c_view_of_ACL_ERROR_INVALID_PARAM(void);

namespace {

#define ACLSIM_API_HEADER(path)
#define ACLSIM_API(name, state, note, ret, params) #name,
const char* const kTableFunctions[] = {
#include "api/api_table.inc"
};
#undef ACLSIM_API
#undef ACLSIM_API_HEADER

TEST(Exports, EveryTableFunctionIsExportedByTheLibrary) {
  void* library = dlopen(ACLSIM_LIBRARY_PATH, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(library, nullptr) << dlerror();
  std::vector<std::string> missing;
  for (const char* name : kTableFunctions) {
    if (dlsym(library, name) == nullptr) missing.push_back(name);
  }
  EXPECT_TRUE(missing.empty()) << missing.size() << " missing, first: " << (missing.empty() ? "" : missing[0]);
  EXPECT_EQ(sizeof(kTableFunctions) / sizeof(kTableFunctions[0]), 500u);
  dlclose(library);
}

TEST(Exports, InternalSymbolsAreNotExported) {
  void* library = dlopen(ACLSIM_LIBRARY_PATH, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(library, nullptr) << dlerror();
  // A core symbol (mangled C++) must stay hidden behind the version script.
  EXPECT_EQ(dlsym(library, "_ZN6aclsim8FailArgumentEPKcRKNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEE"), nullptr);
  dlclose(library);
}

TEST(Exports, CAndCxxTranslationUnitsSeeTheSameLayout) {
  EXPECT_EQ(aclsim_c_view_of_sizeof_aclmdlIODims(), static_cast<int>(sizeof(aclmdlIODims)));
  EXPECT_EQ(aclsim_c_view_of_ACL_ERROR_INVALID_PARAM(), ACL_ERROR_INVALID_PARAM);
}

TEST(Exports, UnsupportedFunctionReturnsFeatureUnsupportedWithMessage) {
  aclGraphDumpOption* option = aclCreateGraphDumpOpt();  // not implemented yet: returns null and says why
  EXPECT_EQ(option, nullptr);
  const char* message = aclGetRecentErrMsg();
  ASSERT_NE(message, nullptr);
  EXPECT_NE(std::string(message).find("aclCreateGraphDumpOpt"), std::string::npos) << message;
  EXPECT_NE(std::string(message).find("not supported"), std::string::npos) << message;
  EXPECT_EQ(aclprofFinalize(), ACL_ERROR_FEATURE_UNSUPPORTED);
}

}  // namespace
