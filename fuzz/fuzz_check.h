/* SPDX-License-Identifier: MIT */
/*
 * Invariant checks shared by the poxauth fuzz targets.  Each one traps
 * (fuzz_fail) when the library breaks a promise of poxauth.h or FORMAT.md.
 */
#ifndef POXAUTH_FUZZ_CHECK_H
#define POXAUTH_FUZZ_CHECK_H

#include <stddef.h>

#include "fuzz_input.h"
#include "fuzz_pad.h"

/* Everything poxauth.h promises about a result r returned with status st
 * for options opts (accessors, ranges, NUL-terminated strings, findings
 * that name an existing Protocol, a rejection that carries a class). */
void fuzz_check_result(const poxauth_result *r, poxauth_status st,
                       const poxauth_options *opts);

/* The canonical text of r, malloc'd and NUL-terminated, *len its length;
 * also checks the snprintf-like contract (size query, cut output). */
char *fuzz_canonical(const poxauth_result *r, size_t *len);

/* Read the canonical text back with the conformance runner's reader
 * (canon_parse); it must parse, print back to the same text, and agree
 * with r.  FORMAT.md bounds a line only under the default text limit: when
 * opts raised max_text_bytes, a longer line is checked against the raised
 * bound instead of read back.  A no-op when built without the reader
 * (POXAUTH_FUZZ_NO_CANON). */
void fuzz_check_canon(const char *text, size_t len, const poxauth_result *r,
                      const poxauth_options *opts);

/* Parse body through the streaming API, chunk sizes from the chunker (or
 * fixed 1-byte chunks when ch is NULL).  Checks the feed/finish status
 * contract and returns finish's status; *out gets the result. */
poxauth_status fuzz_parse_chunked(const poxauth_options *opts,
                                  const uint8_t *body, size_t len,
                                  fuzz_chunker *ch, poxauth_result **out);

/* Trap unless a and b are the same answer: same canonical text, same
 * rejection position, same findings positions, same Protocol positions. */
void fuzz_check_same(const poxauth_result *a, poxauth_status sa,
                     const poxauth_result *b, poxauth_status sb);

/* The same, b being the answer for a padded copy of a's document: every
 * position of a goes through the padding's map first (fuzz_pad.h). */
void fuzz_check_same_mapped(const poxauth_result *a, poxauth_status sa,
                            const poxauth_result *b, poxauth_status sb,
                            const fuzz_pad_map *m);

/* With flag bit6 (in->padded): pad the response across block edges
 * (fuzz_pad.h) and parse it one-shot, cut one byte either side of every
 * edge and of each target, and (chunk_seed not NULL) with that chunker;
 * each must give (r, st), positions mapped.  A no-op without bit6. */
void fuzz_check_padded(const fuzz_input *in, const poxauth_result *r,
                       poxauth_status st, const unsigned *chunk_seed);

/* poxauth_escape on s[0..n) in both styles: valid UTF-8 out, no character
 * of an escaped class, JSON content well-formed, the snprintf contract,
 * and a cut at a cap derived from `cut` that falls between pieces. */
void fuzz_check_escape(const char *s, size_t n, size_t cut);

#endif
