# Writes OUT as FIRST followed by SECOND (the two drivers' parts of docs/conformance.md).
foreach(part IN ITEMS ${FIRST} ${SECOND})
  if(NOT EXISTS ${part})
    message(FATAL_ERROR "${part} is missing")
  endif()
endforeach()
file(READ ${FIRST} first)
file(READ ${SECOND} second)
file(WRITE ${OUT} "${first}${second}")
