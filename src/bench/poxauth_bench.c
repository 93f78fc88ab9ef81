/* SPDX-License-Identifier: MIT */
/*
 * poxauth-bench: poxauth against bare expat, on the same bytes in memory.
 *
 * It reports; it never fails on a figure.  It exits non-zero only on a
 * usage error, an allocation failure, or when a parse does not give the
 * answer the input was built for (then the figures would measure
 * something else).  See src/bench/README.md.
 *
 *   poxauth-bench [--quick] [--runs N] [--min-time S] [--json FILE]
 *                 [--markdown FILE] [--peer NAME=MED,MIN,MAX]
 *                 [--callgrind-ir INPUT:PATH=IR]... [--fuzz-execs MAIN,BARE]
 *   poxauth-bench --write-sample FILE
 *   poxauth-bench --mode list [--quick]       (inputs, for ci/bench.sh)
 *   poxauth-bench --mode loop --input NAME --path PATH --iterations N
 *   poxauth-bench --mode mem --input grow|dense --size BYTES --path PATH
 *   poxauth-bench --check-tables FILE [--check-tables FILE]...
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

typedef struct args {
  config cfg;
  const char *mode, *input, *write_sample;
  size_t size;
  int path;
  unsigned long iterations;
} args;

static const char USAGE[] =
    "usage: poxauth-bench [--quick] [--runs N] [--min-time S] [--json FILE]\n"
    "         [--markdown FILE] [--peer NAME=MED,MIN,MAX]\n"
    "         [--callgrind-ir INPUT:PATH=IR]... [--fuzz-execs MAIN,BARE]\n"
    "       poxauth-bench --write-sample FILE\n"
    "       poxauth-bench --mode list [--quick]\n"
    "       poxauth-bench --mode loop --input NAME --path PATH "
    "[--iterations N] [--quick]\n"
    "       poxauth-bench --mode mem --input grow|dense --size BYTES --path "
    "PATH\n"
    "       poxauth-bench --check-tables FILE [--check-tables FILE]...\n"
    "paths: expat expat-64k poxauth_parse poxauth-stream\n";

/* --callgrind-ir INPUT:PATH=IR */
static int
add_ir(config *cfg, const char *v) {
  const char *colon = strchr(v, ':'), *eq = strchr(v, '=');
  char path[32];
  ir_figure *f;
  if (!colon || !eq || eq < colon || cfg->nir >= MAX_IR ||
      (size_t)(colon - v) >= sizeof f->input ||
      (size_t)(eq - colon - 1) >= sizeof path)
    return -1;
  f = &cfg->ir[cfg->nir];
  snprintf(f->input, sizeof f->input, "%.*s", (int)(colon - v), v);
  snprintf(path, sizeof path, "%.*s", (int)(eq - colon - 1), colon + 1);
  f->path = path_by_name(path);
  f->ir = strtod(eq + 1, NULL);
  if (f->path < 0 || f->path >= NPATHS)
    return -1;
  cfg->nir++;
  return 0;
}

static int
add_peer(config *cfg, const char *v) {
  const char *eq = strrchr(v, '=');
  peer *pe;
  if (!eq || cfg->npeers >= MAX_PEERS)
    return -1;
  pe = &cfg->peers[cfg->npeers++];
  snprintf(pe->name, sizeof pe->name, "%.*s", (int)(eq - v), v);
  return sscanf(eq + 1, "%lf,%lf,%lf", &pe->med, &pe->min, &pe->max) == 3 ? 0
                                                                          : -1;
}

/* One option with a value; 0, or -1 for a bad one. */
static int
option(args *a, const char *k, const char *v) {
  config *c = &a->cfg;
  if (strcmp(k, "--runs") == 0)
    return (c->runs = atoi(v)) >= 1 && c->runs <= MAX_RUNS ? 0 : -1;
  if (strcmp(k, "--min-time") == 0)
    return (c->min_time = strtod(v, NULL)) >= 0 ? 0 : -1;
  if (strcmp(k, "--json") == 0)
    return c->json = v, 0;
  if (strcmp(k, "--markdown") == 0)
    return c->markdown = v, 0;
  if (strcmp(k, "--check-tables") == 0)
    return c->ncheck < 4 ? (c->check_tables[c->ncheck++] = v, 0) : -1;
  if (strcmp(k, "--write-sample") == 0)
    return a->write_sample = v, 0;
  if (strcmp(k, "--peer") == 0)
    return add_peer(c, v);
  if (strcmp(k, "--callgrind-ir") == 0)
    return add_ir(c, v);
  if (strcmp(k, "--fuzz-execs") == 0)
    return sscanf(v, "%lf,%lf", &c->fuzz_main, &c->fuzz_bare) == 2 ? 0 : -1;
  if (strcmp(k, "--mode") == 0)
    return a->mode = v, 0;
  if (strcmp(k, "--path") == 0)
    return (a->path = path_by_name(v)) >= 0 ? 0 : -1;
  if (strcmp(k, "--input") == 0)
    return a->input = v, 0;
  if (strcmp(k, "--size") == 0)
    return a->size = (size_t)strtoull(v, NULL, 10), 0;
  if (strcmp(k, "--iterations") == 0)
    return a->iterations = strtoul(v, NULL, 10), 0;
  return -1;
}

static int
parse_args(args *a, int argc, char **argv) {
  int i;
  memset(a, 0, sizeof *a);
  a->cfg.runs = 7;
  a->cfg.min_time = 0.25;
  a->path = PATH_STREAM;
  a->iterations = 100;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--quick") == 0) {
      a->cfg.quick = 1;
    } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(USAGE, stdout);
      exit(0);
    } else if (i + 1 >= argc || option(a, argv[i], argv[i + 1]) != 0) {
      fprintf(stderr, "poxauth-bench: bad or unknown option %s\n%s", argv[i],
              USAGE);
      return -1;
    } else {
      i++;
    }
  }
  if (a->cfg.quick && a->cfg.runs == 7)
    a->cfg.runs = 3;
  if (a->cfg.quick && a->cfg.min_time == 0.25)
    a->cfg.min_time = 0.01;
  return 0;
}

static int
write_sample(const char *file) {
  bench_input in;
  FILE *f;
  if (bench_input_make_one(&in, "settings-lf", 0) != 0)
    return 1;
  f = fopen(file, "wb");
  if (!f || fwrite(in.data, 1, in.len, f) != in.len || fclose(f) != 0) {
    fprintf(stderr, "poxauth-bench: cannot write %s\n", file);
    return 1;
  }
  printf("wrote %zu bytes to %s\n", in.len, file);
  bench_inputs_free(&in, 1);
  return 0;
}

/* What callgrind runs: N parses of one input on one path. */
static int
loop_mode(const args *a) {
  bench_input in;
  poxauth_options o;
  int bad;
  if (!a->input || a->path >= NPATHS ||
      bench_input_make_one(&in, a->input, a->cfg.quick) != 0) {
    fprintf(stderr, "poxauth-bench: --mode loop needs a known --input and "
                    "--path\n");
    return 2;
  }
  bench_options(&o, in.raised, 0);
  /* A constant hash salt, for bare expat too: the same count every run. */
  o.hash_salt = 0x5eed;
  bad = poxauth_bench_loop(a->path, in.data, in.len, &o, a->iterations);
  printf("input=%s path=%s iterations=%lu bytes=%zu failures=%d\n", in.name,
         PATH_NAME[a->path], a->iterations, in.len, bad);
  bench_inputs_free(&in, 1);
  return bad ? 1 : 0;
}

/* For ci/bench.sh: one line per input, "NAME ITERATIONS PATH...", the
 * paths whose instructions the tables report. */
static int
list_inputs(int quick) {
  bench_input in[MAX_INPUTS];
  int n = bench_inputs_make(in, MAX_INPUTS, quick), i, p;
  if (n < 0)
    return 1;
  for (i = 0; i < n; i++) {
    unsigned long it = in[i].cg_iterations;
    if (quick)
      it = it / 10 ? it / 10 : 1;
    printf("%s %lu", in[i].name, it);
    for (p = 0; p < NPATHS; p++)
      if (p == PATH_EXPAT || p == PATH_PARSE ? in[i].one_call : in[i].chunked)
        printf(" %s", PATH_NAME[p]);
    printf("\n");
  }
  bench_inputs_free(in, n);
  return 0;
}

static int
check_tables(const config *c) {
  int i, bad = 0;
  for (i = 0; i < c->ncheck; i++) {
    /* README.md carries the headline table only. */
    int all = strstr(c->check_tables[i], "README") == NULL;
    int b = bench_check_tables(c->check_tables[i], all);
    printf("%s: %s\n", c->check_tables[i],
           b ? "tables NOT in ci/bench.sh's format" : "tables ok");
    bad += b;
  }
  return bad ? 1 : 0;
}

/* Memory: grow at three sizes (heap must not move), dense at two (the
 * per-Protocol facts).  One child process each. */
static int
measure_memory(const char *self, const size_t sizes[3], int quick, mem_row *mem,
               int *nmem) {
  static const int paths[2] = {PATH_EXPAT_64K, PATH_STREAM};
  size_t dense[2] = {MIB, quick ? 4 * MIB : 100 * 1000 * 1000};
  int errors = 0, i, k;
  *nmem = 0;
  for (i = 0; i < 5; i++) {
    const char *name = i < 3 ? "grow" : "dense";
    size_t size = i < 3 ? sizes[i] : dense[i - 3];
    mem_row base;
    if (bench_mem_spawn(self, name, size, PATH_NONE, &base) != 0)
      errors++;
    for (k = 0; k < 2; k++) {
      mem_row *m = &mem[(*nmem)++];
      if (bench_mem_spawn(self, name, size, paths[k], m) != 0 || m->status)
        errors++;
      m->base_hwm_kib = base.hwm_kib;
    }
  }
  return errors;
}

static int
full_run(const args *a) {
  static bench_input in[MAX_INPUTS];
  static row rows[MAX_INPUTS][NPATHS];
  static mem_row mem[16];
  limit_check lc[8];
  bench_report rep;
  char self[4096];
  ssize_t k;
  int nin, i, p, errors = 0;

  memset(&rep, 0, sizeof rep);
  rep.cfg = &a->cfg;
  rep.mem_sizes[0] = a->cfg.quick ? 256 * KIB : MIB;
  rep.mem_sizes[1] = a->cfg.quick ? MIB : 10 * MIB;
  rep.mem_sizes[2] = a->cfg.quick ? 4 * MIB : 100 * MIB;
  nin = bench_inputs_make(in, MAX_INPUTS, a->cfg.quick);
  if (nin < 0) {
    fprintf(stderr, "poxauth-bench: out of memory making the inputs\n");
    return 1;
  }
  for (i = 0; i < nin; i++) {
    rows[i][PATH_EXPAT].measured = rows[i][PATH_PARSE].measured =
        in[i].one_call;
    rows[i][PATH_EXPAT_64K].measured = rows[i][PATH_STREAM].measured =
        in[i].chunked;
    for (p = 0; p < NPATHS; p++)
      if (rows[i][p].measured && bench_verify(&in[i], p, &rows[i][p]) != 0)
        errors++;
  }
  if (errors) {
    fprintf(stderr,
            "poxauth-bench: %d verification error(s); the figures "
            "would not measure what they claim, stopping\n",
            errors);
    return 3;
  }
  bench_check_limits(lc, &rep.nlc);
  for (i = 0; i < nin; i++)
    bench_time(&in[i], rows[i], a->cfg.runs, a->cfg.min_time);
  k = readlink("/proc/self/exe", self, sizeof self - 1);
  if (k <= 0)
    return 1;
  self[k] = 0;
  errors += measure_memory(self, rep.mem_sizes, a->cfg.quick, mem, &rep.nmem);
  rep.in = in;
  rep.nin = nin;
  rep.rows = rows;
  rep.mem = mem;
  rep.lc = lc;
  bench_print(&rep);
  if (a->cfg.json && bench_write_json(&rep, a->cfg.json) != 0)
    errors++;
  if (a->cfg.markdown && bench_write_markdown(&rep, a->cfg.markdown) != 0)
    errors++;
  bench_inputs_free(in, nin);
  if (errors)
    fprintf(stderr, "poxauth-bench: %d memory probe or output error(s)\n",
            errors);
  return errors ? 3 : 0;
}

int
main(int argc, char **argv) {
  args a;
  if (parse_args(&a, argc, argv) != 0)
    return 2;
  if (a.write_sample)
    return write_sample(a.write_sample);
  if (a.cfg.ncheck)
    return check_tables(&a.cfg);
  if (a.mode && strcmp(a.mode, "list") == 0)
    return list_inputs(a.cfg.quick);
  if (a.mode && strcmp(a.mode, "mem") == 0)
    return bench_mem_child(a.input ? a.input : "grow", a.size, a.path);
  if (a.mode && strcmp(a.mode, "loop") == 0)
    return loop_mode(&a);
  if (a.mode) {
    fprintf(stderr, "poxauth-bench: unknown mode %s\n", a.mode);
    return 2;
  }
  return full_run(&a);
}
