/* SPDX-License-Identifier: MIT */
/* Invariant checks shared by the fuzz targets; see fuzz_check.h. */
#include "fuzz_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef POXAUTH_FUZZ_NO_CANON
#include "canon.h"
#endif

static void
check_str(const char *s, size_t len) {
  /* A (pointer, length) string the library hands out: readable, and
   * NUL-terminated as poxauth.h promises. */
  FUZZ_CHECK(s != NULL);
  FUZZ_CHECK(s[len] == '\0');
}

static void
check_static_name(const char *s) {
  FUZZ_CHECK(s != NULL);
  FUZZ_CHECK(strcmp(s, "?") != 0);
}

void
fuzz_check_result(const poxauth_result *r, poxauth_status st,
                  const poxauth_options *opts) {
  const poxauth_rejection *rej;
  size_t np, nf, i, viol = 0;
  poxauth_kind kind;
  const char *ec;
  size_t eclen = 0;

  FUZZ_CHECK(r != NULL);
  FUZZ_CHECK(st == POXAUTH_OK || st == POXAUTH_REJECTED ||
             st == POXAUTH_ERR_NOMEM);
  rej = poxauth_result_rejection(r);
  if (st == POXAUTH_OK)
    FUZZ_CHECK(rej == NULL);
  else
    FUZZ_CHECK(rej != NULL);
  FUZZ_CHECK(poxauth_result_profile(r) == opts->profile);
  if (opts->can_handle_count == 0)
    FUZZ_CHECK(poxauth_result_can_handle_lines(r) == -1);
  else
    FUZZ_CHECK(poxauth_result_can_handle_lines(r) ==
               (long)opts->can_handle_count);

  if (rej != NULL) {
    /* A rejection carries a class, and a limit exactly when it is LIMIT. */
    FUZZ_CHECK(rej->cls > POXAUTH_REJECT_NONE &&
               (int)rej->cls < POXAUTH_REJECT_COUNT);
    check_static_name(poxauth_reject_name(rej->cls));
    if (rej->cls == POXAUTH_REJECT_LIMIT) {
      FUZZ_CHECK(rej->limit > POXAUTH_LIMIT_NONE &&
                 rej->limit <= POXAUTH_LIMIT_TEXT_BYTES);
      check_static_name(poxauth_limit_name(rej->limit));
    } else {
      FUZZ_CHECK(rej->limit == POXAUTH_LIMIT_NONE);
    }
    FUZZ_CHECK((st == POXAUTH_ERR_NOMEM) == (rej->cls == POXAUTH_REJECT_NOMEM));
    FUZZ_CHECK(rej->message != NULL);
    (void)strlen(rej->message);
    /* A rejection is never a partial answer [REJ]. */
    FUZZ_CHECK(poxauth_result_protocol_count(r) == 0);
    FUZZ_CHECK(poxauth_result_finding_count(r) == 0);
    return;
  }

  kind = poxauth_result_kind(r);
  FUZZ_CHECK(kind >= POXAUTH_KIND_OTHER && kind <= POXAUTH_KIND_MOBILESYNC);
  if (kind == POXAUTH_KIND_MOBILESYNC)
    FUZZ_CHECK(poxauth_result_protocol_count(r) == 0);
  check_static_name(poxauth_kind_name(kind));
  ec = poxauth_result_error_code(r, &eclen);
  if (ec != NULL) {
    FUZZ_CHECK(kind == POXAUTH_KIND_ERROR);
    check_str(ec, eclen);
  }

  np = poxauth_result_protocol_count(r);
  for (i = 0; i < np; i++) {
    const poxauth_protocol *p = poxauth_result_protocol(r, i);
    FUZZ_CHECK(p != NULL);
    if (p->type != NULL)
      check_str(p->type, p->type_len);
    else
      FUZZ_CHECK(p->type_len == 0 && !p->type_known);
    FUZZ_CHECK(p->value >= POXAUTH_VALUE_ABSENT &&
               p->value <= POXAUTH_VALUE_ANONYMOUS);
    check_static_name(poxauth_value_name(p->value));
    if (opts->profile == POXAUTH_PROFILE_POX)
      FUZZ_CHECK(p->value != POXAUTH_VALUE_ANONYMOUS);
    else if (opts->profile == POXAUTH_PROFILE_OXDSCLI)
      FUZZ_CHECK(p->value != POXAUTH_VALUE_NEGO2);
    /* raw is NULL exactly when there is no AuthPackage. */
    FUZZ_CHECK((p->raw == NULL) == (p->value == POXAUTH_VALUE_ABSENT));
    if (p->raw != NULL)
      check_str(p->raw, p->raw_len);
    if (p->applies)
      FUZZ_CHECK(p->value != POXAUTH_VALUE_ABSENT && p->type_known);
    FUZZ_CHECK(p->server_version_state <= POXAUTH_SV_MALFORMED);
    if (p->server_version_state == POXAUTH_SV_OK)
      FUZZ_CHECK(p->server_version.nparts == 3);
    FUZZ_CHECK(p->build_source <= POXAUTH_BUILD_ASSUMED);
    FUZZ_CHECK(p->line >= 1 && p->column >= 1);
  }
  FUZZ_CHECK(poxauth_result_protocol(r, np) == NULL);

  nf = poxauth_result_finding_count(r);
  for (i = 0; i < nf; i++) {
    const poxauth_finding *f = poxauth_result_finding(r, i);
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK((int)f->code >= 1 && (int)f->code <= POXAUTH_F_COUNT);
    check_static_name(poxauth_finding_name(f->code));
    check_static_name(poxauth_finding_rule(f->code));
    /* Every finding refers to an existing Protocol (or the document). */
    FUZZ_CHECK(f->protocol == POXAUTH_NO_PROTOCOL || f->protocol < np);
    FUZZ_CHECK(f->severity == poxauth_finding_severity(f->code));
    if (f->severity == POXAUTH_VIOLATION)
      viol++;
    FUZZ_CHECK(f->message != NULL && f->hint != NULL);
    (void)strlen(f->message);
    (void)strlen(f->hint);
    FUZZ_CHECK(f->line >= 1 && f->column >= 1);
  }
  FUZZ_CHECK(poxauth_result_finding(r, nf) == NULL);
  FUZZ_CHECK(poxauth_result_violation_count(r) == viol);
}

char *
fuzz_canonical(const poxauth_result *r, size_t *len) {
  size_t n = poxauth_result_canonical(r, NULL, 0), half;
  char *buf = malloc(n + 1), *cut;
  FUZZ_CHECK(n > 0);
  FUZZ_CHECK(buf != NULL);
  FUZZ_CHECK(poxauth_result_canonical(r, buf, n + 1) == n);
  FUZZ_CHECK(buf[n] == '\0');
  FUZZ_CHECK(strlen(buf) == n);
  /* A cut text is a NUL-terminated prefix, and the return is unchanged. */
  half = n / 2 + 1;
  cut = malloc(half);
  FUZZ_CHECK(cut != NULL);
  FUZZ_CHECK(poxauth_result_canonical(r, cut, half) == n);
  FUZZ_CHECK(cut[half - 1] == '\0');
  FUZZ_CHECK(memcmp(cut, buf, half - 1) == 0);
  free(cut);
  *len = n;
  return buf;
}

#ifndef POXAUTH_FUZZ_NO_CANON
static size_t
longest_line(const char *text, size_t len) {
  size_t i, start = 0, most = 0;

  for (i = 0; i < len; i++) {
    if (text[i] == '\n') {
      most = i - start > most ? i - start : most;
      start = i + 1;
    }
  }
  return len - start > most ? len - start : most;
}

/* A line over the reader's bound is the format's promise only while the
 * text limit is the default (FORMAT.md); past it, the field is still at
 * most max_text_bytes escaped (3 bytes each) among the line's few tokens. */
static int
line_too_long_for_reader(const char *text, size_t len,
                         const poxauth_options *opts) {
  size_t most = longest_line(text, len);
  size_t limit = opts->limits.max_text_bytes ? opts->limits.max_text_bytes
                                             : POXAUTH_DEFAULT_MAX_TEXT_BYTES;

  if (most <= CANON_MAX_LINE)
    return 0;
  FUZZ_CHECK(limit > POXAUTH_DEFAULT_MAX_TEXT_BYTES);
  FUZZ_CHECK(most <= 3 * limit + 128);
  return 1;
}

void
fuzz_check_canon(const char *text, size_t len, const poxauth_result *r,
                 const poxauth_options *opts) {
  canon_result a, b;
  char err[256];
  size_t m, i;
  char *again;
  const poxauth_rejection *rej = poxauth_result_rejection(r);

  if (line_too_long_for_reader(text, len, opts))
    return;
  memset(&a, 0, sizeof a);
  memset(&b, 0, sizeof b);
  /* Our own canonical output must always be readable. */
  if (canon_parse(text, len, &a, err, sizeof err) != 0) {
    fuzz_fail(__FILE__, __LINE__, err);
  }
  /* ... and agree with the API. */
  FUZZ_CHECK(a.rejected == (rej != NULL));
  if (rej != NULL) {
    FUZZ_CHECK(strcmp(a.reject_class, poxauth_reject_name(rej->cls)) == 0);
  } else {
    FUZZ_CHECK(strcmp(a.kind, poxauth_kind_name(poxauth_result_kind(r))) == 0);
    FUZZ_CHECK(a.nprotocols == poxauth_result_protocol_count(r));
    FUZZ_CHECK(a.nfindings == poxauth_result_finding_count(r));
    for (i = 0; i < a.nprotocols; i++) {
      const poxauth_protocol *p = poxauth_result_protocol(r, i);
      FUZZ_CHECK(strcmp(a.protocols[i].value, poxauth_value_name(p->value)) ==
                 0);
      FUZZ_CHECK(a.protocols[i].applies == (p->applies != 0));
    }
  }
  /* Printed back, it is the same text, and reads back as the same result. */
  m = canon_print(&a, NULL, 0);
  again = malloc(m + 1);
  FUZZ_CHECK(again != NULL);
  FUZZ_CHECK(canon_print(&a, again, m + 1) == m);
  if (canon_parse(again, m, &b, err, sizeof err) != 0)
    fuzz_fail(__FILE__, __LINE__, err);
  FUZZ_CHECK(canon_equal(&a, &b));
  FUZZ_CHECK(canon_equal(&b, &a));
#ifndef POXAUTH_FUZZ_CANON_LOOSE
  FUZZ_CHECK(m == len && memcmp(again, text, len) == 0);
#endif
  free(again);
  canon_free(&a);
  canon_free(&b);
}
#else
void
fuzz_check_canon(const char *text, size_t len, const poxauth_result *r,
                 const poxauth_options *opts) {
  (void)text;
  (void)len;
  (void)r;
  (void)opts;
}
#endif

poxauth_status
fuzz_parse_chunked(const poxauth_options *opts, const uint8_t *body, size_t len,
                   fuzz_chunker *ch, poxauth_result **out) {
  poxauth_parser *p = NULL;
  const char *err = NULL;
  poxauth_status st, fst;
  size_t off = 0;
  int rejected = 0, nomem = 0;

  *out = NULL;
  st = poxauth_parser_create(opts, &p, &err);
  if (st != POXAUTH_OK) {
    FUZZ_CHECK(p == NULL);
    return st;
  }
  FUZZ_CHECK(p != NULL);
  while (off < len) {
    size_t n = ch ? fuzz_chunker_next(ch) : 1;
    if (n > len - off)
      n = len - off;
    st = poxauth_parser_feed(p, body + off, n);
    FUZZ_CHECK(st == POXAUTH_OK || st == POXAUTH_REJECTED ||
               st == POXAUTH_ERR_NOMEM);
    /* Once rejected, it stays rejected. */
    if (rejected)
      FUZZ_CHECK(st != POXAUTH_OK);
    if (st == POXAUTH_REJECTED)
      rejected = 1;
    if (st == POXAUTH_ERR_NOMEM)
      nomem = 1;
    off += n;
  }
  /* A zero-length feed changes nothing. */
  st = poxauth_parser_feed(p, body, 0);
  if (rejected)
    FUZZ_CHECK(st != POXAUTH_OK);
  fst = poxauth_parser_finish(p, out);
  FUZZ_CHECK(fst == POXAUTH_OK || fst == POXAUTH_REJECTED ||
             fst == POXAUTH_ERR_NOMEM);
  if (fst != POXAUTH_ERR_NOMEM || *out != NULL)
    FUZZ_CHECK(*out != NULL);
  if (rejected && !nomem)
    FUZZ_CHECK(fst == POXAUTH_REJECTED);
  if (nomem)
    FUZZ_CHECK(fst != POXAUTH_OK);
  /* After finish, only destroy is allowed: feeding is out of order. */
  FUZZ_CHECK(poxauth_parser_feed(p, "<", 1) == POXAUTH_ERR_STATE);
  poxauth_parser_destroy(p);
  return fst;
}

void
fuzz_check_same(const poxauth_result *a, poxauth_status sa,
                const poxauth_result *b, poxauth_status sb) {
  fuzz_check_same_mapped(a, sa, b, sb, NULL);
}

/* (line, column) of a's answer where b should have it. */
static void
mapped(const fuzz_pad_map *m, unsigned long line, unsigned long column,
       unsigned long *ml, unsigned long *mc) {
  *ml = line;
  *mc = column;
  if (m)
    fuzz_pad_map_position(m, ml, mc);
}

/* After the root, expat names a name cut short by a block edge junk at its
 * start; read whole, the same bytes may be an invalid character further on.
 * Padding moves edges, so b (padded) may name junk where a did not: the
 * same class, and junk that starts at or before a's error on its line.
 * The same document split otherwise gets the same blocks [STR-1]. */
static int
junk_moved_to_edge(const poxauth_rejection *ra, const poxauth_rejection *rb,
                   unsigned long ml, unsigned long mc) {
  return ra->cls == POXAUTH_REJECT_NOT_WELL_FORMED && ra->cls == rb->cls &&
         strcmp(rb->message, "junk after document element") == 0 &&
         strcmp(ra->message, rb->message) != 0 && ml == rb->line &&
         mc >= rb->column;
}

void
fuzz_check_same_mapped(const poxauth_result *a, poxauth_status sa,
                       const poxauth_result *b, poxauth_status sb,
                       const fuzz_pad_map *m) {
  size_t la, lb, i, n;
  unsigned long ml, mc;
  char *ta, *tb;
  const poxauth_rejection *ra, *rb;

  ra = poxauth_result_rejection(a);
  rb = poxauth_result_rejection(b);
  FUZZ_CHECK(sa == sb);
  ta = fuzz_canonical(a, &la);
  tb = fuzz_canonical(b, &lb);
  if (la != lb || memcmp(ta, tb, la) != 0)
    fprintf(stderr, "one:\n%s\nother:\n%s\n", ta, tb);
  FUZZ_CHECK(la == lb && memcmp(ta, tb, la) == 0);
  free(ta);
  free(tb);
  FUZZ_CHECK((ra == NULL) == (rb == NULL));
  if (ra != NULL) {
    mapped(m, ra->line, ra->column, &ml, &mc);
    if (m && junk_moved_to_edge(ra, rb, ml, mc))
      return;
    if (ml != rb->line || mc != rb->column)
      fprintf(stderr, "rejection %s at %lu:%lu (%s) vs %lu:%lu (%s)\n",
              poxauth_reject_name(ra->cls), ml, mc, ra->message, rb->line,
              rb->column, rb->message);
    FUZZ_CHECK(ra->cls == rb->cls && ra->limit == rb->limit);
    FUZZ_CHECK(ml == rb->line && mc == rb->column);
    return;
  }
  n = poxauth_result_finding_count(a);
  FUZZ_CHECK(n == poxauth_result_finding_count(b));
  for (i = 0; i < n; i++) {
    const poxauth_finding *fa = poxauth_result_finding(a, i);
    const poxauth_finding *fb = poxauth_result_finding(b, i);
    mapped(m, fa->line, fa->column, &ml, &mc);
    if (ml != fb->line || mc != fb->column)
      fprintf(stderr, "finding %s at %lu:%lu vs %lu:%lu\n",
              poxauth_finding_name(fa->code), ml, mc, fb->line, fb->column);
    FUZZ_CHECK(fa->code == fb->code && fa->protocol == fb->protocol);
    FUZZ_CHECK(ml == fb->line && mc == fb->column);
  }
  n = poxauth_result_protocol_count(a);
  for (i = 0; i < n; i++) {
    const poxauth_protocol *pa = poxauth_result_protocol(a, i);
    const poxauth_protocol *pb = poxauth_result_protocol(b, i);
    mapped(m, pa->line, pa->column, &ml, &mc);
    if (ml != pb->line || mc != pb->column)
      fprintf(stderr, "protocol %zu at %lu:%lu vs %lu:%lu\n", i, ml, mc,
              pb->line, pb->column);
    FUZZ_CHECK(ml == pb->line && mc == pb->column);
    FUZZ_CHECK(pa->raw_len == pb->raw_len);
    if (pa->raw_len)
      FUZZ_CHECK(memcmp(pa->raw, pb->raw, pa->raw_len) == 0);
    FUZZ_CHECK(pa->server_version_state == pb->server_version_state);
    FUZZ_CHECK(pa->build_source == pb->build_source);
  }
}
