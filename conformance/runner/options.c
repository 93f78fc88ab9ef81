/* SPDX-License-Identifier: MIT */
/*
 * The command line: one table of options, from which --help is printed
 * and the arguments are read (`--opt VALUE` and `--opt=VALUE`).  The man
 * page doc/man/poxauth-conformance.1 lists the same options; a test fails
 * when the two drift.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

typedef struct option_def {
  const char *name;  /* "--cases" */
  const char *alias; /* "-h", or NULL */
  const char *arg;   /* "DIR", or NULL for a flag */
  opt_id id;
  const char *help;
} option_def;

static const option_def OPTIONS[] = {
    {"--cases", NULL, "DIR", OPT_CASES,
     "the corpus (default: found from the executable)"},
    {"--profile", NULL, "P", OPT_PROFILE,
     "a profile (pox, oxdscli, ...: --version lists them) or all (default)"},
    {"--level", NULL, "L", OPT_LEVEL,
     "values, violations or full (default full): what must match"},
    {"--impl", NULL, "'CMD ARGS'", OPT_IMPL,
     "an external implementation (repeatable; sh quoting, no shell)"},
    {"--name", NULL, "NAME", OPT_NAME, "the name of the preceding --impl"},
    {"--reference", NULL, NULL, OPT_REFERENCE,
     "also run the built-in reference (default with no or 2+ --impl)"},
    {"--no-reference", NULL, NULL, OPT_NO_REFERENCE,
     "leave the built-in reference out"},
    {"--run", NULL, "GLOB", OPT_RUN, "select cases whose id matches (fnmatch)"},
    {"--rule", NULL, "ID", OPT_RULE, "select cases that list the rule ID"},
    {"--tag", NULL, "TAG", OPT_TAG, "select cases that carry the tag"},
    {"--skip", NULL, "GLOB", OPT_SKIP, "leave out cases whose id matches"},
    {"--skip-file", NULL, "FILE", OPT_SKIP_FILE,
     "skip globs, and 'fail GLOB [PROFILE...]' known failures"},
    {"--list", NULL, NULL, OPT_LIST,
     "print the selected cases (id, class, rules, title), then exit"},
    {"--timeout", NULL, "SECONDS", OPT_TIMEOUT,
     "per external run (default 10)"},
    {"--jobs", NULL, "N", OPT_JOBS, "parallel runs, 1 to 64 (default 1)"},
    {"--json", NULL, "FILE", OPT_JSON, "write the JSON report"},
    {"--junit", NULL, "FILE", OPT_JUNIT, "write the JUnit XML report"},
    {"--html", NULL, "FILE", OPT_HTML, "write the HTML page"},
    {"--html-from-json", NULL, "FILE", OPT_HTML_FROM_JSON,
     "with --html: rebuild the page from a --json report, run nothing"},
    {"--tap", NULL, NULL, OPT_TAP, "print TAP instead of the text report"},
    {"--verbose", "-v", NULL, OPT_VERBOSE, "also print a line per passed run"},
    {"--fuzz-corpus", NULL, "DIR", OPT_FUZZ_CORPUS,
     "write every case as a fuzz seed, then exit"},
    {"--manifest", NULL, "FILE", OPT_MANIFEST,
     "write the MANIFEST (with the corpus version), then exit"},
    {"--coverage-check", NULL, NULL, OPT_COVERAGE,
     "check every SPEC.md rule and code has a case, then exit"},
    {"--version", NULL, NULL, OPT_VERSION,
     "print the runner, contract and corpus versions"},
    {"--help", "-h", NULL, OPT_HELP, "print this help"},
};
#define NOPTIONS (sizeof OPTIONS / sizeof OPTIONS[0])

void
options_usage(FILE *f) {
  size_t i;
  fputs("usage: poxauth-conformance [options]\n", f);
  for (i = 0; i < NOPTIONS; i++) {
    char left[64];
    const option_def *o = &OPTIONS[i];
    snprintf(left, sizeof left, "%s%s%s%s%s", o->alias ? o->alias : "",
             o->alias ? ", " : "", o->name, o->arg ? " " : "",
             o->arg ? o->arg : "");
    fprintf(f, "  %-26s %s\n", left, o->help);
  }
  fputs("Exit status: 0 when no must run failed, crashed or timed out and no\n"
        "known failure passed; 1 otherwise; 64 usage (an --impl that cannot\n"
        "run, a selection that matches nothing); 66 unreadable cases;\n"
        "128+N when stopped by signal N.\n",
        f);
}

static const option_def *
find(const char *arg, size_t n) {
  size_t i;
  for (i = 0; i < NOPTIONS; i++) {
    const option_def *o = &OPTIONS[i];
    if ((strlen(o->name) == n && strncmp(o->name, arg, n) == 0) ||
        (o->alias && strlen(o->alias) == n && strncmp(o->alias, arg, n) == 0))
      return o;
  }
  return NULL;
}

int
options_parse(int argc, char **argv, opt_handler handle, void *ctx) {
  int i;
  for (i = 1; i < argc; i++) {
    const char *a = argv[i], *eq = strchr(a, '='), *value = NULL;
    size_t n = eq && a[0] == '-' && a[1] == '-' ? (size_t)(eq - a) : strlen(a);
    const option_def *o = find(a, n);
    int rc;
    if (o == NULL) {
      fputs("poxauth-conformance: unknown option ", stderr);
      put_text(stderr, a);
      fputs("\n", stderr);
      options_usage(stderr);
      return EX_USAGE;
    }
    if (o->arg && n < strlen(a)) {
      value = a + n + 1;
    } else if (o->arg) {
      if (i + 1 == argc) {
        fprintf(stderr, "poxauth-conformance: %s needs a value (%s)\n", o->name,
                o->arg);
        return EX_USAGE;
      }
      value = argv[++i];
    } else if (n < strlen(a)) {
      fprintf(stderr, "poxauth-conformance: %s takes no value\n", o->name);
      return EX_USAGE;
    }
    rc = handle(ctx, o->id, o->name, value);
    if (rc != 0)
      return rc;
  }
  return 0;
}
