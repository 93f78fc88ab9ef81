# SPDX-License-Identifier: MIT
# ctest bench.smoke: run poxauth-bench --quick; pass when it exits 0 and
# prints the table (and the JSON).  No timing is checked.
execute_process(
  COMMAND ${BENCH} --quick --json ${OUT}
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
message("${out}")
if(err)
  message("stderr:\n${err}")
endif()
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "poxauth-bench --quick exited with ${rc}")
endif()
foreach(needle "Instructions" "settings-lf" "settings-crlf" "settings-utf8"
               "settings-utf16le" "settings-utf16be" "redirect" "error"
               "dense-1m" "dense-100m" "skip-heavy-50m" "poxauth-stream"
               "Memory" "Limits" "Targets")
  string(FIND "${out}" "${needle}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "poxauth-bench --quick printed no '${needle}'")
  endif()
endforeach()
if(NOT EXISTS ${OUT})
  message(FATAL_ERROR "poxauth-bench --quick wrote no JSON")
endif()
