/* SPDX-License-Identifier: MIT */
/* Reports: the readable text report with a diff per failure, the closing
 * summary, JSON, JUnit XML and TAP. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"

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

/* Finding lines compare as a multiset, so the diff is by membership:
 * "-" expected but not printed, "+" printed but not expected. */
void
diff_lines(sbuf *b, const char *expected, const char *got, const char *indent) {
  static lines e, g; /* large: kept off the stack */
  size_t i;
  split_lines(expected, &e);
  split_lines(got, &g);
  for (i = 0; i < e.count; i++) {
    sb_printf(b, "%s%c ", indent, has_line(&g, e.p[i], e.n[i]) ? ' ' : '-');
    sb_add(b, e.p[i], e.n[i]);
    sb_puts(b, "\n");
  }
  for (i = 0; i < g.count; i++) {
    if (has_line(&e, g.p[i], g.n[i]))
      continue;
    sb_printf(b, "%s+ ", indent);
    sb_add(b, g.p[i], g.n[i] > 300 ? 300 : g.n[i]);
    sb_puts(b, "\n");
  }
}

static void
context_line(sbuf *b, const conf_case *c) {
  size_t i;
  sb_puts(b, "  context: X-ClientCanHandle ");
  if (!c->header_present)
    sb_puts(b, "absent");
  for (i = 0; i < c->ncan_handle; i++)
    sb_printf(b, "%s\"%s\"", i ? " + " : "", c->can_handle[i]);
  sb_printf(b, "; server build %s; %s, %lu bytes\n",
            c->server_build ? c->server_build : "-", c->response_name,
            (unsigned long)c->response_len);
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
    sb_add(b, s, n > 200 ? 200 : n);
    sb_puts(b, "\n");
    k++;
    if (!e)
      break;
    s = e + 1;
  }
}

/* Static buffers above make diff_lines single-threaded: reports run after
 * all jobs are done. */
static void
one_block(sbuf *b, const run_config *cfg, size_t ci, int p, size_t ii) {
  const conf_case *c = &cfg->cases[ci];
  const run_result *r = RESULT(cfg, ci, p, ii);
  size_t k;
  const char *tag = r->o == OUT_FAIL      ? "FAIL"
                    : r->o == OUT_CRASH   ? "CRASH"
                    : r->o == OUT_TIMEOUT ? "TIMEOUT"
                                          : "MAY";
  sb_printf(b, "%s %s [%s] (%s)%s%s\n", tag, c->id, PROFILE_NAMES[p],
            cfg->impls[ii].name, r->why[0] ? ": " : "", r->why);
  sb_printf(b, "  title: %s\n  rules:", c->title);
  for (k = 0; k < c->nrules; k++)
    sb_printf(b, " %s", c->rules[k]);
  sb_puts(b, "\n");
  context_line(b, c);
  if (r->o == OUT_FAIL) {
    sb_puts(b, "  diff (- expected, + got):\n");
    diff_lines(b, c->expect[p], r->got, "    ");
  } else if (r->o == OUT_MAY_OTHER) {
    sb_printf(b,
              "  class may: the answer is none of the %lu listed; reported, "
              "not a failure\n",
              (unsigned long)c->naccept);
    diff_lines(b, c->accept[0], r->got, "    ");
  } else {
    head(b, "stdout", r->got, 8);
  }
  if (r->o != OUT_PASS)
    head(b, "stderr", r->err, 8);
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
        if (r->o == OUT_FAIL || r->o == OUT_CRASH || r->o == OUT_TIMEOUT ||
            r->o == OUT_MAY_OTHER) {
          one_block(&b, cfg, ci, p, ii);
          fputs(b.p, stdout);
          b.len = 0;
        } else if (verbose && r->o != OUT_SKIP) {
          printf("%s %s [%s] (%s)\n", r->o == OUT_PASS ? "PASS" : "MAY-OK",
                 cfg->cases[ci].id, PROFILE_NAMES[p], cfg->impls[ii].name);
        }
      }
  sb_free(&b);
}

typedef struct counts {
  size_t n[OUT_COUNT];
  size_t may_crash; /* crashes and timeouts on may cases: reported only */
} counts;

static void
count(const run_config *cfg, size_t ii, counts *k) {
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

int
report_summary(const run_config *cfg, const char *prefix) {
  counts all, k;
  size_t ii, o;
  memset(&all, 0, sizeof all);
  for (ii = 0; ii < cfg->nimpls; ii++) {
    count(cfg, ii, &k);
    for (o = 0; o < OUT_COUNT; o++)
      all.n[o] += k.n[o];
    all.may_crash += k.may_crash;
    if (cfg->nimpls > 1)
      printf("%s%s: %lu passed, %lu failed, %lu crashed, %lu timed out\n",
             prefix, cfg->impls[ii].name, (unsigned long)k.n[OUT_PASS],
             (unsigned long)k.n[OUT_FAIL], (unsigned long)k.n[OUT_CRASH],
             (unsigned long)k.n[OUT_TIMEOUT]);
  }
  printf(
      "%s%lu passed, %lu failed\n", prefix, (unsigned long)all.n[OUT_PASS],
      (unsigned long)(all.n[OUT_FAIL] + all.n[OUT_CRASH] + all.n[OUT_TIMEOUT]));
  printf("%s%lu crashed, %lu timed out (counted in failed)\n", prefix,
         (unsigned long)all.n[OUT_CRASH], (unsigned long)all.n[OUT_TIMEOUT]);
  printf("%s%lu skipped\n", prefix, (unsigned long)all.n[OUT_SKIP]);
  printf(
      "%s%lu may: %lu gave a listed answer, %lu another answer, %lu no answer "
      "(never failures)\n",
      prefix,
      (unsigned long)(all.n[OUT_MAY_OK] + all.n[OUT_MAY_OTHER] + all.may_crash),
      (unsigned long)all.n[OUT_MAY_OK], (unsigned long)all.n[OUT_MAY_OTHER],
      (unsigned long)all.may_crash);
  return all.n[OUT_FAIL] + all.n[OUT_CRASH] + all.n[OUT_TIMEOUT] ? 1 : 0;
}

int
report_json(const run_config *cfg, const char *path) {
  sbuf b = {0};
  size_t ci, ii, k;
  int p, rc;
  counts t;
  sb_puts(&b, "{\n  \"runner\": \"poxauth-conformance\",\n  \"format\": 1,\n  "
              "\"implementations\": [");
  for (ii = 0; ii < cfg->nimpls; ii++) {
    sb_puts(&b, ii ? ", " : "");
    sb_puts(&b, "{\"name\": ");
    sb_json_str(&b, cfg->impls[ii].name, strlen(cfg->impls[ii].name));
    sb_puts(&b, ", \"command\": ");
    if (cfg->impls[ii].command)
      sb_json_str(&b, cfg->impls[ii].command, strlen(cfg->impls[ii].command));
    else
      sb_puts(&b, "null");
    count(cfg, ii, &t);
    sb_printf(&b,
              ", \"passed\": %lu, \"failed\": %lu, \"crashed\": %lu, "
              "\"timed_out\": %lu, "
              "\"skipped\": %lu, \"may_listed\": %lu, \"may_other\": %lu}",
              (unsigned long)t.n[OUT_PASS], (unsigned long)t.n[OUT_FAIL],
              (unsigned long)t.n[OUT_CRASH], (unsigned long)t.n[OUT_TIMEOUT],
              (unsigned long)t.n[OUT_SKIP], (unsigned long)t.n[OUT_MAY_OK],
              (unsigned long)t.n[OUT_MAY_OTHER]);
  }
  sb_puts(&b, "],\n  \"results\": [\n");
  for (ci = 0, k = 0; ci < cfg->ncases; ci++)
    for (p = 0; p < NPROFILES; p++)
      for (ii = 0; ii < cfg->nimpls; ii++) {
        const run_result *r = RESULT(cfg, ci, p, ii);
        const conf_case *c = &cfg->cases[ci];
        if (r->o == OUT_SKIP)
          continue;
        sb_puts(&b, k++ ? ",\n    {" : "    {");
        sb_puts(&b, "\"id\": ");
        sb_json_str(&b, c->id, strlen(c->id));
        sb_printf(&b, ", \"profile\": \"%s\", \"impl\": ", PROFILE_NAMES[p]);
        sb_json_str(&b, cfg->impls[ii].name, strlen(cfg->impls[ii].name));
        sb_printf(&b, ", \"class\": \"%s\", \"status\": \"%s\", \"exit\": %d",
                  c->may ? "may" : "must", OUTCOME_NAMES[r->o], r->exit_status);
        if (r->why[0]) {
          sb_puts(&b, ", \"why\": ");
          sb_json_str(&b, r->why, strlen(r->why));
        }
        if (r->o != OUT_PASS) {
          if (!c->may) {
            sb_puts(&b, ", \"expected\": ");
            sb_json_str(&b, c->expect[p], c->expect_len[p]);
          }
          sb_puts(&b, ", \"got\": ");
          if (r->got)
            sb_json_str(&b, r->got, r->got_len);
          else
            sb_puts(&b, "null");
          if (r->err && *r->err) {
            sb_puts(&b, ", \"stderr\": ");
            sb_json_str(&b, r->err, strlen(r->err));
          }
        }
        sb_puts(&b, "}");
      }
  sb_puts(&b, "\n  ]\n}\n");
  rc = write_file(path, b.p, b.len);
  sb_free(&b);
  return rc;
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
    count(cfg, ii, &t);
    sb_puts(&b, "  <testsuite name=\"");
    sb_xml_text(&b, cfg->impls[ii].name, strlen(cfg->impls[ii].name));
    sb_printf(
        &b,
        "\" tests=\"%lu\" failures=\"%lu\" errors=\"%lu\" skipped=\"%lu\">\n",
        (unsigned long)(cfg->ncases * profiles_on(cfg)),
        (unsigned long)t.n[OUT_FAIL],
        (unsigned long)(t.n[OUT_CRASH] + t.n[OUT_TIMEOUT]),
        (unsigned long)t.n[OUT_SKIP]);
    for (ci = 0; ci < cfg->ncases; ci++)
      for (p = 0; p < NPROFILES; p++) {
        const run_result *r = RESULT(cfg, ci, p, ii);
        const conf_case *c = &cfg->cases[ci];
        const char *slash = strchr(c->id, '/');
        if (!cfg->profiles[p])
          continue;
        sb_puts(&b, "    <testcase classname=\"");
        sb_xml_text(&b, c->id, slash ? (size_t)(slash - c->id) : strlen(c->id));
        sb_puts(&b, "\" name=\"");
        sb_xml_text(&b, c->id, strlen(c->id));
        sb_printf(&b, " [%s]\">", PROFILE_NAMES[p]);
        d.len = 0;
        if (r->o == OUT_FAIL) {
          diff_lines(&d, c->expect[p], r->got, "");
          sb_puts(&b, "<failure message=\"wrong answer\">");
          sb_xml_text(&b, d.p, d.len);
          sb_puts(&b, "</failure>");
        } else if (r->o == OUT_CRASH || r->o == OUT_TIMEOUT) {
          if (c->may) {
            sb_puts(&b, "<system-out>may case, no answer: ");
            sb_xml_text(&b, r->why, strlen(r->why));
            sb_puts(&b, "</system-out>");
          } else {
            sb_printf(&b, "<error type=\"%s\" message=\"", OUTCOME_NAMES[r->o]);
            sb_xml_text(&b, r->why, strlen(r->why));
            sb_puts(&b, "\">");
            if (r->err)
              sb_xml_text(&b, r->err, strlen(r->err));
            sb_puts(&b, "</error>");
          }
        } else if (r->o == OUT_SKIP) {
          sb_puts(&b, "<skipped/>");
        } else if (r->o == OUT_MAY_OTHER) {
          sb_puts(&b, "<system-out>may case: an answer not listed (reported, "
                      "not a failure)</system-out>");
        }
        sb_puts(&b, "</testcase>\n");
      }
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
        bad = !c->may &&
              (r->o == OUT_FAIL || r->o == OUT_CRASH || r->o == OUT_TIMEOUT);
        printf("%s %lu - %s [%s] (%s)", bad ? "not ok" : "ok",
               (unsigned long)++n, c->id, PROFILE_NAMES[p],
               cfg->impls[ii].name);
        if (r->o == OUT_SKIP)
          printf(" # SKIP\n");
        else if (c->may)
          printf(" # TODO may case: %s\n", OUTCOME_NAMES[r->o]);
        else
          printf("\n");
        if (bad) {
          printf("  ---\n  status: %s\n", OUTCOME_NAMES[r->o]);
          if (r->why[0])
            printf("  why: \"%s\"\n", r->why);
          if (r->o == OUT_FAIL) {
            d.len = 0;
            diff_lines(&d, c->expect[p], r->got, "    ");
            printf("  diff: |\n%s", d.p ? d.p : "");
          }
          printf("  ...\n");
        }
      }
  sb_free(&d);
}
