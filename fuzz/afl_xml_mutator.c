/* SPDX-License-Identifier: MIT */
/*
 * xml_mutator.c as an AFL++ custom mutator: build it as a plain shared
 * object (no AFL instrumentation; ci/fuzz-afl.sh does) and load it with
 * AFL_CUSTOM_MUTATOR_LIBRARY.  afl-fuzz keeps its own havoc stages too
 * (AFL_CUSTOM_MUTATOR_ONLY unset), so byte-level mutation goes on beside
 * it; one call in eight splices in an element of another queue entry.
 * Outputs are capped at XM_AFL_MAX bytes, a multi-block document once
 * padded (flag bit6) while the input itself stays small.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xml_mutator.h"

#define XM_AFL_MAX 65536u

typedef struct xm_afl {
  unsigned seed;
  uint8_t *out, *scratch;
} xm_afl;

void *afl_custom_init(void *afl, unsigned int seed);
size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size,
                       uint8_t **out_buf, uint8_t *add_buf, size_t add_buf_size,
                       size_t max_size);
void afl_custom_deinit(void *data);

void *
afl_custom_init(void *afl, unsigned int seed) {
  xm_afl *m = (xm_afl *)calloc(1, sizeof *m);
  (void)afl;
  if (!m)
    return NULL;
  m->out = (uint8_t *)malloc(XM_AFL_MAX);
  m->scratch = (uint8_t *)malloc(XM_AFL_MAX);
  if (!m->out || !m->scratch) {
    afl_custom_deinit(m);
    return NULL;
  }
  m->seed = seed;
  return m;
}

size_t
afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size, uint8_t **out_buf,
                uint8_t *add_buf, size_t add_buf_size, size_t max_size) {
  xm_afl *m = (xm_afl *)data;
  size_t cap = max_size < XM_AFL_MAX ? max_size : XM_AFL_MAX, n;
  m->seed = m->seed * 1103515245u + 12345u;
  if (cap == 0) {
    *out_buf = buf;
    return 0;
  }
  if (add_buf && add_buf_size && (m->seed >> 16) % 8 == 0) {
    n = xm_crossover(buf, buf_size, add_buf, add_buf_size, m->out, cap,
                     m->seed);
  } else {
    n = buf_size < cap ? buf_size : cap;
    memcpy(m->out, buf, n);
    n = xm_mutate(m->out, n, cap, m->seed, m->scratch, NULL);
  }
  *out_buf = m->out;
  return n;
}

void
afl_custom_deinit(void *data) {
  xm_afl *m = (xm_afl *)data;
  if (!m)
    return;
  free(m->out);
  free(m->scratch);
  free(m);
}
