/* SPDX-License-Identifier: MIT */
/* The XML-aware mutator; see xml_mutator.h. */
#include "xml_mutator.h"

#include <string.h>

#define XM_TAGS 512 /* tags looked at; later ones are left alone */
#define XM_DEPTH 64

static const char *const NS[] = {
    "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006",
    "http://schemas.microsoft.com/exchange/autodiscover/outlook/"
    "responseschema/2006a",
    "https://schemas.microsoft.com/exchange/autodiscover/outlook/"
    "responseschema/2006a",
    "https://schemas.microsoft.com/exchange/autodiscover/responseschema/2006",
    "http://schemas.microsoft.com/exchange/autodiscover/outlook/"
    "requestschema/2006",
    "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/"
    "responseschema/2006",
    "urn:x",
    ""};
#define N_NS (sizeof NS / sizeof NS[0])

static const char *const NAMES[] = {
    "Autodiscover", "Response", "Account",       "Protocol", "Type",
    "AuthPackage",  "Action",   "ServerVersion", "Error",    "ErrorCode",
    "Internal",     "External", "User",          "x:Foo",    "a:Protocol"};
#define N_NAMES (sizeof NAMES / sizeof NAMES[0])

static const char *const VALUES[] = {"EXCH",
                                     "EXPR",
                                     "WEB",
                                     "EXHTTP",
                                     "IMAP",
                                     "exch",
                                     "negotiate",
                                     "Negotiate",
                                     "ntlm",
                                     "kerbntlm",
                                     "basic",
                                     "certificate",
                                     "anonymous",
                                     "nego2",
                                     "kerb",
                                     "settings",
                                     "redirectAddr",
                                     "redirectUrl",
                                     "Settings",
                                     "73C083E3",
                                     "73C0834F",
                                     "738180DA",
                                     "0x73C083E3",
                                     "600",
                                     "603",
                                     "",
                                     " ",
                                     "n\xc3\xa9gociation",
                                     "\xe4\xba\xa4\xe6\xb8\x89",
                                     "15.0.995.14"};
#define N_VALUES (sizeof VALUES / sizeof VALUES[0])

static const char *const SNIPPETS[] = {
    "<Protocol><Type>EXCH</Type><AuthPackage>negotiate</AuthPackage>"
    "</Protocol>",
    "<AuthPackage>ntlm</AuthPackage>",
    "<AuthPackage>negotiate</AuthPackage><AuthPackage>basic</AuthPackage>",
    "<Type>EXHTTP</Type>",
    "<ServerVersion>73C083E3</ServerVersion>",
    "<Action>settings</Action>",
    "<Error><ErrorCode>600</ErrorCode></Error>",
    "<Protocol Type=\"EXCH\" Version=\"1\"/>",
    "<![CDATA[ntlm]]>",
    "<!-- c -->",
    "<?pi x?>",
    "&#x4E;&#116;lm",
    "\r\n",
    "<Account><Action>settings</Action><Protocol><Type>EXPR</Type>"
    "<AuthPackage>ntlm</AuthPackage></Protocol></Account>"};
#define N_SNIPPETS (sizeof SNIPPETS / sizeof SNIPPETS[0])

static const char *const ATTRS[] = {" Type=\"EXCH\"",     " Type=\"mapiHttp\"",
                                    " Version=\"1\"",     " xmlns=\"urn:x\"",
                                    " xmlns:a=\"urn:x\"", " a:Type=\"EXHTTP\"",
                                    " Type=\"\"",         " xml:lang=\"en\""};
#define N_ATTRS (sizeof ATTRS / sizeof ATTRS[0])

static const char *const DECLS[] = {
    "<?xml version=\"1.0\"?>",
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
    "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
    "<?xml version=\"1.0\" encoding=\"US-ASCII\"?>",
    "<?xml version=\"1.0\" encoding=\"windows-1252\"?>",
    "<?xml version=\"1.1\" standalone=\"yes\"?>",
    "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-8\"?>"};
#define N_DECLS (sizeof DECLS / sizeof DECLS[0])

typedef struct rng {
  uint32_t s;
} rng;

static uint32_t
next(rng *r) {
  r->s ^= r->s << 13;
  r->s ^= r->s >> 17;
  r->s ^= r->s << 5;
  return r->s;
}

static size_t
below(rng *r, size_t n) {
  return n ? (size_t)(next(r) % (uint32_t)n) : 0;
}

/* An input being edited: buf[0..len) of cap bytes; the response starts at
 * off (after the prefix). */
typedef struct doc {
  uint8_t *buf;
  size_t len, cap, off;
  uint8_t *scratch;
} doc;

/* Replace buf[pos..pos+del) by ins[0..n); 0 when it would not fit. */
static int
splice(doc *d, size_t pos, size_t del, const uint8_t *ins, size_t n) {
  if (pos > d->len || del > d->len - pos || d->len - del + n > d->cap)
    return 0;
  memmove(d->buf + pos + n, d->buf + pos + del, d->len - pos - del);
  if (n)
    memmove(d->buf + pos, ins, n);
  d->len = d->len - del + n;
  return 1;
}

static int
insert_str(doc *d, size_t pos, const char *s) {
  return splice(d, pos, 0, (const uint8_t *)s, strlen(s));
}

/* A tag: [at, end) with end just past '>'; kind 's' start, 'e' end, 'x'
 * empty element, 'o' other (comment, PI, declaration, CDATA). */
typedef struct tag {
  size_t at, end;
  char kind;
  size_t match; /* for 's': index of its end tag, or (size_t)-1 */
} tag;

typedef struct tags {
  tag t[XM_TAGS];
  size_t n;
} tags;

static size_t
tag_end(const uint8_t *b, size_t i, size_t len) {
  uint8_t q = 0;
  for (; i < len; i++) {
    if (q) {
      if (b[i] == q)
        q = 0;
    } else if (b[i] == '"' || b[i] == '\'') {
      q = b[i];
    } else if (b[i] == '>') {
      return i + 1;
    }
  }
  return 0;
}

static void
scan_buf(const uint8_t *buf, size_t off, size_t len, tags *ts) {
  size_t i = off, stack[XM_DEPTH], sp = 0;
  ts->n = 0;
  while (i < len && ts->n < XM_TAGS) {
    const uint8_t *p = memchr(buf + i, '<', len - i);
    size_t at, e;
    tag *t;
    if (!p)
      break;
    at = (size_t)(p - buf);
    e = tag_end(buf, at + 1, len);
    if (!e)
      break;
    t = &ts->t[ts->n];
    t->at = at;
    t->end = e;
    t->match = (size_t)-1;
    if (at + 1 < len && (buf[at + 1] == '!' || buf[at + 1] == '?'))
      t->kind = 'o';
    else if (at + 1 < len && buf[at + 1] == '/')
      t->kind = 'e';
    else if (buf[e - 2] == '/')
      t->kind = 'x';
    else
      t->kind = 's';
    if (t->kind == 's' && sp < XM_DEPTH)
      stack[sp++] = ts->n;
    else if (t->kind == 'e' && sp > 0)
      ts->t[stack[--sp]].match = ts->n;
    ts->n++;
    i = e;
  }
}

static void
scan(const doc *d, tags *ts) {
  scan_buf(d->buf, d->off, d->len, ts);
}

/* A random element: [*a, *b) of a start tag with its end tag, or an empty
 * element.  0 when there is none. */
static int
pick_element(rng *r, const tags *ts, size_t *a, size_t *b) {
  size_t k, tries;
  for (tries = 0; tries < 8 && ts->n; tries++) {
    const tag *t = &ts->t[below(r, ts->n)];
    if (t->kind == 'x') {
      *a = t->at;
      *b = t->end;
      return 1;
    }
    if (t->kind == 's' && t->match != (size_t)-1) {
      k = t->match;
      *a = t->at;
      *b = ts->t[k].end;
      return 1;
    }
  }
  return 0;
}

/* Just past a random start tag (a place for content), or the response's
 * start when there is none. */
static size_t
pick_content_pos(rng *r, const doc *d, const tags *ts) {
  size_t tries;
  for (tries = 0; tries < 8 && ts->n; tries++) {
    const tag *t = &ts->t[below(r, ts->n)];
    if (t->kind == 's')
      return t->end;
  }
  return d->off;
}

/* A text run [*a, *b): between two tags, non-empty. */
static int
pick_text(rng *r, const tags *ts, size_t *a, size_t *b) {
  size_t tries;
  for (tries = 0; tries < 8 && ts->n > 1; tries++) {
    size_t k = below(r, ts->n - 1);
    if (ts->t[k + 1].at > ts->t[k].end) {
      *a = ts->t[k].end;
      *b = ts->t[k + 1].at;
      return 1;
    }
  }
  return 0;
}

static int
op_element(rng *r, doc *d, const tags *ts) {
  size_t a, b, n, pos;
  if (!pick_element(r, ts, &a, &b))
    return 0;
  n = b - a;
  switch (below(r, 4)) {
  case 0: /* duplicate */
    memcpy(d->scratch, d->buf + a, n);
    return splice(d, b, 0, d->scratch, n);
  case 1: /* drop */
    return splice(d, a, n, NULL, 0);
  case 2: /* move (reorder, or into another Protocol) */
    pos = pick_content_pos(r, d, ts);
    if (pos > a && pos < b)
      return 0;
    memcpy(d->scratch, d->buf + a, n);
    if (!splice(d, a, n, NULL, 0))
      return 0;
    if (pos >= b)
      pos -= n;
    return splice(d, pos, 0, d->scratch, n);
  default: { /* nest in a wrapper */
    const char *w = NAMES[below(r, N_NAMES)];
    char open[40], close[40];
    size_t lw = strlen(w);
    open[0] = '<';
    memcpy(open + 1, w, lw);
    open[lw + 1] = '>';
    open[lw + 2] = 0;
    close[0] = '<';
    close[1] = '/';
    memcpy(close + 2, w, lw);
    close[lw + 2] = '>';
    close[lw + 3] = 0;
    return insert_str(d, b, close) && insert_str(d, a, open);
  }
  }
}

static int
op_attribute(rng *r, doc *d, const tags *ts) {
  size_t tries;
  for (tries = 0; tries < 8 && ts->n; tries++) {
    const tag *t = &ts->t[below(r, ts->n)];
    size_t pos;
    if (t->kind != 's' && t->kind != 'x')
      continue;
    pos = t->end - (t->kind == 'x' ? 2 : 1);
    if (below(r, 4) == 0) {
      /* An over-long Type attribute. */
      size_t n = 8 + below(r, 600), i;
      if (d->len + n + 10 > d->cap)
        return 0;
      memcpy(d->scratch, " Type=\"", 7);
      for (i = 0; i < n; i++)
        d->scratch[7 + i] = (uint8_t)('A' + i % 26);
      d->scratch[7 + n] = '"';
      return splice(d, pos, 0, d->scratch, n + 8);
    }
    return insert_str(d, pos, ATTRS[below(r, N_ATTRS)]);
  }
  return 0;
}

static int
find(const doc *d, size_t from, const char *s, size_t *at) {
  size_t n = strlen(s), i;
  if (n == 0)
    return 0;
  for (i = from; i + n <= d->len; i++)
    if (d->buf[i] == (uint8_t)s[0] && memcmp(d->buf + i, s, n) == 0) {
      *at = i;
      return 1;
    }
  return 0;
}

static int
op_namespace(rng *r, doc *d, const tags *ts) {
  size_t i, at, tries;
  if (below(r, 2)) {
    /* Swap one namespace name for another (https variant included). */
    for (tries = 0; tries < 4; tries++) {
      i = below(r, N_NS - 1);
      if (find(d, d->off, NS[i], &at)) {
        const char *to = NS[below(r, N_NS)];
        return splice(d, at, strlen(NS[i]), (const uint8_t *)to, strlen(to));
      }
    }
    return 0;
  }
  /* Rebind: <Name ...> becomes <p:Name xmlns:p="..."> (and its end tag),
   * or the default namespace is redeclared on it. */
  for (tries = 0; tries < 8 && ts->n; tries++) {
    size_t k = below(r, ts->n);
    const tag *t = &ts->t[k];
    char decl[200];
    const char *ns = NS[below(r, N_NS)];
    size_t name_end;
    if (t->kind != 's' || strlen(ns) > 150)
      continue;
    name_end = t->at + 1;
    while (name_end < t->end && d->buf[name_end] != ' ' &&
           d->buf[name_end] != '>' && d->buf[name_end] != '/')
      name_end++;
    if (below(r, 2)) {
      strcpy(decl, " xmlns=\"");
      strcat(decl, ns);
      strcat(decl, "\"");
      return insert_str(d, name_end, decl);
    }
    strcpy(decl, " xmlns:p=\"");
    strcat(decl, ns);
    strcat(decl, "\"");
    if (t->match != (size_t)-1 && !insert_str(d, ts->t[t->match].at + 2, "p:"))
      return 0;
    return insert_str(d, name_end, decl) && insert_str(d, t->at + 1, "p:");
  }
  return 0;
}

static int
op_text(rng *r, doc *d, const tags *ts) {
  size_t a, b, pos, i;
  char tmp[32];
  if (!pick_text(r, ts, &a, &b))
    return insert_str(d, pick_content_pos(r, d, ts),
                      SNIPPETS[below(r, N_SNIPPETS)]);
  pos = a + below(r, b - a + 1);
  switch (below(r, 7)) {
  case 0:
    return insert_str(d, pos, "<!---->");
  case 1: /* one character as CDATA */
    if (pos >= b)
      return 0;
    tmp[0] = (char)d->buf[pos];
    tmp[1] = 0;
    return splice(d, pos, 1, (const uint8_t *)"<![CDATA[", 9) &&
           insert_str(d, pos + 9, tmp) && insert_str(d, pos + 10, "]]>");
  case 2: /* one character as a reference */
    if (pos >= b || d->buf[pos] >= 0x80 || d->buf[pos] == '&')
      return 0;
    i = (size_t)d->buf[pos];
    tmp[0] = '&';
    tmp[1] = '#';
    if (below(r, 2)) {
      tmp[2] = 'x';
      tmp[3] = "0123456789ABCDEF"[i >> 4];
      tmp[4] = "0123456789abcdef"[i & 15];
      tmp[5] = ';';
      tmp[6] = 0;
    } else {
      tmp[2] = (char)('0' + i / 100);
      tmp[3] = (char)('0' + i / 10 % 10);
      tmp[4] = (char)('0' + i % 10);
      tmp[5] = ';';
      tmp[6] = 0;
    }
    return splice(d, pos, 1, (const uint8_t *)tmp, strlen(tmp));
  case 3: /* case */
    for (i = a; i < b; i++) {
      uint8_t c = d->buf[i];
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        if (below(r, 2))
          d->buf[i] = c ^ 0x20;
    }
    return 1;
  case 4: /* whitespace */
    return insert_str(d, pos,
                      (const char *[]){" ", "\t", "\r\n", "\n", "\r",
                                       "\xc2\xa0"}[below(r, 6)]);
  case 5: { /* another value */
    const char *v = VALUES[below(r, N_VALUES)];
    return splice(d, a, b - a, (const uint8_t *)v, strlen(v));
  }
  default:
    return insert_str(d, pos, SNIPPETS[below(r, N_SNIPPETS)]);
  }
}

/* Re-encode the response as UTF-16 with a BOM (8-bit units widened), or
 * back to 8 bits; or put another declaration in front. */
static int
op_encoding(rng *r, doc *d) {
  size_t n = d->len - d->off, i;
  uint8_t *b = d->buf + d->off;
  int be = (int)below(r, 2);
  if (n >= 2 &&
      ((b[0] == 0xff && b[1] == 0xfe) || (b[0] == 0xfe && b[1] == 0xff))) {
    int lo = b[0] == 0xff ? 0 : 1;
    size_t m = 0;
    for (i = 2; i + 1 < n; i += 2)
      d->scratch[m++] = b[i + lo];
    memcpy(b, d->scratch, m);
    d->len = d->off + m;
    return 1;
  }
  switch (below(r, 3)) {
  case 0:
    if (d->off + 2 + 2 * n > d->cap)
      return 0;
    d->scratch[0] = be ? 0xfe : 0xff;
    d->scratch[1] = be ? 0xff : 0xfe;
    for (i = 0; i < n; i++) {
      d->scratch[2 + 2 * i + (be ? 1 : 0)] = b[i];
      d->scratch[2 + 2 * i + (be ? 0 : 1)] = 0;
    }
    memcpy(b, d->scratch, 2 + 2 * n);
    d->len = d->off + 2 + 2 * n;
    return 1;
  case 1: { /* replace or add the declaration */
    size_t at, end = 0;
    if (n > 5 && memcmp(b, "<?xml", 5) == 0 && find(d, d->off, "?>", &at))
      end = at + 2 - d->off;
    const char *s = DECLS[below(r, N_DECLS)];
    return splice(d, d->off, end, (const uint8_t *)s, strlen(s));
  }
  default: /* LF to CR LF */
    for (i = d->off; i < d->len; i++)
      if (d->buf[i] == '>' && below(r, 4) == 0 &&
          !splice(d, i + 1, 0, (const uint8_t *)"\r\n", 2))
        return 0;
    return 1;
  }
}

size_t
xm_prefix_len(const uint8_t *data, size_t size) {
  size_t i = 1, k, want;
  unsigned f;
  if (size == 0)
    return 0;
  f = data[0];
  if ((f & 0x02u) && i < size) {
    want = (size_t)(data[i++] % 4) + 1;
    for (k = 0; k < want && i < size; k++) {
      size_t l = data[i++];
      i += l < size - i ? l : size - i;
    }
  }
  if ((f & 0x04u) && i < size) {
    size_t l = data[i++];
    i += l < size - i ? l : size - i;
  }
  if (f & 0x08u)
    i += 10 < size - i ? 10 : size - i;
  if ((f & 0x10u) && i < size)
    i++;
  if (f & 0x40u)
    i += 6 < size - i ? 6 : size - i;
  return i;
}

/* A new context prefix: profile, header lines, build, limits, chunking,
 * padding, drawn at random. */
static int
op_context(rng *r, doc *d) {
  static const char *const lines[] = {"Negotiate", "ExHttpInfo",
                                      "Negotiate, ExHttpInfo", "", "negotiate"};
  static const char *const builds[] = {"15.0.995.14", "15",    "15.0.995.13",
                                       "16.0",        "15..0", "14.3.123.4"};
  uint8_t p[160]; /* 1 + 1 + 3 * 22 + 12 + 10 + 1 + 6 at most */
  size_t n = 1, i, k;
  unsigned f = next(r) & 0x7fu;
  if (f & 0x02u) {
    k = below(r, 3);
    p[n++] = (uint8_t)k;
    for (i = 0; i <= k; i++) {
      const char *s = lines[below(r, 5)];
      p[n++] = (uint8_t)strlen(s);
      memcpy(p + n, s, strlen(s));
      n += strlen(s);
    }
  }
  if (f & 0x04u) {
    const char *s = builds[below(r, 6)];
    p[n++] = (uint8_t)strlen(s);
    memcpy(p + n, s, strlen(s));
    n += strlen(s);
  }
  if (f & 0x08u)
    for (i = 0; i < 10; i++)
      p[n++] = (uint8_t)(below(r, 3) ? 0 : next(r));
  if (f & 0x10u)
    p[n++] = (uint8_t)next(r);
  if (f & 0x40u)
    for (i = 0; i < 6; i++)
      p[n++] = (uint8_t)next(r);
  p[0] = (uint8_t)f;
  if (!splice(d, 0, d->off, p, n))
    return 0;
  d->off = n;
  return 1;
}

static size_t
own_bytes(rng *r, uint8_t *data, size_t size, size_t max_size) {
  size_t pos;
  if (size == 0) {
    data[0] = (uint8_t)next(r);
    return 1;
  }
  pos = below(r, size);
  switch (below(r, 3)) {
  case 0:
    data[pos] ^= (uint8_t)(1u << below(r, 8));
    return size;
  case 1:
    if (size < max_size) {
      memmove(data + pos + 1, data + pos, size - pos);
      data[pos] = (uint8_t)next(r);
      return size + 1;
    }
    return size;
  default:
    if (size > 1) {
      memmove(data + pos, data + pos + 1, size - pos - 1);
      return size - 1;
    }
    return size;
  }
}

size_t
xm_mutate(uint8_t *data, size_t size, size_t max_size, unsigned seed,
          uint8_t *scratch, xm_bytes_fn fallback) {
  rng r;
  doc d;
  tags ts;
  int ok = 0, k;
  if (max_size == 0)
    return 0;
  if (size > max_size)
    size = max_size;
  r.s = seed * 2654435761u + 0x9e3779b9u;
  if (r.s == 0)
    r.s = 1;
  d.buf = data;
  d.len = size;
  /* Grow by a quarter plus 256 bytes at most: large inputs are slow, and
   * bit6 padding makes multi-block documents out of small ones anyway. */
  d.cap = size + size / 4 + 256 < max_size ? size + size / 4 + 256 : max_size;
  d.off = xm_prefix_len(data, size);
  d.scratch = scratch;
  /* Half the time, byte-level mutation (the engine's own: it also knows
   * the dictionary and the comparisons seen).  The 10-minute measurement
   * in fuzz/README.md found a fifth too little: edges grew more slowly. */
  k = (int)below(&r, 16);
  if (k >= 8 || size == 0) {
    size_t n = fallback ? fallback(data, size, max_size)
                        : own_bytes(&r, data, size, max_size);
    return n ? n : own_bytes(&r, data, 0, max_size);
  }
  scan(&d, &ts);
  switch (k % 8) {
  case 0:
  case 1:
    ok = op_element(&r, &d, &ts);
    break;
  case 2:
    ok = op_attribute(&r, &d, &ts);
    break;
  case 3:
    ok = op_namespace(&r, &d, &ts);
    break;
  case 4:
  case 5:
    ok = op_text(&r, &d, &ts);
    break;
  case 6:
    ok = op_encoding(&r, &d);
    break;
  default:
    ok = op_context(&r, &d);
    break;
  }
  if (!ok || d.len == 0) {
    size_t n = fallback ? fallback(data, d.len, max_size)
                        : own_bytes(&r, data, d.len, max_size);
    return n ? n : own_bytes(&r, data, 0, max_size);
  }
  return d.len;
}

size_t
xm_crossover(const uint8_t *data1, size_t size1, const uint8_t *data2,
             size_t size2, uint8_t *out, size_t max_out, unsigned seed) {
  rng r;
  doc d1, d2;
  static const uint8_t none = 0;
  size_t a, b, pos, n1 = size1 < max_out ? size1 : max_out;
  tags t1, t2;
  r.s = seed * 2246822519u + 1;
  if (r.s == 0)
    r.s = 1;
  memcpy(out, data1, n1);
  d1.buf = out;
  d1.len = n1;
  d1.cap = max_out;
  d1.off = xm_prefix_len(out, n1);
  d1.scratch = NULL;
  d2.buf = NULL;
  d2.len = size2;
  d2.cap = size2;
  d2.off = xm_prefix_len(data2, size2);
  d2.scratch = NULL;
  scan_buf(size2 ? data2 : &none, d2.off, size2, &t2);
  scan(&d1, &t1);
  if (!pick_element(&r, &t2, &a, &b)) {
    a = d2.off;
    b = d2.off + below(&r, d2.len - d2.off + 1);
  }
  pos = pick_content_pos(&r, &d1, &t1);
  if (!splice(&d1, pos, 0, data2 + a, b - a))
    return n1;
  return d1.len;
}
