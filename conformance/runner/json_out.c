/* SPDX-License-Identifier: MIT */
/*
 * The --json report: what ran (versions, profiles, level, selection), the
 * cases, and every run; --html-from-json rebuilds the HTML page from it,
 * so it holds everything the page shows (README.md, "JSON report").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"

#define JSON_REPORT_FORMAT 2

static void
json_field(sbuf *b, const char *key, const char *value) {
  sb_printf(b, ", \"%s\": ", key);
  if (value)
    sb_json_str(b, value, strlen(value));
  else
    sb_puts(b, "null");
}

static void
json_words(sbuf *b, char *const *w, size_t n) {
  size_t i;
  sb_puts(b, "[");
  for (i = 0; i < n; i++) {
    sb_puts(b, i ? ", " : "");
    sb_json_str(b, w[i], strlen(w[i]));
  }
  sb_puts(b, "]");
}

static void
json_head(sbuf *b, const run_config *cfg) {
  static const char *const kinds[] = {"run", "rule", "tag", "skip"};
  sbuf t = {0};
  size_t i;
  int p, k = 0;
  sb_printf(b,
            "{\n  \"runner\": \"poxauth-conformance\", \"format\": %d, "
            "\"runner_version\": \"%s\", \"contract_version\": %d, "
            "\"canonical_format\": 1",
            JSON_REPORT_FORMAT,
            cfg->runner_version ? cfg->runner_version : RUNNER_VERSION,
            CONTRACT_VERSION);
  json_field(b, "corpus_version", cfg->corpus_version);
  json_field(b, "cases_dir", cfg->cases_dir);
  sb_puts(b, ",\n  \"profiles\": [");
  for (p = 0; p < NPROFILES; p++)
    if (cfg->profiles[p])
      sb_printf(b, "%s\"%s\"", k++ ? ", " : "", PROFILE_NAMES[p]);
  sb_printf(b, "], \"level\": \"%s\", \"interrupted\": %d",
            LEVEL_NAMES[cfg->level], cfg->interrupted);
  selection_text(&t, cfg);
  sb_puts(b, ",\n  \"selection\": {\"text\": ");
  sb_json_str(b, t.p, t.len);
  sb_printf(b, ", \"selected\": %lu, \"corpus\": %lu, \"selectors\": [",
            (unsigned long)cfg->ncases, (unsigned long)cfg->ncorpus);
  for (i = 0; i < cfg->nsel; i++) {
    sb_printf(b, "%s{\"kind\": \"%s\"", i ? ", " : "", kinds[cfg->sel[i].kind]);
    json_field(b, "value", cfg->sel[i].text);
    sb_puts(b, "}");
  }
  sb_puts(b, "]}");
  sb_free(&t);
}

static void
json_impls(sbuf *b, const run_config *cfg) {
  size_t ii;
  sb_puts(b, ",\n  \"implementations\": [");
  for (ii = 0; ii < cfg->nimpls; ii++) {
    counts t;
    int p, k = 0;
    sb_puts(b, ii ? ",\n    {\"name\": " : "\n    {\"name\": ");
    sb_json_str(b, cfg->impls[ii].name, strlen(cfg->impls[ii].name));
    json_field(b, "command", cfg->impls[ii].command);
    count_runs(cfg, ii, &t);
    sb_printf(b,
              ", \"passed\": %lu, \"failed\": %lu, \"crashed\": %lu, "
              "\"timed_out\": %lu, \"skipped\": %lu, \"known_failures\": %lu, "
              "\"unexpected_passes\": %lu, \"may_listed\": %lu, "
              "\"may_other\": %lu, \"reached\": {",
              (unsigned long)t.n[OUT_PASS], (unsigned long)t.n[OUT_FAIL],
              (unsigned long)t.n[OUT_CRASH], (unsigned long)t.n[OUT_TIMEOUT],
              (unsigned long)t.n[OUT_SKIP], (unsigned long)t.n[OUT_XFAIL],
              (unsigned long)t.n[OUT_XPASS], (unsigned long)t.n[OUT_MAY_OK],
              (unsigned long)t.n[OUT_MAY_OTHER]);
    for (p = 0; p < NPROFILES; p++) {
      int l = level_reached(cfg, ii, p);
      if (l >= 0)
        sb_printf(b, "%s\"%s\": \"%s\"", k++ ? ", " : "", PROFILE_NAMES[p],
                  LEVEL_NAMES[l]);
    }
    sb_puts(b, "}}");
  }
  sb_puts(b, "]");
}

static void
json_cases(sbuf *b, const run_config *cfg) {
  size_t ci;
  sb_puts(b, ",\n  \"cases\": [");
  for (ci = 0; ci < cfg->ncases; ci++) {
    const conf_case *c = &cfg->cases[ci];
    sb_puts(b, ci ? ",\n    {\"id\": " : "\n    {\"id\": ");
    sb_json_str(b, c->id, strlen(c->id));
    json_field(b, "title", c->title);
    json_field(b, "dir", c->dir);
    sb_printf(b, ", \"class\": \"%s\", \"rules\": ", c->may ? "may" : "must");
    json_words(b, c->rules, c->nrules);
    sb_puts(b, ", \"tags\": ");
    json_words(b, c->tags, c->ntags);
    sb_puts(b, "}");
  }
  sb_puts(b, "]");
}

static void
json_result(sbuf *b, const run_config *cfg, size_t ci, int p, size_t ii) {
  const run_result *r = RESULT(cfg, ci, p, ii);
  const conf_case *c = &cfg->cases[ci];
  sb_puts(b, "{\"id\": ");
  sb_json_str(b, c->id, strlen(c->id));
  sb_printf(b, ", \"profile\": \"%s\", \"impl\": ", PROFILE_NAMES[p]);
  sb_json_str(b, cfg->impls[ii].name, strlen(cfg->impls[ii].name));
  sb_printf(b,
            ", \"class\": \"%s\", \"status\": \"%s\", \"raw\": \"%s\", "
            "\"reached\": \"%s\", \"exit\": %d",
            c->may ? "may" : "must", OUTCOME_NAMES[r->o],
            OUTCOME_NAMES[r->known ? r->raw : r->o], LEVEL_NAMES[r->reached],
            r->exit_status);
  if (r->why[0])
    json_field(b, "why", r->why);
  if (r->known)
    json_field(b, "known_failure", r->known->where);
  if (r->o != OUT_PASS && r->o != OUT_SKIP) {
    const char *want = expected_text(c, p);
    json_field(b, "expected", want);
    sb_puts(b, ", \"got\": ");
    if (r->got)
      sb_json_str(b, r->got, r->got_len);
    else
      sb_puts(b, "null");
    if (r->err && *r->err)
      json_field(b, "stderr", r->err);
  }
  sb_puts(b, "}");
}

int
report_json(const run_config *cfg, const char *path) {
  sbuf b = {0};
  size_t ci, ii, k = 0;
  int p, rc;
  json_head(&b, cfg);
  json_impls(&b, cfg);
  json_cases(&b, cfg);
  sb_puts(&b, ",\n  \"results\": [\n");
  for (ci = 0; ci < cfg->ncases; ci++)
    for (p = 0; p < NPROFILES; p++)
      for (ii = 0; ii < cfg->nimpls; ii++) {
        if (!cfg->profiles[p])
          continue;
        sb_puts(&b, k++ ? ",\n    " : "    ");
        json_result(&b, cfg, ci, p, ii);
      }
  sb_puts(&b, "\n  ]\n}\n");
  rc = write_file(path, b.p, b.len);
  sb_free(&b);
  return rc;
}
