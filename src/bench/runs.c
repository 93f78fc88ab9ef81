/* SPDX-License-Identifier: MIT */
/* The four paths over the same bytes, their check and their timing. */
#define _POSIX_C_SOURCE 200809L

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <expat.h>

#include "alloc.h"
#include "bench.h"

const char *const PATH_NAME[NPATHS + 1] = {
    "expat", "expat-64k", "poxauth_parse", "poxauth-stream", "none"};
const int PATH_BASE[NPATHS] = {-1, -1, PATH_EXPAT, PATH_EXPAT_64K};

int
path_by_name(const char *s) {
  int i;
  for (i = 0; i <= NPATHS; i++)
    if (strcmp(s, PATH_NAME[i]) == 0)
      return i;
  return -1;
}

static const XML_Char NS_SEP[] = {'\x01', 0};
static const XML_Memory_Handling_Suite COUNTING_SUITE = {
    bench_malloc, bench_realloc, bench_free};
static const poxauth_bytes CAN_HANDLE[1] = {{"Negotiate,ExHttpInfo", 20}};

void
bench_options(poxauth_options *o, int raised, int counting) {
  poxauth_options_init(o); /* the default profile, union */
  o->can_handle = CAN_HANDLE;
  o->can_handle_count = 1;
  if (raised) {
    o->limits.max_input_bytes = (size_t)1 << 40;
    o->limits.max_elements = (size_t)1 << 40;
    o->limits.max_protocols = (size_t)1 << 30;
  }
  if (counting) {
    o->memory.malloc_fcn = bench_malloc;
    o->memory.realloc_fcn = bench_realloc;
    o->memory.free_fcn = bench_free;
  }
}

/* Bare expat: one final call (chunk 0) or chunks, the last one final, as
 * a caller that knows where its input ends feeds it. */
static int
run_expat(const char *d, size_t n, size_t chunk, int counting,
          unsigned long salt) {
  XML_Parser p = counting ? XML_ParserCreate_MM(NULL, &COUNTING_SUITE, NS_SEP)
                          : XML_ParserCreateNS(NULL, NS_SEP[0]);
  size_t off = 0;
  int ok = 1;
  if (!p)
    return -1;
  if (salt)
    XML_SetHashSalt(p, salt);
  if (chunk == 0 || chunk > (size_t)INT_MAX)
    chunk = n <= (size_t)INT_MAX ? n : BENCH_CHUNK;
  do {
    size_t k = n - off < chunk ? n - off : chunk;
    ok = XML_Parse(p, d + off, (int)k, off + k == n) == XML_STATUS_OK;
    off += k;
  } while (ok && off < n);
  XML_ParserFree(p);
  return ok ? 0 : -1;
}

static int
status_rc(poxauth_status st) {
  return st == POXAUTH_OK ? 0 : st == POXAUTH_REJECTED ? 1 : -1;
}

static int
run_parse(const char *d, size_t n, const poxauth_options *o,
          poxauth_result **keep) {
  poxauth_result *r = NULL;
  int rc = status_rc(poxauth_parse(o, d, n, &r, NULL));
  if (keep)
    *keep = r;
  else
    poxauth_result_free(r);
  return rc;
}

static int
run_stream(const char *d, size_t n, const poxauth_options *o,
           poxauth_result **keep) {
  poxauth_parser *p = NULL;
  poxauth_result *r = NULL;
  poxauth_status st = POXAUTH_OK;
  size_t off = 0;
  int rc;
  if (poxauth_parser_create(o, &p, NULL) != POXAUTH_OK)
    return -1;
  while (st == POXAUTH_OK && off < n) {
    size_t k = n - off < BENCH_CHUNK ? n - off : BENCH_CHUNK;
    st = poxauth_parser_feed(p, d + off, k);
    off += k;
  }
  rc = status_rc(poxauth_parser_finish(p, &r));
  poxauth_parser_destroy(p);
  if (keep)
    *keep = r;
  else
    poxauth_result_free(r);
  return rc;
}

int
bench_run(int path, const char *d, size_t n, const poxauth_options *o,
          int counting, poxauth_result **keep) {
  switch (path) {
  case PATH_EXPAT:
    return run_expat(d, n, 0, counting, o->hash_salt);
  case PATH_EXPAT_64K:
    return run_expat(d, n, BENCH_CHUNK, counting, o->hash_salt);
  case PATH_PARSE:
    return run_parse(d, n, o, keep);
  case PATH_STREAM:
    return run_stream(d, n, o, keep);
  default:
    return -1;
  }
}

/* Not static, not inlined: callgrind's --toggle-collect needs the
 * symbol, so that only the parses are counted. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
int
poxauth_bench_loop(int path, const char *d, size_t n, const poxauth_options *o,
                   unsigned long iterations) {
  unsigned long i;
  int bad = 0;
  for (i = 0; i < iterations; i++)
    if (bench_run(path, d, n, o, 0, NULL) != 0)
      bad++;
  return bad;
}

static const poxauth_kind EXPECT_KIND[] = {
    POXAUTH_KIND_SETTINGS, POXAUTH_KIND_REDIRECT_ADDR, POXAUTH_KIND_ERROR};

/* The answer the input was built for: accepted, its kind, its Protocols. */
static int
check_result(const bench_input *in, int path, int rc, poxauth_result *r) {
  const poxauth_rejection *rej = r ? poxauth_result_rejection(r) : NULL;
  if (rc != 0 || !r || rej) {
    fprintf(stderr, "ERROR: %s rejected %s: %s (%s, line %lu)\n",
            PATH_NAME[path], in->name, rej ? rej->message : "?",
            rej ? poxauth_reject_name(rej->cls) : "?", rej ? rej->line : 0UL);
    return -1;
  }
  if (poxauth_result_kind(r) != EXPECT_KIND[in->expect] ||
      poxauth_result_protocol_count(r) != in->protocols) {
    fprintf(
        stderr, "ERROR: %s on %s: kind %s, %zu Protocols (built with %zu)\n",
        PATH_NAME[path], in->name, poxauth_kind_name(poxauth_result_kind(r)),
        poxauth_result_protocol_count(r), in->protocols);
    return -1;
  }
  return 0;
}

int
bench_verify(const bench_input *in, int path, row *rw) {
  poxauth_options o;
  poxauth_result *r = NULL;
  int rc;
  bench_options(&o, in->raised, 1);
  bench_heap_reset();
  rc =
      bench_run(path, in->data, in->len, &o, 1, path >= PATH_PARSE ? &r : NULL);
  if (path >= PATH_PARSE) /* the result is part of the peak */
    rc = check_result(in, path, rc, r);
  else if (rc != 0)
    fprintf(stderr, "ERROR: %s failed on %s\n", PATH_NAME[path], in->name);
  rw->heap_peak = bench_heap.peak;
  rw->heap_allocs = bench_heap.allocs;
  poxauth_result_free(r);
  if (bench_heap.current != 0 && rc == 0) {
    fprintf(stderr, "ERROR: %s on %s leaves %zu bytes allocated\n",
            PATH_NAME[path], in->name, bench_heap.current);
    rc = -1;
  }
  return rc;
}

double
now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int
cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

stats
stats_of(const double *v, int n) {
  double s[MAX_RUNS];
  stats r = {0, 0, 0};
  if (n <= 0)
    return r;
  memcpy(s, v, (size_t)n * sizeof *v);
  qsort(s, (size_t)n, sizeof *s, cmp_double);
  r.min = s[0];
  r.max = s[n - 1];
  r.med = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  return r;
}

void
bench_time(const bench_input *in, row rows[NPATHS], int runs, double min_time) {
  poxauth_options o;
  int r, p;
  bench_options(&o, in->raised, 0);
  for (p = 0; p < NPATHS; p++) /* warm-up */
    if (rows[p].measured)
      bench_run(p, in->data, in->len, &o, 0, NULL);
  for (r = 0; r < runs; r++)
    for (p = 0; p < NPATHS; p++) {
      row *rw = &rows[p];
      unsigned long n = 0;
      double t0, t;
      if (!rw->measured)
        continue;
      t0 = now_s();
      do {
        bench_run(p, in->data, in->len, &o, 0, NULL);
        n++;
        t = now_s();
      } while (t - t0 < min_time);
      rw->rps[rw->nruns++] = (double)n / (t - t0);
    }
  for (p = 0; p < NPATHS; p++)
    rows[p].s = stats_of(rows[p].rps, rows[p].nruns);
}
