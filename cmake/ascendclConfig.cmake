# find_package(ascendcl) for an installed aclsim: defines the imported target ascendcl::ascendcl.
# The paths are found from this file's real location, so the install prefix can be moved.
get_filename_component(_ascendcl_runtime "${CMAKE_CURRENT_LIST_DIR}/../../.." REALPATH)
if(NOT TARGET ascendcl::ascendcl)
  add_library(ascendcl::ascendcl SHARED IMPORTED)
  set_target_properties(ascendcl::ascendcl PROPERTIES
    IMPORTED_LOCATION "${_ascendcl_runtime}/lib64/libascendcl.so"
    IMPORTED_SONAME "libascendcl.so"
    INTERFACE_INCLUDE_DIRECTORIES "${_ascendcl_runtime}/include")
endif()
set(ascendcl_INCLUDE_DIRS "${_ascendcl_runtime}/include")
set(ascendcl_LIBRARIES ascendcl::ascendcl)
unset(_ascendcl_runtime)
