/* SPDX-License-Identifier: MIT */
/* poxauth: check POX Autodiscover responses for AuthPackage conformance. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "poxauth.h"
#include "report.h"

/* Exit codes, documented in the README and SPEC.md. */
enum {
  EXIT_CONFORMANT = 0,
  EXIT_VIOLATIONS = 1,
  EXIT_REJECTED = 2,
  EXIT_USAGE = 64,
  EXIT_NOINPUT = 66
};

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_CANONICAL };

#define MAX_HEADER_LINES 64

static const char usage[] =
    "usage: poxauth [OPTION]... [FILE...|-]\n"
    "Check the AuthPackage elements of POX Autodiscover responses.\n"
    "\n"
    "  --profile P               union (default: the values of both\n"
    "                            sources), pox or oxdscli (one source)\n"
    "  --client-can-handle V     an X-ClientCanHandle header line the request\n"
    "                            sent (repeatable; '' is a present but empty\n"
    "                            header; none means the header was absent)\n"
    "  --server-build A.B.C.D    the server build, 1 to 4 decimal parts\n"
    "  --format F                text (default), json, or canonical\n"
    "                            (conformance/FORMAT.md)\n"
    "  --max-input-bytes N       limits (0: default); see README\n"
    "  --max-depth N\n"
    "  --max-elements N\n"
    "  --max-protocols N\n"
    "  --max-text-bytes N\n"
    "  --help, --version\n"
    "\n"
    "Reads standard input when no FILE or '-' is given.\n"
    "Exit status: 0 conformant, 1 violations, 2 rejected input, 64 usage\n"
    "error, 66 a FILE could not be read (the worst over all FILEs).\n";

static int
usage_error(const char *msg, const char *arg) {
  fprintf(stderr, "poxauth: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
  fprintf(stderr, "Try 'poxauth --help'.\n");
  return EXIT_USAGE;
}

static int
parse_size(const char *s, size_t *out) {
  char *end;
  unsigned long long v;
  if (!s || !*s || *s == '-')
    return -1;
  errno = 0;
  v = strtoull(s, &end, 10);
  if (errno || *end || v > (unsigned long long)(size_t)-1)
    return -1;
  *out = (size_t)v;
  return 0;
}

/* Stream one file through the parser; the tool's memory stays constant
 * however large the file is. */
static poxauth_status
check_stream(FILE *in, const poxauth_options *opts, poxauth_result **out,
             int *read_error) {
  static char buf[64 * 1024];
  poxauth_parser *p;
  const char *err = NULL;
  poxauth_status st = poxauth_parser_create(opts, &p, &err);
  *out = NULL;
  *read_error = 0;
  if (st != POXAUTH_OK)
    return st;
  for (;;) {
    size_t n = fread(buf, 1, sizeof buf, in);
    if (n > 0) {
      st = poxauth_parser_feed(p, buf, n);
      if (st != POXAUTH_OK)
        break; /* rejected: the rest is not needed */
    }
    if (n < sizeof buf) {
      if (ferror(in))
        *read_error = 1;
      break;
    }
  }
  if (*read_error) {
    poxauth_parser_destroy(p);
    return POXAUTH_ERR_ARGUMENT;
  }
  st = poxauth_parser_finish(p, out);
  poxauth_parser_destroy(p);
  return st;
}

static int
exit_for(const poxauth_result *r) {
  if (poxauth_result_rejection(r))
    return EXIT_REJECTED;
  return poxauth_result_violation_count(r) ? EXIT_VIOLATIONS : EXIT_CONFORMANT;
}

static int
worse(int a, int b) {
  static const int rank[] = {EXIT_CONFORMANT, EXIT_VIOLATIONS, EXIT_REJECTED,
                             EXIT_NOINPUT};
  int ra = 0, rb = 0, i;
  for (i = 0; i < 4; i++) {
    if (rank[i] == a)
      ra = i;
    if (rank[i] == b)
      rb = i;
  }
  return ra >= rb ? a : b;
}

int
main(int argc, char **argv) {
  poxauth_options opts;
  poxauth_bytes lines[MAX_HEADER_LINES];
  size_t nlines = 0;
  const char *build = NULL;
  enum format fmt = FORMAT_TEXT;
  const char **files;
  size_t nfiles = 0, i;
  int status = EXIT_CONFORMANT, only_files = 0, a;

  poxauth_options_init(&opts);
  files = (const char **)calloc((size_t)argc + 1, sizeof *files);
  if (!files) {
    fprintf(stderr, "poxauth: out of memory\n");
    return EXIT_REJECTED;
  }
  for (a = 1; a < argc; a++) {
    const char *arg = argv[a];
    const char *val = a + 1 < argc ? argv[a + 1] : NULL;
    size_t *limit = NULL;
    if (only_files || arg[0] != '-' || strcmp(arg, "-") == 0) {
      files[nfiles++] = arg;
      continue;
    }
    if (strcmp(arg, "--") == 0) {
      only_files = 1;
    } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
      fputs(usage, stdout);
      free(files);
      return 0;
    } else if (strcmp(arg, "--version") == 0) {
      printf("poxauth %s (expat %s)\n", poxauth_version(),
             poxauth_expat_version());
      free(files);
      return 0;
    } else if (strcmp(arg, "--profile") == 0) {
      if (val && strcmp(val, "pox") == 0)
        opts.profile = POXAUTH_PROFILE_POX;
      else if (val && strcmp(val, "oxdscli") == 0)
        opts.profile = POXAUTH_PROFILE_OXDSCLI;
      else if (val && strcmp(val, "union") == 0)
        opts.profile = POXAUTH_PROFILE_UNION;
      else {
        free(files);
        return usage_error("--profile takes union, pox or oxdscli", val);
      }
      a++;
    } else if (strcmp(arg, "--client-can-handle") == 0) {
      if (!val || nlines == MAX_HEADER_LINES) {
        free(files);
        return usage_error(val ? "too many --client-can-handle lines"
                               : "--client-can-handle needs a value",
                           NULL);
      }
      lines[nlines].data = val;
      lines[nlines].len = strlen(val);
      nlines++;
      a++;
    } else if (strcmp(arg, "--server-build") == 0) {
      poxauth_build b;
      if (!val || poxauth_build_parse(val, strlen(val), &b) != 0) {
        free(files);
        return usage_error("--server-build takes 1 to 4 dot-separated "
                           "decimal parts, e.g. 15.0.995.14",
                           val);
      }
      build = val;
      a++;
    } else if (strcmp(arg, "--format") == 0) {
      if (val && strcmp(val, "text") == 0)
        fmt = FORMAT_TEXT;
      else if (val && strcmp(val, "json") == 0)
        fmt = FORMAT_JSON;
      else if (val && strcmp(val, "canonical") == 0)
        fmt = FORMAT_CANONICAL;
      else {
        free(files);
        return usage_error("--format takes text, json or canonical", val);
      }
      a++;
    } else if ((strcmp(arg, "--max-input-bytes") == 0 &&
                (limit = &opts.limits.max_input_bytes)) ||
               (strcmp(arg, "--max-depth") == 0 &&
                (limit = &opts.limits.max_depth)) ||
               (strcmp(arg, "--max-elements") == 0 &&
                (limit = &opts.limits.max_elements)) ||
               (strcmp(arg, "--max-protocols") == 0 &&
                (limit = &opts.limits.max_protocols)) ||
               (strcmp(arg, "--max-text-bytes") == 0 &&
                (limit = &opts.limits.max_text_bytes))) {
      if (parse_size(val, limit) != 0) {
        free(files);
        return usage_error("a limit takes a decimal number", val);
      }
      a++;
    } else {
      free(files);
      return usage_error("unknown option", arg);
    }
  }
  if (nfiles == 0)
    files[nfiles++] = "-";
  opts.can_handle = lines;
  opts.can_handle_count = nlines;
  opts.server_build = build;
  opts.server_build_len = build ? strlen(build) : 0;

  for (i = 0; i < nfiles; i++) {
    const char *name = files[i];
    int is_stdin = strcmp(name, "-") == 0;
    FILE *in = is_stdin ? stdin : fopen(name, "rb");
    poxauth_result *r = NULL;
    poxauth_status st;
    int read_error;
    report_ctx rc;
    if (!in) {
      fprintf(stderr, "poxauth: %s: %s\n", name, strerror(errno));
      status = worse(status, EXIT_NOINPUT);
      continue;
    }
    st = check_stream(in, &opts, &r, &read_error);
    if (!is_stdin)
      fclose(in);
    if (read_error) {
      fprintf(stderr, "poxauth: %s: read error\n", name);
      status = worse(status, EXIT_NOINPUT);
      continue;
    }
    if (!r) {
      /* Only allocation failure before any input can get here: the
       * options were checked above. */
      fprintf(stderr, "poxauth: %s: %s\n", name, poxauth_status_name(st));
      status = worse(status, EXIT_REJECTED);
      continue;
    }
    rc.file = is_stdin ? "<stdin>" : name;
    rc.opts = &opts;
    rc.server_build = build;
    if (fmt == FORMAT_CANONICAL) {
      if (report_canonical(stdout, r) != 0) {
        fprintf(stderr, "poxauth: out of memory\n");
        status = worse(status, EXIT_REJECTED);
      }
    } else if (fmt == FORMAT_JSON) {
      report_json(stdout, &rc, r);
    } else {
      report_text(stdout, &rc, r);
    }
    status = worse(status, exit_for(r));
    poxauth_result_free(r);
  }
  free(files);
  if (fflush(stdout) != 0)
    return EXIT_REJECTED;
  return status;
}
