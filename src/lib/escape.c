/* SPDX-License-Identifier: MIT */
/* The one escaping rule for everything poxauth shows to people (README.md,
 * "Hostile bytes"): a byte or character that could move the
 * cursor, recolour or retitle a terminal, reorder what is shown, hide, or
 * break a line is written as a visible escape.  The tool, the runner and the
 * library's own messages all go through here, so there is one rule. */
#include <string.h>

#include "internal.h"

/* The output being written: `written` bytes are in dst, `len` is what the
 * whole text needs.  Once a piece does not fit, nothing more is written, so
 * the text is cut between pieces, never inside an escape or a character. */
typedef struct esc_sink {
  char *dst;
  size_t cap, written, len;
  int cut;
} esc_sink;

static void
emit(esc_sink *o, const char *s, size_t n) {
  if (!o->cut && o->cap > 0 && n <= o->cap - 1 - o->written) {
    memcpy(o->dst + o->written, s, n);
    o->written += n;
  } else {
    o->cut = 1;
  }
  o->len += n;
}

static const char hex[] = "0123456789ABCDEF";

/* "\xHH" (text) or "\\xHH" (inside a JSON string): a byte that is not
 * valid UTF-8, shown as itself. */
static void
emit_byte(esc_sink *o, unsigned char b, poxauth_escape_style style) {
  char e[5];
  size_t n = 0;
  e[n++] = '\\';
  if (style == POXAUTH_ESCAPE_JSON)
    e[n++] = '\\';
  e[n++] = 'x';
  e[n++] = hex[b >> 4];
  e[n++] = hex[b & 15];
  emit(o, e, n);
}

static void
put_u16(char *e, unsigned long v) {
  e[0] = '\\';
  e[1] = 'u';
  e[2] = hex[(v >> 12) & 15];
  e[3] = hex[(v >> 8) & 15];
  e[4] = hex[(v >> 4) & 15];
  e[5] = hex[v & 15];
}

/* A character of the escaped classes: "\t", "\n", "\r", "\xHH" for the
 * other C0 controls and DEL, "\uXXXX" or "\UXXXXXXXX" for the rest (text);
 * "\uXXXX", as a surrogate pair above U+FFFF, in JSON. */
static void
emit_cp(esc_sink *o, unsigned long cp, poxauth_escape_style style) {
  char e[12];
  if (style == POXAUTH_ESCAPE_JSON) {
    if (cp > 0xFFFFul) {
      cp -= 0x10000ul;
      put_u16(e, 0xD800ul + (cp >> 10));
      put_u16(e + 6, 0xDC00ul + (cp & 0x3FFul));
      emit(o, e, 12);
    } else {
      put_u16(e, cp);
      emit(o, e, 6);
    }
  } else if (cp == '\t') {
    emit(o, "\\t", 2);
  } else if (cp == '\n') {
    emit(o, "\\n", 2);
  } else if (cp == '\r') {
    emit(o, "\\r", 2);
  } else if (cp < 0x80) {
    emit_byte(o, (unsigned char)cp, style);
  } else if (cp > 0xFFFFul) {
    int i;
    e[0] = '\\';
    e[1] = 'U';
    for (i = 0; i < 8; i++)
      e[2 + i] = hex[(cp >> (28 - 4 * i)) & 15];
    emit(o, e, 10);
  } else {
    put_u16(e, cp);
    emit(o, e, 6);
  }
}

/* Length of the valid UTF-8 sequence at s[0..n) and its code point, or 0:
 * overlong forms, surrogates, values past U+10FFFF, stray continuation
 * bytes and cut sequences are not valid. */
static size_t
utf8_decode(const unsigned char *s, size_t n, unsigned long *cp) {
  size_t len, i;
  unsigned long v, min;
  /* Not reached from poxauth_escape, which writes ASCII itself; kept so
   * that the function means what its comment says for any byte. */
  /* cov: unreachable branch: the reason below */
  if (s[0] < 0x80) {
    /* cov: unreachable: the only call, in poxauth_escape, comes after its
     * own branch for s[i] < 0x80 */
    *cp = s[0];
    return 1;
  }
  if (s[0] >= 0xC2 && s[0] <= 0xDF)
    len = 2, min = 0x80, v = s[0] & 0x1Fu;
  else if (s[0] >= 0xE0 && s[0] <= 0xEF)
    len = 3, min = 0x800, v = s[0] & 0x0Fu;
  else if (s[0] >= 0xF0 && s[0] <= 0xF4)
    len = 4, min = 0x10000, v = s[0] & 0x07u;
  else
    return 0;
  if (len > n)
    return 0;
  for (i = 1; i < len; i++) {
    if ((s[i] & 0xC0u) != 0x80u)
      return 0;
    v = (v << 6) | (s[i] & 0x3Fu);
  }
  if (v < min || v > 0x10FFFFul || (v >= 0xD800ul && v <= 0xDFFFul))
    return 0;
  *cp = v;
  return len;
}

/* The characters above ASCII that are escaped: C1 controls, and the
 * invisible format characters that reorder, join, hide or break text. */
static int
invisible(unsigned long cp) {
  static const unsigned long ranges[][2] = {
      {0x0080, 0x009F},   /* C1 controls (CSI is U+009B)               */
      {0x00AD, 0x00AD},   /* soft hyphen                               */
      {0x061C, 0x061C},   /* Arabic letter mark                        */
      {0x180E, 0x180E},   /* Mongolian vowel separator                 */
      {0x200B, 0x200F},   /* zero-width space, (non-)joiner, LRM, RLM  */
      {0x2028, 0x202E},   /* line/paragraph separators, bidi embedding */
      {0x2060, 0x2064},   /* word joiner, invisible operators          */
      {0x2066, 0x206F},   /* bidi isolates, deprecated format controls */
      {0xFEFF, 0xFEFF},   /* zero-width no-break space (BOM)           */
      {0xFFF9, 0xFFFB},   /* interlinear annotation                    */
      {0xE0001, 0xE0001}, /* language tag                              */
      {0xE0020, 0xE007F}, /* tag characters (invisible ASCII)          */
  };
  size_t i;
  for (i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
    if (cp >= ranges[i][0] && cp <= ranges[i][1])
      return 1;
  return 0;
}

/* One ASCII byte: printable ones as themselves, except the characters
 * that would make an escape ambiguous (or end a JSON string). */
static void
emit_ascii(esc_sink *o, unsigned char c, poxauth_escape_style style) {
  char ch = (char)c;
  if (c < 0x20 || c == 0x7F)
    emit_cp(o, c, style);
  else if (c == '\\')
    emit(o, "\\\\", 2);
  else if (c == '"' && style == POXAUTH_ESCAPE_JSON)
    emit(o, "\\\"", 2);
  else
    emit(o, &ch, 1);
}

size_t
poxauth_escape(char *dst, size_t cap, const char *src, size_t len,
               poxauth_escape_style style) {
  const unsigned char *s = (const unsigned char *)src;
  esc_sink o;
  size_t i = 0;
  o.dst = dst;
  o.cap = dst ? cap : 0;
  o.written = 0;
  o.len = 0;
  o.cut = 0;
  if (style != POXAUTH_ESCAPE_JSON)
    style = POXAUTH_ESCAPE_TEXT;
  if (!src)
    len = 0;
  while (i < len) {
    unsigned long cp;
    size_t k;
    if (s[i] < 0x80) {
      emit_ascii(&o, s[i], style);
      i++;
      continue;
    }
    k = utf8_decode(s + i, len - i, &cp);
    if (k == 0) {
      emit_byte(&o, s[i], style); /* then resynchronise on the next byte */
      i++;
    } else {
      if (invisible(cp))
        emit_cp(&o, cp, style);
      else
        emit(&o, src + i, k);
      i += k;
    }
  }
  if (o.cap > 0)
    o.dst[o.written] = '\0';
  return o.len;
}
