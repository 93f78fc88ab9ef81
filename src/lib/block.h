/* SPDX-License-Identifier: MIT */
/* The size of the blocks poxauth hands expat [STR-1]: in a header of its
 * own so that the fuzz harnesses, which place bytes on block edges, use
 * the library's own figure.  Not installed. */
#ifndef POXAUTH_BLOCK_H
#define POXAUTH_BLOCK_H

#include <stddef.h>

/* expat's buffer is BLOCK_BYTES + BLOCK_SLACK, a power of two (expat
 * sizes its buffer by doubling); the slack holds the 1 KiB of context
 * expat keeps and a markup token cut by a block edge.  Tests build the
 * library with smaller figures. */
#ifndef PX_BUFFER_BYTES
#define PX_BUFFER_BYTES ((size_t)64 * 1024)
#endif
#ifndef PX_BLOCK_SLACK
#define PX_BLOCK_SLACK ((size_t)8 * 1024)
#endif
#define PX_BLOCK_BYTES ((size_t)PX_BUFFER_BYTES - (size_t)PX_BLOCK_SLACK)

/* poxauth_parse holds the whole input already, so up to this size it
 * hands it to expat as one final call: expat walks the bytes of every
 * non-final call again for its line and column (about 12 instructions a
 * byte that no API turns off), and a final call it does not.  expat copies
 * the input into a buffer of at most 32 x PX_BUFFER_BYTES (2 MiB), the
 * bound of poxauth_parse's heap; larger inputs, and all that is fed to
 * poxauth_parser_feed, go in blocks.  One call and the blocks agree on
 * every accepted input; an error expat reports may differ where a block
 * edge cuts the token at fault, so poxauth_parse reads an input expat
 * rejected again in blocks.  The chunk tests and the multi-block fuzzers
 * check parse against feed [STR-1]. */
#ifndef PX_ONE_CALL_BYTES
#define PX_ONE_CALL_BYTES                                                      \
  ((size_t)32 * PX_BUFFER_BYTES - (size_t)PX_BLOCK_SLACK)
#endif

#endif
