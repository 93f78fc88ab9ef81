/* SPDX-License-Identifier: MIT */
/* Counting allocator for the memory figures.  expat's memory suite and
 * poxauth_memory take no context pointer, so the counters are globals;
 * the benchmark is single-threaded. */
#ifndef POXAUTH_BENCH_ALLOC_H
#define POXAUTH_BENCH_ALLOC_H

#include <stddef.h>

typedef struct bench_heap_stats {
  size_t current; /* bytes live now                  */
  size_t peak;    /* most bytes live at once         */
  size_t allocs;  /* malloc + realloc calls          */
} bench_heap_stats;

extern bench_heap_stats bench_heap;

void bench_heap_reset(void);
void *bench_malloc(size_t size);
void *bench_realloc(void *ptr, size_t size);
void bench_free(void *ptr);

#endif
