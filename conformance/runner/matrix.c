/* SPDX-License-Identifier: MIT */
/* Differential mode: where implementations disagree with the golden answer
 * and with each other, as a text table and as a static HTML page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"

static int
answer_eq(const run_result *a, const run_result *b) {
  canon_result x, y;
  int eq = 0;
  if (a->got == NULL || b->got == NULL)
    return 0;
  if (canon_parse(a->got, a->got_len, &x, NULL, 0) == 0) {
    if (canon_parse(b->got, b->got_len, &y, NULL, 0) == 0)
      eq = canon_equal(&x, &y);
    canon_free(&y);
  }
  canon_free(&x);
  return eq;
}

static int
answered(const run_result *r) {
  return r->o == OUT_PASS || r->o == OUT_FAIL || r->o == OUT_MAY_OK ||
         r->o == OUT_MAY_OTHER;
}

/* 1 when the implementations answered differently from each other. */
static int
disagree(const run_config *cfg, size_t ci, int p) {
  size_t i;
  const run_result *first = RESULT(cfg, ci, p, 0);
  for (i = 1; i < cfg->nimpls; i++) {
    const run_result *r = RESULT(cfg, ci, p, i);
    if (answered(first) != answered(r))
      return 1;
    if (answered(r) && !answer_eq(first, r))
      return 1;
  }
  return 0;
}

static int
interesting(const run_config *cfg, size_t ci, int p) {
  size_t i;
  for (i = 0; i < cfg->nimpls; i++) {
    outcome o = RESULT(cfg, ci, p, i)->o;
    if (o == OUT_SKIP)
      return 0;
    if (o != OUT_PASS && o != OUT_MAY_OK)
      return 1;
  }
  return disagree(cfg, ci, p);
}

void
matrix_table(const run_config *cfg, const char *prefix) {
  size_t ci, i, rows = 0;
  int p;
  printf("%s\n%sDifferential matrix (rows where an implementation is not "
         "golden, or they disagree)\n",
         prefix, prefix);
  printf("%s%-60s", prefix, "case [profile]");
  for (i = 0; i < cfg->nimpls; i++)
    printf(" %-12.12s", cfg->impls[i].name);
  printf(" agree\n");
  for (ci = 0; ci < cfg->ncases; ci++)
    for (p = 0; p < NPROFILES; p++) {
      char label[512];
      if (!interesting(cfg, ci, p))
        continue;
      rows++;
      snprintf(label, sizeof label, "%s [%s]", cfg->cases[ci].id,
               PROFILE_NAMES[p]);
      printf("%s%-60s", prefix, label);
      for (i = 0; i < cfg->nimpls; i++)
        printf(" %-12s", OUTCOME_NAMES[RESULT(cfg, ci, p, i)->o]);
      printf(" %s\n", disagree(cfg, ci, p) ? "no" : "yes");
    }
  printf("%s%lu rows differ\n%s\n", prefix, (unsigned long)rows, prefix);
}

typedef struct row {
  size_t ci;
  int p;
  const char *group;
} row;

static int
cmp_row(const void *a, const void *b) {
  const row *x = a, *y = b;
  int c = strcmp(x->group, y->group);
  if (c)
    return c;
  if (x->ci != y->ci)
    return x->ci < y->ci ? -1 : 1;
  return x->p - y->p;
}

static const char *
css_class(outcome o) {
  switch (o) {
  case OUT_PASS:
    return "pass";
  case OUT_FAIL:
    return "fail";
  case OUT_CRASH:
    return "crash";
  case OUT_TIMEOUT:
    return "timeout";
  case OUT_MAY_OK:
    return "mayok";
  case OUT_MAY_OTHER:
    return "mayother";
  default:
    return "skip";
  }
}

static const char STYLE[] =
    "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px "
    "6px;vertical-align:top}"
    "th{background:#eee;position:sticky;top:0}tr.group "
    "td{background:#dde4f0;font-weight:bold}"
    "td.pass{background:#c8efc8}td.fail{background:#f6b3b3}td.crash{background:"
    "#d9b3f6}"
    "td.timeout{background:#f6d6a8}td.mayok{background:#e9f5b0}td.mayother{"
    "background:#f5efa0}"
    "td.skip{background:#eee}pre{margin:2px "
    "0;font-size:12px;white-space:pre-wrap}"
    "td.id{font-family:monospace}summary{cursor:pointer}.legend "
    "span{padding:2px 8px;margin-right:4px}";

int
matrix_html(const run_config *cfg, const char *path) {
  sbuf b = {0}, d = {0};
  row *rows = xmalloc(cfg->ncases * NPROFILES * sizeof *rows);
  size_t nrows = 0, ci, i, k, hidden = 0;
  int p, rc;
  const char *group = NULL;

  for (ci = 0; ci < cfg->ncases; ci++)
    for (p = 0; p < NPROFILES; p++) {
      if (!interesting(cfg, ci, p)) {
        hidden++;
        continue;
      }
      rows[nrows].ci = ci;
      rows[nrows].p = p;
      rows[nrows].group = cfg->cases[ci].nrules ? cfg->cases[ci].rules[0] : "-";
      nrows++;
    }
  qsort(rows, nrows, sizeof *rows, cmp_row);

  sb_puts(&b,
          "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<title>poxauth conformance matrix</title><style>");
  sb_puts(&b, STYLE);
  sb_puts(&b, "</style></head><body>\n<h1>poxauth conformance "
              "matrix</h1>\n<p>Implementations:");
  for (i = 0; i < cfg->nimpls; i++) {
    size_t n[OUT_COUNT] = {0};
    for (ci = 0; ci < cfg->ncases; ci++)
      for (p = 0; p < NPROFILES; p++)
        n[RESULT(cfg, ci, p, i)->o]++;
    sb_puts(&b, i ? "; " : " <b>");
    if (i)
      sb_puts(&b, "<b>");
    sb_xml_text(&b, cfg->impls[i].name, strlen(cfg->impls[i].name));
    sb_printf(&b, "</b> (%lu pass, %lu fail, %lu crash, %lu timeout, %lu may)",
              (unsigned long)n[OUT_PASS], (unsigned long)n[OUT_FAIL],
              (unsigned long)n[OUT_CRASH], (unsigned long)n[OUT_TIMEOUT],
              (unsigned long)(n[OUT_MAY_OK] + n[OUT_MAY_OTHER]));
  }
  sb_printf(&b,
            ".</p>\n<p>%lu case/profile rows where an implementation is not "
            "golden or the "
            "implementations disagree, grouped by the first rule each case "
            "exercises; %lu rows where "
            "all agree with the golden answer are not shown. Open a cell for "
            "the answer "
            "(<code>-</code> expected, <code>+</code> printed).</p>\n",
            (unsigned long)nrows, (unsigned long)hidden);
  sb_puts(&b, "<p class=\"legend\"><span class=\"l\" "
              "style=\"background:#c8efc8\">pass</span>"
              "<span style=\"background:#f6b3b3\">fail</span><span "
              "style=\"background:#d9b3f6\">crash</span>"
              "<span style=\"background:#f6d6a8\">timeout</span><span "
              "style=\"background:#e9f5b0\">may: listed</span>"
              "<span style=\"background:#f5efa0\">may: other</span></p>\n");
  /* Per rule: rows that are not golden, per implementation. */
  sb_puts(&b, "<h2>By rule</h2>\n<table>\n<thead><tr><th>rule</th>");
  for (i = 0; i < cfg->nimpls; i++) {
    sb_puts(&b, "<th>");
    sb_xml_text(&b, cfg->impls[i].name, strlen(cfg->impls[i].name));
    sb_puts(&b, " not golden</th>");
  }
  sb_puts(&b, "</tr></thead>\n<tbody>\n");
  for (k = 0; k < nrows;) {
    size_t j = k;
    const char *g = rows[k].group;
    sb_puts(&b, "<tr><td>");
    sb_xml_text(&b, g, strlen(g));
    sb_puts(&b, "</td>");
    for (i = 0; i < cfg->nimpls; i++) {
      size_t bad = 0;
      for (j = k; j < nrows && strcmp(rows[j].group, g) == 0; j++) {
        outcome o = RESULT(cfg, rows[j].ci, rows[j].p, i)->o;
        bad += o != OUT_PASS && o != OUT_MAY_OK && o != OUT_SKIP;
      }
      sb_printf(&b, "<td class=\"%s\">%lu</td>", bad ? "fail" : "pass",
                (unsigned long)bad);
    }
    sb_puts(&b, "</tr>\n");
    k = j;
  }
  sb_puts(&b, "</tbody></table>\n<h2>Rows</h2>\n");
  sb_puts(&b,
          "<table>\n<thead><tr><th>case</th><th>profile</th><th>agree</th>");
  for (i = 0; i < cfg->nimpls; i++) {
    sb_puts(&b, "<th>");
    sb_xml_text(&b, cfg->impls[i].name, strlen(cfg->impls[i].name));
    sb_puts(&b, "</th>");
  }
  sb_puts(&b, "</tr></thead>\n<tbody>\n");
  for (k = 0; k < nrows; k++) {
    const conf_case *c = &cfg->cases[rows[k].ci];
    p = rows[k].p;
    if (group == NULL || strcmp(group, rows[k].group) != 0) {
      size_t count = 0, j;
      group = rows[k].group;
      for (j = k; j < nrows && strcmp(rows[j].group, group) == 0; j++)
        count++;
      sb_printf(&b, "<tr class=\"group\"><td colspan=\"%lu\">",
                (unsigned long)(cfg->nimpls + 3));
      sb_xml_text(&b, group, strlen(group));
      sb_printf(&b, " (%lu rows)</td></tr>\n", (unsigned long)count);
    }
    sb_puts(&b, "<tr><td class=\"id\" title=\"");
    sb_xml_text(&b, c->title, strlen(c->title));
    sb_puts(&b, "\">");
    sb_xml_text(&b, c->id, strlen(c->id));
    sb_printf(&b, "</td><td>%s</td><td>%s</td>", PROFILE_NAMES[p],
              cfg->nimpls > 1 && disagree(cfg, rows[k].ci, p) ? "no" : "yes");
    for (i = 0; i < cfg->nimpls; i++) {
      const run_result *r = RESULT(cfg, rows[k].ci, p, i);
      d.len = 0;
      if (answered(r))
        diff_lines(&d, c->may ? c->accept[0] : c->expect[p], r->got, "");
      else if (r->err)
        sb_add(&d, r->err, strlen(r->err) > 2000 ? 2000 : strlen(r->err));
      sb_printf(&b, "<td class=\"%s\"><details><summary>%s", css_class(r->o),
                OUTCOME_NAMES[r->o]);
      if (r->o == OUT_FAIL || r->o == OUT_MAY_OTHER) {
        /* The first differing line, so the page reads without clicking. */
        const char *q = d.p;
        while (q && *q && *q != '-' && *q != '+') {
          q = strchr(q, '\n');
          q = q ? q + 1 : NULL;
        }
        if (q && *q) {
          const char *e = strchr(q, '\n');
          size_t n = e ? (size_t)(e - q) : strlen(q);
          sb_puts(&b, " <code>");
          sb_xml_text(&b, q, n > 48 ? 48 : n);
          sb_puts(&b, "</code>");
        }
      }
      sb_puts(&b, "</summary>");
      if (r->why[0]) {
        sb_puts(&b, "<div>");
        sb_xml_text(&b, r->why, strlen(r->why));
        sb_puts(&b, "</div>");
      }
      sb_puts(&b, "<pre>");
      if (d.p)
        sb_xml_text(&b, d.p, d.len);
      sb_puts(&b, "</pre></details></td>");
    }
    sb_puts(&b, "</tr>\n");
  }
  sb_puts(&b, "</tbody></table>\n</body></html>\n");
  rc = write_file(path, b.p, b.len);
  sb_free(&b);
  sb_free(&d);
  free(rows);
  return rc;
}
