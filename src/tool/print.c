/* SPDX-License-Identifier: MIT */
/* Escaped output in pieces through a small buffer, so that no length of
 * text needs an allocation. */
#include <string.h>

#include "print.h"

/* Input bytes per piece.  A piece is escaped to at most 6 bytes per byte
 * (a control character in JSON style is "\\u00XX"). */
#define PIECE 64

void
print_escaped(FILE *out, const char *s, size_t n, poxauth_escape_style style) {
  char buf[(PIECE + 3) * 6 + 1];
  size_t at = 0;
  while (at < n) {
    size_t end = n - at > PIECE ? at + PIECE : n, k = 0, len;
    /* Cut before a byte that is not a UTF-8 continuation byte, or after
     * three of them: either way no valid character spans the cut, so the
     * pieces escape exactly as the whole text would. */
    while (end < n && k < 3 && ((unsigned char)s[end] & 0xC0u) == 0x80u)
      end++, k++;
    len = poxauth_escape(buf, sizeof buf, s + at, end - at, style);
    fwrite(buf, 1, len < sizeof buf ? len : sizeof buf - 1, out);
    at = end;
  }
}

void
print_escaped_cstr(FILE *out, const char *s, poxauth_escape_style style) {
  if (s)
    print_escaped(out, s, strlen(s), style);
}
