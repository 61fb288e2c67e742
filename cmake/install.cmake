# The install tree mimics the CANN toolkit, so programs and build scripts written for CANN find
# headers and libraries where they expect them (docs/install-layout.md lists every path):
#   runtime/include/acl, runtime/lib64/libascendcl.so (+ stub/), bin/, set_env.sh,
#   and the older and newer CANN paths as links to that one copy.
include(GNUInstallDirs)

set(ACLSIM_RUNTIME_LIB runtime/lib64)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/acl DESTINATION runtime/include)
install(TARGETS ascendcl LIBRARY DESTINATION ${ACLSIM_RUNTIME_LIB})

# Links are made at install time, relative, so the prefix can be moved.
set(ACLSIM_SPLIT_LIBRARIES acl_rt acl_mdl acl_op_compiler acl_cblas acl_dvpp)
configure_file(${CMAKE_CURRENT_LIST_DIR}/make_install_links.cmake.in
               ${PROJECT_BINARY_DIR}/make_install_links.cmake @ONLY)
install(SCRIPT ${PROJECT_BINARY_DIR}/make_install_links.cmake)

configure_file(${CMAKE_CURRENT_LIST_DIR}/set_env.sh.in ${PROJECT_BINARY_DIR}/set_env.sh @ONLY)
install(PROGRAMS ${PROJECT_BINARY_DIR}/set_env.sh DESTINATION .)

# runtime/share/cmake: a folder find_package searches under the prefix on every distribution
# (lib64/cmake is not searched on Debian).
install(FILES ${CMAKE_CURRENT_LIST_DIR}/ascendclConfig.cmake DESTINATION runtime/share/cmake/ascendcl)
configure_file(${CMAKE_CURRENT_LIST_DIR}/ascendclConfigVersion.cmake.in
               ${PROJECT_BINARY_DIR}/ascendclConfigVersion.cmake @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/ascendclConfigVersion.cmake DESTINATION runtime/share/cmake/ascendcl)
configure_file(${CMAKE_CURRENT_LIST_DIR}/ascendcl.pc.in ${PROJECT_BINARY_DIR}/ascendcl.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/ascendcl.pc DESTINATION ${ACLSIM_RUNTIME_LIB}/pkgconfig)
