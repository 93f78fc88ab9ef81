# SPDX-License-Identifier: MIT
# Sanitizers apply to the whole build so that the library, tests and tools
# agree on one runtime.
if(POXAUTH_SANITIZE STREQUAL "address-undefined")
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined)
elseif(POXAUTH_SANITIZE STREQUAL "memory")
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "POXAUTH_SANITIZE=memory needs clang")
  endif()
  if(NOT POXAUTH_EXPAT_SOURCE_DIR)
    message(WARNING "MSan with an uninstrumented system expat reports false positives; set POXAUTH_EXPAT_SOURCE_DIR")
  endif()
  add_compile_options(-fsanitize=memory -fsanitize-memory-track-origins -fno-omit-frame-pointer)
  add_link_options(-fsanitize=memory)
elseif(NOT POXAUTH_SANITIZE STREQUAL "")
  message(FATAL_ERROR "Unknown POXAUTH_SANITIZE='${POXAUTH_SANITIZE}'")
endif()
