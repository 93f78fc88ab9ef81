/* SPDX-License-Identifier: MIT */
/* Helpers shared by the unit tests. */
#ifndef POXAUTH_TESTLIB_H
#define POXAUTH_TESTLIB_H

#include <stddef.h>

#include "poxauth.h"

/* Everything a result says, positions, messages and hints included, as
 * one malloc'd string: two results are the same result exactly when
 * their dumps are equal [STR-1]. */
char *result_dump(const poxauth_result *r);

/* Parse data in chunks of `chunk` bytes (0: the one-call API) from an
 * exactly-sized heap copy, so that ASan sees any read past the end.
 * Returns the dump (malloc'd) and the final status in *st. */
char *run_chunked(const poxauth_options *o, const char *data, size_t len,
                  size_t chunk, poxauth_status *st);

/* The canonical text of a parse (malloc'd). */
char *run_canonical(const poxauth_options *o, const char *data, size_t len,
                    poxauth_status *st);

/* How expat reads the first bytes of d: the width of a character unit
 * (1 or 2) and, for 2, whether big-endian (*be). */
size_t unit_width(const unsigned char *d, size_t n, int *be);

/* Append the ASCII text s[0..k) to o as units of width w; returns the
 * bytes written. */
size_t put_units(unsigned char *o, const char *s, size_t k, size_t w, int be);

/* Where a comment may go in d: after a byte order mark and an XML
 * declaration (its "?>"), else at the start. */
size_t insert_point(const unsigned char *d, size_t n, size_t w, int be);

/* d with a comment of `pad` space units (a line end every 61) inserted at
 * insert_point, in d's own encoding, so that its content moves across
 * block edges without changing its meaning [STR-1].  malloc'd; the length
 * in *out_len; NULL when out of memory. */
unsigned char *pad_comment(const unsigned char *d, size_t n, size_t pad,
                           size_t *out_len);

/* Call fn on every file under the directories argv[1..] or, with none
 * (as ci/test.sh runs the tests under valgrind), the conformance cases,
 * corpus/ and the test data of the source tree the test was built from.
 * 0, or -1 (a message naming the test) when a directory cannot be read.
 * Only in builds that define PX_TEST_SOURCE_DIR. */
int walk_files(int argc, char **argv, void (*fn)(const char *file),
               const char *name);

#endif
