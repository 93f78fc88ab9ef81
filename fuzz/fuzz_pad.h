/* SPDX-License-Identifier: MIT */
/*
 * Multi-block documents from small inputs.  The library hands expat fixed
 * blocks of FUZZ_BLOCK_BYTES at fixed offsets [STR-1]; a response of a few
 * hundred bytes never crosses one.  Padding inserts ignorable content so
 * that a chosen byte of the response lands at (or next to) a block
 * boundary, and the padded document must give the unpadded one's answer,
 * positions shifted by the padding (fuzz_pad_map_position).
 *
 * Two insertion points, each optional:
 *   D  inside the XML declaration, after "<?xml" and the space or tab that
 *      follows it (whitespace only):
 *      moves the declaration's pseudo-attributes, the prolog and the rest
 *      across a boundary;
 *   A  right after the root element's start tag (whitespace, a comment, a
 *      processing instruction, or a comment between spaces): moves any byte
 *      of the content onto a boundary.
 * Neither pad holds a line break, so it shifts columns of one line only.
 * A pad is left out when its place cannot be found safely: no declaration,
 * or one whose "<?xml" a line break follows (D); a DOCTYPE, an empty root, text
 * or a non-ASCII character before the root's end of start tag (A).  Pads are
 * ASCII encoded in the document's encoding as sniffed from its first bytes
 * (UTF-8, UTF-16LE/BE, with or without a BOM).
 */
#ifndef POXAUTH_FUZZ_PAD_H
#define POXAUTH_FUZZ_PAD_H

#include <stddef.h>
#include <stdint.h>

#include "block.h" /* src/lib: the library's own block size */
#include "poxauth.h"

/* The boundaries to aim at. */
#define FUZZ_BLOCK_BYTES ((unsigned)PX_BLOCK_BYTES)

/* The pad spec of the fuzz input format (flag bit6): 6 bytes.
 *   0-1  little-endian target selector of pad A (a byte at or after A)
 *   2-3  little-endian target selector of pad D (a byte at or after D)
 *   4    bits0-1 boundary of D (0 none, 1..3: the k-th that fits)
 *        bits2-3 boundary of A (0 none, 1..3); both 0 reads as A at 1
 *        bits4-6 offset of A's target from the boundary, -4..+3
 *        bit7    low bit of A's style
 *   5    bit0    high bit of A's style (0 spaces, 1 comment, 2 PI,
 *                3 comment between spaces)
 *        bits1-3 offset of D's target, -4..+3
 *        bit4    whitespace pads alternate space and tab */
#define FUZZ_PAD_SPEC_BYTES 6

enum fuzz_pad_style {
  FUZZ_PAD_SPACES,
  FUZZ_PAD_COMMENT,
  FUZZ_PAD_PI,
  FUZZ_PAD_MIXED
};

/* An explicit request: byte offsets of the original document. */
typedef struct fuzz_pad_req {
  int want_d, want_a;
  size_t target_d, target_a; /* clamped to the pad's place .. the end */
  unsigned block_d, block_a; /* the k-th boundary that fits, from 1 */
  int delta_d, delta_a;      /* the target lands at boundary + delta */
  enum fuzz_pad_style style;
  int tabs;
} fuzz_pad_req;

/* Where the pads went, in the original's coordinates: positions at or
 * after (line, column) on that line move right by chars. */
typedef struct fuzz_pad_map {
  size_t count;
  struct {
    unsigned long line, column, chars;
  } at[2];
} fuzz_pad_map;

typedef struct fuzz_padded {
  uint8_t *doc; /* malloc'd; NULL when nothing was inserted */
  size_t len;
  size_t added;   /* bytes inserted */
  size_t place_d; /* byte offset of D in the original (if used) */
  size_t place_a; /* byte offset of A in the original (if used) */
  int has_d, has_a;
  size_t target_d_out; /* where the targets landed in doc */
  size_t target_a_out;
  fuzz_pad_map map;
} fuzz_padded;

/* Decode a spec (missing bytes read 0) into a request. */
void fuzz_pad_decode(const uint8_t *spec, size_t n, size_t body_len,
                     fuzz_pad_req *req);

/* Pad body per req.  limit is the caller's max_input_bytes (0: default):
 * a pad whose place lies past it is left out, since the truncated prefix
 * would differ.  Returns 1 with out->doc set when something was inserted,
 * 0 otherwise (out->doc NULL; nothing to free), -1 when out of memory. */
int fuzz_pad_build(const uint8_t *body, size_t len, size_t limit,
                   const fuzz_pad_req *req, fuzz_padded *out);
void fuzz_pad_free(fuzz_padded *p);

/* The insertion places alone (for callers enumerating targets); each
 * *place is a byte offset, set only when the function returns its bit:
 * 1 = D found, 2 = A found. */
int fuzz_pad_places(const uint8_t *body, size_t len, size_t *place_d,
                    size_t *place_a);

/* Options for the padded document: max_input_bytes grows by the padding. */
void fuzz_pad_options(const poxauth_options *orig, const fuzz_padded *p,
                      poxauth_options *out);

/* Map a position of the unpadded document's result onto the padded one. */
void fuzz_pad_map_position(const fuzz_pad_map *m, unsigned long *line,
                           unsigned long *column);

#endif
