/* SPDX-License-Identifier: MIT */
/* The result object: storage, accessors and the canonical writer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void *
px_malloc(const poxauth_memory *m, size_t n) {
  /* cov: unreachable branch: every caller asks for a struct, a text and its NUL
   * or an array: n > 0 */
  return m->malloc_fcn(n ? n : 1);
}

void *
px_realloc(const poxauth_memory *m, void *p, size_t n) {
  /* cov: unreachable branch: every caller asks for a struct, a text and its NUL
   * or an array: n > 0 */
  return m->realloc_fcn(p, n ? n : 1);
}

void
px_free(const poxauth_memory *m, void *p) {
  if (p)
    m->free_fcn(p);
}

char *
px_strndup(const poxauth_memory *m, const char *s, size_t len) {
  char *d;
  /* Never true, marked on the return: the one caller (parser.c, the
   * Action) passes the length of a text held in memory, below SIZE_MAX. */
  /* cov: unreachable branch: the reason above */
  if (len == (size_t)-1)
    return NULL; /* cov: unreachable: see above */
  d = (char *)px_malloc(m, len + 1);
  if (!d)
    return NULL;
  if (len)
    memcpy(d, s, len);
  d[len] = '\0';
  return d;
}

poxauth_result *
px_result_new(const poxauth_memory *mem, poxauth_profile profile, long lines) {
  poxauth_result *r = (poxauth_result *)px_malloc(mem, sizeof *r);
  if (!r)
    return NULL;
  memset(r, 0, sizeof *r);
  r->mem = *mem;
  r->profile = profile;
  r->can_handle_lines = lines;
  r->kind = POXAUTH_KIND_OTHER;
  return r;
}

/* One block of kept texts, its link to the older ones included: a page,
 * about 30 Protocols' Type and AuthPackage. */
#define PX_TEXT_BLOCK ((size_t)4096)

/* A new block for a text of len bytes: a shared one, whose rest serves the
 * next texts, or, for a text longer than that, one of its own. */
static char *
text_block(poxauth_result *r, size_t len) {
  void **b;
  size_t room = PX_TEXT_BLOCK - sizeof *b;
  int own = len + 1 > room;
  /* cov: unreachable branch: the return's reason below */
  if (len > ((size_t)-1) - sizeof *b - 1)
    /* cov: unreachable: len is the length of a text held in memory (a
     * capture or an attribute), far below SIZE_MAX - sizeof *b - 1 */
    return NULL;
  if (own)
    room = len + 1;
  b = (void **)px_malloc(&r->mem, sizeof *b + room);
  if (!b)
    return NULL;
  *b = r->text_blocks;
  r->text_blocks = b;
  if (!own) {
    r->block_free = (char *)(b + 1) + len + 1;
    r->block_left = room - len - 1;
  }
  return (char *)(b + 1);
}

char *
px_result_text(poxauth_result *r, const char *s, size_t len) {
  char *t;
  if (len < sizeof r->texts - r->texts_used) {
    t = r->texts + r->texts_used;
    r->texts_used += len + 1;
  } else if (len < r->block_left) {
    t = r->block_free;
    r->block_free += len + 1;
    r->block_left -= len + 1;
  } else {
    t = text_block(r, len);
    if (!t)
      return NULL;
  }
  memcpy(t, s, len);
  t[len] = 0;
  return t;
}

proto_rec *
px_add_protocol(poxauth_result *r, size_t max) {
  proto_rec *pr;
  if (r->nprotos == r->cap_protos) {
    size_t cap = r->cap_protos ? r->cap_protos * 2 : 8;
    proto_rec *n;
    if (cap > max)
      cap = max;
    /* cov: unreachable branch: the return's reason below */
    if (cap <= r->nprotos || cap > ((size_t)-1) / sizeof *n)
      /* cov: unreachable: new_protocol calls this only below max, so cap
       * > nprotos; cap is at most twice an array realloc made, so cap *
       * sizeof *n does not wrap */
      return NULL;
    n = (proto_rec *)px_realloc(&r->mem, r->protos, cap * sizeof *n);
    if (!n)
      return NULL;
    r->protos = n;
    r->cap_protos = cap;
  }
  pr = &r->protos[r->nprotos++];
  memset(pr, 0, sizeof *pr);
  return pr;
}

int
px_add_finding(poxauth_result *r, poxauth_finding_code c, size_t proto,
               unsigned long line, unsigned long column, poxauth_value v) {
  finding_rec *f;
  if (r->nfindings == r->cap_findings) {
    size_t cap = r->cap_findings ? r->cap_findings * 2 : 16;
    finding_rec *n;
    /* cov: unreachable branch: the block's reason below */
    if (cap > ((size_t)-1) / sizeof *n) {
      /* cov: unreachable: the array of cap_findings entries was allocated,
       * so it is at most half the address space and twice it fits */
      r->nomem_line = line;
      r->nomem_column = column;
      return -1;
    }
    n = (finding_rec *)px_realloc(&r->mem, r->findings, cap * sizeof *n);
    if (!n) {
      r->nomem_line = line;
      r->nomem_column = column;
      return -1;
    }
    r->findings = n;
    r->cap_findings = cap;
  }
  f = &r->findings[r->nfindings];
  f->seq = r->nfindings++;
  f->pub.code = c;
  f->pub.severity = poxauth_finding_severity(c);
  f->pub.protocol = proto;
  f->pub.line = line;
  f->pub.column = column;
  f->pub.message = px_finding_message(c);
  f->pub.hint = px_finding_hint(c, r->profile, v);
  if (f->pub.severity == POXAUTH_VIOLATION)
    r->violations++;
  return 0;
}

/* The canonical order of FORMAT.md: document findings first, then by
 * Protocol, then by code name; ties go by the order the findings were
 * made in (seq), so no two findings compare equal. */
static int
finding_before(const finding_rec *x, const finding_rec *y) {
  size_t px = x->pub.protocol + 1, py = y->pub.protocol + 1; /* -1 -> 0 */
  int c;
  if (px != py)
    return px < py;
  c = strcmp(poxauth_finding_name(x->pub.code),
             poxauth_finding_name(y->pub.code));
  if (c)
    return c < 0;
  return x->seq < y->seq;
}

static void
swap_findings(finding_rec *a, finding_rec *b) {
  finding_rec t = *a;
  *a = *b;
  *b = t;
}

/* Restore the heap property below node i of f[0..n). */
static void
sift_down(finding_rec *f, size_t i, size_t n) {
  for (;;) {
    size_t child = 2 * i + 1;
    if (child >= n)
      return;
    if (child + 1 < n && finding_before(&f[child], &f[child + 1]))
      child++;
    if (!finding_before(&f[i], &f[child]))
      return;
    swap_findings(&f[i], &f[child]);
    i = child;
  }
}

/* Heapsort: in place, O(n log n), no allocation (glibc's qsort allocates
 * with plain malloc for large arrays, bypassing the caller's hooks).
 * Heapsort alone is not stable, but seq makes the order total, so the
 * result is the one a stable sort gives. */
void
px_result_sort_findings(poxauth_result *r) {
  finding_rec *f = r->findings;
  size_t n = r->nfindings, i;
  for (i = 1; i < n && finding_before(&f[i - 1], &f[i]); i++)
    ;
  if (i >= n)
    return; /* the common case: found in document order already */
  for (i = n / 2; i-- > 0;)
    sift_down(f, i, n);
  for (i = n - 1; i > 0; i--) {
    swap_findings(&f[0], &f[i]);
    sift_down(f, 0, i);
  }
}

/* The message is safe to print as it is (README.md, "Hostile bytes"): a
 * detail that quotes the document escapes that text itself (parser.c,
 * quoted()), so that the cut lands outside any escape; escaping the whole
 * message again here would double every backslash of those escapes. */
void
px_result_reject(poxauth_result *r, poxauth_reject_class cls,
                 poxauth_limit_id limit, unsigned long line,
                 unsigned long column, const char *detail) {
  char *msg = r->rejection_message;
  size_t at = 0;
  const char *text = detail ? detail
                     /* cov: unreachable branch: detail is NULL only from
                        out_of_memory (parser.c), of class out-of-memory; every
                        limit comes with its message (reject_limit) */
                     : cls == POXAUTH_REJECT_LIMIT ? "limit exceeded"
                                                   : poxauth_reject_name(cls);
  /* Never true, marked on the return: every call comes before any
   * rejection (a handler that rejects stops expat, so no handler runs after
   * it; settle and poxauth_parser_finish look at rejected first). */
  /* cov: unreachable branch: the reason above */
  if (r->rejected)
    return; /* [REJ-1]: the first fatal problem wins */ /* cov: unreachable */
  r->rejected = 1;
  r->rejection.cls = cls;
  r->rejection.limit = limit;
  r->rejection.line = line;
  r->rejection.column = column;
  if (cls == POXAUTH_REJECT_LIMIT) {
    int n = snprintf(msg, sizeof r->rejection_message,
                     "%s: ", poxauth_limit_name(limit));
    /* cov: unreachable branch: a limit's name and ": " fit the 512 bytes, so
     * snprintf does not fail */
    at = n > 0 ? (size_t)n : 0;
  }
  snprintf(msg + at, sizeof r->rejection_message - at, "%s", text);
  r->rejection.message = msg;
}

void
poxauth_result_free(poxauth_result *r) {
  void *b;
  if (!r)
    return;
  while ((b = r->text_blocks) != NULL) { /* the texts (px_result_text) */
    r->text_blocks = *(void **)b;
    px_free(&r->mem, b);
  }
  px_free(&r->mem, r->protos);
  px_free(&r->mem, r->findings);
  r->mem.free_fcn(r);
}

const poxauth_rejection *
poxauth_result_rejection(const poxauth_result *r) {
  return r && r->rejected ? &r->rejection : NULL;
}

poxauth_kind
poxauth_result_kind(const poxauth_result *r) {
  return r && !r->rejected ? r->kind : POXAUTH_KIND_OTHER;
}

const char *
poxauth_result_error_code(const poxauth_result *r, size_t *len) {
  if (!r || r->rejected || r->kind != POXAUTH_KIND_ERROR || !r->error_code) {
    if (len)
      *len = 0;
    return NULL;
  }
  if (len)
    *len = r->error_code_len;
  return r->error_code;
}

size_t
poxauth_result_protocol_count(const poxauth_result *r) {
  return r && !r->rejected ? r->nprotos : 0;
}

const poxauth_protocol *
poxauth_result_protocol(const poxauth_result *r, size_t i) {
  return r && !r->rejected && i < r->nprotos ? &r->protos[i].pub : NULL;
}

size_t
poxauth_result_finding_count(const poxauth_result *r) {
  return r && !r->rejected ? r->nfindings : 0;
}

const poxauth_finding *
poxauth_result_finding(const poxauth_result *r, size_t i) {
  return r && !r->rejected && i < r->nfindings ? &r->findings[i].pub : NULL;
}

size_t
poxauth_result_violation_count(const poxauth_result *r) {
  return r && !r->rejected ? r->violations : 0;
}

poxauth_profile
poxauth_result_profile(const poxauth_result *r) {
  return r ? r->profile : POXAUTH_PROFILE_POX;
}

long
poxauth_result_can_handle_lines(const poxauth_result *r) {
  return r ? r->can_handle_lines : -1;
}

/* ------------------------------------------------------------------ */
/* Canonical writer (conformance/FORMAT.md).                           */

typedef struct sink {
  char *buf;
  size_t cap, len;
} sink;

static void
put(sink *s, const char *p, size_t n) {
  if (s->len < s->cap) {
    size_t room = s->cap - s->len;
    memcpy(s->buf + s->len, p, n < room ? n : room);
  }
  s->len += n;
}

static void
puts_(sink *s, const char *p) {
  put(s, p, strlen(p));
}

static void
put_size(sink *s, size_t v) {
  char tmp[24];
  int n = snprintf(tmp, sizeof tmp, "%zu", v);
  put(s, tmp, (size_t)n);
}

static void
put_field(sink *s, const char *p, size_t n) {
  static const char hex[] = "0123456789ABCDEF";
  size_t i;
  /* cov: unreachable branch: a kept Type or ErrorCode is never empty
   * (end_capture keeps one only when n > 0, resolve_type only a non-empty
   * attribute): no n == 0 with p */
  if (!p || n == 0) {
    put(s, "-", 1);
    return;
  }
  if (n == 1 && p[0] == '-') {
    put(s, "%2D", 3);
    return;
  }
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c < 0x21 || c > 0x7E || c == '%') {
      char e[3];
      e[0] = '%';
      e[1] = hex[c >> 4];
      e[2] = hex[c & 15];
      put(s, e, 3);
    } else {
      put(s, (const char *)&c, 1);
    }
  }
}

size_t
poxauth_result_canonical(const poxauth_result *r, char *buf, size_t cap) {
  sink s;
  size_t i;
  s.buf = buf;
  s.cap = buf ? cap : 0;
  s.len = 0;
  if (!r) {
    if (buf && cap > 0)
      buf[0] = '\0'; /* still a valid (empty) string */
    return 0;
  }
  puts_(&s, "poxauth-canonical 1\n");
  if (r->rejected) {
    puts_(&s, "reject ");
    puts_(&s, poxauth_reject_name(r->rejection.cls));
    if (r->rejection.cls == POXAUTH_REJECT_LIMIT) {
      puts_(&s, " ");
      puts_(&s, poxauth_limit_name(r->rejection.limit));
    }
    puts_(&s, "\n");
  } else {
    puts_(&s, "kind ");
    puts_(&s, poxauth_kind_name(r->kind));
    if (r->kind == POXAUTH_KIND_ERROR) {
      puts_(&s, " ");
      put_field(&s, r->error_code, r->error_code_len);
    }
    puts_(&s, "\n");
    for (i = 0; i < r->nprotos; i++) {
      const poxauth_protocol *p = &r->protos[i].pub;
      puts_(&s, "protocol ");
      put_size(&s, i);
      puts_(&s, " ");
      put_field(&s, p->type, p->type_len);
      puts_(&s, " ");
      puts_(&s, poxauth_value_name(p->value));
      puts_(&s, p->applies ? " yes\n" : " no\n");
    }
    for (i = 0; i < r->nfindings; i++) {
      const poxauth_finding *f = &r->findings[i].pub;
      puts_(&s, "finding ");
      if (f->protocol == POXAUTH_NO_PROTOCOL)
        puts_(&s, "-");
      else
        put_size(&s, f->protocol);
      puts_(&s, " ");
      puts_(&s, poxauth_finding_name(f->code));
      puts_(&s, f->severity == POXAUTH_VIOLATION ? " violation\n" : " note\n");
    }
  }
  puts_(&s, "end\n");
  if (buf && cap > 0)
    buf[s.len < cap ? s.len : cap - 1] = '\0';
  return s.len;
}
