/* SPDX-License-Identifier: MIT */
/* Allocation hooks for the allocation-failure tests: the fail_at-th
 * allocation (malloc or realloc, counted together in alloc_count) fails,
 * and outstanding counts the blocks not yet freed, so a test sees both the
 * failure it asked for and any leak after it.  One test program includes
 * it once (the hooks take no context, so the state is the program's). */
#ifndef POXAUTH_FAILING_ALLOC_H
#define POXAUTH_FAILING_ALLOC_H

#include <stdlib.h>

static unsigned long alloc_count, fail_at;
static long outstanding;

static void *
t_malloc(size_t n) {
  void *p;
  if (++alloc_count == fail_at)
    return NULL;
  p = malloc(n);
  if (p)
    outstanding++;
  return p;
}

static void *
t_realloc(void *old, size_t n) {
  void *p;
  if (++alloc_count == fail_at)
    return NULL;
  p = realloc(old, n);
  if (p && !old)
    outstanding++;
  return p;
}

static void
t_free(void *p) {
  if (p)
    outstanding--;
  free(p);
}

#endif
