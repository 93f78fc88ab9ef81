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

#include "runner.h"

#ifndef CONFORMANCE_CASES_DIR
#define CONFORMANCE_CASES_DIR "conformance/cases"
#endif

#define EX_USAGE 64
#define EX_NOINPUT 66

static void
usage(FILE *f) {
  fputs(
      "usage: poxauth-conformance [options]\n"
      "  --cases DIR          case directory (default " CONFORMANCE_CASES_DIR
      ")\n"
      "  --profile P          pox, oxdscli, union or all (default all)\n"
      "  --impl 'CMD ARGS'    an external implementation (repeatable; split on "
      "spaces,\n"
      "                       no shell); the response on stdin, the context "
      "as\n"
      "                       --profile, --client-can-handle, --server-build\n"
      "  --name NAME          column name of the preceding --impl\n"
      "  --reference          also run the built-in reference (default when no "
      "--impl,\n"
      "                       or with two or more --impl); --no-reference to "
      "leave it out\n"
      "  --run GLOB, --skip GLOB, --skip-file FILE   select cases by id "
      "(fnmatch)\n"
      "  --timeout SECONDS    per external run (default 10)\n"
      "  --jobs N             parallel runs (default 1)\n"
      "  --json FILE, --junit FILE, --html FILE, --tap, --verbose\n"
      "  --fuzz-corpus DIR    write every case as a fuzz seed, then exit\n"
      "  --manifest FILE      write the MANIFEST, then exit\n"
      "  --coverage-check     check every rule and code has a case, then exit\n"
      "Exit status: 0 when no must case failed, crashed or timed out; 1 "
      "otherwise;\n"
      "64 usage; 66 unreadable cases.\n",
      f);
}

static const char *
default_name(const char *cmd, char *buf, size_t cap) {
  /* The basename of the program, or of the script an interpreter runs. */
  static const char *const interp[] = {"python", "python3", "sh",  "bash",
                                       "perl",   "node",    "ruby"};
  char words[2][256];
  size_t nw = 0, i;
  const char *p = cmd;
  while (*p && nw < 2) {
    size_t n = 0;
    while (*p == ' ')
      p++;
    while (*p && *p != ' ' && n < 255)
      words[nw][n++] = *p++;
    while (*p && *p != ' ')
      p++;
    if (n == 0)
      break;
    words[nw][n] = '\0';
    {
      char *slash = strrchr(words[nw], '/');
      if (slash)
        memmove(words[nw], slash + 1, strlen(slash + 1) + 1);
    }
    nw++;
  }
  if (nw == 0)
    return "impl";
  for (i = 0; i < sizeof interp / sizeof interp[0]; i++)
    if (nw == 2 && strncmp(words[0], interp[i], strlen(interp[i])) == 0 &&
        words[1][0] != '-') {
      snprintf(buf, cap, "%s", words[1]);
      return buf;
    }
  snprintf(buf, cap, "%s", words[0]);
  return buf;
}

static int
read_skip_file(const char *path, char ***globs, size_t *n) {
  char *text, *line;
  size_t len;
  if (read_file(path, MAX_META_BYTES, &text, &len) != 0)
    return -1;
  line = text;
  while (*line) {
    char *nl = strchr(line, '\n'), *end;
    if (nl)
      *nl = '\0';
    while (*line == ' ' || *line == '\t')
      line++;
    end = line + strlen(line);
    while (end > line && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
      *--end = '\0';
    if (*line && *line != '#') {
      *globs = xrealloc(*globs, (*n + 1) * sizeof **globs);
      (*globs)[(*n)++] = xstrdup(line);
    }
    if (!nl)
      break;
    line = nl + 1;
  }
  free(text);
  return 0;
}

int
main(int argc, char **argv) {
  run_config cfg;
  const char *cases_dir = CONFORMANCE_CASES_DIR, *json = NULL, *junit = NULL,
             *html = NULL;
  const char *fuzz_dir = NULL, *manifest = NULL;
  char names[MAX_IMPLS][128];
  int want_ref = -1, tap = 0, verbose = 0, coverage = 0, status = 0, i;
  size_t k;

  memset(&cfg, 0, sizeof cfg);
  for (i = 0; i < NPROFILES; i++)
    cfg.profiles[i] = 1;
  cfg.timeout = 10.0;
  cfg.jobs = 1;
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define TAKES_VALUE()                                                          \
  do {                                                                         \
    if (v == NULL) {                                                           \
      fprintf(stderr, "poxauth-conformance: %s needs a value\n", a);           \
      return EX_USAGE;                                                         \
    }                                                                          \
    i++;                                                                       \
  } while (0)
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      usage(stdout);
      return 0;
    } else if (strcmp(a, "--cases") == 0) {
      TAKES_VALUE();
      cases_dir = v;
    } else if (strcmp(a, "--profile") == 0) {
      TAKES_VALUE();
      int want = profile_index(v), p;
      if (want >= 0 || strcmp(v, "all") == 0) {
        for (p = 0; p < NPROFILES; p++)
          cfg.profiles[p] = want < 0 || p == want;
      } else {
        fprintf(stderr, "poxauth-conformance: unknown profile %s\n", v);
        return EX_USAGE;
      }
    } else if (strcmp(a, "--impl") == 0) {
      TAKES_VALUE();
      if (cfg.nimpls == MAX_IMPLS - 1) {
        fprintf(stderr, "poxauth-conformance: at most %d --impl\n",
                MAX_IMPLS - 1);
        return EX_USAGE;
      }
      cfg.impls[cfg.nimpls].command = v;
      cfg.impls[cfg.nimpls].name =
          default_name(v, names[cfg.nimpls], sizeof names[0]);
      cfg.nimpls++;
    } else if (strcmp(a, "--name") == 0) {
      TAKES_VALUE();
      if (cfg.nimpls == 0) {
        fprintf(stderr, "poxauth-conformance: --name follows an --impl\n");
        return EX_USAGE;
      }
      cfg.impls[cfg.nimpls - 1].name = v;
    } else if (strcmp(a, "--reference") == 0) {
      want_ref = 1;
    } else if (strcmp(a, "--no-reference") == 0) {
      want_ref = 0;
    } else if (strcmp(a, "--run") == 0) {
      TAKES_VALUE();
      cfg.run_globs =
          xrealloc(cfg.run_globs, (cfg.nrun + 1) * sizeof *cfg.run_globs);
      cfg.run_globs[cfg.nrun++] = xstrdup(v);
    } else if (strcmp(a, "--skip") == 0) {
      TAKES_VALUE();
      cfg.skip_globs =
          xrealloc(cfg.skip_globs, (cfg.nskip + 1) * sizeof *cfg.skip_globs);
      cfg.skip_globs[cfg.nskip++] = xstrdup(v);
    } else if (strcmp(a, "--skip-file") == 0) {
      TAKES_VALUE();
      if (read_skip_file(v, &cfg.skip_globs, &cfg.nskip) != 0) {
        fprintf(stderr, "poxauth-conformance: cannot read %s\n", v);
        return EX_NOINPUT;
      }
    } else if (strcmp(a, "--timeout") == 0) {
      char *end;
      TAKES_VALUE();
      cfg.timeout = strtod(v, &end);
      if (*end || !(cfg.timeout > 0 && cfg.timeout <= 3600)) {
        fprintf(stderr,
                "poxauth-conformance: --timeout takes seconds, 0 to 3600\n");
        return EX_USAGE;
      }
    } else if (strcmp(a, "--jobs") == 0) {
      char *end;
      unsigned long n;
      TAKES_VALUE();
      n = strtoul(v, &end, 10);
      if (*end || n < 1 || n > 64) {
        fprintf(stderr, "poxauth-conformance: --jobs takes 1 to 64\n");
        return EX_USAGE;
      }
      cfg.jobs = (unsigned)n;
    } else if (strcmp(a, "--json") == 0) {
      TAKES_VALUE();
      json = v;
    } else if (strcmp(a, "--junit") == 0) {
      TAKES_VALUE();
      junit = v;
    } else if (strcmp(a, "--html") == 0) {
      TAKES_VALUE();
      html = v;
    } else if (strcmp(a, "--tap") == 0) {
      tap = 1;
    } else if (strcmp(a, "--verbose") == 0 || strcmp(a, "-v") == 0) {
      verbose = 1;
    } else if (strcmp(a, "--fuzz-corpus") == 0) {
      TAKES_VALUE();
      fuzz_dir = v;
    } else if (strcmp(a, "--manifest") == 0) {
      TAKES_VALUE();
      manifest = v;
    } else if (strcmp(a, "--coverage-check") == 0) {
      coverage = 1;
    } else {
      fprintf(stderr, "poxauth-conformance: unknown option %s\n", a);
      usage(stderr);
      return EX_USAGE;
    }
#undef TAKES_VALUE
  }

  if (cases_load(cases_dir, &cfg.cases, &cfg.ncases) != 0 || cfg.ncases == 0) {
    fprintf(stderr,
            "poxauth-conformance: the cases in %s could not all be loaded\n",
            cases_dir);
    cases_free(cfg.cases, cfg.ncases);
    return EX_NOINPUT;
  }
  if (fuzz_dir || manifest || coverage) {
    if (fuzz_dir && export_fuzz(cfg.cases, cfg.ncases, fuzz_dir) != 0)
      status = 1;
    if (manifest && export_manifest(cfg.cases, cfg.ncases, manifest) != 0)
      status = 1;
    if (coverage && coverage_check(cfg.cases, cfg.ncases) != 0)
      status = 1;
    cases_free(cfg.cases, cfg.ncases);
    return status;
  }

  if (want_ref == 1 || (want_ref == -1 && cfg.nimpls != 1)) {
    /* The reference is the first column. */
    memmove(&cfg.impls[1], &cfg.impls[0], cfg.nimpls * sizeof cfg.impls[0]);
    cfg.impls[0].name = "reference";
    cfg.impls[0].command = NULL;
    cfg.nimpls++;
  }
  if (cfg.nimpls == 0) {
    fprintf(
        stderr,
        "poxauth-conformance: nothing to run (--no-reference and no --impl)\n");
    cases_free(cfg.cases, cfg.ncases);
    return EX_USAGE;
  }
  /* An adapter that exits early must not kill the runner with SIGPIPE. */
  signal(SIGPIPE, SIG_IGN);

  run_all(&cfg);

  if (tap)
    report_tap(&cfg);
  else
    report_text(&cfg, verbose);
  if (cfg.nimpls > 1)
    matrix_table(&cfg, tap ? "# " : "");
  if (json && report_json(&cfg, json) != 0)
    status = 1;
  if (junit && report_junit(&cfg, junit) != 0)
    status = 1;
  if (html && matrix_html(&cfg, html) != 0)
    status = 1;
  if (report_summary(&cfg, tap ? "# " : "") != 0)
    status = 1;

  for (k = 0; k < cfg.ncases * NPROFILES * cfg.nimpls; k++) {
    free(cfg.results[k].got);
    free(cfg.results[k].err);
  }
  free(cfg.results);
  for (k = 0; k < cfg.nrun; k++)
    free(cfg.run_globs[k]);
  free(cfg.run_globs);
  for (k = 0; k < cfg.nskip; k++)
    free(cfg.skip_globs[k]);
  free(cfg.skip_globs);
  cases_free(cfg.cases, cfg.ncases);
  return status;
}
