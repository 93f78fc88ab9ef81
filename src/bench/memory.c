/* SPDX-License-Identifier: MIT */
/* Memory: each figure from a process of its own (its peak heap through
 * the allocator hooks, its VmHWM), the input streamed from the generator
 * in 64 KiB chunks so that it never exists whole.  And the limits: the
 * largest input the defaults accept, each dimension one past. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <expat.h>

#include "alloc.h"
#include "bench.h"

static const XML_Char NS_SEP[] = {'\x01', 0};
static const XML_Memory_Handling_Suite COUNTING_SUITE = {
    bench_malloc, bench_realloc, bench_free};

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

/* The +1 variants of the largest input: each must be rejected for its
 * limit.  Reported, never fatal. */
void
bench_check_limits(limit_check *lc, int *n) {
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
    bench_options(&o, 0, 0);
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

int
bench_mem_child(const char *input_name, size_t size, int path) {
  bench_emitter e;
  mem_sink_ctx m;
  poxauth_options o;
  poxauth_result *r = NULL;
  size_t filler = 0, longt = 0, nprot = 0;
  int status = 0;
  int grow = strcmp(input_name, "grow") == 0;
  int dense = strcmp(input_name, "dense") == 0;

  if (!grow && !dense)
    return 2;
  if (path != PATH_EXPAT_64K && path != PATH_STREAM && path != PATH_NONE)
    return 2;
  if (grow)
    bench_grow_params(size, &filler, &longt);
  memset(&m, 0, sizeof m);
  m.path = path;
  bench_options(&o, 1, 1);
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
    bench_gen_dense(&e, size);
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

int
bench_mem_spawn(const char *self, const char *input_name, size_t size, int path,
                mem_row *out) {
  int fds[2];
  pid_t pid;
  char sz[32], buf[1024];
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
          "--size", sz, "--path", PATH_NAME[path], (char *)NULL);
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
