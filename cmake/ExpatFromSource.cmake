# SPDX-License-Identifier: MIT
# Build expat from the source tree in POXAUTH_EXPAT_SOURCE_DIR, as a static
# library compiled with this build's flags (CMAKE_C_FLAGS and the directory
# compile options: sanitizers, SanitizerCoverage, AFL or coverage
# instrumentation apply to expat as well as to poxauth), and expose it as
# EXPAT::EXPAT.  Used by the fuzzing builds (fuzz/README.md); ci/expat-source.sh
# fetches a tree.
#
# POXAUTH_EXPAT_SOURCE_DIR may name expat's release/Debian tree (holding
# lib/xmlparse.c and CMakeLists.txt) or a libexpat git checkout (whose
# expat/ subdirectory holds them).

if(EXISTS "${POXAUTH_EXPAT_SOURCE_DIR}/lib/xmlparse.c")
  set(_poxauth_expat_root "${POXAUTH_EXPAT_SOURCE_DIR}")
elseif(EXISTS "${POXAUTH_EXPAT_SOURCE_DIR}/expat/lib/xmlparse.c")
  set(_poxauth_expat_root "${POXAUTH_EXPAT_SOURCE_DIR}/expat")
else()
  message(FATAL_ERROR "POXAUTH_EXPAT_SOURCE_DIR=${POXAUTH_EXPAT_SOURCE_DIR} holds no expat source "
                      "(lib/xmlparse.c); run ci/expat-source.sh to fetch one")
endif()
get_filename_component(_poxauth_expat_root "${_poxauth_expat_root}" ABSOLUTE)

# expat's options are defined with expat_shy_set(), which keeps a value the
# parent already set: a static library only, nothing else.
set(EXPAT_SHARED_LIBS OFF)
set(EXPAT_BUILD_TOOLS OFF)
set(EXPAT_BUILD_EXAMPLES OFF)
set(EXPAT_BUILD_TESTS OFF)
set(EXPAT_BUILD_DOCS OFF)
set(EXPAT_BUILD_FUZZERS OFF)
set(EXPAT_BUILD_PKGCONFIG OFF)
set(EXPAT_OSSFUZZ_BUILD OFF)
set(EXPAT_ENABLE_INSTALL OFF)
set(EXPAT_WARNINGS_AS_ERRORS OFF)
set(EXPAT_DTD ON)   # the Debian and upstream default; poxauth rejects DOCTYPEs itself
set(EXPAT_NS ON)    # poxauth needs the namespace parser
set(EXPAT_CHAR_TYPE char)
set(EXPAT_ATTR_INFO OFF)
set(EXPAT_LARGE_SIZE OFF)
set(EXPAT_MIN_SIZE OFF)

# Warnings in a third-party tree are not ours to fix; -Werror must not reach it.
set(CMAKE_POLICY_DEFAULT_CMP0063 NEW) # honour visibility presets in expat too
set(_poxauth_saved_c_flags "${CMAKE_C_FLAGS}")
string(REPLACE "-Werror" "" CMAKE_C_FLAGS "${CMAKE_C_FLAGS}")
add_subdirectory("${_poxauth_expat_root}" "${CMAKE_BINARY_DIR}/_expat" EXCLUDE_FROM_ALL)
set(CMAKE_C_FLAGS "${_poxauth_saved_c_flags}")

if(NOT TARGET expat)
  message(FATAL_ERROR "expat's CMakeLists.txt in ${_poxauth_expat_root} defined no 'expat' target")
endif()

# Debian's 2.5.0 patches (the CVE-2024-8176 backport) test `#if XML_DTD == 1`,
# but 2.5.0's CMake template writes a bare `#define XML_DTD` (Debian builds
# with autotools and never sees it).  Give it a value; newer trees already
# write `#define XML_DTD 1`, so this is a no-op there.
set(_poxauth_expat_config "${CMAKE_BINARY_DIR}/_expat/expat_config.h")
if(EXISTS "${_poxauth_expat_config}")
  file(READ "${_poxauth_expat_config}" _poxauth_cfg)
  string(REGEX REPLACE "\n#define XML_DTD[ \t]*\n" "\n#define XML_DTD 1\n" _poxauth_cfg_fixed "${_poxauth_cfg}")
  string(REGEX REPLACE "\n#define XML_NS[ \t]*\n" "\n#define XML_NS 1\n" _poxauth_cfg_fixed "${_poxauth_cfg_fixed}")
  if(NOT _poxauth_cfg_fixed STREQUAL _poxauth_cfg)
    file(WRITE "${_poxauth_expat_config}" "${_poxauth_cfg_fixed}")
    message(STATUS "expat from source: expat_config.h fixed (XML_DTD 1, XML_NS 1)")
  endif()
endif()

# Read the version that is being built, and say it.
file(STRINGS "${_poxauth_expat_root}/lib/expat.h" _poxauth_expat_ver REGEX "#define XML_(MAJOR|MINOR|MICRO)_VERSION")
string(REGEX REPLACE ".*MAJOR_VERSION ([0-9]+).*MINOR_VERSION ([0-9]+).*MICRO_VERSION ([0-9]+).*" "\\1.\\2.\\3"
       POXAUTH_EXPAT_SOURCE_VERSION "${_poxauth_expat_ver}")
message(STATUS "expat from source: ${POXAUTH_EXPAT_SOURCE_VERSION} in ${_poxauth_expat_root}, static, built with this build's flags")

set_target_properties(expat PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_include_directories(expat INTERFACE "$<BUILD_INTERFACE:${_poxauth_expat_root}/lib>")
target_compile_definitions(expat INTERFACE XML_STATIC)
add_library(EXPAT::EXPAT ALIAS expat)
set(POXAUTH_EXPAT_TARGET expat)
set(EXPAT_FOUND TRUE)
set(EXPAT_VERSION_STRING "${POXAUTH_EXPAT_SOURCE_VERSION}")

# A static expat built here is not part of any export set, so install rules
# for poxauth cannot be generated: a fuzzing/instrumented build is never
# installed anyway.
if(POXAUTH_INSTALL)
  message(STATUS "expat from source: POXAUTH_INSTALL turned off for this build (instrumented expat is not installable)")
  set(POXAUTH_INSTALL OFF)
endif()
