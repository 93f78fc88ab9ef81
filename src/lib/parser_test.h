/* SPDX-License-Identifier: MIT */
/* A switch for the tests only, never in the installed library: builds
 * that define PX_TESTING (src/tests/CMakeLists.txt compiles the library's
 * sources into test_positions that way) can turn the counted positions
 * off, so that every position comes from expat itself.  The results of
 * both ways must be identical, positions included. */
#ifndef POXAUTH_PARSER_TEST_H
#define POXAUTH_PARSER_TEST_H

#include "poxauth.h"

#ifdef PX_TESTING
void px_parser_expat_positions(poxauth_parser *p, int on);
#endif

#endif
