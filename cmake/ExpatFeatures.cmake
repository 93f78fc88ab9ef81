# SPDX-License-Identifier: MIT
# What the expat poxauth builds on can do, found at configure time.
#
# Reparse deferral (XML_SetReparseDeferralEnabled, expat 2.6.0, or a
# distribution's backport of it): without it, expat parses an unfinished
# token again from its start each time more input arrives, so one large
# token costs time quadratic in its size (README.md, "The expat floor").
# Sets POXAUTH_HAVE_REPARSE_DEFERRAL and says which it is.
include(CheckSymbolExists)

if(POXAUTH_EXPAT_SOURCE_DIR)
  # Built from source here: its header tells.
  file(STRINGS "${_poxauth_expat_root}/lib/expat.h" _poxauth_rd
       REGEX "XML_SetReparseDeferralEnabled")
  if(_poxauth_rd)
    set(POXAUTH_HAVE_REPARSE_DEFERRAL 1)
  else()
    set(POXAUTH_HAVE_REPARSE_DEFERRAL 0)
  endif()
else()
  set(CMAKE_REQUIRED_INCLUDES ${EXPAT_INCLUDE_DIRS})
  set(CMAKE_REQUIRED_LIBRARIES ${EXPAT_LIBRARIES})
  set(CMAKE_REQUIRED_QUIET ON)
  check_symbol_exists(XML_SetReparseDeferralEnabled "expat.h" POXAUTH_HAVE_REPARSE_DEFERRAL)
  unset(CMAKE_REQUIRED_INCLUDES)
  unset(CMAKE_REQUIRED_LIBRARIES)
  unset(CMAKE_REQUIRED_QUIET)
endif()

if(POXAUTH_HAVE_REPARSE_DEFERRAL)
  message(STATUS "expat reparse deferral: yes (large tokens cost linear time)")
else()
  message(STATUS "expat reparse deferral: no (expat before 2.6.0 without the "
                 "CVE-2023-52425 backport): one large token costs time quadratic "
                 "in its size, bounded by max_input_bytes (README.md, \"The expat floor\")")
endif()
