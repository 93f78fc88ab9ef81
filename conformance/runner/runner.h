/* SPDX-License-Identifier: MIT */
/*
 * poxauth-conformance: shared types of the runner.  One case is one
 * directory of conformance/cases (README.md, "Case layout"); one run is a
 * case under one profile by one implementation.
 */
#ifndef CONF_RUNNER_H
#define CONF_RUNNER_H

#include <stddef.h>

#include "canon.h"

#define NPROFILES 3 /* pox, oxdscli, union: PROFILE_NAMES */
#define MAX_IMPLS 16
/* Bounds on what the runner reads or captures; all files are trusted less
 * than they look (a case directory may be edited by hand). */
#define MAX_META_BYTES (64u * 1024u)
#define MAX_EXPECT_BYTES (1024u * 1024u)
#define MAX_RESPONSE_BYTES (16u * 1024u * 1024u)
#define MAX_STDOUT_BYTES (1024u * 1024u)
#define MAX_STDERR_BYTES (16u * 1024u)
#define MAX_LIST 64 /* rules, tags, header lines, accept files per case */

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
  OUT_FAIL,      /* a parseable, wrong answer                  */
  OUT_CRASH,     /* no answer: exit status, signal, bad output */
  OUT_TIMEOUT,   /* no answer in time                          */
  OUT_MAY_OK,    /* a may case answered with a listed answer   */
  OUT_MAY_OTHER, /* a may case answered otherwise: reported    */
  OUT_SKIP,
  OUT_COUNT
} outcome;

extern const char *const OUTCOME_NAMES[OUT_COUNT];

typedef struct run_result {
  outcome o;
  char *got; /* the implementation's stdout (NUL-terminated) */
  size_t got_len;
  char *err;       /* stderr head, NUL-terminated, may be NULL */
  int exit_status; /* -1 when killed by a signal */
  int signal;
  char why[256];    /* for crashes: what was wrong */
  int accept_index; /* may: 1-based index of the matched accept file */
} run_result;

typedef struct impl {
  const char *name;
  const char *command; /* NULL: the built-in reference */
} impl;

typedef struct run_config {
  conf_case *cases;
  size_t ncases;
  int profiles[NPROFILES]; /* which profiles run */
  impl impls[MAX_IMPLS];
  size_t nimpls;
  double timeout;
  unsigned jobs;
  /* results[(case * NPROFILES + profile) * nimpls + impl] */
  run_result *results;
  char **skip_globs;
  size_t nskip;
  char **run_globs;
  size_t nrun;
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
void sb_json_str(sbuf *b, const char *s, size_t n); /* quoted JSON string */
void sb_xml_text(sbuf *b, const char *s, size_t n); /* escaped for XML/HTML */
void sb_free(sbuf *b);

/* cases.c */
int cases_load(const char *root, conf_case **out, size_t *n);
void cases_free(conf_case *c, size_t n);
int case_has_rule(const conf_case *c, const char *rule);

/* run_ref.c and run_ext.c: fill r->got (or r->o = crash/timeout). */
void run_reference(const conf_case *c, int profile, run_result *r);
void run_external(const char *command, const conf_case *c, int profile,
                  double timeout, run_result *r);
/* judge.c: set r->o by comparing r->got with the case's expectation. */
void judge(const conf_case *c, int profile, run_result *r);
void run_all(run_config *cfg);

/* util.c: the number of profiles cfg runs; -1 for a name not known. */
size_t profiles_on(const run_config *cfg);
int profile_index(const char *name);

/* report.c */
void report_text(const run_config *cfg, int verbose);
/* prefix: "" for text, "# " under --tap; returns the exit status */
int report_summary(const run_config *cfg, const char *prefix);
int report_json(const run_config *cfg, const char *path);
int report_junit(const run_config *cfg, const char *path);
void report_tap(const run_config *cfg);
void diff_lines(sbuf *b, const char *expected, const char *got,
                const char *indent);

/* matrix.c */
void matrix_table(const run_config *cfg, const char *prefix);
int matrix_html(const run_config *cfg, const char *path);

/* export.c */
int export_fuzz(const conf_case *cases, size_t n, const char *dir);
int export_manifest(const conf_case *cases, size_t n, const char *path);

/* coverage.c: prints the table; returns 0 when nothing is missing. */
int coverage_check(const conf_case *cases, size_t n);

#endif
