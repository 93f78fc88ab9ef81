/* SPDX-License-Identifier: MIT */
/*
 * poxauth_canon_fuzzer: the conformance runner's reader of the canonical
 * format (conformance/canon/canon.h), which reads what other
 * implementations print and so takes untrusted input.
 *
 * Whatever the input: canon_parse never crashes, a failure leaves a
 * NUL-terminated message and canon_free works either way.  When it parses:
 * canon_print's size query matches its output, the printed text parses
 * again into an equal result (canon_equal both ways, and reflexive), and
 * printing that gives the same text (print is a fixed point).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "canon.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  canon_result a, b;
  char err[128];
  size_t n1, n2;
  char *t1, *t2;

  memset(&a, 0, sizeof a);
  memset(&b, 0, sizeof b);
  memset(err, 'x', sizeof err);
  if (canon_parse((const char *)data, size, &a, err, sizeof err) != 0) {
    FUZZ_CHECK(memchr(err, '\0', sizeof err) != NULL);
    canon_free(&a);
    return 0;
  }
  FUZZ_CHECK(canon_equal(&a, &a));
  n1 = canon_print(&a, NULL, 0);
  t1 = malloc(n1 + 1);
  FUZZ_CHECK(t1 != NULL);
  FUZZ_CHECK(canon_print(&a, t1, n1 + 1) == n1);
  FUZZ_CHECK(t1[n1] == '\0');
  if (canon_parse(t1, n1, &b, err, sizeof err) != 0)
    fuzz_fail(__FILE__, __LINE__, err);
  FUZZ_CHECK(canon_equal(&a, &b));
  FUZZ_CHECK(canon_equal(&b, &a));
  n2 = canon_print(&b, NULL, 0);
  t2 = malloc(n2 + 1);
  FUZZ_CHECK(t2 != NULL);
  FUZZ_CHECK(canon_print(&b, t2, n2 + 1) == n2);
  FUZZ_CHECK(n1 == n2 && memcmp(t1, t2, n1) == 0);
  free(t1);
  free(t2);
  canon_free(&a);
  canon_free(&b);
  return 0;
}
