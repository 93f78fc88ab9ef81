/* SPDX-License-Identifier: MIT */
/* Multi-block padding of a response; see fuzz_pad.h. */
#include "fuzz_pad.h"

#include <stdlib.h>
#include <string.h>

/* The document as code units: width 1 or 2 bytes, after its BOM. */
typedef struct units {
  const uint8_t *d;
  size_t len; /* bytes */
  size_t bom; /* bytes */
  size_t w;   /* 1 or 2 */
  int be;
  size_t n; /* units */
} units;

static void
sniff(const uint8_t *d, size_t len, units *u) {
  u->d = d;
  u->len = len;
  u->bom = 0;
  u->w = 1;
  u->be = 0;
  if (len >= 3 && d[0] == 0xef && d[1] == 0xbb && d[2] == 0xbf) {
    u->bom = 3;
  } else if (len >= 2 && d[0] == 0xfe && d[1] == 0xff) {
    u->bom = 2, u->w = 2, u->be = 1;
  } else if (len >= 2 && d[0] == 0xff && d[1] == 0xfe) {
    u->bom = 2, u->w = 2;
  } else if (len >= 2 && d[0] == 0 && d[1] == '<') {
    u->w = 2, u->be = 1;
  } else if (len >= 2 && d[0] == '<' && d[1] == 0) {
    u->w = 2;
  }
  u->n = (len - u->bom) / u->w;
}

static unsigned
unit_at(const units *u, size_t i) {
  const uint8_t *p = u->d + u->bom + i * u->w;
  if (u->w == 1)
    return p[0];
  return u->be ? (unsigned)(p[0] << 8 | p[1]) : (unsigned)(p[1] << 8 | p[0]);
}

static int
match(const units *u, size_t i, const char *s) {
  size_t k;
  for (k = 0; s[k]; k++)
    if (i + k >= u->n || unit_at(u, i + k) != (unsigned char)s[k])
      return 0;
  return 1;
}

/* Index just past the next s at or after i, or 0 when absent. */
static size_t
skip_past(const units *u, size_t i, const char *s) {
  size_t n = strlen(s);
  for (; i + n <= u->n; i++)
    if (match(u, i, s))
      return i + n;
  return 0;
}

static int
is_space(unsigned c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
has_decl(const units *u) {
  return match(u, 0, "<?xml") && u->n > 5 && is_space(unit_at(u, 5));
}

/* The unit index just past the root's start tag, or 0: only a prolog of
 * a declaration, whitespace, comments and PIs is understood. */
static size_t
root_end(const units *u) {
  size_t i = 0;
  unsigned q = 0;
  if (has_decl(u) && (i = skip_past(u, 5, "?>")) == 0)
    return 0;
  for (;;) {
    while (i < u->n && is_space(unit_at(u, i)))
      i++;
    if (match(u, i, "<!--")) {
      if ((i = skip_past(u, i + 4, "-->")) == 0)
        return 0;
    } else if (match(u, i, "<?")) {
      if ((i = skip_past(u, i + 2, "?>")) == 0)
        return 0;
    } else {
      break;
    }
  }
  if (!match(u, i, "<") || i + 1 >= u->n || unit_at(u, i + 1) == '!' ||
      unit_at(u, i + 1) == '/')
    return 0;
  for (i++; i < u->n; i++) {
    unsigned c = unit_at(u, i);
    if (q) {
      if (c == q)
        q = 0;
    } else if (c == '"' || c == '\'') {
      q = c;
    } else if (c == '>') {
      return unit_at(u, i - 1) == '/' ? 0 : i + 1;
    }
  }
  return 0;
}

/* Line and column (from 1) of unit i, counting as expat does: LF, CR and
 * CR LF end a line, and a BOM is a column of its own.  0 when a unit
 * before it is not ASCII or is NUL. */
static int
line_col(const units *u, size_t i, unsigned long *line, unsigned long *col) {
  size_t k;
  *line = 1;
  *col = u->bom ? 2 : 1;
  for (k = 0; k < i; k++) {
    unsigned c = unit_at(u, k);
    if (c == 0 || c >= 0x80)
      return 0;
    if (c == '\n' || c == '\r') {
      if (c == '\r' && k + 1 < i && unit_at(u, k + 1) == '\n')
        k++;
      (*line)++;
      *col = 1;
    } else {
      (*col)++;
    }
  }
  return 1;
}

int
fuzz_pad_places(const uint8_t *body, size_t len, size_t *place_d,
                size_t *place_a) {
  units u;
  size_t a;
  unsigned long l, c;
  int got = 0;
  sniff(body, len, &u);
  /* After the blank that follows "<?xml", not before it: expat reports a
   * bad declaration at the start of that blank run, which must stay
   * where it was (a pad before the blank would be the run's new start). */
  if (has_decl(&u) && (unit_at(&u, 5) == ' ' || unit_at(&u, 5) == '\t')) {
    *place_d = u.bom + 6 * u.w;
    got |= 1;
  }
  a = root_end(&u);
  if (a && line_col(&u, a, &l, &c)) {
    *place_a = u.bom + a * u.w;
    got |= 2;
  }
  return got;
}

void
fuzz_pad_decode(const uint8_t *spec, size_t n, size_t body_len,
                fuzz_pad_req *req) {
  uint8_t s[FUZZ_PAD_SPEC_BYTES] = {0};
  memcpy(s, spec, n < sizeof s ? n : sizeof s);
  memset(req, 0, sizeof *req);
  req->block_d = s[4] & 3u;
  req->block_a = (s[4] >> 2) & 3u;
  if (!req->block_d && !req->block_a)
    req->block_a = 1;
  req->want_d = req->block_d != 0;
  req->want_a = req->block_a != 0;
  /* Selectors reach any byte of a response up to 64 KiB. */
  req->target_a = body_len ? (size_t)(s[0] | s[1] << 8) % body_len : 0;
  req->target_d = body_len ? (size_t)(s[2] | s[3] << 8) % body_len : 0;
  req->delta_a = (int)((s[4] >> 4) & 7u) - 4;
  req->delta_d = (int)((s[5] >> 1) & 7u) - 4;
  req->style = (enum fuzz_pad_style)((s[4] >> 7) | (s[5] & 1u) << 1);
  req->tabs = (s[5] >> 4) & 1;
}

/* Bytes to insert so that byte `at` of the padded document lands at the
 * k-th boundary (+delta) that leaves room for min_chars. */
static size_t
pad_size(size_t at, unsigned k, int delta, size_t min_chars, size_t w) {
  size_t b = FUZZ_BLOCK_BYTES, m = 1, n;
  while ((size_t)((long)(m * b) + delta) < at + min_chars * w)
    m++;
  m += k - 1;
  n = (size_t)((long)(m * b) + delta) - at;
  return n + n % w;
}

static void
put_char(uint8_t *p, const units *u, char c) {
  if (u->w == 1) {
    p[0] = (uint8_t)c;
  } else {
    p[u->be ? 0 : 1] = 0;
    p[u->be ? 1 : 0] = (uint8_t)c;
  }
}

static void
fill(uint8_t *p, const units *u, size_t chars, enum fuzz_pad_style st,
     int tabs) {
  static const char *open[] = {"", "<!--", "<?pad ", " <!--"};
  static const char *close[] = {"", "-->", "?>", "--> "};
  size_t i, lo = strlen(open[st]), lc = strlen(close[st]);
  for (i = 0; i < chars; i++) {
    char c = (tabs && (i & 1)) ? '\t' : ' ';
    if (i < lo)
      c = open[st][i];
    else if (i >= chars - lc)
      c = close[st][i - (chars - lc)];
    else if (st == FUZZ_PAD_COMMENT || st == FUZZ_PAD_PI)
      c = (char)('a' + i % 26);
    put_char(p + i * u->w, u, c);
  }
}

static size_t
min_chars(enum fuzz_pad_style st) {
  static const size_t m[] = {1, 7, 8, 9};
  return m[st];
}

static size_t
clamp(size_t t, size_t lo, size_t len) {
  if (len <= lo)
    return lo;
  return t < lo ? lo + (t % (len - lo)) : t >= len ? len - 1 : t;
}

int
fuzz_pad_build(const uint8_t *body, size_t len, size_t limit,
               const fuzz_pad_req *req, fuzz_padded *out) {
  units u;
  size_t pd = 0, pa = 0, nd = 0, na = 0, td = 0, ta = 0;
  int places;
  unsigned long l, c;
  uint8_t *doc;

  memset(out, 0, sizeof *out);
  if (limit == 0)
    limit = POXAUTH_DEFAULT_MAX_INPUT_BYTES;
  sniff(body, len, &u);
  places = fuzz_pad_places(body, len, &pd, &pa);
  out->has_d = req->want_d && (places & 1) && pd <= limit;
  out->has_a = req->want_a && (places & 2) && pa <= limit;
  if (out->has_d) {
    td = clamp(req->target_d, pd, len);
    nd = pad_size(td, req->block_d, req->delta_d, 1, u.w);
    out->map.at[out->map.count].line = 1;
    out->map.at[out->map.count].column = u.bom ? 8 : 7; /* after "<?xml " */
    out->map.at[out->map.count++].chars = nd / u.w;
  }
  if (out->has_a) {
    ta = clamp(req->target_a, pa, len);
    na = pad_size(ta + nd, req->block_a, req->delta_a, min_chars(req->style),
                  u.w);
    line_col(&u, (pa - u.bom) / u.w, &l, &c);
    out->map.at[out->map.count].line = l;
    out->map.at[out->map.count].column = c;
    out->map.at[out->map.count++].chars = na / u.w;
  }
  if (!out->has_d && !out->has_a)
    return 0;
  doc = (uint8_t *)malloc(len + nd + na);
  if (doc == NULL)
    return -1;
  if (!out->has_d)
    pd = out->has_a ? pa : len;
  if (!out->has_a)
    pa = len;
  memcpy(doc, body, pd);
  fill(doc + pd, &u, nd / u.w, FUZZ_PAD_SPACES, req->tabs);
  memcpy(doc + pd + nd, body + pd, pa - pd);
  fill(doc + pa + nd, &u, na / u.w, req->style, req->tabs);
  memcpy(doc + pa + nd + na, body + pa, len - pa);
  out->doc = doc;
  out->len = len + nd + na;
  out->added = nd + na;
  out->place_d = pd;
  out->place_a = pa;
  out->target_d_out = td + nd;
  out->target_a_out = ta + nd + na;
  return 1;
}

void
fuzz_pad_free(fuzz_padded *p) {
  free(p->doc);
  p->doc = NULL;
}

void
fuzz_pad_options(const poxauth_options *orig, const fuzz_padded *p,
                 poxauth_options *out) {
  size_t lim = orig->limits.max_input_bytes;
  *out = *orig;
  out->limits.max_input_bytes =
      (lim ? lim : POXAUTH_DEFAULT_MAX_INPUT_BYTES) + p->added;
}

void
fuzz_pad_map_position(const fuzz_pad_map *m, unsigned long *line,
                      unsigned long *column) {
  size_t i;
  unsigned long add = 0;
  for (i = 0; i < m->count; i++)
    if (*line == m->at[i].line && *column >= m->at[i].column)
      add += m->at[i].chars;
  *column += add;
}
