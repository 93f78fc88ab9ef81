/* SPDX-License-Identifier: MIT */
/* poxauth_escape's promises (README.md, "Hostile bytes"), checked on any
 * bytes; see fuzz_check.h. */
#include <stdlib.h>
#include <string.h>

#include "escape_oracle.h" /* src/tests */
#include "fuzz_check.h"

/* Valid UTF-8 holding no character of the escaped classes; in JSON style,
 * also no '"' that is not escaped and no dangling backslash. */
static void
check_output(const char *out, size_t len, poxauth_escape_style style) {
  const unsigned char *u = (const unsigned char *)out;
  size_t i = 0;
  int backslash = 0;
  while (i < len) {
    unsigned long cp;
    size_t k = oracle_utf8(u + i, len - i, &cp);
    FUZZ_CHECK(k > 0);
    FUZZ_CHECK(!oracle_escaped(cp));
    if (style == POXAUTH_ESCAPE_JSON) {
      FUZZ_CHECK(cp != '"' || backslash);
      backslash = cp == '\\' && !backslash;
    }
    i += k;
  }
  FUZZ_CHECK(!backslash || style == POXAUTH_ESCAPE_TEXT);
}

void
fuzz_check_escape(const char *s, size_t n, size_t cut) {
  static const poxauth_escape_style styles[] = {POXAUTH_ESCAPE_TEXT,
                                                POXAUTH_ESCAPE_JSON};
  size_t i;
  for (i = 0; i < 2; i++) {
    size_t need = poxauth_escape(NULL, 0, s, n, styles[i]), cap, got;
    char *full = (char *)malloc(need + 1), *part;
    FUZZ_CHECK(need >= n); /* nothing is dropped */
    if (!full)
      return;
    FUZZ_CHECK(poxauth_escape(full, need + 1, s, n, styles[i]) == need);
    FUZZ_CHECK(full[need] == '\0' && strlen(full) == need);
    check_output(full, need, styles[i]);
    /* Cut: a NUL-terminated prefix, never inside an escape (the prefix
     * passes the same check) and the same full length returned. */
    cap = need ? cut % (need + 1) : 0;
    part = (char *)malloc(cap + 1);
    if (part) {
      got = poxauth_escape(part, cap, s, n, styles[i]);
      FUZZ_CHECK(got == need);
      if (cap > 0) {
        size_t plen = strlen(part);
        FUZZ_CHECK(plen < cap);
        FUZZ_CHECK(memcmp(part, full, plen) == 0);
        check_output(part, plen, styles[i]);
      }
      free(part);
    }
    free(full);
  }
}
