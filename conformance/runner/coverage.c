/* SPDX-License-Identifier: MIT */
/* --coverage-check: every SPEC.md rule, finding code, rejection class and
 * limit is exercised by at least one case, except the API-level ones
 * listed in EXEMPT (covered by the library's unit tests). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "poxauth.h"
#include "runner.h"

static const char *const RULES[] = {
    "PRO-1", "PRO-2", "PRO-3", "IDN-1", "IDN-2", "KND-1", "KND-2", "KND-3",
    "KND-4", "TYP-1", "TYP-2", "TYP-3", "TYP-4", "VAL-1", "VAL-2", "VAL-3",
    "VAL-4", "VAL-5", "VAL-6", "VAL-7", "VAL-8", "VAL-9", "VER-1", "VER-2",
    "VER-3", "VER-4", "VER-5", "VER-6", "VER-7", "HDR-1", "HDR-2", "REJ-1",
    "REJ-2", "REJ-3", "REJ-4", "REJ-5", "REJ-6", "REJ-7", "STR-1", "OUT-1"};
#define NRULES (sizeof RULES / sizeof RULES[0])

/* API-level: no response bytes can provoke them. */
static const char *const EXEMPT[] = {"REJ-7", "STR-1", "OUT-1",
                                     "out-of-memory"};

static int
exempt(const char *what) {
  size_t i;
  for (i = 0; i < sizeof EXEMPT / sizeof EXEMPT[0]; i++)
    if (strcmp(EXEMPT[i], what) == 0)
      return 1;
  return 0;
}

typedef struct item {
  char name[48];
  const char *what;
  size_t count;
  char first[3][160];
  char last[160]; /* a case counts once per item */
} item;

static void
hit(item *it, size_t n, const char *name, const char *id) {
  size_t i;
  for (i = 0; i < n; i++)
    if (strcmp(it[i].name, name) == 0) {
      if (strcmp(it[i].last, id) == 0)
        return;
      snprintf(it[i].last, sizeof it[i].last, "%s", id);
      if (it[i].count < 3)
        snprintf(it[i].first[it[i].count], sizeof it[i].first[0], "%s", id);
      it[i].count++;
      return;
    }
}

static void
scan(item *it, size_t n, const char *text, size_t len, const char *id) {
  canon_result r;
  size_t i;
  if (canon_parse(text, len, &r, NULL, 0) != 0)
    return;
  if (r.rejected) {
    hit(it, n, r.reject_class, id);
    if (r.reject_limit[0])
      hit(it, n, r.reject_limit, id);
  }
  for (i = 0; i < r.nfindings; i++)
    hit(it, n, r.findings[i].code, id);
  canon_free(&r);
}

int
coverage_check(const conf_case *cases, size_t n) {
  item it[NRULES + POXAUTH_F_COUNT + POXAUTH_REJECT_COUNT + 8];
  size_t k = 0, i, j, missing = 0, unknown = 0;
  int c;
  memset(it, 0, sizeof it);
  for (i = 0; i < NRULES; i++, k++) {
    snprintf(it[k].name, sizeof it[k].name, "%s", RULES[i]);
    it[k].what = "rule";
  }
  for (c = 1; c <= POXAUTH_F_COUNT; c++, k++) {
    snprintf(it[k].name, sizeof it[k].name, "%s",
             poxauth_finding_name((poxauth_finding_code)c));
    it[k].what = "finding";
  }
  for (c = 1; c < POXAUTH_REJECT_COUNT; c++, k++) {
    snprintf(it[k].name, sizeof it[k].name, "%s",
             poxauth_reject_name((poxauth_reject_class)c));
    it[k].what = "class";
  }
  for (c = POXAUTH_LIMIT_INPUT_BYTES; c <= POXAUTH_LIMIT_TEXT_BYTES; c++, k++) {
    snprintf(it[k].name, sizeof it[k].name, "%s",
             poxauth_limit_name((poxauth_limit_id)c));
    it[k].what = "limit";
  }
  for (i = 0; i < n; i++) {
    const conf_case *cs = &cases[i];
    for (j = 0; j < cs->nrules; j++) {
      size_t m;
      int known = 0;
      for (m = 0; m < NRULES; m++)
        known |= strcmp(RULES[m], cs->rules[j]) == 0;
      if (!known) {
        printf("unknown rule %s in %s\n", cs->rules[j], cs->id);
        unknown++;
      }
      hit(it, k, cs->rules[j], cs->id);
    }
    if (cs->may) {
      for (j = 0; j < cs->naccept; j++)
        scan(it, k, cs->accept[j], cs->accept_len[j], cs->id);
    } else {
      for (j = 0; j < NPROFILES; j++)
        scan(it, k, cs->expect[j], cs->expect_len[j], cs->id);
    }
  }
  printf("%-8s %-24s %6s  %s\n", "what", "name", "cases", "first cases");
  for (i = 0; i < k; i++) {
    const char *state = "";
    if (it[i].count == 0) {
      if (exempt(it[i].name)) {
        state = "exempt: covered by unit tests (API level)";
      } else {
        state = "MISSING";
        missing++;
      }
    }
    printf("%-8s %-24s %6lu  %s%s%s%s%s%s\n", it[i].what, it[i].name,
           (unsigned long)it[i].count, state, it[i].first[0],
           it[i].count > 1 ? ", " : "", it[i].first[1],
           it[i].count > 2 ? ", " : "", it[i].first[2]);
  }
  printf("coverage: %lu items, %lu missing, %lu unknown rule names\n",
         (unsigned long)k, (unsigned long)missing, (unsigned long)unknown);
  return missing || unknown ? 1 : 0;
}
