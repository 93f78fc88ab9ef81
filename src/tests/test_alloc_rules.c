/* SPDX-License-Identifier: MIT */
/* Allocation failure inside the rules [REJ-7]: the findings array grows
 * (to 16, 32, 64 entries) only when it is exactly full, so a rule's
 * failure to store its finding needs a document whose findings before that
 * rule fill the array.  Documents of j = 0..40 Protocols with one finding
 * each at parse time (a duplicate AuthPackage), then Protocols that reach
 * every rule that makes a finding, are parsed with each allocation failing
 * in turn.  Every failure must be the out-of-memory rejection with nothing
 * leaked; one inside the rules must sit at the finding that could not be
 * stored (README.md, "Allocation"), and every rule's failure must be seen. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "failing_alloc.h"
#include "poxauth.h"

check_state check_totals;

/* One finding at parse time (value-duplicate), none from the rules. */
#define PREFIX_PROTOCOL                                                        \
  "<Protocol><Type>EXCH</Type><AuthPackage>kerb</AuthPackage>"                 \
  "<AuthPackage/></Protocol>\n"

/* Protocols and the findings the rules make for each, in the order the
 * rules make them (rules.c); none of them has a parse-time finding. */
static const struct {
  const char *xml;
  poxauth_finding_code codes[2];
} suffix[] = {
    {"<Protocol></Protocol>", {POXAUTH_F_TYPE_MISSING}},
    {"<Protocol><Type>exch</Type></Protocol>", {POXAUTH_F_TYPE_CASE}},
    {"<Protocol><Type>EXCH</Type><ServerVersion>zz</ServerVersion>"
     "</Protocol>",
     {POXAUTH_F_SERVERVERSION_MALFORMED}},
    {"<Protocol><Type>WEB</Type><AuthPackage>kerb</AuthPackage></Protocol>",
     {POXAUTH_F_NOT_APPLICABLE}},
    {"<Protocol><Type>EXCH</Type><AuthPackage> kerb </AuthPackage>"
     "</Protocol>",
     {POXAUTH_F_VALUE_TRIMMED}},
    {"<Protocol><Type>EXCH</Type><AuthPackage>Kerb</AuthPackage></Protocol>",
     {POXAUTH_F_VALUE_CASE}},
    {"<Protocol><Type>EXCH</Type><AuthPackage>nego2</AuthPackage></Protocol>",
     {POXAUTH_F_VALUE_ONE_SOURCE}},
    {"<Protocol><Type>EXCH</Type><AuthPackage>bogus</AuthPackage></Protocol>",
     {POXAUTH_F_VALUE_UNKNOWN}},
    {"<Protocol><Type>EXCH</Type><AuthPackage>base</AuthPackage></Protocol>",
     {POXAUTH_F_VALUE_UNKNOWN, POXAUTH_F_VALUE_TRANSLATED}},
    {"<Protocol><Type>EXCH</Type><AuthPackage>negotiate</AuthPackage>"
     "</Protocol>",
     {POXAUTH_F_BUILD_ASSUMED, POXAUTH_F_NEGOTIATE_UNREQUESTED}},
    {"<Protocol><Type>EXHTTP</Type></Protocol>",
     {POXAUTH_F_BUILD_ASSUMED, POXAUTH_F_EXHTTP_UNREQUESTED}},
};

#define NSUFFIX (sizeof suffix / sizeof suffix[0])
#define MAX_PREFIX 40

/* The rule-time findings in the order they are made: suffix entry, code. */
static size_t rule_proto[2 * NSUFFIX];
static poxauth_finding_code rule_code[2 * NSUFFIX];
static size_t nrules;
/* Every (suffix entry, code) whose failure was seen, over all j. */
static int seen_fail[2 * NSUFFIX];

static char *
make_doc(size_t j) {
  size_t cap = 4096 + j * sizeof PREFIX_PROTOCOL, i;
  char *d = (char *)malloc(cap);
  if (!d)
    return NULL;
  strcpy(d,
         "<?xml version=\"1.0\"?>\n<Autodiscover xmlns=\"" R
         "\"><Response xmlns=\"" A "\"><Account><Action>settings</Action>\n");
  for (i = 0; i < j; i++)
    strcat(d, PREFIX_PROTOCOL);
  for (i = 0; i < NSUFFIX; i++) {
    strcat(d, suffix[i].xml);
    strcat(d, "\n");
  }
  strcat(d, "</Account></Response></Autodiscover>\n");
  return d;
}

static const poxauth_finding *
find(const poxauth_result *r, size_t proto, poxauth_finding_code c) {
  size_t i;
  for (i = 0; i < poxauth_result_finding_count(r); i++) {
    const poxauth_finding *f = poxauth_result_finding(r, i);
    if (f->protocol == proto && f->code == c)
      return f;
  }
  return NULL;
}

/* The baseline holds exactly the findings the document was built for. */
static void
check_baseline(const poxauth_result *r, size_t j) {
  size_t i;
  CHECK_MSG(poxauth_result_finding_count(r) == j + nrules,
            "j %zu: %zu findings, want %zu", j, poxauth_result_finding_count(r),
            j + nrules);
  for (i = 0; i < j; i++)
    CHECK(find(r, i, POXAUTH_F_VALUE_DUPLICATE) != NULL);
  for (i = 0; i < nrules; i++)
    CHECK_MSG(find(r, j + rule_proto[i], rule_code[i]) != NULL,
              "j %zu: no %s for Protocol %zu", j,
              poxauth_finding_name(rule_code[i]), j + rule_proto[i]);
}

static void
run(size_t j) {
  poxauth_options o;
  poxauth_result *base, *r;
  char *doc = make_doc(j);
  size_t len, k, want = 0, got = 0;
  int succeeded = 0;
  /* The rule-time findings whose store grows the array: the (16k)th
   * finding overall (0-based 0, 16, 32, 64) when the rules make it. */
  int grows[2 * NSUFFIX];
  if (!doc) {
    CHECK(doc != NULL);
    return;
  }
  len = strlen(doc);
  poxauth_options_init(&o);
  o.memory.malloc_fcn = t_malloc;
  o.memory.realloc_fcn = t_realloc;
  o.memory.free_fcn = t_free;
  fail_at = 0;
  CHECK(poxauth_parse(&o, doc, len, &base, NULL) == POXAUTH_OK);
  check_baseline(base, j);
  for (k = 0; k < nrules; k++) {
    size_t idx = j + k;
    grows[k] = idx == 0 || idx == 16 || idx == 32 || idx == 64;
    want += (size_t)grows[k];
  }
  for (fail_at = 1; fail_at < 100000 && !succeeded; fail_at++) {
    poxauth_status st;
    const poxauth_rejection *rej;
    alloc_count = 0;
    outstanding = 0;
    st = poxauth_parse(&o, doc, len, &r, NULL);
    rej = poxauth_result_rejection(r);
    if (alloc_count < fail_at) {
      succeeded = 1;
      CHECK(st == POXAUTH_OK);
    } else if (rej && rej->cls == POXAUTH_REJECT_NOT_WELL_FORMED &&
               strcmp(rej->message, "unbound prefix") == 0) {
      /* expat 2.5.0's misreport of its own failure (SPEC.md REJ-7) */
    } else {
      /* No result at all when the parser itself could not be made. */
      CHECK_MSG(st == POXAUTH_ERR_NOMEM &&
                    (!r || (rej && rej->cls == POXAUTH_REJECT_NOMEM &&
                            poxauth_result_protocol_count(r) == 0 &&
                            poxauth_result_finding_count(r) == 0)),
                "j %zu fail_at %lu: status %s, not the out-of-memory "
                "rejection",
                j, fail_at, poxauth_status_name(st));
      if (rej && strstr(rej->message, "after the end")) {
        /* In the rules: at the finding that could not be stored. */
        int match = 0;
        got++;
        for (k = 0; k < nrules; k++) {
          const poxauth_finding *f =
              find(base, j + rule_proto[k], rule_code[k]);
          if (grows[k] && f && f->line == rej->line &&
              f->column == rej->column) {
            match = 1;
            seen_fail[k] = 1;
          }
        }
        CHECK_MSG(match,
                  "j %zu fail_at %lu: out of memory in the rules at %lu:%lu, "
                  "not at a finding that grows the array",
                  j, fail_at, rej->line, rej->column);
      } else if (rej) {
        CHECK_MSG(rej->line >= 1 && rej->column >= 1,
                  "j %zu fail_at %lu: out of memory without a position", j,
                  fail_at);
      }
    }
    poxauth_result_free(r);
    CHECK_MSG(outstanding == 0, "j %zu fail_at %lu: %ld blocks leaked", j,
              fail_at, outstanding);
  }
  CHECK_MSG(succeeded, "j %zu: never succeeded", j);
  CHECK_MSG(got == want,
            "j %zu: %zu failures inside the rules, want %zu (one per growth "
            "of the findings array the rules make)",
            j, got, want);
  poxauth_result_free(base);
  free(doc);
}

int
main(void) {
  size_t i, j;
  for (i = 0; i < NSUFFIX; i++)
    for (j = 0; j < 2 && suffix[i].codes[j]; j++) {
      rule_proto[nrules] = i;
      rule_code[nrules++] = suffix[i].codes[j];
    }
  for (j = 0; j <= MAX_PREFIX; j++)
    run(j);
  for (i = 0; i < nrules; i++)
    CHECK_MSG(seen_fail[i],
              "the rules' failure to store %s (Protocol %zu "
              "of the suffix) was never seen",
              poxauth_finding_name(rule_code[i]), rule_proto[i]);
  return check_report("alloc-rules");
}
