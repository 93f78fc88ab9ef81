/* SPDX-License-Identifier: MIT */
/* The blocks expat is handed sit at fixed offsets whatever chunks the
 * caller feeds, and poxauth_parse's one call gives the same answer as
 * those blocks [STR-1].  Every file under the directories given (by
 * default the conformance cases, corpus/ and the test data) is parsed,
 * as it is and with a comment that moves its content across block edges,
 * once with poxauth_parse (one call in this build: its blocks are small
 * and its one-call size is not) and then fed in chunk patterns that end
 * one byte before, on and one byte after block edges.  After every feed
 * the number of calls expat has had must be the number of full blocks
 * behind the last byte fed, (fed - 1) / BLOCK, because a full block goes
 * to expat only once more input arrives; and every pattern's result must
 * equal the one call's, positions and messages included. */
#define _XOPEN_SOURCE 700

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser_test.h"
#include "poxauth.h"
#include "testlib.h"

#define BLOCK ((size_t)PX_TEST_BLOCK_BYTES)

static unsigned long g_pass, g_fail;

/* Chunk sizes, repeated in turn to the end of the input. */
typedef struct pattern {
  const char *name;
  size_t sizes[2], count;
} pattern;

static const pattern PATTERNS[] = {
    {"block - 1, 1", {BLOCK - 1, 1}, 2},
    {"1, block - 1", {1, BLOCK - 1}, 2},
    {"block + 1, block - 1", {BLOCK + 1, BLOCK - 1}, 2},
    {"4093", {4093, 0}, 1},
};

static void
fail(const char *file, const char *variant, const char *pat, const char *why,
     const char *want, const char *got) {
  g_fail++;
  printf("FAIL %s (%s, chunks %s): %s\n--- one call\n%s\n--- fed\n%s\n", file,
         variant, pat, why, want ? want : "(none)", got ? got : "(none)");
}

/* Feed d in the pattern's chunks, checking the blocks after each feed;
 * returns the dump of the result, or NULL (and counts a failure). */
static char *
feed_pattern(const char *file, const char *variant, const pattern *pt,
             const char *d, size_t n) {
  poxauth_options o;
  poxauth_parser *p;
  poxauth_result *r = NULL;
  size_t fed = 0, i = 0;
  char *dump = NULL, why[96];
  poxauth_options_init(&o);
  if (poxauth_parser_create(&o, &p, NULL) != POXAUTH_OK)
    return NULL;
  while (fed < n) {
    size_t k = pt->sizes[i % pt->count];
    if (k > n - fed)
      k = n - fed;
    i++;
    if (poxauth_parser_feed(p, d + fed, k) != POXAUTH_OK)
      break; /* rejected: expat stopped, so the blocks do too */
    fed += k;
    if (px_parser_blocks(p) != (fed - 1) / BLOCK) {
      snprintf(why, sizeof why, "%zu calls to expat after %zu bytes, not %zu",
               px_parser_blocks(p), fed, (fed - 1) / BLOCK);
      fail(file, variant, pt->name, why, "", "");
      poxauth_parser_destroy(p);
      return NULL;
    }
  }
  poxauth_parser_finish(p, &r);
  poxauth_parser_destroy(p);
  if (r)
    dump = result_dump(r);
  poxauth_result_free(r);
  return dump;
}

static void
check_variant(const char *file, const char *variant, const char *d, size_t n) {
  poxauth_options o;
  poxauth_status st;
  size_t i;
  char *one;
  poxauth_options_init(&o);
  one = run_chunked(&o, d, n, 0, &st);
  for (i = 0; i < sizeof PATTERNS / sizeof PATTERNS[0]; i++) {
    char *fed = feed_pattern(file, variant, &PATTERNS[i], d, n);
    if (!fed)
      continue;
    if (one && strcmp(one, fed) == 0)
      g_pass++;
    else
      fail(file, variant, PATTERNS[i].name, "results differ", one, fed);
    free(fed);
  }
  free(one);
}

static void
check_file(const char *file) {
  FILE *f = fopen(file, "rb");
  char *d = NULL;
  unsigned char *o;
  size_t k;
  long n;
  if (!f)
    return;
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 &&
      fseek(f, 0, SEEK_SET) == 0 && (d = malloc((size_t)n)) &&
      fread(d, 1, (size_t)n, f) == (size_t)n) {
    check_variant(file, "as is", d, (size_t)n);
    /* The content from just before to just after the first edge. */
    o = pad_comment((const unsigned char *)d, (size_t)n,
                    BLOCK - 24 - (size_t)n % 48, &k);
    if (o)
      check_variant(file, "padded across an edge", (const char *)o, k);
    free(o);
  }
  free(d);
  fclose(f);
}

int
main(int argc, char **argv) {
  if (walk_files(argc, argv, check_file, "test_blocks") != 0)
    return 2;
  printf("%lu passed, %lu failed\n", g_pass, g_fail);
  return g_fail == 0 && g_pass > 0 ? 0 : 1;
}
