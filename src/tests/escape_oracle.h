/* SPDX-License-Identifier: MIT */
/* The test oracle of the escaping rule (README.md, "Hostile bytes"),
 * shared by test_escape and the fuzz targets' escape check: a UTF-8
 * decoder and the list of characters no output may hold raw, written apart
 * from src/lib/escape.c so that one mistake in both cannot hide.  Not
 * installed. */
#ifndef POXAUTH_ESCAPE_ORACLE_H
#define POXAUTH_ESCAPE_ORACLE_H

#include <stddef.h>

/* Length of a valid UTF-8 sequence at s[0..n) and its code point, or 0. */
static inline size_t
oracle_utf8(const unsigned char *s, size_t n, unsigned long *cp) {
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

/* The characters no output may hold raw. */
static inline int
oracle_escaped(unsigned long cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xAD || cp == 0x61C ||
         cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
         (cp >= 0x2066 && cp <= 0x206F) || cp == 0xFEFF ||
         (cp >= 0xFFF9 && cp <= 0xFFFB) || cp == 0xE0001 ||
         (cp >= 0xE0020 && cp <= 0xE007F);
}

#endif
