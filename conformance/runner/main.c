/* SPDX-License-Identifier: MIT */
/*
 * poxauth-conformance: runs the conformance corpus against the built-in
 * reference and against external implementations (README.md, "Runner").
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "runner.h"
#include "words.h"

typedef struct args {
  run_config cfg;
  const char *cases_dir, *json, *junit, *html, *from_json, *fuzz_dir, *manifest;
  char names[MAX_IMPLS][128];
  int want_ref, tap, verbose, coverage, list, version, help;
} args;

/* The base name of the program, or of the script an interpreter runs. */
static const char *
default_name(char *const *w, size_t nw, char *buf, size_t cap) {
  static const char *const interp[] = {"python", "sh",   "bash", "perl",
                                       "node",   "ruby", "env"};
  const char *base[2] = {NULL, NULL};
  size_t i, k;
  for (k = 0; k < nw && k < 2; k++) {
    const char *slash = strrchr(w[k], '/');
    base[k] = slash ? slash + 1 : w[k];
  }
  if (nw == 0)
    return "impl";
  for (i = 0; nw >= 2 && i < sizeof interp / sizeof interp[0]; i++)
    if (strncmp(base[0], interp[i], strlen(interp[i])) == 0 && w[1][0] != '-') {
      base[0] = base[1];
      break;
    }
  snprintf(buf, cap, "%s", base[0]);
  return buf;
}

static void
impl_refused(const char *command, const char *why) {
  fputs("poxauth-conformance: --impl ", stderr);
  put_text(stderr, command);
  fprintf(stderr, ": %s\n", why);
}

/* A command that does not split, has no words or too many is refused
 * here, before anything runs: one line naming the problem. */
static int
add_impl(args *a, const char *v) {
  impl *im;
  char *buf, *w[MAX_IMPL_WORDS], why[128];
  size_t n;
  int rc = EX_USAGE;
  if (a->cfg.nimpls == MAX_IMPLS - 1) {
    fprintf(stderr, "poxauth-conformance: at most %d --impl\n", MAX_IMPLS - 1);
    return EX_USAGE;
  }
  buf = xmalloc(strlen(v) + 1);
  if (impl_split(v, buf, w, MAX_IMPL_WORDS, &n, why, sizeof why) != 0) {
    impl_refused(v, why);
  } else if (n == 0) {
    impl_refused(v, "an empty command");
  } else if (n > MAX_IMPL_WORDS) {
    fprintf(stderr,
            "poxauth-conformance: --impl has %lu words; at most %d "
            "(write a wrapper script)\n",
            (unsigned long)n, MAX_IMPL_WORDS);
  } else {
    im = &a->cfg.impls[a->cfg.nimpls];
    im->command = v;
    im->name = default_name(w, n, a->names[a->cfg.nimpls], sizeof a->names[0]);
    a->cfg.nimpls++;
    rc = 0;
  }
  free(buf);
  return rc;
}

static int
set_number(const char *name, const char *v, double lo, double hi, double *out) {
  char *end;
  double d = strtod(v, &end);
  if (*v == '\0' || *end || !(d >= lo && d <= hi)) {
    fprintf(stderr, "poxauth-conformance: %s takes a number, %g to %g\n", name,
            lo, hi);
    return EX_USAGE;
  }
  *out = d;
  return 0;
}

static int
set_profile(run_config *cfg, const char *v) {
  int p = profile_index(v), i;
  if (p < 0 && strcmp(v, "all") != 0) {
    fputs("poxauth-conformance: unknown profile ", stderr);
    put_text(stderr, v);
    fputs("\n", stderr);
    return EX_USAGE;
  }
  for (i = 0; i < NPROFILES; i++)
    cfg->profiles[i] = p < 0 || p == i;
  return 0;
}

static int
set_level(run_config *cfg, const char *v) {
  int l;
  for (l = CANON_LEVEL_VALUES; l <= CANON_LEVEL_FULL; l++)
    if (strcmp(LEVEL_NAMES[l], v) == 0) {
      cfg->level = l;
      return 0;
    }
  fputs("poxauth-conformance: --level takes values, violations or full\n",
        stderr);
  return EX_USAGE;
}

static void
add_sel(run_config *cfg, sel_kind k, const char *name, const char *v) {
  cfg->sel = xrealloc(cfg->sel, (cfg->nsel + 1) * sizeof *cfg->sel);
  cfg->sel[cfg->nsel].kind = k;
  cfg->sel[cfg->nsel].text = xstrdup(v);
  cfg->sel[cfg->nsel].where = xstrdup(name);
  cfg->nsel++;
}

static int
skip_file(args *a, const char *v) {
  run_config *cfg = &a->cfg;
  impl *im = cfg->nimpls ? &cfg->impls[cfg->nimpls - 1] : NULL;
  int rc = im ? read_skip_file(v, cfg, &im->known, &im->nknown)
              : read_skip_file(v, cfg, &cfg->known_all, &cfg->nknown_all);
  if (rc == -1) {
    fputs("poxauth-conformance: cannot read ", stderr);
    put_text(stderr, v);
    fputs("\n", stderr);
    return EX_NOINPUT;
  }
  return rc == 0 ? 0 : EX_USAGE;
}

/* The options that only set a flag or keep a value; 1 when id is one. */
static int
set_plain(args *a, opt_id id, const char *v) {
  const char **slot = id == OPT_CASES            ? &a->cases_dir
                      : id == OPT_JSON           ? &a->json
                      : id == OPT_JUNIT          ? &a->junit
                      : id == OPT_HTML           ? &a->html
                      : id == OPT_HTML_FROM_JSON ? &a->from_json
                      : id == OPT_FUZZ_CORPUS    ? &a->fuzz_dir
                      : id == OPT_MANIFEST       ? &a->manifest
                                                 : NULL;
  int *flag = id == OPT_TAP        ? &a->tap
              : id == OPT_VERBOSE  ? &a->verbose
              : id == OPT_LIST     ? &a->list
              : id == OPT_COVERAGE ? &a->coverage
              : id == OPT_VERSION  ? &a->version
              : id == OPT_HELP     ? &a->help
                                   : NULL;
  if (slot)
    *slot = v;
  else if (flag)
    *flag = 1;
  else if (id == OPT_REFERENCE || id == OPT_NO_REFERENCE)
    a->want_ref = id == OPT_REFERENCE;
  else
    return 0;
  return 1;
}

static int
on_option(void *ctx, opt_id id, const char *name, const char *v) {
  args *a = ctx;
  run_config *cfg = &a->cfg;
  double d = 0;
  int rc;
  if (set_plain(a, id, v))
    return 0;
  switch (id) {
  case OPT_PROFILE:
    return set_profile(cfg, v);
  case OPT_LEVEL:
    return set_level(cfg, v);
  case OPT_IMPL:
    return add_impl(a, v);
  case OPT_NAME:
    if (cfg->nimpls == 0) {
      fputs("poxauth-conformance: --name follows an --impl\n", stderr);
      return EX_USAGE;
    }
    cfg->impls[cfg->nimpls - 1].name = v;
    return 0;
  case OPT_RUN:
  case OPT_RULE:
  case OPT_TAG:
  case OPT_SKIP:
    add_sel(cfg,
            id == OPT_RUN    ? SEL_RUN
            : id == OPT_RULE ? SEL_RULE
            : id == OPT_TAG  ? SEL_TAG
                             : SEL_SKIP,
            name, v);
    return 0;
  case OPT_SKIP_FILE:
    return skip_file(a, v);
  case OPT_TIMEOUT:
    return set_number(name, v, 0.001, 3600, &cfg->timeout);
  case OPT_JOBS:
    rc = set_number(name, v, 1, 64, &d);
    if (rc == 0 && d != (double)(unsigned)d) {
      fputs("poxauth-conformance: --jobs takes a whole number\n", stderr);
      rc = EX_USAGE;
    }
    cfg->jobs = (unsigned)d;
    return rc;
  default:
    return EX_USAGE;
  }
}

static int
print_version(const args *a) {
  char *found = a->cases_dir ? NULL : locate_cases();
  const char *dir = a->cases_dir ? a->cases_dir : found;
  int p;
  printf("poxauth-conformance %s\ncontract version %d (canonical format 1)\n"
         "profiles:",
         RUNNER_VERSION, CONTRACT_VERSION);
  for (p = 0; p < NPROFILES; p++)
    printf(" %s", PROFILE_NAMES[p]);
  fputs("\n", stdout);
  if (dir == NULL) {
    puts("corpus: not found (give --cases DIR)");
  } else {
    char mv[64];
    fputs("corpus version ", stdout);
    fputs(a->cfg.corpus_version, stdout);
    if (manifest_version(dir, mv, sizeof mv) != 0) {
      fputs(" (no MANIFEST with a corpus-version line)", stdout);
    } else if (strcmp(mv, a->cfg.corpus_version) != 0) {
      fputs(" (MANIFEST says ", stdout);
      put_text(stdout, mv);
      fputs(": stale)", stdout);
    }
    printf(", %lu cases in ", (unsigned long)a->cfg.ncases);
    put_text(stdout, dir);
    fputs("\n", stdout);
  }
  free(found);
  return 0;
}

/* Rebuilds the HTML page from a saved --json report. */
static int
html_from_json(args *a) {
  void *dom = NULL;
  int rc;
  if (a->html == NULL) {
    fputs("poxauth-conformance: --html-from-json needs --html FILE\n", stderr);
    return EX_USAGE;
  }
  rc = load_json_report(a->from_json, &a->cfg, &dom);
  if (rc == 0)
    rc = matrix_html(&a->cfg, a->html) == 0 ? 0 : 1;
  if (a->cfg.results) {
    size_t k;
    for (k = 0; k < a->cfg.ncases * NPROFILES * a->cfg.nimpls; k++) {
      free(a->cfg.results[k].got);
      free(a->cfg.results[k].err);
    }
    free(a->cfg.results);
  }
  cases_free(a->cfg.cases, a->cfg.ncases);
  a->cfg.nimpls = 0; /* names belong to the JSON document */
  free_selection(&a->cfg);
  free_loaded(dom);
  return rc;
}

static int
check_impls(const run_config *cfg) {
  size_t i;
  int bad = 0;
  for (i = 0; i < cfg->nimpls; i++) {
    char why[128];
    if (cfg->impls[i].command == NULL ||
        impl_check(cfg->impls[i].command, why, sizeof why) == 0)
      continue;
    fputs("poxauth-conformance: --impl ", stderr);
    put_text(stderr, cfg->impls[i].command);
    fprintf(stderr, ": cannot run: %s\n", why);
    bad = 1;
  }
  return bad ? EX_USAGE : 0;
}

static int
exports(args *a) {
  int status = 0;
  if (a->fuzz_dir && export_fuzz(a->cfg.cases, a->cfg.ncases, a->fuzz_dir) != 0)
    status = 1;
  if (a->manifest && export_manifest(a->cfg.cases, a->cfg.ncases,
                                     a->cfg.corpus_version, a->manifest) != 0)
    status = 1;
  if (a->coverage) {
    char *spec = locate_spec(a->cfg.cases_dir);
    if (coverage_check(a->cfg.cases, a->cfg.ncases, spec) != 0)
      status = 1;
    free(spec);
  }
  return status;
}

static int
reports(args *a) {
  run_config *cfg = &a->cfg;
  int status = 0;
  if (a->tap)
    report_tap(cfg);
  else
    report_text(cfg, a->verbose);
  if (cfg->nimpls > 1)
    matrix_table(cfg, a->tap ? "# " : "");
  if (a->json && report_json(cfg, a->json) != 0)
    status = 1;
  if (a->junit && report_junit(cfg, a->junit) != 0)
    status = 1;
  if (a->html && matrix_html(cfg, a->html) != 0)
    status = 1;
  if (report_summary(cfg, a->tap ? "# " : "") != 0)
    status = 1;
  return cfg->interrupted ? 128 + cfg->interrupted : status;
}

/* Loads the corpus (and its version); 0, or the exit status. */
static int
load(args *a, char **found) {
  run_config *cfg = &a->cfg;
  *found = a->cases_dir ? NULL : locate_cases();
  cfg->cases_dir = a->cases_dir ? a->cases_dir : *found;
  if (cfg->cases_dir == NULL) {
    fputs("poxauth-conformance: cannot find the corpus next to the "
          "executable: give --cases DIR\n",
          stderr);
    return EX_NOINPUT;
  }
  if (cases_load(cfg->cases_dir, &cfg->cases, &cfg->ncases) != 0 ||
      cfg->ncases == 0 ||
      corpus_version(cfg->cases, cfg->ncases, cfg->corpus_version,
                     sizeof cfg->corpus_version) != 0) {
    fputs("poxauth-conformance: the cases in ", stderr);
    put_text(stderr, cfg->cases_dir);
    fputs(" could not all be loaded\n", stderr);
    return EX_NOINPUT;
  }
  cfg->ncorpus = cfg->ncases;
  return 0;
}

static void
add_reference(args *a) {
  run_config *cfg = &a->cfg;
  if (a->want_ref == 1 || (a->want_ref == -1 && cfg->nimpls != 1)) {
    /* The reference is the first column. */
    memmove(&cfg->impls[1], &cfg->impls[0], cfg->nimpls * sizeof cfg->impls[0]);
    memset(&cfg->impls[0], 0, sizeof cfg->impls[0]);
    cfg->impls[0].name = "reference";
    cfg->nimpls++;
  }
}

static int
run(args *a) {
  run_config *cfg = &a->cfg;
  int rc = 0;
  if (cfg->nimpls == 0) {
    fputs("poxauth-conformance: nothing to run (--no-reference and no "
          "--impl)\n",
          stderr);
    return EX_USAGE;
  }
  if ((rc = check_impls(cfg)) != 0 || (rc = select_cases(cfg)) != 0)
    return rc;
  if (a->list) {
    list_cases(cfg);
    return 0;
  }
  procs_install();
  run_all(cfg);
  /* Once the runs are over a signal ends the runner at once, unless one
   * already stopped the runs: then the reports are written first. */
  if (!procs_interrupted()) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
  }
  cfg->interrupted = procs_interrupted();
  return reports(a);
}

static void
cleanup(args *a) {
  run_config *cfg = &a->cfg;
  size_t k;
  if (cfg->results)
    for (k = 0; k < cfg->ncases * NPROFILES * cfg->nimpls; k++) {
      free(cfg->results[k].got);
      free(cfg->results[k].err);
    }
  free(cfg->results);
  free_selection(cfg);
  cases_free(cfg->cases, cfg->ncases);
}

int
main(int argc, char **argv) {
  static args a;
  char *found = NULL;
  int rc, p;
  for (p = 0; p < NPROFILES; p++)
    a.cfg.profiles[p] = 1;
  a.cfg.timeout = 10.0;
  a.cfg.jobs = 1;
  a.cfg.level = CANON_LEVEL_FULL;
  a.want_ref = -1;
  rc = options_parse(argc, argv, on_option, &a);
  if (rc != 0 || a.help) {
    if (a.help)
      options_usage(stdout);
    free_selection(&a.cfg);
    return rc;
  }
  if (a.from_json)
    return html_from_json(&a);
  rc = load(&a, &found);
  if (rc == 0 && a.version)
    rc = print_version(&a);
  else if (rc == 0 && (a.fuzz_dir || a.manifest || a.coverage))
    rc = exports(&a);
  else if (rc == 0) {
    add_reference(&a);
    rc = run(&a);
  }
  if (rc == EX_NOINPUT && a.version)
    rc = print_version(&a) == 0 ? EX_NOINPUT : rc;
  cleanup(&a);
  free(found);
  return rc;
}
