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

#endif
