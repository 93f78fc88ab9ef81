/* SPDX-License-Identifier: MIT */
/* poxauth-bench: what its files share.  inputs.c makes the documents,
 * runs.c parses them (the four paths, timing), memory.c measures heap and
 * RSS in child processes, report.c prints the tables and the JSON,
 * poxauth_bench.c reads the command line.  See src/bench/README.md. */
#ifndef POXAUTH_BENCH_H
#define POXAUTH_BENCH_H

#include <stddef.h>

#include <poxauth.h>

#include "gen.h"

#define MAX_RUNS 51
#define MAX_PEERS 4
#define MAX_INPUTS 16
#define KIB ((size_t)1024)
#define MIB ((size_t)1024 * 1024)

/* ------------------------------------------------------------------ */
/* Paths (runs.c).                                                     */

enum {
  PATH_EXPAT = 0, /* bare expat, one XML_Parse call                     */
  PATH_EXPAT_64K, /* bare expat, 64 KiB XML_Parse calls, the last final */
  PATH_PARSE,     /* poxauth_parse                                      */
  PATH_STREAM,    /* poxauth streaming, 64 KiB feeds, then finish       */
  NPATHS,
  PATH_NONE = NPATHS /* memory probe baseline: generate only */
};

extern const char *const PATH_NAME[NPATHS + 1];
/* The bare-expat path each poxauth path is compared with. */
extern const int PATH_BASE[NPATHS];
int path_by_name(const char *s);

/* ------------------------------------------------------------------ */
/* Inputs (inputs.c).                                                  */

typedef enum bench_expect {
  EXPECT_SETTINGS,
  EXPECT_REDIRECT,
  EXPECT_ERROR
} bench_expect;

typedef struct bench_input {
  const char *name;
  const char *desc;
  char *data; /* the document, made in memory */
  size_t len;
  int raised;   /* limits raised through the options               */
  int extra;    /* not a headline input: reported as a labelled extra */
  int one_call; /* the one-call paths are measured (else streaming only) */
  int chunked;  /* the 64 KiB paths are headline figures too           */
  bench_expect expect;
  size_t protocols, elements, max_depth;
  double target;               /* instruction ratio target, 0: none */
  unsigned long cg_iterations; /* callgrind iterations (ci/bench.sh) */
} bench_input;

/* Make every input (quick: smaller large ones).  The count, or -1. */
int bench_inputs_make(bench_input *in, int max, int quick);
/* Make only the one named; 0, or -1 (unknown name, no memory). */
int bench_input_make_one(bench_input *in, const char *name, int quick);
void bench_inputs_free(bench_input *in, int n);
/* The i-th input's name and paths, without making it; -1 past the end. */
int bench_input_spec(int i, const char **name, int *one_call, int *chunked,
                     int *extra);

/* ------------------------------------------------------------------ */
/* Runs (runs.c).                                                      */

/* Options every poxauth path uses: X-ClientCanHandle: Negotiate,ExHttpInfo
 * (as Outlook sends it).  `raised` lifts the limits the large inputs
 * need; `counting` installs the counting allocator. */
void bench_options(poxauth_options *o, int raised, int counting);
/* 0 parsed as expected, 1 rejected, -1 other failure; `keep` takes the
 * result instead of freeing it. */
int bench_run(int path, const char *d, size_t n, const poxauth_options *o,
              int counting, poxauth_result **keep);
/* N iterations of one path: what callgrind counts. */
int poxauth_bench_loop(int path, const char *d, size_t n,
                       const poxauth_options *o, unsigned long iterations);

typedef struct stats {
  double med, min, max;
} stats;

typedef struct row {
  int nruns;
  double rps[MAX_RUNS]; /* parses per second, one per run */
  stats s;
  size_t heap_peak, heap_allocs; /* one untimed counted pass */
  int measured;
} row;

/* Parse once through the counting allocator and check the answer; fills
 * the heap figures.  0, or -1 (the message is printed). */
int bench_verify(const bench_input *in, int path, row *rw);
/* `runs` runs of each measured path of `in`, interleaved. */
void bench_time(const bench_input *in, row rows[NPATHS], int runs,
                double min_time);
stats stats_of(const double *v, int n);
double now_s(void);

/* ------------------------------------------------------------------ */
/* Memory (memory.c).                                                  */

typedef struct mem_row {
  const char *input;
  size_t target_bytes, bytes, protocols;
  int path;
  size_t heap_peak, heap_allocs;
  long hwm_kib, base_hwm_kib;
  int status;
} mem_row;

/* The child: stream `input_name` (grow or dense) of `size` bytes through
 * one path and print one line. */
int bench_mem_child(const char *input_name, size_t size, int path);
/* Run the child as a process of its own; 0, or -1. */
int bench_mem_spawn(const char *self, const char *input_name, size_t size,
                    int path, mem_row *out);

/* ------------------------------------------------------------------ */
/* Limits (memory.c): the +1 variants of the largest default input.   */

typedef struct limit_check {
  const char *what;
  poxauth_limit_id want;
  int ok;
  char got[96];
} limit_check;

void bench_check_limits(limit_check *lc, int *n);

/* ------------------------------------------------------------------ */
/* Report (report.c).                                                  */

typedef struct peer {
  char name[96];
  double med, min, max;
} peer;

/* Instructions per parse from callgrind, per input and path (0: none). */
typedef struct ir_figure {
  char input[48];
  int path;
  double ir;
} ir_figure;

#define MAX_IR (MAX_INPUTS * NPATHS)

typedef struct config {
  int quick, runs;
  double min_time;
  const char *json, *markdown, *check_tables[4];
  int ncheck;
  peer peers[MAX_PEERS];
  int npeers;
  ir_figure ir[MAX_IR];
  int nir;
  double fuzz_main, fuzz_bare;
} config;

typedef struct bench_report {
  const config *cfg;
  const bench_input *in;
  int nin;
  row (*rows)[NPATHS];
  const mem_row *mem;
  int nmem;
  const limit_check *lc;
  int nlc;
  size_t mem_sizes[3];
} bench_report;

double bench_ir(const config *cfg, const char *input, int path);
void bench_print(const bench_report *r);
int bench_write_json(const bench_report *r, const char *file);
/* The tables ci/bench.sh puts into README.md and RESULTS.md. */
int bench_write_markdown(const bench_report *r, const char *file);
/* Check that the tables in `file` have the format bench_write_markdown
 * writes (the headline, and with memory_too the other two); 0, or the
 * number of problems (printed). */
int bench_check_tables(const char *file, int memory_too);

#endif
