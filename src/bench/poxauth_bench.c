/* SPDX-License-Identifier: MIT */
/*
 * poxauth-bench: poxauth against bare expat, on the same bytes in memory.
 *
 * It reports; it never fails on a timing.  It exits non-zero only on a
 * usage error, an allocation failure, or when a parse does not give the
 * answer the input was built for (then the figures would measure
 * something else).  See src/bench/README.md.
 *
 *   poxauth-bench [--quick] [--runs N] [--min-time S] [--json FILE]
 *                 [--peer NAME=MED,MIN,MAX] [--callgrind-ir PATH=IR]
 *                 [--fuzz-execs MAIN,BARE]
 *   poxauth-bench --write-sample FILE
 *   poxauth-bench --mode loop --path PATH --iterations N      (callgrind)
 *   poxauth-bench --mode mem --input grow|synthetic|none --size BYTES
 *                 --path PATH [--protocols N]                 (one RSS probe)
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <expat.h>
#include <poxauth.h>

#include "alloc.h"
#include "gen.h"

#ifndef POXAUTH_BENCH_BUILD_TYPE
#define POXAUTH_BENCH_BUILD_TYPE ""
#endif

#if defined(__SANITIZE_ADDRESS__)
#define BENCH_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define BENCH_SANITIZED 1
#endif
#endif
#ifndef BENCH_SANITIZED
#define BENCH_SANITIZED 0
#endif

#if defined(__clang__)
#define BENCH_COMPILER "clang " __clang_version__
#elif defined(__GNUC__)
#define BENCH_COMPILER "gcc " __VERSION__
#else
#define BENCH_COMPILER "unknown compiler"
#endif

#define MAX_RUNS 51
#define MAX_PEERS 4
#define KIB ((size_t)1024)
#define MIB ((size_t)1024 * 1024)

/* ------------------------------------------------------------------ */
/* Paths.                                                              */

enum {
  PATH_EXPAT = 0, /* bare expat, one XML_Parse call    */
  PATH_EXPAT_64K, /* bare expat, 64 KiB XML_Parse calls */
  PATH_PARSE,     /* poxauth_parse                     */
  PATH_STREAM,    /* poxauth streaming, 64 KiB feeds   */
  NPATHS,
  PATH_NONE = NPATHS /* memory probe baseline: generate only */
};

static const char *const PATH_NAME[NPATHS + 1] = {
    "expat", "expat-64k", "poxauth_parse", "poxauth-stream", "none"};
/* What each poxauth path is compared with. */
static const int PATH_BASE[NPATHS] = {-1, -1, PATH_EXPAT, PATH_EXPAT_64K};

static int
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

/* Options every poxauth path uses: the request carried X-ClientCanHandle:
 * Negotiate,ExHttpInfo (as Outlook sends it).  `raised` lifts the limits
 * the large synthetic inputs need; `counting` installs the counting
 * allocator. */
static void
make_options(poxauth_options *o, int raised, int counting) {
  poxauth_options_init(o);
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

/* 0: parsed without error, -1: expat error. */
static int
run_expat(const char *d, size_t n, size_t chunk, int counting) {
  XML_Parser p = counting ? XML_ParserCreate_MM(NULL, &COUNTING_SUITE, NS_SEP)
                          : XML_ParserCreateNS(NULL, NS_SEP[0]);
  int ok = 1;
  if (!p)
    return -1;
  if (chunk == 0 && n <= (size_t)INT_MAX) {
    ok = XML_Parse(p, d, (int)n, 1) == XML_STATUS_OK;
  } else {
    size_t off = 0;
    if (chunk == 0 || chunk > (size_t)INT_MAX)
      chunk = BENCH_CHUNK;
    while (ok && off < n) {
      size_t k = n - off < chunk ? n - off : chunk;
      ok = XML_Parse(p, d + off, (int)k, 0) == XML_STATUS_OK;
      off += k;
    }
    if (ok)
      ok = XML_Parse(p, NULL, 0, 1) == XML_STATUS_OK;
  }
  XML_ParserFree(p);
  return ok ? 0 : -1;
}

/* The poxauth paths: 0 accepted, 1 rejected, -1 other failure.  With
 * `keep`, the result is handed back instead of freed. */
static int
run_parse(const char *d, size_t n, const poxauth_options *o,
          poxauth_result **keep) {
  poxauth_result *r = NULL;
  poxauth_status st = poxauth_parse(o, d, n, &r, NULL);
  int rc = st == POXAUTH_OK ? 0 : st == POXAUTH_REJECTED ? 1 : -1;
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
  poxauth_status st;
  size_t off = 0;
  int rc;
  if (poxauth_parser_create(o, &p, NULL) != POXAUTH_OK)
    return -1;
  st = POXAUTH_OK;
  while (st == POXAUTH_OK && off < n) {
    size_t k = n - off < BENCH_CHUNK ? n - off : BENCH_CHUNK;
    st = poxauth_parser_feed(p, d + off, k);
    off += k;
  }
  st = poxauth_parser_finish(p, &r);
  poxauth_parser_destroy(p);
  rc = st == POXAUTH_OK ? 0 : st == POXAUTH_REJECTED ? 1 : -1;
  if (keep)
    *keep = r;
  else
    poxauth_result_free(r);
  return rc;
}

static int
run_path(int path, const char *d, size_t n, const poxauth_options *o,
         int counting, poxauth_result **keep) {
  switch (path) {
  case PATH_EXPAT:
    return run_expat(d, n, 0, counting);
  case PATH_EXPAT_64K:
    return run_expat(d, n, BENCH_CHUNK, counting);
  case PATH_PARSE:
    return run_parse(d, n, o, keep);
  case PATH_STREAM:
    return run_stream(d, n, o, keep);
  default:
    return -1;
  }
}

/* N iterations of one path: what callgrind measures (ci/bench.sh runs it
 * with --toggle-collect=poxauth_bench_loop).  Not static, not inlined, so
 * the symbol exists. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
int
poxauth_bench_loop(int path, const char *d, size_t n, const poxauth_options *o,
                   unsigned long iterations);
#if defined(__GNUC__)
__attribute__((noinline))
#endif
int
poxauth_bench_loop(int path, const char *d, size_t n, const poxauth_options *o,
                   unsigned long iterations) {
  unsigned long i;
  int bad = 0;
  for (i = 0; i < iterations; i++)
    if (run_path(path, d, n, o, 0, NULL) != 0)
      bad++;
  return bad;
}

/* ------------------------------------------------------------------ */
/* Small helpers.                                                      */

static double
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

typedef struct stats {
  double med, min, max;
} stats;

static stats
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

/* 1234567 -> "1,234,567" */
static const char *
grp(size_t v, char *buf, size_t cap) {
  char tmp[32];
  size_t n, i, o = 0;
  snprintf(tmp, sizeof tmp, "%zu", v);
  n = strlen(tmp);
  for (i = 0; i < n && o + 2 < cap; i++) {
    if (i > 0 && (n - i) % 3 == 0)
      buf[o++] = ',';
    buf[o++] = tmp[i];
  }
  buf[o] = 0;
  return buf;
}

static const char *
kib(size_t v, char *buf, size_t cap) {
  if (v >= 10 * MIB)
    snprintf(buf, cap, "%.1f MiB", (double)v / (double)MIB);
  else
    snprintf(buf, cap, "%.1f KiB", (double)v / (double)KIB);
  return buf;
}

static void
json_str(FILE *f, const char *s) {
  fputc('"', f);
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\')
      fprintf(f, "\\%c", c);
    else if (c < 0x20)
      fprintf(f, "\\u%04x", c);
    else
      fputc(c, f);
  }
  fputc('"', f);
}

static void
cpu_model(char *buf, size_t cap) {
  FILE *f = fopen("/proc/cpuinfo", "r");
  char line[512];
  snprintf(buf, cap, "unknown");
  if (!f)
    return;
  while (fgets(line, sizeof line, f)) {
    if (strncmp(line, "model name", 10) == 0) {
      char *p = strchr(line, ':');
      if (p) {
        size_t n;
        p++;
        while (*p == ' ' || *p == '\t')
          p++;
        n = strlen(p);
        while (n > 0 && (p[n - 1] == '\n' || p[n - 1] == ' '))
          p[--n] = 0;
        snprintf(buf, cap, "%s", p);
      }
      break;
    }
  }
  fclose(f);
}

/* Peak resident set of this process, KiB (VmHWM), or -1. */
static long
vm_hwm_kib(void) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long v = -1;
  if (!f)
    return -1;
  while (fgets(line, sizeof line, f))
    if (strncmp(line, "VmHWM:", 6) == 0) {
      v = strtol(line + 6, NULL, 10);
      break;
    }
  fclose(f);
  return v;
}

static char *
gen_memory(void (*gen)(bench_emitter *), size_t *len) {
  bench_emitter e;
  if (bench_emitter_memory(&e) != 0)
    return NULL;
  gen(&e);
  if (e.failed) {
    bench_emitter_free(&e);
    return NULL;
  }
  *len = e.len;
  return e.buf;
}

/* ------------------------------------------------------------------ */
/* Inputs.                                                             */

typedef struct input {
  const char *name;
  const char *desc;
  char *data;
  size_t len;
  int raised;       /* limits raised through the options */
  int unit_mbs;     /* report MB/s (else responses/s)    */
  size_t protocols; /* Account-level Protocols built in  */
  size_t elements, max_depth;
  double target; /* ratio target vs bare expat, or 0  */
} input;

static size_t g_synth_protocols;
static size_t g_synth_long;

static void
gen_synth_cb(bench_emitter *e) {
  bench_gen_synthetic(e, g_synth_protocols, g_synth_long);
}
static void
gen_largest_cb(bench_emitter *e) {
  bench_gen_largest(e, BENCH_LARGEST_EXACT);
}

static int
make_input(input *in, const char *name, const char *desc,
           void (*gen)(bench_emitter *), int raised, int unit_mbs,
           double target) {
  bench_emitter c;
  memset(in, 0, sizeof *in);
  in->name = name;
  in->desc = desc;
  in->raised = raised;
  in->unit_mbs = unit_mbs;
  in->target = target;
  bench_emitter_count(&c);
  gen(&c);
  in->protocols = c.protocols;
  in->elements = c.elements;
  in->max_depth = c.max_depth;
  in->data = gen_memory(gen, &in->len);
  return in->data ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* Results.                                                            */

typedef struct row {
  int input, path;
  int nruns;
  double rps[MAX_RUNS];          /* responses per second, one per run */
  stats s;                       /* of rps                            */
  size_t heap_peak, heap_allocs; /* one untimed counted pass   */
} row;

typedef struct mem_row {
  const char *input;
  size_t target_bytes, bytes, protocols;
  int path;
  size_t heap_peak, heap_allocs;
  long hwm_kib, base_hwm_kib;
  int status;
} mem_row;

typedef struct peer {
  char name[96];
  double med, min, max;
} peer;

typedef struct config {
  int quick, runs;
  double min_time;
  const char *json;
  peer peers[MAX_PEERS];
  int npeers;
  double ir[NPATHS]; /* instructions per response from callgrind, 0: none */
  double fuzz_main, fuzz_bare;
} config;

typedef struct target {
  char name[160];
  double value, want;
  int higher_is_better;
  int known;
} target;

#define MAX_TARGETS 16
static target g_targets[MAX_TARGETS];
static int g_ntargets;

static void
add_target(const char *name, double value, double want, int higher_is_better,
           int known) {
  target *t;
  if (g_ntargets >= MAX_TARGETS)
    return;
  t = &g_targets[g_ntargets++];
  snprintf(t->name, sizeof t->name, "%s", name);
  t->value = value;
  t->want = want;
  t->higher_is_better = higher_is_better;
  t->known = known;
}

static int
target_met(const target *t) {
  return t->higher_is_better ? t->value >= t->want : t->value <= t->want;
}

/* ------------------------------------------------------------------ */
/* Verification: the bytes parse, and poxauth accepts them as built.   */

static int
verify(const input *in, int path, row *rw) {
  poxauth_options o;
  poxauth_result *r = NULL;
  int rc;
  make_options(&o, in->raised, 1);
  bench_heap_reset();
  rc = run_path(path, in->data, in->len, &o, 1, path >= PATH_PARSE ? &r : NULL);
  if (path >= PATH_PARSE && r) {
    /* The result is part of the peak: measure before freeing it. */
    const poxauth_rejection *rej = poxauth_result_rejection(r);
    if (rc != 0 || rej) {
      fprintf(stderr, "ERROR: %s rejected %s: %s (%s, line %lu)\n",
              PATH_NAME[path], in->name, rej ? rej->message : "?",
              rej ? poxauth_reject_name(rej->cls) : "?", rej ? rej->line : 0UL);
      rc = -1;
    } else if (poxauth_result_kind(r) != POXAUTH_KIND_SETTINGS ||
               poxauth_result_protocol_count(r) != in->protocols) {
      fprintf(
          stderr, "ERROR: %s on %s: kind %s, %zu Protocols (built with %zu)\n",
          PATH_NAME[path], in->name, poxauth_kind_name(poxauth_result_kind(r)),
          poxauth_result_protocol_count(r), in->protocols);
      rc = -1;
    }
  } else if (rc != 0) {
    fprintf(stderr, "ERROR: %s failed on %s (status %d)\n", PATH_NAME[path],
            in->name, rc);
  }
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

/* The +1 variants of the largest input: each must be rejected for its
 * limit.  Reported, never fatal. */
typedef struct limit_check {
  const char *what;
  poxauth_limit_id want;
  int ok;
  char got[96];
} limit_check;

static void
check_limits(limit_check *lc, int *n) {
  static const struct {
    bench_largest_variant v;
    const char *what;
    poxauth_limit_id want;
  } V[] = {
      {BENCH_LARGEST_BYTES_PLUS_1, "1 MiB + 1 byte", POXAUTH_LIMIT_INPUT_BYTES},
      {BENCH_LARGEST_DEPTH_PLUS_1, "depth 33", POXAUTH_LIMIT_DEPTH},
      {BENCH_LARGEST_ELEMENTS_PLUS_1, "10,001 elements",
       POXAUTH_LIMIT_ELEMENTS},
      {BENCH_LARGEST_PROTOCOLS_PLUS_1, "65 Protocols", POXAUTH_LIMIT_PROTOCOLS},
      {BENCH_LARGEST_TEXT_PLUS_1, "AuthPackage text 4,097 bytes",
       POXAUTH_LIMIT_TEXT_BYTES},
  };
  size_t i;
  *n = 0;
  for (i = 0; i < sizeof V / sizeof V[0]; i++) {
    bench_emitter e;
    poxauth_options o;
    poxauth_result *r = NULL;
    const poxauth_rejection *rej;
    limit_check *c = &lc[(*n)++];
    c->what = V[i].what;
    c->want = V[i].want;
    c->ok = 0;
    snprintf(c->got, sizeof c->got, "no result");
    if (bench_emitter_memory(&e) != 0)
      continue;
    bench_gen_largest(&e, V[i].v);
    make_options(&o, 0, 0);
    if (!e.failed)
      poxauth_parse(&o, e.buf, e.len, &r, NULL);
    bench_emitter_free(&e);
    if (!r)
      continue;
    rej = poxauth_result_rejection(r);
    if (!rej)
      snprintf(c->got, sizeof c->got, "accepted");
    else if (rej->cls == POXAUTH_REJECT_LIMIT)
      snprintf(c->got, sizeof c->got, "rejected: limit %s",
               poxauth_limit_name(rej->limit));
    else
      snprintf(c->got, sizeof c->got, "rejected: %s",
               poxauth_reject_name(rej->cls));
    c->ok = rej && rej->cls == POXAUTH_REJECT_LIMIT && rej->limit == c->want;
    poxauth_result_free(r);
  }
}

/* ------------------------------------------------------------------ */
/* Memory probes: one child process per figure, for its own VmHWM.     */

typedef struct mem_sink_ctx {
  int path;
  XML_Parser xp;
  poxauth_parser *pp;
} mem_sink_ctx;

static int
mem_sink(void *ctx, const char *data, size_t len) {
  mem_sink_ctx *m = ctx;
  if (m->path == PATH_EXPAT_64K)
    return XML_Parse(m->xp, data, (int)len, 0) == XML_STATUS_OK ? 0 : 1;
  if (m->path == PATH_STREAM)
    return poxauth_parser_feed(m->pp, data, len) == POXAUTH_OK ? 0 : 1;
  return 0;
}

/* The child: stream the input through one path, print one line. */
static int
mem_child(const char *input_name, size_t size, size_t protocols, int path) {
  bench_emitter e;
  mem_sink_ctx m;
  poxauth_options o;
  poxauth_result *r = NULL;
  size_t filler = 0, longt = 0, nprot = 0;
  int status = 0;
  int grow = strcmp(input_name, "grow") == 0;
  int synth = strcmp(input_name, "synthetic") == 0;

  if (!grow && !synth)
    return 2;
  if (path != PATH_EXPAT_64K && path != PATH_STREAM && path != PATH_NONE)
    return 2;
  if (grow)
    bench_grow_params(size, &filler, &longt);
  if (synth)
    longt = bench_synthetic_long_text(size, protocols);
  memset(&m, 0, sizeof m);
  m.path = path;
  make_options(&o, 1, 1);
  bench_heap_reset();
  if (path == PATH_EXPAT_64K) {
    m.xp = XML_ParserCreate_MM(NULL, &COUNTING_SUITE, NS_SEP);
    if (!m.xp)
      return 1;
  } else if (path == PATH_STREAM) {
    if (poxauth_parser_create(&o, &m.pp, NULL) != POXAUTH_OK)
      return 1;
  }
  if (bench_emitter_stream(&e, mem_sink, &m) != 0)
    return 1;
  if (grow)
    bench_gen_grow(&e, filler, longt);
  else
    bench_gen_synthetic(&e, protocols, longt);
  bench_emitter_flush(&e);
  if (e.failed)
    status = 1;
  if (path == PATH_EXPAT_64K) {
    if (XML_Parse(m.xp, NULL, 0, 1) != XML_STATUS_OK)
      status = 1;
    XML_ParserFree(m.xp);
  } else if (path == PATH_STREAM) {
    poxauth_status st = poxauth_parser_finish(m.pp, &r);
    if (st != POXAUTH_OK || !r || poxauth_result_rejection(r))
      status = 1;
    if (r)
      nprot = poxauth_result_protocol_count(r);
    poxauth_parser_destroy(m.pp);
  }
  /* Peak heap and VmHWM include the result (per-Protocol facts). */
  printf("heap_peak=%zu allocs=%zu hwm_kib=%ld bytes=%zu status=%d "
         "protocols=%zu built=%zu\n",
         bench_heap.peak, bench_heap.allocs, vm_hwm_kib(), e.total, status,
         nprot, e.protocols);
  if (r && poxauth_result_rejection(r))
    printf("rejection=%s\n", poxauth_result_rejection(r)->message);
  poxauth_result_free(r);
  bench_emitter_free(&e);
  return 0;
}

static int
spawn_mem(const char *self, const char *input_name, size_t size,
          size_t protocols, int path, mem_row *out) {
  int fds[2];
  pid_t pid;
  char sz[32], pr[32], buf[1024];
  size_t got = 0;
  int wst;
  ssize_t k;

  memset(out, 0, sizeof *out);
  out->input = input_name;
  out->target_bytes = size;
  out->path = path;
  out->hwm_kib = -1;
  out->status = -1;
  snprintf(sz, sizeof sz, "%zu", size);
  snprintf(pr, sizeof pr, "%zu", protocols);
  fflush(NULL);
  if (pipe(fds) != 0)
    return -1;
  pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return -1;
  }
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execl(self, "poxauth-bench", "--mode", "mem", "--input", input_name,
          "--size", sz, "--protocols", pr, "--path", PATH_NAME[path],
          (char *)NULL);
    _exit(127);
  }
  close(fds[1]);
  while (got + 1 < sizeof buf &&
         (k = read(fds[0], buf + got, sizeof buf - 1 - got)) != 0) {
    if (k < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    got += (size_t)k;
  }
  buf[got] = 0;
  close(fds[0]);
  while (waitpid(pid, &wst, 0) < 0 && errno == EINTR) {
  }
  {
    size_t built = 0, nprot = 0;
    int st = -1;
    if (sscanf(buf,
               "heap_peak=%zu allocs=%zu hwm_kib=%ld bytes=%zu status=%d "
               "protocols=%zu built=%zu",
               &out->heap_peak, &out->heap_allocs, &out->hwm_kib, &out->bytes,
               &st, &nprot, &built) != 7)
      return -1;
    out->protocols = built;
    out->status = st;
    if (st != 0) {
      const char *rej = strstr(buf, "rejection=");
      fprintf(stderr, "ERROR: memory probe %s %zu bytes %s failed%s%s",
              input_name, size, PATH_NAME[path], rej ? ": " : "\n",
              rej ? rej + 10 : "");
    } else if (path == PATH_STREAM && nprot != built) {
      fprintf(stderr, "ERROR: memory probe %s: %zu Protocols, built %zu\n",
              input_name, nprot, built);
      out->status = 1;
    }
  }
  return (WIFEXITED(wst) && WEXITSTATUS(wst) == 0) ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* The report.                                                         */

static double
row_mbs(const input *in, double rps) {
  return rps * (double)in->len / 1e6;
}

static void
print_row(const input *in, const row *rw, const row *base, int first) {
  char b1[32], b2[32];
  const stats *s = &rw->s;
  char fig[96];
  double per = s->med > 0 ? 1.0 / s->med : 0;
  if (in->unit_mbs)
    snprintf(fig, sizeof fig, "%9.1f MB/s  [%7.1f .. %7.1f]",
             row_mbs(in, s->med), row_mbs(in, s->min), row_mbs(in, s->max));
  else
    snprintf(fig, sizeof fig, "%9.0f resp/s [%7.0f .. %7.0f]", s->med, s->min,
             s->max);
  printf("%-16s %11s  %-15s %s %10.1f us", first ? in->name : "",
         first ? grp(in->len, b1, sizeof b1) : "", PATH_NAME[rw->path], fig,
         per * 1e6);
  if (base && base->s.med > 0)
    printf("   %5.3f", s->med / base->s.med);
  else
    printf("   %5s", "-");
  printf("  %10s\n", kib(rw->heap_peak, b2, sizeof b2));
}

int
main(int argc, char **argv) {
  config cfg;
  const char *mode = NULL, *mem_input = NULL, *write_sample = NULL;
  size_t mem_size = 0, mem_protocols = 0;
  int mem_path = PATH_STREAM;
  unsigned long iterations = 1000;
  int i, r, p;
  input in[3];
  int nin = 0;
  row rows[3][NPATHS];
  mem_row mem[16];
  int nmem = 0;
  limit_check lc[8];
  int nlc = 0;
  char cpu[256];
  size_t synth_bytes, synth_protocols;
  size_t mem_sizes[3];
  int errors = 0;

  memset(&cfg, 0, sizeof cfg);
  cfg.runs = 7;
  cfg.min_time = 0.25;

  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "--quick") == 0) {
      cfg.quick = 1;
    } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      printf("usage: poxauth-bench [--quick] [--runs N] [--min-time S] "
             "[--json FILE]\n"
             "         [--peer NAME=MED,MIN,MAX] [--callgrind-ir PATH=IR] "
             "[--fuzz-execs MAIN,BARE]\n"
             "       poxauth-bench --write-sample FILE\n"
             "       poxauth-bench --mode loop --path PATH [--iterations N] "
             "[--input typical|largest|synthetic [--size BYTES]]\n"
             "       poxauth-bench --mode mem --input grow|synthetic --size "
             "BYTES --path PATH [--protocols N]\n"
             "paths: expat expat-64k poxauth_parse poxauth-stream\n");
      return 0;
    } else if (!v) {
      fprintf(stderr, "poxauth-bench: %s needs a value (or is unknown)\n", a);
      return 2;
    } else if (strcmp(a, "--runs") == 0) {
      cfg.runs = atoi(v);
      if (cfg.runs < 1 || cfg.runs > MAX_RUNS) {
        fprintf(stderr, "poxauth-bench: --runs 1..%d\n", MAX_RUNS);
        return 2;
      }
      i++;
    } else if (strcmp(a, "--min-time") == 0) {
      cfg.min_time = strtod(v, NULL);
      i++;
    } else if (strcmp(a, "--json") == 0) {
      cfg.json = v;
      i++;
    } else if (strcmp(a, "--write-sample") == 0) {
      write_sample = v;
      i++;
    } else if (strcmp(a, "--peer") == 0) {
      const char *eq = strrchr(v, '=');
      peer *pe;
      if (!eq || cfg.npeers >= MAX_PEERS) {
        fprintf(stderr, "poxauth-bench: --peer NAME=MED,MIN,MAX\n");
        return 2;
      }
      pe = &cfg.peers[cfg.npeers++];
      snprintf(pe->name, sizeof pe->name, "%.*s", (int)(eq - v), v);
      if (sscanf(eq + 1, "%lf,%lf,%lf", &pe->med, &pe->min, &pe->max) != 3) {
        fprintf(stderr, "poxauth-bench: --peer NAME=MED,MIN,MAX\n");
        return 2;
      }
      i++;
    } else if (strcmp(a, "--callgrind-ir") == 0) {
      const char *eq = strchr(v, '=');
      char name[32];
      int pi;
      if (!eq || (size_t)(eq - v) >= sizeof name)
        return 2;
      snprintf(name, sizeof name, "%.*s", (int)(eq - v), v);
      pi = path_by_name(name);
      if (pi < 0 || pi >= NPATHS) {
        fprintf(stderr, "poxauth-bench: unknown path %s\n", name);
        return 2;
      }
      cfg.ir[pi] = strtod(eq + 1, NULL);
      i++;
    } else if (strcmp(a, "--fuzz-execs") == 0) {
      if (sscanf(v, "%lf,%lf", &cfg.fuzz_main, &cfg.fuzz_bare) != 2)
        return 2;
      i++;
    } else if (strcmp(a, "--mode") == 0) {
      mode = v;
      i++;
    } else if (strcmp(a, "--path") == 0) {
      mem_path = path_by_name(v);
      if (mem_path < 0) {
        fprintf(stderr, "poxauth-bench: unknown path %s\n", v);
        return 2;
      }
      i++;
    } else if (strcmp(a, "--input") == 0) {
      mem_input = v;
      i++;
    } else if (strcmp(a, "--size") == 0) {
      mem_size = (size_t)strtoull(v, NULL, 10);
      i++;
    } else if (strcmp(a, "--protocols") == 0) {
      mem_protocols = (size_t)strtoull(v, NULL, 10);
      i++;
    } else if (strcmp(a, "--iterations") == 0) {
      iterations = strtoul(v, NULL, 10);
      i++;
    } else {
      fprintf(stderr, "poxauth-bench: unknown argument %s\n", a);
      return 2;
    }
  }

  if (cfg.quick) {
    if (cfg.runs == 7)
      cfg.runs = 3;
    if (cfg.min_time == 0.25)
      cfg.min_time = 0.01;
    synth_bytes = 2 * MIB;
    synth_protocols = 200;
    mem_sizes[0] = 256 * KIB;
    mem_sizes[1] = 1 * MIB;
    mem_sizes[2] = 4 * MIB;
  } else {
    synth_bytes = 50 * MIB;
    synth_protocols = 5000;
    mem_sizes[0] = 1 * MIB;
    mem_sizes[1] = 10 * MIB;
    mem_sizes[2] = 100 * MIB;
  }

  if (write_sample) {
    size_t n = 0;
    char *d = gen_memory(bench_gen_typical, &n);
    FILE *f = fopen(write_sample, "wb");
    if (!d || !f || fwrite(d, 1, n, f) != n || fclose(f) != 0) {
      fprintf(stderr, "poxauth-bench: cannot write %s\n", write_sample);
      return 1;
    }
    free(d);
    printf("wrote %zu bytes to %s\n", n, write_sample);
    return 0;
  }

  if (!mem_input)
    mem_input = mode && strcmp(mode, "mem") == 0 ? "grow" : "typical";
  if (mode && strcmp(mode, "mem") == 0)
    return mem_child(mem_input, mem_size,
                     mem_protocols ? mem_protocols : synth_protocols, mem_path);

  if (mode && strcmp(mode, "loop") == 0) {
    size_t n = 0;
    int synth = strcmp(mem_input, "synthetic") == 0;
    char *d;
    poxauth_options o;
    int bad;
    g_synth_protocols = mem_protocols ? mem_protocols : synth_protocols;
    g_synth_long = bench_synthetic_long_text(mem_size ? mem_size : synth_bytes,
                                             g_synth_protocols);
    d = gen_memory(strcmp(mem_input, "largest") == 0 ? gen_largest_cb
                   : synth                           ? gen_synth_cb
                                                     : bench_gen_typical,
                   &n);
    if (!d || mem_path >= NPATHS)
      return 2;
    make_options(&o, synth, 0);
    bad = poxauth_bench_loop(mem_path, d, n, &o, iterations);
    printf("path=%s iterations=%lu bytes=%zu failures=%d\n",
           PATH_NAME[mem_path], iterations, n, bad);
    free(d);
    return bad ? 1 : 0;
  }
  if (mode) {
    fprintf(stderr, "poxauth-bench: unknown mode %s\n", mode);
    return 2;
  }

  /* ---- Inputs ---- */
  g_synth_protocols = synth_protocols;
  g_synth_long = bench_synthetic_long_text(synth_bytes, synth_protocols);
  if (make_input(
          &in[nin++], "typical-5k",
          "Exchange 2016-shaped settings response (EXCH, EXPR, 2 EXHTTP, "
          "WEB)",
          bench_gen_typical, 0, 0, 0.85) != 0 ||
      make_input(
          &in[nin++], "largest-default",
          "largest input the default limits accept: 1 MiB, 10,000 "
          "elements, depth 32, 64 Protocols, 4,096-byte AuthPackage text",
          gen_largest_cb, 0, 1, 0) != 0 ||
      make_input(&in[nin++], cfg.quick ? "synthetic-2MB" : "synthetic-50MB",
                 "many Protocols with long skipped texts, limits raised",
                 gen_synth_cb, 1, 1, 0.90) != 0) {
    fprintf(stderr, "poxauth-bench: out of memory making the inputs\n");
    return 1;
  }

  /* ---- Verify and count heap (untimed) ---- */
  for (i = 0; i < nin; i++)
    for (p = 0; p < NPATHS; p++) {
      row *rw = &rows[i][p];
      memset(rw, 0, sizeof *rw);
      rw->input = i;
      rw->path = p;
      if (verify(&in[i], p, rw) != 0)
        errors++;
    }
  check_limits(lc, &nlc);
  if (errors) {
    fprintf(stderr,
            "poxauth-bench: %d verification error(s); the figures "
            "would not measure what they claim, stopping\n",
            errors);
    return 3;
  }

  /* ---- Timing: paths interleaved inside each run ---- */
  for (i = 0; i < nin; i++) {
    poxauth_options o;
    make_options(&o, in[i].raised, 0);
    for (p = 0; p < NPATHS; p++) /* warm-up */
      run_path(p, in[i].data, in[i].len, &o, 0, NULL);
    for (r = 0; r < cfg.runs; r++)
      for (p = 0; p < NPATHS; p++) {
        row *rw = &rows[i][p];
        unsigned long n = 0;
        double t0 = now_s(), t;
        do {
          run_path(p, in[i].data, in[i].len, &o, 0, NULL);
          n++;
          t = now_s();
        } while (t - t0 < cfg.min_time);
        rw->rps[rw->nruns++] = (double)n / (t - t0);
      }
    for (p = 0; p < NPATHS; p++)
      rows[i][p].s = stats_of(rows[i][p].rps, rows[i][p].nruns);
  }

  /* ---- Memory: one process per figure ---- */
  {
    char self[4096];
    ssize_t k = readlink("/proc/self/exe", self, sizeof self - 1);
    if (k <= 0) {
      fprintf(stderr, "poxauth-bench: cannot find /proc/self/exe\n");
      return 1;
    }
    self[k] = 0;
    for (i = 0; i < 3; i++) {
      long base;
      mem_row tmp;
      if (spawn_mem(self, "grow", mem_sizes[i], 0, PATH_NONE, &tmp) != 0)
        errors++;
      base = tmp.hwm_kib;
      for (p = PATH_EXPAT_64K; p <= PATH_STREAM;
           p += 2) /* expat-64k, stream */ {
        mem_row *m = &mem[nmem++];
        if (spawn_mem(self, "grow", mem_sizes[i], 0, p, m) != 0 ||
            m->status != 0)
          errors++;
        m->base_hwm_kib = base;
      }
    }
    {
      long base;
      mem_row tmp;
      if (spawn_mem(self, "synthetic", synth_bytes, synth_protocols, PATH_NONE,
                    &tmp) != 0)
        errors++;
      base = tmp.hwm_kib;
      for (p = PATH_EXPAT_64K; p <= PATH_STREAM;
           p += 2) /* expat-64k, stream */ {
        mem_row *m = &mem[nmem++];
        if (spawn_mem(self, "synthetic", synth_bytes, synth_protocols, p, m) !=
                0 ||
            m->status != 0)
          errors++;
        m->base_hwm_kib = base;
      }
    }
  }

  /* ---- Targets ---- */
  for (i = 0; i < nin; i++) {
    if (in[i].target <= 0)
      continue;
    for (p = PATH_PARSE; p <= PATH_STREAM; p++) {
      char name[160];
      const row *rw = &rows[i][p], *base = &rows[i][PATH_BASE[p]];
      snprintf(name, sizeof name, "%s: %s / %s (median %s)", in[i].name,
               PATH_NAME[p], PATH_NAME[PATH_BASE[p]],
               in[i].unit_mbs ? "MB/s" : "responses/s");
      add_target(name, base->s.med > 0 ? rw->s.med / base->s.med : 0,
                 in[i].target, 1, 1);
    }
  }
  if (cfg.ir[PATH_EXPAT] > 0 && cfg.ir[PATH_PARSE] > 0)
    add_target("typical-5k: instructions expat / poxauth_parse (callgrind)",
               cfg.ir[PATH_EXPAT] / cfg.ir[PATH_PARSE], 0.85, 1, 1);
  if (cfg.ir[PATH_EXPAT_64K] > 0 && cfg.ir[PATH_STREAM] > 0)
    add_target(
        "typical-5k: instructions expat-64k / poxauth-stream (callgrind)",
        cfg.ir[PATH_EXPAT_64K] / cfg.ir[PATH_STREAM], 0.85, 1, 1);
  for (i = 0; i < cfg.npeers; i++) {
    char name[160];
    snprintf(name, sizeof name, "typical-5k: poxauth_parse / %s (responses/s)",
             cfg.peers[i].name);
    add_target(
        name,
        cfg.peers[i].med > 0 ? rows[0][PATH_PARSE].s.med / cfg.peers[i].med : 0,
        50, 1, 1);
  }
  {
    const mem_row *small = NULL, *large = NULL;
    for (i = 0; i < nmem; i++)
      if (strcmp(mem[i].input, "grow") == 0 && mem[i].path == PATH_STREAM) {
        if (mem[i].target_bytes == mem_sizes[0])
          small = &mem[i];
        if (mem[i].target_bytes == mem_sizes[2])
          large = &mem[i];
      }
    if (small && large) {
      char name[160];
      double d = (double)large->heap_peak - (double)small->heap_peak;
      char b1[32], b2[32];
      snprintf(name, sizeof name,
               "grow: poxauth-stream peak heap, %s input minus %s input (KiB)",
               kib(mem_sizes[2], b1, sizeof b1),
               kib(mem_sizes[0], b2, sizeof b2));
      add_target(name, (d < 0 ? -d : d) / 1024.0, 64, 0, 1);
    }
  }
  if (cfg.fuzz_main > 0 && cfg.fuzz_bare > 0)
    add_target("fuzzing: poxauth_fuzzer / bare-expat harness (exec/s)",
               cfg.fuzz_main / cfg.fuzz_bare, 0.70, 1, 1);

  /* ---- Print ---- */
  cpu_model(cpu, sizeof cpu);
  printf("poxauth-bench: poxauth %s on %s (bench linked %s), %s, build %s%s\n",
         poxauth_version(), poxauth_expat_version(), XML_ExpatVersion(),
         BENCH_COMPILER,
         POXAUTH_BENCH_BUILD_TYPE[0] ? POXAUTH_BENCH_BUILD_TYPE : "(none)",
         BENCH_SANITIZED ? ", SANITIZED (figures not meaningful)" : "");
  printf("machine: %ld CPUs online, %s\n", sysconf(_SC_NPROCESSORS_ONLN), cpu);
  printf("%d runs per figure, each >= %.2f s; median [min .. max]; paths "
         "interleaved within a run%s\n",
         cfg.runs, cfg.min_time, cfg.quick ? "; QUICK mode (smoke test)" : "");
  printf("options: X-ClientCanHandle: Negotiate,ExHttpInfo; random hash salt; "
         "C library allocator while timing\n\n");

  printf("Inputs (made in memory by the program; the same bytes for every "
         "path)\n");
  for (i = 0; i < nin; i++) {
    char b1[32], b2[32];
    printf("  %-16s %11s B, %6s elements, depth %2zu, %4zu Protocols%s: %s\n",
           in[i].name, grp(in[i].len, b1, sizeof b1),
           grp(in[i].elements, b2, sizeof b2), in[i].max_depth, in[i].protocols,
           in[i].raised ? ", limits raised" : "", in[i].desc);
  }
  printf("\nThroughput (ratio = poxauth path / matching bare expat path, "
         "medians; heap = peak through the allocator hooks)\n");
  printf("%-16s %11s  %-15s %-34s %13s   %5s  %10s\n", "input", "bytes", "path",
         "median [min .. max]", "per response", "ratio", "heap peak");
  for (i = 0; i < nin; i++)
    for (p = 0; p < NPATHS; p++)
      print_row(&in[i], &rows[i][p],
                PATH_BASE[p] >= 0 ? &rows[i][PATH_BASE[p]] : NULL, p == 0);
  for (i = 0; i < cfg.npeers; i++)
    printf(
        "%-16s %11s  %-15s %9.0f resp/s [%7.0f .. %7.0f] %10.1f us   %5.4f\n",
        "typical-5k", "", cfg.peers[i].name, cfg.peers[i].med, cfg.peers[i].min,
        cfg.peers[i].max, cfg.peers[i].med > 0 ? 1e6 / cfg.peers[i].med : 0,
        rows[0][PATH_PARSE].s.med > 0
            ? cfg.peers[i].med / rows[0][PATH_PARSE].s.med
            : 0);
  for (i = 0; i < cfg.npeers; i++)
    if (cfg.peers[i].med > 0)
      printf("  (%s: poxauth_parse %.1fx, poxauth-stream %.1fx, bare expat "
             "%.1fx its responses/s; ratio column = peer / poxauth_parse)\n",
             cfg.peers[i].name, rows[0][PATH_PARSE].s.med / cfg.peers[i].med,
             rows[0][PATH_STREAM].s.med / cfg.peers[i].med,
             rows[0][PATH_EXPAT].s.med / cfg.peers[i].med);

  if (cfg.ir[0] > 0 || cfg.ir[1] > 0 || cfg.ir[2] > 0 || cfg.ir[3] > 0) {
    printf("\nInstructions per typical-5k response (valgrind callgrind)\n");
    for (p = 0; p < NPATHS; p++) {
      if (cfg.ir[p] <= 0)
        continue;
      printf("  %-15s %12.0f Ir", PATH_NAME[p], cfg.ir[p]);
      if (PATH_BASE[p] >= 0 && cfg.ir[PATH_BASE[p]] > 0)
        printf("   %.3fx of %s (throughput-equivalent ratio %.3f)",
               cfg.ir[p] / cfg.ir[PATH_BASE[p]], PATH_NAME[PATH_BASE[p]],
               cfg.ir[PATH_BASE[p]] / cfg.ir[p]);
      printf("\n");
    }
  }

  printf("\nMemory, streamed in 64 KiB chunks, one process per figure "
         "(RSS = VmHWM; base = same process generating without parsing)\n");
  printf("%-10s %13s %10s  %-15s %12s %8s %10s %10s\n", "input", "bytes",
         "Protocols", "path", "heap peak", "allocs", "peak RSS", "RSS-base");
  for (i = 0; i < nmem; i++) {
    char b1[32], b2[32], b3[32], b4[32];
    printf("%-10s %13s %10zu  %-15s %12s %8zu %10s %10s\n", mem[i].input,
           grp(mem[i].bytes, b1, sizeof b1), mem[i].protocols,
           PATH_NAME[mem[i].path], grp(mem[i].heap_peak, b2, sizeof b2),
           mem[i].heap_allocs,
           kib((size_t)(mem[i].hwm_kib > 0 ? mem[i].hwm_kib : 0) * KIB, b3,
               sizeof b3),
           kib((size_t)(mem[i].hwm_kib > mem[i].base_hwm_kib
                            ? mem[i].hwm_kib - mem[i].base_hwm_kib
                            : 0) *
                   KIB,
               b4, sizeof b4));
  }

  printf("\nLimits: each input one past a default limit (the largest-default "
         "input with one dimension + 1)\n");
  for (i = 0; i < nlc; i++)
    printf("  %-30s -> %-32s %s\n", lc[i].what, lc[i].got,
           lc[i].ok ? "ok" : "UNEXPECTED (expected that limit)");

  printf("\nTargets (reported, not enforced; timings on a shared machine vary "
         "10-25 %%, instruction counts do not)\n");
  for (i = 0; i < g_ntargets; i++)
    printf("  %-76s %9.3f %s %-6g %s\n", g_targets[i].name, g_targets[i].value,
           g_targets[i].higher_is_better ? ">=" : "<=", g_targets[i].want,
           target_met(&g_targets[i]) ? "met" : "MISSED");
  if (!cfg.npeers)
    printf("  (no peer figures given: --peer)\n");
  if (cfg.fuzz_main <= 0)
    printf("  (no fuzzing figures given: --fuzz-execs)\n");

  /* ---- JSON ---- */
  if (cfg.json) {
    FILE *f = fopen(cfg.json, "w");
    if (!f) {
      fprintf(stderr, "poxauth-bench: cannot write %s\n", cfg.json);
      return 1;
    }
    fprintf(f, "{\n  \"tool\": \"poxauth-bench\",\n  \"poxauth_version\": ");
    json_str(f, poxauth_version());
    fprintf(f, ",\n  \"expat_version\": ");
    json_str(f, poxauth_expat_version());
    fprintf(f, ",\n  \"compiler\": ");
    json_str(f, BENCH_COMPILER);
    fprintf(f, ",\n  \"build_type\": ");
    json_str(f, POXAUTH_BENCH_BUILD_TYPE);
    fprintf(f,
            ",\n  \"sanitized\": %s,\n  \"machine\": {\"nproc\": %ld, "
            "\"cpu_model\": ",
            BENCH_SANITIZED ? "true" : "false", sysconf(_SC_NPROCESSORS_ONLN));
    json_str(f, cpu);
    fprintf(f, "},\n  \"quick\": %s,\n  \"runs\": %d,\n  \"min_time_s\": %g,\n",
            cfg.quick ? "true" : "false", cfg.runs, cfg.min_time);
    fprintf(f, "  \"inputs\": [\n");
    for (i = 0; i < nin; i++) {
      fprintf(f, "    {\"name\": ");
      json_str(f, in[i].name);
      fprintf(f,
              ", \"bytes\": %zu, \"elements\": %zu, \"max_depth\": %zu, "
              "\"protocols\": %zu, \"limits_raised\": %s, \"description\": ",
              in[i].len, in[i].elements, in[i].max_depth, in[i].protocols,
              in[i].raised ? "true" : "false");
      json_str(f, in[i].desc);
      fprintf(f, "}%s\n", i + 1 < nin ? "," : "");
    }
    fprintf(f, "  ],\n  \"throughput\": [\n");
    for (i = 0; i < nin; i++)
      for (p = 0; p < NPATHS; p++) {
        const row *rw = &rows[i][p];
        const row *base = PATH_BASE[p] >= 0 ? &rows[i][PATH_BASE[p]] : NULL;
        fprintf(f, "    {\"input\": ");
        json_str(f, in[i].name);
        fprintf(f, ", \"path\": ");
        json_str(f, PATH_NAME[p]);
        fprintf(f,
                ", \"responses_per_s\": {\"median\": %.1f, \"min\": %.1f, "
                "\"max\": %.1f}, \"mb_per_s\": {\"median\": %.2f, \"min\": "
                "%.2f, \"max\": %.2f}, \"us_per_response_median\": %.3f",
                rw->s.med, rw->s.min, rw->s.max, row_mbs(&in[i], rw->s.med),
                row_mbs(&in[i], rw->s.min), row_mbs(&in[i], rw->s.max),
                rw->s.med > 0 ? 1e6 / rw->s.med : 0);
        if (base && base->s.med > 0)
          fprintf(f, ", \"ratio_vs\": ");
        if (base && base->s.med > 0) {
          json_str(f, PATH_NAME[PATH_BASE[p]]);
          fprintf(f, ", \"ratio\": %.4f", rw->s.med / base->s.med);
        }
        fprintf(f,
                ", \"heap_peak_bytes\": %zu, \"heap_allocs\": %zu, "
                "\"runs_responses_per_s\": [",
                rw->heap_peak, rw->heap_allocs);
        for (r = 0; r < rw->nruns; r++)
          fprintf(f, "%s%.1f", r ? ", " : "", rw->rps[r]);
        fprintf(f, "]}%s\n", (i + 1 < nin || p + 1 < NPATHS) ? "," : "");
      }
    fprintf(f, "  ],\n  \"peers\": [\n");
    for (i = 0; i < cfg.npeers; i++) {
      fprintf(f, "    {\"name\": ");
      json_str(f, cfg.peers[i].name);
      fprintf(f,
              ", \"input\": \"typical-5k\", \"responses_per_s\": "
              "{\"median\": %.1f, \"min\": %.1f, \"max\": %.1f}}%s\n",
              cfg.peers[i].med, cfg.peers[i].min, cfg.peers[i].max,
              i + 1 < cfg.npeers ? "," : "");
    }
    fprintf(f, "  ],\n  \"callgrind_ir_per_response\": {");
    {
      int first = 1;
      for (p = 0; p < NPATHS; p++)
        if (cfg.ir[p] > 0) {
          fprintf(f, "%s\"%s\": %.0f", first ? "" : ", ", PATH_NAME[p],
                  cfg.ir[p]);
          first = 0;
        }
    }
    fprintf(f, "},\n  \"memory\": [\n");
    for (i = 0; i < nmem; i++) {
      fprintf(f, "    {\"input\": ");
      json_str(f, mem[i].input);
      fprintf(f,
              ", \"bytes\": %zu, \"protocols\": %zu, \"path\": ", mem[i].bytes,
              mem[i].protocols);
      json_str(f, PATH_NAME[mem[i].path]);
      fprintf(f,
              ", \"heap_peak_bytes\": %zu, \"heap_allocs\": %zu, "
              "\"peak_rss_kib\": %ld, \"baseline_rss_kib\": %ld, "
              "\"status\": %d}%s\n",
              mem[i].heap_peak, mem[i].heap_allocs, mem[i].hwm_kib,
              mem[i].base_hwm_kib, mem[i].status, i + 1 < nmem ? "," : "");
    }
    fprintf(f, "  ],\n  \"limit_checks\": [\n");
    for (i = 0; i < nlc; i++) {
      fprintf(f, "    {\"input\": ");
      json_str(f, lc[i].what);
      fprintf(f, ", \"expected_limit\": ");
      json_str(f, poxauth_limit_name(lc[i].want));
      fprintf(f, ", \"got\": ");
      json_str(f, lc[i].got);
      fprintf(f, ", \"ok\": %s}%s\n", lc[i].ok ? "true" : "false",
              i + 1 < nlc ? "," : "");
    }
    fprintf(f, "  ],\n");
    if (cfg.fuzz_main > 0)
      fprintf(f,
              "  \"fuzz_exec_per_s\": {\"poxauth_fuzzer\": %.0f, "
              "\"fuzz_bare_expat\": %.0f},\n",
              cfg.fuzz_main, cfg.fuzz_bare);
    fprintf(f, "  \"targets\": [\n");
    for (i = 0; i < g_ntargets; i++) {
      fprintf(f, "    {\"name\": ");
      json_str(f, g_targets[i].name);
      fprintf(f,
              ", \"value\": %.4f, \"target\": %g, \"higher_is_better\": "
              "%s, \"met\": %s}%s\n",
              g_targets[i].value, g_targets[i].want,
              g_targets[i].higher_is_better ? "true" : "false",
              target_met(&g_targets[i]) ? "true" : "false",
              i + 1 < g_ntargets ? "," : "");
    }
    fprintf(f, "  ]\n}\n");
    if (fclose(f) != 0)
      return 1;
    printf("\nJSON written to %s\n", cfg.json);
  }

  for (i = 0; i < nin; i++)
    free(in[i].data);
  if (errors) {
    fprintf(stderr, "poxauth-bench: %d memory probe error(s)\n", errors);
    return 3;
  }
  return 0;
}
