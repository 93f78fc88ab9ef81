/* SPDX-License-Identifier: MIT */
/* Small helpers: allocation that ends the run on failure (the runner is a
 * command-line tool; the library is the one that must never abort),
 * bounded file reading, and growing strings. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "poxauth.h"
#include "runner.h"

const char *const PROFILE_NAMES[NPROFILES] = {"pox", "oxdscli", "union"};

size_t
profiles_on(const run_config *cfg) {
  size_t n = 0;
  int p;
  for (p = 0; p < NPROFILES; p++)
    n += cfg->profiles[p] ? 1 : 0;
  return n;
}

int
profile_index(const char *name) {
  int p;
  for (p = 0; p < NPROFILES; p++)
    if (strcmp(PROFILE_NAMES[p], name) == 0)
      return p;
  return -1;
}
const char *const OUTCOME_NAMES[OUT_COUNT] = {
    "pass",      "fail", "crash",         "timeout",        "may-ok",
    "may-other", "skip", "known-failure", "unexpected-pass"};
const char *const LEVEL_NAMES[CANON_LEVEL_FULL + 1] = {"none", "values",
                                                       "violations", "full"};

static void
oom(void) {
  fputs("poxauth-conformance: out of memory\n", stderr);
  exit(70);
}

void *
xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (p == NULL)
    oom();
  return p;
}

void *
xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (q == NULL)
    oom();
  return q;
}

char *
xstrndup(const char *s, size_t n) {
  char *d = xmalloc(n + 1);
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

char *
xstrdup(const char *s) {
  return xstrndup(s, strlen(s));
}

char *
path_join(const char *a, const char *b) {
  size_t na = strlen(a), nb = strlen(b);
  char *p = xmalloc(na + nb + 2);
  memcpy(p, a, na);
  p[na] = '/';
  memcpy(p + na + 1, b, nb + 1);
  return p;
}

int
read_file(const char *path, size_t max, char **out, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf;
  size_t n = 0, cap = 4096;
  *out = NULL;
  *len = 0;
  if (f == NULL)
    return -1;
  buf = xmalloc(cap + 1);
  for (;;) {
    size_t got;
    if (n == cap) {
      if (cap > max) {
        free(buf);
        fclose(f);
        return -2;
      }
      cap *= 2;
      buf = xrealloc(buf, cap + 1);
    }
    got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0)
      break;
  }
  if (ferror(f) || n > max) {
    int too_big = n > max;
    free(buf);
    fclose(f);
    return too_big ? -2 : -1;
  }
  fclose(f);
  buf[n] = '\0';
  *out = buf;
  *len = n;
  return 0;
}

int
write_file(const char *path, const void *data, size_t len) {
  FILE *f = fopen(path, "wb");
  int bad;
  if (f == NULL) {
    fprintf(stderr, "poxauth-conformance: %s: %s\n", path, strerror(errno));
    return -1;
  }
  bad = fwrite(data, 1, len, f) != len;
  bad |= fclose(f) != 0;
  if (bad)
    fprintf(stderr, "poxauth-conformance: %s: write failed\n", path);
  return bad ? -1 : 0;
}

void
sb_add(sbuf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
      cap *= 2;
    b->p = xrealloc(b->p, cap);
    b->cap = cap;
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

void
sb_puts(sbuf *b, const char *s) {
  sb_add(b, s, strlen(s));
}

void
sb_printf(sbuf *b, const char *fmt, ...) {
  char small[512];
  va_list ap;
  int k;
  va_start(ap, fmt);
  k = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (k < 0)
    return;
  if ((size_t)k < sizeof small) {
    sb_add(b, small, (size_t)k);
    return;
  }
  {
    char *big = xmalloc((size_t)k + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)k + 1, fmt, ap);
    va_end(ap);
    sb_add(b, big, (size_t)k);
    free(big);
  }
}

/* Escaped with the library's one rule: the same bytes are made visible in
 * every report (README.md, "Escaping"). */
static void
sb_escaped(sbuf *b, const char *s, size_t n, poxauth_escape_style style) {
  size_t need = poxauth_escape(NULL, 0, s, n, style);
  sb_add(b, "", 0); /* a buffer to write into */
  if (b->len + need + 1 > b->cap) {
    size_t cap = b->cap;
    while (cap < b->len + need + 1)
      cap *= 2;
    b->p = xrealloc(b->p, cap);
    b->cap = cap;
  }
  poxauth_escape(b->p + b->len, need + 1, s, n, style);
  b->len += need;
}

void
sb_text(sbuf *b, const char *s, size_t n) {
  sb_escaped(b, s, n, POXAUTH_ESCAPE_TEXT);
}

void
sb_json_str(sbuf *b, const char *s, size_t n) {
  sb_add(b, "\"", 1);
  sb_escaped(b, s, n, POXAUTH_ESCAPE_JSON);
  sb_add(b, "\"", 1);
}

void
put_text(FILE *f, const char *s) {
  sbuf b = {0};
  sb_text(&b, s, strlen(s));
  fputs(b.p, f);
  sb_free(&b);
}

/* Single quotes unless the word is plainly safe; a quote inside is
 * '"'"', not '\'', because the text report doubles every backslash. */
void
sb_shell_word(sbuf *b, const char *s) {
  const char *q;
  int plain = *s != '\0';
  for (q = s; *q && plain; q++)
    plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                   "0123456789_-./=:,+@%",
                   *q) != NULL;
  if (plain) {
    sb_puts(b, s);
    return;
  }
  sb_puts(b, "'");
  for (q = s; *q; q++) {
    if (*q == '\'')
      sb_puts(b, "'\"'\"'");
    else
      sb_add(b, q, 1);
  }
  sb_puts(b, "'");
}

void
sb_xml_text(sbuf *b, const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    switch (c) {
    case '<':
      sb_puts(b, "&lt;");
      break;
    case '>':
      sb_puts(b, "&gt;");
      break;
    case '&':
      sb_puts(b, "&amp;");
      break;
    case '"':
      sb_puts(b, "&quot;");
      break;
    case '\n':
    case '\t':
      sb_add(b, (const char *)&s[i], 1);
      break;
    default:
      /* XML 1.0 forbids most control bytes; high bytes may not be UTF-8. */
      if (c < 0x20 || c >= 0x7F)
        sb_printf(b, "&#x%X;", c < 0x20 || c == 0x7F ? 0xFFFDu : (unsigned)c);
      else
        sb_add(b, (const char *)&s[i], 1);
    }
  }
}

void
sb_free(sbuf *b) {
  free(b->p);
  b->p = NULL;
  b->len = b->cap = 0;
}
