/* SPDX-License-Identifier: MIT */
/* The heap a parse holds, counted through the allocation hooks: a
 * streaming parser's peak does not grow with the input (expat's buffer is
 * one 56 KiB block and its slack, README "Performance"), and
 * poxauth_parse holds expat's copy of a whole input only up to its
 * one-call size (block.h), blocks beyond that. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "poxauth.h"

check_state check_totals;

/* The hooks take no context (expat's suite has none), hence a counter of
 * the test's own: live bytes and their peak, and the blocks whose guard
 * byte (one past what was asked for) was overwritten, which a build
 * without ASan would not see. */
static size_t g_live, g_peak, g_overruns;

typedef union header {
  size_t size;
  max_align_t align;
} header;

#define GUARD 0xA5

static void *
count_malloc(size_t n) {
  header *h = (header *)malloc(sizeof *h + n + 1);
  if (!h)
    return NULL;
  h->size = n;
  ((unsigned char *)(h + 1))[n] = GUARD;
  g_live += n;
  if (g_live > g_peak)
    g_peak = g_live;
  return h + 1;
}

static header *
checked(void *p) {
  header *h = (header *)p - 1;
  if (((unsigned char *)p)[h->size] != GUARD)
    g_overruns++;
  return h;
}

static void
count_free(void *p) {
  header *h;
  if (!p)
    return;
  h = checked(p);
  g_live -= h->size;
  free(h);
}

static void *
count_realloc(void *p, size_t n) {
  header *h = p ? checked(p) : NULL, *g;
  size_t old = h ? h->size : 0;
  g = (header *)realloc(h, sizeof *g + n + 1);
  if (!g)
    return NULL;
  g->size = n;
  ((unsigned char *)(g + 1))[n] = GUARD;
  g_live = g_live - old + n;
  if (g_live > g_peak)
    g_peak = g_live;
  return g + 1;
}

/* A settings response with `pad` bytes of text in an element poxauth
 * skips (text, not one comment: a single token that long would make expat
 * enlarge its buffer to hold it, as README says): malloc'd, its length in
 * *len. */
static char *
document(size_t pad, size_t *len) {
  static const char head[] =
      "<?xml version=\"1.0\"?>\n<Autodiscover xmlns=\"http://schemas."
      "microsoft.com/exchange/autodiscover/responseschema/2006\"><Response "
      "xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/"
      "responseschema/2006a\"><Account><Action>settings</Action><Note>";
  static const char tail[] =
      "</Note><Protocol><Type>EXCH</Type><AuthPackage>ntlm</AuthPackage>"
      "</Protocol></Account></Response></Autodiscover>\n";
  char *d = (char *)malloc(sizeof head + pad + sizeof tail);
  size_t i;
  if (!d)
    return NULL;
  memcpy(d, head, sizeof head - 1);
  for (i = 0; i < pad; i++)
    d[sizeof head - 1 + i] = i % 80 == 79 ? '\n' : 'c';
  memcpy(d + sizeof head - 1 + pad, tail, sizeof tail);
  *len = sizeof head - 1 + pad + sizeof tail - 1;
  return d;
}

static void
options(poxauth_options *o) {
  poxauth_options_init(o);
  o->memory.malloc_fcn = count_malloc;
  o->memory.realloc_fcn = count_realloc;
  o->memory.free_fcn = count_free;
  o->limits.max_input_bytes = (size_t)64 << 20;
}

/* The peak heap of a streamed parse, 64 KiB a feed. */
static size_t
streamed_peak(size_t pad) {
  poxauth_options o;
  poxauth_parser *p = NULL;
  poxauth_result *r = NULL;
  size_t n = 0, at;
  char *d = document(pad, &n);
  if (!d)
    return 0;
  options(&o);
  g_live = g_peak = 0;
  if (poxauth_parser_create(&o, &p, NULL) == POXAUTH_OK) {
    for (at = 0; at < n; at += (size_t)64 << 10)
      poxauth_parser_feed(p, d + at, n - at < (64u << 10) ? n - at : 64u << 10);
    CHECK(poxauth_parser_finish(p, &r) == POXAUTH_OK);
    poxauth_result_free(r);
    poxauth_parser_destroy(p);
  }
  CHECK_MSG(g_live == 0, "%zu bytes still held", g_live);
  free(d);
  return g_peak;
}

static size_t
one_call_peak(size_t pad) {
  poxauth_options o;
  poxauth_result *r = NULL;
  size_t n = 0;
  char *d = document(pad, &n);
  if (!d)
    return 0;
  options(&o);
  g_live = g_peak = 0;
  CHECK(poxauth_parse(&o, d, n, &r, NULL) == POXAUTH_OK);
  poxauth_result_free(r);
  free(d);
  return g_peak;
}

/* 60 Protocols, each keeping a Type and an AuthPackage of `len` bytes: the
 * texts fill the result's inline space and then several shared blocks,
 * one of them exactly for some len of the sweep. */
static void
kept_texts(size_t len) {
  static const char head[] =
      "<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/"
      "autodiscover/responseschema/2006\"><Response xmlns=\"http://schemas."
      "microsoft.com/exchange/autodiscover/outlook/responseschema/2006a\">"
      "<Account><Action>settings</Action>";
  static const char tail[] = "</Account></Response></Autodiscover>";
  size_t cap = sizeof head + 60 * (80 + len) + sizeof tail, n, i;
  char *d = (char *)malloc(cap);
  poxauth_options o;
  poxauth_result *r = NULL;
  if (!d)
    return;
  memcpy(d, head, sizeof head);
  n = sizeof head - 1;
  for (i = 0; i < 60; i++) {
    n += (size_t)snprintf(d + n, cap - n,
                          "<Protocol><Type>EXCH</Type><AuthPackage>");
    memset(d + n, 'k', len);
    n += len;
    n += (size_t)snprintf(d + n, cap - n, "</AuthPackage></Protocol>");
  }
  memcpy(d + n, tail, sizeof tail);
  n += sizeof tail - 1;
  options(&o);
  o.limits.max_text_bytes = 4096;
  g_live = g_overruns = 0;
  CHECK(poxauth_parse(&o, d, n, &r, NULL) == POXAUTH_OK);
  CHECK_MSG(poxauth_result_protocol_count(r) == 60 &&
                poxauth_result_protocol(r, 59)->raw_len == len,
            "texts of %zu bytes: %zu Protocols", len,
            poxauth_result_protocol_count(r));
  poxauth_result_free(r);
  CHECK_MSG(g_live == 0, "texts of %zu bytes: %zu bytes still held", len,
            g_live);
  CHECK_MSG(g_overruns == 0, "texts of %zu bytes: %zu blocks overrun", len,
            g_overruns);
  free(d);
}

int
main(void) {
  size_t len;
  for (len = 1; len <= 160; len++)
    kept_texts(len);
  size_t mb = (size_t)1 << 20, small = streamed_peak(mb);
  size_t large = streamed_peak(8 * mb);
  /* expat's 64 KiB buffer, its own tables (about 10 KiB) and poxauth's
   * state; a second 64 KiB of buffer would pass the bound. */
  CHECK_MSG(small > 64 * 1024 && small < 96 * 1024,
            "streamed peak %zu bytes, want 64 to 96 KiB", small);
  CHECK_MSG(small == large, "streamed peak %zu bytes at 1 MiB, %zu at 8 MiB",
            small, large);
  /* One call: expat's copy of the input, at most 2 MiB, up to the one-call
   * size; an input past it goes in blocks like a streamed one. */
  CHECK_MSG(one_call_peak(mb) > mb && one_call_peak(mb) <= 2 * mb + 32 * 1024,
            "one call of 1 MiB: peak %zu bytes", one_call_peak(mb));
  CHECK_MSG(one_call_peak(3 * mb) == small,
            "one call of 3 MiB: peak %zu bytes, streamed %zu",
            one_call_peak(3 * mb), small);
  return check_report("memory");
}
