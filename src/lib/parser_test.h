/* SPDX-License-Identifier: MIT */
/* Hooks for the tests only, never in the installed library: builds that
 * define PX_TESTING (src/tests/CMakeLists.txt compiles the library's
 * sources into test_positions and test_blocks that way) can turn the
 * counted positions off, so that every position comes from expat itself
 * (the results of both ways must be identical, positions included), and
 * can read how many calls expat has been given, so that a test sees the
 * blocks sit at fixed offsets whatever the chunks [STR-1]. */
#ifndef POXAUTH_PARSER_TEST_H
#define POXAUTH_PARSER_TEST_H

#include "poxauth.h"

#ifdef PX_TESTING
void px_parser_expat_positions(poxauth_parser *p, int on);
size_t px_parser_blocks(const poxauth_parser *p);
#endif

#endif
