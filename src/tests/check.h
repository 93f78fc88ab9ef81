/* SPDX-License-Identifier: MIT */
/* A minimal test harness: CHECK records a failure and goes on, so one run
 * shows every broken expectation; the closing line is the plain
 * "N passed, N failed" that CI reads. */
#ifndef POXAUTH_TEST_CHECK_H
#define POXAUTH_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

typedef struct check_state {
  unsigned long passed, failed;
} check_state;

extern check_state check_totals;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (cond) {                                                                \
      check_totals.passed++;                                                   \
    } else {                                                                   \
      check_totals.failed++;                                                   \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                          \
  } while (0)

#define CHECK_MSG(cond, ...)                                                   \
  do {                                                                         \
    if (cond) {                                                                \
      check_totals.passed++;                                                   \
    } else {                                                                   \
      check_totals.failed++;                                                   \
      fprintf(stderr, "%s:%d: CHECK failed: %s: ", __FILE__, __LINE__, #cond); \
      fprintf(stderr, __VA_ARGS__);                                            \
      fputc('\n', stderr);                                                     \
    }                                                                          \
  } while (0)

#define CHECK_STR(got, want)                                                   \
  CHECK_MSG(strcmp((got), (want)) == 0, "got\n%s\nwant\n%s", (got), (want))

/* Prints the closing line; returns the process exit status. */
static inline int
check_report(const char *suite) {
  printf("%s: %lu passed, %lu failed\n", suite, check_totals.passed,
         check_totals.failed);
  return check_totals.failed ? 1 : 0;
}

/* The response namespace (R) and the Outlook response schema (A), which
 * the tests' documents are written in. */
#define R                                                                      \
  "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"
#define A                                                                      \
  "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/" \
  "2006a"

#endif
