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

#endif
