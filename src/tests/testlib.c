/* SPDX-License-Identifier: MIT */
#define _XOPEN_SOURCE 700

#include "testlib.h"

#include <ftw.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct buf {
  char *s;
  size_t len, cap;
} buf;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
add(buf *b, const char *fmt, ...) {
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  if (b->len + (size_t)n + 1 > b->cap) {
    size_t cap = (b->cap ? b->cap : 256);
    char *t;
    while (cap < b->len + (size_t)n + 1)
      cap *= 2;
    t = (char *)realloc(b->s, cap);
    if (!t)
      return;
    b->s = t;
    b->cap = cap;
  }
  va_start(ap, fmt);
  vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

char *
result_dump(const poxauth_result *r) {
  buf b = {NULL, 0, 0};
  size_t i, need;
  const poxauth_rejection *rej = poxauth_result_rejection(r);
  char *canon;
  need = poxauth_result_canonical(r, NULL, 0);
  canon = (char *)malloc(need + 1);
  if (canon) {
    poxauth_result_canonical(r, canon, need + 1);
    add(&b, "%s", canon);
    free(canon);
  }
  if (rej)
    add(&b, "rejection %d %d %lu:%lu %s\n", (int)rej->cls, (int)rej->limit,
        rej->line, rej->column, rej->message);
  for (i = 0; i < poxauth_result_protocol_count(r); i++) {
    const poxauth_protocol *p = poxauth_result_protocol(r, i);
    add(&b,
        "p%zu %lu:%lu type=%.*s known=%d raw=[%.*s] sv=%d %lu.%lu.%lu/%u "
        "src=%d\n",
        i, p->line, p->column, (int)p->type_len, p->type ? p->type : "",
        p->type_known, (int)p->raw_len, p->raw ? p->raw : "",
        (int)p->server_version_state, p->server_version.parts[0],
        p->server_version.parts[1], p->server_version.parts[2],
        p->server_version.nparts, (int)p->build_source);
  }
  for (i = 0; i < poxauth_result_finding_count(r); i++) {
    const poxauth_finding *f = poxauth_result_finding(r, i);
    add(&b, "f %s %lu:%lu %s | %s\n", poxauth_finding_name(f->code), f->line,
        f->column, f->message, f->hint);
  }
  return b.s;
}

char *
run_chunked(const poxauth_options *o, const char *data, size_t len,
            size_t chunk, poxauth_status *st) {
  char *copy = (char *)malloc(len ? len : 1);
  poxauth_result *r = NULL;
  char *d;
  if (!copy)
    return NULL;
  if (len)
    memcpy(copy, data, len);
  if (chunk == 0) {
    *st = poxauth_parse(o, copy, len, &r, NULL);
  } else {
    poxauth_parser *p;
    size_t off = 0;
    *st = poxauth_parser_create(o, &p, NULL);
    if (*st == POXAUTH_OK) {
      while (off < len) {
        size_t n = len - off < chunk ? len - off : chunk;
        poxauth_parser_feed(p, copy + off, n);
        off += n;
      }
      *st = poxauth_parser_finish(p, &r);
      poxauth_parser_destroy(p);
    }
  }
  free(copy);
  if (!r)
    return NULL;
  d = result_dump(r);
  poxauth_result_free(r);
  return d;
}

char *
run_canonical(const poxauth_options *o, const char *data, size_t len,
              poxauth_status *st) {
  poxauth_result *r = NULL;
  char *out;
  size_t need;
  *st = poxauth_parse(o, data, len, &r, NULL);
  if (!r)
    return NULL;
  need = poxauth_result_canonical(r, NULL, 0);
  out = (char *)malloc(need + 1);
  if (out)
    poxauth_result_canonical(r, out, need + 1);
  poxauth_result_free(r);
  return out;
}

/* Helpers that move a document's content without changing its meaning
 * (testlib.h). */

size_t
unit_width(const unsigned char *d, size_t n, int *be) {
  *be = n >= 2 && ((d[0] == 0xFE && d[1] == 0xFF) || d[0] == 0);
  if (*be || (n >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || d[1] == 0)))
    return 2;
  return 1;
}

size_t
put_units(unsigned char *o, const char *s, size_t k, size_t w, int be) {
  size_t i, n = 0;
  for (i = 0; i < k; i++) {
    if (w == 2 && !be)
      o[n++] = (unsigned char)s[i], o[n++] = 0;
    else if (w == 2)
      o[n++] = 0, o[n++] = (unsigned char)s[i];
    else
      o[n++] = (unsigned char)s[i];
  }
  return n;
}

size_t
insert_point(const unsigned char *d, size_t n, size_t w, int be) {
  unsigned char q[4];
  size_t at = 0, i, qn = put_units(q, "?>", 2, w, be);
  if (n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
    at = 3;
  else if (w == 2 && n >= 2 && (d[0] == 0xFE || d[0] == 0xFF))
    at = 2;
  for (i = at; i + qn <= n && i < at + 400; i += w)
    if (memcmp(d + i, q, qn) == 0)
      return i + qn;
  return at;
}

unsigned char *
pad_comment(const unsigned char *d, size_t n, size_t pad, size_t *out_len) {
  int be;
  size_t w = unit_width(d, n, &be), at = insert_point(d, n, w, be), k, i;
  unsigned char *o = malloc(n + (pad + 16) * w);
  if (!o)
    return NULL;
  memcpy(o, d, at);
  k = at + put_units(o + at, "<!--", 4, w, be);
  for (i = 0; i < pad; i++)
    k += put_units(o + k, i % 61 == 60 ? "\n" : " ", 1, w, be);
  k += put_units(o + k, "-->", 3, w, be);
  memcpy(o + k, d + at, n - at);
  *out_len = k + n - at;
  return o;
}

#ifdef PX_TEST_SOURCE_DIR
/* nftw's callback takes no context: the function of the walk under way. */
static void (*walk_fn)(const char *file);

static int
walk_visit(const char *path, const struct stat *sb, int type, struct FTW *ftw) {
  (void)sb;
  (void)ftw;
  if (type == FTW_F)
    walk_fn(path);
  return 0;
}

int
walk_files(int argc, char **argv, void (*fn)(const char *file),
           const char *name) {
  static const char *const defaults[] = {
      PX_TEST_SOURCE_DIR "/conformance/cases", PX_TEST_SOURCE_DIR "/corpus",
      PX_TEST_SOURCE_DIR "/src/tests/data"};
  const char *const *dirs = (const char *const *)argv + 1;
  int i, n = argc - 1;
  if (n < 1) {
    dirs = defaults;
    n = (int)(sizeof defaults / sizeof defaults[0]);
  }
  walk_fn = fn;
  for (i = 0; i < n; i++)
    if (nftw(dirs[i], walk_visit, 16, FTW_PHYS) != 0) {
      fprintf(stderr, "%s: cannot walk %s\n", name, dirs[i]);
      return -1;
    }
  return 0;
}
#endif
