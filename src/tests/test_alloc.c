/* SPDX-License-Identifier: MIT */
/* Allocation failure [REJ-7]: fail the k-th allocation for k = 1, 2, ...
 * until a parse succeeds.  Every run must return cleanly with an
 * out-of-memory status and leave nothing allocated.  expat's hooks carry
 * no context pointer, so the failing allocator keeps its state here. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "poxauth.h"

check_state check_totals;

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

#define R "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"
#define A "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a"

static const char *const docs[] = {
    "<?xml version=\"1.0\"?><Autodiscover xmlns=\"" R "\"><Response xmlns=\"" A
    "\"><Account><Action>settings</Action>"
    "<Protocol><Type>EXCH</Type><ServerVersion>73C083E3</ServerVersion>"
    "<AuthPackage> Negotiate <x/></AuthPackage><AuthPackage>b</AuthPackage>"
    "</Protocol>"
    "<Protocol Type=\"mapiHttp\"><AuthPackage>n\xc3\xa9gocier</AuthPackage>"
    "</Protocol>"
    "<Protocol><Type>EXHTTP</Type><ServerVersion>zz</ServerVersion>"
    "</Protocol><Protocol><Type>exch</Type></Protocol>"
    "<Protocol><Type>EXPR</Type><AuthPackage/></Protocol>"
    "<Protocol><Type>WEB</Type></Protocol><Protocol><Type>POP3</Type>"
    "</Protocol><Protocol><Type>IMAP</Type></Protocol>"
    "<Protocol><Type>SMTP</Type><AuthPackage>basic</AuthPackage></Protocol>"
    "<Protocol><Type>EXCH</Type><AuthPackage>kerb</AuthPackage></Protocol>"
    "</Account></Response></Autodiscover>",
    "<?xml version=\"1.0\"?><Autodiscover xmlns=\"" R "\"><Response xmlns=\"" R
    "\"><Error><ErrorCode>600</ErrorCode></Error></Response></Autodiscover>",
    "<?xml version=\"1.0\"?><Autodiscover xmlns=\"" R "\"><Response xmlns=\"" A
    "\"><Account><Action>bogus</Action></Account></Response></Autodiscover>",
    "<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>",
    "<Autodiscover xmlns=\"" R "\"><broken",
};

static void
run(const char *doc, size_t chunk) {
  poxauth_options o;
  size_t len = strlen(doc);
  int succeeded = 0;
  poxauth_options_init(&o);
  o.memory.malloc_fcn = t_malloc;
  o.memory.realloc_fcn = t_realloc;
  o.memory.free_fcn = t_free;
  for (fail_at = 1; fail_at < 100000 && !succeeded; fail_at++) {
    poxauth_result *r = NULL;
    poxauth_parser *p = NULL;
    poxauth_status st;
    alloc_count = 0;
    outstanding = 0;
    if (chunk == 0) {
      st = poxauth_parse(&o, doc, len, &r, NULL);
    } else {
      size_t off;
      st = poxauth_parser_create(&o, &p, NULL);
      if (st == POXAUTH_OK) {
        for (off = 0; off < len; off += chunk)
          poxauth_parser_feed(p, doc + off, len - off < chunk ? len - off
                                                               : chunk);
        st = poxauth_parser_finish(p, &r);
        poxauth_parser_destroy(p);
      }
    }
    if (alloc_count < fail_at) {
      succeeded = 1; /* no allocation failed this time */
      CHECK(st == POXAUTH_OK || st == POXAUTH_REJECTED);
    } else {
      const poxauth_rejection *rej = poxauth_result_rejection(r);
      CHECK_MSG(st == POXAUTH_ERR_NOMEM || st == POXAUTH_REJECTED,
                "fail_at %lu: status %s", fail_at, poxauth_status_name(st));
      if (st == POXAUTH_ERR_NOMEM && r)
        CHECK_MSG(rej && rej->cls == POXAUTH_REJECT_NOMEM &&
                      poxauth_result_protocol_count(r) == 0 &&
                      poxauth_result_finding_count(r) == 0,
                  "fail_at %lu: NOMEM must be a rejection, not a partial "
                  "answer",
                  fail_at);
    }
    poxauth_result_free(r);
    CHECK_MSG(outstanding == 0, "fail_at %lu chunk %zu: %ld blocks leaked",
              fail_at, chunk, outstanding);
  }
  CHECK_MSG(succeeded, "never succeeded");
}

int
main(void) {
  size_t i;
  for (i = 0; i < sizeof docs / sizeof docs[0]; i++) {
    run(docs[i], 0);
    run(docs[i], 7);
  }
  return check_report("alloc");
}
