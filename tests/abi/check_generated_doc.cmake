# Fails when a generated document differs from what its generator prints now.
execute_process(COMMAND ${TOOL} OUTPUT_VARIABLE actual RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${TOOL} failed (${rc})")
endif()
file(READ ${EXPECTED} expected)
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "${EXPECTED} is stale: regenerate it (cmake --build build --target compat_doc / operators_doc)")
endif()
