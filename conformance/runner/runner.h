/* SPDX-License-Identifier: MIT */
/*
 * poxauth-conformance: shared types of the runner.  One case is one
 * directory of conformance/cases (README.md, "Case layout"); one run is a
 * case under one profile by one implementation.
 */
#ifndef CONF_RUNNER_H
#define CONF_RUNNER_H

#include <stddef.h>
#include <stdio.h>

#include "canon.h"

#define NPROFILES 3 /* pox, oxdscli, union: PROFILE_NAMES */
#define MAX_IMPLS 16
/* Words of one --impl command, the context options excluded. */
#define MAX_IMPL_WORDS 64
/* Bytes of its program word, the terminator included. */
#define IMPL_PROGRAM_MAX 4096
/* Bounds on what the runner reads or captures; all files are trusted less
 * than they look (a case directory may be edited by hand). */
#define MAX_META_BYTES (64u * 1024u)
#define MAX_EXPECT_BYTES (1024u * 1024u)
#define MAX_RESPONSE_BYTES (16u * 1024u * 1024u)
#define MAX_STDOUT_BYTES (1024u * 1024u)
#define MAX_STDERR_BYTES (16u * 1024u)
#define MAX_LIST 64 /* rules, tags, header lines, accept files per case */

#define EX_USAGE 64
#define EX_NOINPUT 66

/* The runner's version, and the contract version of conformance/README.md
 * (case layout, FORMAT.md, adapter contract). */
#define RUNNER_VERSION "0.2.0"
#define CONTRACT_VERSION 2

extern const char *const PROFILE_NAMES[NPROFILES];

typedef struct conf_case {
  char *id;  /* "<group>/<slug>" */
  char *dir; /* path of the case directory */
  char *title, *source, *response_name;
  int may; /* class may */
  char *rules[MAX_LIST];
  size_t nrules;
  char *tags[MAX_LIST];
  size_t ntags;
  int header_present; /* X-ClientCanHandle sent at all */
  char *can_handle[MAX_LIST];
  size_t ncan_handle;
  char *server_build; /* NULL: not known */
  unsigned char *response;
  size_t response_len;
  /* must: the expected text per profile (the same text when all agree). */
  char *expect[NPROFILES];
  size_t expect_len[NPROFILES];
  /* may: every acceptable answer. */
  char *accept[MAX_LIST];
  size_t accept_len[MAX_LIST];
  size_t naccept;
} conf_case;

typedef enum outcome {
  OUT_PASS = 0,
  OUT_FAIL,      /* a parseable, wrong answer                        */
  OUT_CRASH,     /* no answer: exit status, signal, bad output       */
  OUT_TIMEOUT,   /* no answer in time                                */
  OUT_MAY_OK,    /* a may case answered with a listed answer         */
  OUT_MAY_OTHER, /* a may case answered otherwise: reported          */
  OUT_SKIP,      /* not run (a profile not asked for, interrupted)   */
  OUT_XFAIL,     /* a known failure that failed: not counted         */
  OUT_XPASS,     /* a known failure that passed: counted as failure  */
  OUT_COUNT
} outcome;

extern const char *const OUTCOME_NAMES[OUT_COUNT];

/* 0 when nothing matched (a crash, or not even the values). */
#define LEVEL_NONE 0
extern const char *const LEVEL_NAMES[CANON_LEVEL_FULL + 1];

typedef struct run_result {
  outcome o;
  outcome raw; /* for OUT_XFAIL and OUT_XPASS: what the run gave */
  int reached; /* the highest canon_level the answer matches, or 0 */
  char *got;   /* the implementation's stdout (NUL-terminated) */
  size_t got_len;
  char *err;       /* stderr head, NUL-terminated, may be NULL */
  int exit_status; /* -1 when killed by a signal */
  int signal;
  char why[256];    /* for crashes: what was wrong */
  int accept_index; /* may: 1-based index of the matched accept file */
  const struct known_failure *known; /* the line listing it, or NULL */
} run_result;

/* One line of a known-failures file: a case glob, and the profiles. */
typedef struct known_failure {
  char *glob;
  int profiles[NPROFILES];
  char *where; /* "FILE:LINE" */
} known_failure;

typedef struct impl {
  const char *name;
  const char *command; /* NULL: the built-in reference */
  known_failure *known;
  size_t nknown;
} impl;

/* What selects cases: an id glob, a rule ID or a tag. */
typedef enum sel_kind { SEL_RUN = 0, SEL_RULE, SEL_TAG, SEL_SKIP } sel_kind;
typedef struct selector {
  sel_kind kind;
  char *text;
  char *where; /* "--run", or "FILE:LINE" of a skip file */
} selector;

typedef struct run_config {
  conf_case *cases; /* only the selected ones, once selection is done */
  size_t ncases;
  size_t ncorpus;          /* cases in the corpus before selection */
  int profiles[NPROFILES]; /* which profiles run */
  int level;               /* canon_level that passes */
  impl impls[MAX_IMPLS];
  size_t nimpls;
  double timeout;
  unsigned jobs;
  /* results[(case * NPROFILES + profile) * nimpls + impl] */
  run_result *results;
  selector *sel;
  size_t nsel;
  /* Known failures of every external implementation (a skip file given
   * before any --impl); an impl's own are in impl.known. */
  known_failure *known_all;
  size_t nknown_all;
  const char *cases_dir;
  char corpus_version[32];
  int interrupted; /* the signal that stopped the run, or 0 */
  /* Set when the config was read back from a --json report. */
  const char *runner_version;
} run_config;

#define RESULT(cfg, c, p, i)                                                   \
  (&(cfg)->results[((c)*NPROFILES + (size_t)(p)) * (cfg)->nimpls + (i)])

/* util.c */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* 0 ok; -1 unreadable; -2 larger than max. *out is NUL-terminated. */
int read_file(const char *path, size_t max, char **out, size_t *len);
int write_file(const char *path, const void *data, size_t len);
char *path_join(const char *a, const char *b);

typedef struct sbuf {
  char *p;
  size_t len, cap;
} sbuf;
void sb_add(sbuf *b, const char *s, size_t n);
void sb_puts(sbuf *b, const char *s);
void sb_printf(sbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Untrusted text (adapter output, file names) for a terminal or a log:
 * poxauth_escape TEXT style. */
void sb_text(sbuf *b, const char *s, size_t n);
void sb_json_str(sbuf *b, const char *s, size_t n); /* quoted JSON string */
void sb_xml_text(sbuf *b, const char *s, size_t n); /* escaped for XML/HTML */
void sb_shell_word(sbuf *b, const char *s);         /* quoted for sh */
void sb_free(sbuf *b);
/* fputs of sb_text(s): every untrusted line a report prints. */
void put_text(FILE *f, const char *s);

/* cases.c */
int cases_load(const char *root, conf_case **out, size_t *n);
void case_clear(conf_case *c);
void cases_free(conf_case *c, size_t n);
int case_has_rule(const conf_case *c, const char *rule);
int case_has_tag(const conf_case *c, const char *tag);
/* The corpus version: FNV-1a 64 over every file of every case (README.md,
 * "Corpus version"); 0 with out filled, -1 when a file is unreadable. */
int corpus_version(const conf_case *cases, size_t n, char *out, size_t cap);

/* locate.c: the corpus next to the executable (installed or build tree). */
char *locate_cases(void);
/* The SPEC.md beside cases_dir (conformance/SPEC.md in both layouts). */
char *locate_spec(const char *cases_dir);
/* The MANIFEST beside cases_dir, read for its corpus-version line. */
int manifest_version(const char *cases_dir, char *out, size_t cap);

/* select.c */
/* Skip lines into cfg->sel; "fail" lines into *known (README.md, "Skip
 * and known-failures files"). */
int read_skip_file(const char *path, run_config *cfg, known_failure **known,
                   size_t *nknown);
void free_selection(run_config *cfg);
/* Keeps only the selected cases in cfg->cases; EX_USAGE when a selector
 * or a known failure matches no case, or nothing is selected. */
int select_cases(run_config *cfg);
void mark_known(const run_config *cfg, size_t ci, int p, size_t ii,
                run_result *r);

/* run_ref.c and run_ext.c: fill r->got (or r->o = crash/timeout). */
void run_reference(const conf_case *c, int profile, run_result *r);
void run_external(const char *command, const conf_case *c, int profile,
                  double timeout, run_result *r);
/* 0 when the first word of command (words.h) is an executable file; else
 * a message. */
int impl_check(const char *command, char *why, size_t cap);

/* procs.c: the running process groups, killed on SIGINT and SIGTERM. */
void procs_install(void);
int procs_register(int pgid); /* its slot, for procs_unregister */
void procs_unregister(int slot);
int procs_interrupted(void); /* the signal number, or 0 */

/* judge.c: set r->o by comparing r->got with the case's expectation. */
void judge(const conf_case *c, int profile, int level, run_result *r);
void run_all(run_config *cfg);
/* The expectation a run is compared with (accept.1 for may cases). */
const char *expected_text(const conf_case *c, int profile);
/* Per implementation and profile: the highest level every must run
 * reaches; -1 when the profile did not run. */
int level_reached(const run_config *cfg, size_t ii, int p);
int counts_as_failure(const run_result *r, const conf_case *c);

/* util.c: the number of profiles cfg runs; -1 for a name not known. */
size_t profiles_on(const run_config *cfg);
int profile_index(const char *name);

/* report.c */
typedef struct counts {
  size_t n[OUT_COUNT];
  size_t may_crash; /* crashes and timeouts on may cases: reported only */
} counts;
void count_runs(const run_config *cfg, size_t ii, counts *k);
size_t counts_failed(const counts *k);
void profiles_text(sbuf *b, const run_config *cfg);
void reached_text(sbuf *b, const run_config *cfg, size_t ii);
void report_text(const run_config *cfg, int verbose);
/* prefix: "" for text, "# " under --tap; returns the exit status */
int report_summary(const run_config *cfg, const char *prefix);
int report_junit(const run_config *cfg, const char *path);
void report_tap(const run_config *cfg);
/* The lines of text the level compares, the others left out. */
void level_lines(sbuf *b, const char *text, int level);
void diff_lines(sbuf *b, const char *expected, const char *got,
                const char *indent, int level);
/* One line: the shell command that reruns this run outside the runner. */
void reproduce_line(sbuf *b, const run_config *cfg, size_t ci, int p,
                    size_t ii);
void selection_text(sbuf *b, const run_config *cfg);

/* json_out.c and json_in.c */
int report_json(const run_config *cfg, const char *path);
/* Rebuilds cfg (cases, impls, results) from a --json report. */
int load_json_report(const char *path, run_config *cfg, void **storage);
void free_loaded(void *storage);

/* matrix.c */
void matrix_table(const run_config *cfg, const char *prefix);
/* The implementations answered differently from each other. */
int row_disagree(const run_config *cfg, size_t ci, int p);
/* Some implementation is not golden, or they disagree. */
int row_interesting(const run_config *cfg, size_t ci, int p);
/* html.c */
int matrix_html(const run_config *cfg, const char *path);

/* export.c */
int export_fuzz(const conf_case *cases, size_t n, const char *dir);
int export_manifest(const conf_case *cases, size_t n, const char *version,
                    const char *path);
void list_cases(const run_config *cfg);

/* coverage.c: prints the table; returns 0 when nothing is missing. */
int coverage_check(const conf_case *cases, size_t n, const char *spec_path);

#endif
