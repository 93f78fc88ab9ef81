/* SPDX-License-Identifier: MIT */
/* Differential mode: where implementations disagree with the golden answer
 * and with each other, as a text table (the HTML page is html.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"

/* The answer a run gave, as text to compare: a pass is the expectation
 * (a report read back from JSON keeps only what failed). */
static const char *
answer_of(const run_config *cfg, size_t ci, int p, const run_result *r,
          size_t *len) {
  const conf_case *c = &cfg->cases[ci];
  const char *want = expected_text(c, p);
  if ((r->o == OUT_PASS || r->o == OUT_XPASS) && want && *want) {
    *len = strlen(want);
    return want;
  }
  *len = r->got_len;
  return r->got;
}

static int
answer_eq(const run_config *cfg, size_t ci, int p, const run_result *a,
          const run_result *b) {
  canon_result x, y;
  size_t na, nb;
  const char *ta = answer_of(cfg, ci, p, a, &na),
             *tb = answer_of(cfg, ci, p, b, &nb);
  int eq = 0;
  if ((a->o == OUT_PASS || a->o == OUT_XPASS) &&
      (b->o == OUT_PASS || b->o == OUT_XPASS))
    return 1; /* both match the expectation at the level */
  if (ta == NULL || tb == NULL)
    return 0;
  if (canon_parse(ta, na, &x, NULL, 0) == 0) {
    if (canon_parse(tb, nb, &y, NULL, 0) == 0)
      eq = canon_equal_at(&x, &y, (canon_level)cfg->level);
    canon_free(&y);
  }
  canon_free(&x);
  return eq;
}

static int
answered(const run_result *r) {
  outcome o = r->known ? r->raw : r->o;
  return o == OUT_PASS || o == OUT_FAIL || o == OUT_MAY_OK ||
         o == OUT_MAY_OTHER;
}

/* 1 when the implementations answered differently from each other. */
int
row_disagree(const run_config *cfg, size_t ci, int p) {
  size_t i;
  const run_result *first = RESULT(cfg, ci, p, 0);
  for (i = 1; i < cfg->nimpls; i++) {
    const run_result *r = RESULT(cfg, ci, p, i);
    if (answered(first) != answered(r))
      return 1;
    if (answered(r) && !answer_eq(cfg, ci, p, first, r))
      return 1;
  }
  return 0;
}

int
row_interesting(const run_config *cfg, size_t ci, int p) {
  size_t i;
  for (i = 0; i < cfg->nimpls; i++) {
    outcome o = RESULT(cfg, ci, p, i)->o;
    if (o == OUT_SKIP)
      return 0;
    if (o != OUT_PASS && o != OUT_MAY_OK && o != OUT_XFAIL)
      return 1;
  }
  return row_disagree(cfg, ci, p);
}

void
matrix_table(const run_config *cfg, const char *prefix) {
  size_t ci, i, rows = 0;
  int p;
  printf("%s\n%sDifferential matrix (rows where an implementation is not "
         "golden, or they disagree)\n",
         prefix, prefix);
  printf("%s%-60s", prefix, "case [profile]");
  for (i = 0; i < cfg->nimpls; i++) {
    sbuf t = {0};
    sb_text(&t, cfg->impls[i].name, strlen(cfg->impls[i].name));
    printf(" %-12.12s", t.p);
    sb_free(&t);
  }
  printf(" agree\n");
  for (ci = 0; ci < cfg->ncases; ci++)
    for (p = 0; p < NPROFILES; p++) {
      char label[512];
      if (!row_interesting(cfg, ci, p))
        continue;
      rows++;
      snprintf(label, sizeof label, "%s [%s]", cfg->cases[ci].id,
               PROFILE_NAMES[p]);
      fputs(prefix, stdout);
      {
        sbuf t = {0};
        sb_text(&t, label, strlen(label));
        printf("%-60s", t.p);
        sb_free(&t);
      }
      for (i = 0; i < cfg->nimpls; i++)
        printf(" %-12s", OUTCOME_NAMES[RESULT(cfg, ci, p, i)->o]);
      printf(" %s\n", row_disagree(cfg, ci, p) ? "no" : "yes");
    }
  printf("%s%lu rows differ\n%s\n", prefix, (unsigned long)rows, prefix);
}
