/* SPDX-License-Identifier: MIT */
/* The request context and the small text rules: trimming, case folding,
 * builds, ServerVersion, X-ClientCanHandle. */
#include "internal.h"

int
px_is_xml_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void
px_trim(const char **s, size_t *len) {
  const char *p = *s;
  size_t n = *len;
  while (n > 0 && px_is_xml_space((unsigned char)p[0])) {
    p++;
    n--;
  }
  while (n > 0 && px_is_xml_space((unsigned char)p[n - 1]))
    n--;
  *s = p;
  *len = n;
}

static unsigned char
ascii_lower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* Only ASCII letters fold: the rules say "ASCII-case-insensitive", and a
 * locale-dependent fold would make results differ between machines. */
int
px_ascii_ieq(const char *a, size_t alen, const char *b, size_t blen) {
  size_t i;
  if (alen != blen)
    return 0;
  for (i = 0; i < alen; i++)
    if (ascii_lower((unsigned char)a[i]) != ascii_lower((unsigned char)b[i]))
      return 0;
  return 1;
}

int
poxauth_build_parse(const char *s, size_t len, poxauth_build *out) {
  poxauth_build b;
  size_t i = 0;
  unsigned k;
  if (!out)
    return -1;
  out->nparts = 0;
  for (k = 0; k < 4; k++)
    out->parts[k] = 0;
  if (!s || len == 0)
    return -1;
  b = *out;
  for (;;) {
    unsigned long v = 0;
    size_t digits = 0;
    if (b.nparts == 4)
      return -1;
    while (i < len && s[i] >= '0' && s[i] <= '9') {
      unsigned d = (unsigned)(s[i] - '0');
      /* 4294967295 is the largest part; checked before multiplying so
       * that unsigned long of any width never wraps. */
      if (v > (4294967295UL - d) / 10UL)
        return -1;
      v = v * 10UL + d;
      i++;
      digits++;
    }
    if (digits == 0)
      return -1;
    b.parts[b.nparts++] = v;
    if (i == len)
      break;
    if (s[i] != '.')
      return -1;
    i++;
  }
  *out = b;
  return 0;
}

static int
hex_digit(unsigned char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  c = ascii_lower(c);
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

int
poxauth_server_version_decode(const char *s, size_t len, poxauth_build *out) {
  unsigned long v = 0;
  size_t i;
  if (!out)
    return -1;
  out->nparts = 0;
  out->parts[0] = out->parts[1] = out->parts[2] = out->parts[3] = 0;
  if (!s)
    return -1;
  px_trim(&s, &len);
  if (len != 8)
    return -1;
  for (i = 0; i < 8; i++) {
    int d = hex_digit((unsigned char)s[i]);
    if (d < 0)
      return -1;
    v = (v << 4) | (unsigned long)d;
  }
  /* [VER-6]: bits 27-22 major, 21-16 minor, 14-0 build; the marker nibble
   * and bit 15 are not checked, and there is no revision field. */
  out->parts[0] = (v >> 22) & 0x3FUL;
  out->parts[1] = (v >> 16) & 0x3FUL;
  out->parts[2] = v & 0x7FFFUL;
  out->nparts = 3;
  return 0;
}

int
poxauth_build_rule_active(const poxauth_build *b) {
  static const unsigned long boundary[4] = {15, 0, 995, 14};
  unsigned k;
  if (!b || b->nparts == 0)
    return 1; /* [VER-4]: unknown counts as active */
  for (k = 0; k < b->nparts && k < 4; k++) {
    if (b->parts[k] > boundary[k])
      return 1;
    if (b->parts[k] < boundary[k])
      return 0;
  }
  return 1; /* equal on every known part */
}

unsigned
poxauth_can_handle_parse(const poxauth_bytes *lines, size_t count) {
  unsigned caps = 0;
  size_t l;
  if (!lines)
    return 0;
  for (l = 0; l < count; l++) {
    const char *s = lines[l].data;
    size_t n = s ? lines[l].len : 0, i = 0;
    while (i < n) {
      size_t start;
      while (i < n && (s[i] == ',' || s[i] == ' ' || s[i] == '\t'))
        i++;
      start = i;
      while (i < n && s[i] != ',' && s[i] != ' ' && s[i] != '\t')
        i++;
      if (px_ascii_ieq(s + start, i - start, "Negotiate", 9))
        caps |= POXAUTH_CAN_NEGOTIATE;
      else if (px_ascii_ieq(s + start, i - start, "ExHttpInfo", 10))
        caps |= POXAUTH_CAN_EXHTTPINFO;
    }
  }
  return caps;
}
