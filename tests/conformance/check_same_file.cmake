# Fails unless ACTUAL (a fresh conformance run's report) equals EXPECTED byte for byte.
if(NOT EXISTS ${ACTUAL})
  message(FATAL_ERROR "${ACTUAL} is missing: the onnx_conformance_run test did not write it")
endif()
if(NOT EXISTS ${EXPECTED})
  message(FATAL_ERROR "${EXPECTED} is missing: generate it (cmake --build <build> --target conformance_doc)")
endif()
file(READ ${ACTUAL} actual)
file(READ ${EXPECTED} expected)
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "${EXPECTED} is stale: regenerate it (cmake --build <build> --target conformance_doc), "
                      "or compare it with ${ACTUAL}")
endif()
