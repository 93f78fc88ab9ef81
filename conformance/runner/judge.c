/* SPDX-License-Identifier: MIT */
/* Judging one answer against the case, and running every (case, profile,
 * implementation) on a small pool of threads. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"

/* The highest level at which want[0..want_len) and got agree, or -1 when
 * the expectation itself is broken (a corpus bug, reported as a failure
 * so it cannot hide). */
static int
reached(const char *want, size_t want_len, const canon_result *got, char *why,
        size_t cap) {
  canon_result w;
  char err[200];
  int level = CANON_LEVEL_FULL;
  if (canon_parse(want, want_len, &w, err, sizeof err) != 0) {
    snprintf(why, cap, "the expectation file is invalid: %s", err);
    canon_free(&w);
    return -1;
  }
  while (level > LEVEL_NONE && !canon_equal_at(&w, got, (canon_level)level))
    level--;
  canon_free(&w);
  return level;
}

const char *
expected_text(const conf_case *c, int profile) {
  return c->may ? c->accept[0] : c->expect[profile];
}

void
judge(const conf_case *c, int profile, int level, run_result *r) {
  canon_result got;
  char err[200];
  size_t i;
  if (r->o == OUT_CRASH || r->o == OUT_TIMEOUT || r->o == OUT_SKIP)
    return;
  if (r->got == NULL || r->got_len == 0) {
    r->o = OUT_CRASH;
    snprintf(r->why, sizeof r->why, "no output (exit status %d)",
             r->exit_status);
    return;
  }
  if (canon_parse(r->got, r->got_len, &got, err, sizeof err) != 0) {
    r->o = OUT_CRASH;
    snprintf(r->why, sizeof r->why, "unparseable output: %s", err);
    canon_free(&got);
    return;
  }
  if (c->may) {
    r->o = OUT_MAY_OTHER;
    for (i = 0; i < c->naccept; i++) {
      int at =
          reached(c->accept[i], c->accept_len[i], &got, r->why, sizeof r->why);
      if (at > r->reached)
        r->reached = at;
      if (at >= level && r->o != OUT_MAY_OK) {
        r->o = OUT_MAY_OK;
        r->accept_index = (int)i + 1;
      }
    }
  } else {
    int at = reached(c->expect[profile], c->expect_len[profile], &got, r->why,
                     sizeof r->why);
    r->reached = at < 0 ? LEVEL_NONE : at;
    r->o = at >= level ? OUT_PASS : OUT_FAIL;
  }
  canon_free(&got);
}

int
counts_as_failure(const run_result *r, const conf_case *c) {
  if (r->o == OUT_XPASS)
    return 1;
  return !c->may &&
         (r->o == OUT_FAIL || r->o == OUT_CRASH || r->o == OUT_TIMEOUT);
}

int
level_reached(const run_config *cfg, size_t ii, int p) {
  size_t ci;
  int level = CANON_LEVEL_FULL, any = 0;
  if (!cfg->profiles[p])
    return -1;
  for (ci = 0; ci < cfg->ncases; ci++) {
    const run_result *r = RESULT(cfg, ci, p, ii);
    if (cfg->cases[ci].may || r->o == OUT_SKIP)
      continue;
    any = 1;
    if (r->reached < level)
      level = r->reached;
  }
  return any ? level : -1;
}

typedef struct pool {
  run_config *cfg;
  size_t next, total;
  pthread_mutex_t lock;
} pool;

static void
do_one(run_config *cfg, size_t job) {
  size_t per_case = NPROFILES * cfg->nimpls;
  size_t ci = job / per_case, rest = job % per_case;
  int p = (int)(rest / cfg->nimpls);
  size_t ii = rest % cfg->nimpls;
  run_result *r = RESULT(cfg, ci, p, ii);
  const conf_case *c = &cfg->cases[ci];
  memset(r, 0, sizeof *r);
  if (!cfg->profiles[p]) {
    r->o = OUT_SKIP;
    return;
  }
  if (procs_interrupted()) {
    r->o = OUT_SKIP;
    snprintf(r->why, sizeof r->why, "not run: the runner was stopped");
    return;
  }
  if (cfg->impls[ii].command == NULL)
    run_reference(c, p, r);
  else
    run_external(cfg->impls[ii].command, c, p, cfg->timeout, r);
  judge(c, p, cfg->level, r);
  mark_known(cfg, ci, p, ii, r);
}

static void *
worker(void *arg) {
  pool *pl = arg;
  for (;;) {
    size_t job;
    pthread_mutex_lock(&pl->lock);
    job = pl->next++;
    pthread_mutex_unlock(&pl->lock);
    if (job >= pl->total)
      return NULL;
    do_one(pl->cfg, job);
  }
}

void
run_all(run_config *cfg) {
  pool pl;
  pthread_t th[64];
  unsigned i, n = cfg->jobs ? cfg->jobs : 1;
  if (n > 64)
    n = 64;
  pl.cfg = cfg;
  pl.next = 0;
  pl.total = cfg->ncases * NPROFILES * cfg->nimpls;
  pthread_mutex_init(&pl.lock, NULL);
  cfg->results = xmalloc(pl.total * sizeof *cfg->results);
  memset(cfg->results, 0, pl.total * sizeof *cfg->results);
  if (n == 1) {
    worker(&pl);
  } else {
    unsigned started = 0;
    for (i = 0; i < n; i++)
      if (pthread_create(&th[i], NULL, worker, &pl) == 0)
        started++;
      else
        break;
    if (started == 0)
      worker(&pl);
    for (i = 0; i < started; i++)
      pthread_join(th[i], NULL);
  }
  pthread_mutex_destroy(&pl.lock);
}
