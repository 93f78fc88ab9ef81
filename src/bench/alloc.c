/* SPDX-License-Identifier: MIT */
#include "alloc.h"

#include <stdlib.h>

bench_heap_stats bench_heap;

/* Each block carries its size in a header that keeps malloc's alignment. */
typedef union bench_hdr {
  max_align_t align;
  size_t size;
} bench_hdr;

void
bench_heap_reset(void) {
  bench_heap.current = 0;
  bench_heap.peak = 0;
  bench_heap.allocs = 0;
}

static void
account(size_t old, size_t now) {
  bench_heap.current = bench_heap.current - old + now;
  if (bench_heap.current > bench_heap.peak)
    bench_heap.peak = bench_heap.current;
}

void *
bench_malloc(size_t size) {
  bench_hdr *h;
  if (size > (size_t)-1 - sizeof *h)
    return NULL;
  h = malloc(sizeof *h + size);
  if (!h)
    return NULL;
  h->size = size;
  bench_heap.allocs++;
  account(0, size);
  return h + 1;
}

void *
bench_realloc(void *ptr, size_t size) {
  bench_hdr *h, *nh;
  size_t old;
  if (!ptr)
    return bench_malloc(size);
  if (size > (size_t)-1 - sizeof *h)
    return NULL;
  h = (bench_hdr *)ptr - 1;
  old = h->size;
  nh = realloc(h, sizeof *nh + size);
  if (!nh)
    return NULL;
  nh->size = size;
  bench_heap.allocs++;
  account(old, size);
  return nh + 1;
}

void
bench_free(void *ptr) {
  bench_hdr *h;
  if (!ptr)
    return;
  h = (bench_hdr *)ptr - 1;
  account(h->size, 0);
  free(h);
}
