/* SPDX-License-Identifier: MIT */
/*
 * The input format shared by the poxauth fuzz targets: a small context
 * prefix, then the response bytes.  Documented in fuzz/README.md; the
 * conformance runner's --fuzz-corpus export writes seeds in this format, so
 * it is FIXED: extend it only with the reserved flag bit 7.
 *
 *   byte 0     flags: bit0 profile (0 pox, 1 oxdscli)
 *                     bit1 X-ClientCanHandle present
 *                     bit2 server build present
 *                     bit3 custom limits present
 *                     bit4 chunked feeding
 *                     bit5 profile union (wins over bit0)
 *                     bit6 multi-block padding (fuzz_pad.h)
 *                     bit7 ignored
 *   if bit1    n: line count = (n % 4) + 1; then per line: L, L bytes
 *   if bit2    L, L bytes of build text
 *   if bit3    5 x little-endian uint16: max_input_bytes, max_depth,
 *              max_elements, max_protocols, max_text_bytes (0 = default)
 *   if bit4    one byte: the seed of the chunk sizes
 *   if bit6    FUZZ_PAD_SPEC_BYTES bytes: where to pad (fuzz_pad.h)
 *   rest       the response
 *
 * A truncated prefix reads missing bytes as absent: no flags byte means an
 * empty response with default options; a missing count or length byte drops
 * that header (or that line and the ones after it) or the build; a length
 * running past the end takes the bytes that are there; a missing limit (or
 * its high byte) reads as 0 (or as the low byte alone); a missing chunk seed
 * reads as 0; a short pad spec reads its missing bytes as 0.  The
 * response is then empty.
 */
#ifndef POXAUTH_FUZZ_INPUT_H
#define POXAUTH_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "poxauth.h"

#define FUZZ_F_OXDSCLI 0x01u
#define FUZZ_F_CAN_HANDLE 0x02u
#define FUZZ_F_BUILD 0x04u
#define FUZZ_F_LIMITS 0x08u
#define FUZZ_F_CHUNKED 0x10u
#define FUZZ_F_UNION 0x20u /* profile union (wins over FUZZ_F_OXDSCLI) */
#define FUZZ_F_PAD 0x40u   /* multi-block padding of the response */

#define FUZZ_MAX_LINES 4

/* The constant hash salt every target uses (determinism, MSan). */
#define FUZZ_HASH_SALT 0x5eed5eedUL

typedef struct fuzz_input {
  unsigned flags;
  poxauth_options opts; /* ready to use; memory hooks left NULL */
  poxauth_bytes lines[FUZZ_MAX_LINES];
  int chunked;         /* bit4 */
  unsigned chunk_seed; /* its seed byte */
  int padded;          /* bit6 */
  const uint8_t *pad_spec;
  size_t pad_spec_len; /* up to FUZZ_PAD_SPEC_BYTES */
  const uint8_t *body; /* the response */
  size_t body_len;
  size_t prefix_len; /* bytes the prefix took */
} fuzz_input;

/* Decode data[0..size) into *in.  Pointers in *in point into data. */
void fuzz_input_decode(const uint8_t *data, size_t size, fuzz_input *in);

/* Chunk sizes for chunked feeding: a deterministic sequence of sizes in
 * 1..max, max picked by the seed's low 3 bits from
 * {1, 2, 3, 7, 16, 64, 509, 4096}, each size then drawn from a small LCG
 * seeded by the whole seed byte. */
typedef struct fuzz_chunker {
  uint32_t state;
  size_t max;
  const size_t *splits; /* fuzz_chunker_splits: cut there instead */
  size_t nsplits, next, at;
} fuzz_chunker;

void fuzz_chunker_init(fuzz_chunker *c, unsigned seed);
/* Chunks that end at the given offsets (ascending), then one chunk of the
 * rest: splits exactly where they are wanted, e.g. around block edges. */
void fuzz_chunker_splits(fuzz_chunker *c, const size_t *splits, size_t n);
size_t fuzz_chunker_next(fuzz_chunker *c);

/* Encode a prefix (the inverse of fuzz_input_decode) into buf, which must
 * hold at least 1 + 1 + 4*256 + 256 + 10 + 1 bytes; returns its length.
 * Lines and the build are cut to 255 bytes; count 0 means no header. */
size_t fuzz_input_encode_prefix(uint8_t *buf, int oxdscli,
                                const poxauth_bytes *lines, size_t count,
                                const char *build, size_t build_len,
                                const poxauth_limits *limits, int chunked,
                                unsigned chunk_seed);

/* Trap with a message: an invariant broke. */
#define FUZZ_CHECK(cond)                                                       \
  do {                                                                         \
    if (!(cond))                                                               \
      fuzz_fail(__FILE__, __LINE__, #cond);                                    \
  } while (0)

#if defined(__GNUC__)
__attribute__((noreturn))
#endif
void
fuzz_fail(const char *file, int line, const char *what);

/* Optional (weak): a program defines it to print what it was doing when a
 * check broke; fuzz_fail calls it before trapping. */
void fuzz_fail_context(void);

#endif
