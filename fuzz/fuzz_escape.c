/* SPDX-License-Identifier: MIT */
/* poxauth_escape's promises (README.md, "Hostile bytes"), checked on any
 * bytes; see fuzz_check.h. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"

/* A valid UTF-8 sequence at s[0..n): its length and code point, or 0.
 * Written apart from the library's decoder so that one mistake in both
 * cannot hide. */
static size_t
utf8(const unsigned char *s, size_t n, unsigned long *cp) {
  size_t len, i;
  if (s[0] < 0x80) {
    *cp = s[0];
    return 1;
  }
  len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
  if (len == 0 || len > n || s[0] > 0xF4)
    return 0;
  *cp = s[0] & (0x7Fu >> len);
  for (i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    *cp = (*cp << 6) | (s[i] & 0x3Fu);
  }
  if ((len == 2 && *cp < 0x80) || (len == 3 && *cp < 0x800) ||
      (len == 4 && *cp < 0x10000) || *cp > 0x10FFFF ||
      (*cp >= 0xD800 && *cp <= 0xDFFF))
    return 0;
  return len;
}

static int
escaped_class(unsigned long cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xAD || cp == 0x61C ||
         cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
         (cp >= 0x2066 && cp <= 0x206F) || cp == 0xFEFF ||
         (cp >= 0xFFF9 && cp <= 0xFFFB) || cp == 0xE0001 ||
         (cp >= 0xE0020 && cp <= 0xE007F);
}

/* Valid UTF-8 holding no character of the escaped classes; in JSON style,
 * also no '"' that is not escaped and no dangling backslash. */
static void
check_output(const char *out, size_t len, poxauth_escape_style style) {
  const unsigned char *u = (const unsigned char *)out;
  size_t i = 0;
  int backslash = 0;
  while (i < len) {
    unsigned long cp;
    size_t k = utf8(u + i, len - i, &cp);
    FUZZ_CHECK(k > 0);
    FUZZ_CHECK(!escaped_class(cp));
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
