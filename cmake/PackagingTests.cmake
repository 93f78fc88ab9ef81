# SPDX-License-Identifier: MIT
# ctest checks of what is installed: the shared library exports exactly the
# header's API, and every man page renders without a warning.
if(TARGET poxauth AND POXAUTH_BUILD_SHARED AND CMAKE_SYSTEM_NAME STREQUAL "Linux")
  add_test(NAME library-exports
    COMMAND bash ${PROJECT_SOURCE_DIR}/src/tests/exports.sh
            $<TARGET_FILE:poxauth> ${PROJECT_SOURCE_DIR}/src/include/poxauth.h $<TARGET_PROPERTY:poxauth,SOVERSION>)
  set_tests_properties(library-exports PROPERTIES LABELS unit)
endif()
# The script globs doc/man itself, so a page added later is checked too.
add_test(NAME man-pages
  COMMAND bash ${PROJECT_SOURCE_DIR}/src/tests/man_pages.sh ${PROJECT_SOURCE_DIR}/doc/man)
set_tests_properties(man-pages PROPERTIES LABELS unit SKIP_RETURN_CODE 77)
add_test(NAME man-api
  COMMAND bash ${PROJECT_SOURCE_DIR}/src/tests/man_api.sh
          ${PROJECT_SOURCE_DIR}/src/include/poxauth.h ${PROJECT_SOURCE_DIR}/doc/man/poxauth.3)
set_tests_properties(man-api PROPERTIES LABELS unit)
