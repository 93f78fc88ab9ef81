# SPDX-License-Identifier: MIT
# poxauth_warnings(target): the warning set every target of ours builds with.
function(poxauth_warnings target)
  if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE
      -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
      -Wvla -Wformat=2 -Wcast-qual -Wpointer-arith -Wundef)
    if(POXAUTH_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()
