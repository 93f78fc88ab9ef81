/* SPDX-License-Identifier: MIT */
/*
 * Which cases run: --run globs, --rule IDs and --tag words select, --skip
 * globs and skip files leave out; known failures are run and must fail.
 * Every selector and every known failure must match a case of the corpus,
 * so a typo or a stale line is an error instead of a silent no-op.
 */
#define _POSIX_C_SOURCE 200809L
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"

static void
add_selector(run_config *cfg, sel_kind kind, const char *text,
             const char *where) {
  selector *s;
  cfg->sel = xrealloc(cfg->sel, (cfg->nsel + 1) * sizeof *cfg->sel);
  s = &cfg->sel[cfg->nsel++];
  s->kind = kind;
  s->text = xstrdup(text);
  s->where = xstrdup(where);
}

/* The words of line: a case glob, then profile names (none: all). */
static int
parse_known(char *line, known_failure *k, const char *where) {
  char *save = NULL, *w = strtok_r(line, " \t", &save);
  int i, any = 0;
  memset(k, 0, sizeof *k);
  if (w == NULL)
    return -1;
  k->glob = xstrdup(w);
  while ((w = strtok_r(NULL, " \t", &save)) != NULL) {
    int p = profile_index(w);
    if (p < 0) {
      fprintf(stderr, "poxauth-conformance: %s: unknown profile ", where);
      put_text(stderr, w);
      fputs("\n", stderr);
      free(k->glob);
      return -1;
    }
    k->profiles[p] = 1;
    any = 1;
  }
  for (i = 0; i < NPROFILES && !any; i++)
    k->profiles[i] = 1;
  k->where = xstrdup(where);
  return 0;
}

int
read_skip_file(const char *path, run_config *cfg, known_failure **known,
               size_t *nknown) {
  char *text, *line;
  size_t len;
  unsigned long lineno = 0;
  if (read_file(path, MAX_META_BYTES, &text, &len) != 0)
    return -1;
  for (line = text; line; lineno++) {
    char *nl = strchr(line, '\n'), *end, where[512];
    if (nl)
      *nl = '\0';
    while (*line == ' ' || *line == '\t')
      line++;
    end = line + strlen(line);
    while (end > line && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
      *--end = '\0';
    snprintf(where, sizeof where, "%s:%lu", path, lineno + 1);
    if (strncmp(line, "fail ", 5) == 0 || strncmp(line, "fail\t", 5) == 0) {
      known_failure k;
      if (parse_known(line + 5, &k, where) != 0) {
        free(text);
        return -2;
      }
      *known = xrealloc(*known, (*nknown + 1) * sizeof **known);
      (*known)[(*nknown)++] = k;
    } else if (*line && *line != '#') {
      add_selector(cfg, SEL_SKIP, line, where);
    }
    line = nl ? nl + 1 : NULL;
  }
  free(text);
  return 0;
}

static int
matches(const selector *s, const conf_case *c) {
  switch (s->kind) {
  case SEL_RULE:
    return case_has_rule(c, s->text);
  case SEL_TAG:
    return case_has_tag(c, s->text);
  default:
    return fnmatch(s->text, c->id, 0) == 0;
  }
}

/* Selected: for each kind of selector given, one of that kind matches;
 * and no --skip matches. */
static int
selected(const run_config *cfg, const conf_case *c) {
  int given[SEL_SKIP] = {0}, hit[SEL_SKIP] = {0}, k;
  size_t i;
  for (i = 0; i < cfg->nsel; i++) {
    const selector *s = &cfg->sel[i];
    if (s->kind == SEL_SKIP) {
      if (matches(s, c))
        return 0;
      continue;
    }
    given[s->kind] = 1;
    hit[s->kind] |= matches(s, c);
  }
  for (k = 0; k < SEL_SKIP; k++)
    if (given[k] && !hit[k])
      return 0;
  return 1;
}

static const char *const KIND_OPTION[] = {"--run", "--rule", "--tag", "--skip"};

static int
unmatched_known(const run_config *cfg, const known_failure *k, size_t n) {
  size_t i, ci;
  int bad = 0;
  for (i = 0; i < n; i++) {
    for (ci = 0; ci < cfg->ncases; ci++)
      if (fnmatch(k[i].glob, cfg->cases[ci].id, 0) == 0)
        break;
    if (ci == cfg->ncases) {
      fprintf(stderr, "poxauth-conformance: %s: known failure ", k[i].where);
      put_text(stderr, k[i].glob);
      fputs(" matches no case\n", stderr);
      bad = 1;
    }
  }
  return bad;
}

int
select_cases(run_config *cfg) {
  size_t i, ci, kept = 0;
  int bad = 0;
  for (i = 0; i < cfg->nsel; i++) {
    for (ci = 0; ci < cfg->ncases; ci++)
      if (matches(&cfg->sel[i], &cfg->cases[ci]))
        break;
    if (ci == cfg->ncases) {
      sbuf b = {0};
      sb_text(&b, cfg->sel[i].text, strlen(cfg->sel[i].text));
      fprintf(stderr, "poxauth-conformance: %s %s matches no case\n",
              cfg->sel[i].where[0] == '-' ? KIND_OPTION[cfg->sel[i].kind]
                                          : cfg->sel[i].where,
              b.p);
      sb_free(&b);
      bad = 1;
    }
  }
  bad |= unmatched_known(cfg, cfg->known_all, cfg->nknown_all);
  for (i = 0; i < cfg->nimpls; i++)
    bad |= unmatched_known(cfg, cfg->impls[i].known, cfg->impls[i].nknown);
  if (bad)
    return EX_USAGE;
  cfg->ncorpus = cfg->ncases;
  for (ci = 0; ci < cfg->ncases; ci++) {
    if (selected(cfg, &cfg->cases[ci]))
      cfg->cases[kept++] = cfg->cases[ci];
    else
      case_clear(&cfg->cases[ci]);
  }
  cfg->ncases = kept;
  if (kept == 0) {
    fputs("poxauth-conformance: the selection matches no case\n", stderr);
    return EX_USAGE;
  }
  return 0;
}

static const known_failure *
find_known(const known_failure *k, size_t n, const char *id, int p) {
  size_t i;
  for (i = 0; i < n; i++)
    if (k[i].profiles[p] && fnmatch(k[i].glob, id, 0) == 0)
      return &k[i];
  return NULL;
}

void
mark_known(const run_config *cfg, size_t ci, int p, size_t ii, run_result *r) {
  const impl *im = &cfg->impls[ii];
  const conf_case *c = &cfg->cases[ci];
  const known_failure *k;
  if (c->may || r->o == OUT_SKIP)
    return;
  k = find_known(im->known, im->nknown, c->id, p);
  if (k == NULL && im->command)
    k = find_known(cfg->known_all, cfg->nknown_all, c->id, p);
  if (k == NULL)
    return;
  r->known = k;
  r->raw = r->o;
  r->o = r->o == OUT_PASS ? OUT_XPASS : OUT_XFAIL;
}

static void
free_known(known_failure *k, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    free(k[i].glob);
    free(k[i].where);
  }
  free(k);
}

void
free_selection(run_config *cfg) {
  size_t i;
  for (i = 0; i < cfg->nsel; i++) {
    free(cfg->sel[i].text);
    free(cfg->sel[i].where);
  }
  free(cfg->sel);
  free_known(cfg->known_all, cfg->nknown_all);
  for (i = 0; i < cfg->nimpls; i++)
    free_known(cfg->impls[i].known, cfg->impls[i].nknown);
}
