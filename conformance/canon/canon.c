/* SPDX-License-Identifier: MIT */
/*
 * Reader of the canonical result format (FORMAT.md).  The text comes from
 * implementations under test, so every byte is checked and every count is
 * bounded; nothing here trusts a length it did not measure.
 */
#include "canon.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS 8

static const char *const KINDS[] = {"settings", "redirectAddr", "redirectUrl",
                                    "error",    "other",        "mobilesync"};
static const char *const VALUES[] = {
    "basic",     "kerb",  "kerbntlm",  "ntlm",    "certificate",
    "negotiate", "nego2", "anonymous", "unknown", "absent"};

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

typedef struct token {
  const char *p;
  size_t n;
} token;

static void fail(char *err, size_t cap, unsigned long line, const char *fmt,
                 ...) PRINTF_LIKE(4, 5);

static void
fail(char *err, size_t cap, unsigned long line, const char *fmt, ...) {
  va_list ap;
  int k;
  if (err == NULL || cap == 0)
    return;
  k = snprintf(err, cap, "line %lu: ", line);
  if (k < 0 || (size_t)k >= cap)
    return;
  va_start(ap, fmt);
  vsnprintf(err + k, cap - (size_t)k, fmt, ap);
  va_end(ap);
}

static int
tok_is(const token *t, const char *s) {
  size_t n = strlen(s);
  return t->n == n && memcmp(t->p, s, n) == 0;
}

static int
in_list(const token *t, const char *const *list, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (tok_is(t, list[i]))
      return 1;
  return 0;
}

/* A word as FORMAT.md's codes and classes are: lower-case letters, digits
 * and '-', bounded so it fits the fixed fields of canon.h. */
static int
is_word(const token *t, size_t max) {
  size_t i;
  if (t->n == 0 || t->n > max)
    return 0;
  for (i = 0; i < t->n; i++) {
    char c = t->p[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
      return 0;
  }
  return 1;
}

static int
is_hex_upper(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

/* An escaped field: printable ASCII, '%' only as %XX.  "-" is the absent
 * field; the caller handles that spelling. */
static int
is_field(const token *t) {
  size_t i;
  if (t->n == 0)
    return 0;
  for (i = 0; i < t->n; i++) {
    unsigned char c = (unsigned char)t->p[i];
    if (c < 0x21 || c > 0x7E)
      return 0;
    if (c == '%') {
      if (i + 2 >= t->n)
        return 0;
      if (!is_hex_upper(t->p[i + 1]) || !is_hex_upper(t->p[i + 2]))
        return 0;
      i += 2;
    }
  }
  return 1;
}

/* Decimal without leading zeros, bounded by max. */
static int
parse_index(const token *t, long max, long *out) {
  long v = 0;
  size_t i;
  if (t->n == 0 || t->n > 9 || (t->n > 1 && t->p[0] == '0'))
    return -1;
  for (i = 0; i < t->n; i++) {
    if (t->p[i] < '0' || t->p[i] > '9')
      return -1;
    v = v * 10 + (t->p[i] - '0');
  }
  if (v > max)
    return -1;
  *out = v;
  return 0;
}

static char *
dup_tok(const token *t) {
  char *s = malloc(t->n + 1);
  if (s != NULL) {
    memcpy(s, t->p, t->n);
    s[t->n] = '\0';
  }
  return s;
}

static size_t
split(const char *p, size_t n, token *toks, int *bad) {
  size_t k = 0, start = 0, i;
  *bad = 0;
  for (i = 0; i <= n; i++) {
    if (i == n || p[i] == ' ') {
      if (i == start) {
        *bad = 1; /* empty token: two spaces, or a leading/trailing one */
        return k;
      }
      if (k == MAX_TOKENS) {
        *bad = 1;
        return k;
      }
      toks[k].p = p + start;
      toks[k].n = i - start;
      k++;
      start = i + 1;
    }
  }
  return k;
}

static int
cmp_finding(const void *a, const void *b) {
  const canon_finding *x = a, *y = b;
  int c;
  if (x->protocol != y->protocol)
    return x->protocol < y->protocol ? -1 : 1;
  c = strcmp(x->code, y->code);
  if (c != 0)
    return c;
  return x->violation - y->violation;
}

void
canon_free(canon_result *r) {
  size_t i;
  if (r == NULL)
    return;
  for (i = 0; i < r->nprotocols; i++)
    free(r->protocols[i].type);
  free(r->protocols);
  free(r->findings);
  free(r->error_code);
  memset(r, 0, sizeof *r);
}

static int
grow(void **arr, size_t *cap, size_t need, size_t size, size_t max) {
  size_t ncap;
  void *p;
  if (need <= *cap)
    return 0;
  if (need > max)
    return -1;
  ncap = *cap ? *cap * 2 : 8;
  if (ncap < need)
    ncap = need;
  if (ncap > max)
    ncap = max;
  p = realloc(*arr, ncap * size);
  if (p == NULL)
    return -1;
  *arr = p;
  *cap = ncap;
  return 0;
}

enum { ST_HEADER, ST_BODY, ST_PROTO, ST_FIND, ST_END, ST_DONE };

int
canon_parse(const char *text, size_t len, canon_result *out, char *err,
            size_t cap) {
  size_t pos = 0, pcap = 0, fcap = 0;
  unsigned long lineno = 0;
  int st = ST_HEADER;
  if (err != NULL && cap > 0)
    err[0] = '\0';
  if (out == NULL)
    return -1;
  memset(out, 0, sizeof *out);
  if (text == NULL && len > 0) {
    fail(err, cap, 0, "no text");
    return -1;
  }
  while (pos < len) {
    const char *line = text + pos;
    const char *nl = memchr(line, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - line) : len - pos;
    token t[MAX_TOKENS];
    size_t k;
    int bad;
    lineno++;
    pos += n + (nl ? 1 : 0);
    if (n > 0 && line[n - 1] == '\r')
      n--;
    if (n > CANON_MAX_LINE) {
      fail(err, cap, lineno, "line longer than %d bytes", CANON_MAX_LINE);
      goto error;
    }
    if (st == ST_DONE) {
      fail(err, cap, lineno, "text after \"end\"");
      goto error;
    }
    if (memchr(line, '\0', n) != NULL) {
      fail(err, cap, lineno, "NUL byte");
      goto error;
    }
    if (!nl && !(n == 3 && memcmp(line, "end", 3) == 0)) {
      fail(err, cap, lineno, "line without LF");
      goto error;
    }
    k = split(line, n, t, &bad);
    if (bad) {
      fail(err, cap, lineno, "tokens must be separated by exactly one space");
      goto error;
    }
    if (st == ST_HEADER) {
      if (!(k == 2 && tok_is(&t[0], "poxauth-canonical") &&
            tok_is(&t[1], "1"))) {
        fail(err, cap, lineno, "expected \"poxauth-canonical 1\"");
        goto error;
      }
      st = ST_BODY;
      continue;
    }
    if (tok_is(&t[0], "end")) {
      if (k != 1 || st == ST_BODY) {
        fail(err, cap, lineno,
             st == ST_BODY ? "no kind or reject line" : "junk after end");
        goto error;
      }
      st = ST_DONE;
      continue;
    }
    if (st == ST_END) {
      fail(err, cap, lineno, "expected \"end\" after the reject line");
      goto error;
    }
    if (tok_is(&t[0], "reject")) {
      if (st != ST_BODY || k < 2 || k > 3 ||
          !is_word(&t[1], sizeof out->reject_class - 1)) {
        fail(err, cap, lineno, "bad reject line");
        goto error;
      }
      if (tok_is(&t[1], "limit") != (k == 3) ||
          (k == 3 && !is_word(&t[2], sizeof out->reject_limit - 1))) {
        fail(err, cap, lineno, "a limit name follows class limit, and only it");
        goto error;
      }
      out->rejected = 1;
      memcpy(out->reject_class, t[1].p, t[1].n);
      if (k == 3)
        memcpy(out->reject_limit, t[2].p, t[2].n);
      st = ST_END;
    } else if (tok_is(&t[0], "kind")) {
      if (st != ST_BODY || k < 2 || k > 3 ||
          !in_list(&t[1], KINDS, sizeof KINDS / sizeof KINDS[0])) {
        fail(err, cap, lineno, "bad kind line");
        goto error;
      }
      if (tok_is(&t[1], "error") != (k == 3) || (k == 3 && !is_field(&t[2]))) {
        fail(err, cap, lineno,
             "kind error takes one escaped field, other kinds none");
        goto error;
      }
      memcpy(out->kind, t[1].p, t[1].n);
      if (k == 3 && (out->error_code = dup_tok(&t[2])) == NULL) {
        fail(err, cap, lineno, "out of memory");
        goto error;
      }
      st = ST_PROTO;
    } else if (tok_is(&t[0], "protocol")) {
      long idx;
      canon_protocol *p;
      if (st != ST_PROTO || k != 5) {
        fail(err, cap, lineno,
             st == ST_FIND ? "protocol line after a finding line"
                           : "bad protocol line");
        goto error;
      }
      if (parse_index(&t[1], CANON_MAX_PROTOCOLS - 1, &idx) != 0 ||
          (size_t)idx != out->nprotocols) {
        fail(err, cap, lineno, "protocol index must be %lu",
             (unsigned long)out->nprotocols);
        goto error;
      }
      if (!is_field(&t[2]) || !in_list(&t[3], VALUES, 10) ||
          !(tok_is(&t[4], "yes") || tok_is(&t[4], "no"))) {
        fail(err, cap, lineno, "bad protocol field, value or applies");
        goto error;
      }
      if (grow((void **)&out->protocols, &pcap, out->nprotocols + 1,
               sizeof *out->protocols, CANON_MAX_PROTOCOLS) != 0) {
        fail(err, cap, lineno, "too many protocols");
        goto error;
      }
      p = &out->protocols[out->nprotocols];
      memset(p, 0, sizeof *p);
      if ((p->type = dup_tok(&t[2])) == NULL) {
        fail(err, cap, lineno, "out of memory");
        goto error;
      }
      out->nprotocols++;
      memcpy(p->value, t[3].p, t[3].n);
      p->applies = tok_is(&t[4], "yes");
    } else if (tok_is(&t[0], "finding")) {
      long idx = CANON_NO_PROTOCOL;
      canon_finding *f;
      if ((st != ST_PROTO && st != ST_FIND) || k != 4) {
        fail(err, cap, lineno, "bad finding line");
        goto error;
      }
      if (!tok_is(&t[1], "-") &&
          (parse_index(&t[1], CANON_MAX_PROTOCOLS - 1, &idx) != 0 ||
           (size_t)idx >= out->nprotocols)) {
        fail(err, cap, lineno, "finding names no printed protocol");
        goto error;
      }
      if (!is_word(&t[2], sizeof f->code - 1) ||
          !(tok_is(&t[3], "violation") || tok_is(&t[3], "note"))) {
        fail(err, cap, lineno, "bad finding code or severity");
        goto error;
      }
      if (grow((void **)&out->findings, &fcap, out->nfindings + 1,
               sizeof *out->findings, CANON_MAX_FINDINGS) != 0) {
        fail(err, cap, lineno, "too many findings");
        goto error;
      }
      f = &out->findings[out->nfindings++];
      memset(f, 0, sizeof *f);
      f->protocol = idx;
      memcpy(f->code, t[2].p, t[2].n);
      f->violation = tok_is(&t[3], "violation");
      st = ST_FIND;
    } else {
      fail(err, cap, lineno, "unknown line kind");
      goto error;
    }
  }
  if (st != ST_DONE) {
    fail(err, cap, lineno, "missing \"end\"");
    goto error;
  }
  if (out->nfindings > 1)
    qsort(out->findings, out->nfindings, sizeof *out->findings, cmp_finding);
  return 0;
error:
  canon_free(out);
  return -1;
}

static int
str_eq(const char *a, const char *b) {
  if (a == NULL || b == NULL)
    return a == b;
  return strcmp(a, b) == 0;
}

/* Whether level compares finding f: none at values, violations only at
 * violations, all at full. */
static int
counted(const canon_finding *f, canon_level level) {
  return level == CANON_LEVEL_FULL ||
         (level == CANON_LEVEL_VIOLATIONS && f->violation);
}

int
canon_equal_at(const canon_result *a, const canon_result *b,
               canon_level level) {
  size_t i, j;
  if (a->rejected != b->rejected)
    return 0;
  if (a->rejected)
    return strcmp(a->reject_class, b->reject_class) == 0 &&
           strcmp(a->reject_limit, b->reject_limit) == 0;
  if (strcmp(a->kind, b->kind) != 0 || !str_eq(a->error_code, b->error_code) ||
      a->nprotocols != b->nprotocols)
    return 0;
  for (i = 0; i < a->nprotocols; i++) {
    const canon_protocol *x = &a->protocols[i], *y = &b->protocols[i];
    if (!str_eq(x->type, y->type) || strcmp(x->value, y->value) != 0 ||
        x->applies != y->applies)
      return 0;
  }
  /* Both are sorted by canon_parse, so the multiset test is pairwise over
   * the findings the level counts. */
  for (i = 0, j = 0;;) {
    while (i < a->nfindings && !counted(&a->findings[i], level))
      i++;
    while (j < b->nfindings && !counted(&b->findings[j], level))
      j++;
    if (i == a->nfindings || j == b->nfindings)
      return i == a->nfindings && j == b->nfindings;
    if (cmp_finding(&a->findings[i++], &b->findings[j++]) != 0)
      return 0;
  }
}

int
canon_equal(const canon_result *a, const canon_result *b) {
  return canon_equal_at(a, b, CANON_LEVEL_FULL);
}

typedef struct out_buf {
  char *p;
  size_t cap, len;
} out_buf;

static void put(out_buf *o, const char *fmt, ...) PRINTF_LIKE(2, 3);

static void
put(out_buf *o, const char *fmt, ...) {
  va_list ap;
  int k;
  size_t room = o->len < o->cap ? o->cap - o->len : 0;
  va_start(ap, fmt);
  k = vsnprintf(room ? o->p + o->len : NULL, room, fmt, ap);
  va_end(ap);
  if (k > 0)
    o->len += (size_t)k;
}

size_t
canon_print(const canon_result *r, char *buf, size_t cap) {
  out_buf o;
  size_t i;
  o.p = buf;
  o.cap = buf ? cap : 0;
  o.len = 0;
  if (o.cap > 0)
    buf[0] = '\0';
  put(&o, "poxauth-canonical 1\n");
  if (r->rejected) {
    put(&o, "reject %s%s%s\n", r->reject_class, r->reject_limit[0] ? " " : "",
        r->reject_limit);
  } else {
    put(&o, "kind %s%s%s\n", r->kind, r->error_code ? " " : "",
        r->error_code ? r->error_code : "");
    for (i = 0; i < r->nprotocols; i++)
      put(&o, "protocol %lu %s %s %s\n", (unsigned long)i,
          r->protocols[i].type ? r->protocols[i].type : "-",
          r->protocols[i].value, r->protocols[i].applies ? "yes" : "no");
    for (i = 0; i < r->nfindings; i++) {
      const canon_finding *f = &r->findings[i];
      if (f->protocol == CANON_NO_PROTOCOL)
        put(&o, "finding - %s %s\n", f->code,
            f->violation ? "violation" : "note");
      else
        put(&o, "finding %ld %s %s\n", f->protocol, f->code,
            f->violation ? "violation" : "note");
    }
  }
  put(&o, "end\n");
  return o.len;
}
