/* SPDX-License-Identifier: MIT */
/*
 * xml_mutator_test FILE...: the XML-aware mutator never fails and stays
 * bounded: from each file (and from random bytes), 300 chained mutations
 * and cross-overs at several max sizes, each result 1..max_size bytes
 * (under ASan: no access outside the buffers).  Exit 0 when all held.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xml_mutator.h"

#define CAP 70000u

static int
chain(const uint8_t *seed, size_t n, unsigned s) {
  static uint8_t buf[CAP], scratch[CAP], out[CAP];
  size_t len = n < CAP ? n : CAP, i, max;
  memcpy(buf, seed, len);
  for (i = 0; i < 300; i++) {
    s = s * 1103515245u + 12345u;
    max = (s >> 8) % 4 == 0 ? 1 + (s >> 12) % 64 : CAP;
    if (len > max)
      len = max;
    if (i % 10 == 9) {
      size_t m = xm_crossover(buf, len, seed, n < CAP ? n : CAP, out, max, s);
      if (m > max)
        return -1;
      memcpy(buf, out, m);
      len = m;
      continue;
    }
    len = xm_mutate(buf, len, max, s, scratch, NULL);
    if (len == 0 || len > max)
      return -1;
    if (xm_prefix_len(buf, len) > len)
      return -1;
  }
  return 0;
}

int
main(int argc, char **argv) {
  int i, bad = 0;
  unsigned k;
  uint8_t junk[512];
  for (i = 1; i < argc; i++) {
    FILE *f = fopen(argv[i], "rb");
    static uint8_t data[CAP];
    size_t n;
    if (!f) {
      fprintf(stderr, "cannot read %s\n", argv[i]);
      return 1;
    }
    n = fread(data, 1, sizeof data, f);
    fclose(f);
    if (chain(data, n, (unsigned)i) != 0) {
      fprintf(stderr, "mutator out of bounds from %s\n", argv[i]);
      bad = 1;
    }
  }
  for (k = 0; k < 200; k++) {
    size_t j;
    for (j = 0; j < sizeof junk; j++)
      junk[j] = (uint8_t)((k * 131u + j * 7u) ^ (j >> 3));
    if (chain(junk, k % sizeof junk, k) != 0) {
      fprintf(stderr, "mutator out of bounds from junk %u\n", k);
      bad = 1;
    }
  }
  printf("xml_mutator: %d files and 200 junk inputs, 300 mutations each: %s\n",
         argc - 1, bad ? "FAILED" : "ok");
  return bad;
}
