/* SPDX-License-Identifier: MIT */
/* Reports: the readable text report with a diff per failure, the closing
 * summary, JSON, JUnit XML and TAP. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "words.h"

#define MAX_DIFF_LINES 4096

typedef struct lines {
  const char *p[MAX_DIFF_LINES];
  size_t n[MAX_DIFF_LINES];
  size_t count;
} lines;

static void
split_lines(const char *s, lines *l) {
  l->count = 0;
  while (s && *s && l->count < MAX_DIFF_LINES) {
    const char *e = strchr(s, '\n');
    size_t n = e ? (size_t)(e - s) : strlen(s);
    l->p[l->count] = s;
    l->n[l->count] = n > 0 && s[n - 1] == '\r' ? n - 1 : n;
    l->count++;
    if (!e)
      break;
    s = e + 1;
  }
}

static int
has_line(const lines *l, const char *p, size_t n) {
  size_t i;
  for (i = 0; i < l->count; i++)
    if (l->n[i] == n && memcmp(l->p[i], p, n) == 0)
      return 1;
  return 0;
}

static int
line_counted(const char *p, size_t n, int level) {
  static const char note[] = " note";
  if (n < 8 || memcmp(p, "finding ", 8) != 0)
    return 1;
  if (level == CANON_LEVEL_VALUES)
    return 0;
  if (level == CANON_LEVEL_VIOLATIONS)
    return !(n >= sizeof note - 1 &&
             memcmp(p + n - (sizeof note - 1), note, sizeof note - 1) == 0);
  return 1;
}

void
level_lines(sbuf *b, const char *text, int level) {
  static lines l;
  size_t i;
  split_lines(text, &l);
  for (i = 0; i < l.count; i++)
    if (line_counted(l.p[i], l.n[i], level)) {
      sb_add(b, l.p[i], l.n[i]);
      sb_puts(b, "\n");
    }
}

/* Finding lines compare as a multiset, so the diff is by membership:
 * "-" expected but not printed, "+" printed but not expected.  Lines the
 * level does not compare are left out; every line is escaped. */
void
diff_lines(sbuf *b, const char *expected, const char *got, const char *indent,
           int level) {
  static lines e, g; /* large: kept off the stack */
  sbuf fe = {0}, fg = {0};
  size_t i;
  level_lines(&fe, expected, level);
  level_lines(&fg, got, level);
  split_lines(fe.p, &e);
  split_lines(fg.p, &g);
  for (i = 0; i < e.count; i++) {
    sb_printf(b, "%s%c ", indent, has_line(&g, e.p[i], e.n[i]) ? ' ' : '-');
    sb_text(b, e.p[i], e.n[i]);
    sb_puts(b, "\n");
  }
  for (i = 0; i < g.count; i++) {
    if (has_line(&e, g.p[i], g.n[i]))
      continue;
    sb_printf(b, "%s+ ", indent);
    sb_text(b, g.p[i], g.n[i] > 300 ? 300 : g.n[i]);
    sb_puts(b, "\n");
  }
  sb_free(&fe);
  sb_free(&fg);
}

static void
context_line(sbuf *b, const conf_case *c) {
  size_t i;
  sb_puts(b, "  context: X-ClientCanHandle ");
  if (!c->header_present)
    sb_puts(b, "absent");
  for (i = 0; i < c->ncan_handle; i++) {
    sb_puts(b, i ? " + \"" : "\"");
    sb_text(b, c->can_handle[i], strlen(c->can_handle[i]));
    sb_puts(b, "\"");
  }
  sb_puts(b, "; server build ");
  sb_text(b, c->server_build ? c->server_build : "-",
          strlen(c->server_build ? c->server_build : "-"));
  sb_puts(b, "; ");
  sb_text(b, c->response_name, strlen(c->response_name));
  sb_printf(b, ", %lu bytes\n", (unsigned long)c->response_len);
}

static void
head(sbuf *b, const char *label, const char *s, size_t max_lines) {
  size_t k = 0;
  if (s == NULL || *s == '\0')
    return;
  sb_printf(b, "  %s:\n", label);
  while (*s && k < max_lines) {
    const char *e = strchr(s, '\n');
    size_t n = e ? (size_t)(e - s) : strlen(s);
    sb_puts(b, "    | ");
    sb_text(b, s, n > 200 ? 200 : n);
    sb_puts(b, "\n");
    k++;
    if (!e)
      break;
    s = e + 1;
  }
}

/* The context options of the adapter contract, for a command line. */
static void
context_args(sbuf *b, const conf_case *c, int p) {
  size_t i;
  sb_printf(b, " --profile %s", PROFILE_NAMES[p]);
  for (i = 0; i < c->ncan_handle; i++) {
    sb_puts(b, " --client-can-handle ");
    sb_shell_word(b, c->can_handle[i]);
  }
  if (c->server_build) {
    sb_puts(b, " --server-build ");
    sb_shell_word(b, c->server_build);
  }
}

void
reproduce_line(sbuf *out, const run_config *cfg, size_t ci, int p, size_t ii) {
  const conf_case *c = &cfg->cases[ci];
  const char *cmd = cfg->impls[ii].command;
  sbuf b = {0};
  char *resp = path_join(c->dir, c->response_name);
  if (cmd == NULL) {
    sb_puts(&b, "poxauth --format canonical");
  } else {
    /* The words as the runner splits them (words.c), each quoted for sh;
     * a command that does not split (a hand-edited --json) as one word. */
    char *buf = xmalloc(strlen(cmd) + 1), *w[MAX_IMPL_WORDS], why[128];
    size_t n, i;
    if (impl_split(cmd, buf, w, MAX_IMPL_WORDS, &n, why, sizeof why) != 0 ||
        n > MAX_IMPL_WORDS) {
      n = 1;
      w[0] = strcpy(buf, cmd);
    }
    for (i = 0; i < n; i++) {
      sb_puts(&b, i ? " " : "");
      sb_shell_word(&b, w[i]);
    }
    free(buf);
  }
  context_args(&b, c, p);
  sb_puts(&b, " < ");
  sb_shell_word(&b, resp);
  sb_text(out, b.p, b.len);
  sb_free(&b);
  free(resp);
}

static const char *
block_tag(outcome o) {
  switch (o) {
  case OUT_FAIL:
    return "FAIL";
  case OUT_CRASH:
    return "CRASH";
  case OUT_TIMEOUT:
    return "TIMEOUT";
  case OUT_XPASS:
    return "UNEXPECTED-PASS";
  default:
    return "MAY";
  }
}

static void
block_head(sbuf *b, const run_config *cfg, size_t ci, int p, size_t ii) {
  const conf_case *c = &cfg->cases[ci];
  const run_result *r = RESULT(cfg, ci, p, ii);
  size_t k;
  sb_printf(b, "%s ", block_tag(r->o));
  sb_text(b, c->id, strlen(c->id));
  sb_printf(b, " [%s] (", PROFILE_NAMES[p]);
  sb_text(b, cfg->impls[ii].name, strlen(cfg->impls[ii].name));
  sb_printf(b, ") level %s", LEVEL_NAMES[cfg->level]);
  if (r->o == OUT_XPASS) {
    sb_puts(b, ": listed as a known failure at ");
    sb_text(b, r->known->where, strlen(r->known->where));
    sb_puts(b, ", but passed: remove the line");
  } else if (r->why[0]) {
    sb_puts(b, ": ");
    sb_text(b, r->why, strlen(r->why));
  }
  sb_puts(b, "\n  case: ");
  sb_text(b, c->dir, strlen(c->dir));
  sb_puts(b, "\n  title: ");
  sb_text(b, c->title, strlen(c->title));
  sb_puts(b, "\n  rules:");
  for (k = 0; k < c->nrules; k++) {
    sb_puts(b, " ");
    sb_text(b, c->rules[k], strlen(c->rules[k]));
  }
  sb_puts(b, "\n");
  context_line(b, c);
}

/* Static buffers above make diff_lines single-threaded: reports run after
 * all jobs are done. */
static void
one_block(sbuf *b, const run_config *cfg, size_t ci, int p, size_t ii) {
  const conf_case *c = &cfg->cases[ci];
  const run_result *r = RESULT(cfg, ci, p, ii);
  block_head(b, cfg, ci, p, ii);
  if (r->o == OUT_FAIL) {
    sb_printf(b, "  diff (- expected, + got; compared at level %s):\n",
              LEVEL_NAMES[cfg->level]);
    diff_lines(b, c->expect[p], r->got, "    ", cfg->level);
  } else if (r->o == OUT_MAY_OTHER) {
    sb_printf(b,
              "  class may: the answer is none of the %lu listed; reported, "
              "not a failure\n",
              (unsigned long)c->naccept);
    diff_lines(b, c->accept[0], r->got, "    ", cfg->level);
  } else if (r->o != OUT_XPASS) {
    head(b, "stdout", r->got, 8);
  }
  if (r->o != OUT_XPASS)
    head(b, "stderr", r->err, 8);
  sb_puts(b, "  reproduce: ");
  reproduce_line(b, cfg, ci, p, ii);
  sb_puts(b, "\n");
}

void
report_text(const run_config *cfg, int verbose) {
  size_t ci, ii;
  int p;
  sbuf b = {0};
  for (ci = 0; ci < cfg->ncases; ci++)
    for (p = 0; p < NPROFILES; p++)
      for (ii = 0; ii < cfg->nimpls; ii++) {
        const run_result *r = RESULT(cfg, ci, p, ii);
        b.len = 0;
        if (r->o == OUT_FAIL || r->o == OUT_CRASH || r->o == OUT_TIMEOUT ||
            r->o == OUT_MAY_OTHER || r->o == OUT_XPASS) {
          one_block(&b, cfg, ci, p, ii);
        } else if (verbose && r->o != OUT_SKIP) {
          sb_printf(&b, "%s ",
                    r->o == OUT_PASS    ? "PASS"
                    : r->o == OUT_XFAIL ? "KNOWN-FAILURE"
                                        : "MAY-OK");
          sb_text(&b, cfg->cases[ci].id, strlen(cfg->cases[ci].id));
          sb_printf(&b, " [%s] (", PROFILE_NAMES[p]);
          sb_text(&b, cfg->impls[ii].name, strlen(cfg->impls[ii].name));
          sb_puts(&b, ")\n");
        }
        if (b.len)
          fputs(b.p, stdout);
      }
  sb_free(&b);
}

void
count_runs(const run_config *cfg, size_t ii, counts *k) {
  size_t ci;
  int p;
  memset(k, 0, sizeof *k);
  for (ci = 0; ci < cfg->ncases; ci++)
    for (p = 0; p < NPROFILES; p++) {
      const run_result *r = RESULT(cfg, ci, p, ii);
      if (!cfg->profiles[p])
        continue; /* a profile not asked for is not a skipped run */
      if (cfg->cases[ci].may && (r->o == OUT_CRASH || r->o == OUT_TIMEOUT))
        k->may_crash++;
      else
        k->n[r->o]++;
    }
}

size_t
counts_failed(const counts *k) {
  return k->n[OUT_FAIL] + k->n[OUT_CRASH] + k->n[OUT_TIMEOUT] + k->n[OUT_XPASS];
}

void
selection_text(sbuf *b, const run_config *cfg) {
  static const char *const opt[] = {"--run", "--rule", "--tag", "--skip"};
  size_t i;
  sb_printf(b, "%lu of %lu cases", (unsigned long)cfg->ncases,
            (unsigned long)cfg->ncorpus);
  for (i = 0; i < cfg->nsel; i++) {
    const selector *s = &cfg->sel[i];
    sb_printf(b, "%s%s ", i ? " " : ": ", opt[s->kind]);
    sb_text(b, s->text, strlen(s->text));
  }
}

void
profiles_text(sbuf *b, const run_config *cfg) {
  int p, k = 0;
  for (p = 0; p < NPROFILES; p++)
    if (cfg->profiles[p])
      sb_printf(b, "%s%s", k++ ? " " : "", PROFILE_NAMES[p]);
}

/* "full (pox), values (oxdscli)": the level each profile reaches. */
void
reached_text(sbuf *b, const run_config *cfg, size_t ii) {
  int p, k = 0;
  for (p = 0; p < NPROFILES; p++) {
    int l = level_reached(cfg, ii, p);
    if (l >= 0)
      sb_printf(b, "%s%s (%s)", k++ ? ", " : "", LEVEL_NAMES[l],
                PROFILE_NAMES[p]);
  }
  if (k == 0)
    sb_puts(b, "no must case ran");
}

static void
summary_header(const run_config *cfg, const char *prefix) {
  sbuf b = {0};
  size_t ii;
  selection_text(&b, cfg);
  printf("%sselection: %s; profiles ", prefix, b.p);
  b.len = 0;
  profiles_text(&b, cfg);
  printf("%s; level %s\n", b.p, LEVEL_NAMES[cfg->level]);
  for (ii = 0; ii < cfg->nimpls; ii++) {
    b.len = 0;
    sb_text(&b, cfg->impls[ii].name, strlen(cfg->impls[ii].name));
    sb_puts(&b, " reaches ");
    reached_text(&b, cfg, ii);
    printf("%s%s\n", prefix, b.p);
  }
  sb_free(&b);
}

int
report_summary(const run_config *cfg, const char *prefix) {
  counts all, k;
  size_t ii, o;
  memset(&all, 0, sizeof all);
  summary_header(cfg, prefix);
  for (ii = 0; ii < cfg->nimpls; ii++) {
    count_runs(cfg, ii, &k);
    for (o = 0; o < OUT_COUNT; o++)
      all.n[o] += k.n[o];
    all.may_crash += k.may_crash;
    if (cfg->nimpls > 1) {
      fputs(prefix, stdout);
      put_text(stdout, cfg->impls[ii].name);
      printf(": %lu passed, %lu failed, %lu crashed, %lu timed out\n",
             (unsigned long)k.n[OUT_PASS], (unsigned long)counts_failed(&k),
             (unsigned long)k.n[OUT_CRASH], (unsigned long)k.n[OUT_TIMEOUT]);
    }
  }
  printf("%s%lu passed, %lu failed\n", prefix, (unsigned long)all.n[OUT_PASS],
         (unsigned long)counts_failed(&all));
  printf("%s%lu crashed, %lu timed out (counted in failed)\n", prefix,
         (unsigned long)all.n[OUT_CRASH], (unsigned long)all.n[OUT_TIMEOUT]);
  if (all.n[OUT_XFAIL] || all.n[OUT_XPASS])
    printf("%s%lu known failures failed as listed, %lu passed unexpectedly "
           "(counted in failed)\n",
           prefix, (unsigned long)all.n[OUT_XFAIL],
           (unsigned long)all.n[OUT_XPASS]);
  printf("%s%lu skipped\n", prefix, (unsigned long)all.n[OUT_SKIP]);
  printf(
      "%s%lu may: %lu gave a listed answer, %lu another answer, %lu no answer "
      "(never failures)\n",
      prefix,
      (unsigned long)(all.n[OUT_MAY_OK] + all.n[OUT_MAY_OTHER] + all.may_crash),
      (unsigned long)all.n[OUT_MAY_OK], (unsigned long)all.n[OUT_MAY_OTHER],
      (unsigned long)all.may_crash);
  if (cfg->interrupted)
    printf("%sinterrupted by signal %d: runs not finished count as skipped\n",
           prefix, cfg->interrupted);
  return counts_failed(&all) ? 1 : 0;
}

static void
junit_property(sbuf *b, const char *name, const char *value) {
  sb_printf(b, "    <property name=\"%s\" value=\"", name);
  sb_xml_text(b, value, strlen(value));
  sb_puts(b, "\"/>\n");
}

static void
junit_properties(sbuf *b, const run_config *cfg, size_t ii) {
  sbuf v = {0};
  sb_puts(b, "   <properties>\n");
  junit_property(b, "runner-version", RUNNER_VERSION);
  sb_printf(&v, "%d", CONTRACT_VERSION);
  junit_property(b, "contract-version", v.p);
  junit_property(b, "corpus-version", cfg->corpus_version);
  v.len = 0;
  profiles_text(&v, cfg);
  junit_property(b, "profiles", v.p);
  junit_property(b, "level", LEVEL_NAMES[cfg->level]);
  v.len = 0;
  selection_text(&v, cfg);
  junit_property(b, "selection", v.p);
  v.len = 0;
  reached_text(&v, cfg, ii);
  junit_property(b, "level-reached", v.p);
  sb_puts(b, "   </properties>\n");
  sb_free(&v);
}

static void
junit_case(sbuf *b, sbuf *d, const run_config *cfg, size_t ci, int p,
           size_t ii) {
  const run_result *r = RESULT(cfg, ci, p, ii);
  const conf_case *c = &cfg->cases[ci];
  const char *slash = strchr(c->id, '/');
  sb_puts(b, "    <testcase classname=\"");
  sb_xml_text(b, c->id, slash ? (size_t)(slash - c->id) : strlen(c->id));
  sb_puts(b, "\" name=\"");
  sb_xml_text(b, c->id, strlen(c->id));
  sb_printf(b, " [%s]\">", PROFILE_NAMES[p]);
  d->len = 0;
  if (r->o == OUT_FAIL || r->o == OUT_XPASS) {
    if (r->o == OUT_XPASS)
      sb_printf(d, "listed as a known failure at %s, but passed\n",
                r->known->where);
    else
      diff_lines(d, c->expect[p], r->got, "", cfg->level);
    sb_printf(b, "<failure message=\"%s\">",
              r->o == OUT_XPASS ? "unexpected pass" : "wrong answer");
    sb_xml_text(b, d->p, d->len);
    sb_puts(b, "</failure>");
  } else if (r->o == OUT_CRASH || r->o == OUT_TIMEOUT) {
    if (c->may) {
      sb_puts(b, "<system-out>may case, no answer: ");
      sb_xml_text(b, r->why, strlen(r->why));
      sb_puts(b, "</system-out>");
    } else {
      sb_printf(b, "<error type=\"%s\" message=\"", OUTCOME_NAMES[r->o]);
      sb_xml_text(b, r->why, strlen(r->why));
      sb_puts(b, "\">");
      if (r->err)
        sb_xml_text(b, r->err, strlen(r->err));
      sb_puts(b, "</error>");
    }
  } else if (r->o == OUT_SKIP || r->o == OUT_XFAIL) {
    sb_puts(b, r->o == OUT_XFAIL ? "<skipped message=\"known failure\"/>"
                                 : "<skipped/>");
  } else if (r->o == OUT_MAY_OTHER) {
    sb_puts(b, "<system-out>may case: an answer not listed (reported, "
               "not a failure)</system-out>");
  }
  sb_puts(b, "</testcase>\n");
}

int
report_junit(const run_config *cfg, const char *path) {
  sbuf b = {0}, d = {0};
  size_t ci, ii;
  int p, rc;
  sb_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "
              "name=\"poxauth-conformance\">\n");
  for (ii = 0; ii < cfg->nimpls; ii++) {
    counts t;
    count_runs(cfg, ii, &t);
    sb_puts(&b, "  <testsuite name=\"");
    sb_xml_text(&b, cfg->impls[ii].name, strlen(cfg->impls[ii].name));
    sb_printf(
        &b,
        "\" tests=\"%lu\" failures=\"%lu\" errors=\"%lu\" skipped=\"%lu\">\n",
        (unsigned long)(cfg->ncases * profiles_on(cfg)),
        (unsigned long)(t.n[OUT_FAIL] + t.n[OUT_XPASS]),
        (unsigned long)(t.n[OUT_CRASH] + t.n[OUT_TIMEOUT]),
        (unsigned long)(t.n[OUT_SKIP] + t.n[OUT_XFAIL]));
    junit_properties(&b, cfg, ii);
    for (ci = 0; ci < cfg->ncases; ci++)
      for (p = 0; p < NPROFILES; p++)
        if (cfg->profiles[p])
          junit_case(&b, &d, cfg, ci, p, ii);
    sb_puts(&b, "  </testsuite>\n");
  }
  sb_puts(&b, "</testsuites>\n");
  rc = write_file(path, b.p, b.len);
  sb_free(&b);
  sb_free(&d);
  return rc;
}

void
report_tap(const run_config *cfg) {
  size_t ci, ii, n = 0, total = 0;
  int p;
  sbuf d = {0};
  for (ci = 0; ci < cfg->ncases; ci++)
    for (p = 0; p < NPROFILES; p++)
      for (ii = 0; ii < cfg->nimpls; ii++)
        total += cfg->profiles[p] ? 1 : 0;
  printf("TAP version 13\n1..%lu\n", (unsigned long)total);
  for (ci = 0; ci < cfg->ncases; ci++)
    for (p = 0; p < NPROFILES; p++)
      for (ii = 0; ii < cfg->nimpls; ii++) {
        const run_result *r = RESULT(cfg, ci, p, ii);
        const conf_case *c = &cfg->cases[ci];
        int bad;
        if (!cfg->profiles[p])
          continue;
        bad = counts_as_failure(r, c);
        d.len = 0;
        sb_printf(&d, "%s %lu - ", bad ? "not ok" : "ok", (unsigned long)++n);
        sb_text(&d, c->id, strlen(c->id));
        sb_printf(&d, " [%s] (", PROFILE_NAMES[p]);
        sb_text(&d, cfg->impls[ii].name, strlen(cfg->impls[ii].name));
        sb_puts(&d, ")");
        if (r->o == OUT_SKIP)
          sb_puts(&d, " # SKIP\n");
        else if (r->o == OUT_XFAIL)
          sb_puts(&d, " # TODO known failure\n");
        else if (c->may)
          sb_printf(&d, " # TODO may case: %s\n", OUTCOME_NAMES[r->o]);
        else
          sb_puts(&d, "\n");
        if (bad) {
          sb_printf(&d, "  ---\n  status: %s\n", OUTCOME_NAMES[r->o]);
          if (r->why[0]) {
            sb_puts(&d, "  why: \"");
            sb_text(&d, r->why, strlen(r->why));
            sb_puts(&d, "\"\n");
          }
          if (r->o == OUT_FAIL) {
            sb_puts(&d, "  diff: |\n");
            diff_lines(&d, c->expect[p], r->got, "    ", cfg->level);
          }
          sb_puts(&d, "  ...\n");
        }
        fputs(d.p, stdout);
      }
  sb_free(&d);
}
