/* SPDX-License-Identifier: MIT */
/*
 * The HTML page of a run (--html, --html-from-json): what ran, per
 * implementation and per rule how many runs passed, and one row per case
 * and profile that can be filtered by outcome and implementation.  One
 * static file, no network; the table layout is fixed so that the page fits
 * a 1,400-pixel window and long answers wrap or scroll inside their cell.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"

static const char STYLE[] =
    "body{font:14px/1.4 system-ui,sans-serif;margin:1em;color:#222}"
    "table{border-collapse:collapse;table-layout:fixed;width:100%}"
    "td,th{border:1px solid #ccc;padding:2px 5px;vertical-align:top;"
    "overflow-wrap:anywhere;text-align:left}"
    "th{background:#eee}.pass{background:#c8efc8}.fail{background:#f6b3b3}"
    ".crash{background:#d9b3f6}.timeout{background:#f6d6a8}"
    ".may-ok{background:#e9f5b0}.may-other{background:#f5efa0}"
    ".skip{background:#eee}.known-failure{background:#cfd8e3}"
    ".unexpected-pass{background:#f08080}"
    "pre{margin:2px 0;font-size:12px;white-space:pre-wrap;max-height:16em;"
    "overflow:auto}code,.id{font-family:monospace;font-size:12px}"
    ".t{color:#555;font-size:12px}summary{cursor:pointer}"
    "dl{display:grid;grid-template-columns:12em 1fr;margin:0}dt{font-weight:"
    "bold}dd{margin:0;overflow-wrap:anywhere}"
    "#bar{margin:8px 0}#bar select{margin-right:12px}"
    "table.sum td:first-child,table.rules td:first-child{font-weight:bold}";

/* Shows the rows whose chosen implementation (or any) has the chosen
 * outcome; "problem" means not golden, or the implementations disagree. */
static const char SCRIPT[] =
    "function f(){var i=document.getElementById('fi').value,"
    "o=document.getElementById('fo').value,n=0;"
    "document.querySelectorAll('#rows tbody tr').forEach(function(r){"
    "var c=r.dataset.c.split(' '),s=i==='all'?c:[c[+i]],ok;"
    "if(o==='all')ok=true;else if(o==='problem')ok=i==='all'?r.dataset.p==="
    "'1':['pass','may-ok','known-failure'].indexOf(s[0])<0;"
    "else ok=s.indexOf(o)>=0;r.hidden=!ok;if(ok)n++;});"
    "document.getElementById('shown').textContent=n;}"
    "document.getElementById('fi').onchange=f;"
    "document.getElementById('fo').onchange=f;f();";

static void
x(sbuf *b, const char *s) {
  sb_xml_text(b, s ? s : "", s ? strlen(s) : 0);
}

/* Untrusted text: made visible first (so a control byte shows as an
 * escape, not as U+FFFD), then escaped for HTML. */
static void
xt(sbuf *b, const char *s, size_t n) {
  sbuf t = {0};
  sb_text(&t, s, n);
  sb_xml_text(b, t.p, t.len);
  sb_free(&t);
}

static void
meta(sbuf *b, const run_config *cfg) {
  sbuf v = {0};
  sb_puts(b, "<dl>");
  sb_puts(b, "<dt>runner</dt><dd>poxauth-conformance ");
  x(b, cfg->runner_version ? cfg->runner_version : RUNNER_VERSION);
  sb_printf(b,
            "</dd><dt>contract</dt><dd>version %d (canonical format 1)"
            "</dd><dt>corpus</dt><dd>version ",
            CONTRACT_VERSION);
  x(b, cfg->corpus_version);
  if (cfg->cases_dir) {
    sb_puts(b, ", ");
    xt(b, cfg->cases_dir, strlen(cfg->cases_dir));
  }
  sb_puts(b, "</dd><dt>profiles</dt><dd>");
  profiles_text(&v, cfg);
  x(b, v.p);
  sb_printf(b, "</dd><dt>level</dt><dd>%s</dd><dt>selection</dt><dd>",
            LEVEL_NAMES[cfg->level]);
  v.len = 0;
  selection_text(&v, cfg);
  sb_xml_text(b, v.p, v.len);
  sb_puts(b, "</dd>");
  if (cfg->interrupted)
    sb_printf(b,
              "<dt>interrupted</dt><dd>by signal %d: unfinished runs are "
              "not counted</dd>",
              cfg->interrupted);
  sb_puts(b, "</dl>\n");
  sb_free(&v);
}

static void
summary(sbuf *b, const run_config *cfg) {
  static const outcome cols[] = {OUT_PASS,    OUT_FAIL,     OUT_CRASH,
                                 OUT_TIMEOUT, OUT_XFAIL,    OUT_XPASS,
                                 OUT_MAY_OK,  OUT_MAY_OTHER};
  size_t ii, k;
  sb_puts(b, "<h2>Implementations</h2>\n<table class=\"sum\"><thead><tr>"
             "<th style=\"width:16%\">implementation</th><th style=\"width:"
             "20%\">level reached</th><th>ran</th>");
  for (k = 0; k < sizeof cols / sizeof cols[0]; k++)
    sb_printf(b, "<th>%s</th>", OUTCOME_NAMES[cols[k]]);
  sb_puts(b, "</tr></thead><tbody>\n");
  for (ii = 0; ii < cfg->nimpls; ii++) {
    counts t;
    sbuf v = {0};
    size_t ran = 0, o;
    count_runs(cfg, ii, &t);
    for (o = 0; o < OUT_COUNT; o++)
      ran += o == OUT_SKIP ? 0 : t.n[o];
    ran += t.may_crash;
    sb_puts(b, "<tr><td title=\"");
    x(b, cfg->impls[ii].command ? cfg->impls[ii].command : "built in");
    sb_puts(b, "\">");
    xt(b, cfg->impls[ii].name, strlen(cfg->impls[ii].name));
    sb_puts(b, "</td><td>");
    reached_text(&v, cfg, ii);
    sb_xml_text(b, v.p, v.len);
    sb_printf(b, "</td><td>%lu</td>", (unsigned long)ran);
    for (k = 0; k < sizeof cols / sizeof cols[0]; k++)
      sb_printf(b, "<td%s>%lu</td>",
                t.n[cols[k]] && cols[k] != OUT_PASS ? " class=\"fail\"" : "",
                (unsigned long)t.n[cols[k]]);
    sb_puts(b, "</tr>\n");
    sb_free(&v);
  }
  sb_puts(b, "</tbody></table>\n");
}

static int
cmp_rule(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
passed(outcome o) {
  return o == OUT_PASS || o == OUT_MAY_OK;
}

/* Per rule ID (every rule a case lists), passes out of runs. */
static void
by_rule(sbuf *b, const run_config *cfg) {
  char **rules = NULL;
  size_t nr = 0, ci, k, j, ii;
  int p;
  for (ci = 0; ci < cfg->ncases; ci++)
    for (k = 0; k < cfg->cases[ci].nrules; k++) {
      for (j = 0; j < nr && strcmp(rules[j], cfg->cases[ci].rules[k]); j++) {
      }
      if (j == nr) {
        rules = xrealloc(rules, (nr + 1) * sizeof *rules);
        rules[nr++] = cfg->cases[ci].rules[k];
      }
    }
  if (nr > 1)
    qsort(rules, nr, sizeof *rules, cmp_rule);
  sb_puts(b, "<h2>By rule</h2>\n<p>Runs passed out of runs, per rule a case "
             "lists (a case counts under each of its rules).</p>\n"
             "<table class=\"rules\"><thead><tr><th>rule</th>");
  for (ii = 0; ii < cfg->nimpls; ii++) {
    sb_puts(b, "<th>");
    xt(b, cfg->impls[ii].name, strlen(cfg->impls[ii].name));
    sb_puts(b, "</th>");
  }
  sb_puts(b, "</tr></thead><tbody>\n");
  for (j = 0; j < nr; j++) {
    sb_puts(b, "<tr><td>");
    x(b, rules[j]);
    sb_puts(b, "</td>");
    for (ii = 0; ii < cfg->nimpls; ii++) {
      size_t ran = 0, ok = 0;
      for (ci = 0; ci < cfg->ncases; ci++)
        for (p = 0; p < NPROFILES; p++) {
          outcome o = RESULT(cfg, ci, p, ii)->o;
          if (o == OUT_SKIP || !case_has_rule(&cfg->cases[ci], rules[j]))
            continue;
          ran++;
          ok += passed(o);
        }
      sb_printf(b, "<td class=\"%s\">%lu/%lu</td>", ok == ran ? "pass" : "fail",
                (unsigned long)ok, (unsigned long)ran);
    }
    sb_puts(b, "</tr>\n");
  }
  sb_puts(b, "</tbody></table>\n");
  free(rules);
}

static void
cell(sbuf *b, sbuf *d, const run_config *cfg, size_t ci, int p, size_t ii) {
  const run_result *r = RESULT(cfg, ci, p, ii);
  const conf_case *c = &cfg->cases[ci];
  outcome shown = r->known ? r->raw : r->o;
  d->len = 0;
  if (shown == OUT_FAIL || shown == OUT_MAY_OTHER)
    diff_lines(d, expected_text(c, p), r->got, "", cfg->level);
  sb_printf(b, "<td class=\"%s\">", OUTCOME_NAMES[r->o]);
  if (r->o == OUT_PASS || r->o == OUT_MAY_OK || r->o == OUT_SKIP) {
    sb_printf(b, "%s</td>", OUTCOME_NAMES[r->o]);
    return;
  }
  sb_printf(b, "<details><summary>%s", OUTCOME_NAMES[r->o]);
  if (r->why[0]) {
    sb_puts(b, ": ");
    xt(b, r->why, strlen(r->why));
  }
  sb_printf(b, " (reached %s)</summary>", LEVEL_NAMES[r->reached]);
  if (d->len) {
    sb_puts(b, "<pre>");
    sb_xml_text(b, d->p, d->len);
    sb_puts(b, "</pre>");
  } else if (r->got && *r->got) {
    sb_puts(b, "stdout:<pre>");
    xt(b, r->got, r->got_len > 4000 ? 4000 : r->got_len);
    sb_puts(b, "</pre>");
  }
  if (r->err && *r->err) {
    sb_puts(b, "stderr:<pre>");
    xt(b, r->err, strlen(r->err) > 2000 ? 2000 : strlen(r->err));
    sb_puts(b, "</pre>");
  }
  sb_puts(b, "</details></td>");
}

static void
filters(sbuf *b, const run_config *cfg) {
  size_t ii;
  int o;
  sb_puts(b, "<div id=\"bar\">implementation <select id=\"fi\">"
             "<option value=\"all\">any</option>");
  for (ii = 0; ii < cfg->nimpls; ii++) {
    sb_printf(b, "<option value=\"%lu\">", (unsigned long)ii);
    xt(b, cfg->impls[ii].name, strlen(cfg->impls[ii].name));
    sb_puts(b, "</option>");
  }
  sb_puts(b, "</select> outcome <select id=\"fo\"><option value=\"problem\">"
             "not golden, or disagree</option><option value=\"all\">all"
             "</option>");
  for (o = 0; o < OUT_COUNT; o++)
    if (o != OUT_SKIP)
      sb_printf(b, "<option value=\"%s\">%s</option>", OUTCOME_NAMES[o],
                OUTCOME_NAMES[o]);
  sb_puts(b, "</select> <span id=\"shown\"></span> rows shown</div>\n");
}

static void
rows(sbuf *b, const run_config *cfg) {
  sbuf d = {0};
  size_t ci, ii, n = 0;
  int p;
  filters(b, cfg);
  sb_puts(b, "<table id=\"rows\"><thead><tr><th style=\"width:26%\">case"
             "</th><th style=\"width:5%\">rule</th><th style=\"width:5%\">"
             "profile</th><th style=\"width:4%\">agree</th>");
  for (ii = 0; ii < cfg->nimpls; ii++) {
    sb_puts(b, "<th>");
    xt(b, cfg->impls[ii].name, strlen(cfg->impls[ii].name));
    sb_puts(b, "</th>");
  }
  sb_puts(b, "</tr></thead><tbody>\n");
  for (ci = 0; ci < cfg->ncases; ci++)
    for (p = 0; p < NPROFILES; p++) {
      const conf_case *c = &cfg->cases[ci];
      if (!cfg->profiles[p])
        continue;
      sb_puts(b, "<tr data-c=\"");
      for (ii = 0; ii < cfg->nimpls; ii++)
        sb_printf(b, "%s%s", ii ? " " : "",
                  OUTCOME_NAMES[RESULT(cfg, ci, p, ii)->o]);
      sb_printf(b, "\" data-p=\"%d\"><td><span class=\"id\">",
                row_interesting(cfg, ci, p));
      xt(b, c->id, strlen(c->id));
      sb_puts(b, "</span><br><span class=\"t\">");
      xt(b, c->title, strlen(c->title));
      sb_puts(b, "</span></td><td>");
      x(b, c->nrules ? c->rules[0] : "-");
      sb_printf(b, "</td><td>%s</td><td>%s</td>", PROFILE_NAMES[p],
                cfg->nimpls > 1 && row_disagree(cfg, ci, p) ? "no" : "yes");
      for (ii = 0; ii < cfg->nimpls; ii++)
        cell(b, &d, cfg, ci, p, ii);
      sb_puts(b, "</tr>\n");
      n++;
    }
  sb_printf(b, "</tbody></table>\n<p>%lu rows (case and profile).</p>\n",
            (unsigned long)n);
  sb_free(&d);
}

int
matrix_html(const run_config *cfg, const char *path) {
  sbuf b = {0};
  int rc;
  sb_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
              "charset=\"utf-8\"><meta name=\"viewport\" "
              "content=\"width=device-width\"><title>poxauth conformance"
              "</title><style>");
  sb_puts(&b, STYLE);
  sb_puts(&b, "</style></head><body>\n<h1>poxauth conformance</h1>\n");
  meta(&b, cfg);
  summary(&b, cfg);
  by_rule(&b, cfg);
  sb_puts(&b, "<h2>Runs</h2>\n<p>One row per case and profile; open a cell "
              "for the diff (<code>-</code> expected, <code>+</code> printed)"
              " or the output.</p>\n");
  rows(&b, cfg);
  sb_puts(&b, "<script>");
  sb_puts(&b, SCRIPT);
  sb_puts(&b, "</script>\n</body></html>\n");
  rc = write_file(path, b.p, b.len);
  sb_free(&b);
  return rc;
}
